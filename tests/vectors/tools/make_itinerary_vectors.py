"""Writes tests/vectors/itinerary.json: for each finding code, an itinerary that triggers it
and one that does not, plus DST, iCalendar, summary and bad-input cases.

The expectations below are written by hand from the rules, not copied from the library's
output. Run: python3 tests/vectors/tools/make_itinerary_vectors.py
"""
import copy
import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

LON = "Europe/London"
DEST = {  # airport, zone, flight hours from MAN
    "TR": ("IST", "Europe/Istanbul", 4),
    "IN": ("MAA", "Asia/Kolkata", 10),
    "TH": ("BKK", "Asia/Bangkok", 12),
    "DE": ("FRA", "Europe/Berlin", 2),
}


def at(local, zone):
    """A local wall-clock time as RFC 3339 with the zone's offset at that time."""
    return datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(zone)).isoformat()


def shift(text, **kw):
    return (datetime.fromisoformat(text) + timedelta(**kw)).isoformat()


def base(dest="TR", home_days=12, stay_km=1.2):
    """A clean trip: out 2027-02-15, procedure 2027-02-17, home `home_days` later."""
    airport, zone, hours = DEST[dest]
    dep = at("2027-02-15T09:45", LON)
    arr = datetime.fromisoformat(dep).astimezone(ZoneInfo(zone)) + timedelta(hours=hours)
    arr = arr.isoformat()
    home_date = (datetime(2027, 2, 17) + timedelta(days=home_days)).date().isoformat()
    home_dep = at(f"{home_date}T14:40", zone)
    home_arr = (datetime.fromisoformat(home_dep) + timedelta(hours=hours)).astimezone(ZoneInfo(LON)).isoformat()
    check_date = (datetime(2027, 2, 17) + timedelta(days=home_days - 1)).date().isoformat()
    return {
        "id": f"vec-{dest.lower()}",
        "title": "vector trip",
        "updatedAt": "2026-11-22T09:00:00Z",
        "traveller": {"patientId": "PT-V", "homeCountry": "GB", "nationality": "GB",
                      "passportExpires": "2030-01-01", "procedureCategory": "hip_or_knee_replacement"},
        "items": [
            {"id": "flight-out", "type": "flight", "title": "out", "carrier": "XX", "flightNumber": "XX1",
             "from": "MAN", "to": airport, "fromCountry": "GB", "toCountry": dest,
             "start": dep, "end": arr, "zone": LON, "endZone": zone},
            {"id": "stay", "type": "stay", "title": "hotel", "distanceToClinicKm": stay_km,
             "start": arr, "end": at(f"{home_date}T08:00", zone), "zone": zone},
            {"id": "consultation", "type": "appointment", "appointmentType": "consultation", "title": "consult",
             "start": at("2027-02-16T09:30", zone), "end": at("2027-02-16T10:30", zone), "zone": zone},
            {"id": "procedure", "type": "appointment", "appointmentType": "procedure", "title": "operation",
             "start": at("2027-02-17T08:00", zone), "end": at("2027-02-17T11:00", zone), "zone": zone},
            {"id": "post-op-check", "type": "appointment", "appointmentType": "post_op_check", "title": "check",
             "start": at(f"{check_date}T09:00", zone), "end": at(f"{check_date}T09:45", zone), "zone": zone},
            {"id": "flight-home", "type": "flight", "title": "home", "carrier": "XX", "flightNumber": "XX2",
             "from": airport, "to": "MAN", "fromCountry": dest, "toCountry": "GB",
             "start": home_dep, "end": home_arr, "zone": zone, "endZone": LON},
            {"id": "follow-up", "type": "appointment", "appointmentType": "telehealth", "title": "video call",
             "start": at("2027-06-10T10:00", LON), "end": at("2027-06-10T10:30", LON), "zone": LON},
        ],
    }


def item(it, item_id):
    return next(i for i in it["items"] if i["id"] == item_id)


def drop(it, item_id):
    it["items"] = [i for i in it["items"] if i["id"] != item_id]
    return it


def visa_task(days_before, zone="Asia/Kolkata", person="patient", item_id="visa"):
    day = (datetime(2027, 2, 16) - timedelta(days=days_before)).date().isoformat()
    return {"id": item_id, "type": "document_task", "task": "visa_application", "country": "IN",
            "person": person, "title": "apply for e-Medical visa",
            "start": at(f"{day}T10:00", LON), "end": at(f"{day}T10:00", LON), "zone": LON}


