#!/usr/bin/env bash
# Runs the PySpark recipe of py/README.md ("On Dask and Spark") in local mode and checks
# its map equals the single-process one. Not part of the test command (Spark's start-up
# alone takes tens of seconds); needs Java 17 and the project's .venv (scripts/install.sh),
# and installs pyspark into that venv when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
venv="$root/.venv"
if ! "$venv/bin/python" -c "import pyspark" 2>/dev/null; then
  echo "[spark] installing pyspark into $venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pyspark>=3.5"
fi
export PYSPARK_PYTHON="$venv/bin/python"
"$venv/bin/python" py/examples/spark_journey_map.py
