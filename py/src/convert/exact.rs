//! JSON text ⇄ Python values with every number's exact text: FHIR bundles, whose decimals
//! are precision-significant (`8400.00` is not `8400.0`).
//!
//! The core keeps a bundle's decimals as raw JSON text, which only serde_json can carry
//! (pythonize would see serde_json's raw-value token), so bundles cross as JSON text, and
//! this is the one place that text becomes Python values and back:
//! - [`loads`]: `json.loads(text, parse_float=decimal.Decimal)`: a number with a fraction
//!   or an exponent is a `Decimal` with its digits (`Decimal('8400.00')`), a whole number
//!   an `int`; both are exact.
//! - [`dumps`]: the reverse, for a dict given by the user: `Decimal` is written with its
//!   own digits (plain, `format(d, "f")`, unless its exponent is positive: then `str(d)`,
//!   which keeps `1.0E+3`'s significance), `int` exactly, `float` as its shortest round-trip text (what `repr`
//!   and `json.dumps` print, so `0.1` is `0.1`), `str`, `bool`, `None`, `dict` (string
//!   keys), `list` and `tuple` as JSON. Anything else, a non-finite number, or nesting
//!   deeper than [`MAX_DEPTH`] is a `parse_error`.

use medjourney::Error;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::ser::{Error as _, Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::value::RawValue;

use crate::errors::ToPyErr;

/// Deepest nesting [`dumps`] writes (serde_json reads no deeper either).
pub const MAX_DEPTH: usize = 128;

/// JSON text as Python values, numbers exact (see the module docs).
pub fn loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let kwargs = PyDict::new(py);
    kwargs.set_item("parse_float", py.import("decimal")?.getattr("Decimal")?)?;
    py.import("json")?
        .call_method("loads", (text,), Some(&kwargs))
}

/// Python values as JSON text, numbers exact (see the module docs); errors name `what`.
pub fn dumps(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    let decimal = obj.py().import("decimal")?.getattr("Decimal")?;
    let value = Exact {
        obj,
        decimal: &decimal,
        depth: 0,
    };
    serde_json::to_string(&value)
        .map_err(|e| Error::parse("python", what, e.to_string()).to_py_err())
}

/// A Python value written through serde_json.
struct Exact<'a, 'py> {
    obj: &'a Bound<'py, PyAny>,
    decimal: &'a Bound<'py, PyAny>,
    depth: usize,
}

impl<'a, 'py> Exact<'a, 'py> {
    fn child(&self, obj: &'a Bound<'py, PyAny>) -> Exact<'a, 'py> {
        Exact {
            obj,
            decimal: self.decimal,
            depth: self.depth + 1,
        }
    }
}

/// A number's exact text as a JSON number (RawValue checks it is one).
fn number<S: Serializer>(s: S, text: String) -> Result<S::Ok, S::Error> {
    let raw = RawValue::from_string(text).map_err(S::Error::custom)?;
    raw.serialize(s)
}

impl Serialize for Exact<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let o = self.obj;
        if self.depth > MAX_DEPTH {
            return Err(S::Error::custom(format!(
                "nested deeper than {MAX_DEPTH} levels"
            )));
        }
        if o.is_none() {
            return s.serialize_unit();
        }
        if let Ok(b) = o.cast::<PyBool>() {
            return s.serialize_bool(b.is_true());
        }
        if let Ok(t) = o.cast::<PyString>() {
            return s.serialize_str(&t.to_cow().map_err(S::Error::custom)?);
        }
        if o.is_instance_of::<PyInt>() {
            // Through `int(o)`, so an int subclass (IntEnum…) is written as its value.
            let value = o
                .py()
                .get_type::<PyInt>()
                .call1((o,))
                .map_err(S::Error::custom)?;
            let text = value.str().map_err(S::Error::custom)?;
            return number(s, text.to_cow().map_err(S::Error::custom)?.into_owned());
        }
        if let Ok(f) = o.cast::<PyFloat>() {
            let v = f.value();
            if !v.is_finite() {
                return Err(S::Error::custom(format!("{v} is not a JSON number")));
            }
            return s.serialize_f64(v);
        }
        if o.is_instance(self.decimal).map_err(S::Error::custom)? {
            let finite = o
                .call_method0("is_finite")
                .and_then(|f| f.extract::<bool>())
                .map_err(S::Error::custom)?;
            if !finite {
                return Err(S::Error::custom(format!("{o} is not a JSON number")));
            }
            // Plain digits when the exponent is not positive (`0E-7` is written 0.0000000,
            // the same digits); `str` otherwise, which keeps the significance of `1.0E+3`.
            let exponent = o
                .call_method0("as_tuple")
                .and_then(|t| t.getattr("exponent"))
                .and_then(|e| e.extract::<i64>())
                .map_err(S::Error::custom)?;
            let text = if exponent <= 0 {
                o.call_method1("__format__", ("f",))
            } else {
                o.str().map(Bound::into_any)
            }
            .map_err(S::Error::custom)?;
            let text = text.extract::<String>().map_err(S::Error::custom)?;
            return number(s, text);
        }
        if let Ok(d) = o.cast::<PyDict>() {
            let mut map = s.serialize_map(Some(d.len()))?;
            for (k, v) in d.iter() {
                let key = k.cast::<PyString>().map_err(|_| {
                    S::Error::custom("a dict key that is not a str cannot be a JSON key")
                })?;
                map.serialize_entry(&*key.to_cow().map_err(S::Error::custom)?, &self.child(&v))?;
            }
            return map.end();
        }
        if let Ok(l) = o.cast::<PyList>() {
            let mut seq = s.serialize_seq(Some(l.len()))?;
            for v in l.iter() {
                seq.serialize_element(&self.child(&v))?;
            }
            return seq.end();
        }
        if let Ok(t) = o.cast::<PyTuple>() {
            let mut seq = s.serialize_seq(Some(t.len()))?;
            for v in t.iter() {
                seq.serialize_element(&self.child(&v))?;
            }
            return seq.end();
        }
        let kind = o
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default();
        Err(S::Error::custom(format!(
            "a {kind} is not a JSON value (use str, int, float, Decimal, bool, None, dict, list)"
        )))
    }
}
