//! The documented limits on input sizes, in one place. Each is far beyond any real case
//! and is there so a hostile or mistaken input gets a `too_large` error (or, for dates,
//! `invalid_input`) instead of exhausting memory or time.
//!
//! Every operation's cost is near-linear in its input (n log n at most), so these bound
//! the work too; the bench `scaling` (benches/benches/scaling.rs) shows the operations
//! most at risk at n and 8n.

/// Deepest nesting of JSON text: serde_json's recursion limit. Deeper text is a
/// `too_large` error (our shapes nest a few levels; only ignored fields can go deeper).
pub const JSON_DEPTH: usize = 128;

/// Most parts of a split or an allocation (`Money::split`, `Money::allocate`).
pub const MAX_PARTS: usize = 1_000_000;

/// Most installments of a payment plan (100 years of monthly payments).
pub const MAX_INSTALLMENTS: u32 = 1200;

/// Most items of one itinerary.
pub const MAX_ITINERARY_ITEMS: usize = 100_000;

/// Most quotes compared at once (the comparison has a finding per pair of quotes).
pub const MAX_COMPARED_QUOTES: usize = 200;

/// The first and last supported years of every date and instant: what RFC 3339,
/// iCalendar and Python's `datetime` can all carry (see [`crate::dates`]).
pub const YEARS: (i32, i32) = (1, 9999);
