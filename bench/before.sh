#!/usr/bin/env bash
# The build before the change, for `make bench`'s before/after table: commit $1 (the
# Makefile's BENCH_BEFORE) unpacked from git into target/bench-before/<commit>/ and built
# there once by that tree's own `make all`, with its own flags and tools. Later runs find
# it built and only print its folder. Prints the folder (stdout); the build's log goes to
# stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
rev=$(git rev-parse --verify "${1:?usage: bench/before.sh COMMIT}^{commit}")
dir=target/bench-before/$rev
if [ ! -f "$dir/.bench-built" ]; then
  echo "bench: building the before build ($rev) in $dir (once)" >&2
  rm -rf "$dir"
  mkdir -p "$dir"
  git archive --format=tar "$rev" | tar -x -C "$dir"
  # Its own make, not this one's variables or jobs.
  env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS -u CARGO_TARGET_DIR -u RUSTFLAGS make -C "$dir" all >&2
  touch "$dir/.bench-built"
fi
echo "$dir"
