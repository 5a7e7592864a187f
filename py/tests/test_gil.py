"""Long calls release the GIL: pure-Python threads keep running while the core works.

The worker records the call's own start and end; this thread counts loop iterations with
their timestamps. With the GIL held for the call, no iteration can happen in the middle of
that window (at most a switch interval of Python-level work sits at either edge), so the
test asserts iterations in the window's middle half. It fails if `py.detach` is removed
from the call under test (checked by hand when it was written).
"""

import sys
import threading
import time

import numpy as np
import pytest

import medjourney as mj


def _iterations_in_the_middle_of(call):
    """Runs `call` on a worker thread while this thread counts; returns the iterations
    counted in the middle half of the call's window and the window's length."""
    go = threading.Event()
    window = {}

    def worker():
        go.wait()
        window["start"] = time.perf_counter()
        call()
        window["end"] = time.perf_counter()

    t = threading.Thread(target=worker)
    t.start()
    ticks = []
    go.set()
    while t.is_alive():
        ticks.append(time.perf_counter())
        for _ in range(200):  # pure-Python work between samples, so the list stays small
            pass
    t.join()
    start, end = window["start"], window["end"]
    quarter = (end - start) / 4
    inside = [x for x in ticks if start + quarter < x < end - quarter]
    return len(inside), end - start


@pytest.fixture(autouse=True)
def short_switch_interval():
    """A held GIL can let Python run for up to one switch interval at the window's edges;
    a short interval keeps that edge far smaller than the calls, even on a fast machine."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)
    yield
    sys.setswitchinterval(before)


def _assert_the_gil_was_released(call):
    counted, length = _iterations_in_the_middle_of(call)
    assert length > 20 * sys.getswitchinterval(), f"call too short to judge: {length:.4f}s"
    assert counted >= 10, f"only {counted} iterations ran during a {length:.3f}s call"


def test_topsis_releases_the_gil_while_it_scores():
    rng = np.random.default_rng(3)
    m = rng.uniform(1, 100, size=(3_000_000, 8))
    w = np.full(8, 1 / 8)
    t = np.array([1, -1, 1, -1, 1, -1, 1, -1], dtype=np.int8)
    _assert_the_gil_was_released(lambda: mj.topsis(m, w, t))


def test_journey_map_columns_releases_the_gil_while_it_builds_the_map():
    table = mj.samples.journey_table(400_000, 4_000_000, 3)
    _assert_the_gil_was_released(lambda: mj.journey_map_columns(**table))
