//! Journeys, touchpoints and the journey map (objects, or typed-array columns in one call).

use chrono::{DateTime, Utc};
use js_sys::{BigInt64Array, Float64Array, Object, Reflect, Uint32Array, Uint8Array};
use medjourney::analytics::{ColumnData, ColumnSpec, Dtype, JourneyTable, COLUMNS};
use medjourney::journey::{BackReason, Need};
use medjourney::{Error, JourneyColumns, JourneyMap, MapOptions, Stage, Touchpoint, Transition};
use wasm_bindgen::prelude::*;

use crate::convert::{
    byte_array, flag, from_js, instance, name, opt_arg, opt_name, opt_text, text, text_as, throw,
    to_js, typed, Class, JsResult, MapOptionsArg, QuantileModeArg, StringArg,
};

#[wasm_bindgen(typescript_custom_section)]
const TS_COLUMNS: &str = r#"
/**
 * Many journeys as typed-array columns, crossing into wasm in one call. Journeys are
 * numbered by their row in `status`; codes are the stable integer codes of the enums
 * (stage 0 = awareness … 6 = follow_up); instants are seconds since the Unix epoch;
 * `visitLeft` is -9223372036854775808n for an open visit; unrated sentiment is NaN.
 */
export interface JourneyColumns {
  status: Uint8Array;
  visitJourney: Uint32Array; visitStage: Uint8Array; visitEntered: BigInt64Array; visitLeft: BigInt64Array;
  touchJourney: Uint32Array; touchStage: Uint8Array; touchAt: BigInt64Array;
  touchChannel: Uint8Array; touchKind: Uint8Array; touchSentiment: Float64Array;
  needJourney?: Uint32Array; needStage?: Uint8Array; needCode?: Uint8Array; needMet?: Uint8Array;
}
"#;

/// One patient's journey through the seven stages, with its touchpoints and needs.
#[wasm_bindgen]
pub struct Journey {
    inner: medjourney::Journey,
}

