//! Trip-planner requests from JSON: a plan or a coded refusal; every plan passes its own
//! checks, explains every item, flies home no earlier than fit to fly, and its money and
//! itinerary hold the same invariants as anywhere else.
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::{plan_trip, samples, PlanRequest, Severity};
use medjourney_fuzz::{coded, estimate, itinerary, ok_or_coded, schedule};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let request = match PlanRequest::from_json(text) {
        Ok(r) => r,
        Err(e) => return coded(&e),
    };
    let Some(plan) = ok_or_coded(plan_trip(&request)) else {
        return;
    };
    let rules = match &request.rules {
        Some(r) => r.clone(),
        None => samples::itinerary_rules(),
    };
    let findings = plan.itinerary.check(&rules).unwrap();
    assert!(
        findings.iter().all(|f| f.severity != Severity::Error),
        "a plan passes its own checks: {findings:?}"
    );
    assert_eq!(
        plan.reasons.len(),
        plan.itinerary.items.len(),
        "a reason per item"
    );
    assert!(
        plan.key_dates.fly_home >= plan.key_dates.fit_to_fly,
        "home after fit to fly"
    );
    itinerary(&plan.itinerary, &rules);
    estimate(&plan.estimate);
    schedule(&plan.payment_plan, &plan.payments);
});
