//! `rank` over any small catalog, request and options (both methods, both
//! normalizations): ranks in order, scores finite on [0, 1], exclusions accounted for,
//! the picture parses.
#![no_main]
use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use medjourney::matching::Normalization;
use medjourney::{rank, samples, Catalog, Method, RankOptions, Request};
use medjourney_fuzz::{
    amount, any, decode, instant, ok_or_coded, ranking, small_vec, text, CURRENCIES,
};
use serde_json::{json, Value};

fn float(u: &mut Unstructured) -> arbitrary::Result<f64> {
    Ok(match u.int_in_range(0..=5u8)? {
        0 => f64::from_bits(any(u)?),
        1 => *u.choose(&[
            0.0,
            -0.0,
            1e-309,
            5e-324,
            1e308,
            f64::MAX,
            f64::MIN_POSITIVE,
            1e-9,
        ])?,
        _ => f64::from(u.int_in_range(0..=500u16)?) / 4.0,
    })
}

fn price(u: &mut Unstructured) -> arbitrary::Result<Value> {
    Ok(json!({"amount": amount(u)?.to_string(), "currency": u.choose(CURRENCIES)?}))
}

fn provider(u: &mut Unstructured, i: usize) -> arbitrary::Result<Value> {
    let mut p = json!({
        "id": format!("p{i}"),
        "name": text(u)?,
        "country": u.choose(&["TR", "TH", "IN", "GB", "XX", "tr"])?,
        "languages": small_vec(u, 3, |u| Ok(*u.choose(&["en", "tr", "de", "ar"])?))?,
        "amenities": small_vec(u, 3, |u| Ok(*u.choose(&["interpreter", "halal_food", "wheelchair_access"])?))?,
        "procedures": small_vec(u, 2, |u| {
            let mut o = json!({"code": u.choose(&["knee_replacement", "hip_replacement"])?});
            if any(u)? { o["price"] = price(u)?; }
            if any(u)? { o["priceMax"] = price(u)?; }
            if any(u)? { o["medianWaitDays"] = json!(u.int_in_range(0..=400u32)?); }
            if any(u)? {
                let cases = u.int_in_range(0..=5000u32)?;
                o["success"] = json!({"cases": cases, "count": u.int_in_range(0..=cases)?});
            }
            if any(u)? { o["complications"] = json!({"cases": u.int_in_range(0..=5000u32)?, "rate": float(u)?}); }
            Ok(o)
        })?,
    });
    if any(u)? {
        p["airportDistanceKm"] = json!(float(u)?);
    }
    if any(u)? {
        p["reviews"] = json!({"stars": small_vec(u, 5, |u| Ok(u.int_in_range(0..=1000u32)?))?});
    }
    if any(u)? {
        let issued = instant(u)?.date_naive().to_string();
        let expires = instant(u)?.date_naive().to_string();
        p["accreditations"] = json!([{"body": "jci", "issued": issued, "expires": expires}]);
    }
    Ok(p)
}

fuzz_target!(|data: &[u8]| {
    let Some((catalog, request, options)) = decode(data, |u| {
        let mut i = 0;
        let providers = small_vec(u, 12, |u| {
            i += 1;
            provider(u, i)
        })?;
        let mut request = samples::request().unwrap();
        request.travel_date = instant(u)?.date_naive();
        if any(u)? {
            request.budget = Some(serde_json::from_value(price(u)?).unwrap());
        }
        if any(u)? {
            request.currency = Some(medjourney_fuzz::currency(u)?);
        }
        request.procedure = u
            .choose(&["knee_replacement", "hip_replacement"])?
            .to_string();
        let mut w = request.weights.to_array();
        for x in &mut w {
            if any(u)? {
                *x = float(u)?;
            }
        }
        request.weights = medjourney::matching::Weights::from_array(w);
        let options = RankOptions {
            method: if any(u)? {
                Method::Topsis
            } else {
                Method::WeightedSum
            },
            normalization: if any(u)? {
                Normalization::Vector
            } else {
                Normalization::MinMax
            },
            top_k: if any(u)? {
                None
            } else {
                Some(u.int_in_range(0..=20)?)
            },
            prior_reviews: if any(u)? { float(u)? } else { 50.0 },
            prior_cases: if any(u)? { float(u)? } else { 2.0 },
            ..samples::rank_options().unwrap()
        };
        Ok((
            json!({"providers": providers}).to_string(),
            request,
            options,
        ))
    }) else {
        return;
    };
    let Some(catalog) = ok_or_coded(Catalog::from_json(&catalog)) else {
        return;
    };
    let request: Request = request;
    if let Some(r) = ok_or_coded(rank(&catalog, &request, &options)) {
        ranking(&r, catalog.len());
    }
});
