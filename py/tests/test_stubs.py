"""The hand-written .pyi stubs must match the compiled module."""

import subprocess
import sys


def test_stubs_match_the_compiled_module():
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "medjourney._medjourney"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
