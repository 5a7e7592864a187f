//! Payment plans from JSON: the schedule adds up to the total exactly, dates in order
//! and inside years 1-9999.
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::PaymentPlan;
use medjourney_fuzz::{ok_or_coded, schedule};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(plan) = ok_or_coded(PaymentPlan::from_json(text)) else {
        return;
    };
    if let Some(s) = ok_or_coded(plan.schedule()) {
        schedule(&plan, &s);
    }
});
