//! What every later stage speaks in: the normalised snapshot of the status page, the one
//! level scale, the user's settings, the table of which services matter on which page, and
//! status-page text made safe to display. Depends on nothing else in the crate.

pub mod impacts;
pub mod level;
pub mod pages;
pub mod settings;
pub mod snapshot;
pub mod text;
