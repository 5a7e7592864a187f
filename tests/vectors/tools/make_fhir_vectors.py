"""Writes tests/vectors/fhir.json: FHIR R4 exports, the catalog round trip, imports and
bad bundles.

The small cases' expectations are written here by hand from the mapping rules (the
README's table and core/src/fhir/), fullUrls included: they are recomputed below from the
documented derivation (version 5 UUIDs), not copied from the library. The `sample_*`
cases embed the sample case's bundles as the core writes them (`cargo run -p medjourney
--example fhir_samples`): they pin the whole shape so the three languages agree, and this
script validates each with fhir.resources (R4B models) when that package is installed.

Run from the repository root: python3 tests/vectors/tools/make_fhir_vectors.py
"""
import copy
import json
import re
import subprocess
import uuid
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
BASE = "https://example.invalid/medjourney/fhir"
NS = uuid.uuid5(uuid.NAMESPACE_URL, BASE)


def url(resource_type, key):
    return f"urn:uuid:{uuid.uuid5(NS, f'{resource_type}/{key}')}"


def ext(name):
    return f"{BASE}/StructureDefinition/{name}"


def cs(name):
    return f"{BASE}/CodeSystem/{name}"


def sid(name):
    return f"{BASE}/sid/{name}"


def coding(system, code, display=None):
    c = {"system": system, "code": code}
    if display:
        c["display"] = display
    return c


def concept(*codings, text=None):
    c = {"coding": list(codings)}
    if text:
        c["text"] = text
    return c


def ref(u, display=None):
    r = {"reference": u}
    if display:
        r["display"] = display
    return r


DAR = {"extension": [{"url": "http://hl7.org/fhir/StructureDefinition/data-absent-reason", "valueCode": "unknown"}]}
UCUM = "http://unitsofmeasure.org"
INSTITUTIONAL = concept(coding("http://terminology.hl7.org/CodeSystem/claim-type", "institutional", "Institutional"))
NORMAL = concept(coding("http://terminology.hl7.org/CodeSystem/processpriority", "normal", "Normal"))
SELF_PAY = concept(coding("http://terminology.hl7.org/CodeSystem/coverage-selfpay", "pay", "Pay"))
PROV = concept(coding("http://terminology.hl7.org/CodeSystem/organization-type", "prov", "Healthcare Provider"))


class Num(str):
    """A JSON number kept as its exact text (FHIR decimals are precision-significant)."""


def money(value, currency):
    return {"value": Num(value), "currency": currency}


def stage_ext(stage):
    return {"url": ext("journey-stage"), "valueCoding": coding(cs("journey-stage"), stage)}


def entry(resource_type, key, **resource):
    NAMES.append((resource_type, key))
    u = url(resource_type, key)
    return {"fullUrl": u, "resource": {"resourceType": resource_type, "id": u.removeprefix("urn:uuid:"), **resource}}


def bundle(key, entries):
    """A collection; its id is the UUID of `Bundle/{key}`, or for a catalog (key None) of
    `Bundle/` and the entries' names joined by newlines."""
    if key is None:
        names = []
        for e in entries:
            names.append(next(f"{r}/{k}" for r, k in NAMES if url(r, k) == e["fullUrl"]))
        key = "\n".join(names)
    bid = str(uuid.uuid5(NS, f"Bundle/{key}"))
    return {"resourceType": "Bundle", "id": bid, "type": "collection", "entry": entries}


NAMES = []  # (resourceType, key) of every entry() made, to name a catalog's entries


cases = []


def case(name, op, args, expect=None, error=None, **more):
    c = {"name": name, "op": op, "args": args}
    if error:
        c["error"] = error
        c.update(more)
    else:
        c["expect"] = expect
    cases.append(c)


