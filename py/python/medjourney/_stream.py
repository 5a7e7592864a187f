"""The journey map over data too big to load at once: parts of whole journeys, one at a time.

``MapAccumulator`` adds complete journeys: a journey's stage visits, touchpoints and need
records must arrive in the same call as its row of the journeys table (the accumulator
numbers journeys by their row and counts each one at its furthest stage, so a journey split
over two calls would be counted twice). So data is partitioned *by journey*: each part
holds some journeys and every row of the other tables that belongs to them. Memory is then
one part at a time plus the accumulator, whose dwell quantiles come from its bounded sketch
(within 1 % of the exact value) unless ``quantiles="exact"`` is asked for.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, Literal, Optional

from ._medjourney import JourneyMap, MapAccumulator

TABLES = ("journeys", "visits", "touchpoints", "needs")


Quantiles = Optional[Literal["exact", "sketch"]]


def journey_map_parts(
    parts: Iterable[tuple[Any, Any, Any, Any]], *, quantiles: Quantiles = None, **options: Any
) -> JourneyMap:
    """The journey map of parts of whole journeys, each ``(journeys, visits, touchpoints,
    needs)`` as Arrow-exporting tables (``needs`` may be ``None``), added one at a time;
    ``quantiles`` as for ``MapAccumulator``, ``MapOptions`` as keywords."""
    acc = MapAccumulator(quantiles)
    for journeys, visits, touchpoints, needs in parts:
        acc.add_tables(journeys, visits, touchpoints, needs)
    return acc.finish(**options)


def parquet_parts(root: str | os.PathLike[str]) -> Iterable[tuple[Any, Any, Any, Any]]:
    """The parts of a directory of Parquet files laid out by journey, read one at a time
    with pyarrow (needs pyarrow).

    Layout: ``root/journeys/``, ``root/visits/``, ``root/touchpoints/`` and optionally
    ``root/needs/``, each holding files of the same names (``part-0000.parquet``…); files of
    one name hold the same journeys. Only the columns of the schema are read.
    """
    import pyarrow.parquet as pq

    root = os.fspath(root)
    names = sorted(f for f in os.listdir(os.path.join(root, "journeys")) if f.endswith(".parquet"))
    columns = {
        "journeys": ["journey_id", "status"],
        "visits": ["journey_id", "stage", "entered", "left"],
        "touchpoints": ["journey_id", "stage", "at", "channel", "kind", "sentiment"],
        "needs": ["journey_id", "stage", "need", "met"],
    }
    for name in names:
        part = []
        for table in TABLES:
            path = os.path.join(root, table, name)
            if table == "needs" and not os.path.exists(path):
                part.append(None)
                continue
            schema = pq.read_schema(path)
            wanted = [c for c in columns[table] if c in schema.names]
            part.append(pq.read_table(path, columns=wanted))
        yield tuple(part)  # type: ignore[misc]


def journey_map_parquet(
    root: str | os.PathLike[str], *, quantiles: Quantiles = None, **options: Any
) -> JourneyMap:
    """The journey map of a directory of Parquet files laid out by journey (see
    ``parquet_parts``), one part in memory at a time; ``quantiles`` as for
    ``MapAccumulator``, ``MapOptions`` as keywords."""
    return journey_map_parts(parquet_parts(root), quantiles=quantiles, **options)
