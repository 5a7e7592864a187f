//! The one place where core values cross into Python and back.
//!
//! - [`ToPy`] turns a core field into the Python type a user expects: `Decimal` amounts,
//!   `Money`, aware `datetime`, `date`, `str` for enums, wrapper objects for records.
//! - [`from_py`] / [`from_json`] read the documented JSON shape (from a dict or text), so
//!   a malformed value raises `MedJourneyError` with the core's code.
//! - [`record!`](crate::record) declares a wrapper class for a core serde type with
//!   `from_dict`/`to_dict`/`from_json`/`to_json`, typed getters, `__repr__` and `==`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use medjourney::{Currency, Decimal, Error, Money};
use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray1, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::errors::{to_py, validation};
use crate::money::PyMoney;

/// A core value as the Python object users expect.
pub trait ToPy {
    /// The Python object for this value.
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
}

macro_rules! to_py_native {
    ($($t:ty),*) => {$(
        impl ToPy for $t {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(self.clone().into_pyobject(py)?.to_owned().into_any())
            }
        }
    )*};
}
to_py_native!(
    String,
    bool,
    u8,
    u32,
    u64,
    usize,
    i64,
    f64,
    Decimal,
    NaiveDate,
    NaiveDateTime
);

impl ToPy for DateTime<Utc> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.into_pyobject(py)?.into_any())
    }
}

impl ToPy for Money {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(Bound::new(py, PyMoney(*self))?.into_any())
    }
}

impl ToPy for Currency {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.code().to_string().to_py(py)
    }
}

impl<T: ToPy> ToPy for Option<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.to_py(py),
            None => Ok(py.None().into_bound(py)),
        }
    }
}

impl<T: ToPy> ToPy for Vec<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self
            .iter()
            .map(|v| v.to_py(py))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }
}

/// Implements [`ToPy`] through the JSON shape: snake_case strings for enums, plain dicts
/// for small tagged values.
#[macro_export]
macro_rules! to_py_via_serde {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::convert::ToPy for $t {
            fn to_py<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::convert::to_dict(py, self)
            }
        }
    )*};
}

to_py_via_serde!(
    medjourney::Rate,
    medjourney::ConvertOptions,
    std::collections::BTreeMap<String, f64>,
);

/// Any serde value as Python built-ins (the documented JSON shape).
pub fn to_dict<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(|e| to_py(Error::invalid("to_dict", e.to_string())))
}

/// A core value from Python built-ins in the documented JSON shape.
pub fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    pythonize::depythonize(obj).map_err(|e| to_py(Error::deserialize("python", what, e)))
}

/// A core value from JSON text.
pub fn from_json<T: DeserializeOwned>(text: &str, what: &str) -> PyResult<T> {
    serde_json::from_str(text).map_err(|e| to_py(Error::json(what, &e)))
}

/// JSON text of a core value.
pub fn to_json<T: Serialize>(value: &T, what: &str) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| to_py(Error::json(what, &e)))
}

/// Accepts a wrapper object of type `W` or its dict / JSON-shaped form.
pub fn extract_or_parse<T, W>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<T>
where
    T: DeserializeOwned,
    W: pyo3::PyClass + Clone + Into<T>,
    for<'a, 'py> W: FromPyObject<'a, 'py>,
{
    if let Ok(w) = obj.extract::<W>() {
        return Ok(w.into());
    }
    from_py(obj, what)
}

/// Rows as a list of dicts (shared by every table's `to_dicts`).
pub fn rows_to_dicts<'py, T: ToPy>(py: Python<'py>, rows: &[T]) -> PyResult<Bound<'py, PyList>> {
    let items = rows
        .iter()
        .map(|r| {
            let v = r.to_py(py)?;
            v.call_method0("to_row")
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// `medjourney._table.<func>(rows)`: pandas frames and escaped HTML for table results.
pub fn table_call<'py>(
    rows: Bound<'py, PyList>,
    func: &str,
    title: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let py = rows.py();
    py.import("medjourney._table")?
        .call_method1(func, (rows, title))
}

/// A dict of the value's public fields for a table row: each getter's typed value.
pub fn row_dict<'py>(
    py: Python<'py>,
    pairs: Vec<(&'static str, Bound<'py, PyAny>)>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in pairs {
        d.set_item(k, v)?;
    }
    Ok(d)
}

