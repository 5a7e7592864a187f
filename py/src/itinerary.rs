//! Itineraries: items in their own time zones, logistics checks, iCalendar, day-by-day plan.

use medjourney::itinerary::{
    AppointmentType, Assistance, Companion, Contact, DaySummary, Details, DocumentKind, EntryPart,
    FitToFlyRule, Item, ItemType, Person, SummaryEntry, Traveller, ValidFrom, VisaRule,
};
use medjourney::{Finding, FindingCode, Itinerary, ItineraryRules, Severity};
use pyo3::prelude::*;

use crate::convert::{extract_or_parse, LocalTime, Text, ToPy};
use crate::errors::IntoPy;

to_py_as_str!(
    ItemType,
    AppointmentType,
    EntryPart,
    FindingCode,
    Severity,
    Assistance,
    DocumentKind,
    Person,
    ValidFrom,
);

impl ToPy for Details {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        tagged_match!(py, self, "type", {
            Details::Flight {
                carrier, flight_number, from, to, from_country, to_country, assistance, booking_ref
            },
            Details::GroundTransfer { from, to, medical_escort },
            Details::Stay { address, accessible_room, kitchenette, distance_to_clinic_km },
            Details::Appointment { appointment_type, provider_id, procedure, procedure_category },
            Details::Leisure {},
            Details::DocumentTask { task, country, person },
        })
    }
}

record!(
    /// Who travels: home, nationality, passport and companion.
    PyTraveller, Traveller, "Traveller",
    [patient_id, home_country, nationality, home_airport, home_time_zone, passport_expires,
     procedure_category, companion],
    repr [patient_id, home_country, nationality]
);

record!(
    /// The person travelling with the patient.
    PyCompanion, Companion, "Companion",
    [relation, nationality, passport_expires],
    repr [relation, nationality]
);

record!(
    /// Someone to call: name, role, phone and email.
    PyContact, Contact, "Contact",
    [name, role, phone, email],
    repr [name, role]
);

record!(
    /// How many days after a procedure category flying is allowed, and by whose advice.
    PyFitToFlyRule, FitToFlyRule, "FitToFlyRule",
    [category, procedure, min_days, advised_days, source, note],
    repr [category, min_days, advised_days]
);

record!(
    /// The visa and passport rule for a nationality travelling to a destination.
    PyVisaRule, VisaRule, "VisaRule",
    [nationality, destination, visa_required, visa_type, apply_min_days_before,
     apply_max_days_before, max_stay_days, passport_valid_months, passport_valid_days,
     passport_valid_from, documents, source],
    repr [nationality, destination, visa_required, visa_type]
);

record!(
    /// One thing on the trip (flight, transfer, stay, appointment…), in its own time zone.
    PyItem, Item, "Item",
    [id, title, start, end, zone, end_zone, location, contact, notes, companion_only, status],
    repr [id, title, start, end, zone]
);

#[pymethods]
impl PyItem {
    /// The item's type: "flight", "ground_transfer", "stay", "appointment", …
    #[getter]
    fn item_type(&self) -> &'static str {
        self.0.item_type().as_str()
    }

    /// The type-specific fields as a dict: `type`, then each field (snake_case) typed.
    #[getter]
    fn details<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.details.to_py(py)
    }
}

record!(
    /// The trip door to door, every instant in UTC next to its IANA zone.
    PyItinerary, Itinerary, "Itinerary",
    [id, title, updated_at, traveller, coordinator, items],
    repr [id, title, updated_at],
    check Itinerary::validate
);

#[pymethods]
impl PyItinerary {
    /// Runs every logistics check (default rules ship the fit-to-fly and visa tables).
    #[pyo3(signature = (rules = None))]
    fn check(&self, py: Python<'_>, rules: Option<&Bound<'_, PyAny>>) -> PyResult<PyFindings> {
        let rules = rules_arg(rules)?;
        let it = &self.0;
        let findings = py.detach(|| it.check(&rules)).py()?;
        Ok(PyFindings {
            findings,
            itinerary: self.0.clone(),
            rules,
        })
    }

    /// The trip as RFC 5545 iCalendar text.
    fn to_ics(&self) -> PyResult<String> {
        self.0.to_ics().py()
    }

    /// The patient's plan day by day, in local times.
    fn day_by_day(&self) -> PyResult<Vec<PyDaySummary>> {
        Ok(self
            .0
            .day_by_day()
            .py()?
            .into_iter()
            .map(PyDaySummary)
            .collect())
    }

    /// The day-by-day plan as plain text.
    fn summary_text(&self) -> PyResult<String> {
        medjourney::itinerary::summary_text(&self.0).py()
    }
}

/// The rules an itinerary method was given: `ItineraryRules` or its dict; `None` (or left
/// out) is the core's default.
pub(crate) fn rules_arg(rules: Option<&Bound<'_, PyAny>>) -> PyResult<ItineraryRules> {
    match rules {
        Some(r) if !r.is_none() => {
            extract_or_parse::<ItineraryRules, PyItineraryRules>(r, "itinerary rules")
        }
        _ => Ok(ItineraryRules::default()),
    }
}