# ---- journey ---------------------------------------------------------------------------
journey = {
    "id": "J-V1", "patient": "PT-V", "procedure": "ivf", "status": "on_hold",
    "stages": [{"stage": "awareness", "entered": "2026-01-01T00:00:00Z", "left": "2026-01-02T00:00:00Z"},
               {"stage": "research", "entered": "2026-01-02T00:00:00Z"}],
    "statusHistory": [{"status": "on_hold", "at": "2026-01-03T00:00:00Z"}],
    "touchpoints": [{"id": "t1", "stage": "research", "at": "2026-01-02T12:00:00Z", "channel": "sms",
                     "initiator": "patient", "participants": ["facilitator"], "kind": "inquiry",
                     "sentiment": -0.5, "outcome": "resolved"}],
}
patient_v = url("Patient", "PT-V")
episode_v = url("EpisodeOfCare", "J-V1")
facilitator_v = url("Organization", "party:J-V1:facilitator")
case("journey_becomes_episode_of_care_and_communications", "export", {"kind": "journey", "input": journey}, {
    "bundle": bundle("journey:J-V1", [
        entry("Patient", "PT-V", identifier=[{"system": sid("patient"), "value": "PT-V"}]),
        entry("EpisodeOfCare", "J-V1",
              extension=[stage_ext("research")],
              identifier=[{"system": sid("journey"), "value": "J-V1"}],
              status="onhold",
              statusHistory=[
                  {"extension": [stage_ext("awareness")], "status": "active",
                   "period": {"start": "2026-01-01T00:00:00Z", "end": "2026-01-02T00:00:00Z"}},
                  {"extension": [stage_ext("research")], "status": "active",
                   "period": {"start": "2026-01-02T00:00:00Z", "end": "2026-01-03T00:00:00Z"}},
                  {"extension": [stage_ext("research")], "status": "onhold",
                   "period": {"start": "2026-01-03T00:00:00Z"}},
              ],
              type=[concept(coding(cs("procedure"), "ivf"))],
              patient=ref(patient_v),
              period={"start": "2026-01-01T00:00:00Z"}),
        entry("Organization", "party:J-V1:facilitator",
              identifier=[{"system": sid("party"), "value": "J-V1/facilitator"}],
              type=[concept(coding(cs("party"), "facilitator", "Facilitator"))]),
        entry("Communication", "J-V1/t1",
              extension=[stage_ext("research"),
                         {"url": ext("touchpoint-outcome"), "valueCoding": coding(cs("touchpoint-outcome"), "resolved")},
                         {"url": ext("touchpoint-sentiment"), "valueDecimal": Num("-0.5")}],
              identifier=[{"system": sid("touchpoint"), "value": "J-V1/t1"}],
              status="completed",
              category=[concept(coding(cs("touchpoint-kind"), "inquiry"))],
              # SMS has no HL7 ParticipationMode code in R4: only medjourney's channel.
              medium=[concept(coding(cs("channel"), "sms"))],
              subject=ref(patient_v), about=[ref(episode_v)], sent="2026-01-02T12:00:00Z",
              recipient=[ref(facilitator_v, "Facilitator")], sender=ref(patient_v, "Patient")),
    ])})

duplicate = copy.deepcopy(journey)
duplicate["touchpoints"].append(dict(duplicate["touchpoints"][0], at="2026-01-02T13:00:00Z"))
case("duplicate_touchpoint_ids_cannot_share_one_full_url", "export", {"kind": "journey", "input": duplicate},
     error="invalid_input")

# ---- quote -----------------------------------------------------------------------------
quote = {
    "id": "q-v", "providerId": "clinic-v", "procedure": "dental_implant", "currency": "EUR", "validFrom": "2026-05-01",
    "items": [
        {"category": "medication", "description": "Rinse", "quantity": "2.5", "unitPrice": {"amount": "0.50", "currency": "EUR"}},
        {"category": "implant", "description": "Implant", "unitPrice": {"amount": "700", "currency": "EUR"},
         "inclusion": "extra", "brand": "B", "model": "M"},
        {"category": "follow_up", "description": "Check", "unitPrice": {"amount": "40.00", "currency": "EUR"}, "inclusion": "optional"},
    ],
}
anon_q = url("Patient", "unidentified:quote:q-v")
coverage_q = url("Coverage", f"self-pay:{anon_q.removeprefix('urn:uuid:')}")


def inclusion(code):
    return {"url": ext("line-inclusion"), "valueCoding": coding(cs("inclusion"), code)}


case("quote_becomes_predetermination_claim_with_exact_decimals", "export", {"kind": "quote", "input": quote}, {
    "bundle": bundle("quote:q-v", [
        # The quote names no patient: an unidentified Patient, scoped to the quote.
        entry("Patient", "unidentified:quote:q-v"),
        entry("Organization", "provider:clinic-v", identifier=[{"system": sid("provider"), "value": "clinic-v"}], type=[PROV]),
        entry("Coverage", f"self-pay:{anon_q.removeprefix('urn:uuid:')}", status="active", type=SELF_PAY,
              beneficiary=ref(anon_q), payor=[ref(anon_q)]),
        entry("Claim", "quote:q-v",
              extension=[{"url": ext("offer-validity"), "valuePeriod": {"start": "2026-05-01"}}],
              identifier=[{"system": sid("quote"), "value": "q-v"}],
              status="active", type=INSTITUTIONAL, use="predetermination", patient=ref(anon_q),
              created="2026-05-01", provider=ref(url("Organization", "provider:clinic-v")), priority=NORMAL,
              procedure=[{"sequence": 1, "procedureCodeableConcept": concept(coding(cs("procedure"), "dental_implant"))}],
              insurance=[{"sequence": 1, "focal": True, "coverage": ref(coverage_q)}],
              item=[
                  # 0.50 x 2.5 = 1.250, rounded half-even to cents.
                  {"extension": [inclusion("extra")], "sequence": 1,
                   "productOrService": concept(coding(cs("cost-category"), "medication"), text="Rinse"),
                   "quantity": {"value": Num("2.5")}, "unitPrice": money("0.50", "EUR"), "net": money("1.25", "EUR")},
                  # Money shows at least its currency's minor units: 700 is written 700.00.
                  {"extension": [inclusion("extra"), {"url": ext("implant-brand"), "valueString": "B"},
                                 {"url": ext("implant-model"), "valueString": "M"}], "sequence": 2,
                   "productOrService": concept(coding(cs("cost-category"), "implant"), text="Implant"),
                   "quantity": {"value": Num("1")}, "unitPrice": money("700.00", "EUR"), "net": money("700.00", "EUR")},
                  {"extension": [inclusion("optional")], "sequence": 3,
                   "productOrService": concept(coding(cs("cost-category"), "follow_up"), text="Check"),
                   "quantity": {"value": Num("1")}, "unitPrice": money("40.00", "EUR"), "net": money("40.00", "EUR")},
              ],
              # Extras only (optional lines are not in the total): 1.25 + 700.00.
              total=money("701.25", "EUR")),
    ])})

