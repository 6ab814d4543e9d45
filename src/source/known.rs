//! A last-resort copy of the page's group structure, for compat data with no
//! previous native snapshot to borrow groups from (e.g. first run while the native
//! endpoint is down). Without it, compat data is flat and no page banner could
//! tell ChatGPT's components from the API's.
//!
//! Baked from `tests/fixtures/real/components.2026-07-09.json` (ids) and the group
//! lists in `docs/status-source.md` (Aug–Sep 2026). Which "Login" is whose is
//! inferred from id batches: ChatGPT's shares the `01JMXBNJXG…` batch of
//! Conversations/Search/Voice mode; the API's was created later. Any native
//! snapshot replaces this table, and ids that the compat data does not list are
//! dropped (see `parse_compat`), so it can only go stale gracefully.

use crate::model::level::Level;
use crate::model::snapshot::{Component, Group, Snapshot, SourceKind};

/// The table, one line per entry in page order: `#` and a group's name, then each of its
/// components as its id ([`ID_LEN`] chars), a space and its name: the page's own
/// layout, easy to compare with the page when it changes.
pub const KNOWN: &str = "\
#ChatGPT\n\
01JMXBNJXGV1T5GT2M9XA83XNG Conversations\n\
01JMXBNJXG1S2D9V65P1ZZTD94 Login\n\
01KX45G1SH21AX5DT93D4HMF0P ChatGPT Work\n\
01KMKFAMWKQ81YWSE1Z18R6VHR Codex in ChatGPT Desktop\n\
01JNKS9D9S72PMP1938PVFFQN4 Compliance API\n\
01JMXBNJXGKKP51D4DEJ2HZJ8Q Search\n\
01JMXBNJXG1YMQPPCPCQX3MPA2 File uploads\n\
01JMXBNJXGGT5SR5DB9J7GYY48 Voice mode\n\
01JSFK5QX36ZRW0TW0ZV0ZYFXQ GPTs\n\
01JQ7EKW990MSPSWVXC7VPV2ZJ Image Generation\n\
01JSYVYQSWMJ9QG35XHP08BHA7 Deep Research\n\
01JSG1XMJ9RVJJQ0E85NVSJ2AZ Agent\n\
01K8C008QVXHA6JX98PAS42VPD ChatGPT Atlas\n\
01KX45G1SHQQ9DTAX9S4W7FV8G Sites\n\
01K6TVGGGDCP0PPGCHXAG3AQX8 Connectors/Apps\n\
#APIs\n\
01JMXBRMFE6N2NNT7DG6XZQ6PW Chat Completions\n\
01JP8CD9JR3HR6Y7G4Q75N4DVW Responses\n\
01JMXBRMFEMZK0HPK19RYET250 Fine-tuning\n\
01JMXBRMFEV0AJ0VVS68N9CD6R Embeddings\n\
01JMXBRMFE4MAP2BHSJNZ787WX Images\n\
01JMXBRMFE5ESNNV8JDHVCGSRD Batch\n\
01JMXBRMFEKVBWKK82B44QFMCE Audio\n\
01JMXBRMFEVZ7E0X9GD9FWR9WX Moderations\n\
01JMXBRMFEQW613TFE89F45035 Realtime\n\
01JMXBRMFESJCBGJR10PDD3WCQ Files\n\
01JSM5RTJWHRWDTS6Q604VEW3B Login\n\
01K9G527YRPY1EFRMHTKB5BKT5 Sora\n\
#Codex\n\
01JVCV8YSWZFRSM1G5CVP253SK Codex Web\n\
01KMP3KP5MGE23B80K1EK4S8PV Codex API\n\
01KMKFAMWKNQ84Z1766MV08ZDE CLI\n\
01KMP3KP5M8X0EBTVW6KN327EE VS Code extension\n\
#FedRAMP\n\
01KKAD7C71MCCH3FTREMJH4AAS FedRAMP\n\
#Ads Platform\n\
01KTQBYVARFJ5KMCSECM06VKCF Ads Manager\n\
01KVR95C58GGWHV7RYBT32NP11 Ads API";

/// Every component id in [`KNOWN`] is a ULID: 26 chars.
const ID_LEN: usize = 26;

/// The table as a (stateless) snapshot: group ids are `known:<name>`, every level
/// unknown. Only its structure is meant to be used.
pub fn fallback_structure() -> Snapshot {
    let mut groups: Vec<Group> = Vec::new();
    let mut line_start = 0;
    let bytes = KNOWN.as_bytes();
    while line_start < bytes.len() {
        let mut end = line_start;
        while end < bytes.len() && bytes[end] != b'\n' {
            end += 1;
        }
        let line = &KNOWN[line_start..end];
        line_start = end + 1;
        if let Some(name) = line.strip_prefix('#') {
            groups.push(Group {
                id: format!("known:{name}"),
                name: name.to_owned(),
                hidden: false,
                components: Vec::new(),
            });
        } else if let (Some(g), Some(id), Some(name)) = (
            groups.last_mut(),
            line.get(..ID_LEN),
            line.get(ID_LEN + 1..),
        ) {
            g.components.push(Component {
                id: id.to_owned(),
                name: name.to_owned(),
                hidden: false,
                level: Level::Unknown,
                raw_status: None,
                not_reported: false,
            });
        }
    }
    Snapshot {
        source: SourceKind::Compat,
        groups,
        ..Snapshot::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_reads_as_groups_of_ulid_components() {
        let snap = fallback_structure();
        let mut shape = Vec::new();
        for g in &snap.groups {
            assert_eq!(g.id, format!("known:{}", g.name));
            shape.push((g.name.as_str(), g.components.len()));
            for c in &g.components {
                assert_eq!(c.id.len(), ID_LEN, "{}", c.id);
                assert!(c.id.bytes().all(|b| b.is_ascii_alphanumeric()), "{}", c.id);
                assert!(
                    !c.name.is_empty() && !c.name.starts_with(' '),
                    "{:?}",
                    c.name
                );
            }
        }
        let want = [
            ("ChatGPT", 15),
            ("APIs", 12),
            ("Codex", 4),
            ("FedRAMP", 1),
            ("Ads Platform", 2),
        ];
        assert_eq!(shape, want);
        let first = &snap.groups[0].components[0];
        assert_eq!(
            (first.id.as_str(), first.name.as_str()),
            ("01JMXBNJXGV1T5GT2M9XA83XNG", "Conversations")
        );
        let last = &snap.groups[4].components[1];
        assert_eq!(
            (last.id.as_str(), last.name.as_str()),
            ("01KVR95C58GGWHV7RYBT32NP11", "Ads API")
        );
    }
}