record!(
    /// The thresholds and tables the checks use; `ItineraryRules()` is the shipped default.
    PyItineraryRules, ItineraryRules, "ItineraryRules",
    [min_connection_domestic_minutes, min_connection_international_minutes,
     connection_window_minutes, min_landing_to_appointment_minutes,
     max_post_op_stay_distance_km, fit_to_fly, visas, fit_to_fly_overrides, visa_overrides],
    repr [min_connection_domestic_minutes, min_connection_international_minutes,
          min_landing_to_appointment_minutes, max_post_op_stay_distance_km],
    check ItineraryRules::validate
);

#[pymethods]
impl PyItineraryRules {
    /// The shipped defaults: connection times and the fit-to-fly and visa tables.
    #[new]
    fn new() -> Self {
        PyItineraryRules(ItineraryRules::default())
    }

    /// Replaces the fit-to-fly rule of a procedure category (a `FitToFlyRule` or its dict).
    fn override_fit_to_fly(&mut self, rule: &Bound<'_, PyAny>) -> PyResult<()> {
        let rule = extract_or_parse::<FitToFlyRule, PyFitToFlyRule>(rule, "fit-to-fly rule")?;
        self.0.override_fit_to_fly(rule);
        self.0.validate().py()
    }

    /// Replaces the visa rule of a nationality and destination (a `VisaRule` or its dict).
    fn override_visa(&mut self, rule: &Bound<'_, PyAny>) -> PyResult<()> {
        let rule = extract_or_parse::<VisaRule, PyVisaRule>(rule, "visa rule")?;
        self.0.override_visa(rule);
        self.0.validate().py()
    }
}

record!(
    /// Something that would break the trip: code, severity, message, the items involved,
    /// and the remedy when there is a clear one.
    PyFinding, Finding, "Finding",
    [code, severity, message, items, remedy],
    repr [code, severity, items]
);

record!(
    /// One item (or its start or end) on a day of the plan, in local time.
    PySummaryEntry, SummaryEntry, "SummaryEntry",
    [item_id, title, item_type, appointment_type, part, start_local, zone, end_local, end_zone,
     location, contact],
    repr [item_id, part, start_local, zone]
);

record!(
    /// One day of the plan.
    PyDaySummary, DaySummary, "DaySummary",
    [date, entries],
    repr [date, entries]
);

/// The findings of an itinerary check: a sequence of `Finding`, also a table. It keeps the
/// itinerary and rules it came from, so its display draws them on the timeline.
#[pyclass(module = "medjourney", name = "Findings", frozen, sequence)]
pub struct PyFindings {
    pub(crate) findings: Vec<Finding>,
    pub(crate) itinerary: Itinerary,
    pub(crate) rules: ItineraryRules,
}

crate::export!(class PyFindings);
table!(PyFindings, |s| s.findings);

#[pymethods]
impl PyFindings {
    fn __len__(&self) -> usize {
        self.findings.len()
    }

    fn __getitem__(&self, index: &Bound<'_, PyAny>) -> PyResult<PyFinding> {
        let out_of_range = || pyo3::exceptions::PyIndexError::new_err("finding index out of range");
        // An int too large for an index is out of range too (the sequence protocol's
        // IndexError, as for a list), not an OverflowError.
        let index = match index.extract::<isize>() {
            Ok(i) => i,
            Err(e) if e.is_instance_of::<pyo3::exceptions::PyOverflowError>(index.py()) => {
                return Err(out_of_range())
            }
            Err(e) => return Err(e),
        };
        let i = if index < 0 {
            index.checked_add(self.findings.len() as isize)
        } else {
            Some(index)
        };
        i.and_then(|i| usize::try_from(i).ok())
            .and_then(|i| self.findings.get(i))
            .cloned()
            .map(PyFinding)
            .ok_or_else(out_of_range)
    }

    /// The documented JSON shape: a list of finding dicts.
    fn to_json(&self) -> PyResult<String> {
        crate::convert::to_json(&self.findings, "findings")
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let items = self
            .findings
            .iter()
            .map(|f| Ok(Bound::new(py, PyFinding(f.clone()))?.repr()?.to_string()))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(format!("Findings([{}])", items.join(", ")))
    }
}

/// The UTC instant of a local wall-clock time in an IANA zone (the earlier of two in a
/// repeated hour; a skipped hour is an error).
#[pyfunction]
fn local_instant<'py>(
    py: Python<'py>,
    local: LocalTime,
    zone: Text,
) -> PyResult<Bound<'py, PyAny>> {
    // Through ToPy: a local time in year 1 or 9999 can land outside Python's years in UTC.
    medjourney::itinerary::local_instant(local.0, &zone)
        .py()?
        .to_py(py)
}

crate::export!(fn local_instant);
