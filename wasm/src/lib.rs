//! The JavaScript face of medjourney: plain objects in the documented JSON shape in and
//! out, errors thrown as `MedJourneyError`. Conversions only; every rule is in the core.
//!
//! One module per domain, as in the core; the shared conversion helpers are in `convert`.
//! The `itinerary` and `csv` features forward the core's: without them, their functions
//! are simply not exported (the lean npm build).

mod convert;
pub mod cost;
#[cfg(feature = "itinerary")]
pub mod itinerary;
pub mod journey;
pub mod matching;
pub mod money;
pub mod samples;

pub use cost::*;
#[cfg(feature = "itinerary")]
pub use itinerary::*;
pub use journey::*;
pub use matching::*;
pub use money::*;
pub use samples::Samples;
