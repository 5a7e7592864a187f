import json
import pathlib

import pytest

VECTORS = pathlib.Path(__file__).resolve().parents[2] / "tests" / "vectors"


def load_vectors(name: str) -> dict:
    """The language-neutral vector file tests/vectors/<name>.json (shared with Rust and JS)."""
    return json.loads((VECTORS / f"{name}.json").read_text())


@pytest.fixture
def vectors():
    return load_vectors