no_date = {k: v for k, v in quote.items() if k != "validFrom"}
case("claim_without_a_creation_date_says_the_date_is_unknown", "export", {"kind": "quote", "input": no_date}, {
    "bundle": {"entry": [{}, {}, {}, {"resource": {"resourceType": "Claim", "_created": DAR}}]}})

case("quote_creation_time_and_patient_come_from_the_options", "export",
     {"kind": "quote", "input": quote, "options": {"patient": "PT-V", "created": "2026-05-02T08:30:00Z"}}, {
         "bundle": {"entry": [
             {"fullUrl": patient_v, "resource": {"resourceType": "Patient", "identifier": [{"system": sid("patient"), "value": "PT-V"}]}},
             {}, {"resource": {"payor": [ref(patient_v)]}},
             {"resource": {"resourceType": "Claim", "created": "2026-05-02T08:30:00Z", "patient": ref(patient_v)}}]}})

bad_quote = copy.deepcopy(quote)
bad_quote["items"][0]["unitPrice"]["amount"] = "-1.00"
case("an_invalid_quote_is_refused_before_export", "export", {"kind": "quote", "input": bad_quote}, error="invalid_quote")

# ---- estimate --------------------------------------------------------------------------
estimate = {
    "quoteId": "q-v", "providerId": "clinic-v", "currency": "GBP",
    "lines": [
        {"source": "quote", "category": "procedure", "description": "Op", "inclusion": "included_in_package",
         "original": {"amount": "1000.00", "currency": "EUR"}, "amount": {"amount": "873.10", "currency": "GBP"}},
        {"source": "travel", "category": "flights", "description": "Fare", "inclusion": "extra", "quantity": "2",
         "original": {"amount": "200.00", "currency": "GBP"}, "amount": {"amount": "200.00", "currency": "GBP"}},
    ],
    "optional": [],
    "medicalTotal": {"amount": "873.10", "currency": "GBP"}, "travelTotal": {"amount": "200.00", "currency": "GBP"},
    "total": {"amount": "1073.10", "currency": "GBP"}, "optionalTotal": {"amount": "0.00", "currency": "GBP"},
    "packageMismatch": False,
    "ratesUsed": [{"from": "EUR", "to": "GBP", "rate": "0.8731", "asOf": "2026-11-20T16:00:00Z", "source": "sample"}],
    "stale": False,
}
case("estimate_becomes_claim_in_the_patients_currency", "export", {"kind": "estimate", "input": estimate}, {
    "bundle": {"entry": [{}, {}, {}, {"resource": {
        "resourceType": "Claim", "use": "predetermination", "_created": DAR,
        "extension": [{"url": ext("exchange-rate"), "extension": [
            {"url": "from", "valueCode": "EUR"}, {"url": "to", "valueCode": "GBP"},
            {"url": "rate", "valueDecimal": Num("0.8731")}, {"url": "asOf", "valueDateTime": "2026-11-20T16:00:00Z"},
            {"url": "source", "valueString": "sample"}]}],
        "item": [
            {"extension": [inclusion("included_in_package"),
                           {"url": ext("line-source"), "valueCoding": coding(cs("line-source"), "quote")},
                           {"url": ext("original-amount"), "valueMoney": money("1000.00", "EUR")}],
             "sequence": 1, "productOrService": concept(coding(cs("cost-category"), "procedure"), text="Op"),
             "quantity": {"value": Num("1")}, "net": money("873.10", "GBP")},
            {"extension": [inclusion("extra"),
                           {"url": ext("line-source"), "valueCoding": coding(cs("line-source"), "travel")},
                           {"url": ext("original-amount"), "valueMoney": money("200.00", "GBP")}],
             "sequence": 2, "productOrService": concept(coding(cs("cost-category"), "flights"), text="Fare"),
             "quantity": {"value": Num("2")}, "net": money("200.00", "GBP")},
        ],
        "total": money("1073.10", "GBP")}}]}})

# ---- adjudication and policy -----------------------------------------------------------


