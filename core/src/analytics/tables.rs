//! The four journey tables as dataframes hold them — named columns, journeys keyed by
//! their own ids, names or codes, timestamps of any unit — read into the integer-coded
//! [`JourneyTable`] the map is built from, and written back out from journeys.
//!
//! The core stays free of any dataframe library: a wrapper hands over each column as
//! plain slices ([`Values`]), strings behind the [`Texts`] trait and validity bitmaps
//! ([`Bits`]), in record batches ([`Batch`]). Every rule lives here: the schema
//! ([`TABLE_COLUMNS`]), which columns are required and which may hold nulls, decoding
//! names to codes, numbering journeys by their ids and scaling timestamps to seconds.
//!
//! # Schema
//! | table | column | required | values | nulls |
//! |---|---|---|---|---|
//! | journeys | `journey_id` | yes | integers or strings, unique | no |
//! | journeys | `status` | yes | [`Status`] name or code | no |
//! | visits | `journey_id` | yes | an id of the journeys table | no |
//! | visits | `stage` | yes | [`Stage`] name or code | no |
//! | visits | `entered` | yes | instant | no |
//! | visits | `left` | yes | instant | null while open |
//! | touchpoints | `journey_id`, `stage` | yes | as for visits | no |
//! | touchpoints | `at` | yes | instant | no |
//! | touchpoints | `channel` | yes | [`Channel`] name or code | no |
//! | touchpoints | `kind` | yes | [`TouchpointKind`] name or code | no |
//! | touchpoints | `sentiment` | no | number on −2…+2 | null (or NaN) when not rated |
//! | needs | `journey_id`, `stage` | yes | as for visits | no |
//! | needs | `need` | yes | [`Need`] name or code | no |
//! | needs | `met` | yes | boolean, or 0/1 | no |
//!
//! Names are the snake_case names (plain or dictionary-encoded strings); codes are the
//! integers of [`crate::journey`]. An instant is a timestamp of any unit (seconds, milli-,
//! micro- or nanoseconds; a zone-less timestamp is read as UTC; sub-second parts are
//! floored) or an integer of seconds since the Unix epoch. Other columns are ignored; the
//! needs table may be left out. Journeys are numbered by their row in the journeys table,
//! so the map is the one [`crate::analytics::journey_map_columns`] gives for the same rows.
//! Errors are `invalid_input` naming the table, column and row: a required column
//! missing, a column of a type it does not accept, a null where none is allowed, an
//! unknown name or code, a duplicate or unknown journey id.

use std::collections::HashMap;

use super::columns::{JourneyTable, Table, NO_TIME};
use crate::dates::{check_epoch_seconds, EPOCH_SECONDS};
use crate::error::{Error, Result};
use crate::journey::{Channel, Journey, Need, Stage, Status, TouchpointKind};
use crate::named::unknown_name;

/// A column of strings, however the dataframe library lays it out.
pub trait Texts: Sync {
    /// How many rows.
    fn len(&self) -> usize;
    /// True when there are no rows.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The string in `row`; `None` past the end or when it is not valid UTF-8.
    fn text(&self, row: usize) -> Option<&str>;
}

/// A bitmap, least significant bit first from bit `offset` (Arrow's validity and boolean
/// layout).
#[derive(Debug, Clone, Copy)]
pub struct Bits<'a> {
    /// The bytes holding the bits.
    pub bytes: &'a [u8],
    /// The bit where row 0 is.
    pub offset: usize,
}

impl Bits<'_> {
    /// The bit of `row`; false past the end.
    pub fn get(&self, row: usize) -> bool {
        let k = self.offset.saturating_add(row);
        self.bytes
            .get(k / 8)
            .is_some_and(|b| (b >> (k % 8)) & 1 == 1)
    }

    /// True when the bits of rows `0..rows` are all set (whole bytes compared at once).
    pub fn all_set(&self, rows: usize) -> bool {
        let mut row = 0;
        while row < rows && self.offset.saturating_add(row) % 8 != 0 {
            if !self.get(row) {
                return false;
            }
            row += 1;
        }
        let first = self.offset.saturating_add(row) / 8;
        let whole = (rows - row) / 8;
        let Some(bytes) = self.bytes.get(first..first.saturating_add(whole)) else {
            return false;
        };
        if !bytes.iter().all(|b| *b == u8::MAX) {
            return false;
        }
        row += whole * 8;
        (row..rows).all(|r| self.get(r))
    }
}

