//! Healthcare knowledge: what a coordinator knows about each procedure, and the plain words
//! for the jargon in a clinic's letters.
//!
//! - [`procedure_guide`] and [`procedure_guides`] give the shipped [`ProcedureGuide`]s: a
//!   plain-language explanation, days before the procedure, hospital nights, days to stay
//!   near the clinic (tied to the itinerary's fit-to-fly table), follow-up schedule,
//!   documents, companion advice, recovery milestones, warning signs, sources and, where one
//!   could be sourced, a published complication or success rate. [`GuideBook`] lets a caller
//!   replace or add guides and fit-to-fly rows, as [`crate::ItineraryRules`] does.
//! - [`procedures_without_guide`] lists a catalog's procedures that have no guide (a gap to
//!   fill, not an error).
//! - [`explain`] finds the medical terms in a text and explains each, from a shipped
//!   [`Glossary`] of terms and word parts that a caller can extend ([`explain_with`]).
//!
//! Sources policy: every guide, benchmark, glossary entry and word part names the public page
//! it was written from. The explanations are our own words. Public-domain pages (MedlinePlus,
//! the US National Library of Medicine; FDA; NCI) and NHS pages (Crown copyright) are linked,
//! never copied. Benchmark rates are quoted from the abstract of the study or registry cited,
//! with its case count and horizon; guides without a rate we could source carry none.
//!
//! Unknown procedure codes give [`crate::Error::UnknownProcedure`] (`unknown_procedure`).

mod book;
mod explain;
mod glossary;
mod guide;
mod source;

pub use book::{GuideBook, FIT_TO_FLY_JSON, GUIDES_JSON};
pub use explain::{explain, explain_in, explain_with, OffsetUnit, TermMatch, MAX_EXPLAIN_CHARS};
pub use glossary::{
    Glossary, GlossaryEntry, TermCategory, WordRoot, WordSuffix, GLOSSARY_JSON, MAX_TERM_WORDS,
};
pub use guide::{
    Benchmark, BenchmarkKind, Companion, DayRange, FitToFly, FollowUp, FollowUpKind, Milestone,
    ProcedureGuide, MAX_GUIDE_DAYS,
};
pub use source::Source;

use crate::error::Result;
use crate::matching::Catalog;

/// The shipped guide for a procedure code (or one of its aliases, in any case:
/// `"TKR"`, `"total knee arthroplasty"`); `unknown_procedure` when there is none.
pub fn procedure_guide(code: &str) -> Result<ProcedureGuide> {
    GuideBook::shipped()?.guide(code)
}

/// Every shipped guide, by code.
pub fn procedure_guides() -> Result<Vec<ProcedureGuide>> {
    GuideBook::shipped()?.guides_in_force()
}

/// The procedure codes of a catalog with no shipped guide, sorted.
pub fn procedures_without_guide(catalog: &Catalog) -> Result<Vec<String>> {
    Ok(GuideBook::shipped()?.missing_for(catalog))
}
