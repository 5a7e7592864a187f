//! Insurance policies from JSON, adjudicating the sample estimate: shares add up.
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::{adjudicate, samples, InsurancePolicy};
use medjourney_fuzz::{adjudication, ok_or_coded};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(policy) = ok_or_coded(InsurancePolicy::from_json(text)) else {
        return;
    };
    let back: InsurancePolicy =
        serde_json::from_str(&serde_json::to_string(&policy).unwrap()).unwrap();
    assert_eq!(back, policy, "policy JSON round trip");
    if let Some(a) = ok_or_coded(adjudicate(&samples::estimate().unwrap(), &policy)) {
        adjudication(&a);
        // The year to date it returns feeds the next claim of the same year.
        let mut next = policy.clone();
        next.year_to_date = Some(a.year_to_date.clone());
        if let Some(b) = ok_or_coded(adjudicate(&samples::estimate().unwrap(), &next)) {
            adjudication(&b);
        }
    }
});
