//! Many journeys as plain integer-coded columns: the borrowed view the map is built
//! from, its owned form, and the schema the wrappers read columns by.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};
use crate::journey::Journey;

/// Marks an open stage visit (not left yet) in the `visit_left` column.
pub const NO_TIME: i64 = i64::MIN;

/// Many journeys as plain columns, borrowed from the caller (numpy arrays, typed arrays).
///
/// Journeys are numbered 0..n by their row in `status`; every other table names its
/// journey by that number (in pandas: `pd.factorize(ids)`). Codes are the `code()`s
/// listed in [`crate::journey`]; instants are seconds since the Unix epoch (UTC), inside
/// the supported years 1–9999 ([`crate::dates::EPOCH_SECONDS`]).
/// Each table's columns must have equal lengths; the needs table may be empty.
#[derive(Debug, Clone, Copy, Default)]
pub struct JourneyColumns<'a> {
    /// Per journey: its [`Status`](crate::journey::Status) code.
    pub status: &'a [u8],
    /// Per stage visit: the journey's number.
    pub visit_journey: &'a [u32],
    /// Per stage visit: the [`Stage`](crate::journey::Stage) code.
    pub visit_stage: &'a [u8],
    /// Per stage visit: when it was entered.
    pub visit_entered: &'a [i64],
    /// Per stage visit: when it was left, or [`NO_TIME`] while open.
    pub visit_left: &'a [i64],
    /// Per touchpoint: the journey's number.
    pub touch_journey: &'a [u32],
    /// Per touchpoint: the [`Stage`](crate::journey::Stage) code.
    pub touch_stage: &'a [u8],
    /// Per touchpoint: when it happened.
    pub touch_at: &'a [i64],
    /// Per touchpoint: the [`Channel`](crate::journey::Channel) code.
    pub touch_channel: &'a [u8],
    /// Per touchpoint: the [`TouchpointKind`](crate::journey::TouchpointKind) code.
    pub touch_kind: &'a [u8],
    /// Per touchpoint: sentiment on −2…+2, NaN when not rated.
    pub touch_sentiment: &'a [f64],
    /// Per need record: the journey's number.
    pub need_journey: &'a [u32],
    /// Per need record: the [`Stage`](crate::journey::Stage) code.
    pub need_stage: &'a [u8],
    /// Per need record: the [`Need`](crate::journey::Need) code.
    pub need_code: &'a [u8],
    /// Per need record: 1 when met, 0 when not.
    pub need_met: &'a [u8],
}

/// The owned form of [`JourneyColumns`], for building columns from journeys or JSON.
///
/// JSON: the same field names in camelCase (`status`, `visitJourney`, …,
/// `touchSentiment` with null for unrated), `visitLeft` using −9223372036854775808 for
/// open visits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", default)]
pub struct JourneyTable {
    /// See [`JourneyColumns::status`].
    pub status: Vec<u8>,
    /// See [`JourneyColumns::visit_journey`].
    pub visit_journey: Vec<u32>,
    /// See [`JourneyColumns::visit_stage`].
    pub visit_stage: Vec<u8>,
    /// See [`JourneyColumns::visit_entered`].
    pub visit_entered: Vec<i64>,
    /// See [`JourneyColumns::visit_left`].
    pub visit_left: Vec<i64>,
    /// See [`JourneyColumns::touch_journey`].
    pub touch_journey: Vec<u32>,
    /// See [`JourneyColumns::touch_stage`].
    pub touch_stage: Vec<u8>,
    /// See [`JourneyColumns::touch_at`].
    pub touch_at: Vec<i64>,
    /// See [`JourneyColumns::touch_channel`].
    pub touch_channel: Vec<u8>,
    /// See [`JourneyColumns::touch_kind`].
    pub touch_kind: Vec<u8>,
    /// See [`JourneyColumns::touch_sentiment`].
    #[serde(with = "nan_as_null")]
    #[cfg_attr(feature = "typescript", tsify(type = "(number | null)[]"))]
    pub touch_sentiment: Vec<f64>,
    /// See [`JourneyColumns::need_journey`].
    pub need_journey: Vec<u32>,
    /// See [`JourneyColumns::need_stage`].
    pub need_stage: Vec<u8>,
    /// See [`JourneyColumns::need_code`].
    pub need_code: Vec<u8>,
    /// See [`JourneyColumns::need_met`].
    pub need_met: Vec<u8>,
}

