"""The running app in headless Chromium with the network cut off: the map must still draw."""

from __future__ import annotations

import os

import pytest

from tools.browser import chromium_path, map_frame, offline_page, running_app

pytestmark = pytest.mark.browser

if chromium_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium (see .ci/run)")
    pytest.skip("Debian's chromium is not installed (make browser)", allow_module_level=True)


@pytest.fixture(scope="module")
def app_url():
    with running_app() as url:
        yield url


def test_map_renders_offline_with_states_and_events(app_url):
    with offline_page() as (page, blocked):
        page.goto(app_url)
        frame = map_frame(page)
        # States are vector paths; events are circle markers or clusters of them.
        frame.locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
        assert frame.locator("path.leaflet-interactive").count() >= 5
        frame.locator(
            ".marker-cluster, path[stroke-dasharray], path[fill-opacity]"
        ).first.wait_for()
        assert frame.locator(".leaflet-control-layers").count() == 1
        assert blocked == [], f"the page tried to reach the internet: {blocked}"
