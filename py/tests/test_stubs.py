"""The hand-written .pyi stubs must match the compiled module."""

import pathlib
import subprocess
import sys


def test_stubs_match_the_compiled_module():
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "medjourney._medjourney"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_nested_values_have_precise_static_types():
    usage = pathlib.Path(__file__).with_name("typed_usage.py")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(usage)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