/// Declares a Python class wrapping a core serde type.
///
/// `record!(PyQuote, Quote, "Quote", "quote", [fields…], repr [fields…], check f, { extra })`
/// gives typed getters for `fields`, `to_row()` (those getters as a dict), `to_dict`,
/// `from_dict`, `to_json`, `from_json` (both run `check`, the core's validation),
/// `__repr__` over the `repr` fields and `==`.
#[macro_export]
macro_rules! record {
    (
        $(#[$meta:meta])*
        $py:ident, $core:ty, $name:literal, $what:literal,
        [$($field:ident),* $(,)?],
        repr [$($rfield:ident),* $(,)?],
        check $check:expr,
        { $($extra:tt)* }
    ) => {
        $(#[$meta])*
        #[pyo3::pyclass(module = "medjourney", name = $name, eq, from_py_object)]
        #[derive(Clone, PartialEq)]
        pub struct $py(pub $core);

        impl From<$py> for $core {
            fn from(w: $py) -> $core {
                w.0
            }
        }

        impl $crate::convert::ToPy for $core {
            fn to_py<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                Ok(pyo3::Bound::new(py, $py(self.clone()))?.into_any())
            }
        }

        #[pyo3::pymethods]
        impl $py {
            $(
                #[doc = concat!("The `", stringify!($field), "` field.")]
                #[getter]
                fn $field<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                    $crate::convert::ToPy::to_py(&self.0.$field, py)
                }
            )*

            /// The documented JSON shape as Python built-ins (amounts and instants as strings).
            fn to_dict<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::convert::to_dict(py, &self.0)
            }

            /// Reads the documented JSON shape from Python built-ins.
            #[staticmethod]
            fn from_dict(d: &pyo3::Bound<'_, pyo3::PyAny>) -> pyo3::PyResult<Self> {
                let v = $crate::convert::from_py::<$core>(d, $what)?;
                $crate::errors::IntoPy::py(($check)(&v))?;
                Ok($py(v))
            }

            /// The documented JSON text.
            fn to_json(&self) -> pyo3::PyResult<String> {
                $crate::convert::to_json(&self.0, $what)
            }

            /// Reads the documented JSON text.
            #[staticmethod]
            fn from_json(text: &str) -> pyo3::PyResult<Self> {
                let v = $crate::convert::from_json::<$core>(text, $what)?;
                $crate::errors::IntoPy::py(($check)(&v))?;
                Ok($py(v))
            }

            /// The typed fields as a dict (`Decimal`, `Money`, `datetime`…): one table row.
            fn to_row<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::types::PyDict>> {
                let pairs: Vec<(&'static str, pyo3::Bound<'py, pyo3::PyAny>)> = vec![
                    $( (stringify!($field), $crate::convert::ToPy::to_py(&self.0.$field, py)?), )*
                ];
                $crate::convert::row_dict(py, pairs)
            }

            fn __repr__(&self, py: pyo3::Python<'_>) -> pyo3::PyResult<String> {
                let _ = py;
                let parts: Vec<String> = vec![
                    $( format!(
                        "{}={}",
                        stringify!($rfield),
                        $crate::convert::ToPy::to_py(&self.0.$rfield, py)?.repr()?
                    ), )*
                ];
                Ok(format!("{}({})", $name, parts.join(", ")))
            }

            $($extra)*
        }
    };
}

/// The `check` of a record whose core type has no validation of its own.
pub fn no_check<T>(_: &T) -> medjourney::Result<()> {
    Ok(())
}

/// One column as a contiguous read-only numpy array of the core's dtype: zero-copy when it
/// already is one, otherwise converted once, refusing values the dtype cannot hold.
pub fn column<'py, T: numpy::Element>(
    obj: &Bound<'py, PyAny>,
    name: &str,
) -> PyResult<PyReadonlyArray1<'py, T>> {
    if let Ok(a) = obj.cast::<PyArray1<T>>() {
        if a.is_contiguous() {
            return Ok(a.readonly());
        }
    }
    let py = obj.py();
    let np = py.import("numpy")?;
    let dtype = numpy::dtype::<T>(py);
    let bad = |why: String| validation("invalid_input", format!("column {name}: {why}"));
    let arr = np
        .call_method1("asarray", (obj,))
        .map_err(|e| bad(e.to_string()))?;
    if arr.getattr("ndim")?.extract::<usize>()? != 1 {
        return Err(bad("must be one-dimensional".into()));
    }
    let cast = arr
        .call_method1("astype", (dtype,))
        .map_err(|e| bad(e.to_string()))?;
    let same: bool = np
        .call_method1("array_equal", (&cast, &arr, true))?
        .extract()?;
    if !same {
        return Err(bad(format!(
            "values do not fit {}",
            numpy::dtype::<T>(py).str()?
        )));
    }
    let cast = np.call_method1("ascontiguousarray", (cast,))?;
    Ok(cast.cast_into::<PyArray1<T>>()?.readonly())
}
