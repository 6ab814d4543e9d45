#!/usr/bin/env python3
"""Packs a directory into a zip with stable order and timestamps.

Why not `zip`: it is not on every fresh machine, and its archives change with file mtimes,
so two builds of the same source would not compare equal (`make reproducible` checks
that they do). usage: zip.py SRC_DIR OUT.zip
"""
import os
import sys
import zipfile

src, out = sys.argv[1], sys.argv[2]
files = []
for root, dirs, names in os.walk(src):
    dirs.sort()
    files += [os.path.join(root, n) for n in sorted(names) if not n.startswith(".")]
tmp = out + ".tmp"
with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for path in files:
        info = zipfile.ZipInfo(os.path.relpath(path, src).replace(os.sep, "/"), (2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        # One mode for every file, whatever the checkout's: the Makefile runs its scripts
        # through bash, so an unpacked source zip needs no executable bit.
        info.external_attr = 0o644 << 16
        with open(path, "rb") as f:
            z.writestr(info, f.read(), compresslevel=9)
os.replace(tmp, out)
