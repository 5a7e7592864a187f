//! The Python face of medjourney: conversions and errors only, every rule is in the core.
//!
//! How to add to it (see py/README.md, "Adding to the bindings"): a core serde type becomes
//! a class with [`record!`] (plus a plain `#[pymethods]` block for its own methods); a
//! function is a `#[pyfunction]` listed in [`export!`]; options are `**options` read by
//! [`convert::options`]; errors are the core's, raised by [`errors::IntoPy::py`].

use pyo3::prelude::*;

#[macro_use]
mod convert;
mod cost;
mod display;
mod errors;
mod fhir;
mod itinerary;
mod journey;
mod knowledge;
mod matching;
mod money;
mod partitions;
mod planning;
mod samples;
mod tables;

/// Something that adds itself to the module: a class, functions, constants.
pub struct Export(pub fn(&Bound<'_, PyModule>) -> PyResult<()>);

inventory::collect!(Export);

/// `export!(class PyX)`, `export!(fn a, b)` or `export!(|m| …)`: registered when the
/// module loads, so nothing is listed twice.
#[macro_export]
macro_rules! export {
    (class $py:ident) => {
        inventory::submit! { $crate::Export(|m| m.add_class::<$py>()) }
    };
    (fn $($f:ident),+ $(,)?) => {
        inventory::submit! { $crate::Export(|m| {
            $(m.add_function(pyo3::wrap_pyfunction!($f, m)?)?;)+
            Ok(())
        }) }
    };
    (|$m:ident| $body:expr) => {
        inventory::submit! { $crate::Export(|$m| $body) }
    };
}

/// The compiled module `medjourney._medjourney`, re-exported by the `medjourney` package.
#[pymodule]
fn _medjourney(m: &Bound<'_, PyModule>) -> PyResult<()> {
    for export in inventory::iter::<Export> {
        (export.0)(m)?;
    }
    samples::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))
}