mod nan_as_null {
    use super::*;

    pub fn serialize<S: Serializer>(v: &[f64], s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|x| if x.is_nan() { None } else { Some(*x) }))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<f64>, D::Error> {
        let v = Vec::<Option<f64>>::deserialize(d)?;
        Ok(v.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect())
    }
}

impl JourneyTable {
    /// Borrows the table as columns for [`journey_map_columns`](crate::journey_map_columns).
    pub fn columns(&self) -> JourneyColumns<'_> {
        JourneyColumns {
            status: &self.status,
            visit_journey: &self.visit_journey,
            visit_stage: &self.visit_stage,
            visit_entered: &self.visit_entered,
            visit_left: &self.visit_left,
            touch_journey: &self.touch_journey,
            touch_stage: &self.touch_stage,
            touch_at: &self.touch_at,
            touch_channel: &self.touch_channel,
            touch_kind: &self.touch_kind,
            touch_sentiment: &self.touch_sentiment,
            need_journey: &self.need_journey,
            need_stage: &self.need_stage,
            need_code: &self.need_code,
            need_met: &self.need_met,
        }
    }

    /// Flattens journeys into columns; journey number i is `journeys[i]`.
    pub fn from_journeys(journeys: &[Journey]) -> Result<JourneyTable> {
        let mut t = JourneyTable::default();
        for (i, j) in journeys.iter().enumerate() {
            let n = u32::try_from(i).map_err(|_| Error::overflow("journey count above u32"))?;
            t.status.push(j.status.code());
            for v in &j.stages {
                t.visit_journey.push(n);
                t.visit_stage.push(v.stage.code());
                t.visit_entered.push(v.entered.timestamp());
                t.visit_left.push(v.left.map_or(NO_TIME, |l| l.timestamp()));
            }
            for tp in &j.touchpoints {
                t.touch_journey.push(n);
                t.touch_stage.push(tp.stage.code());
                t.touch_at.push(tp.at.timestamp());
                t.touch_channel.push(tp.channel.code());
                t.touch_kind.push(tp.kind.code());
                t.touch_sentiment.push(tp.sentiment.unwrap_or(f64::NAN));
            }
            for need in &j.needs {
                t.need_journey.push(n);
                t.need_stage.push(need.stage.code());
                t.need_code.push(need.need.code());
                t.need_met.push(u8::from(need.met));
            }
        }
        Ok(t)
    }
}

/// The element type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dtype {
    /// `u8` (status, stage, channel, kind and need codes; 0/1 flags).
    U8,
    /// `u32` (journey numbers).
    U32,
    /// `i64` (seconds since the Unix epoch).
    I64,
    /// `f64` (sentiment, NaN when not rated).
    F64,
}

/// The table a column belongs to: columns of one table have one length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// One row per journey.
    Journeys,
    /// One row per stage visit.
    Visits,
    /// One row per touchpoint.
    Touchpoints,
    /// One row per need record.
    Needs,
}

/// One column of [`JourneyColumns`]: its names, element type and table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// The snake_case name (the Rust field, Python's keyword).
    pub name: &'static str,
    /// The camelCase name (JSON and JS).
    pub json: &'static str,
    /// The element type.
    pub dtype: Dtype,
    /// The table it belongs to.
    pub table: Table,
    /// True when it may be left out (the needs table); it is then empty.
    pub optional: bool,
}

