//! Journeys, touchpoints and the journey map (objects, or typed-array columns in one call).

use chrono::{DateTime, Utc};
use js_sys::{BigInt64Array, Float64Array, Object, Reflect, Uint32Array, Uint8Array};
use medjourney::analytics::JourneyTable;
use medjourney::journey::{BackReason, Need};
use medjourney::{Error, JourneyMap, MapOptions, Stage, Touchpoint, Transition};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::convert::{from_js, from_str, opt_arg, throw, to_js, JsResult, MapOptionsArg};

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
        id: &str,
        patient: &str,
        procedure: &str,
        #[wasm_bindgen(unchecked_param_type = "Stage")] stage: &str,
        at: &str,
    ) -> JsResult<Journey> {
        let stage: Stage = stage.parse().map_err(throw)?;
        let at: DateTime<Utc> = from_str(at, "at")?;
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
    pub fn advance(&mut self, at: &str) -> JsResult<JsValue> {
        let at = from_str(at, "at")?;
        to_js(&self.inner.advance(at).map_err(throw)?)
    }

    /// Goes back a stage for a reason (clinic declined, quote expired, visa refused).
    #[wasm_bindgen(js_name = goBack, unchecked_return_type = "Stage")]
    pub fn go_back(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "BackReason")] reason: &str,
        at: &str,
    ) -> JsResult<JsValue> {
        let reason: BackReason = reason.parse().map_err(throw)?;
        let at = from_str(at, "at")?;
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
        #[wasm_bindgen(unchecked_param_type = "Stage")] stage: &str,
        #[wasm_bindgen(unchecked_param_type = "Need")] need: &str,
        met: bool,
    ) -> JsResult<()> {
        let stage: Stage = stage.parse().map_err(throw)?;
        let need: Need = need.parse().map_err(throw)?;
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
    let table = read_columns(&columns)?;
    let options: MapOptions = opt_arg(options, "options")?;
    to_js(&medjourney::journey_map_columns(&table.columns(), &options).map_err(throw)?)
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
    title: Option<String>,
) -> JsResult<String> {
    let map: JourneyMap = from_js(map, "map")?;
    Ok(match title {
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

impl Default for MapAccumulator {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl MapAccumulator {
    /// An empty accumulator.
    #[wasm_bindgen(constructor)]
    pub fn new() -> MapAccumulator {
        MapAccumulator {
            inner: medjourney::MapAccumulator::new(),
        }
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
        let table = read_columns(&columns)?;
        self.inner.add_columns(&table.columns()).map_err(throw)
    }

    /// Adds another accumulator's journeys to this one.
    pub fn merge(&mut self, other: &MapAccumulator) -> JsResult<()> {
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
    pub fn from_json_text(text: &str) -> JsResult<MapAccumulator> {
        Ok(MapAccumulator {
            inner: medjourney::MapAccumulator::from_json(text).map_err(throw)?,
        })
    }
}

/// Reads one typed-array column; a missing optional column is empty.
fn column<A: JsCast>(obj: &JsValue, key: &str, kind: &str, optional: bool) -> JsResult<Option<A>> {
    let value = Reflect::get(obj, &JsValue::from_str(key))
        .map_err(|_| throw(Error::invalid("columns", "cannot read the columns object")))?;
    if value.is_undefined() && optional {
        return Ok(None);
    }
    value.dyn_into::<A>().map(Some).map_err(|_| {
        throw(Error::invalid(
            format!("columns.{key}"),
            format!("expected a {kind}"),
        ))
    })
}

macro_rules! read_cols {
    ($obj:expr, $table:ident, $( $field:ident : $key:literal as $arr:ty, $opt:literal ),+ $(,)?) => {
        $(
            if let Some(a) = column::<$arr>($obj, $key, stringify!($arr), $opt)? {
                $table.$field = a.to_vec();
            }
        )+
    };
}

/// Copies typed-array columns into a core table (one memcpy per column).
fn read_columns(obj: &JsValue) -> JsResult<JourneyTable> {
    if !obj.is_object() {
        return Err(throw(Error::invalid(
            "columns",
            "expected an object of typed arrays",
        )));
    }
    let mut t = JourneyTable::default();
    read_cols!(obj, t,
        status: "status" as Uint8Array, false,
        visit_journey: "visitJourney" as Uint32Array, false,
        visit_stage: "visitStage" as Uint8Array, false,
        visit_entered: "visitEntered" as BigInt64Array, false,
        visit_left: "visitLeft" as BigInt64Array, false,
        touch_journey: "touchJourney" as Uint32Array, false,
        touch_stage: "touchStage" as Uint8Array, false,
        touch_at: "touchAt" as BigInt64Array, false,
        touch_channel: "touchChannel" as Uint8Array, false,
        touch_kind: "touchKind" as Uint8Array, false,
        touch_sentiment: "touchSentiment" as Float64Array, false,
        need_journey: "needJourney" as Uint32Array, true,
        need_stage: "needStage" as Uint8Array, true,
        need_code: "needCode" as Uint8Array, true,
        need_met: "needMet" as Uint8Array, true,
    );
    Ok(t)
}

/// A core table as an object of typed arrays.
pub(crate) fn journey_columns_of(t: &JourneyTable) -> JsResult<JsValue> {
    let obj = Object::new();
    let set = |key: &str, v: JsValue| {
        Reflect::set(&obj, &JsValue::from_str(key), &v)
            .map(|_| ())
            .map_err(|_| throw(Error::invalid("columns", "cannot build the columns object")))
    };
    set("status", Uint8Array::from(&t.status[..]).into())?;
    set(
        "visitJourney",
        Uint32Array::from(&t.visit_journey[..]).into(),
    )?;
    set("visitStage", Uint8Array::from(&t.visit_stage[..]).into())?;
    set(
        "visitEntered",
        BigInt64Array::from(&t.visit_entered[..]).into(),
    )?;
    set("visitLeft", BigInt64Array::from(&t.visit_left[..]).into())?;
    set(
        "touchJourney",
        Uint32Array::from(&t.touch_journey[..]).into(),
    )?;
    set("touchStage", Uint8Array::from(&t.touch_stage[..]).into())?;
    set("touchAt", BigInt64Array::from(&t.touch_at[..]).into())?;
    set(
        "touchChannel",
        Uint8Array::from(&t.touch_channel[..]).into(),
    )?;
    set("touchKind", Uint8Array::from(&t.touch_kind[..]).into())?;
    set(
        "touchSentiment",
        Float64Array::from(&t.touch_sentiment[..]).into(),
    )?;
    set("needJourney", Uint32Array::from(&t.need_journey[..]).into())?;
    set("needStage", Uint8Array::from(&t.need_stage[..]).into())?;
    set("needCode", Uint8Array::from(&t.need_code[..]).into())?;
    set("needMet", Uint8Array::from(&t.need_met[..]).into())?;
    Ok(obj.into())
}
