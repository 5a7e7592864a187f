"""The journey map on a Dask LocalCluster of worker processes (issue 18): partial maps built
on the workers, shipped as bytes and merged in a tree equal a single-process map."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import medjourney as mj

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")
import medjourney.dask as mjd  # noqa: E402

NO_TIME = np.iinfo(np.int64).min


def frames(cols: dict, parts: int):
    """The four tables as pandas frames, and a partition number per journey."""
    n = len(cols["status"])
    names = mj.enum_values()
    named = lambda enum, codes: np.asarray(names[enum], dtype=object)[codes]  # noqa: E731
    journeys = pd.DataFrame({"journey_id": np.arange(n), "status": named("Status", cols["status"])})
    left = pd.array(np.where(cols["visit_left"] == NO_TIME, 0, cols["visit_left"]), dtype="Int64")
    left[cols["visit_left"] == NO_TIME] = pd.NA
    visits = pd.DataFrame({"journey_id": cols["visit_journey"].astype(np.int64), "stage": named("Stage", cols["visit_stage"]),
                           "entered": cols["visit_entered"], "left": left})
    touchpoints = pd.DataFrame({"journey_id": cols["touch_journey"].astype(np.int64), "stage": named("Stage", cols["touch_stage"]),
                                "at": cols["touch_at"], "channel": named("Channel", cols["touch_channel"]),
                                "kind": named("TouchpointKind", cols["touch_kind"]), "sentiment": cols["touch_sentiment"]})
    needs = pd.DataFrame({"journey_id": cols["need_journey"].astype(np.int64), "stage": named("Stage", cols["need_stage"]),
                          "need": named("Need", cols["need_code"]), "met": cols["need_met"].astype(bool)})
    return journeys, visits, touchpoints, needs


def by_journey(df: pd.DataFrame, parts: int, n: int):
    """A dask frame whose partition i holds journeys i*n/parts … (i+1)*n/parts."""
    bounds = [i * n // parts for i in range(parts)] + [n - 1]
    return dd.from_pandas(df.set_index("journey_id", drop=False).sort_index().rename_axis(None), npartitions=1).repartition(divisions=bounds)


def within_the_sketch_bound(got: int, exact: int) -> bool:
    """The accumulator's stated bound: 100·|x − v| ≤ v (1 % relative error)."""
    return 100 * abs(got - exact) <= exact


def test_a_local_cluster_of_two_worker_processes_gives_the_single_process_map():
    cols = mj.samples.journey_table(3_000, 30_000, 5)
    n = len(cols["status"])
    local = frames(cols, 6)
    expected = mj.journey_map_tables(*local)
    single_sketch = mj.MapAccumulator("sketch")
    single_sketch.add_tables(*local)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        dfs = [by_journey(df, 6, n) for df in local]
        assert {d.npartitions for d in dfs} == {6}
        sketched = mjd.journey_map(*dfs, split_every=2)
        exact = mjd.journey_map(*dfs, split_every=2, quantiles="exact")
    # Exact mode: the very map of one process.
    assert exact.to_dict() == expected.to_dict()
    assert exact.to_dict() == mj.journey_map_columns(**cols).to_dict()
    # The bounded default: the same map as one process's sketch, whatever the partitioning.
    assert sketched.quantiles == "sketch"
    assert sketched.to_dict() == single_sketch.finish().to_dict()
    # Counts exact, dwell quantiles within the sketch's bound of the exact ones.
    for g, e in zip(sketched.stages, expected.stages):
        assert (g.entered, g.moved_on, g.dropped, g.still_there) == (e.entered, e.moved_on, e.dropped, e.still_there)
        for got, want in [(g.dwell.median_seconds, e.dwell.median_seconds), (g.dwell.p90_seconds, e.dwell.p90_seconds)]:
            assert (got is None) == (want is None)
            if want is not None:
                assert within_the_sketch_bound(got, want), (g.stage, got, want)


def test_frames_partitioned_unalike_are_refused():
    cols = mj.samples.journey_table(100, 500, 5)
    local = frames(cols, 2)
    dfs = [dd.from_pandas(df, npartitions=k) for df, k in zip(local, (2, 3, 2, 2))]
    with pytest.raises(mj.ValidationError, match="partitioned alike") as e:
        mjd.journey_map(*dfs)
    assert e.value.code == "invalid_input"


@pytest.mark.parametrize("split_every", [1, 0, -1])
def test_merging_fewer_than_two_partial_maps_at_a_time_is_refused(split_every):
    cols = mj.samples.journey_table(100, 500, 5)
    dfs = [dd.from_pandas(df, npartitions=2) for df in frames(cols, 2)]
    error = mj.ValidationError if split_every >= 0 else mj.ParseError
    with pytest.raises(error) as e:
        mjd.journey_map(*dfs, split_every=split_every)
    assert e.value.code == ("invalid_input" if split_every >= 0 else "parse_error")


def test_the_tree_merge_groups_partial_maps_as_the_core_says():
    assert mj.merge_tree(1, 8) == []
    assert mj.merge_tree(9, 8) == [[(0, 8), (8, 9)], [(0, 2)]]
    assert mj.partitions_alike([3, 3, 3]) == 3


@pytest.mark.parametrize("quantiles", ["exact", "sketch"])
def test_the_transport_round_trips_a_partial_map(quantiles):
    acc = mj.MapAccumulator(quantiles)
    acc.add_journeys(mj.samples.journeys())
    back = mjd.load(mjd.dump(acc))
    assert back == acc
    assert back.finish().to_dict() == acc.finish().to_dict()
