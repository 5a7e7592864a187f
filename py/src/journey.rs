//! Journeys, touchpoints and the journey map (objects or numpy columns).

use chrono::{DateTime, Utc};
use medjourney::analytics::{
    ChannelCount, DurationStats, FunnelStep, KindCount, NeedCount, PainPoint, SentimentStats,
    StageRow, StageSummary, StatusCounts,
};
use medjourney::journey::{
    BackReason, Channel, Need, Outcome, Party, StageNeed, StageVisit, Status, StatusChange,
    TouchpointKind,
};
use medjourney::{
    Journey, JourneyColumns, JourneyMap, JourneyTable, MapAccumulator, MapOptions, Stage,
    Touchpoint, Transition,
};
use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{column, extract_or_parse, from_json, from_py, to_json};
use crate::errors::{validation, IntoPy};

to_py_as_str!(
    Stage,
    Status,
    Channel,
    Party,
    TouchpointKind,
    Need,
    Outcome,
    BackReason,
    medjourney::analytics::PainReason,
);

record!(
    /// How long journeys stayed somewhere: count, median, 90th percentile and mean seconds.
    PyDurationStats, DurationStats, "DurationStats", "duration stats",
    [count, median_seconds, p90_seconds, mean_seconds],
    repr [count, median_seconds, p90_seconds],
);

record!(
    /// Touchpoints on one channel: count and per journey.
    PyChannelCount, ChannelCount, "ChannelCount", "channel count",
    [channel, count, per_journey],
    repr [channel, count, per_journey],
);

record!(
    /// Touchpoints of one kind: count and per journey.
    PyKindCount, KindCount, "KindCount", "kind count",
    [kind, count, per_journey],
    repr [kind, count, per_journey],
);

record!(
    /// Sentiment scores seen: how many and their mean.
    PySentimentStats, SentimentStats, "SentimentStats", "sentiment stats",
    [count, mean],
    repr [count, mean],
);

record!(
    /// A need in a stage: how often it was left unmet, out of how many.
    PyNeedCount, NeedCount, "NeedCount", "need count",
    [stage, need, unmet, total],
    repr [stage, need, unmet, total],
);

record!(
    /// One step of the funnel: journeys that reached the stage and their share.
    PyFunnelStep, FunnelStep, "FunnelStep", "funnel step",
    [stage, journeys, share],
    repr [stage, journeys, share],
);

record!(
    /// A stage that hurts, with the reasons and the figures behind them.
    PyPainPoint, PainPoint, "PainPoint", "pain point",
    [stage, reasons, mean_sentiment, dwell_median_seconds, dwell_p90_seconds, drop_rate],
    repr [stage, reasons],
);

record!(
    /// How many journeys have each status.
    PyStatusCounts, StatusCounts, "StatusCounts", "status counts",
    [active, completed, abandoned, on_hold],
    repr [active, completed, abandoned, on_hold],
);

record!(
    /// A stay in one stage: when the journey entered and left it.
    PyStageVisit, StageVisit, "StageVisit", "stage visit",
    [stage, entered, left, back_reason],
    repr [stage, entered, left],
);

record!(
    /// A change of the journey's status, and when.
    PyStatusChange, StatusChange, "StatusChange", "status change",
    [status, at],
    repr [status, at],
);

record!(
    /// A patient's need in a stage, and whether it was met.
    PyStageNeed, StageNeed, "StageNeed", "stage need",
    [stage, need, met],
    repr [stage, need, met],
);

record!(
    /// One interaction with the patient: channel, who, when, outcome and sentiment.
    PyTouchpoint, Touchpoint, "Touchpoint", "touchpoint",
    [id, stage, at, channel, initiator, participants, kind, duration_minutes, outcome,
     sentiment, needs_addressed, note],
    repr [id, stage, at, channel, kind, sentiment],
    {
        /// A touchpoint; `sentiment` runs from -2 to +2.
        #[new]
        #[pyo3(signature = (id, stage, at, channel, initiator, kind, *, sentiment = None, note = None))]
        #[allow(clippy::too_many_arguments)]
        fn new(
            id: String,
            stage: &Bound<'_, PyAny>,
            at: DateTime<Utc>,
            channel: &Bound<'_, PyAny>,
            initiator: &Bound<'_, PyAny>,
            kind: &Bound<'_, PyAny>,
            sentiment: Option<f64>,
            note: Option<String>,
        ) -> PyResult<Self> {
            let mut t = Touchpoint::new(
                id,
                from_py(stage, "stage")?,
                at,
                from_py(channel, "channel")?,
                from_py(initiator, "initiator")?,
                from_py(kind, "kind")?,
            );
            t.sentiment = sentiment;
            t.note = note.unwrap_or_default();
            Ok(PyTouchpoint(t))
        }
    }
);

