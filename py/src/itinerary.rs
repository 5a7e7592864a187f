//! Itineraries: items in their own time zones, logistics checks, iCalendar, day-by-day plan.

use chrono::NaiveDateTime;
use medjourney::itinerary::{
    AppointmentType, Contact, DaySummary, Details, EntryPart, Item, ItemType, SummaryEntry,
    Traveller,
};
use medjourney::{Finding, FindingCode, Itinerary, ItineraryRules, Severity};
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::convert::{extract_or_parse, no_check, rows_to_dicts, table_call, to_dict};
use crate::errors::IntoPy;

to_py_via_serde!(
    Traveller,
    Contact,
    Details,
    ItemType,
    AppointmentType,
    EntryPart,
    FindingCode,
    Severity,
    medjourney::itinerary::FitToFlyRule,
    medjourney::itinerary::VisaRule,
);

record!(
    /// One thing on the trip (flight, transfer, stay, appointment…), in its own time zone.
    PyItem, Item, "Item", "itinerary item",
    [id, title, start, end, zone, end_zone, location, contact, notes, companion_only],
    repr [id, title, start, end, zone],
    check no_check,
    {
        /// The item's type: "flight", "ground_transfer", "stay", "appointment", …
        #[getter]
        fn item_type(&self) -> &'static str {
            self.0.item_type().as_str()
        }

        /// The type-specific fields (carrier, address, appointment type…) as a dict.
        #[getter]
        fn details<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            to_dict::<Details>(py, &self.0.details)
        }
    }
);

record!(
    /// The trip door to door, every instant in UTC next to its IANA zone.
    PyItinerary, Itinerary, "Itinerary", "itinerary",
    [id, title, updated_at, traveller, coordinator, items],
    repr [id, title, updated_at],
    check Itinerary::validate,
    {
        /// Runs every logistics check (default rules ship the fit-to-fly and visa tables).
        #[pyo3(signature = (rules = None))]
        fn check(&self, py: Python<'_>, rules: Option<&Bound<'_, PyAny>>) -> PyResult<PyFindings> {
            let rules = match rules {
                Some(r) if !r.is_none() => {
                    extract_or_parse::<ItineraryRules, PyItineraryRules>(r, "itinerary rules")?
                }
                _ => ItineraryRules::default(),
            };
            let it = &self.0;
            py.detach(|| it.check(&rules)).py().map(PyFindings)
        }

        /// The trip as RFC 5545 iCalendar text.
        fn to_ics(&self) -> PyResult<String> {
            self.0.to_ics().py()
        }

        /// The patient's plan day by day, in local times.
        fn day_by_day(&self) -> PyResult<Vec<PyDaySummary>> {
            Ok(self.0.day_by_day().py()?.into_iter().map(PyDaySummary).collect())
        }

        /// The day-by-day plan as plain text.
        fn summary_text(&self) -> PyResult<String> {
            medjourney::itinerary::summary_text(&self.0).py()
        }
    }
);

record!(
    /// The thresholds and tables the checks use; `ItineraryRules()` is the shipped default.
    PyItineraryRules, ItineraryRules, "ItineraryRules", "itinerary rules",
    [min_connection_domestic_minutes, min_connection_international_minutes,
     connection_window_minutes, min_landing_to_appointment_minutes,
     max_post_op_stay_distance_km, fit_to_fly, visas, fit_to_fly_overrides, visa_overrides],
    repr [min_connection_domestic_minutes, min_connection_international_minutes,
          min_landing_to_appointment_minutes, max_post_op_stay_distance_km],
    check ItineraryRules::validate,
    {
        /// The shipped defaults: connection times and the fit-to-fly and visa tables.
        #[new]
        fn new() -> Self {
            PyItineraryRules(ItineraryRules::default())
        }

        /// Replaces the fit-to-fly rule of a procedure category (the rule's dict shape).
        fn override_fit_to_fly(&mut self, rule: &Bound<'_, PyAny>) -> PyResult<()> {
            let rule = crate::convert::from_py(rule, "fit-to-fly rule")?;
            self.0.override_fit_to_fly(rule);
            self.0.validate().py()
        }

        /// Replaces the visa rule of a nationality and destination (the rule's dict shape).
        fn override_visa(&mut self, rule: &Bound<'_, PyAny>) -> PyResult<()> {
            let rule = crate::convert::from_py(rule, "visa rule")?;
            self.0.override_visa(rule);
            self.0.validate().py()
        }
    }
);

record!(
    /// Something that would break the trip: code, severity, message, the items involved.
    PyFinding, Finding, "Finding", "finding",
    [code, severity, message, items],
    repr [code, severity, items],
    check no_check,
    {}
);

record!(
    /// One item (or its start or end) on a day of the plan, in local time.
    PySummaryEntry, SummaryEntry, "SummaryEntry", "summary entry",
    [item_id, title, item_type, appointment_type, part, start_local, zone, end_local, end_zone,
     location, contact],
    repr [item_id, part, start_local, zone],
    check no_check,
    {}
);

record!(
    /// One day of the plan.
    PyDaySummary, DaySummary, "DaySummary", "day summary",
    [date, entries],
    repr [date, entries],
    check no_check,
    {}
);

/// The findings of an itinerary check: a sequence of `Finding`, also a table.
#[pyclass(module = "medjourney", name = "Findings", frozen, sequence)]
pub struct PyFindings(Vec<Finding>);

#[pymethods]
impl PyFindings {
    fn __len__(&self) -> usize {
        self.0.len()
    }

    fn __getitem__(&self, index: isize) -> PyResult<PyFinding> {
        let n = self.0.len() as isize;
        let i = if index < 0 { index + n } else { index };
        usize::try_from(i)
            .ok()
            .and_then(|i| self.0.get(i))
            .cloned()
            .map(PyFinding)
            .ok_or_else(|| pyo3::exceptions::PyIndexError::new_err("finding index out of range"))
    }

    /// The findings as a list of dicts.
    fn to_dicts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        rows_to_dicts(py, &self.0)
    }

    /// The findings as a pandas DataFrame (needs pandas).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        table_call(self.to_dicts(py)?, "to_pandas", "")
    }

    /// The documented JSON shape: a list of finding dicts.
    fn to_json(&self) -> PyResult<String> {
        crate::convert::to_json(&self.0, "findings")
    }

    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        table_call(self.to_dicts(py)?, "html", "Itinerary findings")?.extract()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let items = self
            .0
            .iter()
            .map(|f| Ok(Bound::new(py, PyFinding(f.clone()))?.repr()?.to_string()))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(format!("Findings([{}])", items.join(", ")))
    }
}

/// The UTC instant of a local wall-clock time in an IANA zone (the earlier of two in a
/// repeated hour; a skipped hour is an error).
#[pyfunction]
fn local_instant(local: NaiveDateTime, zone: &str) -> PyResult<chrono::DateTime<chrono::Utc>> {
    medjourney::itinerary::local_instant(local, zone).py()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyItem>()?;
    m.add_class::<PyItinerary>()?;
    m.add_class::<PyItineraryRules>()?;
    m.add_class::<PyFinding>()?;
    m.add_class::<PyFindings>()?;
    m.add_class::<PySummaryEntry>()?;
    m.add_class::<PyDaySummary>()?;
    m.add_function(wrap_pyfunction!(local_instant, m)?)?;
    Ok(())
}
