//! Journeys, touchpoints and the journey map (objects or numpy columns).

use medjourney::analytics::{
    ChannelCount, DurationStats, FunnelStep, KindCount, NeedCount, PainPoint, SentimentStats,
    StageRow, StageSummary, StatusCounts,
};
use medjourney::analytics::{ColumnData, ColumnSpec, Dtype, COLUMNS};
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
use pyo3::types::{PyBytes, PyDict};

use crate::convert::{
    borrow_other, column, extract_or_parse, from_json, from_py, list_of, options, to_json, Instant,
    Real, Text,
};
use crate::errors::IntoPy;

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
    medjourney::QuantileMode,
);

record!(
    /// How long journeys stayed somewhere: count, median, 90th percentile and mean seconds.
    PyDurationStats, DurationStats, "DurationStats",
    [count, median_seconds, p90_seconds, mean_seconds],
    repr [count, median_seconds, p90_seconds]
);

record!(
    /// Touchpoints on one channel: count and per journey.
    PyChannelCount, ChannelCount, "ChannelCount",
    [channel, count, per_journey],
    repr [channel, count, per_journey]
);

record!(
    /// Touchpoints of one kind: count and per journey.
    PyKindCount, KindCount, "KindCount",
    [kind, count, per_journey],
    repr [kind, count, per_journey]
);

record!(
    /// Sentiment scores seen: how many and their mean.
    PySentimentStats, SentimentStats, "SentimentStats",
    [count, mean],
    repr [count, mean]
);

record!(
    /// A need in a stage: how often it was left unmet, out of how many.
    PyNeedCount, NeedCount, "NeedCount",
    [stage, need, unmet, total],
    repr [stage, need, unmet, total]
);

record!(
    /// One step of the funnel: journeys that reached the stage and their share.
    PyFunnelStep, FunnelStep, "FunnelStep",
    [stage, journeys, share],
    repr [stage, journeys, share]
);

record!(
    /// A stage that hurts, with the reasons and the figures behind them.
    PyPainPoint, PainPoint, "PainPoint",
    [stage, reasons, mean_sentiment, dwell_median_seconds, dwell_p90_seconds, drop_rate],
    repr [stage, reasons]
);

record!(
    /// How many journeys have each status.
    PyStatusCounts, StatusCounts, "StatusCounts",
    [active, completed, abandoned, on_hold],
    repr [active, completed, abandoned, on_hold]
);

record!(
    /// A stay in one stage: when the journey entered and left it.
    PyStageVisit, StageVisit, "StageVisit",
    [stage, entered, left, back_reason],
    repr [stage, entered, left]
);

record!(
    /// A change of the journey's status, and when.
    PyStatusChange, StatusChange, "StatusChange",
    [status, at],
    repr [status, at]
);

record!(
    /// A patient's need in a stage, and whether it was met.
    PyStageNeed, StageNeed, "StageNeed",
    [stage, need, met],
    repr [stage, need, met]
);

record!(
    /// One interaction with the patient: channel, who, when, outcome and sentiment.
    PyTouchpoint, Touchpoint, "Touchpoint",
    [id, stage, at, channel, initiator, participants, kind, duration_minutes, outcome,
     sentiment, needs_addressed, note],
    repr [id, stage, at, channel, kind, sentiment]
);

#[pymethods]
impl PyTouchpoint {
    /// A touchpoint; `sentiment` runs from -2 to +2.
    #[new]
    #[pyo3(signature = (id, stage, at, channel, initiator, kind, *, sentiment = None, note = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        id: Text,
        stage: &Bound<'_, PyAny>,
        at: Instant,
        channel: &Bound<'_, PyAny>,
        initiator: &Bound<'_, PyAny>,
        kind: &Bound<'_, PyAny>,
        sentiment: Option<Real>,
        note: Option<Text>,
    ) -> PyResult<Self> {
        let mut t = Touchpoint::new(
            id.0,
            from_py(stage, "stage")?,
            at.0,
            from_py(channel, "channel")?,
            from_py(initiator, "initiator")?,
            from_py(kind, "kind")?,
        );
        t.sentiment = sentiment.map(|s| s.0);
        t.note = note.map(|n| n.0).unwrap_or_default();
        Ok(PyTouchpoint(t))
    }
}

record!(
    /// A patient's journey through the seven stages, with its touchpoints and needs.
    PyJourney, Journey, "Journey",
    [id, patient, procedure, status, stages, status_history, needs, touchpoints],
    repr [id, patient, procedure, status],
    check Journey::validate
);

