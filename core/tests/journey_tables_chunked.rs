//! The journey tables are fed to the map's accumulator a chunk of rows at a time
//! (analytics::tables::accumulate_tables): over tables larger than a chunk, split into
//! batches at odd rows, in every layout (names plain or dictionary-encoded or codes, ids
//! integers or strings or dictionary strings), the map and the accumulator equal those of
//! the integer-coded columns, and a bad row in a later chunk gets the error the
//! whole-table reader gives.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod table_inputs;
use table_inputs::{bitmap, tables, Strings};

use medjourney::analytics::tables::{
    accumulate_tables, read_tables, Batch, Bits, Column, Ints, Texts, TimeUnit, Values,
};
use medjourney::analytics::{journey_map_columns, journey_map_tables, JourneyTable, NO_TIME};
use medjourney::journey::{Channel, Need, Stage, Status, TouchpointKind};
use medjourney::{samples, MapAccumulator, MapOptions, QuantileMode};

/// Strings laid out as Arrow string views as well: a short string's view is its length
/// and bytes; a longer one's holds its length, first four bytes, buffer and offset, and
/// its bytes are in the data buffers (two of them, as Arrow splits large columns; leaked,
/// so the column can lend them as slices).
struct Viewed(Strings, Vec<u128>, Vec<&'static [u8]>);

impl Viewed {
    fn of(strings: Vec<String>) -> Viewed {
        let half = strings.len() / 2;
        let mut buffers = vec![Vec::new(), Vec::new()];
        let views = strings
            .iter()
            .enumerate()
            .map(|(row, s)| {
                let b = s.as_bytes();
                let mut v = b.len() as u128;
                for (i, x) in b
                    .iter()
                    .take(if b.len() <= 12 { 12 } else { 4 })
                    .enumerate()
                {
                    v |= u128::from(*x) << (32 + 8 * i);
                }
                if b.len() > 12 {
                    let k = usize::from(row >= half);
                    v |= (k as u128) << 64 | (buffers[k].len() as u128) << 96;
                    buffers[k].extend_from_slice(b);
                }
                v
            })
            .collect();
        let buffers = buffers.into_iter().map(|b| &*b.leak()).collect();
        Viewed(Strings(strings), views, buffers)
    }

    /// The views alone: longer strings are read through `text`.
    fn without_buffers(strings: Vec<String>) -> Viewed {
        let Viewed(s, v, _) = Viewed::of(strings);
        Viewed(s, v, Vec::new())
    }
}

impl Texts for Viewed {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn text(&self, row: usize) -> Option<&str> {
        self.0.text(row)
    }
    fn views(&self) -> Option<&[u128]> {
        Some(&self.1)
    }
    fn view_buffers(&self) -> Option<&[&[u8]]> {
        (!self.2.is_empty()).then_some(self.2.as_slice())
    }
}

/// One column's values, owned.
enum Data {
    Names(Strings),
    Views(Viewed),
    Keyed(Vec<u32>, Strings),
    Codes(Vec<u8>),
    Ints(Vec<i64>),
    Millis(Vec<i64>, Option<Vec<u8>>),
    Seconds(Vec<i64>, Option<Vec<u8>>),
    Floats(Vec<f64>),
    Flags(Vec<u8>, usize),
}

impl Data {
    fn column(&self) -> Column<'_> {
        let plain = |values| Column {
            values,
            valid: None,
        };
        match self {
            Data::Names(s) => plain(Values::Text(s)),
            Data::Views(s) => plain(Values::Text(s)),
            Data::Keyed(k, s) => plain(Values::Dictionary {
                keys: Ints::U32(k),
                values: s,
            }),
            Data::Codes(c) => plain(Values::Int(Ints::U8(c))),
            Data::Ints(v) => plain(Values::Int(Ints::I64(v))),
            Data::Millis(v, valid) => Column {
                values: Values::Timestamp(v, TimeUnit::Millisecond),
                valid: valid.as_ref().map(|b| Bits {
                    bytes: b,
                    offset: 0,
                }),
            },
            Data::Seconds(v, valid) => Column {
                values: Values::Int(Ints::I64(v)),
                valid: valid.as_ref().map(|b| Bits {
                    bytes: b,
                    offset: 0,
                }),
            },
            Data::Floats(v) => plain(Values::Float64(v)),
            Data::Flags(b, n) => plain(Values::Bool(
                Bits {
                    bytes: b,
                    offset: 0,
                },
                *n,
            )),
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Names {
    Plain,
    Views,
    ViewsWithoutBuffers,
    Dictionary,
    Codes,
}

#[derive(Clone, Copy, Debug)]
enum Ids {
    Ints,
    Strings,
    Dictionary,
}

fn names(codes: &[u8], all: &[&str], how: Names) -> Data {
    match how {
        Names::Plain => Data::Names(Strings(
            codes.iter().map(|c| all[*c as usize].to_string()).collect(),
        )),
        Names::Views => Data::Views(Viewed::of(
            codes.iter().map(|c| all[*c as usize].to_string()).collect(),
        )),
        Names::ViewsWithoutBuffers => Data::Views(Viewed::without_buffers(
            codes.iter().map(|c| all[*c as usize].to_string()).collect(),
        )),
        // The dictionary in reverse order with an unused entry, as a categorical may be.
        Names::Dictionary => {
            let mut dict: Vec<String> = all.iter().rev().map(|s| s.to_string()).collect();
            dict.push("unused".into());
            let keys = codes.iter().map(|c| (all.len() - 1 - *c as usize) as u32);
            Data::Keyed(keys.collect(), Strings(dict))
        }
        Names::Codes => Data::Codes(codes.to_vec()),
    }
}

fn id_of(n: u32) -> i64 {
    i64::from(n) * 3 - 7
}

fn ids(numbers: &[u32], journeys: usize, how: Ids) -> Data {
    match how {
        Ids::Ints => Data::Ints(numbers.iter().map(|n| id_of(*n)).collect()),
        Ids::Strings => Data::Names(Strings(
            numbers.iter().map(|n| format!("j-{}", id_of(*n))).collect(),
        )),
        Ids::Dictionary => Data::Keyed(
            numbers.to_vec(),
            Strings(
                (0..journeys as u32)
                    .map(|n| format!("j-{}", id_of(n)))
                    .collect(),
            ),
        ),
    }
}

/// The tables of `t`, each split into batches at `cuts` (fractions of its rows).
struct Layout {
    tables: [Vec<Vec<(&'static str, Data)>>; 4],
}

fn cut(rows: usize, parts: usize) -> Vec<std::ops::Range<usize>> {
    // Uneven parts: a batch boundary falls inside a chunk.
    let mut out = Vec::new();
    let mut start = 0;
    for p in 1..=parts {
        let end = if p == parts {
            rows
        } else {
            rows * p / parts + 13 * p
        };
        let end = end.min(rows);
        out.push(start..end);
        start = end;
    }
    out
}

impl Layout {
    fn of(t: &JourneyTable, how: Names, id: Ids, parts: usize) -> Layout {
        let n = t.status.len();
        let all: Vec<u32> = (0..n as u32).collect();
        let journeys = vec![vec![
            ("journey_id", ids(&all, n, id)),
            ("status", names(&t.status, &Status::NAMES, how)),
        ]];
        let visits = cut(t.visit_journey.len(), parts)
            .into_iter()
            .map(|r| {
                let left = &t.visit_left[r.clone()];
                vec![
                    ("journey_id", ids(&t.visit_journey[r.clone()], n, id)),
                    (
                        "stage",
                        names(&t.visit_stage[r.clone()], &Stage::NAMES, how),
                    ),
                    (
                        "entered",
                        Data::Millis(
                            t.visit_entered[r.clone()]
                                .iter()
                                .map(|s| s * 1000)
                                .collect(),
                            None,
                        ),
                    ),
                    (
                        "left",
                        Data::Millis(
                            left.iter()
                                .map(|s| if *s == NO_TIME { 0 } else { s * 1000 })
                                .collect(),
                            Some(bitmap(left.iter().map(|s| *s != NO_TIME))),
                        ),
                    ),
                ]
            })
            .collect();
        let touchpoints = cut(t.touch_journey.len(), parts)
            .into_iter()
            .map(|r| {
                vec![
                    ("journey_id", ids(&t.touch_journey[r.clone()], n, id)),
                    (
                        "stage",
                        names(&t.touch_stage[r.clone()], &Stage::NAMES, how),
                    ),
                    (
                        "at",
                        Data::Millis(
                            t.touch_at[r.clone()].iter().map(|s| s * 1000).collect(),
                            None,
                        ),
                    ),
                    (
                        "channel",
                        names(&t.touch_channel[r.clone()], &Channel::NAMES, how),
                    ),
                    (
                        "kind",
                        names(&t.touch_kind[r.clone()], &TouchpointKind::NAMES, how),
                    ),
                    (
                        "sentiment",
                        Data::Floats(t.touch_sentiment[r.clone()].to_vec()),
                    ),
                ]
            })
            .collect();
        let needs = cut(t.need_journey.len(), parts)
            .into_iter()
            .map(|r| {
                let met = &t.need_met[r.clone()];
                vec![
                    ("journey_id", ids(&t.need_journey[r.clone()], n, id)),
                    ("stage", names(&t.need_stage[r.clone()], &Stage::NAMES, how)),
                    ("need", names(&t.need_code[r.clone()], &Need::NAMES, how)),
                    (
                        "met",
                        Data::Flags(bitmap(met.iter().map(|m| *m == 1)), met.len()),
                    ),
                ]
            })
            .collect();
        Layout {
            tables: [journeys, visits, touchpoints, needs],
        }
    }

    fn batches(&self) -> Vec<Vec<Batch<'_>>> {
        self.tables
            .iter()
            .map(|t| {
                t.iter()
                    .map(|b| Batch {
                        columns: b.iter().map(|(name, d)| (*name, d.column())).collect(),
                    })
                    .collect()
            })
            .collect()
    }
}

/// Tables of several chunks each (the reader takes 4096 rows at a time).
fn big() -> JourneyTable {
    samples::journey_table(2_500, 25_000, 11).unwrap()
}

#[test]
fn chunked_tables_give_the_map_of_their_columns_in_every_layout() {
    let t = big();
    assert!(t.visit_journey.len() > 2 * 4096 && t.touch_journey.len() > 5 * 4096);
    let options = MapOptions::default();
    let expected = journey_map_columns(&t.columns(), &options).unwrap();
    let layouts = [
        Names::Plain,
        Names::Views,
        Names::ViewsWithoutBuffers,
        Names::Dictionary,
        Names::Codes,
    ];
    for how in layouts {
        for id in [Ids::Ints, Ids::Strings, Ids::Dictionary] {
            for parts in [1, 3] {
                let layout = Layout::of(&t, how, id, parts);
                let b = layout.batches();
                let got = journey_map_tables(&tables(&b), &options).unwrap();
                assert_eq!(got, expected, "{how:?} {id:?} {parts} batches");
                // The whole-table reader agrees (sentiments hold NaN, so not compared whole).
                let read = read_tables(&tables(&b)).unwrap();
                assert!(
                    read.touch_journey == t.touch_journey && read.touch_kind == t.touch_kind,
                    "{how:?} {id:?} {parts}"
                );
            }
        }
    }
}

#[test]
fn chunked_tables_add_to_an_accumulator_as_their_columns_do() {
    let t = big();
    let layout = Layout::of(&t, Names::Plain, Ids::Ints, 2);
    let b = layout.batches();
    for mode in [QuantileMode::Sketch, QuantileMode::Exact] {
        let mut by_columns = MapAccumulator::with_quantiles(mode);
        by_columns.add_columns(&t.columns()).unwrap();
        let mut by_tables = MapAccumulator::with_quantiles(mode);
        by_tables.add_tables(&tables(&b)).unwrap();
        assert_eq!(by_tables, by_columns, "{mode:?}");
        assert_eq!(accumulate_tables(&tables(&b), mode).unwrap(), by_columns);
    }
}

#[test]
fn a_bad_name_in_a_later_chunk_is_named_by_its_table_row() {
    let t = big();
    let mut layout = Layout::of(&t, Names::Plain, Ids::Ints, 1);
    let Data::Names(stages) = &mut layout.tables[2][0][1].1 else {
        panic!("touchpoint stages are names")
    };
    stages.0[9_000] = "nowhere".into();
    let b = layout.batches();
    let e = journey_map_tables(&tables(&b), &MapOptions::default()).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    let msg = e.to_string();
    assert!(
        msg.contains("touchpoints.stage[9000]") && msg.contains("nowhere"),
        "{msg}"
    );
}

#[test]
fn a_bad_short_name_laid_out_as_views_is_named_by_its_table_row() {
    let t = big();
    let mut layout = Layout::of(&t, Names::Views, Ids::Ints, 1);
    let Data::Views(channels) = &mut layout.tables[2][0][3].1 else {
        panic!("touchpoint channels are views")
    };
    let mut strings = std::mem::take(&mut channels.0 .0);
    strings[10_000] = "fax".into();
    *channels = Viewed::of(strings);
    let b = layout.batches();
    let e = journey_map_tables(&tables(&b), &MapOptions::default()).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    let msg = e.to_string();
    assert!(
        msg.contains("touchpoints.channel[10000]") && msg.contains("fax"),
        "{msg}"
    );
}

#[test]
fn a_map_error_in_a_later_chunk_is_the_columns_error() {
    let mut t = big();
    // A touchpoint before its journey entered the stage, far into the table.
    let row = 12_345;
    t.touch_at[row] = t.visit_entered.iter().copied().min().unwrap() - 86_400;
    let expected = journey_map_columns(&t.columns(), &MapOptions::default()).unwrap_err();
    for parts in [1, 4] {
        let layout = Layout::of(&t, Names::Dictionary, Ids::Ints, parts);
        let b = layout.batches();
        let e = journey_map_tables(&tables(&b), &MapOptions::default()).unwrap_err();
        assert_eq!(
            (e.code(), e.to_string()),
            (expected.code(), expected.to_string())
        );
        let mut acc = MapAccumulator::new();
        assert_eq!(
            acc.add_tables(&tables(&b)).unwrap_err().code(),
            expected.code()
        );
        assert_eq!(acc, MapAccumulator::new(), "nothing is added on error");
    }
}

#[test]
fn a_null_in_a_later_chunk_of_a_required_column_is_invalid_input() {
    let t = big();
    let mut layout = Layout::of(&t, Names::Codes, Ids::Ints, 1);
    let rows = t.touch_at.len();
    let Data::Millis(_, valid) = &mut layout.tables[2][0][2].1 else {
        panic!("touchpoint times are timestamps")
    };
    *valid = Some(bitmap((0..rows).map(|r| r != 7_000)));
    let b = layout.batches();
    let e = journey_map_tables(&tables(&b), &MapOptions::default()).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert!(e.to_string().contains("touchpoints.at[7000]"), "{e}");
}

/// Replaces row `row` of the views column `column` of touchpoints (2) or needs (3) by `s`.
fn with_view(layout: &mut Layout, table: usize, column: usize, row: usize, s: &str) {
    let Data::Views(v) = &mut layout.tables[table][0][column].1 else {
        panic!("the column is views")
    };
    let mut strings = std::mem::take(&mut v.0 .0);
    strings[row] = s.into();
    *v = Viewed::of(strings);
}

#[test]
fn a_long_name_laid_out_as_views_that_only_starts_like_one_is_named_by_its_table_row() {
    let t = big();
    // Same length and first four bytes as a name: "treatment_update" (16 bytes, two
    // words compared) and "reliable_information" (20 bytes, four words compared).
    let cases = [
        (2, 4, 10_000, "treatment_updatf", "touchpoints.kind[10000]"),
        (2, 4, 10_001, "treatmenx_update", "touchpoints.kind[10001]"),
        (3, 2, 1_500, "reliable_informatiom", "needs.need[1500]"),
    ];
    for (table, column, row, bad, named) in cases {
        let mut layout = Layout::of(&t, Names::Views, Ids::Ints, 1);
        with_view(&mut layout, table, column, row, bad);
        let b = layout.batches();
        let e = journey_map_tables(&tables(&b), &MapOptions::default()).unwrap_err();
        assert_eq!(e.code(), "invalid_input", "{bad}");
        let msg = e.to_string();
        assert!(msg.contains(named) && msg.contains(bad), "{msg}");
    }
}

#[test]
fn a_long_view_pointing_past_its_buffers_is_read_through_its_text() {
    let t = big();
    let expected = journey_map_columns(&t.columns(), &MapOptions::default()).unwrap();
    let mut layout = Layout::of(&t, Names::Views, Ids::Ints, 1);
    let Data::Views(kinds) = &mut layout.tables[2][0][4].1 else {
        panic!("touchpoint kinds are views")
    };
    // Every longer view names a buffer there is none of.
    for v in kinds.1.iter_mut().filter(|v| **v as u32 > 12) {
        *v |= 7u128 << 64;
    }
    let b = layout.batches();
    let got = journey_map_tables(&tables(&b), &MapOptions::default()).unwrap();
    assert_eq!(got, expected);
}

#[test]
fn integer_seconds_with_open_visits_give_the_map_of_their_columns() {
    let t = big();
    let options = MapOptions::default();
    let expected = journey_map_columns(&t.columns(), &options).unwrap();
    assert!(t.visit_left.contains(&NO_TIME), "some visits are open");
    let mut layout = Layout::of(&t, Names::Codes, Ids::Ints, 2);
    for batch in &mut layout.tables[1] {
        for (name, data) in batch.iter_mut() {
            let Data::Millis(ms, valid) = data else {
                continue;
            };
            let seconds = ms.iter().map(|m| m / 1000).collect();
            *data = Data::Seconds(seconds, valid.take());
            assert!(["entered", "left"].contains(name));
        }
    }
    let b = layout.batches();
    assert_eq!(journey_map_tables(&tables(&b), &options).unwrap(), expected);
}

#[test]
fn a_dictionary_key_past_its_strings_in_a_later_chunk_is_invalid_input() {
    let t = big();
    let mut layout = Layout::of(&t, Names::Dictionary, Ids::Ints, 1);
    let Data::Keyed(keys, dict) = &mut layout.tables[2][0][3].1 else {
        panic!("touchpoint channels are dictionary-encoded")
    };
    keys[9_000] = dict.0.len() as u32;
    let b = layout.batches();
    let e = journey_map_tables(&tables(&b), &MapOptions::default()).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    let msg = e.to_string();
    assert!(
        msg.contains("touchpoints.channel[9000]") && msg.contains("dictionary index"),
        "{msg}"
    );
}
