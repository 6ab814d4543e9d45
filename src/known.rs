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

use crate::level::Level;
use crate::model::{Component, Group, Snapshot, SourceKind};

type GroupTable = &'static [(&'static str, &'static [(&'static str, &'static str)])];

/// (group name, [(component id, component name)]), page order.
pub const KNOWN_GROUPS: GroupTable = &[
    (
        "ChatGPT",
        &[
            ("01JMXBNJXGV1T5GT2M9XA83XNG", "Conversations"),
            ("01JMXBNJXG1S2D9V65P1ZZTD94", "Login"),
            ("01KX45G1SH21AX5DT93D4HMF0P", "ChatGPT Work"),
            ("01KMKFAMWKQ81YWSE1Z18R6VHR", "Codex in ChatGPT Desktop"),
            ("01JNKS9D9S72PMP1938PVFFQN4", "Compliance API"),
            ("01JMXBNJXGKKP51D4DEJ2HZJ8Q", "Search"),
            ("01JMXBNJXG1YMQPPCPCQX3MPA2", "File uploads"),
            ("01JMXBNJXGGT5SR5DB9J7GYY48", "Voice mode"),
            ("01JSFK5QX36ZRW0TW0ZV0ZYFXQ", "GPTs"),
            ("01JQ7EKW990MSPSWVXC7VPV2ZJ", "Image Generation"),
            ("01JSYVYQSWMJ9QG35XHP08BHA7", "Deep Research"),
            ("01JSG1XMJ9RVJJQ0E85NVSJ2AZ", "Agent"),
            ("01K8C008QVXHA6JX98PAS42VPD", "ChatGPT Atlas"),
            ("01KX45G1SHQQ9DTAX9S4W7FV8G", "Sites"),
            ("01K6TVGGGDCP0PPGCHXAG3AQX8", "Connectors/Apps"),
        ],
    ),
    (
        "APIs",
        &[
            ("01JMXBRMFE6N2NNT7DG6XZQ6PW", "Chat Completions"),
            ("01JP8CD9JR3HR6Y7G4Q75N4DVW", "Responses"),
            ("01JMXBRMFEMZK0HPK19RYET250", "Fine-tuning"),
            ("01JMXBRMFEV0AJ0VVS68N9CD6R", "Embeddings"),
            ("01JMXBRMFE4MAP2BHSJNZ787WX", "Images"),
            ("01JMXBRMFE5ESNNV8JDHVCGSRD", "Batch"),
            ("01JMXBRMFEKVBWKK82B44QFMCE", "Audio"),
            ("01JMXBRMFEVZ7E0X9GD9FWR9WX", "Moderations"),
            ("01JMXBRMFEQW613TFE89F45035", "Realtime"),
            ("01JMXBRMFESJCBGJR10PDD3WCQ", "Files"),
            ("01JSM5RTJWHRWDTS6Q604VEW3B", "Login"),
            ("01K9G527YRPY1EFRMHTKB5BKT5", "Sora"),
        ],
    ),
    (
        "Codex",
        &[
            ("01JVCV8YSWZFRSM1G5CVP253SK", "Codex Web"),
            ("01KMP3KP5MGE23B80K1EK4S8PV", "Codex API"),
            ("01KMKFAMWKNQ84Z1766MV08ZDE", "CLI"),
            ("01KMP3KP5M8X0EBTVW6KN327EE", "VS Code extension"),
        ],
    ),
    ("FedRAMP", &[("01KKAD7C71MCCH3FTREMJH4AAS", "FedRAMP")]),
    (
        "Ads Platform",
        &[
            ("01KTQBYVARFJ5KMCSECM06VKCF", "Ads Manager"),
            ("01KVR95C58GGWHV7RYBT32NP11", "Ads API"),
        ],
    ),
];

/// The table as a (stateless) snapshot: group ids are `known:<name>`, every level
/// unknown. Only its structure is meant to be used.
pub fn fallback_structure() -> Snapshot {
    Snapshot {
        source: SourceKind::Compat,
        groups: KNOWN_GROUPS
            .iter()
            .map(|(name, comps)| Group {
                id: ["known:", name].concat(),
                name: (*name).to_owned(),
                hidden: false,
                components: comps
                    .iter()
                    .map(|(id, n)| Component {
                        id: (*id).to_owned(),
                        name: (*n).to_owned(),
                        hidden: false,
                        level: Level::Unknown,
                        raw_status: None,
                    })
                    .collect(),
            })
            .collect(),
        ..Snapshot::default()
    }
}