def f(code, sev, *items):
    return {"code": code, "severity": sev, "items": list(items)}


cases = []


def case(name, it, expect=None, rules=None, error=None):
    args = {"itinerary": it}
    if rules is not None:
        args["rules"] = rules
    c = {"name": name, "op": "check", "args": args}
    if error:
        c["error"] = error
    else:
        c["expect"] = {"findings": expect}
    cases.append(c)


# ---- the clean bases -------------------------------------------------------------
case("clean_trip_to_turkey_has_no_findings", base("TR"), [])
case("clean_trip_to_thailand_has_no_findings", base("TH"), [])

# ---- overlap ---------------------------------------------------------------------
it = base(); it["items"].append({"id": "ferry", "type": "leisure", "title": "ferry",
    "start": at("2027-02-16T10:00", "Europe/Istanbul"), "end": at("2027-02-16T12:00", "Europe/Istanbul"), "zone": "Europe/Istanbul"})
case("overlap_leisure_during_consultation", it, [f("overlap", "error", "consultation", "ferry")])
it = base(); it["items"].append({"id": "ferry", "type": "leisure", "title": "ferry",
    "start": at("2027-02-16T10:30", "Europe/Istanbul"), "end": at("2027-02-16T12:00", "Europe/Istanbul"), "zone": "Europe/Istanbul"})
case("overlap_not_when_one_ends_as_the_next_starts", it, [])
it = base(); it["items"].append({"id": "ferry", "type": "leisure", "title": "ferry", "companionOnly": True,
    "start": at("2027-02-16T10:00", "Europe/Istanbul"), "end": at("2027-02-16T12:00", "Europe/Istanbul"), "zone": "Europe/Istanbul"})
case("overlap_not_for_companion_only_items", it, [])
# Items that overlap one another (directly or through each other) are one finding, named in
# start order, so n simultaneous items make one finding, not n(n-1)/2.
it = base()
for k, (a, b) in enumerate([("2027-02-16T10:00", "2027-02-16T12:00"), ("2027-02-16T11:30", "2027-02-16T13:00"),
                            ("2027-02-16T12:30", "2027-02-16T13:30")]):
    it["items"].append({"id": f"tour-{k}", "type": "leisure", "title": "tour",
        "start": at(a, "Europe/Istanbul"), "end": at(b, "Europe/Istanbul"), "zone": "Europe/Istanbul"})
case("overlap_chain_of_four_items_is_one_finding", it,
     [f("overlap", "error", "consultation", "tour-0", "tour-1", "tour-2")])
it = base(); it["items"].append({"id": "deadline", "type": "leisure", "title": "call back",
    "start": at("2027-02-16T09:30", "Europe/Istanbul"), "end": at("2027-02-16T09:30", "Europe/Istanbul"), "zone": "Europe/Istanbul"})
case("overlap_not_for_a_deadline_at_the_start_of_an_item", it, [])
it = base(); it["items"].append({"id": "deadline", "type": "leisure", "title": "call back",
    "start": at("2027-02-16T10:00", "Europe/Istanbul"), "end": at("2027-02-16T10:00", "Europe/Istanbul"), "zone": "Europe/Istanbul"})
case("overlap_a_deadline_inside_an_item", it, [f("overlap", "error", "consultation", "deadline")])

# ---- tight_connection ------------------------------------------------------------
def connection(gap_minutes):
    it = base()
    out = item(it, "flight-out")
    leg1_end = shift(at("2027-02-15T07:00", LON), minutes=0)
    leg1 = {"id": "flight-leg1", "type": "flight", "title": "MAN-LHR", "from": "MAN", "to": "LHR",
            "fromCountry": "GB", "toCountry": "GB", "start": at("2027-02-15T06:00", LON), "end": leg1_end, "zone": LON}
    out.update({"from": "LHR", "start": shift(leg1_end, minutes=gap_minutes)})
    out["end"] = shift(out["end"], minutes=gap_minutes - 165)
    it["items"].insert(0, leg1)
    return it
