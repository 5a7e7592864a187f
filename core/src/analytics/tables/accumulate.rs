//! The four tables fed straight into the map's accumulator, a few thousand rows at a
//! time, so no whole integer-coded [`JourneyTable`] is built first: each chunk's decoded
//! columns stay in cache and memory does not grow with the tables.

use std::ops::Range;

use super::*;
use crate::analytics::accumulator::Visited;
use crate::analytics::columns::{JourneyColumns, JourneyTable, Table};
use crate::analytics::durations::QuantileMode;
use crate::analytics::MapAccumulator;

/// Rows decoded at a time: a chunk of touchpoints (about 100 KB decoded) stays in cache.
const CHUNK: usize = 4096;

/// The accumulator of the four tables (schema and errors in the module docs), its dwell
/// quantiles kept as `mode` says. The same as reading them with [`read_tables`] and
/// adding the columns, at a fraction of the memory and time.
pub fn accumulate_tables(tables: &Tables<'_>, mode: QuantileMode) -> Result<MapAccumulator> {
    match chunked(tables, mode) {
        Ok(Some(acc)) => Ok(acc),
        // A layout the chunked readers do not cover (nulls where none are allowed, ids
        // of mixed kinds…) or an error: the whole-table reader gives the same map, or
        // names the first bad row exactly as it always has (decoding errors before the
        // map's own).
        Ok(None) | Err(_) => MapAccumulator::from_columns(&read_tables(tables)?.columns(), mode),
    }
}

impl MapAccumulator {
    /// Adds a batch of complete journeys given as the four journey tables (see
    /// [`crate::analytics::tables`]). On error nothing is added.
    pub fn add_tables(&mut self, tables: &Tables<'_>) -> Result<()> {
        let batch = accumulate_tables(tables, self.quantiles())?;
        self.merge(&batch)
    }
}

/// The chunked pass: `None` as soon as a column is not one it reads (the caller then
/// takes the whole-table path).
fn chunked(tables: &Tables<'_>, mode: QuantileMode) -> Result<Option<MapAccumulator>> {
    let mut status = Vec::new();
    let ids = read_journeys(tables, &mut status)?;
    let mut acc = MapAccumulator::with_quantiles(mode);
    acc.count_statuses(&status)?;
    let mut visited = Visited::new(status.len())?;
    let mut chunk = JourneyTable::default();
    let ok = each_chunk(
        &ids,
        Table::Visits,
        tables.visits,
        &mut chunk,
        |c, first| acc.add_visits(c, &mut visited, first),
    )?;
    if !ok {
        return Ok(None);
    }
    acc.attribute_journeys(&status, &visited)?;
    let ok = each_chunk(
        &ids,
        Table::Touchpoints,
        tables.touchpoints,
        &mut chunk,
        |c, first| acc.add_touchpoints(c, &visited, first),
    )?;
    if !ok {
        return Ok(None);
    }
    let ok = each_chunk(&ids, Table::Needs, tables.needs, &mut chunk, |c, first| {
        acc.add_needs(c, &visited, first)
    })?;
    Ok(ok.then_some(acc))
}

