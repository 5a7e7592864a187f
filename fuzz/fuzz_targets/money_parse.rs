//! Money and currency text: `Money::parse`, `Money::from_json`, currency codes, amounts.
//! What parses prints back to the same value; what does not is a coded error.
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::money::parse_amount;
use medjourney::{Currency, Money};
use medjourney_fuzz::ok_or_coded;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(m) = ok_or_coded(Money::parse(text)) {
        assert_eq!(
            Money::parse(&m.to_string()).unwrap(),
            m,
            "display round trip"
        );
        assert_eq!(
            Money::from_json(&m.to_json()).unwrap(),
            m,
            "JSON round trip"
        );
        assert_eq!(m.add(&m.neg()).unwrap().amount(), medjourney::Decimal::ZERO);
        if let Some(r) = ok_or_coded(m.round(medjourney::RoundingMode::HalfEven)) {
            assert!(r.is_rounded());
        }
    }
    if let Some(m) = ok_or_coded(Money::from_json(text)) {
        assert_eq!(Money::from_json(&m.to_json()).unwrap(), m);
    }
    if let Some(c) = ok_or_coded(text.parse::<Currency>()) {
        assert_eq!(c.code().parse::<Currency>().unwrap(), c);
    }
    if let Some(d) = ok_or_coded(parse_amount(text, "amount")) {
        assert_eq!(parse_amount(&d.to_string(), "amount").unwrap(), d);
    }
});
