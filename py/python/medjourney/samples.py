"""The embedded sample case (the same data as Rust's ``medjourney::samples``)."""

from ._medjourney import FxTable, sample_fx


def fx() -> FxTable:
    """The sample exchange-rate table (EUR base, as of 2026-11-20)."""
    return sample_fx()


__all__ = ["fx"]
