//! The Python face of medjourney: conversions and errors only, every rule is in the core.

use pyo3::prelude::*;

mod errors;
mod money;
mod samples;

/// The compiled module `medjourney._medjourney`, re-exported by the `medjourney` package.
#[pymodule]
fn _medjourney(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    money::register(m)?;
    samples::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
