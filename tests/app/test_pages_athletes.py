"""Every page on every test athlete (tests/athletes.py), through AppTest with the app's default
range: no exception and no error box, whatever the athlete brings."""

from __future__ import annotations

import pytest
from app_helpers import PAGES, open_app
from athletes import ATHLETE_PARAMS


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("athlete", ATHLETE_PARAMS)
def test_every_page_runs_on_every_athlete(athlete_db, use_db, athlete, page):
    use_db(athlete_db(athlete))
    at = open_app(page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
