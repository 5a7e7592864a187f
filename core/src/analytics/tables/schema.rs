//! The tables' schema (which columns, required or not, nullable or not) and the errors
//! that name a table, column and row.

use super::*;
use crate::analytics::columns::Table;
use crate::error::{Error, Result};

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

pub(super) const fn col(
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

pub(super) fn at(table: Table, column: &str, row: usize) -> String {
    format!("{}.{column}[{row}]", table_name(table))
}

pub(super) fn null_error(table: Table, column: &str, row: usize) -> Error {
    Error::invalid(at(table, column, row), "a value is required (null given)")
}

pub(super) fn wrong_type(table: Table, column: &str, accepts: &str, got: &Values<'_>) -> Error {
    Error::invalid(
        format!("{}.{column}", table_name(table)),
        format!("expected {accepts}, got {}", got.type_name()),
    )
}

/// A batch's columns in schema order, `None` for an optional one left out.
pub(super) type SchemaColumns<'b, 'a> = Vec<(&'static TableColumn, Option<&'b Column<'a>>)>;

/// The columns of one batch in schema order, each checked to have the batch's length,
/// and that length (0 when no schema column is given).
pub(super) fn schema_columns<'b, 'a>(
    table: Table,
    batch: &'b Batch<'a>,
) -> Result<(SchemaColumns<'b, 'a>, usize)> {
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
    Ok((out, rows.map_or(0, |(_, n)| n)))
}