#[pymethods]
impl PyJourney {
    /// Opens an active journey in `stage` at `at`.
    #[new]
    fn new(
        id: Text,
        patient: Text,
        procedure: Text,
        stage: &Bound<'_, PyAny>,
        at: Instant,
    ) -> PyResult<Self> {
        let stage = from_py(stage, "stage")?;
        Journey::new(id.0, patient.0, procedure.0, stage, at.0)
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
    fn advance(&mut self, at: Instant) -> PyResult<&'static str> {
        self.0.advance(at.0).py().map(Stage::as_str)
    }

    /// Goes back for `reason` (e.g. "clinic_declined") at `at`; returns the stage.
    fn go_back(&mut self, reason: &Bound<'_, PyAny>, at: Instant) -> PyResult<&'static str> {
        let reason: BackReason = from_py(reason, "reason")?;
        self.0.go_back(reason, at.0).py().map(Stage::as_str)
    }

    /// Records a touchpoint (a `Touchpoint` or its dict).
    fn record(&mut self, touchpoint: &Bound<'_, PyAny>) -> PyResult<()> {
        let t = extract_or_parse::<Touchpoint, PyTouchpoint>(touchpoint, "touchpoint")?;
        self.0.record(t).py()
    }

    /// Sets whether a need in a stage is met.
    fn set_need(
        &mut self,
        stage: &Bound<'_, PyAny>,
        need: &Bound<'_, PyAny>,
        met: bool,
    ) -> PyResult<()> {
        self.0
            .set_need(from_py(stage, "stage")?, from_py(need, "need")?, met);
        Ok(())
    }

    /// Raises if the stored journey breaks a stage or time rule.
    fn validate(&self) -> PyResult<()> {
        self.0.validate().py()
    }
}

record!(
    /// One stage of the journey map: flow, dwell, channels, sentiment, needs, pain.
    PyStageSummary, StageSummary, "StageSummary",
    [stage, entered, moved_on, dropped, still_there, reentered, conversion, drop_rate, dwell,
     touchpoints, touchpoints_per_journey, by_channel, by_kind, sentiment, unmet_needs, pain],
    repr [stage, entered, moved_on, dropped, still_there]
);

record!(
    /// One flat row of the journey map's stage table.
    PyStageRow, StageRow, "StageRow",
    [stage, entered, moved_on, dropped, still_there, reentered, conversion, drop_rate,
     dwell_median_seconds, dwell_p90_seconds, touchpoints, touchpoints_per_journey, top_channel,
     mean_sentiment, sentiment_count, top_unmet_need, pain],
    repr [stage, entered, moved_on, dropped, still_there]
);

record!(
    /// The journey map over many journeys: per-stage statistics, funnel and pain points.
    PyJourneyMap, JourneyMap, "JourneyMap",
    [journeys, touchpoints, statuses, stages, funnel, awareness_to_treatment, quantiles,
     unmet_needs, pain_points],
    repr [journeys, touchpoints]
);
table!(PyJourneyMap, |s| s.0.rows());

#[pymethods]
impl PyJourneyMap {
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
    fn to_svg(&self, title: Option<Text>) -> String {
        match title {
            Some(t) => self.0.to_svg_titled(&t),
            None => self.0.to_svg(),
        }
    }
}

/// Columns as numpy arrays of their schema dtype, held for the duration of a call.
enum Held<'py> {
    U8(PyReadonlyArray1<'py, u8>),
    U32(PyReadonlyArray1<'py, u32>),
    I64(PyReadonlyArray1<'py, i64>),
    F64(PyReadonlyArray1<'py, f64>),
}

/// Columns by the name they were given.
type HeldColumns<'py> = Vec<(String, Held<'py>)>;

/// Splits `**kwargs` into the journey columns (by the core's schema) and the rest.
fn read_columns<'py>(
    py: Python<'py>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<(HeldColumns<'py>, Bound<'py, PyDict>)> {
    let (mut held, rest) = (Vec::new(), PyDict::new(py));
    for (key, value) in kwargs.into_iter().flat_map(|k| k.iter()) {
        let name = key.extract::<Text>()?.0;
        let Ok(spec) = ColumnSpec::find(&name) else {
            rest.set_item(key, value)?;
            continue;
        };
        held.push((
            name,
            match spec.dtype {
                Dtype::U8 => Held::U8(column(&value, spec.name)?),
                Dtype::U32 => Held::U32(column(&value, spec.name)?),
                Dtype::I64 => Held::I64(column(&value, spec.name)?),
                Dtype::F64 => Held::F64(column(&value, spec.name)?),
            },
        ));
    }
    Ok((held, rest))
}

/// The held columns as the core's view (required ones checked by the core).
fn view<'a>(held: &'a [(String, Held<'_>)]) -> PyResult<JourneyColumns<'a>> {
    let data = held
        .iter()
        .map(|(name, h)| {
            Ok((
                name.as_str(),
                match h {
                    Held::U8(a) => ColumnData::U8(a.as_slice()?),
                    Held::U32(a) => ColumnData::U32(a.as_slice()?),
                    Held::I64(a) => ColumnData::I64(a.as_slice()?),
                    Held::F64(a) => ColumnData::F64(a.as_slice()?),
                },
            ))
        })
        .collect::<PyResult<Vec<_>>>()?;
    JourneyColumns::from_named(data).py()
}

/// A journey table's columns as numpy arrays keyed by their snake_case names.
pub fn table_to_py(py: Python<'_>, t: JourneyTable) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    let columns = t.columns();
    for spec in COLUMNS {
        let array = match columns.get(spec) {
            ColumnData::U8(v) => PyArray1::from_slice(py, v).into_any(),
            ColumnData::U32(v) => PyArray1::from_slice(py, v).into_any(),
            ColumnData::I64(v) => PyArray1::from_slice(py, v).into_any(),
            ColumnData::F64(v) => PyArray1::from_slice(py, v).into_any(),
        };
        d.set_item(spec.name, array)?;
    }
    Ok(d)
}

/// Builds the journey map from journeys (objects or dicts); `MapOptions` as keywords.
#[pyfunction]
#[pyo3(signature = (journeys, **options))]
fn journey_map(
    py: Python<'_>,
    journeys: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyJourneyMap> {
    let journeys = list_of::<Journey, PyJourney>(journeys, "journeys")?;
    let options: MapOptions = self::options(options)?;
    py.detach(|| medjourney::journey_map(&journeys, &options))
        .py()
        .map(PyJourneyMap)
}

/// Builds the journey map from integer-coded columns (numpy arrays, lists or Series)
/// passed by name, `MapOptions` as the other keywords:
/// `journey_map_columns(**mj.samples.journey_table(...), min_samples=5)`.
#[pyfunction]
#[pyo3(signature = (**kwargs))]
fn journey_map_columns(
    py: Python<'_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyJourneyMap> {
    let (held, rest) = read_columns(py, kwargs)?;
    let (view, options): (_, MapOptions) = (view(&held)?, options(Some(&rest))?);
    py.detach(|| medjourney::journey_map_columns(&view, &options))
        .py()
        .map(PyJourneyMap)
}

/// A mergeable journey-map builder for data that arrives in batches.
#[pyclass(module = "medjourney", name = "MapAccumulator", eq, from_py_object)]
#[derive(Clone, Default, PartialEq)]
pub struct PyMapAccumulator(pub(crate) MapAccumulator);

crate::export!(class PyMapAccumulator);

#[pymethods]
impl PyMapAccumulator {
    /// An empty accumulator; `quantiles` is "sketch" (bounded memory, the default) or "exact".
    #[new]
    #[pyo3(signature = (quantiles = None))]
    fn new(quantiles: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        Ok(PyMapAccumulator(match quantiles {
            Some(q) => MapAccumulator::with_quantiles(from_py(q, "quantiles")?),
            None => MapAccumulator::new(),
        }))
    }

    /// Adds journeys (objects or dicts).
    fn add_journeys(&mut self, py: Python<'_>, journeys: &Bound<'_, PyAny>) -> PyResult<()> {
        let journeys = list_of::<Journey, PyJourney>(journeys, "journeys")?;
        let acc = &mut self.0;
        py.detach(|| acc.add_journeys(&journeys)).py()
    }

    /// Adds a batch of integer-coded columns (as for `journey_map_columns`).
    #[pyo3(signature = (**columns))]
    fn add_columns(&mut self, py: Python<'_>, columns: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
        let (held, rest) = read_columns(py, columns)?;
        let _: MapOptions = options(Some(&rest))?;
        let view = view(&held)?;
        let acc = &mut self.0;
        py.detach(|| acc.add_columns(&view)).py()
    }

    /// Adds everything another accumulator holds.
    fn merge(slf: &Bound<'_, Self>, other: &Bound<'_, PyMapAccumulator>) -> PyResult<()> {
        let other = borrow_other(slf, other, "other")?;
        slf.borrow_mut().0.merge(&other.0).py()
    }

    /// The journey map of everything added so far; `MapOptions` as keywords.
    #[pyo3(signature = (**options))]
    fn finish(&self, options: Option<&Bound<'_, PyDict>>) -> PyResult<PyJourneyMap> {
        self.0
            .finish(&self::options(options)?)
            .py()
            .map(PyJourneyMap)
    }

    /// The accumulator's state as JSON text (to ship between workers).
    fn to_json(&self) -> PyResult<String> {
        self.0.to_json().py()
    }

    /// Reads the state written by `to_json`.
    #[staticmethod]
    fn from_json(text: Text) -> PyResult<Self> {
        MapAccumulator::from_json(&text).py().map(PyMapAccumulator)
    }

    /// How dwell quantiles are computed: "sketch" or "exact".
    #[getter]
    fn quantiles(&self) -> &'static str {
        self.0.quantiles().as_str()
    }

    /// The accumulator's state in its versioned binary form (to ship between workers).
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.0.to_bytes())
    }

    /// Reads the state written by `to_bytes`.
    #[staticmethod]
    fn from_bytes(data: &[u8]) -> PyResult<Self> {
        MapAccumulator::from_bytes(data).py().map(PyMapAccumulator)
    }

    /// Pickles as `MapAccumulator.from_bytes(self.to_bytes())` (Dask, multiprocessing).
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let from_bytes = slf.get_type().getattr("from_bytes")?;
        Ok((from_bytes, (slf.borrow().to_bytes(slf.py()),)))
    }

    fn __repr__(&self) -> String {
        "MapAccumulator()".into()
    }
}

/// Converts journeys (objects or dicts) to the integer-coded columns of `journey_map_columns`.
#[pyfunction]
fn journey_columns<'py>(
    py: Python<'py>,
    journeys: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let journeys = list_of::<Journey, PyJourney>(journeys, "journeys")?;
    table_to_py(py, JourneyTable::from_journeys(&journeys).py()?)
}