record!(
    /// A patient's journey through the seven stages, with its touchpoints and needs.
    PyJourney, Journey, "Journey", "journey",
    [id, patient, procedure, status, stages, status_history, needs, touchpoints],
    repr [id, patient, procedure, status],
    check Journey::validate,
    {
        /// Opens an active journey in `stage` at `at`.
        #[new]
        fn new(
            id: String,
            patient: String,
            procedure: String,
            stage: &Bound<'_, PyAny>,
            at: DateTime<Utc>,
        ) -> PyResult<Self> {
            Journey::new(id, patient, procedure, from_py(stage, "stage")?, at)
                .py()
                .map(PyJourney)
        }

        /// The stage the journey is in now.
        #[getter]
        fn current_stage(&self) -> Option<&'static str> {
            self.0.current_stage().map(Stage::as_str)
        }

        /// The furthest stage reached.
        #[getter]
        fn furthest_stage(&self) -> Option<&'static str> {
            self.0.furthest_stage().map(Stage::as_str)
        }

        /// Whether the journey ever entered `stage`.
        fn has_reached(&self, stage: &Bound<'_, PyAny>) -> PyResult<bool> {
            Ok(self.0.has_reached(from_py(stage, "stage")?))
        }

        /// Applies a transition in its JSON shape: `{"action": "move", "to": …, "at": …}`.
        fn apply(&mut self, transition: &Bound<'_, PyAny>) -> PyResult<()> {
            let t: Transition = from_py(transition, "transition")?;
            self.0.apply(&t).py()
        }

        /// Moves to the next stage at `at`; returns it.
        fn advance(&mut self, at: DateTime<Utc>) -> PyResult<&'static str> {
            self.0.advance(at).py().map(Stage::as_str)
        }

        /// Goes back for `reason` (e.g. "clinic_declined") at `at`; returns the stage.
        fn go_back(&mut self, reason: &Bound<'_, PyAny>, at: DateTime<Utc>) -> PyResult<&'static str> {
            let reason: BackReason = from_py(reason, "reason")?;
            self.0.go_back(reason, at).py().map(Stage::as_str)
        }

        /// Records a touchpoint (a `Touchpoint` or its dict).
        fn record(&mut self, touchpoint: &Bound<'_, PyAny>) -> PyResult<()> {
            let t = extract_or_parse::<Touchpoint, PyTouchpoint>(touchpoint, "touchpoint")?;
            self.0.record(t).py()
        }

        /// Sets whether a need in a stage is met.
        fn set_need(&mut self, stage: &Bound<'_, PyAny>, need: &Bound<'_, PyAny>, met: bool) -> PyResult<()> {
            self.0.set_need(from_py(stage, "stage")?, from_py(need, "need")?, met);
            Ok(())
        }

        /// Raises if the stored journey breaks a stage or time rule.
        fn validate(&self) -> PyResult<()> {
            self.0.validate().py()
        }
    }
);

record!(
    /// One stage of the journey map: flow, dwell, channels, sentiment, needs, pain.
    PyStageSummary, StageSummary, "StageSummary", "stage summary",
    [stage, entered, moved_on, dropped, still_there, reentered, conversion, drop_rate, dwell,
     touchpoints, touchpoints_per_journey, by_channel, by_kind, sentiment, unmet_needs, pain],
    repr [stage, entered, moved_on, dropped, still_there],
);

record!(
    /// One flat row of the journey map's stage table.
    PyStageRow, StageRow, "StageRow", "stage row",
    [stage, entered, moved_on, dropped, still_there, reentered, conversion, drop_rate,
     dwell_median_seconds, dwell_p90_seconds, touchpoints, touchpoints_per_journey, top_channel,
     mean_sentiment, sentiment_count, top_unmet_need, pain],
    repr [stage, entered, moved_on, dropped, still_there],
);