case("tight_connection_80_min_international", connection(80), [f("tight_connection", "error", "flight-leg1", "flight-out")])
case("tight_connection_not_at_100_min_international", connection(100), [])
case("tight_connection_respects_caller_minimum", connection(100), [f("tight_connection", "error", "flight-leg1", "flight-out")],
     rules={"minConnectionInternationalMinutes": 120})

def dst_connection(dep_local):
    """London clocks go forward at 01:00 GMT on 2027-03-28: 03:00 BST is 02:00 UTC."""
    return {
        "id": "vec-dst", "updatedAt": "2026-11-22T09:00:00Z",
        "traveller": {"homeCountry": "GB", "nationality": "GB", "passportExpires": "2030-01-01"},
        "items": [
            {"id": "leg1", "type": "flight", "from": "MAN", "to": "LHR", "fromCountry": "GB", "toCountry": "GB",
             "start": at("2027-03-27T23:55", LON), "end": at("2027-03-28T00:50", LON), "zone": LON},
            {"id": "leg2", "type": "flight", "from": "LHR", "to": "IST", "fromCountry": "GB", "toCountry": "TR",
             "start": at(dep_local, LON), "end": at("2027-03-28T09:30", "Europe/Istanbul"), "zone": LON, "endZone": "Europe/Istanbul"},
            {"id": "hotel", "type": "stay", "start": at("2027-03-28T09:30", "Europe/Istanbul"),
             "end": at("2027-04-02T08:00", "Europe/Istanbul"), "zone": "Europe/Istanbul"},
            {"id": "leg3", "type": "flight", "from": "IST", "to": "MAN", "fromCountry": "TR", "toCountry": "GB",
             "start": at("2027-04-02T14:40", "Europe/Istanbul"), "end": at("2027-04-02T16:55", LON), "zone": "Europe/Istanbul", "endZone": LON},
        ],
    }
case("tight_connection_across_spring_forward_counts_real_minutes", dst_connection("2027-03-28T03:00"),
     [f("tight_connection", "error", "leg1", "leg2")])
case("tight_connection_not_when_real_gap_is_100_min_across_spring_forward", dst_connection("2027-03-28T03:30"), [])

# ---- tight_landing_to_appointment ------------------------------------------------
it = base(); c = item(it, "consultation")
c["start"], c["end"] = at("2027-02-15T18:45", "Europe/Istanbul"), at("2027-02-15T19:30", "Europe/Istanbul")
case("tight_landing_to_appointment_two_hours_after_landing", it,
     [f("tight_landing_to_appointment", "warning", "flight-out", "consultation")])
case("tight_landing_to_appointment_not_next_morning", base(), [])

# ---- fit_to_fly and friends ------------------------------------------------------
it = base(home_days=5)
case("fit_to_fly_knee_replacement_flight_after_5_days", it, [f("fit_to_fly", "error", "procedure", "flight-home")])
case("fit_to_fly_not_after_10_days", base(home_days=10), [])
case("fit_to_fly_rule_overridden_by_caller", base(home_days=5), [],
     rules={"fitToFlyOverrides": [{"category": "hip_or_knee_replacement", "minDays": 5, "source": "treating surgeon"}]})
case("fit_to_fly_advice_between_minimum_and_advised_days", base(home_days=12),
     [f("fit_to_fly_advice", "warning", "procedure", "flight-home")],
     rules={"fitToFlyOverrides": [{"category": "hip_or_knee_replacement", "minDays": 10, "advisedDays": 14, "source": "treating surgeon"}]})
case("fit_to_fly_advice_not_after_advised_days", base(home_days=14), [],
     rules={"fitToFlyOverrides": [{"category": "hip_or_knee_replacement", "minDays": 10, "advisedDays": 14, "source": "treating surgeon"}]})
it = base(); it["traveller"]["procedureCategory"] = "ear_piercing"
case("fit_to_fly_unknown_category", it, [f("fit_to_fly_unknown", "info", "procedure")])
it = base(); it["traveller"]["procedureCategory"] = "ear_piercing"
item(it, "procedure")["procedureCategory"] = "hip_or_knee_replacement"
case("fit_to_fly_unknown_not_when_the_appointment_names_a_known_category", it, [])

# ---- night_without_bed -----------------------------------------------------------
it = base(); item(it, "stay")["end"] = at("2027-02-26T10:00", "Europe/Istanbul")
case("night_without_bed_after_hotel_checkout", it, [f("night_without_bed", "error", "flight-out", "flight-home")])
it = base(); it["items"].append({"id": "stay-2", "type": "stay", "title": "second hotel",
    "start": at("2027-02-26T10:00", "Europe/Istanbul"), "end": at("2027-03-01T08:00", "Europe/Istanbul"), "zone": "Europe/Istanbul"})
