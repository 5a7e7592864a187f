"""An independent oracle for the weighted-sum scores of `rank` (min–max normalization).

It re-implements the documented rules with exact fractions wherever the rule is exact
(prices converted through exact decimal rates, review averages, travel hours, shares),
so a column that is constant in exact arithmetic is constant here by construction. The
quality bound needs a square root and is taken in floats. Filters are not modelled: pass
the ids of the candidates (providers that pass every hard filter).

Used to write the expected orders and scores of the rank cases in matching.json:
    python3 tests/vectors/tools/rank_oracle.py
prints, for each case below, the order and the scores.
"""
import json
import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
Z = 1.65
STRENGTH = {"jci": 1.0, "accreditation_canada": 1.0, "achs": 0.9, "nabh": 0.8, "temos": 0.7,
            "iso_9001": 0.4, "other": 0.3}
DEFAULT_WEIGHTS = {"price": 0.20, "quality": 0.25, "reviews": 0.15, "accreditation": 0.15,
                   "wait": 0.10, "language": 0.05, "amenities": 0.05, "travel": 0.05}
CRITERIA = list(DEFAULT_WEIGHTS)
BENEFIT = {"price": False, "quality": True, "reviews": True, "accreditation": True,
           "wait": False, "language": True, "amenities": True, "travel": False}


def rate(fx, frm, to):
    """Exact rate between two currencies of a base-quoted table."""
    if frm == to:
        return Fraction(1)
    base = {r["to"]: Fraction(Decimal(r["rate"])) for r in fx["rates"] if r["from"] == fx["base"]}
    base[fx["base"]] = Fraction(1)
    return base[to] / base[frm]


def bound(events, cases, prior, m, upper):
    total = cases + m
    if total <= 0:
        return prior
    mean = min(max((events + m * prior) / total, 0.0), 1.0)
    sd = math.sqrt(max(mean * (1 - mean) / (total + 1), 0.0))
    return min(max(mean + sd * Z if upper else mean - sd * Z, 0.0), 1.0)


def events(outcome):
    if outcome is None:
        return 0.0, 0.0
    if outcome.get("count") is not None:
        return float(outcome["count"]), float(outcome["cases"])
    return float(outcome.get("rate", 0.0)) * outcome["cases"], float(outcome["cases"])


def raw(p, request, fx, options):
    from datetime import date
    offer = next(o for o in p["procedures"] if o["code"] == request["procedure"])
    out = {}
    cur = request.get("currency") or (request.get("budget") or {}).get("currency")
    if offer.get("price"):
        lo = offer["price"]
        hi = offer.get("priceMax") or lo
        mid = (Fraction(Decimal(lo["amount"])) + Fraction(Decimal(hi["amount"]))) / 2
        out["price"] = mid * rate(fx, lo["currency"], cur or lo["currency"])
    else:
        out["price"] = None
    prior = (options.get("outcomePriors") or {}).get(request["procedure"]) or {}
    ps, pc = prior.get("successRate", 0.5), prior.get("complicationRate", 0.5)
    m = options.get("priorCases", 2.0)
    s, sn = events(offer.get("success"))
    c, cn = events(offer.get("complications"))
    out["quality"] = Fraction(bound(s, sn, ps, m, False) * (1 - bound(c, cn, pc, m, True)))
    rv = p.get("reviews") or {}
    mr, cr = Fraction(options.get("priorReviews", 50)), Fraction(options.get("priorReviewMean", 3))
    if rv.get("stars"):
        total = sum(Fraction(k + 1) * n for k, n in enumerate(rv["stars"]))
        n = sum(rv["stars"])
    elif rv.get("mean") is not None and rv.get("count") is not None:
        total, n = Fraction(rv["mean"]) * rv["count"], rv["count"]
    else:
        total, n = Fraction(0), 0
    out["reviews"] = (total + mr * cr) / (n + mr) if n > 0 else cr
    day = date.fromisoformat(request["travelDate"])
    strength = 0.0
    for a in p.get("accreditations", []):
        ok_from = a.get("issued") is None or date.fromisoformat(a["issued"]) <= day
        ok_to = a.get("expires") is None or day <= date.fromisoformat(a["expires"])
        if ok_from and ok_to:
            strength = max(strength, STRENGTH[a["body"]])
    out["accreditation"] = Fraction(strength)
    out["wait"] = Fraction(offer["medianWaitDays"]) if offer.get("medianWaitDays") is not None else None
    langs = sorted(set(request.get("languages", [])))
    amen = set(p.get("amenities", []))
    if not langs:
        out["language"] = Fraction(1)
    else:
        spoken = sum(1 for l in langs if l in p.get("languages", []))
        half = Fraction(len(langs) - spoken, 2) if "interpreter" in amen else 0
        out["language"] = (spoken + half) / len(langs)
    wanted = set(request.get("needs", [])) | set(request.get("preferences", []))
    out["amenities"] = Fraction(len(amen & wanted), len(wanted)) if wanted else Fraction(len(amen), 7)
    hours = request.get("travelHours", {})
    h = hours.get(p["id"], hours.get(p["country"], 0.0))
    km = p.get("airportDistanceKm")
    out["travel"] = None if km is None else Fraction(h) + Fraction(km) / 50
    return out


def scores(providers, candidates, request, fx=None, options=None):
    options = options or {}
    weights = dict(DEFAULT_WEIGHTS)
    weights.update(request.get("weights", {}))
    total = sum(weights.values())
    weights = {k: Fraction(v) / Fraction(total) for k, v in weights.items()}
    rows = {p["id"]: raw(p, request, fx, options) for p in providers if p["id"] in candidates}
    result = {pid: Fraction(0) for pid in rows}
    for k in CRITERIA:
        present = [r[k] for r in rows.values() if r[k] is not None]
        lo, hi = (min(present), max(present)) if present else (0, 0)
        for pid, r in rows.items():
            x = r[k]
            if x is None:
                n = 0
            elif hi == lo:
                n = 1
            elif BENEFIT[k]:
                n = (x - lo) / (hi - lo)
            else:
                n = (hi - x) / (hi - lo)
            result[pid] += weights[k] * n
    order = sorted(result, key=lambda pid: (-result[pid], pid))
    return order, [float(result[pid]) for pid in order]


def main():
    samples = ROOT / "core/src/samples"
    catalog = json.loads((samples / "catalog.json").read_text())["providers"]
    request = json.loads((samples / "request.json").read_text())
    fx = json.loads((samples / "fx.json").read_text())
    candidates = ["bosphorus-ortho", "bangkok-bone", "chennai-ortho", "prague-ortho",
                  "siam-joint", "costa-ortho", "monterrey-joint"]
    print("sample", *scores(catalog, candidates, request, fx))
    cases = json.loads((ROOT / "tests/vectors/matching.json").read_text())["cases"]
    for case in cases:
        if case["op"] != "rank" or case["args"]["catalog"] == "sample" or "error" in case:
            continue
        a = case["args"]
        fxt = fx if a["options"].get("fx") == "sample" else {"base": "EUR", "rates": []}
        ids = [p["id"] for p in a["catalog"]["providers"] if p["id"] in case["expect"]["order"]]
        print(case["name"], *scores(a["catalog"]["providers"], ids, a["request"], fxt, a["options"]))


if __name__ == "__main__":
    main()
