"""The journey map on Dask: ``medjourney.dask.journey_map(journeys, visits, touchpoints, needs)``.

Needs ``dask`` (``pip install 'dask[distributed]'``); imported only when this module is.
The four ``dask.dataframe`` frames must be partitioned by journey: partition *i* of every
frame holds the same journeys (all of each journey's rows; see ``medjourney._stream`` for
why). Each partition is accumulated on a worker, the partial maps travel as bytes and are
merged in a tree (``split_every`` at a time), and the map is finished where it is called.
Counts are exact. Dwell quantiles come from the accumulator's bounded sketch by default
(within 1 % of the exact nearest-rank value, the same answer in any partitioning or merge
order); ``quantiles="exact"`` keeps every dwell sample instead, for data that fits.
"""

from __future__ import annotations

from typing import Any

import dask
from dask import delayed

from ._medjourney import JourneyMap, MapAccumulator, merge_tree, partitions_alike
from ._stream import Quantiles


def dump(acc: MapAccumulator) -> bytes:
    """A partial map as bytes for the trip between processes (the one place that chooses
    the transport)."""
    return acc.to_bytes()


def load(data: bytes) -> MapAccumulator:
    """A partial map back from ``dump``'s bytes (checked by the core)."""
    return MapAccumulator.from_bytes(data)


def _accumulate(journeys: Any, visits: Any, touchpoints: Any, needs: Any, quantiles: Quantiles) -> bytes:
    acc = MapAccumulator(quantiles)
    acc.add_tables(journeys, visits, touchpoints, needs)
    return dump(acc)


def _merge(*parts: bytes) -> bytes:
    acc = load(parts[0])
    for p in parts[1:]:
        acc.merge(load(p))
    return dump(acc)


def accumulate(
    journeys: Any,
    visits: Any,
    touchpoints: Any,
    needs: Any = None,
    *,
    split_every: int = 8,
    quantiles: Quantiles = None,
) -> Any:
    """The merged partial map of the frames as a Dask delayed value of ``dump`` bytes; a
    ``ValidationError`` (``invalid_input``) when the frames are not partitioned alike or
    ``split_every`` is below 2 (the core's ``partitions_alike`` and ``merge_tree``)."""
    frames = [journeys, visits, touchpoints] + ([needs] if needs is not None else [])
    partitions_alike([f.npartitions for f in frames])
    tree = merge_tree(journeys.npartitions, split_every)
    parts = [f.to_delayed() for f in frames]
    if needs is None:
        parts.append([None] * len(parts[0]))
    level = [delayed(_accumulate, pure=True)(*p, quantiles) for p in zip(*parts)]
    for groups in tree:
        level = [delayed(_merge, pure=True)(*level[a:b]) for a, b in groups]
    return level[0]


def journey_map(
    journeys: Any,
    visits: Any,
    touchpoints: Any,
    needs: Any = None,
    *,
    split_every: int = 8,
    quantiles: Quantiles = None,
    **options: Any,
) -> JourneyMap:
    """The journey map of four ``dask.dataframe`` frames partitioned by journey, computed on
    the current Dask scheduler; ``quantiles`` as for ``MapAccumulator``, ``MapOptions`` as
    keywords."""
    (data,) = dask.compute(
        accumulate(journeys, visits, touchpoints, needs, split_every=split_every, quantiles=quantiles)
    )
    return load(data).finish(**options)
