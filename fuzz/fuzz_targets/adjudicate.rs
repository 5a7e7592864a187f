//! `estimate_trip` and `adjudicate` with any quote, travel lines and policy terms: the
//! estimate's lines add up, and the insurer's and patient's shares add up to every line
//! and to the total.
#![no_main]
use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use medjourney::cost::{CategoryAmount, YearToDate};
use medjourney::{
    adjudicate, estimate_trip, samples, Category, ConvertOptions, InsurancePolicy, Money,
};
use medjourney_fuzz::{
    adjudication, amount, any, decimal, decode, estimate, line_item, ok_or_coded, quote, small_vec,
};

fn some_money(u: &mut Unstructured, cur: medjourney::Currency) -> arbitrary::Result<Option<Money>> {
    Ok(if any(u)? {
        Some(Money::new(amount(u)?, cur))
    } else {
        None
    })
}

fn categories(u: &mut Unstructured) -> arbitrary::Result<Vec<Category>> {
    small_vec(u, 6, |u| Ok(*u.choose(&Category::ALL[..])?))
}

fn per_category(
    u: &mut Unstructured,
    cur: medjourney::Currency,
) -> arbitrary::Result<Vec<CategoryAmount>> {
    small_vec(u, 3, |u| {
        Ok(CategoryAmount {
            category: *u.choose(&Category::ALL[..])?,
            amount: Money::new(amount(u)?, cur),
        })
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((q, travel, policy)) = decode(data, |u| {
        let q = quote(u, 1)?;
        let travel_cur = medjourney_fuzz::currency(u)?;
        let travel = small_vec(u, 4, |u| line_item(u, travel_cur))?;
        let cur = "GBP".parse().unwrap();
        let policy = InsurancePolicy {
            id: "p".into(),
            name: String::new(),
            currency: cur,
            deductible: Money::new(amount(u)?, cur),
            coinsurance_percent: if any(u)? {
                decimal(u)?
            } else {
                rust_decimal_percent(u)?
            },
            out_of_pocket_max: some_money(u, cur)?,
            annual_limit: some_money(u, cur)?,
            covered_categories: categories(u)?,
            excluded_categories: categories(u)?,
            covers_treatment_abroad: any(u)?,
            pre_authorization_required: any(u)?,
            excess_per_claim: some_money(u, cur)?,
            copays: per_category(u, cur)?,
            sub_limits: per_category(u, cur)?,
            year_to_date: if any(u)? {
                Some(YearToDate {
                    deductible_met: some_money(u, cur)?,
                    out_of_pocket_spent: some_money(u, cur)?,
                    annual_limit_used: some_money(u, cur)?,
                    sub_limits_used: per_category(u, cur)?,
                })
            } else {
                None
            },
        };
        Ok((q, travel, policy))
    }) else {
        return;
    };
    let fx = samples::fx().unwrap();
    let Some(e) = ok_or_coded(estimate_trip(
        &q,
        &travel,
        &fx,
        policy.currency,
        &ConvertOptions::default(),
    )) else {
        return;
    };
    estimate(&e);
    let Some(a) = ok_or_coded(adjudicate(&e, &policy)) else {
        return;
    };
    adjudication(&a);
    let mut next = policy.clone();
    next.year_to_date = Some(a.year_to_date.clone());
    if let Some(b) = ok_or_coded(adjudicate(&e, &next)) {
        adjudication(&b);
    }
});

/// A percent from 0 to 100 with up to two decimals.
fn rust_decimal_percent(u: &mut Unstructured) -> arbitrary::Result<medjourney::Decimal> {
    Ok(medjourney::Decimal::new(
        i64::from(u.int_in_range(0..=10_000u32)?),
        2,
    ))
}