/// An integer column of any width.
#[derive(Debug, Clone, Copy)]
pub enum Ints<'a> {
    /// 8-bit signed.
    I8(&'a [i8]),
    /// 16-bit signed.
    I16(&'a [i16]),
    /// 32-bit signed.
    I32(&'a [i32]),
    /// 64-bit signed.
    I64(&'a [i64]),
    /// 8-bit unsigned.
    U8(&'a [u8]),
    /// 16-bit unsigned.
    U16(&'a [u16]),
    /// 32-bit unsigned.
    U32(&'a [u32]),
    /// 64-bit unsigned.
    U64(&'a [u64]),
}

/// Runs `$body` with `$v` bound to each value of an [`Ints`] as `i128` (wide enough for
/// every width), matching the width once rather than per row.
macro_rules! each_int {
    ($ints:expr, |$row:ident, $v:ident| $body:expr) => {
        match $ints {
            Ints::I8(s) => each_int!(@loop s, $row, $v, $body),
            Ints::I16(s) => each_int!(@loop s, $row, $v, $body),
            Ints::I32(s) => each_int!(@loop s, $row, $v, $body),
            Ints::I64(s) => each_int!(@loop s, $row, $v, $body),
            Ints::U8(s) => each_int!(@loop s, $row, $v, $body),
            Ints::U16(s) => each_int!(@loop s, $row, $v, $body),
            Ints::U32(s) => each_int!(@loop s, $row, $v, $body),
            Ints::U64(s) => each_int!(@loop s, $row, $v, $body),
        }
    };
    (@loop $s:ident, $row:ident, $v:ident, $body:expr) => {{
        for ($row, x) in $s.iter().enumerate() {
            let $v = i128::from(*x);
            $body;
        }
    }};
}

/// An integer of any width, widened without loss.
trait Int: Copy {
    fn wide(self) -> i128;
}

macro_rules! int_impl {
    ($($t:ty),*) => {$(impl Int for $t {
        #[inline(always)]
        fn wide(self) -> i128 {
            i128::from(self)
        }
    })*};
}
int_impl!(i8, i16, i32, i64, u8, u16, u32, u64);

/// Runs `$body` with `$s` bound to the slice of an [`Ints`] of whichever width, so a
/// generic fast path is compiled once per width.
macro_rules! with_ints {
    ($ints:expr, |$s:ident| $body:expr) => {
        match $ints {
            Ints::I8($s) => $body,
            Ints::I16($s) => $body,
            Ints::I32($s) => $body,
            Ints::I64($s) => $body,
            Ints::U8($s) => $body,
            Ints::U16($s) => $body,
            Ints::U32($s) => $body,
            Ints::U64($s) => $body,
        }
    };
}

impl Ints<'_> {
    /// How many rows.
    pub fn len(&self) -> usize {
        match self {
            Ints::I8(s) => s.len(),
            Ints::I16(s) => s.len(),
            Ints::I32(s) => s.len(),
            Ints::I64(s) => s.len(),
            Ints::U8(s) => s.len(),
            Ints::U16(s) => s.len(),
            Ints::U32(s) => s.len(),
            Ints::U64(s) => s.len(),
        }
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value of `row` (`None` past the end).
    fn get(&self, row: usize) -> Option<i128> {
        match self {
            Ints::I8(s) => s.get(row).map(|x| i128::from(*x)),
            Ints::I16(s) => s.get(row).map(|x| i128::from(*x)),
            Ints::I32(s) => s.get(row).map(|x| i128::from(*x)),
            Ints::I64(s) => s.get(row).map(|x| i128::from(*x)),
            Ints::U8(s) => s.get(row).map(|x| i128::from(*x)),
            Ints::U16(s) => s.get(row).map(|x| i128::from(*x)),
            Ints::U32(s) => s.get(row).map(|x| i128::from(*x)),
            Ints::U64(s) => s.get(row).map(|x| i128::from(*x)),
        }
    }
}

/// The unit of a timestamp column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    /// Seconds.
    Second,
    /// Milliseconds.
    Millisecond,
    /// Microseconds.
    Microsecond,
    /// Nanoseconds.
    Nanosecond,
}

impl TimeUnit {
    fn per_second(self) -> i64 {
        match self {
            TimeUnit::Second => 1,
            TimeUnit::Millisecond => 1_000,
            TimeUnit::Microsecond => 1_000_000,
            TimeUnit::Nanosecond => 1_000_000_000,
        }
    }
}

/// A column's values, by layout.
#[derive(Clone, Copy)]
pub enum Values<'a> {
    /// Integers (ids, codes, epoch seconds, 0/1 flags).
    Int(Ints<'a>),
    /// 32-bit floats.
    Float32(&'a [f32]),
    /// 64-bit floats.
    Float64(&'a [f64]),
    /// Booleans, one bit each.
    Bool(Bits<'a>, usize),
    /// Strings.
    Text(&'a dyn Texts),
    /// Dictionary-encoded strings: per row an index into `values`.
    Dictionary {
        /// Per row, the index of its string.
        keys: Ints<'a>,
        /// The distinct strings.
        values: &'a dyn Texts,
    },
    /// Timestamps (UTC) in a unit.
    Timestamp(&'a [i64], TimeUnit),
    /// A layout none of the columns accepts: its type's name (for the error) and rows.
    Unsupported(&'a str, usize),
}

impl Values<'_> {
    /// How many rows.
    pub fn len(&self) -> usize {
        match self {
            Values::Int(i) => i.len(),
            Values::Float32(s) => s.len(),
            Values::Float64(s) => s.len(),
            Values::Bool(_, n) => *n,
            Values::Text(t) => t.len(),
            Values::Dictionary { keys, .. } => keys.len(),
            Values::Timestamp(s, _) => s.len(),
            Values::Unsupported(_, n) => *n,
        }
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn type_name(&self) -> &str {
        match self {
            Values::Int(_) => "integers",
            Values::Float32(_) | Values::Float64(_) => "floats",
            Values::Bool(..) => "booleans",
            Values::Text(_) => "strings",
            Values::Dictionary { .. } => "dictionary-encoded strings",
            Values::Timestamp(..) => "timestamps",
            Values::Unsupported(name, _) => name,
        }
    }
}

/// One column: its values and, when it has nulls, which rows are valid (bit set).
#[derive(Clone, Copy)]
pub struct Column<'a> {
    /// The values (a null row's value is ignored).
    pub values: Values<'a>,
    /// Validity: `None` when no row is null.
    pub valid: Option<Bits<'a>>,
}

impl Column<'_> {
    fn is_null(&self, row: usize) -> bool {
        self.valid.is_some_and(|v| !v.get(row))
    }

    /// True when no row is null.
    fn all_valid(&self) -> bool {
        self.valid.is_none_or(|v| v.all_set(self.values.len()))
    }
}

/// One record batch of a table: its columns by name.
#[derive(Clone, Default)]
pub struct Batch<'a> {
    /// The columns, by their names in the dataframe.
    pub columns: Vec<(&'a str, Column<'a>)>,
}

/// The four tables, each as record batches (a table may arrive in several).
#[derive(Clone, Copy, Default)]
pub struct Tables<'a> {
    /// One row per journey.
    pub journeys: &'a [Batch<'a>],
    /// One row per stage visit.
    pub visits: &'a [Batch<'a>],
    /// One row per touchpoint.
    pub touchpoints: &'a [Batch<'a>],
    /// One row per need record; empty when there are none.
    pub needs: &'a [Batch<'a>],
}

/// What a column of the tables holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// A journey's id: integers or strings.
    JourneyId,
    /// A [`Status`].
    Status,
    /// A [`Stage`].
    Stage,
    /// A [`Channel`].
    Channel,
    /// A [`TouchpointKind`].
    Kind,
    /// A [`Need`].
    Need,
    /// An instant: timestamp or epoch seconds.
    Instant,
    /// A sentiment score.
    Sentiment,
    /// A yes/no flag.
    Flag,
}

/// One column of the tables' schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableColumn {
    /// The table it belongs to.
    pub table: Table,
    /// Its name.
    pub name: &'static str,
    /// What it holds.
    pub kind: ColumnKind,
    /// False when the table may leave it out.
    pub required: bool,
    /// True when a row may be null.
    pub nullable: bool,
}

const fn col(
    table: Table,
    name: &'static str,
    kind: ColumnKind,
    required: bool,
    nullable: bool,
) -> TableColumn {
    TableColumn {
        table,
        name,
        kind,
        required,
        nullable,
    }
}

/// The schema of the four tables, in table order (see the module docs).
pub const TABLE_COLUMNS: &[TableColumn] = {
    use ColumnKind as K;
    use Table as T;
    &[
        col(T::Journeys, "journey_id", K::JourneyId, true, false),
        col(T::Journeys, "status", K::Status, true, false),
        col(T::Visits, "journey_id", K::JourneyId, true, false),
        col(T::Visits, "stage", K::Stage, true, false),
        col(T::Visits, "entered", K::Instant, true, false),
        col(T::Visits, "left", K::Instant, true, true),
        col(T::Touchpoints, "journey_id", K::JourneyId, true, false),
        col(T::Touchpoints, "stage", K::Stage, true, false),
        col(T::Touchpoints, "at", K::Instant, true, false),
        col(T::Touchpoints, "channel", K::Channel, true, false),
        col(T::Touchpoints, "kind", K::Kind, true, false),
        col(T::Touchpoints, "sentiment", K::Sentiment, false, true),
        col(T::Needs, "journey_id", K::JourneyId, true, false),
        col(T::Needs, "stage", K::Stage, true, false),
        col(T::Needs, "need", K::Need, true, false),
        col(T::Needs, "met", K::Flag, true, false),
    ]
};

/// The name of a table, as errors and the Python keywords spell it.
pub fn table_name(table: Table) -> &'static str {
    match table {
        Table::Journeys => "journeys",
        Table::Visits => "visits",
        Table::Touchpoints => "touchpoints",
        Table::Needs => "needs",
    }
}

/// The error for an argument that is no table at all (it exports no Arrow C stream or
/// array), naming the argument and its Python or JS type.
pub fn not_a_table(table: Table, type_name: &str) -> Error {
    Error::invalid(
        table_name(table),
        format!(
            "expected a table exporting the Arrow C stream or array interface (a pyarrow, polars, pandas or DuckDB table), got {}",
            type_name.chars().take(60).collect::<String>()
        ),
    )
}

/// The error for a table whose Arrow export could not be read (the exporter's reason).
pub fn unreadable(table: Table, reason: &str) -> Error {
    Error::invalid(
        table_name(table),
        format!(
            "its Arrow data could not be read: {}",
            reason.chars().take(200).collect::<String>()
        ),
    )
}

fn at(table: Table, column: &str, row: usize) -> String {
    format!("{}.{column}[{row}]", table_name(table))
}

fn null_error(table: Table, column: &str, row: usize) -> Error {
    Error::invalid(at(table, column, row), "a value is required (null given)")
}

fn wrong_type(table: Table, column: &str, accepts: &str, got: &Values<'_>) -> Error {
    Error::invalid(
        format!("{}.{column}", table_name(table)),
        format!("expected {accepts}, got {}", got.type_name()),
    )
}

/// The columns of one batch in schema order (`None` for an optional one left out),
/// each checked to have the batch's length.
fn schema_columns<'b, 'a>(
    table: Table,
    batch: &'b Batch<'a>,
) -> Result<Vec<(&'static TableColumn, Option<&'b Column<'a>>)>> {
    let mut out = Vec::new();
    let mut rows: Option<(&str, usize)> = None;
    for spec in TABLE_COLUMNS.iter().filter(|c| c.table == table) {
        let found = batch
            .columns
            .iter()
            .find(|(name, _)| *name == spec.name)
            .map(|(_, c)| c);
        match found {
            None if spec.required => {
                let given: Vec<&str> = batch.columns.iter().map(|(n, _)| *n).take(40).collect();
                return Err(Error::invalid(
                    format!("{}.{}", table_name(table), spec.name),
                    format!(
                        "this column is required (the table has {})",
                        given.join(", ")
                    ),
                ));
            }
            Some(c) => {
                let len = c.values.len();
                match rows {
                    Some((first, n)) if n != len => {
                        return Err(Error::invalid(
                            format!("{}.{}", table_name(table), spec.name),
                            format!("has {len} rows but {first} has {n}"),
                        ))
                    }
                    _ => rows = Some((spec.name, len)),
                }
            }
            None => {}
        }
        out.push((spec, found));
    }
    Ok(out)
}

// The fast paths below cover the usual columns — no nulls where none are allowed, every
// value valid — in tight loops over the slices, without per-row error plumbing; on
// anything else they leave `out` as it was and the row-by-row readers after each of them
// run, which find the first bad row and name it. So both give the same result and the
// same error.

/// A code no enum has: no enum has 255 values.
const NO_CODE: u8 = u8::MAX;

/// Appends a column of names or codes of an enum whose names are `names`.
fn codes(
    table: Table,
    name: &str,
    c: &Column<'_>,
    names: &[&str],
    out: &mut Vec<u8>,
) -> Result<()> {
    let start = out.len();
    if fast_codes(c, names, out) {
        return Ok(());
    }
    out.truncate(start);
    codes_by_row(table, name, c, names, out)
}

/// The fast path of [`codes`]: integer codes checked in one pass and copied; dictionary
/// strings decoded once per dictionary entry, then each row's key is a table lookup.
fn fast_codes(c: &Column<'_>, names: &[&str], out: &mut Vec<u8>) -> bool {
    if !c.all_valid() || names.len() >= usize::from(NO_CODE) {
        return false;
    }
    let count = names.len() as i128;
    match c.values {
        Values::Int(ints) => with_ints!(ints, |s| {
            if !s.iter().all(|v| (0..count).contains(&v.wide())) {
                return false;
            }
            out.extend(s.iter().map(|v| v.wide() as u8));
            true
        }),
        Values::Dictionary { keys, values } => {
            let decoded: Vec<u8> = (0..values.len())
                .map(|k| {
                    values
                        .text(k)
                        .and_then(|t| names.iter().position(|n| *n == t))
                        .and_then(|p| u8::try_from(p).ok())
                        .unwrap_or(NO_CODE)
                })
                .collect();
            let start = out.len();
            with_ints!(keys, |s| out.extend(s.iter().map(|k| {
                usize::try_from(k.wide())
                    .ok()
                    .and_then(|k| decoded.get(k))
                    .copied()
                    .unwrap_or(NO_CODE)
            })));
            !out.get(start..).is_some_and(|o| o.contains(&NO_CODE))
        }
        _ => false,
    }
}

/// Appends a column of names or codes row by row, failing at the first bad row.
fn codes_by_row(
    table: Table,
    name: &str,
    c: &Column<'_>,
    names: &[&str],
    out: &mut Vec<u8>,
) -> Result<()> {
    let count = names.len();
    let by_code = |row: usize, v: i128| -> Result<u8> {
        match u8::try_from(v) {
            Ok(code) if usize::from(code) < count => Ok(code),
            _ => Err(Error::invalid(
                at(table, name, row),
                format!("code {v} is not below {count}"),
            )),
        }
    };
    let by_name = |row: usize, s: Option<&str>| -> Result<u8> {
        let s = s.ok_or_else(|| Error::invalid(at(table, name, row), "not valid text"))?;
        names
            .iter()
            .position(|n| *n == s)
            .and_then(|p| u8::try_from(p).ok())
            .ok_or_else(|| unknown_name(s, &at(table, name, row), names))
    };
    out.reserve(c.values.len());
    match c.values {
        Values::Int(ints) => each_int!(ints, |row, v| {
            if c.is_null(row) {
                return Err(null_error(table, name, row));
            }
            out.push(by_code(row, v)?);
        }),
        Values::Text(t) => {
            for row in 0..t.len() {
                if c.is_null(row) {
                    return Err(null_error(table, name, row));
                }
                out.push(by_name(row, t.text(row))?);
            }
        }
        Values::Dictionary { keys, values } => {
            // Each distinct string is looked up once, when a row first uses it (a
            // categorical's dictionary may hold strings no row uses).
            let mut decoded: Vec<Option<u8>> = vec![None; values.len()];
            each_int!(keys, |row, k| {
                if c.is_null(row) {
                    return Err(null_error(table, name, row));
                }
                let slot = usize::try_from(k).ok().and_then(|k| decoded.get_mut(k));
                let Some(slot) = slot else {
                    return Err(Error::invalid(
                        at(table, name, row),
                        format!("dictionary index {k} is past its {} strings", values.len()),
                    ));
                };
                let code = match *slot {
                    Some(code) => code,
                    None => {
                        let code =
                            by_name(row, usize::try_from(k).ok().and_then(|k| values.text(k)))?;
                        *slot = Some(code);
                        code
                    }
                };
                out.push(code);
            })
        }
        ref other => {
            return Err(wrong_type(
                table,
                name,
                "snake_case names (strings) or integer codes",
                other,
            ))
        }
    }
    Ok(())
}

/// Appends a column of instants as epoch seconds; a null is [`NO_TIME`] when allowed.
fn instants(table: Table, spec: &TableColumn, c: &Column<'_>, out: &mut Vec<i64>) -> Result<()> {
    let start = out.len();
    if fast_instants(spec, c, out) {
        return Ok(());
    }
    out.truncate(start);
    instants_by_row(table, spec, c, out)
}

/// Appends `f(value)` for each valid row of `values` and `null` for each null one,
/// eight rows per validity byte when the bitmap starts on a byte (a row past the bitmap's
/// end is null, as [`Bits::get`] reads it).
fn extend_masked<T: Copy, U: Copy>(
    values: &[T],
    bits: Bits<'_>,
    null: U,
    out: &mut Vec<U>,
    mut f: impl FnMut(T) -> U,
) {
    out.reserve(values.len());
    let whole = bits
        .bytes
        .get(bits.offset / 8..)
        .filter(|b| bits.offset % 8 == 0 && b.len() >= values.len().div_ceil(8));
    let Some(bytes) = whole else {
        out.extend(
            values
                .iter()
                .enumerate()
                .map(|(row, v)| if bits.get(row) { f(*v) } else { null }),
        );
        return;
    };
    for (chunk, byte) in values.chunks(8).zip(bytes) {
        if *byte == u8::MAX {
            out.extend(chunk.iter().map(|v| f(*v)));
        } else {
            out.extend(chunk.iter().enumerate().map(|(i, v)| {
                if (byte >> i) & 1 == 1 {
                    f(*v)
                } else {
                    null
                }
            }));
        }
    }
}

/// Seconds since 1970 from a timestamp in units of `PER` per second (a constant, so the
/// division compiles to a multiplication).
#[inline(always)]
fn seconds<const PER: i64>(v: i64) -> i64 {
    v.div_euclid(PER)
}

/// The fast path of [`instants`]: timestamps scaled in one pass (copied when in seconds),
/// then checked to lie in the supported years.
fn fast_instants(spec: &TableColumn, c: &Column<'_>, out: &mut Vec<i64>) -> bool {
    let in_years = |s: i64| (EPOCH_SECONDS.0..=EPOCH_SECONDS.1).contains(&s);
    let start = out.len();
    match (c.values, c.valid) {
        (Values::Timestamp(values, unit), valid) => {
            let scale: fn(i64) -> i64 = match unit {
                TimeUnit::Second => seconds::<1>,
                TimeUnit::Millisecond => seconds::<1_000>,
                TimeUnit::Microsecond => seconds::<1_000_000>,
                TimeUnit::Nanosecond => seconds::<1_000_000_000>,
            };
            match valid {
                Some(bits) if !bits.all_set(values.len()) => {
                    if !spec.nullable {
                        return false;
                    }
                    let mut ok = true;
                    extend_masked(values, bits, NO_TIME, out, |v| {
                        let s = scale(v);
                        ok &= in_years(s);
                        s
                    });
                    ok
                }
                _ => {
                    match unit {
                        TimeUnit::Second => out.extend_from_slice(values),
                        TimeUnit::Millisecond => {
                            out.extend(values.iter().map(|v| seconds::<1_000>(*v)))
                        }
                        TimeUnit::Microsecond => {
                            out.extend(values.iter().map(|v| seconds::<1_000_000>(*v)))
                        }
                        TimeUnit::Nanosecond => {
                            out.extend(values.iter().map(|v| seconds::<1_000_000_000>(*v)))
                        }
                    }
                    out.get(start..).is_some_and(|o| {
                        let (lo, hi) = o
                            .iter()
                            .fold((i64::MAX, i64::MIN), |(lo, hi), s| (lo.min(*s), hi.max(*s)));
                        o.is_empty() || (in_years(lo) && in_years(hi))
                    })
                }
            }
        }
        (Values::Int(ints), _) if c.all_valid() => with_ints!(ints, |s| {
            let range = i128::from(EPOCH_SECONDS.0)..=i128::from(EPOCH_SECONDS.1);
            if !s.iter().all(|v| range.contains(&v.wide())) {
                return false;
            }
            out.extend(s.iter().map(|v| v.wide() as i64));
            true
        }),
        _ => false,
    }
}

/// Appends a column of instants row by row, failing at the first bad row.
fn instants_by_row(
    table: Table,
    spec: &TableColumn,
    c: &Column<'_>,
    out: &mut Vec<i64>,
) -> Result<()> {
    let name = spec.name;
    out.reserve(c.values.len());
    let mut push = |row: usize, seconds: Option<i128>| -> Result<()> {
        if c.is_null(row) {
            if spec.nullable {
                out.push(NO_TIME);
                return Ok(());
            }
            return Err(null_error(table, name, row));
        }
        // The row's name is spelled only for an error: this runs once per row.
        match seconds.and_then(|s| i64::try_from(s).ok()) {
            Some(s) if (EPOCH_SECONDS.0..=EPOCH_SECONDS.1).contains(&s) => out.push(s),
            Some(s) => return check_epoch_seconds(&at(table, name, row), s).map(|_| ()),
            None => {
                return Err(Error::invalid(
                    at(table, name, row),
                    "outside the supported years",
                ))
            }
        }
        Ok(())
    };
    match c.values {
        Values::Timestamp(values, unit) => {
            let per = i128::from(unit.per_second());
            for (row, v) in values.iter().enumerate() {
                push(row, Some(i128::from(*v).div_euclid(per)))?;
            }
        }
        Values::Int(ints) => each_int!(ints, |row, v| push(row, Some(v))?),
        ref other => {
            return Err(wrong_type(
                table,
                name,
                "timestamps or integer seconds since 1970",
                other,
            ))
        }
    }
    Ok(())
}

/// Appends a column of sentiment scores; null and NaN are "not rated".
fn sentiments(table: Table, name: &str, c: &Column<'_>, out: &mut Vec<f64>) -> Result<()> {
    let valid = |row: usize, v: f64| if c.is_null(row) { f64::NAN } else { v };
    match c.values {
        Values::Float64(s) => match c.valid {
            None => out.extend_from_slice(s),
            Some(bits) => extend_masked(s, bits, f64::NAN, out, |v| v),
        },
        Values::Float32(s) => {
            out.extend(s.iter().enumerate().map(|(r, v)| valid(r, f64::from(*v))))
        }
        // Scores are −2…+2, so any integer that is one converts exactly.
        Values::Int(ints) => each_int!(ints, |row, v| out.push(valid(row, v as f64))),
        ref other => return Err(wrong_type(table, name, "numbers", other)),
    }
    Ok(())
}

/// Appends a column of yes/no flags as 1/0.
fn flags(table: Table, name: &str, c: &Column<'_>, out: &mut Vec<u8>) -> Result<()> {
    match c.values {
        Values::Bool(bits, n) if c.all_valid() => {
            out.extend((0..n).map(|row| u8::from(bits.get(row))))
        }
        Values::Bool(bits, n) => {
            for row in 0..n {
                if c.is_null(row) {
                    return Err(null_error(table, name, row));
                }
                out.push(u8::from(bits.get(row)));
            }
        }
        Values::Int(ints) => each_int!(ints, |row, v| {
            if c.is_null(row) {
                return Err(null_error(table, name, row));
            }
            match v {
                0 | 1 => out.push(v as u8),
                _ => {
                    return Err(Error::invalid(
                        at(table, name, row),
                        format!("{v} is not 0 or 1"),
                    ))
                }
            }
        }),
        ref other => return Err(wrong_type(table, name, "booleans or 0/1 integers", other)),
    }
    Ok(())
}

/// Journey numbers by id, as the journeys table gives them.
enum JourneyIds<'a> {
    /// Integer ids spanning a small range: numbers by `id - min`, `u32::MAX` for none.
    Dense { min: i128, numbers: Vec<u32> },
    /// Integer ids.
    Ints(HashMap<i128, u32>),
    /// String ids.
    Texts(HashMap<&'a str, u32>),
}

/// The id of one row of a `journey_id` column.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Id<'a> {
    Int(i128),
    Text(&'a str),
}

/// Calls `f` with each row's id (nulls refused).
fn each_id<'a>(
    table: Table,
    c: &Column<'a>,
    mut f: impl FnMut(usize, Id<'a>) -> Result<()>,
) -> Result<()> {
    let name = "journey_id";
    let text = |row: usize, s: Option<&'a str>| {
        s.ok_or_else(|| Error::invalid(at(table, name, row), "not valid text"))
    };
    match c.values {
        Values::Int(ints) => each_int!(ints, |row, v| {
            if c.is_null(row) {
                return Err(null_error(table, name, row));
            }
            f(row, Id::Int(v))?;
        }),
        Values::Text(t) => {
            for row in 0..t.len() {
                if c.is_null(row) {
                    return Err(null_error(table, name, row));
                }
                f(row, Id::Text(text(row, t.text(row))?))?;
            }
        }
        Values::Dictionary { keys, values } => {
            for row in 0..keys.len() {
                if c.is_null(row) {
                    return Err(null_error(table, name, row));
                }
                let s = keys
                    .get(row)
                    .and_then(|k| usize::try_from(k).ok())
                    .and_then(|k| values.text(k));
                f(row, Id::Text(text(row, s)?))?;
            }
        }
        ref other => return Err(wrong_type(table, name, "integer or string ids", other)),
    }
    Ok(())
}

