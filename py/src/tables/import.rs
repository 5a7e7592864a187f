//! Any Arrow exporter's table (`__arrow_c_stream__` or `__arrow_c_array__`) read without
//! pyarrow, and its arrays mapped to the core's plain-slice columns.

use std::ffi::CStr;

use arrow_array::cast::AsArray;
use arrow_array::ffi::{from_ffi, FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::{ArrowArrayStreamReader, FFI_ArrowArrayStream};
use arrow_array::types::{
    Int16Type, Int32Type, Int64Type, Int8Type, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{
    make_array, Array, ArrayRef, LargeStringArray, RecordBatch, StringArray, StringViewArray,
    StructArray,
};
use arrow_schema::{DataType, TimeUnit as ArrowUnit};
use medjourney::analytics::tables::{
    not_a_table, unreadable, Batch, Bits, Column, Ints, Texts, TimeUnit, Values,
};
use medjourney::analytics::Table;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};

use crate::errors::IntoPy;

const STREAM: &CStr = c"arrow_array_stream";
const SCHEMA: &CStr = c"arrow_schema";
const ARRAY: &CStr = c"arrow_array";

/// A table's record batches, and the strings that integer columns read as codes index.
#[derive(Default)]
pub struct TableBatches {
    pub batches: Vec<RecordBatch>,
    /// Columns whose integers are codes into a list of strings (a polars categorical's
    /// category list), by column name: each is read as a dictionary-encoded column.
    pub dictionaries: Vec<(String, ArrayRef)>,
}

/// The record batches of a table-like object, read through the Arrow PyCapsule interface.
pub fn read_batches(obj: &Bound<'_, PyAny>, table: Table) -> PyResult<TableBatches> {
    if let Some(batches) = polars_categoricals(obj, table)? {
        return Ok(batches);
    }
    Ok(TableBatches {
        batches: read_exported(obj, table)?,
        dictionaries: Vec::new(),
    })
}

/// A polars DataFrame with `pl.Categorical` columns, read as their category codes with
/// polars' category list as each column's dictionary; `None` for any other object.
///
/// polars exports a categorical column through the C interface by building a dictionary
/// of its own and re-encoding every row into it: at 10^6 rows that is more time than
/// polars' own group-bys on the frame. Its physical codes already index the category
/// list (`dtype.categories`), so the codes (exported without a copy) and that list are
/// the same column as a dictionary array. A frame without categoricals, or a polars whose
/// categorical dtype has no such list (`dtype.categories.to_series()`), takes the C
/// interface as before.
fn polars_categoricals(obj: &Bound<'_, PyAny>, table: Table) -> PyResult<Option<TableBatches>> {
    let py = obj.py();
    let ty = obj.get_type();
    let is_frame = ty.name().is_ok_and(|n| n == "DataFrame")
        && ty
            .module()
            .is_ok_and(|m| m.to_string().starts_with("polars"));
    if !is_frame {
        return Ok(None);
    }
    let Ok(polars) = py.import(intern!(py, "polars")) else {
        return Ok(None);
    };
    let Ok(categorical) = polars.getattr(intern!(py, "Categorical")) else {
        return Ok(None);
    };
    // name → the category list, each as a one-column frame
    let mut lists = Vec::new();
    let schema = obj.getattr(intern!(py, "schema"))?;
    for item in schema.call_method0(intern!(py, "items"))?.try_iter()? {
        let (name, dtype): (String, Bound<'_, PyAny>) = item?.extract()?;
        if !dtype.is_instance(&categorical)? {
            continue;
        }
        let Ok(list) = dtype
            .getattr(intern!(py, "categories"))
            .and_then(|c| c.call_method0(intern!(py, "to_series")))
            .and_then(|s| s.call_method0(intern!(py, "rechunk")))
            .and_then(|s| s.call_method0(intern!(py, "to_frame")))
        else {
            return Ok(None);
        };
        lists.push((name, list));
    }
    if lists.is_empty() {
        return Ok(None);
    }
    let col = polars.getattr(intern!(py, "col"))?;
    let physical = lists
        .iter()
        .map(|(name, _)| col.call1((name,))?.call_method0(intern!(py, "to_physical")))
        .collect::<PyResult<Vec<_>>>()?;
    let frame = obj.call_method1(intern!(py, "with_columns"), (physical,))?;
    let batches = read_exported(&frame, table)?;
    let mut dictionaries = Vec::new();
    for (name, list) in &lists {
        let values = match read_exported(list, table)?.as_slice() {
            [one] if one.num_columns() == 1 => one.column(0).clone(),
            _ => return Ok(None),
        };
        // The codes index the list as they are: the core checks each one as it reads it
        // (a code past the list is an error there), so no dictionary array is built and
        // validated here.
        let codes_everywhere = batches.iter().all(|b| {
            b.column_by_name(name).is_some_and(|c| {
                matches!(
                    c.data_type(),
                    DataType::UInt8 | DataType::UInt16 | DataType::UInt32
                )
            })
        });
        if !codes_everywhere || text_array(values.as_ref()).is_none() {
            return Ok(None);
        }
        dictionaries.push((name.clone(), values));
    }
    Ok(Some(TableBatches {
        batches,
        dictionaries,
    }))
}

/// The record batches of an object exporting the Arrow PyCapsule interface.
fn read_exported(obj: &Bound<'_, PyAny>, table: Table) -> PyResult<Vec<RecordBatch>> {
    let py = obj.py();
    let bad = |reason: String| Err(unreadable(table, &reason)).py();
    if obj.hasattr(intern!(py, "__arrow_c_stream__"))? {
        let capsule = obj.call_method0(intern!(py, "__arrow_c_stream__"))?;
        let Ok(capsule) = capsule.cast_into::<PyCapsule>() else {
            return bad("__arrow_c_stream__ gave no capsule".into());
        };
        let ptr = capsule.pointer_checked(Some(STREAM))?;
        // The stream is moved out of the capsule (its release set to null), so the
        // capsule's destructor leaves it alone and the reader releases it.
        let reader = match unsafe {
            ArrowArrayStreamReader::from_raw(ptr.cast::<FFI_ArrowArrayStream>().as_ptr())
        } {
            Ok(r) => r,
            Err(e) => return bad(e.to_string()),
        };
        match reader.collect::<Result<Vec<_>, _>>() {
            Ok(b) => Ok(b),
            Err(e) => bad(e.to_string()),
        }
    } else if obj.hasattr(intern!(py, "__arrow_c_array__"))? {
        let pair = obj.call_method0(intern!(py, "__arrow_c_array__"))?;
        let Ok(pair) = pair.cast_into::<PyTuple>() else {
            return bad("__arrow_c_array__ gave no tuple".into());
        };
        let (Ok(schema), Ok(array)) = (
            pair.get_item(0)?.cast_into::<PyCapsule>(),
            pair.get_item(1)?.cast_into::<PyCapsule>(),
        ) else {
            return bad("__arrow_c_array__ gave no pair of capsules".into());
        };
        let schema = schema
            .pointer_checked(Some(SCHEMA))?
            .cast::<FFI_ArrowSchema>();
        let array = array.pointer_checked(Some(ARRAY))?.cast::<FFI_ArrowArray>();
        // The array is moved out of its capsule; the schema is only borrowed.
        let data = unsafe { from_ffi(FFI_ArrowArray::from_raw(array.as_ptr()), schema.as_ref()) };
        let array: ArrayRef = match data {
            Ok(d) => make_array(d),
            Err(e) => return bad(e.to_string()),
        };
        match array.as_any().downcast_ref::<StructArray>() {
            Some(s) => Ok(vec![RecordBatch::from(s.clone())]),
            None => bad(format!(
                "a {} array is no table (a struct array is)",
                array.data_type()
            )),
        }
    } else {
        let name = obj
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default();
        Err(not_a_table(table, &name)).py()
    }
}

/// A string column of any Arrow layout (views with their data buffers as byte slices).
pub enum TextArray<'a> {
    Utf8(&'a StringArray),
    Large(&'a LargeStringArray),
    View(&'a StringViewArray, Vec<&'a [u8]>),
}

impl Texts for TextArray<'_> {
    fn len(&self) -> usize {
        match self {
            TextArray::Utf8(a) => a.len(),
            TextArray::Large(a) => a.len(),
            TextArray::View(a, _) => a.len(),
        }
    }

    fn text(&self, row: usize) -> Option<&str> {
        if row >= Texts::len(self) {
            return None;
        }
        match self {
            TextArray::Utf8(a) => a.is_valid(row).then(|| a.value(row)),
            TextArray::Large(a) => a.is_valid(row).then(|| a.value(row)),
            TextArray::View(a, _) => a.is_valid(row).then(|| a.value(row)),
        }
    }

    fn views(&self) -> Option<&[u128]> {
        match self {
            TextArray::View(a, _) => Some(a.views()),
            _ => None,
        }
    }

    fn view_buffers(&self) -> Option<&[&[u8]]> {
        match self {
            TextArray::View(_, buffers) => Some(buffers),
            _ => None,
        }
    }
}

fn text_array(a: &dyn Array) -> Option<TextArray<'_>> {
    match a.data_type() {
        DataType::Utf8 => Some(TextArray::Utf8(a.as_string::<i32>())),
        DataType::LargeUtf8 => Some(TextArray::Large(a.as_string::<i64>())),
        DataType::Utf8View => {
            let a = a.as_string_view();
            let buffers = a.data_buffers().iter().map(|b| b.as_slice()).collect();
            Some(TextArray::View(a, buffers))
        }
        _ => None,
    }
}

fn ints(a: &dyn Array) -> Option<Ints<'_>> {
    Some(match a.data_type() {
        DataType::Int8 => Ints::I8(a.as_primitive::<Int8Type>().values()),
        DataType::Int16 => Ints::I16(a.as_primitive::<Int16Type>().values()),
        DataType::Int32 => Ints::I32(a.as_primitive::<Int32Type>().values()),
        DataType::Int64 => Ints::I64(a.as_primitive::<Int64Type>().values()),
        DataType::UInt8 => Ints::U8(a.as_primitive::<UInt8Type>().values()),
        DataType::UInt16 => Ints::U16(a.as_primitive::<UInt16Type>().values()),
        DataType::UInt32 => Ints::U32(a.as_primitive::<UInt32Type>().values()),
        DataType::UInt64 => Ints::U64(a.as_primitive::<UInt64Type>().values()),
        _ => return None,
    })
}

