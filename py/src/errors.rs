//! One exception class per [`ErrorKind`], mapped in one place ([`class_of`]) by kind, never
//! by string; every code comes from the core.

use medjourney::{Error, ErrorKind};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

macro_rules! exceptions {
    ($($name:ident($base:ident): $doc:literal;)+) => {
        $(pyo3::create_exception!(medjourney, $name, $base, $doc);)+

        crate::export!(|m| {
            $(m.add(stringify!($name), m.py().get_type::<$name>())?;)+
            Ok(())
        });
    };
}

exceptions! {
    MedJourneyError(PyValueError): "Base of every medjourney error; `.code` is the stable snake_case code.";
    CurrencyError(MedJourneyError): "Unknown currency codes and arithmetic across currencies.";
    CurrencyMismatchError(CurrencyError): "Arithmetic or comparison between two different currencies.";
    UnknownCurrencyError(CurrencyError): "A code that is not an ISO 4217 currency.";
    ArithmeticOverflowError(MedJourneyError): "A result outside the exact decimal range.";
    RateError(MedJourneyError): "An exchange rate that is missing, stale or invalid.";
    TransitionError(MedJourneyError): "A journey move the stage rules refuse, or time going backwards.";
    ValidationError(MedJourneyError): "Malformed or out-of-range input (an unknown option name too).";
    ParseError(MedJourneyError): "Text or a value whose shape does not parse.";
}

/// The exception class of each kind: the one mapping, exhaustive.
fn class_of(py: Python<'_>, kind: ErrorKind) -> Bound<'_, PyType> {
    match kind {
        ErrorKind::CurrencyMismatch => py.get_type::<CurrencyMismatchError>(),
        ErrorKind::UnknownCurrency => py.get_type::<UnknownCurrencyError>(),
        ErrorKind::Overflow => py.get_type::<ArithmeticOverflowError>(),
        ErrorKind::Rate => py.get_type::<RateError>(),
        ErrorKind::Transition => py.get_type::<TransitionError>(),
        ErrorKind::Validation => py.get_type::<ValidationError>(),
        ErrorKind::Parse => py.get_type::<ParseError>(),
    }
}

/// A core error as its Python exception, with `.code` set.
pub trait ToPyErr {
    /// The exception to raise.
    fn to_py_err(self) -> PyErr;
}

impl ToPyErr for Error {
    fn to_py_err(self) -> PyErr {
        Python::attach(|py| {
            let err = PyErr::from_type(class_of(py, self.kind()), self.to_string());
            // Setting an attribute on a fresh exception cannot fail in practice; if it did,
            // the exception is still raised, only without `.code`.
            let _ = err.value(py).setattr("code", self.code());
            err
        })
    }
}

/// Extension to turn core results into Python results.
pub trait IntoPy<T> {
    /// Maps a core error to its Python exception.
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPy<T> for medjourney::Result<T> {
    fn py(self) -> PyResult<T> {
        self.map_err(ToPyErr::to_py_err)
    }
}

crate::export!(|m| {
    let py = m.py();
    m.add("ERROR_CODES", Error::CODES.to_vec())?;
    let classes = PyDict::new(py);
    for code in Error::CODES {
        if let Some(kind) = Error::kind_of(code) {
            classes.set_item(code, class_of(py, kind))?;
        }
    }
    m.add("ERROR_CLASSES", classes)
});