item(it, "stay")["end"] = at("2027-02-26T10:00", "Europe/Istanbul")
case("night_without_bed_not_when_a_second_stay_follows", it, [])

# ---- stay_far_from_clinic --------------------------------------------------------
case("stay_far_from_clinic_25_km_after_procedure", base(stay_km=25.0), [f("stay_far_from_clinic", "warning", "stay", "procedure")])
case("stay_far_from_clinic_not_at_8_km", base(stay_km=8.0), [])
case("stay_far_from_clinic_threshold_is_configurable", base(stay_km=8.0), [f("stay_far_from_clinic", "warning", "stay", "procedure")],
     rules={"maxPostOpStayDistanceKm": 5.0})

# ---- no_post_op_check / no_follow_up ---------------------------------------------
case("no_post_op_check_before_flight_home", drop(base(), "post-op-check"), [f("no_post_op_check", "error", "procedure", "flight-home")])
it = base(); c = item(it, "post-op-check")
c.update({"start": at("2027-03-02T09:00", LON), "end": at("2027-03-02T09:30", LON), "zone": LON})
case("no_post_op_check_when_the_check_is_only_after_flying_home", it, [f("no_post_op_check", "error", "procedure", "flight-home")])
case("no_post_op_check_not_when_checked_the_day_before_the_flight", base(), [])
it = base(); it["items"].append({"id": "follow-up-gp", "type": "appointment", "appointmentType": "follow_up", "title": "GP",
    "start": at("2027-03-05T10:00", LON), "end": at("2027-03-05T10:20", LON), "zone": LON})
drop(it, "follow-up")
case("no_follow_up_not_when_an_in_person_follow_up_is_planned", it, [])
case("no_follow_up_after_return", drop(base(), "follow-up"), [f("no_follow_up", "warning", "procedure", "flight-home")])

# ---- visas and passports ---------------------------------------------------------
case("visa_missing_for_india_e_medical", base("IN"), [f("visa_missing", "error", "flight-out")])
it = base("IN"); it["items"].append(visa_task(30))
case("visa_documents_listed_when_applied_in_time", it, [f("visa_documents", "info", "visa")])
case("visa_documents_not_for_visa_free_turkey", base("TR"), [])
it = base("IN"); it["items"].append(visa_task(2))
case("visa_too_late_two_days_before_arrival", it, [f("visa_too_late", "error", "visa", "flight-out"), f("visa_documents", "info", "visa")])
it = base("IN"); it["items"].append(visa_task(4))
case("visa_too_late_not_at_four_days", it, [f("visa_documents", "info", "visa")])
it = base("IN"); it["items"].append(visa_task(150))
case("visa_too_early_150_days_before_arrival", it, [f("visa_too_early", "warning", "visa", "flight-out"), f("visa_documents", "info", "visa")])
it = base("IN"); it["items"].append(visa_task(120))
case("visa_too_early_not_at_120_days", it, [f("visa_documents", "info", "visa")])
it = base("IN"); it["items"].append(visa_task(30)); it["traveller"]["companion"] = {"relation": "spouse", "nationality": "GB"}
case("visa_missing_for_the_companion", it, [f("visa_missing", "error", "flight-out"), f("visa_documents", "info", "visa")])
it = base("IN"); it["items"].append(visa_task(30)); it["items"].append(visa_task(30, person="companion", item_id="visa-companion"))
it["traveller"]["companion"] = {"relation": "spouse", "nationality": "GB"}
case("visa_missing_not_when_the_companion_applies_too", it, [f("visa_documents", "info", "visa"), f("visa_documents", "info", "visa-companion")])
case("visa_stay_too_long_70_days_in_thailand", base("TH", home_days=70), [f("visa_stay_too_long", "error", "flight-out", "flight-home")])
case("visa_stay_too_long_not_at_44_days", base("TH", home_days=42), [])
case("visa_rule_unknown_for_germany", base("DE"), [f("visa_rule_unknown", "info", "flight-out")])
it = base("DE"); it["traveller"]["nationality"] = "DE"
case("visa_rule_unknown_not_for_own_nationality", it, [])
it = base("TR"); it["traveller"]["passportExpires"] = "2027-06-30"
case("passport_validity_turkey_150_days_from_arrival", it, [f("passport_validity", "error", "flight-out")])
it = base("TR"); it["traveller"]["passportExpires"] = "2027-07-15"
case("passport_validity_turkey_not_when_valid_exactly_150_days", it, [])
it = base("DE"); it["traveller"]["passportExpires"] = "2027-02-20"
case("passport_validity_without_rule_still_needs_the_stay", it,
     [f("passport_validity", "error", "flight-out"), f("visa_rule_unknown", "info", "flight-out")])