/// Decodes the batches of one table chunk by chunk into `chunk` and hands each to `add`
/// with the table row it starts at. False when a column is not one the chunked readers
/// take.
fn each_chunk(
    ids: &JourneyIds<'_>,
    table: Table,
    batches: &[Batch<'_>],
    chunk: &mut JourneyTable,
    mut add: impl FnMut(&JourneyColumns<'_>, usize) -> Result<()>,
) -> Result<bool> {
    let mut first = 0usize;
    for batch in batches {
        let (columns, rows) = schema_columns(table, batch)?;
        let mut readers = Vec::with_capacity(columns.len());
        for (spec, c) in columns {
            let Some(r) = Reader::new(ids, spec, c) else {
                return Ok(false);
            };
            readers.push((spec, r));
        }
        let mut start = 0;
        while start < rows {
            let range = start..rows.min(start.saturating_add(CHUNK));
            clear(chunk);
            for (spec, r) in &readers {
                if !r.read(ids, table, spec, range.clone(), chunk) {
                    return Ok(false);
                }
            }
            add(&chunk.columns(), first.saturating_add(start))?;
            start = range.end;
        }
        first = first.saturating_add(rows);
    }
    Ok(true)
}

/// Empties every column, keeping the memory for the next chunk.
fn clear(t: &mut JourneyTable) {
    t.visit_journey.clear();
    t.visit_stage.clear();
    t.visit_entered.clear();
    t.visit_left.clear();
    t.touch_journey.clear();
    t.touch_stage.clear();
    t.touch_at.clear();
    t.touch_channel.clear();
    t.touch_kind.clear();
    t.touch_sentiment.clear();
    t.need_journey.clear();
    t.need_stage.clear();
    t.need_code.clear();
    t.need_met.clear();
}

/// How one column of a batch is read a chunk at a time; what is worked out once per
/// batch (a dictionary's codes or journey numbers) is kept here.
enum Reader<'b, 'a> {
    /// An optional column left out.
    Missing,
    /// Numbers, timestamps or flags: each chunk is a slice of the column.
    Plain(&'b Column<'a>),
    /// Integer codes of an enum, checked per chunk.
    IntCodes(Ints<'a>, &'static [&'static str]),
    /// Dictionary keys and the code (or journey number) of each dictionary entry.
    KeyedCodes(Ints<'a>, Decoded<u8>),
    /// Keys of dictionary-encoded string ids and each entry's journey number.
    KeyedIds(Ints<'a>, Decoded<u32>),
    /// Plain strings naming an enum.
    Names(&'a dyn Texts, Box<NameLookup<'static>>),
    /// Ids looked up row by row.
    Ids(&'b Column<'a>),
}

impl<'b, 'a> Reader<'b, 'a> {
    /// The reader of a column with no nulls where none are allowed, in a layout the
    /// chunked pass reads; `None` otherwise.
    fn new(
        ids: &JourneyIds<'_>,
        spec: &TableColumn,
        c: Option<&'b Column<'a>>,
    ) -> Option<Reader<'b, 'a>> {
        let Some(c) = c else {
            return Some(Reader::Missing);
        };
        if !spec.nullable && !c.all_valid() {
            return None;
        }
        let names: &'static [&'static str] = match spec.kind {
            ColumnKind::JourneyId => {
                return Some(match (ids, c.values) {
                    (JourneyIds::Texts(_), Values::Dictionary { keys, values }) => {
                        Reader::KeyedIds(keys, ids.dictionary_numbers(values))
                    }
                    _ => Reader::Ids(c),
                })
            }
            ColumnKind::Stage => &Stage::NAMES,
            ColumnKind::Channel => &Channel::NAMES,
            ColumnKind::Kind => &TouchpointKind::NAMES,
            ColumnKind::Need => &Need::NAMES,
            ColumnKind::Status => &Status::NAMES,
            ColumnKind::Instant | ColumnKind::Sentiment | ColumnKind::Flag => {
                return Some(Reader::Plain(c))
            }
        };
        match c.values {
            Values::Int(ints) => Some(Reader::IntCodes(ints, names)),
            Values::Dictionary { keys, values } => {
                Some(Reader::KeyedCodes(keys, dictionary_codes(values, names)))
            }
            Values::Text(t) => Some(Reader::Names(t, Box::new(NameLookup::new(names)?))),
            _ => None,
        }
    }

    /// Appends the rows `rows` to their field of `out`; false when a row is not one the
    /// chunked pass takes (the whole-table reader then names it).
    fn read(
        &self,
        ids: &JourneyIds<'_>,
        table: Table,
        spec: &TableColumn,
        rows: Range<usize>,
        out: &mut JourneyTable,
    ) -> bool {
        use ColumnKind as K;
        use Table as T;
        match (table, spec.kind) {
            (_, K::JourneyId) => {
                let out = match table {
                    T::Visits => &mut out.visit_journey,
                    T::Touchpoints => &mut out.touch_journey,
                    T::Needs => &mut out.need_journey,
                    T::Journeys => return false,
                };
                self.numbers(ids, rows, out)
            }
            (T::Visits, K::Stage) => self.codes(rows, &mut out.visit_stage),
            (T::Touchpoints, K::Stage) => self.codes(rows, &mut out.touch_stage),
            (T::Needs, K::Stage) => self.codes(rows, &mut out.need_stage),
            (T::Touchpoints, K::Channel) => self.codes(rows, &mut out.touch_channel),
            (T::Touchpoints, K::Kind) => self.codes(rows, &mut out.touch_kind),
            (T::Needs, K::Need) => self.codes(rows, &mut out.need_code),
            (T::Visits, K::Instant) if spec.name == "entered" => {
                self.instants(spec, rows, &mut out.visit_entered)
            }
            (T::Visits, K::Instant) => self.instants(spec, rows, &mut out.visit_left),
            (T::Touchpoints, K::Instant) => self.instants(spec, rows, &mut out.touch_at),
            (T::Touchpoints, K::Sentiment) => match self {
                // Left out, nothing was rated.
                Reader::Missing => {
                    out.touch_sentiment
                        .extend(std::iter::repeat_n(f64::NAN, rows.len()));
                    true
                }
                Reader::Plain(c) => c.range(rows).is_some_and(|c| {
                    sentiments(table, spec.name, &c, &mut out.touch_sentiment).is_ok()
                }),
                _ => false,
            },
            (T::Needs, K::Flag) => match self {
                Reader::Plain(c) => c
                    .range(rows)
                    .is_some_and(|c| flags(table, spec.name, &c, &mut out.need_met).is_ok()),
                _ => false,
            },
            _ => false,
        }
    }

    fn codes(&self, rows: Range<usize>, out: &mut Vec<u8>) -> bool {
        let start = out.len();
        match self {
            Reader::IntCodes(ints, names) => {
                return ints
                    .range(rows)
                    .is_some_and(|i| int_codes(i, names.len(), out))
            }
            Reader::KeyedCodes(keys, decoded) => {
                let Some(keys) = keys.range(rows) else {
                    return false;
                };
                decoded.extend(keys, out);
            }
            Reader::Names(texts, lookup) => {
                if rows.end > texts.len() {
                    return false;
                }
                lookup.extend(*texts, rows, out);
            }
            _ => return false,
        }
        !out.get(start..).is_some_and(|o| o.contains(&NO_CODE))
    }

    fn instants(&self, spec: &TableColumn, rows: Range<usize>, out: &mut Vec<i64>) -> bool {
        match self {
            Reader::Plain(c) => c.range(rows).is_some_and(|c| fast_instants(spec, &c, out)),
            _ => false,
        }
    }

    fn numbers(&self, ids: &JourneyIds<'_>, rows: Range<usize>, out: &mut Vec<u32>) -> bool {
        let start = out.len();
        match self {
            Reader::KeyedIds(keys, decoded) => {
                let Some(keys) = keys.range(rows) else {
                    return false;
                };
                decoded.extend(keys, out);
            }
            Reader::Ids(c) => return ids.range_numbers(c, rows, out),
            _ => return false,
        }
        !out.get(start..).is_some_and(|o| o.contains(&u32::MAX))
    }
}