def usd(a):
    return {"amount": a, "currency": "USD"}


adjudication = {
    "policyId": "pol-v", "currency": "USD",
    # The patient's share of a covered line is its excess, deductible, copay and coinsurance.
    "lines": [{"category": "procedure", "description": "Op", "total": usd("1000.00"), "insurer": usd("600.00"),
               "patient": usd("400.00"), "deductible": usd("250.00"), "coinsurance": usd("50.00"),
               "excess": usd("100.00"), "copay": usd("0.00"), "status": "covered"},
              {"category": "follow_up", "description": "Check", "total": usd("100.00"), "insurer": usd("75.00"),
               "patient": usd("25.00"), "deductible": usd("0.00"), "coinsurance": usd("0.00"),
               "excess": usd("0.00"), "copay": usd("25.00"), "status": "covered"},
              {"category": "flights", "description": "Fare", "total": usd("400.00"), "insurer": usd("0.00"),
               "patient": usd("400.00"), "deductible": usd("0.00"), "coinsurance": usd("0.00"),
               "excess": usd("0.00"), "copay": usd("0.00"), "status": "excluded"}],
    "total": usd("1500.00"), "insurerTotal": usd("675.00"), "patientTotal": usd("825.00"),
    "deductibleApplied": usd("250.00"), "coinsuranceApplied": usd("50.00"),
    "excessApplied": usd("100.00"), "copaysApplied": usd("25.00"),
    "outOfPocketMaxReached": False, "annualLimitReached": False, "subLimitsReached": ["follow_up"],
    "yearToDate": {}, "preAuthorizationRequired": True,
    "notes": ["Pre-authorization needed."],
}
ADJ = "http://terminology.hl7.org/CodeSystem/adjudication"
CATS = [concept(coding(ADJ, "submitted", "Submitted Amount")), concept(coding(ADJ, "deductible", "Deductible")),
        concept(coding(ADJ, "copay", "CoPay")),
        concept(coding(cs("adjudication"), "coinsurance"), text="Coinsurance"),
        concept(coding(cs("adjudication"), "excess"), text="Excess"),
        concept(coding(ADJ, "benefit", "Benefit Amount")),
        concept(coding(cs("adjudication"), "patient_share"), text="Patient share")]


def adjudications(amounts, status):
    out = []
    for cat, a in zip(CATS, amounts):
        x = {"category": cat, "amount": money(a, "USD")}
        if cat["coding"][0]["code"] == "benefit":
            x = {"category": cat, "reason": concept(coding(cs("coverage-status"), status)), "amount": money(a, "USD")}
        out.append(x)
    return out


anon_a = url("Patient", "unidentified:adjudication:pol-v")
case("adjudication_becomes_explanation_of_benefit", "export", {"kind": "adjudication", "input": adjudication}, {
    "bundle": {"entry": [
        {"fullUrl": anon_a, "resource": {"resourceType": "Patient"}},
        # The same fullUrl as the policy's own Coverage.
        {"fullUrl": url("Coverage", "policy:pol-v"), "resource": {
            "resourceType": "Coverage", "identifier": [{"system": sid("insurance-policy"), "value": "pol-v"}],
            "status": "active", "beneficiary": ref(anon_a), "payor": [DAR]}},
        {"resource": {
            "resourceType": "ExplanationOfBenefit",
            "extension": [{"url": ext("pre-authorization-required"), "valueBoolean": True},
                          {"url": ext("out-of-pocket-max-reached"), "valueBoolean": False},
                          {"url": ext("annual-limit-reached"), "valueBoolean": False},
                          {"url": ext("sub-limit-reached"), "valueCoding": coding(cs("cost-category"), "follow_up")}],
            "status": "active", "type": INSTITUTIONAL, "use": "predetermination", "patient": ref(anon_a),
            "_created": DAR, "insurer": DAR, "provider": DAR, "outcome": "complete",
            "insurance": [{"focal": True, "coverage": ref(url("Coverage", "policy:pol-v"))}],
            "item": [
                {"sequence": 1, "productOrService": concept(coding(cs("cost-category"), "procedure"), text="Op"),
                 "net": money("1000.00", "USD"),
                 "adjudication": adjudications(["1000.00", "250.00", "0.00", "50.00", "100.00", "600.00", "400.00"],
                                               "covered")},
                {"sequence": 2, "productOrService": concept(coding(cs("cost-category"), "follow_up"), text="Check"),
                 "net": money("100.00", "USD"),
                 "adjudication": adjudications(["100.00", "0.00", "25.00", "0.00", "0.00", "75.00", "25.00"], "covered")},
                {"sequence": 3, "productOrService": concept(coding(cs("cost-category"), "flights"), text="Fare"),
                 "net": money("400.00", "USD"),
                 "adjudication": adjudications(["400.00", "0.00", "0.00", "0.00", "0.00", "0.00", "400.00"], "excluded")},
            ],
            "total": [{"category": c, "amount": money(a, "USD")}
                      for c, a in zip(CATS, ["1500.00", "250.00", "25.00", "50.00", "100.00", "675.00", "825.00"])],
            "processNote": [{"number": 1, "type": "display", "text": "Pre-authorization needed."}]}},
    ]}})

