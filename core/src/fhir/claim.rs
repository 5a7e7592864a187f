//! A quote or trip estimate as a `Claim` with `use = predetermination`: a proposed set of
//! services priced so the patient (or an insurer) can see what they would cost.
//!
//! - Required elements: `status` active, `type` institutional, `use` predetermination,
//!   `patient`, `created`, `provider` (the quoting provider's Organization), `priority`
//!   normal, and `insurance` (a self-pay Coverage: nobody has agreed to pay yet).
//! - One `item` per line, in order: `productOrService` is the cost category (text: the
//!   line's description); a quote's item has `quantity`, `unitPrice` and `net`
//!   (`quantity × unitPrice` rounded to the currency's minor units, as the quote's totals
//!   do); an estimate's item has `quantity` (the line item's), `net` in the patient's
//!   currency and the `original-amount` extension. Optional lines are items too, marked by the `line-inclusion` extension.
//! - `total` is what the patient pays the provider (quote) or for the whole trip (estimate).

use super::bundle::{Builder, Bundle, EntryRef};
use super::codes;
use super::datatypes::{
    date, instant, CodeableConcept, Coding, Element, Extension, FhirDecimal, Identifier, Money,
    Period, Quantity,
};
use super::entries;
use super::resources::{Claim, ClaimInsurance, ClaimItem, ClaimProcedure};
use super::FhirOptions;
use crate::cost::{Category, EstimateLine, Inclusion, LineItem, Quote, TripEstimate};
use crate::error::{Error, Result};
use crate::money::Rate;

fn product(category: Category, description: &str) -> CodeableConcept {
    CodeableConcept {
        coding: vec![Coding::new(codes::CS_CATEGORY, category.as_str())],
        text: (!description.is_empty()).then(|| description.to_string()),
    }
}

fn inclusion(i: Inclusion) -> Extension {
    Extension::coding(codes::EXT_INCLUSION, codes::CS_INCLUSION, i.as_str())
}

fn quote_item(sequence: u32, line: &LineItem) -> Result<ClaimItem> {
    let mut extension = vec![inclusion(line.inclusion)];
    for (url, value) in [
        (codes::EXT_BRAND, &line.brand),
        (codes::EXT_MODEL, &line.model),
        (codes::EXT_LINE_NOTE, &line.notes),
    ] {
        if let Some(v) = value {
            extension.push(Extension::string(url, v));
        }
    }
    Ok(ClaimItem {
        extension,
        sequence,
        product_or_service: product(line.category, &line.description),
        quantity: Some(Quantity::plain(FhirDecimal::from_decimal(line.quantity)?)),
        unit_price: Some(Money::from_money(&line.unit_price)?),
        net: Some(Money::from_money(&line.total()?)?),
    })
}

fn estimate_item(sequence: u32, line: &EstimateLine) -> Result<ClaimItem> {
    Ok(ClaimItem {
        extension: vec![
            inclusion(line.inclusion),
            Extension::coding(
                codes::EXT_LINE_SOURCE,
                codes::CS_LINE_SOURCE,
                line.source.as_str(),
            ),
            Extension::money(codes::EXT_ORIGINAL_AMOUNT, &line.original)?,
        ],
        sequence,
        product_or_service: product(line.category, &line.description),
        quantity: Some(Quantity::plain(FhirDecimal::from_decimal(line.quantity)?)),
        unit_price: None,
        net: Some(Money::from_money(&line.amount)?),
    })
}

fn rate(r: &Rate) -> Result<Extension> {
    let mut parts = vec![
        Extension::code("from", r.from.code()),
        Extension::code("to", r.to.code()),
        Extension::decimal("rate", FhirDecimal::from_decimal(r.rate)?),
        Extension::date_time("asOf", instant(r.as_of)),
    ];
    if !r.source.is_empty() {
        parts.push(Extension::string("source", &r.source));
    }
    Ok(Extension::complex(codes::EXT_EXCHANGE_RATE, parts))
}

fn sequence(i: usize, what: &str) -> Result<u32> {
    u32::try_from(i + 1).map_err(|_| Error::invalid(what, "more lines than a Claim numbers"))
}

/// The parts every predetermination Claim shares.
struct ClaimHead<'a> {
    key: String,
    patient_scope: String,
    provider_id: &'a str,
    created: Option<String>,
}