/// Reads a JSON array of journeys, each checked.
#[pyfunction]
fn journeys_from_json(text: Text) -> PyResult<Vec<PyJourney>> {
    let js: Vec<Journey> = from_json(&text, "journeys")?;
    js.into_iter()
        .map(|j| j.validate().py().map(|_| PyJourney(j)))
        .collect()
}

/// JSON text of a list of journeys.
#[pyfunction]
fn journeys_to_json(journeys: &Bound<'_, PyAny>) -> PyResult<String> {
    to_json(
        &list_of::<Journey, PyJourney>(journeys, "journeys")?,
        "journeys",
    )
}

/// The snake_case names of every unit enum, in declaration (code) order.
#[pyfunction]
fn enum_values<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
    use medjourney::analytics::PainReason;
    use medjourney::cost::{CellStatus, CoverageStatus, FindingKind, LineSource, PaymentKind};
    use medjourney::itinerary::{AppointmentType, ValidFrom};
    use medjourney::itinerary::{
        Assistance, DocumentKind, EntryPart, ItemStatus, ItemType, Person,
    };
    use medjourney::matching::{AccreditationBody, Amenity, Criterion};
    use medjourney::planning::{DayOfWeek, PlanNoteCode};
    use medjourney::{Category, FindingCode, Inclusion, Method, Normalization, Severity};
    use medjourney::{RoundingMode, StalePolicy};
    let d = PyDict::new(py);
    macro_rules! names {
        ($($t:ident),+) => {$(d.set_item(stringify!($t), $t::NAMES.to_vec())?;)+};
    }
    names!(
        Stage,
        Status,
        Channel,
        Party,
        TouchpointKind,
        Need,
        Outcome,
        BackReason,
        PainReason,
        Category,
        Inclusion,
        CellStatus,
        FindingKind,
        LineSource,
        CoverageStatus,
        PaymentKind,
        AccreditationBody,
        Amenity,
        Criterion,
        Method,
        Normalization,
        RoundingMode,
        StalePolicy,
        ItemType,
        AppointmentType,
        EntryPart,
        FindingCode,
        Severity,
        Assistance,
        DocumentKind,
        Person,
        ValidFrom,
        ItemStatus,
        DayOfWeek,
        PlanNoteCode
    );
    Ok(d)
}

crate::export!(
    fn journey_map,
    journey_map_columns,
    journey_columns,
    journeys_from_json,
    journeys_to_json,
    enum_values
);
