//! `PaymentPlan::schedule` with any total, deposit, count, interval and start: payments
//! add up exactly, in date order, inside years 1-9999; limits are coded errors.
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::cost::Deposit;
use medjourney::{Interval, Money, PaymentPlan};
use medjourney_fuzz::{any, decimal, decode, instant, money, ok_or_coded, schedule};

fuzz_target!(|data: &[u8]| {
    let Some(plan) = decode(data, |u| {
        let total = money(u)?;
        let deposit = match u.int_in_range(0..=2u8)? {
            0 => None,
            1 => Some(Deposit::Percent(decimal(u)?)),
            _ => Some(Deposit::Fixed(Money::new(
                decimal(u)?,
                if any(u)? {
                    total.currency()
                } else {
                    medjourney_fuzz::currency(u)?
                },
            ))),
        };
        let installments = if any(u)? {
            u.int_in_range(0..=40)?
        } else {
            any(u)?
        };
        let interval = if any(u)? {
            Interval::Days(if any(u)? {
                u.int_in_range(0..=60)?
            } else {
                any(u)?
            })
        } else {
            Interval::Months(if any(u)? {
                u.int_in_range(0..=24)?
            } else {
                any(u)?
            })
        };
        Ok(PaymentPlan::new(
            total,
            deposit,
            installments,
            interval,
            instant(u)?.date_naive(),
        ))
    }) else {
        return;
    };
    if let Some(s) = ok_or_coded(plan.schedule()) {
        schedule(&plan, &s);
        let json = serde_json::to_string(&s).unwrap();
        let back: medjourney::Schedule = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s, "schedule JSON round trip");
    }
});