impl<'a> JourneyIds<'a> {
    /// Numbers the journeys by their row in the journeys table, refusing duplicates.
    fn number(columns: &[&Column<'a>]) -> Result<JourneyIds<'a>> {
        let table = Table::Journeys;
        let rows: usize = columns.iter().map(|c| c.values.len()).sum();
        let texts = columns
            .iter()
            .any(|c| matches!(c.values, Values::Text(_) | Values::Dictionary { .. }));
        let mut ids = if texts {
            JourneyIds::Texts(HashMap::with_capacity(rows))
        } else {
            // Integer ids close together (the usual 0..n or a running number) index a
            // vector: no hashing on the hot path.
            let (mut lo, mut hi) = (i128::MAX, i128::MIN);
            for c in columns {
                if let Values::Int(ints) = c.values {
                    each_int!(ints, |_row, v| {
                        lo = lo.min(v);
                        hi = hi.max(v);
                    });
                }
            }
            let span = hi.saturating_sub(lo).saturating_add(1);
            let roomy = i128::try_from(rows).unwrap_or(i128::MAX).saturating_mul(4);
            if rows > 0 && span <= roomy.max(1024) {
                let len = usize::try_from(span).map_err(|_| Error::overflow("journey ids"))?;
                JourneyIds::Dense {
                    min: lo,
                    numbers: vec![u32::MAX; len],
                }
            } else {
                JourneyIds::Ints(HashMap::with_capacity(rows))
            }
        };
        let mut next: u32 = 0;
        for c in columns {
            each_id(table, c, |row, id| {
                let n = next;
                let fresh = match (&mut ids, id) {
                    (JourneyIds::Dense { min, numbers }, Id::Int(v)) => {
                        let slot = usize::try_from(v - *min)
                            .ok()
                            .and_then(|i| numbers.get_mut(i));
                        match slot {
                            Some(s) if *s == u32::MAX => {
                                *s = n;
                                true
                            }
                            _ => false,
                        }
                    }
                    (JourneyIds::Ints(m), Id::Int(v)) => m.insert(v, n).is_none(),
                    (JourneyIds::Texts(m), Id::Text(s)) => m.insert(s, n).is_none(),
                    (_, _) => {
                        return Err(Error::invalid(
                            at(table, "journey_id", row),
                            "ids are strings in one batch and integers in another",
                        ))
                    }
                };
                if !fresh {
                    return Err(Error::invalid(
                        at(table, "journey_id", row),
                        "this journey id appears twice",
                    ));
                }
                next = next
                    .checked_add(1)
                    .ok_or_else(|| Error::overflow("journey count above u32"))?;
                Ok(())
            })?;
        }
        Ok(ids)
    }

    fn find(&self, id: Id<'_>) -> Option<u32> {
        match (self, id) {
            (JourneyIds::Dense { min, numbers }, Id::Int(v)) => usize::try_from(v - *min)
                .ok()
                .and_then(|i| numbers.get(i))
                .copied()
                .filter(|n| *n != u32::MAX),
            (JourneyIds::Ints(m), Id::Int(v)) => m.get(&v).copied(),
            (JourneyIds::Texts(m), Id::Text(s)) => m.get(s).copied(),
            _ => None,
        }
    }

    /// Appends the journey number of each row of a `journey_id` column of another table.
    fn numbers(&self, table: Table, c: &Column<'_>, out: &mut Vec<u32>) -> Result<()> {
        let start = out.len();
        if self.fast_numbers(c, out) {
            return Ok(());
        }
        out.truncate(start);
        self.numbers_by_row(table, c, out)
    }

    /// The fast path of [`Self::numbers`]: integer ids of a dense range index the numbers
    /// directly; dictionary-encoded string ids are looked up once per dictionary entry.
    fn fast_numbers(&self, c: &Column<'_>, out: &mut Vec<u32>) -> bool {
        if !c.all_valid() {
            return false;
        }
        let start = out.len();
        match (self, c.values) {
            (JourneyIds::Dense { min, numbers }, Values::Int(ints)) => {
                with_ints!(ints, |s| out.extend(s.iter().map(|v| {
                    usize::try_from(v.wide() - *min)
                        .ok()
                        .and_then(|i| numbers.get(i))
                        .copied()
                        .unwrap_or(u32::MAX)
                })))
            }
            (JourneyIds::Texts(m), Values::Dictionary { keys, values }) => {
                let decoded: Vec<u32> = (0..values.len())
                    .map(|k| {
                        values
                            .text(k)
                            .and_then(|t| m.get(t))
                            .copied()
                            .unwrap_or(u32::MAX)
                    })
                    .collect();
                with_ints!(keys, |s| out.extend(s.iter().map(|k| {
                    usize::try_from(k.wide())
                        .ok()
                        .and_then(|k| decoded.get(k))
                        .copied()
                        .unwrap_or(u32::MAX)
                })))
            }
            _ => return false,
        }
        !out.get(start..).is_some_and(|o| o.contains(&u32::MAX))
    }

    /// Appends the journey numbers row by row, failing at the first unknown id.
    fn numbers_by_row(&self, table: Table, c: &Column<'_>, out: &mut Vec<u32>) -> Result<()> {
        out.reserve(c.values.len());
        // Rows of one journey usually come together: the last lookup is kept.
        let mut last: Option<(Id<'_>, u32)> = None;
        each_id(table, c, |row, id| {
            let n = match last {
                Some((prev, n)) if prev == id => n,
                _ => {
                    let n = self.find(id).ok_or_else(|| {
                        let shown = match id {
                            Id::Int(v) => v.to_string(),
                            Id::Text(s) => format!("{:?}", s.chars().take(40).collect::<String>()),
                        };
                        Error::invalid(
                            at(table, "journey_id", row),
                            format!("journey {shown} is not in the journeys table"),
                        )
                    })?;
                    last = Some((id, n));
                    n
                }
            };
            out.push(n);
            Ok(())
        })
    }
}

/// Reads the four tables into integer-coded columns (see the module docs for the schema
/// and the errors). Costs one pass over each column: names are decoded once per
/// dictionary entry, integer ids of a dense range index their journeys directly (other
/// ids cost one hash lookup per row whose journey differs from the row before).
pub fn read_tables(tables: &Tables<'_>) -> Result<JourneyTable> {
    let mut out = JourneyTable::default();
    let mut id_columns = Vec::new();
    for batch in tables.journeys {
        for (spec, c) in schema_columns(Table::Journeys, batch)? {
            let Some(c) = c else { continue };
            match spec.kind {
                ColumnKind::JourneyId => id_columns.push(c),
                _ => codes(
                    Table::Journeys,
                    spec.name,
                    c,
                    &Status::NAMES,
                    &mut out.status,
                )?,
            }
        }
    }
    let ids = JourneyIds::number(&id_columns)?;
    let parts = [
        (Table::Visits, tables.visits),
        (Table::Touchpoints, tables.touchpoints),
        (Table::Needs, tables.needs),
    ];
    for (table, batches) in parts {
        for batch in batches {
            let columns = schema_columns(table, batch)?;
            let rows = columns
                .iter()
                .find_map(|(_, c)| c.map(|c| c.values.len()))
                .unwrap_or(0);
            for (spec, c) in columns {
                read_column(&ids, table, spec, c, rows, &mut out)?;
            }
        }
    }
    Ok(out)
}

/// Appends one column of a visits, touchpoints or needs batch to its field of `out`.
fn read_column(
    ids: &JourneyIds<'_>,
    table: Table,
    spec: &TableColumn,
    c: Option<&Column<'_>>,
    rows: usize,
    out: &mut JourneyTable,
) -> Result<()> {
    use ColumnKind as K;
    use Table as T;
    let Some(c) = c else {
        // Only the sentiment column is optional: left out, nothing was rated.
        if spec.kind == K::Sentiment {
            out.touch_sentiment
                .extend(std::iter::repeat_n(f64::NAN, rows));
        }
        return Ok(());
    };
    let name = spec.name;
    match (table, spec.kind) {
        (T::Visits, K::JourneyId) => ids.numbers(table, c, &mut out.visit_journey),
        (T::Visits, K::Stage) => codes(table, name, c, &Stage::NAMES, &mut out.visit_stage),
        (T::Visits, K::Instant) if name == "entered" => {
            instants(table, spec, c, &mut out.visit_entered)
        }
        (T::Visits, K::Instant) => instants(table, spec, c, &mut out.visit_left),
        (T::Touchpoints, K::JourneyId) => ids.numbers(table, c, &mut out.touch_journey),
        (T::Touchpoints, K::Stage) => codes(table, name, c, &Stage::NAMES, &mut out.touch_stage),
        (T::Touchpoints, K::Instant) => instants(table, spec, c, &mut out.touch_at),
        (T::Touchpoints, K::Channel) => {
            codes(table, name, c, &Channel::NAMES, &mut out.touch_channel)
        }
        (T::Touchpoints, K::Kind) => {
            codes(table, name, c, &TouchpointKind::NAMES, &mut out.touch_kind)
        }
        (T::Touchpoints, K::Sentiment) => sentiments(table, name, c, &mut out.touch_sentiment),
        (T::Needs, K::JourneyId) => ids.numbers(table, c, &mut out.need_journey),
        (T::Needs, K::Stage) => codes(table, name, c, &Stage::NAMES, &mut out.need_stage),
        (T::Needs, K::Need) => codes(table, name, c, &Need::NAMES, &mut out.need_code),
        (T::Needs, K::Flag) => flags(table, name, c, &mut out.need_met),
        _ => Err(Error::invalid(
            format!("{}.{name}", table_name(table)),
            "this column belongs to another table",
        )),
    }
}

/// One column of a table written from journeys.
#[derive(Debug, Clone, PartialEq)]
pub enum OutValues {
    /// Strings (journey ids).
    Text(Vec<String>),
    /// snake_case names (statuses, stages, channels, kinds, needs).
    Names(Vec<&'static str>),
    /// Instants in seconds since the Unix epoch (UTC), `None` while open.
    Instants(Vec<Option<i64>>),
    /// Numbers, `None` when not rated.
    Floats(Vec<Option<f64>>),
    /// Yes/no flags.
    Flags(Vec<bool>),
}

/// One of the four tables written from journeys: its columns in schema order.
#[derive(Debug, Clone, PartialEq)]
pub struct OutTable {
    /// Which table.
    pub table: Table,
    /// Its columns, named as in [`TABLE_COLUMNS`].
    pub columns: Vec<(&'static str, OutValues)>,
}

fn out_table(table: Table, values: Vec<OutValues>) -> OutTable {
    let names = TABLE_COLUMNS
        .iter()
        .filter(|c| c.table == table)
        .map(|c| c.name);
    OutTable {
        table,
        columns: names.zip(values).collect(),
    }
}

/// The four tables (journeys, visits, touchpoints, needs) of journey objects, each
/// validated first; [`read_tables`] reads them back into the same map.
pub fn journey_tables(journeys: &[Journey]) -> Result<[OutTable; 4]> {
    for j in journeys {
        j.validate()?;
    }
    let visits = journeys
        .iter()
        .flat_map(|j| j.stages.iter().map(move |v| (j, v)));
    let touches = journeys
        .iter()
        .flat_map(|j| j.touchpoints.iter().map(move |t| (j, t)));
    let needs = journeys
        .iter()
        .flat_map(|j| j.needs.iter().map(move |n| (j, n)));
    let ids = |it: &mut dyn Iterator<Item = &Journey>| {
        OutValues::Text(it.map(|j| j.id.clone()).collect())
    };
    Ok([
        out_table(
            Table::Journeys,
            vec![
                ids(&mut journeys.iter()),
                OutValues::Names(journeys.iter().map(|j| j.status.as_str()).collect()),
            ],
        ),
        out_table(
            Table::Visits,
            vec![
                ids(&mut visits.clone().map(|(j, _)| j)),
                OutValues::Names(visits.clone().map(|(_, v)| v.stage.as_str()).collect()),
                OutValues::Instants(
                    visits
                        .clone()
                        .map(|(_, v)| Some(v.entered.timestamp()))
                        .collect(),
                ),
                OutValues::Instants(visits.map(|(_, v)| v.left.map(|l| l.timestamp())).collect()),
            ],
        ),
        out_table(
            Table::Touchpoints,
            vec![
                ids(&mut touches.clone().map(|(j, _)| j)),
                OutValues::Names(touches.clone().map(|(_, t)| t.stage.as_str()).collect()),
                OutValues::Instants(
                    touches
                        .clone()
                        .map(|(_, t)| Some(t.at.timestamp()))
                        .collect(),
                ),
                OutValues::Names(touches.clone().map(|(_, t)| t.channel.as_str()).collect()),
                OutValues::Names(touches.clone().map(|(_, t)| t.kind.as_str()).collect()),
                OutValues::Floats(touches.map(|(_, t)| t.sentiment).collect()),
            ],
        ),
        out_table(
            Table::Needs,
            vec![
                ids(&mut needs.clone().map(|(j, _)| j)),
                OutValues::Names(needs.clone().map(|(_, n)| n.stage.as_str()).collect()),
                OutValues::Names(needs.clone().map(|(_, n)| n.need.as_str()).collect()),
                OutValues::Flags(needs.map(|(_, n)| n.met).collect()),
            ],
        ),
    ])
}
