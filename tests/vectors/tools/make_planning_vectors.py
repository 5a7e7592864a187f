"""Writes tests/vectors/planning.json: the trip planner, telehealth slots and refunds.

The expectations are worked out here, independently of the library: telehealth slots by a
minute-by-minute search with Python's zoneinfo, refunds with Python's decimal module, and
the plan's key dates from the rules the README states (arrival, procedure two days later,
fit to fly after ten days, the guide's day-12 wound check, two leisure days, the balance
14 days before departure, refunds 30 and 14 days before the procedure).
Run: python3 tests/vectors/tools/make_planning_vectors.py
"""
import copy
import json
from datetime import date, datetime, time, timedelta, timezone
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "core" / "src" / "samples"
UTC = timezone.utc
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def load(name):
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def iso(t):
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_instant(zone, d, hm):
    """A local time as an instant, moved forward out of a daylight-saving gap."""
    tz = ZoneInfo(zone)
    naive = datetime.combine(d, hm)
    for _ in range(4):
        t = naive.replace(tzinfo=tz, fold=0)
        # A time in a gap does not survive the round trip through UTC.
        if t.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == naive:
            return t.astimezone(UTC)
        naive += timedelta(minutes=30)
    raise ValueError("no such local time")


def fits(zone, hours, days, t, minutes):
    tz = ZoneInfo(zone)
    d = t.astimezone(tz).date()
    if WEEKDAYS[d.weekday()] not in days:
        return False
    start = local_instant(zone, d, hours[0])
    end = local_instant(zone, d, hours[1])
    return start <= t and t + timedelta(minutes=minutes) <= end


def slots(zone_a, zone_b, start, end, minutes, hours_a, hours_b, days_a, days_b, step, limit):
    """Every call start, by brute force: the first minute both can take in each common
    stretch, then every `step` minutes while the call still fits."""
    out = []
    t = start
    prev_ok = False
    run_start = None
    while t + timedelta(minutes=minutes) <= end and len(out) < limit:
        ok = fits(zone_a, hours_a, days_a, t, minutes) and fits(zone_b, hours_b, days_b, t, minutes)
        if ok and not prev_ok:
            run_start = t
        if ok and (t - run_start) % timedelta(minutes=step) == timedelta(0):
            out.append(t)
        prev_ok = ok
        t += timedelta(minutes=1)
    tza, tzb = ZoneInfo(zone_a), ZoneInfo(zone_b)
    return [
        {
            "start": iso(s),
            "end": iso(s + timedelta(minutes=minutes)),
            "startA": s.astimezone(tza).isoformat(),
            "startB": s.astimezone(tzb).isoformat(),
        }
        for s in out
    ]


def hm(text):
    return time.fromisoformat(text)


def telehealth_case(name, zone_a, zone_b, start, end, minutes, options, days_a, days_b):
    ha = options.get("hoursA", {"start": "09:00", "end": "17:00"})
    hb = options.get("hoursB", {"start": "09:00", "end": "17:00"})
    expect = slots(
        zone_a,
        zone_b,
        datetime.fromisoformat(start),
        datetime.fromisoformat(end),
        minutes,
        (hm(ha["start"]), hm(ha["end"])),
        (hm(hb["start"]), hm(hb["end"])),
        days_a,
        days_b,
        options.get("stepMinutes", 30),
        options.get("limit", 20),
    )
    return {
        "name": name,
        "op": "telehealth_slots",
        "args": {"zoneA": zone_a, "zoneB": zone_b, "start": start, "end": end, "minutes": minutes, "options": options},
        "expect": expect,
    }


MON_FRI = WEEKDAYS[:5]
SUN_THU = ["sunday", "monday", "tuesday", "wednesday", "thursday"]


def money(amount, currency):
    return {"amount": amount, "currency": currency}