#[wasm_bindgen]
impl Journey {
    /// Opens an active journey in `stage` at the RFC 3339 instant `at`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] patient: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] procedure: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Stage")] stage: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: JsValue,
    ) -> JsResult<Journey> {
        let (id, patient) = (text(&id, "id")?, text(&patient, "patient")?);
        let procedure = text(&procedure, "procedure")?;
        let stage: Stage = name(&stage, "stage")?;
        let at: DateTime<Utc> = text_as(&at, "at")?;
        Ok(Journey {
            inner: medjourney::Journey::new(id, patient, procedure, stage, at).map_err(throw)?,
        })
    }

    /// A journey from its JSON shape, checked like a stored journey.
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "JourneyJson")] journey: JsValue,
    ) -> JsResult<Journey> {
        let inner: medjourney::Journey = from_js(journey, "journey")?;
        inner.validate().map_err(throw)?;
        Ok(Journey { inner })
    }

    /// Applies a transition (`{action: "move", to, at}`, hold, resume, abandon, complete).
    pub fn apply(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Transition")] transition: JsValue,
    ) -> JsResult<()> {
        let t: Transition = from_js(transition, "transition")?;
        self.inner.apply(&t).map_err(throw)
    }

    /// Moves on to the next stage at `at`; returns the new stage.
    #[wasm_bindgen(unchecked_return_type = "Stage")]
    pub fn advance(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] at: JsValue,
    ) -> JsResult<JsValue> {
        let at = text_as(&at, "at")?;
        to_js(&self.inner.advance(at).map_err(throw)?)
    }

    /// Goes back a stage for a reason (clinic declined, quote expired, visa refused).
    #[wasm_bindgen(js_name = goBack, unchecked_return_type = "Stage")]
    pub fn go_back(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "BackReason")] reason: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] at: JsValue,
    ) -> JsResult<JsValue> {
        let reason: BackReason = name(&reason, "reason")?;
        let at = text_as(&at, "at")?;
        to_js(&self.inner.go_back(reason, at).map_err(throw)?)
    }

    /// Records a touchpoint (checked against the journey's stages and times).
    pub fn record(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Touchpoint")] touchpoint: JsValue,
    ) -> JsResult<()> {
        let t: Touchpoint = from_js(touchpoint, "touchpoint")?;
        self.inner.record(t).map_err(throw)
    }

    /// Records whether the patient's need in a stage was met.
    #[wasm_bindgen(js_name = setNeed)]
    pub fn set_need(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Stage")] stage: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Need")] need: JsValue,
        #[wasm_bindgen(unchecked_param_type = "boolean")] met: JsValue,
    ) -> JsResult<()> {
        let stage: Stage = name(&stage, "stage")?;
        let need: Need = name(&need, "need")?;
        let met = flag(&met, "met")?;
        self.inner.set_need(stage, need, met);
        Ok(())
    }

    /// Checks the journey's invariants (stage order, times, touchpoints).
    pub fn validate(&self) -> JsResult<()> {
        self.inner.validate().map_err(throw)
    }

    /// The journey's identifier.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id.clone()
    }

    /// Where the journey stands: active, completed, abandoned or on_hold.
    #[wasm_bindgen(getter, unchecked_return_type = "Status")]
    pub fn status(&self) -> JsResult<JsValue> {
        to_js(&self.inner.status)
    }

    /// The stage the journey is in (the last visit's), or null.
    #[wasm_bindgen(getter, js_name = currentStage, unchecked_return_type = "Stage | null")]
    pub fn current_stage(&self) -> JsResult<JsValue> {
        to_js(&self.inner.current_stage())
    }

    /// The furthest stage reached, or null.
    #[wasm_bindgen(getter, js_name = furthestStage, unchecked_return_type = "Stage | null")]
    pub fn furthest_stage(&self) -> JsResult<JsValue> {
        to_js(&self.inner.furthest_stage())
    }

    /// The journey in its JSON shape (so `JSON.stringify(journey)` works too).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "JourneyJson")]
    pub fn to_json(&self) -> JsResult<JsValue> {
        to_js(&self.inner)
    }
}

/// The journey map of many journeys (plain objects or `Journey` instances).
#[wasm_bindgen(js_name = journeyMap, unchecked_return_type = "JourneyMap")]
pub fn journey_map(
    #[wasm_bindgen(unchecked_param_type = "Array<JourneyJson | Journey>")] journeys: JsValue,
    options: Option<MapOptionsArg>,
) -> JsResult<JsValue> {
    let journeys: Vec<medjourney::Journey> = from_js(journeys, "journeys")?;
    let options: MapOptions = opt_arg(options, "options")?;
    to_js(&medjourney::journey_map(&journeys, &options).map_err(throw)?)
}

/// Batch: the journey map of typed-array columns (all touchpoints cross in one call).
#[wasm_bindgen(js_name = journeyMapColumns, unchecked_return_type = "JourneyMap")]
pub fn journey_map_columns(
    #[wasm_bindgen(unchecked_param_type = "JourneyColumns")] columns: JsValue,
    options: Option<MapOptionsArg>,
) -> JsResult<JsValue> {
    let options: MapOptions = opt_arg(options, "options")?;
    to_js(&with_columns(&columns, |c| {
        medjourney::journey_map_columns(c, &options)
    })?)
}

/// Flattens journeys into the typed-array columns `journeyMapColumns` reads.
#[wasm_bindgen(js_name = journeyColumns, unchecked_return_type = "JourneyColumns")]
pub fn journey_columns(
    #[wasm_bindgen(unchecked_param_type = "Array<JourneyJson | Journey>")] journeys: JsValue,
) -> JsResult<JsValue> {
    let journeys: Vec<medjourney::Journey> = from_js(journeys, "journeys")?;
    journey_columns_of(&JourneyTable::from_journeys(&journeys).map_err(throw)?)
}

