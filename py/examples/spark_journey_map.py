"""The journey map on PySpark with mapInArrow (the recipe in py/README.md, run by
scripts/spark_recipe.sh in local mode): each task accumulates its partition of whole
journeys, the partial maps travel back as bytes and are merged on the driver."""

from __future__ import annotations

import sys

import pyarrow as pa
import pyarrow.compute as pc
from pyspark.sql import SparkSession

import medjourney as mj

TABLES = ("journeys", "visits", "touchpoints", "needs")


def partial_maps(batches):
    """mapInArrow function: the rows of one partition (all four tables, tagged by `table`)
    into one partial map, yielded as a one-row batch of bytes."""
    acc = mj.MapAccumulator()
    rows = pa.Table.from_batches(list(batches))
    if rows.num_rows:
        parts = [rows.filter(pc.equal(rows["table"], t)) for t in TABLES]
        acc.add_tables(*parts)
    yield pa.record_batch({"acc": [acc.to_bytes()]})


def main() -> int:
    spark = SparkSession.builder.master("local[2]").appName("medjourney").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    journeys = mj.samples.journeys()
    # One long table: each row tagged with its table; columns a table lacks are null.
    tagged = []
    for name, table in zip(TABLES, mj.journey_tables(journeys)):
        t = pa.table(table)
        tagged.append(t.append_column("table", pa.array([name] * t.num_rows)))
    rows = pa.concat_tables(tagged, promote_options="default")
    df = spark.createDataFrame(rows.to_pandas())
    # Partition by journey so each task holds whole journeys.
    parts = df.repartition(4, "journey_id").mapInArrow(partial_maps, "acc binary")
    acc = mj.MapAccumulator()
    for row in parts.collect():
        acc.merge(mj.MapAccumulator.from_bytes(bytes(row["acc"])))
    # The same sketch as one process's, whatever the partitioning (merges are exact).
    single = mj.MapAccumulator()
    single.add_journeys(journeys)
    got, want = acc.finish(), single.finish()
    spark.stop()
    if got.to_dict() != want.to_dict():
        print("spark recipe: the map differs from the single-process map", file=sys.stderr)
        return 1
    print(f"spark recipe: {got.journeys} journeys, {got.touchpoints} touchpoints; equals the single-process map")
    return 0


if __name__ == "__main__":
    sys.exit(main())
