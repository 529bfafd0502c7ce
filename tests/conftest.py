"""Shared fixtures: a handful of hand-made events covering the precisions and types."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Hermetic: the default documents folder (settings.DEFAULT_DOCS_DIR, under XDG_DATA_HOME) is
# a throwaway one for the whole run, first filled from seeds/ as a user's would be, never
# the real ~/.local/share. Set before caspian_dash.settings is imported; inherited by the
# apps the browser tests start (tools/browser.running_app passes os.environ on).
# (this file is also imported as tests.conftest by test modules: make the folder once)
_DATA_HOME = os.environ.get("CASPIAN_DASH_TEST_DATA_HOME")
if not _DATA_HOME:
    _DATA_HOME = os.environ["CASPIAN_DASH_TEST_DATA_HOME"] = tempfile.mkdtemp(
        prefix="caspian_dash-test-data-"
    )
    atexit.register(shutil.rmtree, _DATA_HOME, ignore_errors=True)
os.environ["XDG_DATA_HOME"] = _DATA_HOME
os.environ.pop("CASPIAN_DASH_DOCS", None)  # a developer's own folder must not leak in

from caspian_dash import settings  # noqa: E402
from caspian_dash.models import Event, Source  # noqa: E402

assert settings.DOCS_DIR == Path(_DATA_HOME) / "caspian_dash" / "documents", (
    "caspian_dash.settings was imported before tests/conftest.py set XDG_DATA_HOME"
)


def make_event(**overrides) -> Event:
    fields = dict(
        id="ev1",
        title="Summit signs the Convention, Aktau",
        event_type="summit",
        date_start="2018-08-12",
        date_end="2018-08-12",
        time_precision="day",
        place="Aktau",
        lon=51.17,
        lat=43.65,
        geo_precision="site",
        actors=("KAZ", "RUS"),
        linked_features=(),
        sources=(Source("doc", "The summit was held in Aktau.", 0, 29),),
        flags=(),
    )
    fields.update(overrides)
    return Event(**fields)


@pytest.fixture
def events() -> list[Event]:
    return [
        make_event(),
        make_event(
            id="ev2",
            event_type="military_exercise",
            date_start="2024-07-01",
            date_end="2024-07-31",
            time_precision="month",
            actors=("KAZ", "AZE"),
            place="Caspian Sea",
            geo_precision="region",
            lon=50.5,
            lat=42.0,
        ),
        make_event(
            id="ev3",
            event_type="agreement",
            date_start="2010-01-01",
            date_end="2010-12-31",
            time_precision="year",
            actors=("IRN",),
            linked_features=("TKM",),
            place=None,
            lon=None,
            lat=None,
            geo_precision=None,
        ),
        make_event(
            id="ev4",
            event_type="statement",
            date_start="2025-10-08",
            date_end="2025-10-08",
            actors=("NATO",),
            place="St. Petersburg",
            lon=30.3,
            lat=59.9,
        ),
    ]


@pytest.fixture
def app_folder(tmp_path, monkeypatch) -> Path:
    """A copy of the seeds as the app's documents folder (for AppTest runs that write to it:
    uploads, reviews, stories), with its own extraction cache."""
    target = tmp_path / "docs"
    shutil.copytree(settings.SEEDS_DIR, target)
    monkeypatch.setattr(settings, "DOCS_DIR", target)
    monkeypatch.setattr(settings, "CACHE_DIR", tmp_path / "cache")
    return target
