//! The Python face of medjourney: conversions and errors only, every rule is in the core.

use pyo3::prelude::*;

#[macro_use]
mod convert;
mod cost;
mod errors;
mod itinerary;
mod journey;
mod matching;
mod money;
mod samples;

/// The compiled module `medjourney._medjourney`, re-exported by the `medjourney` package.
#[pymodule]
fn _medjourney(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    money::register(m)?;
    cost::register(m)?;
    journey::register(m)?;
    itinerary::register(m)?;
    matching::register(m)?;
    samples::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
