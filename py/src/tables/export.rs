//! Tables out as Arrow: an object with `__arrow_c_stream__` that pyarrow, polars, DuckDB
//! and pandas read without a copy, built from the core's journey tables or from any
//! table result's rows (their JSON form, flattened: generic conversion, no domain rules).

use std::ffi::CStr;
use std::sync::Arc;

use arrow_array::ffi::FFI_ArrowSchema;
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{
    ArrayRef, BooleanArray, Float64Array, Int64Array, NullArray, RecordBatch, RecordBatchIterator,
    StringArray, TimestampSecondArray,
};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef, TimeUnit};
use medjourney::analytics::tables::{OutTable, OutValues};
use medjourney::Error;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::errors::IntoPy;

const STREAM: &CStr = c"arrow_array_stream";
const SCHEMA: &CStr = c"arrow_schema";

/// A table held as Arrow record batches, exported through the Arrow PyCapsule interface
/// (`pa.table(t)`, `pl.from_arrow(t)`, `duckdb.sql("… from t")`).
#[pyclass(module = "medjourney", name = "ArrowTable", frozen)]
pub struct PyArrowTable {
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
}

crate::export!(class PyArrowTable);

fn arrow_err(e: ArrowError) -> PyErr {
    // Building a batch from columns of equal length cannot fail; if it ever did, the
    // message says what Arrow refused.
    PyValueError::new_err(e.to_string())
}

impl PyArrowTable {
    fn new(columns: Vec<(String, ArrayRef, bool)>) -> PyResult<PyArrowTable> {
        let fields: Vec<Field> = columns
            .iter()
            .map(|(n, a, nullable)| Field::new(n, a.data_type().clone(), *nullable))
            .collect();
        let schema = Arc::new(Schema::new(fields));
        let arrays = columns.into_iter().map(|(_, a, _)| a).collect();
        let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(arrow_err)?;
        Ok(PyArrowTable {
            schema,
            batches: vec![batch],
        })
    }

    /// One of the core's journey tables.
    pub fn from_out(t: OutTable) -> PyResult<PyArrowTable> {
        let columns = t
            .columns
            .into_iter()
            .map(|(name, values)| {
                let (array, nullable): (ArrayRef, bool) = match values {
                    OutValues::Text(v) => (Arc::new(StringArray::from(v)), false),
                    OutValues::Names(v) => (Arc::new(StringArray::from(v)), false),
                    OutValues::Instants(v) => (
                        Arc::new(TimestampSecondArray::from(v).with_timezone("UTC")),
                        true,
                    ),
                    OutValues::Floats(v) => (Arc::new(Float64Array::from(v)), true),
                    OutValues::Flags(v) => (Arc::new(BooleanArray::from(v)), false),
                };
                (name.to_string(), array, nullable)
            })
            .collect();
        PyArrowTable::new(columns)
    }

    /// Table rows as Arrow columns, read from their JSON form.
    /// `order` lists the fields' names in their order (flattened names follow their field).
    pub fn from_rows<T: Serialize>(rows: &[T], order: &[String]) -> PyResult<PyArrowTable> {
        let mut flat: Vec<Map<String, Value>> = Vec::with_capacity(rows.len());
        let mut names: Vec<String> = Vec::new();
        for row in rows {
            let value = serde_json::to_value(row)
                .map_err(|e| Error::json("table rows", &e))
                .py()?;
            let mut out = Map::new();
            flatten("", value, &mut out);
            for k in out.keys() {
                if !names.contains(k) {
                    names.push(k.clone());
                }
            }
            flat.push(out);
        }
        let rank = |name: &str| {
            let field = name.split('.').next().unwrap_or(name);
            order
                .iter()
                .position(|o| o == field || o.trim_end_matches('_') == field)
                .unwrap_or(order.len())
        };
        names.sort_by_key(|n| rank(n));
        let columns = names
            .into_iter()
            .map(|name| {
                let cells: Vec<&Value> = flat
                    .iter()
                    .map(|r| r.get(&name).unwrap_or(&Value::Null))
                    .collect();
                (name, json_column(&cells), true)
            })
            .collect();
        PyArrowTable::new(columns)
    }
}

/// camelCase (the JSON names) to snake_case (the Python names).
fn snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for ch in name.chars() {
        if ch.is_ascii_uppercase() {
            out.push('_');
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

/// Nested objects become dotted columns (`total.amount`); everything else is a cell.
fn flatten(prefix: &str, value: Value, out: &mut Map<String, Value>) {
    match value {
        Value::Object(m) => {
            for (k, v) in m {
                let key = if prefix.is_empty() {
                    snake(&k)
                } else {
                    format!("{prefix}.{}", snake(&k))
                };
                flatten(&key, v, out);
            }
        }
        other => {
            out.insert(prefix.to_string(), other);
        }
    }
}

/// One column from JSON cells: booleans, integers, floats or strings when every cell is
/// one of them (or null); otherwise (lists, mixed) each cell's JSON text.
fn json_column(cells: &[&Value]) -> ArrayRef {
    let some = || cells.iter().filter(|v| !v.is_null());
    if some().next().is_none() {
        return Arc::new(NullArray::new(cells.len()));
    }
    if some().all(|v| v.is_boolean()) {
        return Arc::new(BooleanArray::from(
            cells.iter().map(|v| v.as_bool()).collect::<Vec<_>>(),
        ));
    }
    if some().all(|v| v.is_i64()) {
        return Arc::new(Int64Array::from(
            cells.iter().map(|v| v.as_i64()).collect::<Vec<_>>(),
        ));
    }
    if some().all(|v| v.is_number()) {
        return Arc::new(Float64Array::from(
            cells.iter().map(|v| v.as_f64()).collect::<Vec<_>>(),
        ));
    }
    Arc::new(StringArray::from(
        cells
            .iter()
            .map(|v| match v {
                Value::Null => None,
                Value::String(s) => Some(s.clone()),
                other => Some(other.to_string()),
            })
            .collect::<Vec<_>>(),
    ))
}

#[pymethods]
impl PyArrowTable {
    /// The table as an Arrow C stream (the PyCapsule interface); a requested schema is
    /// not applied (the interface lets the producer ignore it).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let reader = RecordBatchIterator::new(
            self.batches.clone().into_iter().map(Ok),
            self.schema.clone(),
        );
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        PyCapsule::new_with_value(py, stream, STREAM)
    }

    /// The table's schema as an Arrow C schema (the PyCapsule interface).
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        let schema = FFI_ArrowSchema::try_from(self.schema.as_ref()).map_err(arrow_err)?;
        PyCapsule::new_with_value(py, schema, SCHEMA)
    }

    /// How many rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    /// The column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.schema
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }

    fn __repr__(&self) -> String {
        let columns: Vec<String> = self
            .schema
            .fields()
            .iter()
            .map(|f| format!("{}: {}", f.name(), type_name(f.data_type())))
            .collect();
        format!(
            "ArrowTable({} rows; {})",
            self.num_rows(),
            columns.join(", ")
        )
    }
}

fn type_name(t: &DataType) -> String {
    match t {
        DataType::Timestamp(TimeUnit::Second, Some(tz)) => format!("timestamp[s, {tz}]"),
        other => other.to_string(),
    }
}
