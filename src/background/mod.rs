//! The background's bookkeeping: what is kept in `storage.local` and how older records are
//! brought up to date, which events become notifications, when to check next, and one
//! check as a step machine that the wasm facade drives with real requests.

pub mod check;
pub mod migrate;
pub mod notify;
pub mod record;
pub mod schedule;
