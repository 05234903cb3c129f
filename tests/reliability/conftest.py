"""The reliability suite's switches: the `fuzz` marker, and the 'fuzz-long' Hypothesis profile
that `make fuzz` loads (`--hypothesis-profile=fuzz-long`) for many more random CSVs."""

from __future__ import annotations

from hypothesis import settings


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "fuzz: random or damaged inputs (longer with --hypothesis-profile=fuzz-long)"
    )


settings.register_profile("fuzz-long", max_examples=5000, deadline=None)