policy = {"id": "pol-v", "name": "Plan V", "currency": "USD", "deductible": usd("250"), "coinsurancePercent": "12.5",
          "coveredCategories": ["procedure", "follow_up"], "coversTreatmentAbroad": True,
          "excessPerClaim": usd("100"), "copays": [{"category": "follow_up", "amount": usd("25")}],
          "subLimits": [{"category": "procedure", "amount": usd("20000")}]}
anon_p = url("Patient", "unidentified:policy:pol-v")
COPAY = "http://terminology.hl7.org/CodeSystem/coverage-copay-type"
case("policy_becomes_coverage_with_its_cost_sharing", "export", {"kind": "policy", "input": policy}, {
    "bundle": bundle("policy:pol-v", [
        entry("Patient", "unidentified:policy:pol-v"),
        entry("Coverage", "policy:pol-v",
              extension=[{"url": ext("excess-per-claim"), "valueMoney": money("100.00", "USD")},
                         {"url": ext("category-copay"), "extension": [
                             {"url": "category", "valueCoding": coding(cs("cost-category"), "follow_up")},
                             {"url": "copay", "valueMoney": money("25.00", "USD")}]},
                         {"url": ext("sub-limit"), "extension": [
                             {"url": "category", "valueCoding": coding(cs("cost-category"), "procedure")},
                             {"url": "limit", "valueMoney": money("20000.00", "USD")}]},
                         {"url": ext("covered-category"), "valueCoding": coding(cs("cost-category"), "procedure")},
                         {"url": ext("covered-category"), "valueCoding": coding(cs("cost-category"), "follow_up")},
                         {"url": ext("covers-treatment-abroad"), "valueBoolean": True},
                         {"url": ext("pre-authorization-required"), "valueBoolean": False}],
              identifier=[{"system": sid("insurance-policy"), "value": "pol-v"}],
              status="active", beneficiary=ref(anon_p), payor=[DAR],
              **{"class": [{"type": concept(coding("http://terminology.hl7.org/CodeSystem/coverage-class", "plan", "Plan")),
                            "value": "pol-v", "name": "Plan V"}],
                 "costToBeneficiary": [
                     {"type": concept(coding(COPAY, "deductible", "Deductible")), "valueMoney": money("250.00", "USD")},
                     {"type": concept(coding(COPAY, "copaypct", "Copay Percentage")),
                      "valueQuantity": {"value": Num("12.5"), "unit": "%", "system": UCUM, "code": "%"}}]}),
    ])})

bad_policy = dict(policy, coinsurancePercent="120")
case("an_invalid_policy_is_refused_before_export", "export", {"kind": "policy", "input": bad_policy}, error="invalid_policy")

# ---- itinerary -------------------------------------------------------------------------
itinerary = {
    "id": "it-v", "updatedAt": "2026-11-22T09:00:00Z",
    "traveller": {"patientId": "PT-V", "homeCountry": "GB", "nationality": "GB"},
    "items": [
        {"id": "fly", "type": "flight", "title": "Out", "from": "LHR", "to": "BKK", "fromCountry": "GB", "toCountry": "TH",
         "start": "2027-02-28T10:00:00Z", "end": "2027-03-01T05:00:00+07:00", "zone": "Europe/London", "endZone": "Asia/Bangkok"},
        {"id": "consult", "type": "appointment", "appointmentType": "consultation", "providerId": "siam-joint",
         "title": "Consultation", "location": "Siam clinic",
         "start": "2027-03-01T02:00:00Z", "end": "2027-03-01T03:30:00Z", "zone": "Asia/Bangkok"},
    ],
}
case("itinerary_appointment_is_booked_with_local_offsets", "export", {"kind": "itinerary", "input": itinerary}, {
    "bundle": bundle("itinerary:it-v", [
        entry("Patient", "PT-V", identifier=[{"system": sid("patient"), "value": "PT-V"}]),
        entry("Organization", "provider:siam-joint", identifier=[{"system": sid("provider"), "value": "siam-joint"}], type=[PROV]),
        entry("HealthcareService", "provider:siam-joint", active=True, providedBy=ref(url("Organization", "provider:siam-joint"))),
        entry("Location", "place:Siam clinic", status="active", name="Siam clinic",
              managingOrganization=ref(url("Organization", "provider:siam-joint"))),
        entry("Appointment", "it-v/consult",
              identifier=[{"system": sid("itinerary-item"), "value": "it-v/consult"}],
              status="booked",
              appointmentType=concept(coding("http://terminology.hl7.org/CodeSystem/v2-0276", "ROUTINE", "Routine appointment"),
                                      coding(cs("appointment-type"), "consultation")),
              description="Consultation",
              start="2027-03-01T09:00:00+07:00", end="2027-03-01T10:30:00+07:00", minutesDuration=90,
              participant=[{"actor": ref(u), "required": "required", "status": "accepted"}
                           for u in (patient_v, url("Location", "place:Siam clinic"),
                                     url("HealthcareService", "provider:siam-joint"))]),
    ])})

