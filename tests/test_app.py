"""Headless app tests with Streamlit's AppTest: the real app.py on the real seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def shown(at: AppTest) -> int:
    return int(at.metric[0].value)


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception, at.exception
    return at


def test_app_shows_seed_events_on_the_map(app):
    assert shown(app) >= 5  # every seed document yields events
    assert app.title[0].value.startswith("Caspian region")
    assert not app.warning, [w.value for w in app.warning]


def test_year_slider_changes_the_number_of_events_shown(app):
    total = shown(app)
    first, last = app.slider(key="years").value
    assert first < last
    app.slider(key="years").set_value((last, last)).run()
    assert not app.exception
    assert 0 < shown(app) < total
    app.slider(key="years").set_value((first, first)).run()
    assert shown(app) < total


def test_country_filter_changes_the_number_of_events_shown(app):
    total = shown(app)
    options = app.multiselect(key="countries").options
    assert "Kazakhstan (KAZ)" in options and "Iran (IRN)" in options
    app.multiselect(key="countries").select("TKM").run()
    assert not app.exception
    assert 0 < shown(app) < total
    assert len(app.dataframe[0].value) == shown(app)
