//! The four journey tables as dataframes hold them read into the map (analytics::tables):
//! ids, names or codes, any timestamp unit give one map; every bad column its error.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod table_inputs;
use table_inputs::{bitmap, tables, Strings};

use medjourney::analytics::tables::{
    journey_tables, read_tables, Batch, Bits, Column, Ints, OutValues, TimeUnit, Values,
};
use medjourney::analytics::{journey_map_tables, Table, NO_TIME};
use medjourney::{journey_map, samples, MapOptions};

/// The core's own journey tables, held as plain vectors the way a dataframe would.
struct Held {
    tables: Vec<Vec<(&'static str, HeldColumn)>>,
}

enum HeldColumn {
    Text(Strings),
    Seconds(Vec<i64>, Vec<u8>),
    Floats(Vec<f64>, Vec<u8>),
    Flags(Vec<u8>),
}

impl Held {
    fn of(journeys: &[medjourney::Journey]) -> Held {
        let tables = journey_tables(journeys)
            .unwrap()
            .into_iter()
            .map(|t| {
                t.columns
                    .into_iter()
                    .map(|(name, v)| {
                        let c = match v {
                            OutValues::Text(s) => HeldColumn::Text(Strings(s)),
                            OutValues::Names(s) => {
                                HeldColumn::Text(Strings(s.iter().map(|x| x.to_string()).collect()))
                            }
                            OutValues::Instants(s) => HeldColumn::Seconds(
                                s.iter().map(|x| x.unwrap_or(0) * 1000).collect(),
                                bitmap(s.iter().map(Option::is_some)),
                            ),
                            OutValues::Floats(s) => HeldColumn::Floats(
                                s.iter().map(|x| x.unwrap_or(0.0)).collect(),
                                bitmap(s.iter().map(Option::is_some)),
                            ),
                            OutValues::Flags(s) => HeldColumn::Flags(bitmap(s.iter().copied())),
                        };
                        (name, c)
                    })
                    .collect()
            })
            .collect();
        Held { tables }
    }

    fn batches(&self) -> Vec<Vec<Batch<'_>>> {
        self.tables
            .iter()
            .map(|t| {
                let columns = t
                    .iter()
                    .map(|(name, c)| {
                        let column = match c {
                            HeldColumn::Text(s) => Column {
                                values: Values::Text(s),
                                valid: None,
                            },
                            HeldColumn::Seconds(v, valid) => Column {
                                values: Values::Timestamp(v, TimeUnit::Millisecond),
                                valid: Some(Bits {
                                    bytes: valid,
                                    offset: 0,
                                }),
                            },
                            HeldColumn::Floats(v, valid) => Column {
                                values: Values::Float64(v),
                                valid: Some(Bits {
                                    bytes: valid,
                                    offset: 0,
                                }),
                            },
                            HeldColumn::Flags(bits) => Column {
                                values: Values::Bool(
                                    Bits {
                                        bytes: bits,
                                        offset: 0,
                                    },
                                    t[0].1.len(),
                                ),
                                valid: None,
                            },
                        };
                        (*name, column)
                    })
                    .collect();
                vec![Batch { columns }]
            })
            .collect()
    }
}

impl HeldColumn {
    fn len(&self) -> usize {
        match self {
            HeldColumn::Text(s) => s.0.len(),
            HeldColumn::Seconds(v, _) => v.len(),
            HeldColumn::Floats(v, _) => v.len(),
            HeldColumn::Flags(_) => 0,
        }
    }
}

#[test]
fn journey_tables_read_back_give_the_map_of_the_journeys() {
    let js = samples::journeys().unwrap();
    let held = Held::of(&js);
    let b = held.batches();
    let options = MapOptions::default();
    assert_eq!(
        journey_map_tables(&tables(&b), &options).unwrap(),
        journey_map(&js, &options).unwrap()
    );
}

#[test]
fn integer_codes_and_ids_read_like_names() {
    let js = samples::journeys().unwrap();
    let held = Held::of(&js);
    let b = held.batches();
    let by_names = read_tables(&tables(&b)).unwrap();
    let ids: Vec<i64> = (0..js.len() as i64).map(|i| i * 3 - 5).collect();
    let journeys = vec![Batch {
        columns: vec![
            (
                "journey_id",
                Column {
                    values: Values::Int(Ints::I64(&ids)),
                    valid: None,
                },
            ),
            (
                "status",
                Column {
                    values: Values::Int(Ints::U8(&by_names.status)),
                    valid: None,
                },
            ),
        ],
    }];
    // In the tables an open visit is a null `left`, not the columns' sentinel.
    let open = bitmap(by_names.visit_left.iter().map(|l| *l != NO_TIME));
    let visit_ids: Vec<i64> = by_names
        .visit_journey
        .iter()
        .map(|j| ids[*j as usize])
        .collect();
    let visits = vec![Batch {
        columns: vec![
            (
                "journey_id",
                Column {
                    values: Values::Int(Ints::I64(&visit_ids)),
                    valid: None,
                },
            ),
            (
                "stage",
                Column {
                    values: Values::Int(Ints::U8(&by_names.visit_stage)),
                    valid: None,
                },
            ),
            (
                "entered",
                Column {
                    values: Values::Int(Ints::I64(&by_names.visit_entered)),
                    valid: None,
                },
            ),
            (
                "left",
                Column {
                    values: Values::Int(Ints::I64(&by_names.visit_left)),
                    valid: Some(Bits {
                        bytes: &open,
                        offset: 0,
                    }),
                },
            ),
        ],
    }];
    let t = medjourney::analytics::tables::Tables {
        journeys: &journeys,
        visits: &visits,
        touchpoints: &[],
        needs: &[],
    };
    let got = read_tables(&t).unwrap();
    assert_eq!(got.status, by_names.status);
    assert_eq!(got.visit_journey, by_names.visit_journey);
    assert_eq!(got.visit_stage, by_names.visit_stage);
    assert_eq!(got.visit_entered, by_names.visit_entered);
    assert_eq!(got.visit_left, by_names.visit_left);
}