bad_zone = copy.deepcopy(itinerary)
bad_zone["items"][1]["zone"] = "Mars/Olympus"
case("an_itinerary_with_an_unknown_zone_is_refused_before_export", "export",
     {"kind": "itinerary", "input": bad_zone}, error="unknown_time_zone")

# ---- catalog ---------------------------------------------------------------------------
provider = {"id": "clinic-v", "name": "Clinic V", "country": "TH", "city": "Bangkok",
            "coordinates": {"lat": 13.75, "lon": 100.5},
            "accreditations": [{"body": "jci", "expires": "2027-12-31"}],
            "procedures": [{"code": "knee_replacement", "name": "Knee", "price": {"amount": "185000.00", "currency": "THB"},
                            "annualVolume": 300, "complications": {"cases": 500, "rate": 0.02}}],
            "doctors": [{"name": "Dr. V", "specialty": "orthopaedics", "boardCertifications": ["Thai Board"], "yearsExperience": 12}],
            "languages": ["th", "en"], "reviews": {"mean": 4.5, "count": 80}, "amenities": ["interpreter"],
            "airportDistanceKm": 30.5}
org_v, loc_v = url("Organization", "provider:clinic-v"), url("Location", "provider:clinic-v")
doc_key = "provider:clinic-v/doctor:0"
address_v = {"city": "Bangkok", "country": "TH"}
case("catalog_becomes_a_directory", "export", {"kind": "catalog", "input": {"providers": [provider]}}, {
    "bundle": bundle(None, [
        entry("Organization", "provider:clinic-v",
              extension=[{"url": ext("accreditation"), "extension": [
                             {"url": "body", "valueCoding": coding(cs("accreditation-body"), "jci")},
                             {"url": "period", "valuePeriod": {"end": "2027-12-31"}}]},
                         {"url": ext("reviews"), "extension": [{"url": "mean", "valueDecimal": Num("4.5")},
                                                               {"url": "count", "valueUnsignedInt": 80}]}],
              identifier=[{"system": sid("provider"), "value": "clinic-v"}], active=True, type=[PROV],
              name="Clinic V", address=[address_v]),
        entry("Location", "provider:clinic-v",
              extension=[{"url": ext("airport-distance"),
                          "valueQuantity": {"value": Num("30.5"), "unit": "km", "system": UCUM, "code": "km"}}],
              status="active", name="Clinic V", address=address_v,
              position={"longitude": Num("100.5"), "latitude": Num("13.75")}, managingOrganization=ref(org_v)),
        entry("HealthcareService", "provider:clinic-v",
              extension=[{"url": ext("procedure-offer"), "extension": [
                  {"url": "code", "valueCode": "knee_replacement"},
                  {"url": "price", "valueMoney": money("185000.00", "THB")},
                  {"url": "annualVolume", "valueUnsignedInt": 300},
                  {"url": "complications", "extension": [{"url": "cases", "valueUnsignedInt": 500},
                                                         {"url": "rate", "valueDecimal": Num("0.02")}]}]}],
              identifier=[{"system": sid("provider"), "value": "clinic-v"}], active=True, providedBy=ref(org_v),
              type=[concept(coding(cs("procedure"), "knee_replacement", "Knee"))], location=[ref(loc_v)], name="Clinic V",
              characteristic=[concept(coding(cs("amenity"), "interpreter"))],
              communication=[concept(coding("urn:ietf:bcp:47", "th")), concept(coding("urn:ietf:bcp:47", "en"))]),
        entry("Practitioner", doc_key,
              extension=[{"url": ext("years-experience"), "valueUnsignedInt": 12}],
              name=[{"text": "Dr. V"}], qualification=[{"code": {"text": "Thai Board"}}]),
        entry("PractitionerRole", doc_key, practitioner=ref(url("Practitioner", doc_key)), organization=ref(org_v),
              specialty=[{"text": "orthopaedics"}]),
    ])})

huge = copy.deepcopy(provider)
huge["procedures"][0]["annualVolume"] = 3000000000
case("counts_above_fhirs_unsigned_int_are_refused", "export", {"kind": "catalog", "input": {"providers": [huge]}},
     error="invalid_input")

# ---- round trip and import ---------------------------------------------------------------
sample_catalog = json.loads((ROOT / "core/src/samples/catalog.json").read_text(), parse_float=lambda s: Num(s))
sample_catalog = {"providers": sample_catalog["providers"]}
case("sample_catalog_survives_the_round_trip", "roundtrip", {"catalog": sample_catalog}, {"equal": True})
case("small_catalog_survives_the_round_trip", "roundtrip", {"catalog": {"providers": [provider]}}, {"equal": True})