# ---- rolling visa limits: N days in any M, over every stay -------------------------
def flight(item_id, frm, to, frm_c, to_c, dep_local, dep_zone, hours, arr_zone):
    dep = at(dep_local, dep_zone)
    arr = (datetime.fromisoformat(dep) + timedelta(hours=hours)).astimezone(ZoneInfo(arr_zone)).isoformat()
    return {"id": item_id, "type": "flight", "from": frm, "to": to, "fromCountry": frm_c, "toCountry": to_c,
            "start": dep, "end": arr, "zone": dep_zone, "endZone": arr_zone}


def hotel(item_id, arrive, leave_date, zone):
    """A bed from a landing until the morning of `leave_date`."""
    return {"id": item_id, "type": "stay", "start": arrive["end"], "end": at(f"{leave_date}T08:00", zone), "zone": zone}


def trips(legs):
    """Visits abroad without a procedure: [(airport, country, zone, first day, last day)], flying from MAN."""
    items = []
    for k, (airport, country, zone, first, last) in enumerate(legs, start=1):
        out = flight(f"out-{k}", "MAN", airport, "GB", country, f"{first}T09:00", LON, 4, zone)
        back = flight(f"home-{k}", airport, "MAN", country, "GB", f"{last}T14:00", zone, 4, LON)
        items += [out, hotel(f"hotel-{k}", out, last, zone), back]
    return {"id": "vec-rolling", "updatedAt": "2026-11-22T09:00:00Z",
            "traveller": {"homeCountry": "GB", "nationality": "GB", "passportExpires": "2030-01-01"}, "items": items}

IST = "Europe/Istanbul"
# 50 days (2027-02-01..03-22) plus 45 days (05-12..06-25): 95 days within the 180 up to 06-25.
case("visa_stay_too_long_turkey_90_in_any_180_counts_every_stay",
     trips([("IST", "TR", IST, "2027-02-01", "2027-03-22"), ("IST", "TR", IST, "2027-05-12", "2027-06-25")]),
     [f("visa_stay_too_long", "error", "out-1", "home-1", "out-2", "home-2")])
# 50 days plus 40 days is exactly 90.
case("visa_stay_too_long_not_at_exactly_90_in_180",
     trips([("IST", "TR", IST, "2027-02-01", "2027-03-22"), ("IST", "TR", IST, "2027-05-12", "2027-06-20")]), [])
# The first stay has left the 180-day window by the end of the second: 50 days then 80.
case("visa_stay_too_long_not_once_the_first_stay_left_the_window",
     trips([("IST", "TR", IST, "2027-01-01", "2027-02-19"), ("IST", "TR", IST, "2027-07-01", "2027-09-18")]), [])
# Schengen: 40 days in Hungary, then straight on to Prague for 55 more; the day of the
# Budapest-Prague flight counts once. 94 days in the area, though each country alone is fine.
BUD, PRG = "Europe/Budapest", "Europe/Prague"
out = flight("out-1", "MAN", "BUD", "GB", "HU", "2027-03-01T09:00", LON, 3, BUD)
hop = flight("bud-prg", "BUD", "PRG", "HU", "CZ", "2027-04-09T12:00", BUD, 1, PRG)
back = flight("home-1", "PRG", "MAN", "CZ", "GB", "2027-06-02T14:00", PRG, 2, LON)
schengen = {"id": "vec-schengen", "updatedAt": "2026-11-22T09:00:00Z",
            "traveller": {"homeCountry": "GB", "nationality": "GB", "passportExpires": "2030-01-01"},
            "items": [out, {"id": "hotel-bud", "type": "stay", "start": out["end"], "end": hop["start"], "zone": BUD}, hop,
                      {"id": "hotel-prg", "type": "stay", "start": hop["end"], "end": at("2027-06-02T08:00", PRG), "zone": PRG}, back]}
