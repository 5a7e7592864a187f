//! One exception class per error family, mapped in one place (`to_py`).

use medjourney::{Error, ErrorKind};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

pyo3::create_exception!(
    medjourney,
    MedJourneyError,
    PyValueError,
    "Base of every medjourney error; `.code` is the stable snake_case code."
);
pyo3::create_exception!(
    medjourney,
    CurrencyError,
    MedJourneyError,
    "Unknown currency codes and arithmetic across currencies."
);
pyo3::create_exception!(
    medjourney,
    CurrencyMismatchError,
    CurrencyError,
    "Arithmetic or comparison between two different currencies."
);
pyo3::create_exception!(
    medjourney,
    UnknownCurrencyError,
    CurrencyError,
    "A code that is not an ISO 4217 currency."
);
pyo3::create_exception!(
    medjourney,
    ArithmeticOverflowError,
    MedJourneyError,
    "A result outside the exact decimal range."
);
pyo3::create_exception!(
    medjourney,
    RateError,
    MedJourneyError,
    "An exchange rate that is missing, stale or invalid."
);
pyo3::create_exception!(
    medjourney,
    TransitionError,
    MedJourneyError,
    "A journey move the stage rules refuse, or time going backwards."
);
pyo3::create_exception!(
    medjourney,
    ValidationError,
    MedJourneyError,
    "Malformed or out-of-range input."
);
pyo3::create_exception!(
    medjourney,
    ParseError,
    MedJourneyError,
    "Text (JSON, CSV, money) that does not parse."
);

/// The Python exception for a core error, with `.code` set.
pub fn to_py(err: Error) -> PyErr {
    let message = err.to_string();
    let pyerr = match (err.kind(), err.code()) {
        (_, "currency_mismatch") => CurrencyMismatchError::new_err(message),
        (_, "unknown_currency") => UnknownCurrencyError::new_err(message),
        (ErrorKind::Currency, _) => CurrencyError::new_err(message),
        (ErrorKind::Overflow, _) => ArithmeticOverflowError::new_err(message),
        (ErrorKind::Rate, _) => RateError::new_err(message),
        (ErrorKind::Transition, _) => TransitionError::new_err(message),
        (ErrorKind::Parse, _) => ParseError::new_err(message),
        (ErrorKind::Validation, _) => ValidationError::new_err(message),
    };
    Python::attach(|py| {
        // Setting an attribute on a fresh exception instance cannot fail in practice;
        // if it ever did, the exception is still raised, only without `.code`.
        let _ = pyerr.value(py).setattr("code", err.code());
    });
    pyerr
}

/// Extension to turn core results into Python results.
pub trait IntoPy<T> {
    /// Maps a core error to its Python exception.
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPy<T> for medjourney::Result<T> {
    fn py(self) -> PyResult<T> {
        self.map_err(to_py)
    }
}

/// A `ValidationError` with a code, for Python-side type problems (a float amount…).
pub fn validation(code: &'static str, message: String) -> PyErr {
    let pyerr = ValidationError::new_err(message);
    Python::attach(|py| {
        let _ = pyerr.value(py).setattr("code", code);
    });
    pyerr
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("MedJourneyError", py.get_type::<MedJourneyError>())?;
    m.add("CurrencyError", py.get_type::<CurrencyError>())?;
    m.add(
        "CurrencyMismatchError",
        py.get_type::<CurrencyMismatchError>(),
    )?;
    m.add(
        "UnknownCurrencyError",
        py.get_type::<UnknownCurrencyError>(),
    )?;
    m.add(
        "ArithmeticOverflowError",
        py.get_type::<ArithmeticOverflowError>(),
    )?;
    m.add("RateError", py.get_type::<RateError>())?;
    m.add("TransitionError", py.get_type::<TransitionError>())?;
    m.add("ValidationError", py.get_type::<ValidationError>())?;
    m.add("ParseError", py.get_type::<ParseError>())?;
    Ok(())
}
