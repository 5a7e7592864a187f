//! Journeys numbered by their ids, as the journeys table gives them.

use super::*;
use crate::analytics::columns::Table;
use crate::error::{Error, Result};
use std::collections::HashMap;

/// Journey numbers by id, as the journeys table gives them.
pub(super) enum JourneyIds<'a> {
    /// Integer ids spanning a small range: numbers by `id - min`, `u32::MAX` for none.
    Dense { min: i128, numbers: Vec<u32> },
    /// Integer ids.
    Ints(HashMap<i128, u32>),
    /// String ids.
    Texts(HashMap<&'a str, u32>),
}

/// The id of one row of a `journey_id` column.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Id<'a> {
    Int(i128),
    Text(&'a str),
}

/// Calls `f` with each row's id (nulls refused).
pub(super) fn each_id<'a>(
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
    pub(super) fn number(columns: &[&Column<'a>]) -> Result<JourneyIds<'a>> {
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

    pub(super) fn find(&self, id: Id<'_>) -> Option<u32> {
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
    pub(super) fn numbers(&self, table: Table, c: &Column<'_>, out: &mut Vec<u32>) -> Result<()> {
        let start = out.len();
        if self.fast_numbers(c, out) {
            return Ok(());
        }
        out.truncate(start);
        self.numbers_by_row(table, c, out)
    }

    /// The fast path of [`Self::numbers`]: integer ids of a dense range index the numbers
    /// directly; dictionary-encoded string ids are looked up once per dictionary entry.
    pub(super) fn fast_numbers(&self, c: &Column<'_>, out: &mut Vec<u32>) -> bool {
        if !c.all_valid() {
            return false;
        }
        let start = out.len();
        match (self, c.values) {
            (JourneyIds::Dense { min, numbers }, Values::Int(ints)) => {
                with_ints!(ints, |s| each_staged(s, |part| out.extend(
                    part.iter().map(|v| {
                        usize::try_from(v.wide() - *min)
                            .ok()
                            .and_then(|i| numbers.get(i))
                            .copied()
                            .unwrap_or(u32::MAX)
                    })
                )))
            }
            (JourneyIds::Texts(_), Values::Dictionary { keys, values }) => {
                self.dictionary_numbers(values).extend(keys, out)
            }
            _ => return false,
        }
        !out.get(start..).is_some_and(|o| o.contains(&u32::MAX))
    }

    /// The journey number of each string of a dictionary of string ids (`u32::MAX` for
    /// one that is no journey's).
    pub(super) fn dictionary_numbers(&self, values: &dyn Texts) -> Decoded<u32> {
        let number = |k: usize| {
            values
                .text(k)
                .and_then(|t| self.find(Id::Text(t)))
                .unwrap_or(u32::MAX)
        };
        Decoded::new((0..values.len()).map(number), u32::MAX)
    }

    /// Appends the journey numbers of the rows `rows` of a `journey_id` column with no
    /// nulls, for the chunked pass; false when an id is unknown or not of the journeys'
    /// kind (the whole-table reader then names it). Rows of one journey usually come
    /// together, so the last lookup is kept.
    pub(super) fn range_numbers(
        &self,
        c: &Column<'_>,
        rows: std::ops::Range<usize>,
        out: &mut Vec<u32>,
    ) -> bool {
        let start = out.len();
        match (self, c.values) {
            (JourneyIds::Dense { .. }, _) => {
                return c
                    .range(rows)
                    .is_some_and(|part| self.fast_numbers(&part, out))
            }
            (_, Values::Int(ints)) => {
                let Some(part) = ints.range(rows) else {
                    return false;
                };
                let mut last: Option<(i128, u32)> = None;
                with_ints!(part, |s| out.extend(s.iter().map(|v| {
                    let v = v.wide();
                    match last {
                        Some((p, n)) if p == v => n,
                        _ => {
                            let n = self.find(Id::Int(v)).unwrap_or(u32::MAX);
                            last = Some((v, n));
                            n
                        }
                    }
                })))
            }
            (_, Values::Text(t)) if rows.end <= t.len() => {
                let mut last: Option<(&str, u32)> = None;
                for row in rows {
                    let Some(s) = t.text(row) else {
                        return false;
                    };
                    let n = match last {
                        Some((p, n)) if p == s => n,
                        _ => {
                            let n = self.find(Id::Text(s)).unwrap_or(u32::MAX);
                            last = Some((s, n));
                            n
                        }
                    };
                    out.push(n);
                }
            }
            _ => return false,
        }
        !out.get(start..).is_some_and(|o| o.contains(&u32::MAX))
    }

    /// Appends the journey numbers row by row, failing at the first unknown id.
    pub(super) fn numbers_by_row(
        &self,
        table: Table,
        c: &Column<'_>,
        out: &mut Vec<u32>,
    ) -> Result<()> {
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
