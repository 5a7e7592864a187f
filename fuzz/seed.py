#!/usr/bin/env python3
"""Seeds the fuzz targets' corpora from the language-neutral vectors and the samples.

Writes fuzz/seeds/<target>/<n>.json (rebuilt on every run, never edited by hand) and
fuzz/json.dict, a libFuzzer dictionary of the JSON keys and enum values the vectors use,
so mutations speak the documented shapes. Structured targets (arbitrary) get no seeds:
their bytes are not JSON. The binary target `accumulator_bytes` gets fuzz/seeds/accumulator_bytes/<n>.bin,
written by an independent Python encoder of the format (core/src/analytics/bytes.rs).
"""
import csv
import io
import json
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "seeds"
VECTORS = ROOT / "tests" / "vectors"
SAMPLES = ROOT / "core" / "src" / "samples"

seeds: dict[str, list[str]] = {}
binary_seeds: dict[str, list[bytes]] = {}


def add(target: str, value) -> None:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    bucket = seeds.setdefault(target, [])
    if text not in bucket:
        bucket.append(text)


def load(path: pathlib.Path):
    return json.loads(path.read_text(encoding="utf-8"))


def fx_csv(table: dict) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["from", "to", "rate", "as_of", "source"])
    for r in table.get("rates", []):
        w.writerow([r["from"], r["to"], r["rate"], r["asOf"], r.get("source", "")])
    return out.getvalue()


def accumulator() -> dict:
    """A small accumulator that a real batch could have produced: two journeys."""
    z = lambda n: [0] * n  # noqa: E731
    acc = {
        "journeys": 2,
        "statuses": [1, 0, 1, 0],
        "entered": [2, 2, 1, 0, 0, 0, 0],
        "movedOn": [2, 1, 0, 0, 0, 0, 0],
        "dropped": [0, 0, 1, 0, 0, 0, 0],
        "stillThere": [0, 1, 0, 0, 0, 0, 0],
        "reentered": z(7),
        "dwell": [[86400, 172800], [3600], [], [], [], [], []],
        "touchpoints": [1, 2, 0, 0, 0, 0, 0],
        "byChannel": [[1] + z(9), [0, 2] + z(8)] + [z(10) for _ in range(5)],
        "byKind": [[1] + z(11), [0, 0, 2] + z(9)] + [z(12) for _ in range(5)],
        "sentimentMilli": [1000, -1500, 0, 0, 0, 0, 0],
        "sentimentCount": [1, 2, 0, 0, 0, 0, 0],
        "needTotal": [z(11), [1] + z(10)] + [z(11) for _ in range(5)],
        "needUnmet": [z(11), [1] + z(10)] + [z(11) for _ in range(5)],
        "toTreatment": [],
    }
    return acc


def varint(n: int) -> bytes:
    assert n >= 0, n
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        if n == 0:
            out.append(byte)
            return bytes(out)
        out.append(byte | 0x80)


