//! The four journey tables as dataframes hold them — named columns, journeys keyed by
//! their own ids, names or codes, timestamps of any unit — read into the integer-coded
//! [`JourneyTable`] the map is built from, and written back out from journeys.
//!
//! The core stays free of any dataframe library: a wrapper hands over each column as
//! plain slices ([`Values`]), strings behind the [`Texts`] trait and validity bitmaps
//! ([`Bits`]), in record batches ([`Batch`]). Every rule lives here: the schema
//! ([`TABLE_COLUMNS`]), which columns are required and which may hold nulls, decoding
//! names to codes, numbering journeys by their ids and scaling timestamps to seconds.
//! The map is built by [`accumulate_tables`], which decodes a few thousand rows at a time
//! straight into the accumulator (no whole copy of the tables); [`read_tables`] gives the
//! whole integer-coded table, and is what names the first bad row when anything fails.
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

mod accumulate;
mod decode;
mod export;
mod ids;
mod input;
mod names;
mod schema;

pub use accumulate::*;
use decode::*;
pub use export::*;
use ids::*;
pub use input::*;
use names::*;
pub use schema::*;

use super::columns::{JourneyTable, Table};
use crate::error::{Error, Result};
use crate::journey::{Channel, Need, Stage, Status, TouchpointKind};

/// Reads the four tables into integer-coded columns (see the module docs for the schema
/// and the errors). Costs one pass over each column: names are decoded once per
/// dictionary entry, integer ids of a dense range index their journeys directly (other
/// ids cost one hash lookup per row whose journey differs from the row before).
pub fn read_tables(tables: &Tables<'_>) -> Result<JourneyTable> {
    let mut out = JourneyTable::default();
    let ids = read_journeys(tables, &mut out.status)?;
    let parts = [
        (Table::Visits, tables.visits),
        (Table::Touchpoints, tables.touchpoints),
        (Table::Needs, tables.needs),
    ];
    for (table, batches) in parts {
        for batch in batches {
            let (columns, rows) = schema_columns(table, batch)?;
            for (spec, c) in columns {
                read_column(&ids, table, spec, c, rows, &mut out)?;
            }
        }
    }
    Ok(out)
}

/// Reads the journeys table: appends each journey's status code to `status` and numbers
/// the journeys by their ids.
fn read_journeys<'a>(tables: &Tables<'a>, status: &mut Vec<u8>) -> Result<JourneyIds<'a>> {
    let mut id_columns = Vec::new();
    for batch in tables.journeys {
        for (spec, c) in schema_columns(Table::Journeys, batch)?.0 {
            let Some(c) = c else { continue };
            match spec.kind {
                ColumnKind::JourneyId => id_columns.push(c),
                _ => codes(Table::Journeys, spec.name, c, &Status::NAMES, status)?,
            }
        }
    }
    JourneyIds::number(&id_columns)
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