/// One column's values, borrowed, typed by its [`Dtype`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnData<'a> {
    /// A `u8` column.
    U8(&'a [u8]),
    /// A `u32` column.
    U32(&'a [u32]),
    /// An `i64` column.
    I64(&'a [i64]),
    /// An `f64` column.
    F64(&'a [f64]),
}

impl ColumnData<'_> {
    /// How many rows.
    pub fn len(&self) -> usize {
        match self {
            ColumnData::U8(v) => v.len(),
            ColumnData::U32(v) => v.len(),
            ColumnData::I64(v) => v.len(),
            ColumnData::F64(v) => v.len(),
        }
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Declares the schema: [`COLUMNS`] and the by-name access to [`JourneyColumns`], from one
/// list (field, dtype, JSON name, table, optional).
macro_rules! schema {
    ($($field:ident: $dtype:ident, $json:literal, $table:ident, $optional:literal;)+) => {
        /// Every column of a journey table, in field order: the schema the wrappers loop over.
        pub const COLUMNS: &[ColumnSpec] = &[$(ColumnSpec {
            name: stringify!($field),
            json: $json,
            dtype: Dtype::$dtype,
            table: Table::$table,
            optional: $optional,
        },)+];

        impl<'a> JourneyColumns<'a> {
            /// The column of this spec.
            pub fn get(&self, spec: &ColumnSpec) -> ColumnData<'a> {
                match spec.name {
                    $(stringify!($field) => ColumnData::$dtype(self.$field),)+
                    _ => ColumnData::U8(&[]),
                }
            }

            fn put(&mut self, spec: &ColumnSpec, data: ColumnData<'a>) -> Result<()> {
                match (spec.name, data) {
                    $((stringify!($field), ColumnData::$dtype(v)) => self.$field = v,)+
                    _ => {
                        return Err(Error::invalid(
                            spec.name,
                            format!("expected a column of {:?}", spec.dtype),
                        ))
                    }
                }
                Ok(())
            }
        }
    };
}

schema! {
    status: U8, "status", Journeys, false;
    visit_journey: U32, "visitJourney", Visits, false;
    visit_stage: U8, "visitStage", Visits, false;
    visit_entered: I64, "visitEntered", Visits, false;
    visit_left: I64, "visitLeft", Visits, false;
    touch_journey: U32, "touchJourney", Touchpoints, false;
    touch_stage: U8, "touchStage", Touchpoints, false;
    touch_at: I64, "touchAt", Touchpoints, false;
    touch_channel: U8, "touchChannel", Touchpoints, false;
    touch_kind: U8, "touchKind", Touchpoints, false;
    touch_sentiment: F64, "touchSentiment", Touchpoints, false;
    need_journey: U32, "needJourney", Needs, true;
    need_stage: U8, "needStage", Needs, true;
    need_code: U8, "needCode", Needs, true;
    need_met: U8, "needMet", Needs, true;
}

impl ColumnSpec {
    /// The column named `name` (snake_case or camelCase); `unknown_field` for any other.
    pub fn find(name: &str) -> Result<&'static ColumnSpec> {
        COLUMNS
            .iter()
            .find(|c| c.name == name || c.json == name)
            .ok_or_else(|| Error::UnknownField {
                field: name.chars().take(60).collect(),
                expected: COLUMNS
                    .iter()
                    .map(|c| c.name)
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

impl<'a> JourneyColumns<'a> {
    /// Columns given by name (see [`ColumnSpec::find`]), each of its spec's type. A required
    /// column left out is an `invalid_input` error; an optional one is empty.
    pub fn from_named<N: AsRef<str>>(
        columns: impl IntoIterator<Item = (N, ColumnData<'a>)>,
    ) -> Result<Self> {
        let mut out = JourneyColumns::default();
        let mut given = [false; COLUMNS.len()];
        for (name, data) in columns {
            let spec = ColumnSpec::find(name.as_ref())?;
            out.put(spec, data)?;
            if let Some(i) = COLUMNS.iter().position(|c| c == spec) {
                if let Some(g) = given.get_mut(i) {
                    *g = true;
                }
            }
        }
        if let Some(missing) = COLUMNS
            .iter()
            .zip(given)
            .find(|(spec, given)| !spec.optional && !given)
        {
            return Err(Error::invalid(missing.0.name, "this column is required"));
        }
        Ok(out)
    }

    /// Checks that the columns of each table have one length.
    pub fn check_lengths(&self) -> Result<()> {
        for spec in COLUMNS {
            let Some(first) = COLUMNS.iter().find(|c| c.table == spec.table) else {
                continue;
            };
            let (len, expected) = (self.get(spec).len(), self.get(first).len());
            if len != expected {
                return Err(Error::invalid(
                    spec.name,
                    format!("has {len} rows but {} has {expected}", first.name),
                ));
            }
        }
        Ok(())
    }
}
