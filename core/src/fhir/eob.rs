//! An insurance adjudication as an `ExplanationOfBenefit` (`use = predetermination`).
//!
//! Each estimate line is an `item` with seven adjudications: HL7's `submitted` (the line),
//! `deductible` and `copay` (the per-visit copays), medjourney's `coinsurance` and
//! `excess` (the per-claim excess), HL7's `benefit` (what the insurer pays, with the
//! coverage status as its `reason`) and medjourney's `patient_share`; `total` holds the
//! same seven sums. The patient's share is the deductible, copay, coinsurance and excess
//! together; categories whose sub-limit capped the insurer are `sub-limit-reached`
//! extensions. The
//! Coverage is the policy's (same fullUrl as in the policy's own bundle). The insurer and
//! the provider are not known to an adjudication: their required references carry FHIR's
//! data-absent-reason.

use super::bundle::{Builder, Bundle, EntryRef};
use super::codes;
use super::coverage::{policy_coverage, policy_ref};
use super::datatypes::{instant, CodeableConcept, Coding, Element, Extension, Money, Reference};
use super::entries;
use super::resources::{
    Adjudication as Adj, EobInsurance, EobItem, EobTotal, ExplanationOfBenefit, ProcessNote,
};
use super::FhirOptions;
use crate::cost::Adjudication;
use crate::error::{Error, Result};

fn hl7(code: &str, display: &str) -> CodeableConcept {
    CodeableConcept::coded(Coding::with_display(codes::ADJUDICATION, code, display))
}

fn own(code: &str, text: &str) -> CodeableConcept {
    CodeableConcept {
        coding: vec![Coding::new(codes::CS_ADJUDICATION, code)],
        text: Some(text.into()),
    }
}

/// The seven categories, in the order items and totals list them.
fn categories() -> [CodeableConcept; 7] {
    [
        hl7("submitted", "Submitted Amount"),
        hl7("deductible", "Deductible"),
        hl7("copay", "CoPay"),
        own("coinsurance", "Coinsurance"),
        own("excess", "Excess"),
        hl7("benefit", "Benefit Amount"),
        own("patient_share", "Patient share"),
    ]
}

impl Adjudication {
    /// The adjudication as a FHIR R4 Bundle holding an `ExplanationOfBenefit` and the
    /// policy's `Coverage` (see [`crate::fhir`]).
    pub fn to_fhir(&self) -> Result<Bundle> {
        self.to_fhir_with(&FhirOptions::default())
    }

    /// The same, with the patient and creation time given.
    pub fn to_fhir_with(&self, options: &FhirOptions) -> Result<Bundle> {
        // No id of its own: the key is the content (stable, and distinct per adjudication).
        let content = serde_json::to_string(self).map_err(|e| Error::json("adjudication", &e))?;
        let key = format!("adjudication:{}:{content}", self.policy_id);
        let mut b = Builder::new(&key);
        let patient = entries::patient(
            &mut b,
            options.patient.as_deref(),
            &format!("adjudication:{}", self.policy_id),
        )?;
        let coverage = policy_ref(&self.policy_id);
        b.push(
            &coverage,
            policy_coverage(&self.policy_id, &coverage, &patient),
            "policyId",
        )?;
        let r = EntryRef::new("ExplanationOfBenefit", &key);
        let created = options.created.map(instant);

        let mut item = Vec::with_capacity(self.lines.len());
        for (i, line) in self.lines.iter().enumerate() {
            let amounts = [
                &line.total,
                &line.deductible,
                &line.copay,
                &line.coinsurance,
                &line.excess,
                &line.insurer,
                &line.patient,
            ];
            let mut adjudication = Vec::with_capacity(amounts.len());
            for (category, amount) in categories().into_iter().zip(amounts) {
                let is_benefit = category.code_in(codes::ADJUDICATION) == Some("benefit");
                adjudication.push(Adj {
                    category,
                    reason: is_benefit.then(|| {
                        CodeableConcept::coded(Coding::new(
                            codes::CS_COVERAGE_STATUS,
                            line.status.as_str(),
                        ))
                    }),
                    amount: Some(Money::from_money(amount)?),
                });
            }
            item.push(EobItem {
                sequence: u32::try_from(i + 1)
                    .map_err(|_| Error::invalid("lines", "more lines than an EOB numbers"))?,
                product_or_service: CodeableConcept {
                    coding: vec![Coding::new(codes::CS_CATEGORY, line.category.as_str())],
                    text: (!line.description.is_empty()).then(|| line.description.clone()),
                },
                net: Some(Money::from_money(&line.total)?),
                adjudication,
            });
        }
        let sums = [
            &self.total,
            &self.deductible_applied,
            &self.copays_applied,
            &self.coinsurance_applied,
            &self.excess_applied,
            &self.insurer_total,
            &self.patient_total,
        ];
        let mut total = Vec::with_capacity(sums.len());
        for (category, amount) in categories().into_iter().zip(sums) {
            total.push(EobTotal {
                category,
                amount: Money::from_money(amount)?,
            });
        }
        let mut process_note = Vec::with_capacity(self.notes.len());
        for (i, text) in self.notes.iter().enumerate() {
            process_note.push(ProcessNote {
                number: u32::try_from(i + 1).ok(),
                type_: Some("display".into()),
                text: Some(text.clone()),
            });
        }
        let mut extension = vec![
            Extension::boolean(
                codes::EXT_PRE_AUTHORIZATION,
                self.pre_authorization_required,
            ),
            Extension::boolean(codes::EXT_OOP_MAX_REACHED, self.out_of_pocket_max_reached),
            Extension::boolean(codes::EXT_LIMIT_REACHED, self.annual_limit_reached),
        ];
        extension.extend(self.sub_limits_reached.iter().map(|c| {
            Extension::coding(codes::EXT_SUB_LIMIT_REACHED, codes::CS_CATEGORY, c.as_str())
        }));
        let eob = ExplanationOfBenefit {
            id: r.id(),
            extension,
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
            insurer: Reference::unknown(),
            provider: Reference::unknown(),
            outcome: "complete".into(),
            insurance: vec![EobInsurance {
                focal: true,
                coverage: coverage.reference(),
            }],
            item,
            total,
            process_note,
        };
        b.push(&r, eob, "adjudication")?;
        Ok(b.finish())
    }
}
