#!/usr/bin/env bash
# Renders the sample case's pictures (provider ranking, quote comparison, itinerary
# timeline, the planned trip, journey map) into docs/pictures/ for the README. Rerun it after changing a
# renderer or the samples, and commit the files it writes.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet -p medjourney --example pictures -- docs/pictures