case("visa_stay_too_long_schengen_days_count_together_across_countries", schengen,
     [f("visa_stay_too_long", "error", "out-1", "bud-prg", "home-1")])
short = copy.deepcopy(schengen); item(short, "home-1").update(flight("home-1", "PRG", "MAN", "CZ", "GB", "2027-05-27T14:00", PRG, 2, LON))
item(short, "hotel-prg")["end"] = at("2027-05-27T08:00", PRG)
case("visa_stay_too_long_not_at_88_days_across_the_schengen_area", short, [])

# ---- connections between airports of one city, and per-airport minimums -------------
def cross_city(gap_minutes):
    """MAN-LHR, then the outbound flight from Gatwick: 90 min by road plus 90 at LGW."""
    it = connection(gap_minutes)
    item(it, "flight-out")["from"] = "LGW"
    return it
case("tight_connection_changing_airports_heathrow_to_gatwick", cross_city(170),
     [f("tight_connection", "error", "flight-leg1", "flight-out")])
case("tight_connection_not_when_the_road_and_the_minimum_fit", cross_city(180), [])
case("tight_connection_not_between_unrelated_airports", cross_city(170),
     [], rules={"airportTransfers": [{"from": "IST", "to": "SAW", "minutes": 120}]})
case("tight_connection_uses_the_departure_airports_own_minimum", connection(100),
     [f("tight_connection", "error", "flight-leg1", "flight-out")],
     rules={"airportConnections": [{"airport": "LHR", "internationalMinutes": 120, "source": "airline"}]})
case("tight_connection_airport_minimum_can_be_shorter", connection(80), [],
     rules={"airportConnections": [{"airport": "LHR", "internationalMinutes": 75}]})


def istanbul_change(gap_minutes, visa=False):
    """MAN-IST, then on from Sabiha Gokcen to Bangkok: changing airports means entering Turkey."""
    it = base("TH")
    out = item(it, "flight-out")
    leg1 = flight("flight-ist", "MAN", "IST", "GB", "TR", "2027-02-14T20:00", LON, 4, IST)
    out.update({"from": "SAW", "fromCountry": "TR", "zone": IST,
                "start": shift(leg1["end"], minutes=gap_minutes)})
    out["end"] = (datetime.fromisoformat(out["start"]) + timedelta(hours=9)).astimezone(ZoneInfo("Asia/Bangkok")).isoformat()
    item(it, "stay")["start"] = out["end"]
    it["items"].insert(0, leg1)
    return it
case("tight_connection_changing_airports_in_istanbul", istanbul_change(150),
     [f("tight_connection", "error", "flight-ist", "flight-out")])
case("tight_connection_not_in_istanbul_with_the_road_time_allowed", istanbul_change(210), [])
case("visa_rules_apply_when_a_connection_changes_airports", istanbul_change(210),
     [f("visa_missing", "error", "flight-ist")],
     rules={"visaOverrides": [{"nationality": "GB", "destination": "TR", "visaRequired": True,
                               "visaType": "e-Visa", "source": "test rule"}]})
case("airport_transfer_to_the_same_airport_is_rejected", base(), rules={"airportTransfers": [{"from": "IST", "to": "IST", "minutes": 60}]},
     error="invalid_input")
case("rolling_limit_longer_than_its_period_is_rejected", base(),
     rules={"visaOverrides": [{"nationality": "GB", "destination": "TR", "visaRequired": False,
                               "rollingLimit": {"days": 90, "periodDays": 30}, "source": "test"}]},
     error="invalid_input")

# ---- trip_not_ending_home --------------------------------------------------------
it = base(); h = item(it, "flight-home"); h.update({"to": "FRA", "toCountry": "DE", "endZone": "Europe/Berlin"})
h["end"] = datetime.fromisoformat(h["end"]).astimezone(ZoneInfo("Europe/Berlin")).isoformat()
case("trip_not_ending_home_when_last_flight_lands_abroad", it,
     [f("trip_not_ending_home", "error", "flight-home"), f("visa_rule_unknown", "info", "flight-home")])
case("trip_not_ending_home_not_when_last_flight_lands_in_gb", base(), [])