/// The journey map as an SVG picture (stage grid and sentiment curve); text is escaped.
#[wasm_bindgen(js_name = toSvg)]
pub fn to_svg(
    #[wasm_bindgen(unchecked_param_type = "JourneyMap")] map: JsValue,
    title: Option<StringArg>,
) -> JsResult<String> {
    let map: JourneyMap = from_js(map, "map")?;
    Ok(match opt_text(title, "title")? {
        Some(t) => map.to_svg_titled(&t),
        None => map.to_svg(),
    })
}

/// The journey map's per-stage table as CSV (cells safe from formula injection).
#[cfg(feature = "csv")]
#[wasm_bindgen(js_name = toCsv)]
pub fn to_csv(
    #[wasm_bindgen(unchecked_param_type = "JourneyMap")] map: JsValue,
) -> JsResult<String> {
    let map: JourneyMap = from_js(map, "map")?;
    map.to_csv().map_err(throw)
}

/// The journey map's per-stage table as flat rows, one per stage.
#[wasm_bindgen(js_name = journeyMapRows, unchecked_return_type = "StageRow[]")]
pub fn journey_map_rows(
    #[wasm_bindgen(unchecked_param_type = "JourneyMap")] map: JsValue,
) -> JsResult<JsValue> {
    let map: JourneyMap = from_js(map, "map")?;
    to_js(&map.rows())
}

/// A journey map built in parts (per worker, per file) and merged.
#[wasm_bindgen]
pub struct MapAccumulator {
    inner: medjourney::MapAccumulator,
}

#[wasm_bindgen]
impl MapAccumulator {
    /// An empty accumulator; `quantiles` is "sketch" (bounded memory, the default) or "exact".
    #[wasm_bindgen(constructor)]
    pub fn new(quantiles: Option<QuantileModeArg>) -> JsResult<MapAccumulator> {
        Ok(MapAccumulator {
            inner: medjourney::MapAccumulator::with_quantiles(opt_name(quantiles, "quantiles")?),
        })
    }

    /// How dwell quantiles are computed: "sketch" or "exact".
    #[wasm_bindgen(getter, unchecked_return_type = "QuantileMode")]
    pub fn quantiles(&self) -> String {
        self.inner.quantiles().as_str().into()
    }

    /// The state in its versioned binary form, to ship between workers.
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.inner.to_bytes()
    }

    /// Reads the state written by `toBytes`.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    ) -> JsResult<MapAccumulator> {
        let bytes = byte_array(&bytes, "bytes")?;
        Ok(MapAccumulator {
            inner: medjourney::MapAccumulator::from_bytes(&bytes).map_err(throw)?,
        })
    }

    /// Adds journeys (each validated); on error nothing is added.
    #[wasm_bindgen(js_name = addJourneys)]
    pub fn add_journeys(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Array<JourneyJson | Journey>")] journeys: JsValue,
    ) -> JsResult<()> {
        let journeys: Vec<medjourney::Journey> = from_js(journeys, "journeys")?;
        self.inner.add_journeys(&journeys).map_err(throw)
    }

    /// Adds a batch of typed-array columns; on error nothing is added.
    #[wasm_bindgen(js_name = addColumns)]
    pub fn add_columns(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "JourneyColumns")] columns: JsValue,
    ) -> JsResult<()> {
        with_columns(&columns, |c| self.inner.add_columns(c))
    }

    /// Adds another accumulator's journeys to this one.
    pub fn merge(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "MapAccumulator")] other: JsValue,
    ) -> JsResult<()> {
        let other = instance::<MapAccumulator>(&other, "other")?;
        self.inner.merge(&other.inner).map_err(throw)
    }

    /// The journey map of everything added so far.
    #[wasm_bindgen(unchecked_return_type = "JourneyMap")]
    pub fn finish(&self, options: Option<MapOptionsArg>) -> JsResult<JsValue> {
        let options: MapOptions = opt_arg(options, "options")?;
        to_js(&self.inner.finish(&options).map_err(throw)?)
    }

    /// The partial counts as JSON text, to ship between workers.
    #[wasm_bindgen(js_name = toJSONText)]
    pub fn to_json_text(&self) -> JsResult<String> {
        self.inner.to_json().map_err(throw)
    }

    /// Reads counts written by `toJSONText`.
    #[wasm_bindgen(js_name = fromJSONText)]
    pub fn from_json_text(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> JsResult<MapAccumulator> {
        let text = crate::convert::text(&text, "text")?;
        Ok(MapAccumulator {
            inner: medjourney::MapAccumulator::from_json(&text).map_err(throw)?,
        })
    }
}

