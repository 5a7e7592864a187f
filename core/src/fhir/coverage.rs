//! An insurance policy as a `Coverage`.
//!
//! The plan is `class` (type `plan`, value the policy id, name the plan's name); the
//! deductible, out-of-pocket maximum and coinsurance percent are `costToBeneficiary`
//! (HL7 types `deductible`, `maxoutofpocket`, `copaypct`); the annual limit, the excess per
//! claim, the copays and sub-limits per category, the covered and excluded categories and
//! the two conditions are extensions. The policy year's use so far (`yearToDate`) is the
//! state of one patient's year, not a term of the policy, and is not carried. medjourney does not know
//! the insurer as an organization, so the required `payor` carries FHIR's
//! data-absent-reason. A patient paying for themselves gets the self-pay Coverage of the
//! Claim exports instead.

use super::bundle::{Builder, Bundle, EntryRef};
use super::codes;
use super::datatypes::{
    CodeableConcept, Coding, Extension, FhirDecimal, Identifier, Money, Quantity, Reference,
};
use super::entries;
use super::resources::{CostToBeneficiary, Coverage, CoverageClass};
use super::FhirOptions;
use crate::cost::InsurancePolicy;
use crate::error::Result;

/// The entry of the Coverage of the policy `id`, the same in policy and adjudication bundles.
pub(crate) fn policy_ref(id: &str) -> EntryRef {
    EntryRef::new("Coverage", &format!("policy:{id}"))
}

/// The Coverage of a policy known by its id only (what an adjudication names).
pub(crate) fn policy_coverage(id: &str, r: &EntryRef, patient: &EntryRef) -> Coverage {
    Coverage {
        id: r.id(),
        identifier: vec![Identifier::new(codes::SID_POLICY, id)],
        status: "active".into(),
        beneficiary: patient.reference(),
        payor: vec![Reference::unknown()],
        ..Coverage::default()
    }
}

fn cost(code: &str, display: &str) -> Option<CodeableConcept> {
    Some(CodeableConcept::coded(Coding::with_display(
        codes::COVERAGE_COPAY_TYPE,
        code,
        display,
    )))
}

impl InsurancePolicy {
    /// The policy as a FHIR R4 Bundle holding a `Coverage` and its beneficiary (see
    /// [`crate::fhir`]). The policy is validated first.
    pub fn to_fhir(&self) -> Result<Bundle> {
        self.to_fhir_with(&FhirOptions::default())
    }

    /// The same, with the patient (the beneficiary) given.
    pub fn to_fhir_with(&self, options: &FhirOptions) -> Result<Bundle> {
        self.validate()?;
        let mut b = Builder::new(&format!("policy:{}", self.id));
        let patient = entries::patient(
            &mut b,
            options.patient.as_deref(),
            &format!("policy:{}", self.id),
        )?;
        let r = policy_ref(&self.id);
        let mut coverage = policy_coverage(&self.id, &r, &patient);
        coverage.class = vec![CoverageClass {
            type_: CodeableConcept::coded(Coding::with_display(
                codes::COVERAGE_CLASS,
                "plan",
                "Plan",
            )),
            value: self.id.clone(),
            name: (!self.name.is_empty()).then(|| self.name.clone()),
        }];
        coverage.cost_to_beneficiary.push(CostToBeneficiary {
            type_: cost("deductible", "Deductible"),
            value_money: Some(Money::from_money(&self.deductible)?),
            ..CostToBeneficiary::default()
        });
        if let Some(oop) = &self.out_of_pocket_max {
            coverage.cost_to_beneficiary.push(CostToBeneficiary {
                type_: cost("maxoutofpocket", "Maximum out of pocket"),
                value_money: Some(Money::from_money(oop)?),
                ..CostToBeneficiary::default()
            });
        }
        coverage.cost_to_beneficiary.push(CostToBeneficiary {
            type_: cost("copaypct", "Copay Percentage"),
            value_quantity: Some(Quantity::ucum(
                FhirDecimal::from_decimal(self.coinsurance_percent)?,
                "%",
            )),
            ..CostToBeneficiary::default()
        });
        if let Some(limit) = &self.annual_limit {
            coverage
                .extension
                .push(Extension::money(codes::EXT_ANNUAL_LIMIT, limit)?);
        }
        if let Some(excess) = &self.excess_per_claim {
            coverage
                .extension
                .push(Extension::money(codes::EXT_EXCESS_PER_CLAIM, excess)?);
        }
        for (url, part, list) in [
            (codes::EXT_CATEGORY_COPAY, "copay", &self.copays),
            (codes::EXT_SUB_LIMIT, "limit", &self.sub_limits),
        ] {
            for c in list {
                coverage.extension.push(Extension::complex(
                    url,
                    vec![
                        Extension::coding("category", codes::CS_CATEGORY, c.category.as_str()),
                        Extension::money(part, &c.amount)?,
                    ],
                ));
            }
        }
        for c in &self.covered_categories {
            coverage.extension.push(Extension::coding(
                codes::EXT_COVERED_CATEGORY,
                codes::CS_CATEGORY,
                c.as_str(),
            ));
        }
        for c in &self.excluded_categories {
            coverage.extension.push(Extension::coding(
                codes::EXT_EXCLUDED_CATEGORY,
                codes::CS_CATEGORY,
                c.as_str(),
            ));
        }
        coverage.extension.push(Extension::boolean(
            codes::EXT_COVERS_ABROAD,
            self.covers_treatment_abroad,
        ));
        coverage.extension.push(Extension::boolean(
            codes::EXT_PRE_AUTHORIZATION,
            self.pre_authorization_required,
        ));
        b.push(&r, coverage, "id")?;
        Ok(b.finish())
    }
}