fn claim_bundle(
    head: ClaimHead<'_>,
    options: &FhirOptions,
    fill: impl FnOnce(&mut Claim) -> Result<()>,
) -> Result<Bundle> {
    let mut b = Builder::new(&head.key);
    let patient = entries::patient(&mut b, options.patient.as_deref(), &head.patient_scope)?;
    let provider = entries::provider(&mut b, head.provider_id)?;
    let coverage = entries::self_pay(&mut b, &patient)?;
    let r = EntryRef::new("Claim", &head.key);
    let created = options.created.map(instant).or(head.created);
    let mut claim = Claim {
        id: r.id(),
        status: "active".into(),
        type_: CodeableConcept::coded(Coding::with_display(
            codes::CLAIM_TYPE,
            "institutional",
            "Institutional",
        )),
        use_: "predetermination".into(),
        patient: patient.reference(),
        created_ext: created.is_none().then(Element::unknown),
        created,
        provider: provider.reference(),
        priority: CodeableConcept::coded(Coding::with_display(
            codes::PROCESS_PRIORITY,
            "normal",
            "Normal",
        )),
        insurance: vec![ClaimInsurance {
            sequence: 1,
            focal: true,
            coverage: coverage.reference(),
        }],
        ..Claim::default()
    };
    fill(&mut claim)?;
    b.push(&r, claim, "id")?;
    Ok(b.finish())
}

impl Quote {
    /// The quote as a FHIR R4 Bundle holding a predetermination `Claim` (see
    /// [`crate::fhir`]); `created` is the quote's `validFrom`.
    pub fn to_fhir(&self) -> Result<Bundle> {
        self.to_fhir_with(&FhirOptions::default())
    }

    /// The same, with the patient and creation time given.
    pub fn to_fhir_with(&self, options: &FhirOptions) -> Result<Bundle> {
        let totals = self.totals()?;
        let head = ClaimHead {
            key: format!("quote:{}", self.id),
            patient_scope: format!("quote:{}", self.id),
            provider_id: &self.provider_id,
            created: self.valid_from.map(date),
        };
        claim_bundle(head, options, |claim| {
            claim.identifier = vec![Identifier::new(codes::SID_QUOTE, &self.id)];
            if let Some(p) = &self.package_price {
                claim
                    .extension
                    .push(Extension::money(codes::EXT_PACKAGE_PRICE, p)?);
            }
            if totals.package_mismatch {
                claim
                    .extension
                    .push(Extension::boolean(codes::EXT_PACKAGE_MISMATCH, true));
            }
            if self.valid_from.is_some() || self.valid_until.is_some() {
                claim.extension.push(Extension::period(
                    codes::EXT_OFFER_VALIDITY,
                    Period {
                        start: self.valid_from.map(date),
                        end: self.valid_until.map(date),
                    },
                ));
            }
            if !self.procedure.is_empty() {
                claim.procedure = vec![ClaimProcedure {
                    sequence: 1,
                    procedure_codeable_concept: CodeableConcept::coded(Coding::new(
                        codes::CS_PROCEDURE,
                        &self.procedure,
                    )),
                }];
            }
            for (i, line) in self.items.iter().enumerate() {
                claim.item.push(quote_item(sequence(i, "items")?, line)?);
            }
            claim.total = Some(Money::from_money(&totals.total)?);
            Ok(())
        })
    }
}

impl TripEstimate {
    /// The estimate as a FHIR R4 Bundle holding a predetermination `Claim` in the
    /// patient's currency (see [`crate::fhir`]).
    pub fn to_fhir(&self) -> Result<Bundle> {
        self.to_fhir_with(&FhirOptions::default())
    }

    /// The same, with the patient and creation time given.
    pub fn to_fhir_with(&self, options: &FhirOptions) -> Result<Bundle> {
        // An estimate has no id of its own: its key is its content, so the same estimate
        // always gets the same fullUrls and a different one never shares them.
        let content = serde_json::to_string(self).map_err(|e| Error::json("estimate", &e))?;
        let head = ClaimHead {
            key: format!("estimate:{}:{content}", self.quote_id),
            patient_scope: format!("estimate:{}", self.quote_id),
            provider_id: &self.provider_id,
            created: None,
        };
        claim_bundle(head, options, |claim| {
            for r in &self.rates_used {
                claim.extension.push(rate(r)?);
            }
            if self.stale {
                claim
                    .extension
                    .push(Extension::boolean(codes::EXT_STALE_RATE, true));
            }
            if self.package_mismatch {
                claim
                    .extension
                    .push(Extension::boolean(codes::EXT_PACKAGE_MISMATCH, true));
            }
            for (i, line) in self.lines.iter().chain(&self.optional).enumerate() {
                claim.item.push(estimate_item(sequence(i, "lines")?, line)?);
            }
            claim.total = Some(Money::from_money(&self.total)?);
            Ok(())
        })
    }
}