def refund(terms, paid, currency, procedure, cancelled):
    """The refund by the windows' reading: the window with the most days the cancellation
    still reaches; half-even to minor units (2 here)."""
    days = (date.fromisoformat(procedure) - date.fromisoformat(cancelled)).days
    windows = terms.get("refundWindows") or ([{"daysBefore": 1, "percent": "100"}] if terms["refundable"] else [])
    if not terms["refundable"]:
        windows = []
    windows = sorted(windows, key=lambda w: -w["daysBefore"])
    percent = next((Decimal(w["percent"]) for w in windows if days >= w["daysBefore"]), Decimal(0))
    amount = (Decimal(paid) * percent / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    return {
        "daysBefore": days,
        "percent": str(percent),
        "amount": money(f"{amount:.2f}", currency),
        "retained": money(f"{Decimal(paid) - amount:.2f}", currency),
    }


def plan_request():
    """PT-0042's request with a one-clinic catalog and the two rates it needs."""
    req = load("plan_request.json")
    catalog = load("catalog.json")
    req["catalog"] = {"providers": [p for p in catalog["providers"] if p["id"] == "bosphorus-ortho"]}
    req["quote"] = next(q for q in load("quotes.json") if q["providerId"] == "bosphorus-ortho")
    fx = load("fx.json")
    req["fx"] = {"base": "EUR", "rates": [r for r in fx["rates"] if r["to"] in ("GBP",)]}
    return req


def main():
    cases = []
    req = plan_request()
    # The sample trip. Flight 10:00 London (GMT) on 15 Feb, 4.5 h: lands 17:30 Istanbul the
    # same day. Procedure two days later (the guide gives 1-3 days before), the pre-op visit
    # the day before; 5 hospital nights as quoted (discharge 22 Feb); fit to fly from day 10
    # (27 Feb); the guide's wound check on day 12 (1 Mar) comes first, then the 2 leisure
    # days (1 and 2 Mar): flight home on day 14, 3 Mar. Records on asOf; the consultation
    # three days later, Thursday 26 Nov at 09:00 London (12:00 Istanbul), the first time
    # both work. Deposit 7 days after booking; balance 14 days before departure.
    key_dates = {
        "recordsSent": "2026-11-23",
        "recordsBy": "2026-11-23",
        "consultation": "2026-11-26",
        "depositDue": "2026-11-30",
        "balanceDue": "2027-02-01",
        "depart": "2027-02-15",
        "arrive": "2027-02-15",
        "preOp": "2027-02-16",
        "procedure": "2027-02-17",
        "discharge": "2027-02-22",
        "fitToFly": "2027-02-27",
        "advisedReturn": "2027-02-27",
        "flyHome": "2027-03-03",
        "home": "2027-03-03",
    }
    ids = [
        "records-transfer", "consultation-video", "transfer-to-airport", "flight-out",
        "transfer-arrival", "hotel", "pre-op-visit", "transfer-to-clinic", "hospital",
        "procedure", "clinic-check-day-3", "discharge", "rest-1", "clinic-check-day-12",
        "leisure-day-12", "rest-2", "leisure-day-13", "rest-3", "transfer-to-airport-home",
        "flight-home", "transfer-home", "own-doctor-day-16", "video-follow-up-day-42",
        "video-follow-up-day-90", "own-doctor-day-365",
    ]
    # 8400.00 EUR at 0.8731 = 7334.04 GBP, spread over the package lines (7334.05 after
    # rounding each line); 16 hotel nights at 95.00 = 1520.00; fares 640.00, insurance
    # 185.00, fee 350.00. Deposit: 20 % of 8400.00 EUR = 1680.00 EUR = 1466.81 GBP.
    deposit = "1466.81"
    refunds = [
        {"from": "2026-11-30", "until": "2027-01-18", "percent": "100", "amount": money(deposit, "GBP")},
        {"from": "2027-01-19", "until": "2027-02-03", "percent": "50", "amount": money("733.40", "GBP")},
        {"from": "2027-02-04", "percent": "0", "amount": money("0.00", "GBP")},
    ]
    expect = {
        "keyDates": key_dates,
        "itemIds": ids,
        "statuses": {"flight-out": "to_book", "flight-home": "to_book", "hotel": "to_book", "procedure": "proposed", "consultation-video": "proposed"},
        "itemStarts": {
            "consultation-video": "2026-11-26T09:00:00Z",
            "flight-out": "2027-02-15T10:00:00Z",
            "procedure": "2027-02-17T06:00:00Z",
            "flight-home": "2027-03-03T13:00:00Z",
            "video-follow-up-day-42": "2027-03-31T08:00:00Z",
        },
        "flightNumbers": ["", ""],
        "estimateTotal": money("10029.05", "GBP"),
        "payments": [
            {"number": 1, "kind": "deposit", "due": "2026-11-30", "amount": money(deposit, "GBP")},
            {"number": 2, "kind": "installment", "due": "2027-02-01", "amount": money("8562.24", "GBP")},
        ],
        "refunds": refunds,
        "noteCodes": [],
        "errorFindings": 0,
        "reasonsPerItem": 1,
    }
    cases.append({"name": "pt0042_knee_replacement_in_istanbul_flies_home_on_day_14", "op": "plan_trip", "args": {"request": req}, "expect": expect})
    cases.append({
        "name": "sample_plan_request_is_the_same_trip_with_the_full_catalog",
        "op": "plan_sample_trip",
        "args": {},
        "expect": {"keyDates": key_dates, "itemIds": ids, "estimateTotal": money("10029.05", "GBP"), "errorFindings": 0, "reasonsPerItem": 1},
    })
    r = copy.deepcopy(req)
    r["latestReturn"] = "2027-02-27"
    shortened = dict(key_dates, flyHome="2027-02-27", home="2027-02-27")
    cases.append({
        "name": "a_latest_return_on_the_fit_to_fly_day_drops_leisure_and_moves_the_wound_check",
        "op": "plan_trip",
        "args": {"request": r},
        "expect": {"keyDates": shortened, "noteCodes": ["leisure_shortened", "return_before_advised"], "errorFindings": 0},
    })
    r = copy.deepcopy(req)
    r["latestReturn"] = "2027-02-26"
    cases.append({"name": "a_latest_return_before_fit_to_fly_is_no_feasible_plan", "op": "plan_trip", "args": {"request": r}, "error": "no_feasible_plan"})
    r = copy.deepcopy(req)
    r["providerId"] = "siam-joint"
    cases.append({"name": "a_provider_not_in_the_catalog_is_invalid_input", "op": "plan_trip", "args": {"request": r}, "error": "invalid_input"})
    r = copy.deepcopy(req)
    r["procedure"] = "cabg"
    cases.append({"name": "a_procedure_the_provider_does_not_offer_is_invalid_input", "op": "plan_trip", "args": {"request": r}, "error": "invalid_input"})
    r = copy.deepcopy(req)
    r["procedure"] = "teleportation"
    cases.append({"name": "a_procedure_without_a_guide_is_unknown_procedure", "op": "plan_trip", "args": {"request": r}, "error": "unknown_procedure"})
    r = copy.deepcopy(req)
    r["patient"]["timeZone"] = "Mars/Base"
    cases.append({"name": "a_patient_zone_that_is_not_iana_is_unknown_time_zone", "op": "plan_trip", "args": {"request": r}, "error": "unknown_time_zone"})
    r = copy.deepcopy(req)
    r["preferences"]["leisureDays"] = 61
    cases.append({"name": "more_than_60_leisure_days_is_invalid_input", "op": "plan_trip", "args": {"request": r}, "error": "invalid_input"})
    r = copy.deepcopy(req)
    del r["catalog"]["providers"][0]["timeZone"]
    cases.append({"name": "a_provider_without_a_time_zone_is_invalid_input", "op": "plan_trip", "args": {"request": r}, "error": "invalid_input"})
    r = copy.deepcopy(req)
    r["asOf"] = "+262142-11-01"
    r["earliestDeparture"] = "+262142-11-02"
    del r["latestReturn"]
    cases.append({"name": "dates_at_the_end_of_the_calendar_are_overflow", "op": "plan_trip", "args": {"request": r}, "error": "overflow"})
    r = copy.deepcopy(req)
    r["fx"] = {"rates": []}
    cases.append({"name": "a_quote_in_euros_without_a_rate_to_pounds_is_no_rate", "op": "plan_trip", "args": {"request": r}, "error": "no_rate"})
    # The request is strict at every level the planner owns: a misspelt field is refused.
    r = copy.deepcopy(req)
    r["flightHour"] = 4
    cases.append({"name": "a_request_field_the_planner_does_not_have_is_unknown_field", "op": "plan_trip", "args": {"request": r}, "error": "unknown_field"})
    r = copy.deepcopy(req)
    r["patient"]["homeTown"] = "Leeds"
    cases.append({"name": "a_patient_field_the_planner_does_not_have_is_unknown_field", "op": "plan_trip", "args": {"request": r}, "error": "unknown_field"})
    r = copy.deepcopy(req)
    r["patient"]["callDays"] = ["monday", "funday"]
    cases.append({"name": "a_day_that_is_not_a_day_of_the_week_is_invalid_input", "op": "plan_trip", "args": {"request": r}, "error": "invalid_input"})

    # Telehealth: London and Bangkok across London's change to summer time (28 Mar 2027).
    cases.append(telehealth_case(
        "london_bangkok_one_common_hour_in_winter_two_after_the_clocks_change",
        "Europe/London", "Asia/Bangkok", "2027-03-25T00:00:00+00:00", "2027-03-30T00:00:00+00:00", 30,
        {"countryA": "GB", "countryB": "TH", "limit": 50}, MON_FRI, MON_FRI))
    cases.append(telehealth_case(
        "london_riyadh_share_monday_to_thursday_as_riyadh_rests_friday_and_saturday",
        "Europe/London", "Asia/Riyadh", "2027-03-25T00:00:00+00:00", "2027-03-30T00:00:00+00:00", 60,
        {"countryA": "GB", "countryB": "SA", "stepMinutes": 60, "limit": 50}, MON_FRI, SUN_THU))
    # New York mornings and London mornings meet only in the two weeks New York is on
    # summer time (14 Mar 2027) and London not yet (28 Mar 2027).
    cases.append(telehealth_case(
        "new_york_and_london_meet_only_while_their_clocks_change_apart",
        "America/New_York", "Europe/London", "2027-03-12T00:00:00+00:00", "2027-03-31T00:00:00+00:00", 45,
        {"hoursA": {"start": "08:00", "end": "12:00"}, "hoursB": {"start": "09:00", "end": "13:00"}, "stepMinutes": 15, "limit": 60},
        MON_FRI, MON_FRI))
    cases.append(telehealth_case(
        "sydney_and_istanbul_as_sydney_leaves_summer_time",
        "Australia/Sydney", "Europe/Istanbul", "2027-04-01T00:00:00+00:00", "2027-04-08T00:00:00+00:00", 30,
        {"hoursA": {"start": "15:00", "end": "20:00"}, "daysB": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday"], "limit": 40},
        MON_FRI, WEEKDAYS[:6]))
    cases.append(telehealth_case(
        "hours_that_never_meet_give_no_slot",
        "Europe/London", "Asia/Tokyo", "2027-05-03T00:00:00+00:00", "2027-05-08T00:00:00+00:00", 30,
        {}, MON_FRI, MON_FRI))
    base = {"zoneA": "Europe/London", "zoneB": "Asia/Bangkok", "start": "2027-01-04T00:00:00Z", "end": "2027-01-10T00:00:00Z", "minutes": 30, "options": {}}
    for name, change, code in [
        ("an_unknown_zone_is_unknown_time_zone", {"zoneB": "Asia/Atlantis"}, "unknown_time_zone"),
        ("a_window_over_400_days_is_invalid_input", {"end": "2028-02-10T00:00:00Z"}, "invalid_input"),
        ("an_end_before_the_start_is_invalid_input", {"end": "2027-01-01T00:00:00Z"}, "invalid_input"),
        ("a_zero_minute_call_is_invalid_input", {"minutes": 0}, "invalid_input"),
        ("hours_ending_before_they_start_are_invalid_input", {"options": {"hoursB": {"start": "17:00", "end": "09:00"}}}, "invalid_input"),
        ("no_working_day_is_invalid_input", {"options": {"daysA": []}}, "invalid_input"),
        ("a_limit_over_1000_is_invalid_input", {"options": {"limit": 1001}}, "invalid_input"),
        ("an_option_it_does_not_have_is_unknown_field", {"options": {"hoursC": {"start": "09:00", "end": "17:00"}}}, "unknown_field"),
        ("a_day_that_is_not_a_day_of_the_week_is_invalid_input", {"options": {"daysB": ["funday"]}}, "invalid_input"),
    ]:
        args = dict(base, **change)
        cases.append({"name": f"telehealth_{name}", "op": "telehealth_slots", "args": args, "error": code})

    # Refunds at each window boundary of the sample quote's terms (full until 30 days before
    # the procedure on 17 Feb 2027, half until 14 days, nothing after).
    terms = next(q for q in load("quotes.json") if q["providerId"] == "bosphorus-ortho")["deposit"]
    for cancelled, why in [
        ("2027-01-18", "thirty_days_before_is_still_a_full_refund"),
        ("2027-01-19", "twenty_nine_days_before_is_half"),
        ("2027-02-03", "fourteen_days_before_is_still_half"),
        ("2027-02-04", "thirteen_days_before_is_nothing"),
        ("2027-02-17", "on_the_day_is_nothing"),
    ]:
        cases.append({
            "name": f"refund_{why}",
            "op": "refund_due",
            "args": {"terms": terms, "paid": money(deposit, "GBP"), "procedureDate": "2027-02-17", "cancelledOn": cancelled},
            "expect": refund(terms, deposit, "GBP", "2027-02-17", cancelled),
        })
    plain = {"deposit": {"percent": "25"}, "refundable": True}
    cases.append({
        "name": "refund_a_refundable_deposit_without_windows_is_full_until_the_day_before",
        "op": "refund_due",
        "args": {"terms": plain, "paid": money("100.00", "EUR"), "procedureDate": "2027-05-01", "cancelledOn": "2027-04-30"},
        "expect": refund(plain, "100.00", "EUR", "2027-05-01", "2027-04-30"),
    })
    odd = {"deposit": {"percent": "20"}, "refundable": True, "refundWindows": [{"daysBefore": 7, "percent": "33.33"}]}
    cases.append({
        "name": "refund_rounds_half_even_once_and_the_rest_is_kept",
        "op": "refund_due",
        "args": {"terms": odd, "paid": money("100.05", "EUR"), "procedureDate": "2027-05-01", "cancelledOn": "2027-04-01"},
        "expect": refund(odd, "100.05", "EUR", "2027-05-01", "2027-04-01"),
    })
    for name, bad_terms, paid, code in [
        ("a_window_over_100_percent", {"deposit": {"percent": "20"}, "refundable": True, "refundWindows": [{"daysBefore": 7, "percent": "120"}]}, "10.00", "invalid_payment_plan"),
        ("a_later_window_returning_more", {"deposit": {"percent": "20"}, "refundable": True, "refundWindows": [{"daysBefore": 30, "percent": "50"}, {"daysBefore": 7, "percent": "100"}]}, "10.00", "invalid_payment_plan"),
        ("windows_on_a_non_refundable_deposit", {"deposit": {"percent": "20"}, "refundable": False, "refundWindows": [{"daysBefore": 7, "percent": "50"}]}, "10.00", "invalid_payment_plan"),
        ("a_negative_payment", terms, "-1.00", "invalid_amount"),
    ]:
        cases.append({
            "name": f"refund_{name}_is_{code}",
            "op": "refund_due",
            "args": {"terms": bad_terms, "paid": money(paid, "GBP"), "procedureDate": "2027-02-17", "cancelledOn": "2027-01-01"},
            "error": code,
        })

    # Remedies on the sample itinerary's findings: the flight home leaves 5 days after the
    # knee replacement; the fit-to-fly table's minimum for its category gives the date.
    itinerary = load("itinerary.json")
    fit = json.loads((ROOT / "core" / "src" / "itinerary" / "fit_to_fly.json").read_text(encoding="utf-8"))
    category = itinerary["traveller"]["procedureCategory"]
    rule = next(r for r in fit["rules"] if r["category"] == category)
    op_day = datetime.fromisoformat(next(i for i in itinerary["items"] if i["id"] == "procedure")["start"]).date()
    cases.append({
        "name": "the_sample_itinerarys_fit_to_fly_error_says_fly_home_on_or_after_the_minimum",
        "op": "remedy",
        "args": {"itinerary": itinerary, "rules": {}, "code": "fit_to_fly"},
        "expect": {"kind": "fly_on_or_after", "item": "flight-home", "date": (op_day + timedelta(days=rule["minDays"])).isoformat()},
    })
    bad = copy.deepcopy(itinerary)
    bad["items"][0]["zone"] = "Europe/Atlantis"
    cases.append({"name": "remedy_an_itinerary_with_an_unknown_zone_is_unknown_time_zone", "op": "remedy", "args": {"itinerary": bad, "rules": {}, "code": "fit_to_fly"}, "error": "unknown_time_zone"})
    cases.append({"name": "remedy_a_rule_the_checks_do_not_have_is_unknown_field", "op": "remedy", "args": {"itinerary": itinerary, "rules": {"minConnection": 30}, "code": "fit_to_fly"}, "error": "unknown_field"})

    out = {
        "about": (
            "The trip planner, telehealth times and deposit refunds. Each case: op, args (the documented JSON shapes, camelCase fields, "
            "snake_case enums, money {amount, currency}) and either expect or error (the stable error code). expect is partial: every key it "
            "names must match (arrays element by element and of the same length; amounts compare as decimals). Ops: "
            "plan_trip(request) and plan_sample_trip() (samples.plan_request()) -> a plan, compared through these derived keys: keyDates "
            "(the plan's keyDates, every field named), itemIds (itinerary item ids in order), statuses (item id -> status), itemStarts "
            "(item id -> start as RFC 3339 in UTC), flightNumbers (the flightNumber of every flight, in order), estimateTotal (estimate.total), "
            "payments (payments.payments), refunds, noteCodes (the codes of notes, in order), errorFindings (how many findings have "
            "severity error: always 0), reasonsPerItem (reasons per item id: 1 when every item has exactly one). "
            "telehealth_slots(zoneA, zoneB, start, end, minutes, options) -> the slots, each compared on start and end (instants, UTC) and "
            "startA, startB (the same instant on each party's clock, RFC 3339 with that day's offset). refund_due(terms, paid, "
            "procedureDate, cancelledOn) -> {daysBefore, percent, amount, retained, ...}. remedy(itinerary, rules, code) -> the remedy of the "
            "first finding of check(itinerary, rules) with that code, as its JSON (kind, text and the kind's fields), or null. Written by tests/vectors/tools/"
            "make_planning_vectors.py, which works the answers out on its own (zoneinfo, decimal)."
        ),
        "cases": cases,
    }
    path = ROOT / "tests" / "vectors" / "planning.json"
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(cases)} cases to {path}")


if __name__ == "__main__":
    main()
