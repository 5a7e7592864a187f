"""Dataframe and Parquet benchmarks of the journey map (issue 18).

1. In memory, 10^6 events: ``mj.journey_map_tables`` on polars DataFrames against polars
   doing the same group-bys on the same frames (target: 3x), once for each way a polars
   user holds the names (stage, channel, kind, need, status): plain ``pl.String`` (what
   ``read_csv``/``read_parquet`` give, the usual case), ``pl.Categorical`` (what pandas
   habits and ``pl.from_arrow`` of dictionary columns give) and ``pl.Enum`` (the dtype for
   a closed set of names). Polars groups categoricals by their integer codes; its Arrow C
   export of them re-encodes every row (about 15 ms at 10^6 events), so medjourney reads
   a polars frame's categoricals as their codes and polars' category list instead.
2. From Parquet, 10^7 (and with ``--big`` 10^8) events in parts of whole journeys under
   ``target/bench-parquet/`` (generated once, reused): ``mj.journey_map_parquet`` against
   polars' lazy scan with the equivalent group-bys and DuckDB's SQL; each run in a fresh
   process whose peak resident memory is measured (goal: under 1 GB, flat in size).

Every peer's figures are checked against medjourney's map. Writes ``--out``
(bench-results/tables.json) for the ``summary`` binary:

    {"results": [...peer rows...], "memory": [{"engine", "events", "seconds", "peak_mib"}]}

Usage: python py/benchmarks/tables.py [--big] [--repeats 3] [--out …]
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


def polars_queries(j: pl.LazyFrame, v: pl.LazyFrame, t: pl.LazyFrame, n: pl.LazyFrame) -> list[pl.LazyFrame]:
    """The journey map's per-stage figures as polars group-bys: entered (distinct journeys),
    closed-visit dwell median and p90 (nearest rank), touchpoints by channel and kind,
    sentiment mean and count, needs recorded and unmet, journeys by status."""
    dwell = (
        v.filter(pl.col("left").is_not_null())
        .select("stage", (pl.col("left") - pl.col("entered")).dt.total_seconds().alias("dwell"))
        .group_by("stage")
        .agg(
            pl.col("dwell").sort().gather((pl.len() + 1) // 2 - 1).first().alias("median"),
            pl.col("dwell").sort().gather((pl.len() * 9 + 9) // 10 - 1).first().alias("p90"),
        )
    )
    return [
        j.group_by("status").agg(pl.len().alias("journeys")),
        v.group_by("stage").agg(pl.col("journey_id").n_unique().alias("entered")),
        dwell,
        t.group_by("stage", "channel").agg(pl.len().alias("count")),
        t.group_by("stage", "kind").agg(pl.len().alias("count")),
        t.group_by("stage").agg(pl.col("sentiment").mean().alias("mean"), pl.col("sentiment").count().alias("rated")),
        n.group_by("stage", "need").agg(pl.len().alias("total"), (~pl.col("met")).sum().alias("unmet")),
    ]


def check(engine: str, got: dict[str, Any], m: Any) -> None:
    """The peer's entered counts and dwell quantiles equal medjourney's map."""
    for s in m.stages:
        e = got["entered"].get(s.stage, 0)
        if e != s.entered:
            raise SystemExit(f"{engine}: entered[{s.stage}] {e} != medjourney {s.entered}")
        if s.dwell.count and got["dwell"].get(s.stage) != (s.dwell.median_seconds, s.dwell.p90_seconds):
            raise SystemExit(f"{engine}: dwell[{s.stage}] {got['dwell'].get(s.stage)} != medjourney "
                             f"{(s.dwell.median_seconds, s.dwell.p90_seconds)}")


def polars_figures(frames_out: list[pl.DataFrame]) -> dict[str, Any]:
    entered = {str(r["stage"]): int(r["entered"]) for r in frames_out[1].to_dicts()}
    dwell = {str(r["stage"]): (int(r["median"]), int(r["p90"])) for r in frames_out[2].to_dicts()}
    return {"entered": entered, "dwell": dwell}


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
        pl_ms, out = timed(lambda: pl.collect_all(polars_queries(*lazy)), repeats)
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


def sketch_agrees(ours: dict[str, Any], exact: dict[str, Any]) -> bool:
    """medjourney's streamed map (the accumulator's bounded sketch) against a peer's exact
    figures: entered counts equal, each dwell quantile x within 1 % of the exact v
    (100·|x − v| ≤ v, the sketch's stated bound)."""
    if ours["entered"] != exact["entered"] or set(ours["dwell"]) != set(exact["dwell"]):
        return False
    return all(100 * abs(x - v) <= v
               for stage, pair in exact["dwell"].items()
               for x, v in zip(ours["dwell"][stage], pair))


def run_engine(engine: str, root: Path) -> dict[str, Any]:
    """One engine on one directory in this (fresh) process: seconds, figures."""
    t0 = time.perf_counter()
    if engine == "medjourney":
        m = mj.journey_map_parquet(root)
        figures = {"entered": {s.stage: s.entered for s in m.stages},
                   "dwell": {s.stage: [s.dwell.median_seconds, s.dwell.p90_seconds] for s in m.stages if s.dwell.count}}
    elif engine == "polars":
        scan = [pl.scan_parquet(str(root / t / "*.parquet")) for t in ("journeys", "visits", "touchpoints", "needs")]
        out = pl.collect_all(polars_queries(*scan), engine="streaming")
        stages = NAMES["Stage"]
        figures = {"entered": {stages[int(r["stage"])]: int(r["entered"]) for r in out[1].to_dicts()},
                   "dwell": {stages[int(r["stage"])]: [int(r["median"]), int(r["p90"])] for r in out[2].to_dicts()}}
    elif engine == "duckdb":
        import duckdb

        con = duckdb.connect()
        con.execute("SET threads TO 1")
        p = lambda t: f"read_parquet('{root / t}/*.parquet')"  # noqa: E731
        stages = NAMES["Stage"]
        entered = con.sql(f"select stage, count(distinct journey_id) from {p('visits')} group by stage").fetchall()
        dwell = con.sql(
            "select stage, list_sort(list(d)) as xs from (select stage, epoch(\"left\") - epoch(entered) as d "
            f"from {p('visits')} where \"left\" is not null) group by stage").fetchall()
        con.sql(f"select stage, channel, count(*) from {p('touchpoints')} group by all").fetchall()
        con.sql(f"select stage, kind, count(*) from {p('touchpoints')} group by all").fetchall()
        con.sql(f"select stage, avg(sentiment), count(sentiment) from {p('touchpoints')} group by all").fetchall()
        con.sql(f"select stage, need, count(*), sum(case when met then 0 else 1 end) from {p('needs')} group by all").fetchall()
        con.sql(f"select status, count(*) from {p('journeys')} group by all").fetchall()

        def ranks(xs: list[int]) -> list[int]:
            n = len(xs)
            return [int(xs[(n + 1) // 2 - 1]), int(xs[(n * 9 + 9) // 10 - 1])]

        figures = {"entered": {stages[int(s)]: int(c) for s, c in entered}, "dwell": {stages[int(s)]: ranks(xs) for s, xs in dwell}}
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
        if not sketch_agrees(ours, results[engine]["figures"]):
            raise SystemExit(f"parquet n={ev}: {engine} figures differ from medjourney's "
                             f"(entered exactly, dwell quantiles within 1 %): {results[engine]['figures']} vs {ours}")
        rows.append({"benchmark": "map_parquet", "size": ev, "medjourney_ms": round(results["medjourney"]["seconds"] * 1000, 1),
                     "peer": f"{engine} scan", "peer_ms": round(results[engine]["seconds"] * 1000, 1), "target_ratio": None})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "bench-results" / "tables.json")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--big", action="store_true", default=os.environ.get("MJ_BENCH_BIG") == "1",
                    help="also 10^8 events from Parquet (generates about 3 GB once; long)")
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