record!(
    /// The journey map over many journeys: per-stage statistics, funnel and pain points.
    PyJourneyMap, JourneyMap, "JourneyMap", "journey map",
    [journeys, touchpoints, statuses, stages, funnel, awareness_to_treatment, unmet_needs,
     pain_points],
    repr [journeys, touchpoints],
    table [0.rows()] "Journey map",
    {
        /// The flat stage table.
        fn rows(&self) -> Vec<PyStageRow> {
            self.0.rows().into_iter().map(PyStageRow).collect()
        }

        /// The stage table as CSV (cells that look like formulas are neutralised).
        fn to_csv(&self) -> PyResult<String> {
            self.0.to_csv().py()
        }

        /// The map as an SVG picture (user text escaped).
        #[pyo3(signature = (title = None))]
        fn to_svg(&self, title: Option<&str>) -> String {
            match title {
                Some(t) => self.0.to_svg_titled(t),
                None => self.0.to_svg(),
            }
        }

        fn _repr_svg_(&self) -> String {
            self.0.to_svg()
        }
    }
);

fn map_options(
    sentiment_below: Option<f64>,
    dwell_spread: Option<f64>,
    drop_rate: Option<f64>,
    min_samples: Option<u64>,
) -> MapOptions {
    let d = MapOptions::default();
    MapOptions {
        sentiment_below: sentiment_below.unwrap_or(d.sentiment_below),
        dwell_spread: dwell_spread.unwrap_or(d.dwell_spread),
        drop_rate: drop_rate.unwrap_or(d.drop_rate),
        min_samples: min_samples.unwrap_or(d.min_samples),
    }
}

fn journeys_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Journey>> {
    let mut out = Vec::new();
    for item in obj.try_iter()? {
        out.push(extract_or_parse::<Journey, PyJourney>(&item?, "journeys")?);
    }
    Ok(out)
}

/// The fifteen integer-coded columns of a journey table, held for the duration of a call.
struct Columns<'py> {
    status: PyReadonlyArray1<'py, u8>,
    visit_journey: PyReadonlyArray1<'py, u32>,
    visit_stage: PyReadonlyArray1<'py, u8>,
    visit_entered: PyReadonlyArray1<'py, i64>,
    visit_left: PyReadonlyArray1<'py, i64>,
    touch_journey: PyReadonlyArray1<'py, u32>,
    touch_stage: PyReadonlyArray1<'py, u8>,
    touch_at: PyReadonlyArray1<'py, i64>,
    touch_channel: PyReadonlyArray1<'py, u8>,
    touch_kind: PyReadonlyArray1<'py, u8>,
    touch_sentiment: PyReadonlyArray1<'py, f64>,
    need_journey: PyReadonlyArray1<'py, u32>,
    need_stage: PyReadonlyArray1<'py, u8>,
    need_code: PyReadonlyArray1<'py, u8>,
    need_met: PyReadonlyArray1<'py, u8>,
}

impl<'py> Columns<'py> {
    fn read(kw: &Bound<'py, PyDict>) -> PyResult<Self> {
        let get = |name: &str| -> PyResult<Bound<'py, PyAny>> {
            kw.get_item(name)?
                .ok_or_else(|| validation("invalid_input", format!("missing column {name}")))
        };
        Ok(Columns {
            status: column(&get("status")?, "status")?,
            visit_journey: column(&get("visit_journey")?, "visit_journey")?,
            visit_stage: column(&get("visit_stage")?, "visit_stage")?,
            visit_entered: column(&get("visit_entered")?, "visit_entered")?,
            visit_left: column(&get("visit_left")?, "visit_left")?,
            touch_journey: column(&get("touch_journey")?, "touch_journey")?,
            touch_stage: column(&get("touch_stage")?, "touch_stage")?,
            touch_at: column(&get("touch_at")?, "touch_at")?,
            touch_channel: column(&get("touch_channel")?, "touch_channel")?,
            touch_kind: column(&get("touch_kind")?, "touch_kind")?,
            touch_sentiment: column(&get("touch_sentiment")?, "touch_sentiment")?,
            need_journey: column(&get("need_journey")?, "need_journey")?,
            need_stage: column(&get("need_stage")?, "need_stage")?,
            need_code: column(&get("need_code")?, "need_code")?,
            need_met: column(&get("need_met")?, "need_met")?,
        })
    }

    fn view(&self) -> PyResult<JourneyColumns<'_>> {
        Ok(JourneyColumns {
            status: self.status.as_slice()?,
            visit_journey: self.visit_journey.as_slice()?,
            visit_stage: self.visit_stage.as_slice()?,
            visit_entered: self.visit_entered.as_slice()?,
            visit_left: self.visit_left.as_slice()?,
            touch_journey: self.touch_journey.as_slice()?,
            touch_stage: self.touch_stage.as_slice()?,
            touch_at: self.touch_at.as_slice()?,
            touch_channel: self.touch_channel.as_slice()?,
            touch_kind: self.touch_kind.as_slice()?,
            touch_sentiment: self.touch_sentiment.as_slice()?,
            need_journey: self.need_journey.as_slice()?,
            need_stage: self.need_stage.as_slice()?,
            need_code: self.need_code.as_slice()?,
            need_met: self.need_met.as_slice()?,
        })
    }
}

