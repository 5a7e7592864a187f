//! Column values decoded: names or codes to codes, instants of any unit to seconds,
//! sentiments and flags.

use super::*;
use crate::analytics::columns::{Table, NO_TIME};
use crate::dates::{check_epoch_seconds, EPOCH_SECONDS};
use crate::error::{Error, Result};
use crate::named::unknown_name;

// The fast paths below cover the usual columns — no nulls where none are allowed, every
// value valid — in tight loops over the slices, without per-row error plumbing; on
// anything else they leave `out` as it was and the row-by-row readers after each of them
// run, which find the first bad row and name it. So both give the same result and the
// same error.

/// A code no enum has: no enum has 255 values.
pub(super) const NO_CODE: u8 = u8::MAX;

/// Appends a column of names or codes of an enum whose names are `names`.
pub(super) fn codes(
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
/// strings decoded once per dictionary entry, then each row's key is a table lookup;
/// plain strings found through a [`NameLookup`].
pub(super) fn fast_codes(c: &Column<'_>, names: &[&str], out: &mut Vec<u8>) -> bool {
    if !c.all_valid() || names.len() >= usize::from(NO_CODE) {
        return false;
    }
    let start = out.len();
    match c.values {
        Values::Int(ints) => return int_codes(ints, names.len(), out),
        Values::Dictionary { keys, values } => dictionary_codes(values, names).extend(keys, out),
        Values::Text(t) => {
            let Some(lookup) = NameLookup::new(names) else {
                return false;
            };
            lookup.extend(t, 0..t.len(), out);
        }
        _ => return false,
    }
    !out.get(start..).is_some_and(|o| o.contains(&NO_CODE))
}

/// Appends integer codes below `count`, checked in one pass; false when one is not.
pub(super) fn int_codes(ints: Ints<'_>, count: usize, out: &mut Vec<u8>) -> bool {
    let count = count as i128;
    with_ints!(ints, |s| {
        if !s.iter().all(|v| (0..count).contains(&v.wide())) {
            return false;
        }
        out.extend(s.iter().map(|v| v.wide() as u8));
        true
    })
}

/// The code of each string of a dictionary ([`NO_CODE`] for one that names nothing).
pub(super) fn dictionary_codes(values: &dyn Texts, names: &[&str]) -> Decoded<u8> {
    let code = |k: usize| {
        values
            .text(k)
            .and_then(|t| names.iter().position(|n| *n == t))
            .and_then(|p| u8::try_from(p).ok())
            .unwrap_or(NO_CODE)
    };
    Decoded::new((0..values.len()).map(code), NO_CODE)
}

/// What each entry of a dictionary decodes to (a code, a journey number), and what a key
/// past the entries gives. The entries are followed by that value, so a key is decoded by
/// one load at the key clamped to the last slot, without a branch per row.
pub(super) struct Decoded<T> {
    table: Vec<T>,
    none: T,
}

impl<T: Copy> Decoded<T> {
    /// The decoded entries, `none` for a key past them.
    pub(super) fn new(entries: impl Iterator<Item = T>, none: T) -> Decoded<T> {
        let table = entries.chain(std::iter::once(none)).collect();
        Decoded { table, none }
    }

    /// Appends the value of each key (`none` for a key past the entries or below 0).
    pub(super) fn extend(&self, keys: Ints<'_>, out: &mut Vec<T>) {
        let table = self.table.as_slice();
        let last = table.len().saturating_sub(1);
        with_ints!(keys, |s| each_staged(s, |part| out.extend(
            part.iter().map(|k| {
                let i = usize::try_from(k.wide()).map_or(last, |k| k.min(last));
                // `i <= last` always, so this is the load alone.
                table.get(i).copied().unwrap_or(self.none)
            })
        )))
    }
}

/// Appends a column of names or codes row by row, failing at the first bad row.
pub(super) fn codes_by_row(
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
pub(super) fn instants(
    table: Table,
    spec: &TableColumn,
    c: &Column<'_>,
    out: &mut Vec<i64>,
) -> Result<()> {
    let start = out.len();
    if fast_instants(spec, c, out) {
        return Ok(());
    }
    out.truncate(start);
    instants_by_row(table, spec, c, out)
}

/// Rows copied at a time by [`each_staged`] (at most 65,536: the view decoder numbers a
/// stage's rows in 16 bits).
pub(super) const STAGE: usize = 4096;

/// Runs `f` on copies of `values`, a few thousand at a time. A bulk copy streams a column
/// in at the memory's pace; a loop that works on each value as it loads it keeps too few
/// loads in flight and stalls on them (measured: scaling a chunk of timestamps where they
/// were copied, instead of as they were read, took a sixth off the whole map).
pub(super) fn each_staged<T: Copy>(values: &[T], mut f: impl FnMut(&[T])) {
    let mut copy = Vec::with_capacity(values.len().min(STAGE));
    for part in values.chunks(STAGE) {
        copy.clear();
        copy.extend_from_slice(part);
        f(&copy);
    }
}

/// Sets each value to `f(value, valid)` in place, eight rows per validity byte when the
/// bitmap starts on a byte (a row past the bitmap's end is null, as [`Bits::get`] reads
/// it). `f` sees null rows too, so a caller that picks its null value without a branch
/// keeps the loop free of the mispredictions scattered nulls cause.
fn masked_in_place<T: Copy>(values: &mut [T], bits: Bits<'_>, mut f: impl FnMut(T, bool) -> T) {
    let whole = bits
        .bytes
        .get(bits.offset / 8..)
        .filter(|b| bits.offset % 8 == 0 && b.len() >= values.len().div_ceil(8));
    let Some(bytes) = whole else {
        for (row, v) in values.iter_mut().enumerate() {
            *v = f(*v, bits.get(row));
        }
        return;
    };
    for (chunk, byte) in values.chunks_mut(8).zip(bytes) {
        for (i, v) in chunk.iter_mut().enumerate() {
            *v = f(*v, (byte >> i) & 1 == 1);
        }
    }
}

/// Appends the seconds of timestamps in units of `PER` per second, [`NO_TIME`] for a
/// null row; false when a valid one lies outside the supported years. Copied first and
/// scaled where they landed, as in [`scaled`].
fn masked_seconds<const PER: i64>(values: &[i64], bits: Bits<'_>, out: &mut Vec<i64>) -> bool {
    let start = out.len();
    out.extend_from_slice(values);
    let Some(copied) = out.get_mut(start..) else {
        return false;
    };
    let mut ok = true;
    masked_in_place(copied, bits, |v, valid| {
        let s = seconds::<PER>(v);
        ok &= !valid | (EPOCH_SECONDS.0..=EPOCH_SECONDS.1).contains(&s);
        if valid {
            s
        } else {
            NO_TIME
        }
    });
    ok
}

/// Seconds since 1970 from a timestamp in units of `PER` per second (a constant, so the
/// division compiles to a multiplication).
#[inline(always)]
pub(super) fn seconds<const PER: i64>(v: i64) -> i64 {
    v.div_euclid(PER)
}

/// Appends the seconds of timestamps in units of `PER` per second; false when one lies
/// outside the supported years. The values are copied first and scaled where they landed:
/// a bulk copy streams the column in at the memory's pace, which a loop doing the
/// arithmetic on each value as it loads it does not reach.
fn scaled<const PER: i64>(values: &[i64], out: &mut Vec<i64>) -> bool {
    let start = out.len();
    out.extend_from_slice(values);
    let Some(copied) = out.get_mut(start..) else {
        return false;
    };
    let (mut lo, mut hi) = (i64::MAX, i64::MIN);
    for v in copied.iter_mut() {
        lo = lo.min(*v);
        hi = hi.max(*v);
        *v = seconds::<PER>(*v);
    }
    // Seconds grow with the value, so the others lie between these two.
    let in_years = |v: i64| (EPOCH_SECONDS.0..=EPOCH_SECONDS.1).contains(&seconds::<PER>(v));
    values.is_empty() || (in_years(lo) && in_years(hi))
}

/// The fast path of [`instants`]: timestamps or integer seconds scaled and checked to lie
/// in the supported years, a null as [`NO_TIME`] where the column allows it.
pub(super) fn fast_instants(spec: &TableColumn, c: &Column<'_>, out: &mut Vec<i64>) -> bool {
    match (c.values, c.valid) {
        (Values::Timestamp(values, unit), valid) => match valid {
            Some(bits) if !bits.all_set(values.len()) => {
                spec.nullable
                    && match unit {
                        TimeUnit::Second => masked_seconds::<1>(values, bits, out),
                        TimeUnit::Millisecond => masked_seconds::<1_000>(values, bits, out),
                        TimeUnit::Microsecond => masked_seconds::<1_000_000>(values, bits, out),
                        TimeUnit::Nanosecond => masked_seconds::<1_000_000_000>(values, bits, out),
                    }
            }
            _ => match unit {
                TimeUnit::Second => scaled::<1>(values, out),
                TimeUnit::Millisecond => scaled::<1_000>(values, out),
                TimeUnit::Microsecond => scaled::<1_000_000>(values, out),
                TimeUnit::Nanosecond => scaled::<1_000_000_000>(values, out),
            },
        },
        (Values::Int(ints), Some(bits)) if !bits.all_set(ints.len()) => {
            if !spec.nullable {
                return false;
            }
            // Widened first (a value past i64 saturates, out of the years either way), then
            // checked and nulled in place as timestamps are.
            let start = out.len();
            with_ints!(ints, |s| out.extend(
                s.iter()
                    .map(|v| i64::try_from(v.wide()).unwrap_or(i64::MAX))
            ));
            let Some(copied) = out.get_mut(start..) else {
                return false;
            };
            let mut ok = true;
            masked_in_place(copied, bits, |v, valid| {
                ok &= !valid | (EPOCH_SECONDS.0..=EPOCH_SECONDS.1).contains(&v);
                if valid {
                    v
                } else {
                    NO_TIME
                }
            });
            ok
        }
        (Values::Int(ints), _) => with_ints!(ints, |s| {
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
pub(super) fn instants_by_row(
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
pub(super) fn sentiments(
    table: Table,
    name: &str,
    c: &Column<'_>,
    out: &mut Vec<f64>,
) -> Result<()> {
    let valid = |row: usize, v: f64| if c.is_null(row) { f64::NAN } else { v };
    match c.values {
        Values::Float64(s) => {
            let start = out.len();
            out.extend_from_slice(s);
            if let (Some(bits), Some(copied)) = (c.valid, out.get_mut(start..)) {
                masked_in_place(copied, bits, |v, valid| if valid { v } else { f64::NAN });
            }
        }
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
pub(super) fn flags(table: Table, name: &str, c: &Column<'_>, out: &mut Vec<u8>) -> Result<()> {
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
