"""The hand-written .pyi stubs must match the compiled module and the core's error codes."""

import ast
import pathlib
import subprocess
import sys

import medjourney as mj

HERE = pathlib.Path(__file__).parent
STUB = pathlib.Path(mj.__file__).with_name("_medjourney.pyi")


def test_stubs_match_the_compiled_module():
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "medjourney._medjourney", "medjourney.samples",
         "--allowlist", str(HERE / "stubtest-allowlist.txt")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_nested_values_have_precise_static_types():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(HERE / "typed_usage.py")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _stub_error_codes() -> list[str]:
    for node in ast.parse(STUB.read_text()).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "_ErrorCode":
            return [e.value for e in node.value.slice.elts]  # type: ignore[attr-defined]
    raise AssertionError("no _ErrorCode in the stub")


def test_the_stub_error_codes_are_the_core_list():
    stub = _stub_error_codes()
    assert stub == list(mj.ERROR_CODES), "_ErrorCode = Literal[\n" + "".join(
        f'    "{c}",\n' for c in mj.ERROR_CODES
    ) + "]"


def test_every_code_maps_to_exactly_one_exception_class():
    assert list(mj.ERROR_CLASSES) == list(mj.ERROR_CODES)
    leaves = {
        mj.CurrencyMismatchError, mj.UnknownCurrencyError, mj.ArithmeticOverflowError,
        mj.RateError, mj.TransitionError, mj.ValidationError, mj.ParseError,
    }
    for code, cls in mj.ERROR_CLASSES.items():
        assert cls in leaves, code
        assert issubclass(cls, mj.MedJourneyError) and issubclass(cls, ValueError)
    assert mj.ERROR_CLASSES["currency_mismatch"] is mj.CurrencyMismatchError
    assert mj.ERROR_CLASSES["unknown_currency"] is mj.UnknownCurrencyError
    assert mj.ERROR_CLASSES["unknown_field"] is mj.ValidationError


def test_raised_errors_are_the_class_their_code_maps_to():
    raisers = [
        lambda: mj.Money("1", "EUR") + mj.Money("1", "USD"),
        lambda: mj.Currency("XYZ"),
        lambda: mj.Money("79228162514264337593543950335", "EUR") * 2,
        lambda: mj.samples.fx().convert(mj.Money("1", "EUR"), "AUD"),
        lambda: mj.Quote.from_json("{"),
        lambda: mj.rank(mj.samples.catalog(), mj.samples.request(), top_K=5),
    ]
    for raise_it in raisers:
        try:
            raise_it()
        except mj.MedJourneyError as e:
            assert type(e) is mj.ERROR_CLASSES[e.code], e.code
        else:
            raise AssertionError("no error")