foreign = {"resourceType": "Bundle", "type": "searchset", "entry": [
    {"fullUrl": "https://h.example/fhir/Organization/o1",
     "resource": {"resourceType": "Organization", "id": "o1", "name": "Clinic One",
                  "identifier": [{"system": "urn:oid:1.2.3", "value": "XYZ"}],
                  "address": [{"city": "Izmir", "country": "TR"}]}},
    {"resource": {"resourceType": "Location", "id": "l1", "position": {"longitude": Num("27.14"), "latitude": Num("38.42")},
                  "managingOrganization": {"reference": "Organization/o1"}}},
    {"resource": {"resourceType": "HealthcareService", "id": "s1",
                  "providedBy": {"reference": "https://h.example/fhir/Organization/o1"},
                  "type": [{"coding": [{"system": "http://snomed.info/sct", "code": "609588000"},
                                       {"system": cs("procedure"), "code": "knee_replacement", "display": "Knee"}]}],
                  "communication": [{"coding": [{"system": "urn:ietf:bcp:47", "code": "en-GB"}]},
                                    {"coding": [{"system": "urn:ietf:bcp:47", "code": "tr"}]},
                                    {"coding": [{"system": "urn:ietf:bcp:47", "code": "yue"}]}]}},
    {"resource": {"resourceType": "Practitioner", "id": "d1",
                  "name": [{"prefix": ["Dr."], "given": ["Ayla"], "family": "Kaya"}],
                  "qualification": [{"code": {"coding": [{"display": "Board of Orthopaedics"}]}}]}},
    {"resource": {"resourceType": "PractitionerRole", "id": "r1", "practitioner": {"reference": "Practitioner/d1"},
                  "organization": {"reference": "Organization/o1"},
                  "specialty": [{"coding": [{"code": "394801008", "display": "Trauma and orthopaedics"}]}]}},
    {"resource": {"resourceType": "Endpoint", "id": "e1", "status": "active"}},
]}
case("foreign_directory_imports_what_fhir_carries", "import", {"bundle": foreign}, {"catalog": {"providers": [{
    "id": "o1", "name": "Clinic One", "country": "TR", "city": "Izmir", "coordinates": {"lat": Num("38.42"), "lon": Num("27.14")},
    "procedures": [{"code": "knee_replacement", "name": "Knee"}],
    "doctors": [{"name": "Dr. Ayla Kaya", "specialty": "Trauma and orthopaedics", "boardCertifications": ["Board of Orthopaedics"]}],
    # en-GB is English; yue has no ISO 639-1 code and is skipped.
    "languages": ["en", "tr"]}]}})


def org(id_, **more):
    return {"resourceType": "Organization", "id": id_, **more}


bad = [
    ("bundle_of_the_wrong_type", {"resourceType": "Patient"}, "bundle", "resourceType"),
    ("entry_without_a_resource", {"resourceType": "Bundle", "entry": [{"fullUrl": "urn:x:1"}]},
     "entry[0] (urn:x:1)", "Bundle.entry.resource"),
    ("name_of_the_wrong_type", {"resourceType": "Bundle", "entry": [{"resource": org("a", name=5)}]},
     "entry[0] (Organization/a)", "Organization.name"),
    ("provider_without_a_name", {"resourceType": "Bundle", "entry": [
        {"fullUrl": "urn:x:o", "resource": org("a", address=[{"country": "TR"}])}]},
     "entry[0] (urn:x:o)", "Organization.name"),
    ("country_that_is_not_alpha_2", {"resourceType": "Bundle", "entry": [
        {"resource": org("a", name="A", address=[{"country": "Turkey"}])}]},
     "entry[0] (Organization/a)", "Organization.address[0].country"),
    ("provider_without_a_country", {"resourceType": "Bundle", "entry": [{"resource": org("a", name="A")}]},
     "entry[0] (Organization/a)", "Organization.address.country"),
    ("reference_that_does_not_resolve", {"resourceType": "Bundle", "entry": [
        {"resource": org("a", name="A", address=[{"country": "TR"}])},
        {"fullUrl": "urn:x:s", "resource": {"resourceType": "HealthcareService", "providedBy": {"reference": "Organization/zz"}}}]},
     "entry[1] (urn:x:s)", "HealthcareService.providedBy"),
    ("reference_to_the_wrong_resource_type", {"resourceType": "Bundle", "entry": [
        {"resource": org("a", name="A", address=[{"country": "TR"}])},
        {"resource": {"resourceType": "PractitionerRole", "id": "r", "organization": {"reference": "Organization/a"},
                      "practitioner": {"reference": "Organization/a"}}}]},
     "entry[1] (PractitionerRole/r)", "PractitionerRole.practitioner"),
    ("money_value_written_as_a_string", {"resourceType": "Bundle", "entry": [
        {"resource": {"resourceType": "HealthcareService", "id": "s", "extension": [
            {"url": ext("procedure-offer"), "extension": [{"url": "price", "valueMoney": {"value": "8900.00", "currency": "EUR"}}]}]}}]},
     "entry[0] (HealthcareService/s)", "HealthcareService.extension[0].extension[0].valueMoney.value"),
    ("amenity_outside_the_code_system", {"resourceType": "Bundle", "entry": [
        {"resource": org("a", name="A", address=[{"country": "TR"}])},
        {"resource": {"resourceType": "HealthcareService", "id": "s", "providedBy": {"reference": "Organization/a"},
                      "characteristic": [{"coding": [{"system": cs("amenity"), "code": "sauna"}]}]}}]},
     "entry[1] (HealthcareService/s)", "HealthcareService.characteristic[0].coding[0].code"),
    ("figures_of_a_procedure_the_service_does_not_list", {"resourceType": "Bundle", "entry": [
        {"resource": org("a", name="A", address=[{"country": "TR"}])},
        {"resource": {"resourceType": "HealthcareService", "id": "s", "providedBy": {"reference": "Organization/a"},
                      "extension": [{"url": ext("procedure-offer"), "extension": [{"url": "code", "valueCode": "hip"}]}]}}]},
     "entry[1] (HealthcareService/s)", "HealthcareService.extension[0]"),
]
for name, b, where, element in bad:
    case(f"import_refuses_{name}", "import", {"bundle": b}, error="invalid_fhir", errorEntry=where, errorElement=element)