def sketch_lows() -> list:
    """The sketch's bin table (core/src/analytics/sketch.rs): x = floor(1.01 lo), hi = floor(x / 0.99)."""
    lows, lo, last = [], 1, 253_402_300_799 + 62_135_596_800
    while lo <= last:
        lows.append(lo)
        lo = (lo * 101 // 100) * 100 // 99 + 1
    return lows


def accumulator_bytes(acc: dict, sketch: bool) -> bytes:
    """Format version 1 of MapAccumulator::to_bytes, from the JSON shape of an exact accumulator."""
    import bisect

    lows = sketch_lows()
    stages = len(acc["entered"])
    shape = [len(acc["statuses"]), stages, len(acc["byChannel"][0]), len(acc["byKind"][0]), len(acc["needTotal"][0])]
    out = bytearray(b"MJMA") + (1).to_bytes(2, "little") + bytes([1 if sketch else 0]) + bytes(shape)
    flat = lambda rows: [x for r in rows for x in r]  # noqa: E731
    numbers = [acc["journeys"], *acc["statuses"]]
    for k in ("entered", "movedOn", "dropped", "stillThere", "reentered", "touchpoints"):
        numbers += acc[k]
    numbers += flat(acc["byChannel"]) + flat(acc["byKind"])
    numbers += [((s << 1) ^ (s >> 63)) & 0xFFFFFFFFFFFFFFFF for s in acc["sentimentMilli"]]
    numbers += acc["sentimentCount"] + flat(acc["needTotal"]) + flat(acc["needUnmet"])
    for n in numbers:
        out += varint(n)
    for samples in acc["dwell"] + [acc["toTreatment"]]:
        samples = sorted(samples)
        if not sketch:
            out += varint(len(samples))
            prev = 0
            for s in samples:
                out += varint(s - prev)
                prev = s
            continue
        bins: dict = {}
        for s in samples:
            if s > 0:
                k = bisect.bisect_right(lows, s) - 1
                bins[k] = bins.get(k, 0) + 1
        out += varint(samples.count(0)) + varint(sum(samples)) + varint(len(bins))
        prev = 0
        for k in sorted(bins):
            out += varint(k - prev) + varint(bins[k])
            prev = k
    return bytes(out)


def money_strings(value, out: list) -> None:
    if isinstance(value, str) and " " in value and len(value) < 64:
        out.append(value)
    elif isinstance(value, dict):
        for v in value.values():
            money_strings(v, out)
    elif isinstance(value, list):
        for v in value:
            money_strings(v, out)


def main() -> None:
    money = load(VECTORS / "money.json")
    cost = load(VECTORS / "cost.json")
    itinerary = load(VECTORS / "itinerary.json")
    journey = load(VECTORS / "journey.json")
    matching = load(VECTORS / "matching.json")

    texts: list = []
    money_strings(money["cases"], texts)
    for t in texts + ["1234.50 EUR", "EUR", "-0.000 JPY", '{"amount": "1.5", "currency": "KWD"}']:
        add("money_parse", t)
    for fx in (money["fx"], cost["fx"], load(SAMPLES / "fx.json")):
        add("fx_json", fx)
        add("fx_csv", fx_csv(fx))
        add("options_json", {"fx": fx, "method": "topsis", "topK": 3})

    for c in cost["cases"]:
        a = c["args"]
        if "quote" in a:
            add("quote_json", a["quote"])
        if "quotes" in a:
            add("quote_json", a["quotes"])
        if "plan" in a:
            add("plan_json", a["plan"])
        if "policy" in a:
            add("policy_json", a["policy"])
        if isinstance(a.get("options"), dict):
            add("options_json", a["options"])
    add("quote_json", load(SAMPLES / "quotes.json"))
    add("policy_json", load(SAMPLES / "policy.json"))

    for c in itinerary["cases"]:
        a = c["args"]
        if isinstance(a.get("itinerary"), dict):
            add("itinerary_json", a["itinerary"])
        if isinstance(a.get("rules"), dict):
            add("itinerary_rules_json", a["rules"])
    add("itinerary_json", load(SAMPLES / "itinerary.json"))
    add("itinerary_rules_json", {})

    for c in journey["cases"]:
        a = c["args"]
        if isinstance(a.get("journey"), dict):
            add("journey_json", a["journey"])
        if isinstance(a.get("journeys"), list):
            add("journey_json", a["journeys"])
        if isinstance(a.get("options"), dict):
            add("options_json", a["options"])
    add("accumulator_json", accumulator())
    empty = {k: ([[0] * len(v[0]) for _ in v] if isinstance(v, list) and v and isinstance(v[0], list) and k not in ("dwell",)
                 else [[] for _ in v] if k == "dwell" else [] if k == "toTreatment" else [0] * len(v) if isinstance(v, list) else 0)
             for k, v in accumulator().items()}
    for acc in (accumulator(), empty):
        for sketch in (False, True):
            binary_seeds.setdefault("accumulator_bytes", []).append(accumulator_bytes(acc, sketch))

    add("catalog_json", load(SAMPLES / "catalog.json"))
    add("request_json", load(SAMPLES / "request.json"))
    add("trip_plan_json", load(SAMPLES / "plan_request.json"))
    for c in json.loads((VECTORS / "planning.json").read_text(encoding="utf-8"))["cases"]:
        if c["op"] == "plan_trip" and isinstance(c["args"].get("request"), dict):
            add("trip_plan_json", c["args"]["request"])
    for c in matching["cases"]:
        if c["op"] != "rank":
            continue
        a = c["args"]
        if isinstance(a.get("catalog"), dict):
            add("catalog_json", a["catalog"])
        if isinstance(a.get("request"), dict):
            add("request_json", a["request"])
        opts = {k: v for k, v in a.get("options", {}).items() if v != "sample"}
        add("options_json", opts)

    if OUT.exists():
        shutil.rmtree(OUT)
    for target, items in seeds.items():
        d = OUT / target
        d.mkdir(parents=True)
        for i, text in enumerate(items):
            (d / f"{i:03}.json").write_text(text, encoding="utf-8")
    for target, blobs in binary_seeds.items():
        d = OUT / target
        d.mkdir(parents=True)
        for i, blob in enumerate(blobs):
            (d / f"{i:03}.bin").write_bytes(blob)

    # The dictionary: every JSON key and short string value of the vectors and samples.
    tokens: set = set()

    def walk(v):
        if isinstance(v, dict):
            for k, x in v.items():
                tokens.add(k)
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, str) and 0 < len(v) <= 32:
            tokens.add(v)

    for doc in (money, cost, itinerary, journey, matching):
        walk(doc["cases"])
    for p in SAMPLES.glob("*.json"):
        walk(load(p))
    lines = [f"kw{i}={json.dumps(json.dumps(t, ensure_ascii=True))}" for i, t in enumerate(sorted(tokens))]
    (ROOT / "fuzz" / "json.dict").write_text("\n".join(lines) + "\n", encoding="ascii")
    print(f"[seed] {sum(len(v) for v in seeds.values()) + sum(len(v) for v in binary_seeds.values())} seeds for {len(seeds) + len(binary_seeds)} targets, {len(lines)} dictionary words")


if __name__ == "__main__":
    main()
