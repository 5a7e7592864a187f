//! The core's embedded sample data as Python objects (wrapped by `medjourney.samples`).

use pyo3::prelude::*;

use crate::errors::IntoPy;
use crate::money::PyFxTable;

/// The sample exchange-rate table.
#[pyfunction]
fn sample_fx() -> PyResult<PyFxTable> {
    medjourney::samples::fx().py().map(PyFxTable)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sample_fx, m)?)?;
    Ok(())
}
