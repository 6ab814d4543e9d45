//! What each user should be told, decided from a snapshot, the fetch record, the settings
//! and the time: the [`verdict::Verdict`] (levels, incidents, banners per page, badge,
//! freshness), the guidance that goes with it, estimates and reliability from the
//! incident history, the "is it just me?" answer, banner dismissals, and the events
//! between two verdicts.

pub mod assess;
pub mod dismissals;
pub mod guidance;
pub mod history;
pub mod signals;
pub mod transitions;
pub mod verdict;

pub use assess::decide;
