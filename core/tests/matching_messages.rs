//! Exclusion reasons read as sentences that name the values at fault.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use medjourney::{rank, samples};

#[test]
fn every_sample_exclusion_reason_has_a_message_naming_its_values() {
    let ranking = rank(
        &samples::catalog().unwrap(),
        &samples::request().unwrap(),
        &samples::rank_options().unwrap(),
    )
    .unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for x in &ranking.excluded {
        for r in &x.reasons {
            let msg = r.message();
            assert!(!msg.is_empty(), "{r:?}");
            seen.insert(r.code());
            match r {
                medjourney::matching::ExclusionReason::OverBudget { price, budget } => {
                    assert!(
                        msg.contains(&price.to_string()) && msg.contains(&budget.to_string()),
                        "{msg}"
                    );
                }
                medjourney::matching::ExclusionReason::WaitTooLong { wait_days, .. } => {
                    assert!(msg.contains(&wait_days.to_string()), "{msg}");
                }
                _ => {}
            }
        }
    }
    assert!(seen.len() >= 6, "sample covers most reasons: {seen:?}");
}