impl Class for MapAccumulator {
    const NAME: &'static str = "MapAccumulator";
    fn probe() -> Option<Self> {
        Some(MapAccumulator {
            inner: medjourney::MapAccumulator::new(),
        })
    }
}

/// One column copied out of its typed array (the type its schema dtype names).
enum Owned {
    U8(Vec<u8>),
    U32(Vec<u32>),
    I64(Vec<i64>),
    F64(Vec<f64>),
}

/// Copies the typed-array columns the core's schema names (one memcpy per column) and
/// hands them to the core, which checks names, types and required columns.
fn with_columns<T>(
    obj: &JsValue,
    f: impl FnOnce(&JourneyColumns<'_>) -> medjourney::Result<T>,
) -> JsResult<T> {
    let not_columns = || {
        throw(Error::invalid(
            "columns",
            "expected an object of typed arrays",
        ))
    };
    if !obj.is_object() {
        return Err(not_columns());
    }
    let keys = Reflect::own_keys(obj).map_err(|_| not_columns())?;
    let mut owned = Vec::new();
    for key in keys.iter() {
        // Symbol keys name no column.
        let Some(key) = key.as_string() else { continue };
        let spec = ColumnSpec::find(&key).map_err(throw)?;
        let value = Reflect::get(obj, &JsValue::from_str(&key)).map_err(|_| not_columns())?;
        if value.is_undefined() {
            continue;
        }
        let bad = || {
            throw(Error::invalid(
                spec.json,
                format!("expected a typed array of {:?}", spec.dtype),
            ))
        };
        let what = spec.json;
        owned.push((
            spec.json,
            match spec.dtype {
                Dtype::U8 => Owned::U8(typed(&value, what).ok_or_else(bad)??),
                Dtype::U32 => Owned::U32(typed(&value, what).ok_or_else(bad)??),
                Dtype::I64 => Owned::I64(typed(&value, what).ok_or_else(bad)??),
                Dtype::F64 => Owned::F64(typed(&value, what).ok_or_else(bad)??),
            },
        ));
    }
    let named = owned.iter().map(|(name, col)| {
        (
            *name,
            match col {
                Owned::U8(v) => ColumnData::U8(v),
                Owned::U32(v) => ColumnData::U32(v),
                Owned::I64(v) => ColumnData::I64(v),
                Owned::F64(v) => ColumnData::F64(v),
            },
        )
    });
    JourneyColumns::from_named(named)
        .and_then(|c| f(&c))
        .map_err(throw)
}

/// A core table as an object of typed arrays, keyed by the schema's camelCase names.
pub(crate) fn journey_columns_of(t: &JourneyTable) -> JsResult<JsValue> {
    let obj = Object::new();
    let columns = t.columns();
    for spec in COLUMNS {
        let array: JsValue = match columns.get(spec) {
            ColumnData::U8(v) => Uint8Array::from(v).into(),
            ColumnData::U32(v) => Uint32Array::from(v).into(),
            ColumnData::I64(v) => BigInt64Array::from(v).into(),
            ColumnData::F64(v) => Float64Array::from(v).into(),
        };
        Reflect::set(&obj, &JsValue::from_str(spec.json), &array)
            .map_err(|_| throw(Error::invalid("columns", "cannot build the columns object")))?;
    }
    Ok(obj.into())
}
