"""The reliability suite's switches and servers: the `fuzz` marker, the 'fuzz-long' Hypothesis
profile `make fuzz` loads (`--hypothesis-profile=fuzz-long`), and the app
served the way a runner starts it (address and limits from .streamlit/config.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_server import AppServer
from hypothesis import settings

settings.register_profile("fuzz-long", max_examples=5000, deadline=None)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "fuzz: random or damaged inputs (longer with --hypothesis-profile=fuzz-long)"
    )


class App(AppServer):
    """`streamlit run app.py` as `make run` starts it: the address comes from .streamlit/config.toml."""

    def __init__(self, folder: Path):
        super().__init__(folder / "app.duckdb", folder / "raw", folder / "streamlit.log", address=None)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    server = App(tmp_path_factory.mktemp("app"))
    yield server
    server.stop()