/// Builds the journey map from journeys (objects or dicts).
#[pyfunction]
#[pyo3(signature = (journeys, *, sentiment_below = None, dwell_spread = None, drop_rate = None, min_samples = None))]
fn journey_map(
    py: Python<'_>,
    journeys: &Bound<'_, PyAny>,
    sentiment_below: Option<f64>,
    dwell_spread: Option<f64>,
    drop_rate: Option<f64>,
    min_samples: Option<u64>,
) -> PyResult<PyJourneyMap> {
    let journeys = journeys_arg(journeys)?;
    let options = map_options(sentiment_below, dwell_spread, drop_rate, min_samples);
    py.detach(|| medjourney::journey_map(&journeys, &options))
        .py()
        .map(PyJourneyMap)
}

/// Builds the journey map from integer-coded columns (numpy arrays, lists or Series),
/// passed by name: `journey_map_columns(**mj.samples.journey_table(...))`.
#[pyfunction]
#[pyo3(signature = (*, sentiment_below = None, dwell_spread = None, drop_rate = None, min_samples = None, **columns))]
fn journey_map_columns(
    py: Python<'_>,
    sentiment_below: Option<f64>,
    dwell_spread: Option<f64>,
    drop_rate: Option<f64>,
    min_samples: Option<u64>,
    columns: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyJourneyMap> {
    let empty = PyDict::new(py);
    let cols = Columns::read(columns.unwrap_or(&empty))?;
    let view = cols.view()?;
    let options = map_options(sentiment_below, dwell_spread, drop_rate, min_samples);
    py.detach(|| medjourney::journey_map_columns(&view, &options))
        .py()
        .map(PyJourneyMap)
}

/// A mergeable journey-map builder for data that arrives in batches.
#[pyclass(module = "medjourney", name = "MapAccumulator", from_py_object)]
#[derive(Clone, Default)]
pub struct PyMapAccumulator(MapAccumulator);

#[pymethods]
impl PyMapAccumulator {
    /// An empty accumulator.
    #[new]
    fn new() -> Self {
        PyMapAccumulator(MapAccumulator::new())
    }

    /// Adds journeys (objects or dicts).
    fn add_journeys(&mut self, py: Python<'_>, journeys: &Bound<'_, PyAny>) -> PyResult<()> {
        let journeys = journeys_arg(journeys)?;
        let acc = &mut self.0;
        py.detach(|| acc.add_journeys(&journeys)).py()
    }

    /// Adds a batch of integer-coded columns (as for `journey_map_columns`).
    #[pyo3(signature = (**columns))]
    fn add_columns(&mut self, py: Python<'_>, columns: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
        let empty = PyDict::new(py);
        let cols = Columns::read(columns.unwrap_or(&empty))?;
        let view = cols.view()?;
        let acc = &mut self.0;
        py.detach(|| acc.add_columns(&view)).py()
    }

    /// Adds everything another accumulator holds.
    fn merge(&mut self, other: &PyMapAccumulator) -> PyResult<()> {
        self.0.merge(&other.0).py()
    }

    /// The journey map of everything added so far.
    #[pyo3(signature = (*, sentiment_below = None, dwell_spread = None, drop_rate = None, min_samples = None))]
    fn finish(
        &self,
        sentiment_below: Option<f64>,
        dwell_spread: Option<f64>,
        drop_rate: Option<f64>,
        min_samples: Option<u64>,
    ) -> PyResult<PyJourneyMap> {
        let options = map_options(sentiment_below, dwell_spread, drop_rate, min_samples);
        self.0.finish(&options).py().map(PyJourneyMap)
    }

    /// The accumulator's state as JSON text (to ship between workers).
    fn to_json(&self) -> PyResult<String> {
        self.0.to_json().py()
    }

    /// Reads the state written by `to_json`.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        MapAccumulator::from_json(text).py().map(PyMapAccumulator)
    }

    fn __repr__(&self) -> String {
        "MapAccumulator()".into()
    }
}

