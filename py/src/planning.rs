//! The trip planner, telehealth times and deposit refunds; remedies ride on `Finding`.

use chrono::NaiveDate;
use medjourney::cost::{Refund, RefundStep, RefundWindow};
use medjourney::itinerary::{ItemStatus, Remedy, RemedyAction};
use medjourney::planning::{
    DayOfWeek, KeyDates, Patient, Plan, PlanNote, PlanNoteCode, PlanRequest, Preferences, Reason,
    TelehealthOptions, TelehealthSlot, WorkingHours,
};
use medjourney::DepositTerms;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{extract_or_parse, from_py, options, Instant, Text, ToPy};
use crate::cost::PyDepositTerms;
use crate::errors::IntoPy;
use crate::money::PyMoney;

to_py_as_str!(DayOfWeek, PlanNoteCode, ItemStatus);

impl ToPy for RemedyAction {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        tagged_match!(py, self, "kind", {
            RemedyAction::FlyOnOrAfter { item, date },
            RemedyAction::ApplyForVisa { item, person, country, opens, by, arrive_on_or_after },
            RemedyAction::BookNights { country, nights },
            RemedyAction::ConnectAfter { item, minutes, depart_at_or_after },
            RemedyAction::StartAtOrAfter { item, at },
            RemedyAction::RenewPassport { person, valid_until },
            RemedyAction::LeaveBy { item, date },
            RemedyAction::AddPostOpCheck { after, before },
            RemedyAction::AddFollowUp { after },
        })
    }
}

record!(
    /// How to fix a finding: the change in words (`text`) and as data (`action`).
    PyRemedy, Remedy, "Remedy",
    [text, action],
    repr [text]
);

#[pymethods]
impl PyRemedy {
    /// The kind of change: "fly_on_or_after", "apply_for_visa", "book_nights", …
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.action.kind()
    }
}

record!(
    /// Daily hours on a local clock (`start` before `end`); 09:00–17:00 by default.
    PyWorkingHours, WorkingHours, "WorkingHours",
    [start, end],
    repr [start, end]
);

record!(
    /// The patient's facts a plan depends on: home, zone, passport, currency, needs.
    PyPatient, Patient, "Patient",
    [id, home_city, home_country, time_zone, home_airport, nationality, passport_expires,
     currency, needs, companions, call_hours, call_days],
    repr [id, home_country, time_zone]
);

record!(
    /// What the patient would like: leisure days and a nightly budget.
    PyPreferences, Preferences, "Preferences",
    [leisure_days, nightly_budget],
    repr [leisure_days, nightly_budget]
);

record!(
    /// Everything the planner needs: the patient, a catalog and the chosen provider, the
    /// procedure, the dates and what is known of prices.
    PyPlanRequest, PlanRequest, "PlanRequest",
    [as_of, patient, catalog, provider_id, procedure, earliest_departure, latest_return,
     preferences, flight_hours, quote, travel, fx, clinic_hours, coordinator, rules, guides],
    repr [provider_id, procedure, earliest_departure]
);

record!(
    /// The dates that shape a planned trip.
    PyKeyDates, KeyDates, "KeyDates",
    [records_sent, records_by, consultation, visa_opens, visa_apply, visa_apply_by,
     deposit_due, balance_due, depart, arrive, pre_op, procedure, discharge, fit_to_fly,
     advised_return, fly_home, home],
    repr [depart, procedure, fly_home]
);

record!(
    /// Why an item of the plan is on its day.
    PyReason, Reason, "Reason",
    [item_id, date, text, deadline],
    repr [item_id, date]
);

record!(
    /// A point the coordinator should act on or confirm.
    PyPlanNote, PlanNote, "PlanNote",
    [code, message],
    repr [code]
);

record!(
    /// A proposed trip: its itinerary, cost, payments, refund dates and the reason for
    /// every date.
    PyPlan, Plan, "Plan",
    [itinerary, estimate, payment_plan, payments, refunds, key_dates, reasons, assumptions,
     notes, findings],
    repr [key_dates]
);

record!(
    /// One call both parties can take: instants in UTC and on each party's clock.
    PyTelehealthSlot, TelehealthSlot, "TelehealthSlot",
    [start, end, start_a, end_a, start_b, end_b],
    repr [start, end]
);

record!(
    /// How much of a deposit comes back until `days_before` the procedure.
    PyRefundWindow, RefundWindow, "RefundWindow",
    [days_before, percent],
    repr [days_before, percent]
);

record!(
    /// The refund of a deposit on a cancellation day: amount, what is kept, and why.
    PyRefund, Refund, "Refund",
    [cancelled_on, days_before, percent, amount, retained, window, changes_on],
    repr [cancelled_on, percent, amount]
);

record!(
    /// A stretch of days in which a cancellation gets the same refund.
    PyRefundStep, RefundStep, "RefundStep",
    [from as from_, until, percent, amount],
    repr [percent, amount]
);

/// A whole proposed trip for a `PlanRequest` (or its dict): itinerary, estimate, payment
/// plan, refund dates and reasons.
#[pyfunction]
fn plan_trip(py: Python<'_>, request: &Bound<'_, PyAny>) -> PyResult<PyPlan> {
    let request = extract_or_parse::<PlanRequest, PyPlanRequest>(request, "plan request")?;
    py.detach(|| medjourney::plan_trip(&request))
        .py()
        .map(PyPlan)
}

/// The calls of `minutes` between `start` and `end` inside both parties' working hours and
/// days. Options as keywords: `hours_a`, `hours_b`, `days_a`, `days_b`, `country_a`,
/// `country_b`, `step_minutes`, `limit`.
#[pyfunction]
#[pyo3(signature = (zone_a, zone_b, start, end, minutes, **options))]
fn telehealth_slots(
    py: Python<'_>,
    zone_a: Text,
    zone_b: Text,
    start: Instant,
    end: Instant,
    minutes: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Vec<PyTelehealthSlot>> {
    let minutes: u32 = from_py(minutes, "minutes")?;
    let options: TelehealthOptions = self::options(options)?;
    let slots = py
        .detach(|| {
            medjourney::telehealth_slots(&zone_a, &zone_b, start.0, end.0, minutes, &options)
        })
        .py()?;
    Ok(slots.into_iter().map(PyTelehealthSlot).collect())
}

/// The exact refund of `paid` under `terms` (a `DepositTerms` or its dict) when a procedure
/// planned for `procedure_date` is cancelled on `cancelled_on`.
#[pyfunction]
fn refund_due(
    terms: &Bound<'_, PyAny>,
    paid: PyMoney,
    procedure_date: NaiveDate,
    cancelled_on: NaiveDate,
) -> PyResult<PyRefund> {
    let terms = extract_or_parse::<DepositTerms, PyDepositTerms>(terms, "deposit terms")?;
    medjourney::refund_due(&terms, &paid.0, procedure_date, cancelled_on)
        .py()
        .map(PyRefund)
}

crate::export!(fn plan_trip, telehealth_slots, refund_due);