/// One Arrow array, prepared to lend the core its values.
pub enum Prepared<'a> {
    Plain(Values<'a>),
    Text(TextArray<'a>),
    Dictionary(Ints<'a>, TextArray<'a>),
    Unsupported(String, usize),
}

impl<'a> Prepared<'a> {
    pub fn new(a: &'a dyn Array) -> Prepared<'a> {
        if let Some(i) = ints(a) {
            return Prepared::Plain(Values::Int(i));
        }
        if let Some(t) = text_array(a) {
            return Prepared::Text(t);
        }
        let plain = match a.data_type() {
            DataType::Float32 => {
                Values::Float32(a.as_primitive::<arrow_array::types::Float32Type>().values())
            }
            DataType::Float64 => {
                Values::Float64(a.as_primitive::<arrow_array::types::Float64Type>().values())
            }
            DataType::Boolean => {
                let b = a.as_boolean().values();
                Values::Bool(
                    Bits {
                        bytes: b.values(),
                        offset: b.offset(),
                    },
                    b.len(),
                )
            }
            DataType::Timestamp(unit, _) => match unit {
                ArrowUnit::Second => Values::Timestamp(
                    a.as_primitive::<TimestampSecondType>().values(),
                    TimeUnit::Second,
                ),
                ArrowUnit::Millisecond => Values::Timestamp(
                    a.as_primitive::<TimestampMillisecondType>().values(),
                    TimeUnit::Millisecond,
                ),
                ArrowUnit::Microsecond => Values::Timestamp(
                    a.as_primitive::<TimestampMicrosecondType>().values(),
                    TimeUnit::Microsecond,
                ),
                ArrowUnit::Nanosecond => Values::Timestamp(
                    a.as_primitive::<TimestampNanosecondType>().values(),
                    TimeUnit::Nanosecond,
                ),
            },
            DataType::Dictionary(..) => {
                if let Some(d) = a.as_any_dictionary_opt() {
                    if let (Some(k), Some(v)) = (ints(d.keys()), text_array(d.values().as_ref())) {
                        return Prepared::Dictionary(k, v);
                    }
                }
                return Prepared::Unsupported(a.data_type().to_string(), a.len());
            }
            other => return Prepared::Unsupported(other.to_string(), a.len()),
        };
        Prepared::Plain(plain)
    }

    pub fn values(&self) -> Values<'_> {
        match self {
            Prepared::Plain(v) => *v,
            Prepared::Text(t) => Values::Text(t),
            Prepared::Dictionary(k, t) => Values::Dictionary {
                keys: *k,
                values: t,
            },
            Prepared::Unsupported(name, len) => Values::Unsupported(name, *len),
        }
    }
}

/// A record batch's arrays prepared, by column name.
pub struct PreparedBatch<'a> {
    columns: Vec<(&'a str, Prepared<'a>, Option<Bits<'a>>)>,
}

impl<'a> PreparedBatch<'a> {
    /// The batch's arrays; a column named in `dictionaries` is read as codes into its list.
    pub fn new(
        batch: &'a RecordBatch,
        dictionaries: &'a [(String, ArrayRef)],
    ) -> PreparedBatch<'a> {
        let schema = batch.schema_ref();
        let columns = schema
            .fields()
            .iter()
            .zip(batch.columns())
            .map(|(f, a)| {
                let valid = a.nulls().filter(|n| n.null_count() > 0).map(|n| Bits {
                    bytes: n.inner().values(),
                    offset: n.inner().offset(),
                });
                let list = dictionaries
                    .iter()
                    .find(|(name, _)| name == f.name())
                    .and_then(|(_, list)| text_array(list.as_ref()));
                let prepared = match (list, ints(a.as_ref())) {
                    (Some(list), Some(codes)) => Prepared::Dictionary(codes, list),
                    _ => Prepared::new(a.as_ref()),
                };
                (f.name().as_str(), prepared, valid)
            })
            .collect();
        PreparedBatch { columns }
    }

    /// The core's view of the batch.
    pub fn batch(&self) -> Batch<'_> {
        Batch {
            columns: self
                .columns
                .iter()
                .map(|(name, p, valid)| {
                    (
                        *name,
                        Column {
                            values: p.values(),
                            valid: *valid,
                        },
                    )
                })
                .collect(),
        }
    }
}