# ---- the instant rule: a westbound flight landing "the same day" -----------------
it = base("TH"); h = item(it, "flight-home")
h["start"] = at("2027-03-01T23:00", "Asia/Bangkok"); h["end"] = at("2027-03-02T05:00", LON)
item(it, "stay")["end"] = at("2027-03-01T20:00", "Asia/Bangkok")
case("westbound_overnight_flight_landing_at_an_earlier_wall_clock_time_is_valid", it, [])

# ---- bad input -------------------------------------------------------------------
it = base(); item(it, "stay")["zone"] = "Europe/Londres"
case("unknown_time_zone_is_rejected", it, error="unknown_time_zone")
it = base(); c = item(it, "consultation"); c["end"] = shift(c["start"], minutes=-5)
case("item_ending_before_it_starts_is_rejected", it, error="invalid_item")
it = base(); item(it, "consultation")["id"] = "procedure"
case("duplicate_item_id_is_rejected", it, error="invalid_item")
it = base(); item(it, "flight-out")["toCountry"] = "Turkey"
case("flight_country_not_alpha_2_is_rejected", it, error="invalid_item")
it = base(); it["traveller"]["homeCountry"] = "GBR"
case("home_country_not_alpha_2_is_rejected", it, error="invalid_input")
it = base(); del it["traveller"]
case("itinerary_without_traveller_is_a_parse_error", it, error="parse_error")
case("negative_threshold_is_rejected", base(), rules={"minConnectionDomesticMinutes": -1}, error="invalid_input")

# ---- local times and daylight saving ---------------------------------------------
cases += [
    {"name": "local_instant_winter_london_is_utc", "op": "local_instant",
     "args": {"local": "2027-02-15T09:45:00", "zone": LON}, "expect": "2027-02-15T09:45:00Z"},
    {"name": "local_instant_summer_london_is_utc_plus_1", "op": "local_instant",
     "args": {"local": "2027-03-28T03:00:00", "zone": LON}, "expect": "2027-03-28T02:00:00Z"},
    {"name": "local_instant_in_spring_gap_does_not_exist", "op": "local_instant",
     "args": {"local": "2027-03-28T01:30:00", "zone": LON}, "error": "invalid_input"},
    {"name": "local_instant_in_autumn_overlap_takes_the_earlier", "op": "local_instant",
     "args": {"local": "2027-10-31T01:30:00", "zone": LON}, "expect": "2027-10-31T00:30:00Z"},
    {"name": "local_instant_unknown_zone", "op": "local_instant",
     "args": {"local": "2027-10-31T01:30:00", "zone": "Mars/Olympus"}, "error": "unknown_time_zone"},
]

dst_day = {
    "id": "vec-summary", "updatedAt": "2026-11-22T09:00:00Z",
    "traveller": {"homeCountry": "GB", "nationality": "GB"},
    "coordinator": {"name": "Coordinator", "phone": "+44 161 496 0000"},
    "items": [
        {"id": "walk", "type": "leisure", "title": "walk", "start": "2027-03-28T09:00:00Z", "end": "2027-03-28T10:00:00Z", "zone": LON},
        {"id": "night-flight", "type": "flight", "title": "BKK-LHR", "from": "BKK", "to": "LHR", "fromCountry": "TH", "toCountry": "GB",
         "start": at("2027-03-26T23:00", "Asia/Bangkok"), "end": at("2027-03-27T06:00", LON), "zone": "Asia/Bangkok", "endZone": LON,
         "contact": {"name": "Airline"}},
    ],
}
cases.append({"name": "summary_uses_local_time_after_spring_forward", "op": "summary", "args": {"itinerary": dst_day},
    "expect": {"days": [
        {"date": "2027-03-26", "entries": [{"itemId": "night-flight", "part": "starts", "startLocal": "2027-03-26T23:00:00", "endLocal": "2027-03-27T06:00:00", "contact": "Airline"}]},
        {"date": "2027-03-27", "entries": [{"itemId": "night-flight", "part": "ends", "startLocal": "2027-03-26T23:00:00", "endLocal": "2027-03-27T06:00:00", "contact": "Airline"}]},
        {"date": "2027-03-28", "entries": [{"itemId": "walk", "part": "whole", "startLocal": "2027-03-28T10:00:00", "endLocal": "2027-03-28T11:00:00", "contact": "Coordinator"}]},
    ]}})