case("import_refuses_text_that_is_not_json", "import_text", {"text": "{not json"}, error="parse_error")

# ---- the sample case, as the core writes it -------------------------------------------------
RAW = re.compile(r'"\\u0000NUM([^"\\]*)\\u0000"')


def raw_load(text):
    """JSON with every number kept as its text."""
    return json.loads(text, parse_float=Num, parse_int=Num)


def mark(o):
    """Num values as marked strings, turned back into bare numbers by RAW after dumping."""
    if isinstance(o, Num):
        return "\u0000NUM" + str(o) + "\u0000"
    if isinstance(o, dict):
        return {k: mark(v) for k, v in o.items()}
    if isinstance(o, list):
        return [mark(v) for v in o]
    return o


samples = subprocess.run(["cargo", "run", "-q", "-p", "medjourney", "--example", "fhir_samples"],
                         cwd=ROOT, check=True, capture_output=True, text=True).stdout
try:
    from fhir.resources.R4B import get_fhir_model_class
    from fhir.resources.R4B.bundle import Bundle
except ImportError:
    Bundle = None
for s in raw_load(samples):
    if Bundle is not None:
        plain = json.loads(RAW.sub(lambda m: m.group(1), json.dumps(mark(s["bundle"]))), parse_float=Decimal)
        Bundle.model_validate(plain)
        for e in plain["entry"]:
            get_fhir_model_class(e["resource"]["resourceType"]).model_validate(e["resource"])
    args = {"kind": s["kind"], "input": s["input"]}
    if s["options"] is not None:
        args["options"] = s["options"]
    case(s["name"], "export", args, {"bundle": s["bundle"]})


def encode(value):
    """JSON text where Num values are written as bare numbers."""
    lines = [json.dumps(mark(c), ensure_ascii=False) for c in value["cases"]]
    head = json.dumps({"about": value["about"]}, ensure_ascii=False)[:-1]
    text = head + ',\n "cases": [\n  ' + ",\n  ".join(lines) + "\n ]\n}\n"
    return RAW.sub(lambda m: m.group(1), text)


ABOUT = (
    "FHIR R4 exports, the catalog round trip and the catalog import. op export: args.kind is journey, itinerary, "
    "quote, estimate, adjudication, policy or catalog, args.input the value in its JSON shape (validated as its "
    "from_json does), args.options FhirOptions ({patient, created}) when given; the result is the Bundle "
    "(to_fhir_with(options), or to_fhir()). op roundtrip: Catalog.from_fhir(Catalog(args.catalog).to_fhir()). "
    "op import: Catalog.from_fhir(args.bundle); op import_text: Catalog.from_fhir(args.text) for JSON text. "
    "expect.bundle / expect.catalog is a subset of the result: every key given must match, arrays have the "
    "same length, {} matches any element. Numbers in bundles are FHIR decimals, precision-significant: compare "
    "their exact text (8400.00 is not 8400.0; parse this file keeping number text, e.g. Python "
    "json.loads(parse_float=str)); numbers in catalogs compare as floats. An error case gives the code, and for "
    "invalid_fhir the entry (errorEntry) and the element path (errorElement) the error names. The sample_* "
    "cases are the core's own bundles of the sample case, validated with fhir.resources (R4B); the others "
    "were written by hand from the mapping (tests/vectors/tools/make_fhir_vectors.py)."
)
(ROOT / "tests/vectors/fhir.json").write_text(encode({"about": ABOUT, "cases": cases}))
print(f"wrote {len(cases)} cases")