fn error_of(b: &[Vec<Batch<'_>>]) -> (String, String) {
    let e = read_tables(&tables(b)).unwrap_err();
    (e.code().to_string(), e.to_string())
}

#[test]
fn a_missing_required_column_is_invalid_input_naming_it() {
    let js = samples::journeys().unwrap();
    let held = Held::of(&js);
    let mut b = held.batches();
    b[1][0].columns.retain(|(n, _)| *n != "entered");
    let (code, msg) = error_of(&b);
    assert_eq!(code, "invalid_input");
    assert!(msg.contains("visits.entered"), "{msg}");
}

#[test]
fn an_unknown_stage_name_is_invalid_input_naming_the_row() {
    let js = samples::journeys().unwrap();
    let held = Held::of(&js);
    let mut b = held.batches();
    let bad = Strings(vec![
        "nowhere".to_string();
        b[1][0].columns[0].1.values.len()
    ]);
    b[1][0].columns[1].1.values = Values::Text(&bad);
    let (code, msg) = error_of(&b);
    assert_eq!(code, "invalid_input");
    assert!(
        msg.contains("visits.stage[0]") && msg.contains("nowhere"),
        "{msg}"
    );
}

#[test]
fn a_null_where_none_is_allowed_and_a_wrong_type_are_invalid_input() {
    let js = samples::journeys().unwrap();
    let held = Held::of(&js);
    let mut b = held.batches();
    let none = [0u8; 64];
    b[2][0].columns[3].1.valid = Some(Bits {
        bytes: &none,
        offset: 0,
    });
    let (code, msg) = error_of(&b);
    assert_eq!(code, "invalid_input");
    assert!(
        msg.contains("touchpoints.channel[0]") && msg.contains("null"),
        "{msg}"
    );

    let mut b = held.batches();
    let n = b[2][0].columns[2].1.values.len();
    b[2][0].columns[2].1.values = Values::Unsupported("date32", n);
    let (code, msg) = error_of(&b);
    assert_eq!(code, "invalid_input");
    assert!(
        msg.contains("touchpoints.at") && msg.contains("date32"),
        "{msg}"
    );
}

#[test]
fn duplicate_and_unknown_journey_ids_are_invalid_input() {
    let js = samples::journeys().unwrap();
    let held = Held::of(&js);
    let mut b = held.batches();
    let first = b[0][0].clone();
    b[0].push(first);
    assert!(error_of(&b).1.contains("appears twice"));
    let mut b = held.batches();
    b[0].clear();
    assert!(error_of(&b).1.contains("not in the journeys table"));
}

#[test]
fn table_names_are_the_schema_tables() {
    assert_eq!(
        medjourney::analytics::tables::table_name(Table::Touchpoints),
        "touchpoints"
    );
}

/// The bitmap `bits` re-laid to start at bit `shift` of its first byte.
fn shifted(bits: &[u8], rows: usize, shift: usize) -> Vec<u8> {
    let get = |i: usize| (bits[i / 8] >> (i % 8)) & 1 == 1;
    bitmap((0..shift).map(|_| false).chain((0..rows).map(get)))
}

#[test]
fn validity_bitmaps_at_any_bit_offset_read_alike() {
    let js = samples::journeys().unwrap();
    let held = Held::of(&js);
    let options = MapOptions::default();
    let expected = journey_map(&js, &options).unwrap();
    for shift in 0..9 {
        let bitmaps: Vec<Vec<Vec<u8>>> = held
            .tables
            .iter()
            .map(|t| {
                t.iter()
                    .map(|(_, c)| match c {
                        HeldColumn::Seconds(v, b) => shifted(b, v.len(), shift),
                        HeldColumn::Floats(v, b) => shifted(b, v.len(), shift),
                        _ => Vec::new(),
                    })
                    .collect()
            })
            .collect();
        let mut b = held.batches();
        for (batch, maps) in b.iter_mut().zip(&bitmaps) {
            for ((_, column), bytes) in batch[0].columns.iter_mut().zip(maps) {
                if column.valid.is_some() {
                    column.valid = Some(Bits {
                        bytes,
                        offset: shift,
                    });
                }
            }
        }
        assert_eq!(
            journey_map_tables(&tables(&b), &options).unwrap(),
            expected,
            "shift {shift}"
        );
    }
}
