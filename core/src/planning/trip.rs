//! [`plan_trip`]: from a patient, a clinic, a procedure and a date to a whole checked plan.

use std::collections::HashMap;

use chrono::NaiveTime;

use super::build::build;
use super::context::Ctx;
use super::costing::cost;
use super::plan::{KeyDates, Plan};
use super::request::PlanRequest;
use super::timeline::Timeline;
use crate::error::{Error, Result};
use crate::itinerary::{check, Finding, Itinerary, Severity, Traveller};

/// Plans the trip of `request`: the itinerary door to door with a reason for every date,
/// the estimate in the patient's currency, the payment plan, the refund stretches, the key
/// dates, the assumptions and the points to act on.
///
/// The plan passes its own check: [`crate::check`] with the request's rules finds no
/// error in it (for the patient and every companion), or there is no plan.
///
/// Errors: `invalid_input` for a malformed or inconsistent request (unknown provider, a
/// procedure it does not offer, a provider without a time zone or airport, dates out of
/// range), `unknown_time_zone`, `unknown_procedure` (no guide), `invalid_quote`,
/// `no_rate` and the other estimate errors, `overflow` for dates past the calendar's end,
/// and `no_feasible_plan` when no trip meets the fit-to-fly rule, the visa limits and the
/// latest return together.
pub fn plan_trip(request: &PlanRequest) -> Result<Plan> {
    let ctx = Ctx::new(request)?;
    let timeline = Timeline::new(&ctx)?;
    let mut draft = build(&ctx, &timeline)?;
    let costs = cost(&ctx, &timeline, draft.hotel_nights)?;

    // Items in time order, and the reasons in the same order.
    crate::order::sort_by(&mut draft.items, |a, b| {
        (a.start, a.end, &a.id).cmp(&(b.start, b.end, &b.id))
    });
    let position: HashMap<&str, usize> = draft
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.id.as_str(), i))
        .collect();
    let mut reasons = draft.reasons;
    crate::order::sort_by_key(&mut reasons, |r| {
        position
            .get(r.item_id.as_str())
            .copied()
            .unwrap_or(usize::MAX)
    });

    let patient = &request.patient;
    let itinerary = Itinerary {
        id: format!(
            "plan-{}-{}-{}",
            patient.id, ctx.provider.id, timeline.procedure
        ),
        title: format!(
            "{}: {} at {}, {}",
            patient.id,
            ctx.guide.plain_name.to_lowercase(),
            ctx.provider.name,
            timeline.procedure
        ),
        updated_at: request.as_of.and_time(NaiveTime::MIN).and_utc(),
        traveller: Traveller {
            patient_id: patient.id.clone(),
            home_country: patient.home_country.clone(),
            nationality: patient.nationality.clone(),
            home_airport: Some(patient.home_airport.clone()),
            home_time_zone: Some(patient.time_zone.clone()),
            passport_expires: patient.passport_expires,
            procedure_category: Some(ctx.guide.fit_to_fly_category.clone()),
            companion: patient.companions.first().cloned(),
        },
        coordinator: request.coordinator.clone(),
        items: draft.items,
    };
    itinerary.validate()?;
    let findings = check(&itinerary, &ctx.rules)?;
    refuse_errors(&findings)?;
    // `check` looks at one companion; the others travel on the same items.
    for c in patient.companions.iter().skip(1) {
        let mut other = itinerary.clone();
        other.traveller.companion = Some(c.clone());
        refuse_errors(&check(&other, &ctx.rules)?)?;
    }

    let key_dates = KeyDates {
        records_sent: request.as_of,
        records_by: timeline.records_by,
        consultation: timeline
            .consultation
            .start
            .with_timezone(&ctx.tz_home)
            .date_naive(),
        visa_opens: timeline.visas.iter().filter_map(|v| v.opens).max(),
        visa_apply: timeline.visas.iter().map(|v| v.apply).min(),
        visa_apply_by: timeline.visas.iter().filter_map(|v| v.by).min(),
        deposit_due: timeline.deposit_due,
        balance_due: costs.balance_due,
        depart: timeline.depart,
        arrive: timeline.arrive,
        pre_op: timeline.pre_op,
        procedure: timeline.procedure,
        discharge: timeline.discharge,
        fit_to_fly: super::timeline::shift(timeline.procedure, i64::from(ctx.fit_min))?,
        advised_return: super::timeline::shift(timeline.procedure, i64::from(ctx.advised))?,
        fly_home: timeline.fly_home,
        home: timeline.home,
    };
    let mut notes = timeline.notes;
    notes.extend(draft.notes);
    notes.extend(costs.notes);
    let mut assumptions = draft.assumptions;
    assumptions.extend(costs.assumptions);
    Ok(Plan {
        itinerary,
        estimate: costs.estimate,
        payment_plan: costs.payment_plan,
        payments: costs.payments,
        refunds: costs.refunds,
        key_dates,
        reasons,
        assumptions,
        notes,
        findings,
    })
}

/// A plan with an error finding is no plan: the error lists each with its fix.
fn refuse_errors(findings: &[Finding]) -> Result<()> {
    let errors: Vec<String> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| match &f.remedy {
            Some(r) => format!("{}: {} (fix: {})", f.code.as_str(), f.message, r.text),
            None => format!("{}: {}", f.code.as_str(), f.message),
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::NoFeasiblePlan {
            field: "itinerary".into(),
            reason: errors.join("; "),
        })
    }
}
