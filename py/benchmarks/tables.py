"""Dataframe and Parquet benchmarks of the journey map (issue 18).

1. In memory, 10^6 events: ``mj.journey_map_tables`` on polars DataFrames against polars
   computing every figure of the map on the same frames (``polars_queries``: the per-stage
   counts, outcomes from each journey's furthest stage and status, re-entries, dwell and
   awareness-to-treatment quantiles; each checked equal to the map) (target: 3x), once for each way a polars
   user holds the names (stage, channel, kind, need, status): plain ``pl.String`` (what
   ``read_csv``/``read_parquet`` give, the usual case), ``pl.Categorical`` (what pandas
   habits and ``pl.from_arrow`` of dictionary columns give) and ``pl.Enum`` (the dtype for
   a closed set of names). Polars groups categoricals by their integer codes; its Arrow C
   export of them re-encodes every row (about 15 ms at 10^6 events), so medjourney reads
   a polars frame's categoricals as their codes and polars' category list instead.
2. From Parquet, 10^7 and 10^8 (``--no-big`` or ``MJ_BENCH_BIG=0``: 10^7 only) events in parts of whole journeys under
   ``target/bench-parquet/`` (generated once, reused): ``mj.journey_map_parquet`` against
   polars' lazy scan with the same queries and DuckDB's SQL for the same figures; each run in a fresh
   process whose peak resident memory is measured (goal: under 1 GB, flat in size).

Every peer's figures are checked against medjourney's map. Writes ``--out``
(bench-results/tables.json) for the ``summary`` binary:

    {"results": [...peer rows...], "memory": [{"engine", "events", "seconds", "peak_mib"}]}

Usage: python py/benchmarks/tables.py [--no-big] [--skip-parquet] [--repeats 3] [--out …]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

import medjourney as mj

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "target" / "bench-parquet"
NO_TIME = np.iinfo(np.int64).min
NAMES = mj.enum_values()
# Events per generated part: one part (all four tables of its journeys) is what the
# streaming map holds in memory at a time.
PART_EVENTS = 2_000_000


# How the in-memory frames hold names: the polars dtype of each run.
DTYPES = {"string": lambda enum: pl.String, "categorical": lambda enum: pl.Categorical,
          "enum": lambda enum: pl.Enum(NAMES[enum])}


def named(enum: str, codes: np.ndarray, dtype: str) -> pl.Series:
    return pl.Series(np.asarray(NAMES[enum], dtype=object)[codes], dtype=pl.String).cast(DTYPES[dtype](enum))


def frames(cols: dict[str, np.ndarray], first_id: int = 0, *, names: str | None = "categorical") -> tuple[pl.DataFrame, ...]:
    """The four tables as polars frames (names as ``DTYPES[names]`` or, when None, codes;
    timestamps)."""
    n = len(cols["status"])
    code = (lambda enum, c: named(enum, c, names)) if names else (lambda enum, c: pl.Series(c))
    ts = lambda v: pl.Series(v).cast(pl.Datetime("ms", "UTC")) if False else pl.Series(v * 1000).cast(pl.Datetime("ms", "UTC"))  # noqa: E731
    left = cols["visit_left"]
    journeys = pl.DataFrame({"journey_id": np.arange(n, dtype=np.int64) + first_id, "status": code("Status", cols["status"])})
    visits = pl.DataFrame({
        "journey_id": cols["visit_journey"].astype(np.int64) + first_id, "stage": code("Stage", cols["visit_stage"]),
        "entered": ts(cols["visit_entered"]),
        "left": pl.Series(np.where(left == NO_TIME, 0, left) * 1000).cast(pl.Datetime("ms", "UTC")).set(pl.Series(left == NO_TIME), None),
    })
    touchpoints = pl.DataFrame({
        "journey_id": cols["touch_journey"].astype(np.int64) + first_id, "stage": code("Stage", cols["touch_stage"]),
        "at": ts(cols["touch_at"]), "channel": code("Channel", cols["touch_channel"]),
        "kind": code("TouchpointKind", cols["touch_kind"]), "sentiment": pl.Series(cols["touch_sentiment"]).fill_nan(None),
    })
    needs = pl.DataFrame({
        "journey_id": cols["need_journey"].astype(np.int64) + first_id, "stage": code("Stage", cols["need_stage"]),
        "need": code("Need", cols["need_code"]), "met": pl.Series(cols["need_met"].astype(bool)),
    })
    return journeys, visits, touchpoints, needs


def events(t: tuple[Any, ...]) -> int:
    return sum(x.height for x in t[1:])


def sizes_for(total_events: int) -> tuple[int, int]:
    """Journeys and touchpoints for the sample generator giving about that many events."""
    touches = int(total_events * 0.8)
    return max(1, touches // 10), touches


STAGES = NAMES["Stage"]
AWARE, TREAT = STAGES.index("awareness"), STAGES.index("treatment")
STATUSES = NAMES["Status"]


def stage_order(names: str | None) -> pl.Expr:
    """The visit's stage as its place in the journey (0 = awareness), which the furthest
    stage needs: the code itself (Parquet parts), an Enum's physical code (its categories
    are in stage order), otherwise a lookup per row (a polars user has no cheaper way)."""
    if names is None:
        return pl.col("stage").cast(pl.Int64)
    if names == "enum":
        return pl.col("stage").to_physical().cast(pl.Int64)
    # Faster in polars than replace_strict (3.0 against 4.2–6.6 ms at 3.2·10^5 visits).
    return pl.col("stage").cast(pl.Enum(STAGES)).to_physical().cast(pl.Int64)


def status_is(names: str | None, name: str) -> pl.Expr:
    return pl.col("status") == (STATUSES.index(name) if names is None else name)


def nearest_ranks(col: str) -> list[pl.Expr]:
    """Nearest-rank median and p90 of `col`, as the map computes them."""
    return [pl.col(col).sort().gather((pl.len() + 1) // 2 - 1).first().alias("median"),
            pl.col(col).sort().gather((pl.len() * 9 + 9) // 10 - 1).first().alias("p90")]


def polars_queries(j: pl.LazyFrame, v: pl.LazyFrame, t: pl.LazyFrame, n: pl.LazyFrame,
                   names: str | None = None) -> list[pl.LazyFrame]:
    """Every figure of the journey map as polars group-bys: journeys by status; per stage
    the journeys that entered, re-entered, moved on, dropped out or are still there (from
    each journey's furthest stage and status), the closed-visit dwell median, p90 and mean;
    touchpoints by channel and by kind, sentiment mean and count, needs recorded and unmet;
    and the time from first awareness to first treatment entry (median, p90, mean).
    medjourney also checks every row (a touchpoint in a stage its journey reached, not
    before it; no visit leaving before it entered), which these queries do not."""
    dwell = (
        v.filter(pl.col("left").is_not_null())
        .select("stage", (pl.col("left") - pl.col("entered")).dt.total_seconds().alias("dwell"))
        .group_by("stage")
        .agg(*nearest_ranks("dwell"), pl.col("dwell").mean().alias("mean"))
    )
    # Per journey: its furthest stage and its first entries into awareness and treatment.
    # Every stage before the furthest was moved on from; at the furthest the status says
    # which, so per stage only the journeys ending there are counted (moved on = entered −
    # dropped − still there, in `polars_figures`).
    vs = v.select("journey_id", "entered", stage_order(names).alias("s"))
    s = pl.col("s")
    journeys = (
        vs.group_by("journey_id")
        .agg(s.max().alias("furthest"),
             pl.col("entered").filter(s == AWARE).min().alias("aware"),
             pl.col("entered").filter(s == TREAT).min().alias("treated"))
    )
    ends = (
        journeys.join(j.select("journey_id", "status"), on="journey_id")
        .group_by("furthest", "status").agg(pl.len().alias("journeys"))
    )
    to_treatment = (
        journeys.drop_nulls(["aware", "treated"])
        .select((pl.col("treated") - pl.col("aware")).dt.total_seconds().alias("d"))
        .select(*nearest_ranks("d"), pl.col("d").mean().alias("mean"))
    )
    return [
        j.group_by("status").agg(pl.len().alias("journeys")),
        # Re-entered: journeys with more than one visit to the stage (in the same group-by,
        # 3 ms more, where a group-by per journey and stage took 17 ms).
        v.group_by("stage").agg(
            pl.col("journey_id").n_unique().alias("entered"),
            pl.col("journey_id").filter(pl.col("journey_id").is_duplicated()).n_unique().alias("reentered")),
        dwell,
        t.group_by("stage", "channel").agg(pl.len().alias("count")),
        t.group_by("stage", "kind").agg(pl.len().alias("count")),
        t.group_by("stage").agg(pl.col("sentiment").mean().alias("mean"), pl.col("sentiment").count().alias("rated")),
        n.group_by("stage", "need").agg(pl.len().alias("total"), (~pl.col("met")).sum().alias("unmet")),
        ends,
        to_treatment,
    ]


def stage_name(value: Any) -> str:
    return STAGES[int(value)] if not isinstance(value, str) else value


COUNTS = ("entered", "reentered", "moved_on", "dropped", "still_there")


def map_figures(m: Any) -> dict[str, Any]:
    """medjourney's map as the figures every peer computes (stage names as keys)."""
    out: dict[str, Any] = {k: {s.stage: getattr(s, k) for s in m.stages if getattr(s, k)} for k in COUNTS}
    out["dwell"] = {s.stage: (s.dwell.median_seconds, s.dwell.p90_seconds) for s in m.stages if s.dwell.count}
    t = m.awareness_to_treatment
    out["to_treatment"] = (t.median_seconds, t.p90_seconds) if t.count else None
    return out


def disagreement(ours: dict[str, Any], theirs: dict[str, Any], exact: bool = True) -> str | None:
    """Where a peer's figures differ from medjourney's: every count exactly, the dwell and
    awareness-to-treatment quantiles exactly, or when not `exact` (medjourney's streamed
    map keeps a sketch) each within 1 % of the peer's exact value (100·|x − v| ≤ v)."""
    close = (lambda x, v: x == v) if exact else (lambda x, v: 100 * abs(x - v) <= v)
    for k in COUNTS:
        a = {st: c for st, c in ours[k].items() if c}
        b = {st: c for st, c in theirs[k].items() if c}
        if a != b:
            return f"{k}: {b} != medjourney {a}"
    if set(ours["dwell"]) != set(theirs["dwell"]):
        return f"dwell stages {sorted(theirs['dwell'])} != medjourney {sorted(ours['dwell'])}"
    pairs = [(f"dwell[{st}]", ours["dwell"][st], theirs["dwell"][st]) for st in ours["dwell"]]
    pairs.append(("awareness to treatment", ours["to_treatment"], theirs["to_treatment"]))
    for what, a, b in pairs:
        if (a is None) != (b is None) or (a is not None and not all(close(x, v) for x, v in zip(a, b))):
            return f"{what}: {b} != medjourney {a}"
    return None


def check(engine: str, got: dict[str, Any], m: Any) -> None:
    """The peer's figures equal medjourney's (exact) map, or the bench stops."""
    wrong = disagreement(map_figures(m), got)
    if wrong:
        raise SystemExit(f"{engine}: {wrong}")


def polars_figures(frames_out: list[pl.DataFrame]) -> dict[str, Any]:
    entered = {stage_name(r["stage"]): int(r["entered"]) for r in frames_out[1].to_dicts()}
    dwell = {stage_name(r["stage"]): (int(r["median"]), int(r["p90"])) for r in frames_out[2].to_dicts()}
    out: dict[str, Any] = {"entered": entered, "dwell": dwell, "dropped": {}, "still_there": {}}
    for r in frames_out[7].to_dicts():
        status = STATUSES[r["status"]] if isinstance(r["status"], int) else str(r["status"])
        stage = STAGES[r["furthest"]]
        if status in ("abandoned", "active", "on_hold"):
            key = "dropped" if status == "abandoned" else "still_there"
            out[key][stage] = out[key].get(stage, 0) + int(r["journeys"])
    out["moved_on"] = {st: e - out["dropped"].get(st, 0) - out["still_there"].get(st, 0) for st, e in entered.items()}
    out["reentered"] = {stage_name(r["stage"]): int(r["reentered"]) for r in frames_out[1].to_dicts()}
    t = frames_out[8].to_dicts()[0]
    out["to_treatment"] = (int(t["median"]), int(t["p90"])) if t["median"] is not None else None
    return out


def timed(fn, repeats: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, out


# ---- 1. in memory ----------------------------------------------------------------------


def bench_in_memory(total: int, repeats: int, rows: list[dict[str, Any]]) -> None:
    cols = mj.samples.journey_table(*sizes_for(total), 1)
    for dtype in DTYPES:
        tables = frames(cols, names=dtype)
        ev = events(tables)
        ours_ms, m = timed(lambda: mj.journey_map_tables(*tables), repeats)
        lazy = [t.lazy() for t in tables]
        pl_ms, out = timed(lambda: pl.collect_all(polars_queries(*lazy, names=dtype)), repeats)
        check("polars", polars_figures(out), m)
        rows.append({"benchmark": f"map_tables ({dtype} names)", "size": ev, "medjourney_ms": round(ours_ms, 3),
                     "peer": "polars group-bys", "peer_ms": round(pl_ms, 3), "target_ratio": 3})
        print(f"  in memory n={ev}, {dtype:<11} names: medjourney {ours_ms:6.1f} ms, polars {pl_ms:6.1f} ms, "
              f"ratio {pl_ms / ours_ms:.2f}", flush=True)


# ---- 2. from Parquet -------------------------------------------------------------------


def generate(total: int) -> Path:
    """Parts of whole journeys, four tables each, written once under target/."""
    root = CACHE / str(total)
    done = root / "DONE"
    if done.exists():
        return root
    for t in ("journeys", "visits", "touchpoints", "needs"):
        (root / t).mkdir(parents=True, exist_ok=True)
    parts = max(1, total // PART_EVENTS)
    first = 0
    for p in range(parts):
        cols = mj.samples.journey_table(*sizes_for(total // parts), 1000 + p)
        tabs = frames(cols, first, names=None)
        for name, tab in zip(("journeys", "visits", "touchpoints", "needs"), tabs):
            tab.write_parquet(root / name / f"part-{p:05d}.parquet")
        first += len(cols["status"])
        print(f"  generated part {p + 1}/{parts}", end="\r", flush=True)
    done.write_text(str(parts))
    print(flush=True)
    return root


def count_events(root: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(f).metadata.num_rows for t in ("visits", "touchpoints", "needs") for f in (root / t).glob("*.parquet"))


def run_engine(engine: str, root: Path) -> dict[str, Any]:
    """One engine on one directory in this (fresh) process: seconds, figures."""
    t0 = time.perf_counter()
    if engine == "medjourney":
        figures = map_figures(mj.journey_map_parquet(root))
    elif engine == "polars":
        scan = [pl.scan_parquet(str(root / t / "*.parquet")) for t in ("journeys", "visits", "touchpoints", "needs")]
        figures = polars_figures(pl.collect_all(polars_queries(*scan), engine="streaming"))
    elif engine == "duckdb":
        import duckdb

        con = duckdb.connect()
        con.execute("SET threads TO 1")
        p = lambda t: f"read_parquet('{root / t}/*.parquet')"  # noqa: E731
        con.sql(f"select status, count(*) from {p('journeys')} group by all").fetchall()
        per_stage = con.sql(
            "select stage, count(*), count(*) filter (where n > 1) from "
            f"(select journey_id, stage, count(*) as n from {p('visits')} group by all) group by stage").fetchall()
        dwell = con.sql(
            "select stage, list_sort(list(d)) as xs from (select stage, epoch(\"left\") - epoch(entered) as d "
            f"from {p('visits')} where \"left\" is not null) group by stage").fetchall()
        con.sql(f"select stage, avg(epoch(\"left\") - epoch(entered)) from {p('visits')} group by all").fetchall()
        con.sql(f"select stage, channel, count(*) from {p('touchpoints')} group by all").fetchall()
        con.sql(f"select stage, kind, count(*) from {p('touchpoints')} group by all").fetchall()
        con.sql(f"select stage, avg(sentiment), count(sentiment) from {p('touchpoints')} group by all").fetchall()
        con.sql(f"select stage, need, count(*), sum(case when met then 0 else 1 end) from {p('needs')} group by all").fetchall()
        con.execute(
            "create temp table per_journey as select journey_id, max(stage) as furthest, "
            f"min(entered) filter (where stage = {AWARE}) as aware, min(entered) filter (where stage = {TREAT}) as treated "
            f"from {p('visits')} group by journey_id")
        ends = con.sql(f"select furthest, status, count(*) from per_journey join {p('journeys')} using (journey_id) group by all").fetchall()
        [(to_treat,)] = con.sql("select list_sort(list(epoch(treated) - epoch(aware))) from per_journey "
                                "where aware is not null and treated is not null").fetchall()

        def ranks(xs: list[int] | None) -> tuple[int, int] | None:
            if not xs:
                return None
            n = len(xs)
            return (int(xs[(n + 1) // 2 - 1]), int(xs[(n * 9 + 9) // 10 - 1]))

        figures = {"entered": {STAGES[int(st)]: int(c) for st, c, _ in per_stage},
                   "reentered": {STAGES[int(st)]: int(r) for st, _, r in per_stage},
                   "dwell": {STAGES[int(st)]: ranks(xs) for st, xs in dwell},
                   "dropped": {}, "still_there": {}, "to_treatment": ranks(to_treat)}
        for furthest, status, c in ends:
            key = {"abandoned": "dropped", "active": "still_there", "on_hold": "still_there"}.get(STATUSES[int(status)])
            if key:
                figures[key][STAGES[int(furthest)]] = figures[key].get(STAGES[int(furthest)], 0) + int(c)
        figures["moved_on"] = {st: e - figures["dropped"].get(st, 0) - figures["still_there"].get(st, 0)
                               for st, e in figures["entered"].items()}
    else:
        raise SystemExit(f"unknown engine {engine}")
    seconds = time.perf_counter() - t0
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"engine": engine, "seconds": seconds, "peak_mib": peak_mib, "figures": figures}


def bench_parquet(total: int, rows: list[dict[str, Any]], memory: list[dict[str, Any]]) -> None:
    root = generate(total)
    ev = count_events(root)
    results = {}
    for engine in ("medjourney", "polars", "duckdb"):
        env = {**os.environ, "POLARS_MAX_THREADS": "1", "RAYON_NUM_THREADS": "1"}
        proc = subprocess.run([sys.executable, __file__, "--engine", engine, "--root", str(root)],
                              capture_output=True, text=True, env=env)
        if proc.returncode:
            raise SystemExit(f"{engine} on {ev} events failed:\n{proc.stderr[-2000:]}")
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        results[engine] = r
        memory.append({"engine": engine, "events": ev, "seconds": round(r["seconds"], 2), "peak_mib": round(r["peak_mib"], 1)})
        print(f"  parquet n={ev}: {engine:<10} {r['seconds']:8.2f} s  peak {r['peak_mib']:8.1f} MiB", flush=True)
    ours = results["medjourney"]["figures"]
    for engine in ("polars", "duckdb"):
        wrong = disagreement(ours, results[engine]["figures"], exact=False)
        if wrong:
            raise SystemExit(f"parquet n={ev}: {engine} figures differ from medjourney's: {wrong}")
        rows.append({"benchmark": "map_parquet", "size": ev, "medjourney_ms": round(results["medjourney"]["seconds"] * 1000, 1),
                     "peer": f"{engine} scan", "peer_ms": round(results[engine]["seconds"] * 1000, 1), "target_ratio": None})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "bench-results" / "tables.json")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--big", action=argparse.BooleanOptionalAction, default=os.environ.get("MJ_BENCH_BIG") != "0",
                    help="also 10^8 events from Parquet (generates about 1 GB once, in seconds; the three "
                         "engines take a minute or two); on unless MJ_BENCH_BIG=0")
    ap.add_argument("--engine", help=argparse.SUPPRESS)
    ap.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--skip-parquet", action="store_true", help="only the in-memory comparison")
    args = ap.parse_args()
    if args.engine:
        print(json.dumps(run_engine(args.engine, args.root)))
        return 0
    rows: list[dict[str, Any]] = []
    memory: list[dict[str, Any]] = []
    print("Python: journey map from DataFrames", flush=True)
    bench_in_memory(1_000_000, args.repeats, rows)
    if not args.skip_parquet:
        print("Python: journey map from Parquet", flush=True)
        for total in [10**7] + ([10**8] if args.big else []):
            bench_parquet(total, rows, memory)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"results": rows, "memory": memory}, indent=2) + "\n")
    print(f"wrote {args.out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