# ---- iCalendar -------------------------------------------------------------------
ics_it = copy.deepcopy(dst_day)
ics_it["items"][0]["title"] = "Dr. Ayşe, MD; knee\nroom 5 \\ ward"
ics_it["items"][0]["location"] = "Şişli, İstanbul"
cases.append({"name": "ics_events_have_stable_uids_utc_times_and_escaped_text", "op": "ics", "args": {"itinerary": ics_it},
    "expect": {"events": 2,
               "uids": ["walk.vec-summary@medjourney", "night-flight.vec-summary@medjourney"],
               "lines": ["DTSTAMP:20261122T090000Z", "DTSTART:20270328T090000Z", "DTEND:20270328T100000Z",
                         "SUMMARY:Dr. Ayşe\\, MD\\; knee\\nroom 5 \\\\ ward", "LOCATION:Şişli\\, İstanbul",
                         "DTSTART:20270326T160000Z", "DTEND:20270327T060000Z"]}})
it = copy.deepcopy(dst_day); it["items"][0]["title"] = "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected"
cases.append({"name": "ics_line_breaks_in_user_text_cannot_inject_events", "op": "ics", "args": {"itinerary": it},
    "expect": {"events": 2, "uids": ["walk.vec-summary@medjourney", "night-flight.vec-summary@medjourney"],
               "lines": ["SUMMARY:x\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:injected"]}})

# ---- hostile input (issue 14): every date in years 1-9999, local wall clocks too ------
def lone(start, end, zone):
    return {"id": "vec-range", "updatedAt": "2026-11-22T09:00:00Z",
            "traveller": {"homeCountry": "GB", "nationality": "GB"},
            "items": [{"id": "edge", "type": "leisure", "title": "edge", "start": start, "end": end, "zone": zone}]}

case("item_near_chronos_limit_in_tokyo_is_refused",
     lone("+262142-12-31T00:00:00Z", "+262142-12-31T01:00:00Z", "Asia/Tokyo"), error="invalid_input")
case("item_in_year_0_is_refused", lone("0000-06-01T00:00:00Z", "0000-06-01T01:00:00Z", "UTC"), error="invalid_input")
cases.append({"name": "summary_of_an_item_whose_tokyo_clock_is_in_year_10000_is_refused", "op": "summary",
    "args": {"itinerary": lone("9999-12-31T15:30:00Z", "9999-12-31T16:00:00Z", "Asia/Tokyo")}, "error": "invalid_input"})
cases.append({"name": "ics_of_an_item_in_year_10000_is_refused", "op": "ics",
    "args": {"itinerary": lone("9999-12-31T23:00:00Z", "+10000-01-01T01:00:00Z", "UTC")}, "error": "invalid_input"})
it = lone("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "UTC")
it["updatedAt"] = "9999-12-31T23:59:59Z"
cases.append({"name": "ics_of_the_first_and_last_supported_instants", "op": "ics", "args": {"itinerary": it},
    "expect": {"events": 1, "uids": ["edge.vec-range@medjourney"],
               "lines": ["DTSTAMP:99991231T235959Z", "DTSTART:00010101T000000Z", "DTEND:99991231T235959Z"]}})
it = lone("2027-02-15T10:00:00Z", "2027-02-15T11:00:00Z", "UTC")
it["traveller"]["passportExpires"] = "+10000-01-01"
case("passport_expiry_past_9999_is_refused", it, error="invalid_input")

doc = {
    "about": ("Itinerary checks, local times, day-by-day summary and iCalendar export. op 'check': args.itinerary "
              "(and optional args.rules, ItineraryRules JSON); expect.findings lists every finding in order as "
              "{code, severity, items} (messages are for people and not compared). op 'local_instant': wall-clock "
              "local time + IANA zone -> RFC 3339 UTC instant. op 'summary': expect.days, each entry compared on the "
              "fields given (contact is the contact's name). op 'ics': the file must parse; events is the VEVENT count, "
              "uids the UIDs in order, lines are unfolded content lines that must appear. error is the stable error code. "
              "Generated by tests/vectors/tools/make_itinerary_vectors.py; expectations are written by hand there."),
    "cases": cases,
}
out = Path(__file__).resolve().parents[1] / "itinerary.json"
out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"{len(cases)} cases -> {out}")