/// A journey table's columns as numpy arrays keyed by their snake_case names.
pub fn table_to_py<'py>(py: Python<'py>, t: JourneyTable) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("status", PyArray1::from_vec(py, t.status))?;
    d.set_item("visit_journey", PyArray1::from_vec(py, t.visit_journey))?;
    d.set_item("visit_stage", PyArray1::from_vec(py, t.visit_stage))?;
    d.set_item("visit_entered", PyArray1::from_vec(py, t.visit_entered))?;
    d.set_item("visit_left", PyArray1::from_vec(py, t.visit_left))?;
    d.set_item("touch_journey", PyArray1::from_vec(py, t.touch_journey))?;
    d.set_item("touch_stage", PyArray1::from_vec(py, t.touch_stage))?;
    d.set_item("touch_at", PyArray1::from_vec(py, t.touch_at))?;
    d.set_item("touch_channel", PyArray1::from_vec(py, t.touch_channel))?;
    d.set_item("touch_kind", PyArray1::from_vec(py, t.touch_kind))?;
    d.set_item("touch_sentiment", PyArray1::from_vec(py, t.touch_sentiment))?;
    d.set_item("need_journey", PyArray1::from_vec(py, t.need_journey))?;
    d.set_item("need_stage", PyArray1::from_vec(py, t.need_stage))?;
    d.set_item("need_code", PyArray1::from_vec(py, t.need_code))?;
    d.set_item("need_met", PyArray1::from_vec(py, t.need_met))?;
    Ok(d)
}

/// Converts journeys (objects or dicts) to the integer-coded columns of `journey_map_columns`.
#[pyfunction]
fn journey_columns<'py>(
    py: Python<'py>,
    journeys: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let journeys = journeys_arg(journeys)?;
    let table = JourneyTable::from_journeys(&journeys).py()?;
    table_to_py(py, table)
}

/// Reads a JSON array of journeys, each checked.
#[pyfunction]
fn journeys_from_json(text: &str) -> PyResult<Vec<PyJourney>> {
    let js: Vec<Journey> = from_json(text, "journeys")?;
    for j in &js {
        j.validate().py()?;
    }
    Ok(js.into_iter().map(PyJourney).collect())
}

/// JSON text of a list of journeys.
#[pyfunction]
fn journeys_to_json(journeys: &Bound<'_, PyAny>) -> PyResult<String> {
    to_json(&journeys_arg(journeys)?, "journeys")
}

/// The snake_case values of each coded enum, in code order (the column codes).
#[pyfunction]
fn enum_values<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
    fn names<T: Copy>(all: &[T], f: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|v| f(*v)).collect()
    }
    let d = PyDict::new(py);
    d.set_item("Stage", names(Stage::ALL, Stage::as_str))?;
    d.set_item("Status", names(Status::ALL, Status::as_str))?;
    d.set_item("Channel", names(Channel::ALL, Channel::as_str))?;
    d.set_item("Party", names(Party::ALL, Party::as_str))?;
    d.set_item(
        "TouchpointKind",
        names(TouchpointKind::ALL, TouchpointKind::as_str),
    )?;
    d.set_item("Need", names(Need::ALL, Need::as_str))?;
    d.set_item("Outcome", names(Outcome::ALL, Outcome::as_str))?;
    d.set_item("BackReason", names(BackReason::ALL, BackReason::as_str))?;
    d.set_item(
        "Category",
        names(&medjourney::Category::ALL, medjourney::Category::as_str),
    )?;
    Ok(d)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyDurationStats>()?;
    m.add_class::<PyChannelCount>()?;
    m.add_class::<PyKindCount>()?;
    m.add_class::<PySentimentStats>()?;
    m.add_class::<PyNeedCount>()?;
    m.add_class::<PyFunnelStep>()?;
    m.add_class::<PyPainPoint>()?;
    m.add_class::<PyStatusCounts>()?;
    m.add_class::<PyStageVisit>()?;
    m.add_class::<PyStatusChange>()?;
    m.add_class::<PyStageNeed>()?;
    m.add_class::<PyTouchpoint>()?;
    m.add_class::<PyJourney>()?;
    m.add_class::<PyStageSummary>()?;
    m.add_class::<PyStageRow>()?;
    m.add_class::<PyJourneyMap>()?;
    m.add_class::<PyMapAccumulator>()?;
    m.add_function(wrap_pyfunction!(journey_map, m)?)?;
    m.add_function(wrap_pyfunction!(journey_map_columns, m)?)?;
    m.add_function(wrap_pyfunction!(journey_columns, m)?)?;
    m.add_function(wrap_pyfunction!(journeys_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(journeys_to_json, m)?)?;
    m.add_function(wrap_pyfunction!(enum_values, m)?)?;
    Ok(())
}
