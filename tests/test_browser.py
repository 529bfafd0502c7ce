"""The running app in headless Chromium with the network cut off: the map must draw, and
moving the year slider must change the markers. Screenshots go to artifacts/browser/."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tools.browser import (
    ROOT,
    chromium_path,
    map_frame,
    offline_page,
    running_app,
    settle,
    wait_for_layers,
)

pytestmark = pytest.mark.browser
SHOTS = ROOT / "artifacts" / "browser"

if chromium_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium (see .ci/run)")
    pytest.skip("Debian's chromium is not installed (make browser)", allow_module_level=True)


@pytest.fixture(scope="module")
def app_url():
    with running_app() as url:
        yield url


def markers_on_map(frame) -> int:
    """Events drawn: single markers plus the counts inside cluster bubbles."""
    singles = frame.locator(".cd-ev-wrap").count()
    clustered = sum(int(t) for t in frame.locator(".cd-cluster div").all_inner_texts() if t.strip())
    return singles + clustered


def events_shown(page) -> int:
    return int(page.get_by_test_id("stMetricValue").first.inner_text())


def events_layer_count(frame) -> int:
    labels = " ".join(frame.locator(".leaflet-control-layers-overlays label").all_inner_texts())
    match = re.search(r"Events \((\d+)\)", labels)
    return int(match.group(1)) if match else -1


def wait_until(page, predicate, timeout_ms: int = 30_000) -> None:
    for _ in range(timeout_ms // 250):
        if predicate():
            return
        page.wait_for_timeout(250)
    assert predicate()


def wait_for_count(page, frame, expected: int, timeout_ms: int = 30_000) -> None:
    deadline = timeout_ms
    while deadline > 0 and markers_on_map(frame) != expected:
        page.wait_for_timeout(250)
        deadline -= 250
    assert markers_on_map(frame) == expected


def test_map_renders_offline_and_follows_the_year_slider(app_url):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with offline_page() as (page, blocked):
        page.goto(app_url)
        frame = map_frame(page)
        wait_for_layers(page)
        # Layer groups are listed in the layer control.
        labels = " ".join(frame.locator(".leaflet-control-layers-overlays label").all_inner_texts())
        for group in (
            "States",
            "Caspian Sea",
            "Maritime zones",
            "Seabed sectors",
            "Pipelines",
            "Trade corridors",
            "Ports, terminals and fields",
            "Events (",
        ):
            assert group in labels, group
        total = events_shown(page)
        located = int(re.search(r"Events \((\d+)\)", labels).group(1))
        assert 0 < located <= total
        wait_for_count(page, frame, located)
        settle(page)
        page.screenshot(path=str(SHOTS / "all_years.png"))

        # Drag the window's start to its end with the keyboard: only the last year stays.
        start_thumb = page.get_by_role("slider").first
        start_thumb.focus()
        start_thumb.press("End")
        page.wait_for_function(
            f"() => Number(document.querySelector('[data-testid=stMetricValue]').innerText) < {total}",
            timeout=30_000,
        )
        frame = map_frame(page)
        wait_until(page, lambda: 0 <= events_layer_count(frame) < located)
        fewer = events_layer_count(frame)
        wait_for_count(page, frame, fewer)
        settle(page)
        page.screenshot(path=str(SHOTS / "last_year.png"))
        assert blocked == [], f"the page tried to reach the internet: {blocked}"


def test_table_and_chart_tabs_keep_the_map_and_its_zoom(app_url):
    with offline_page() as (page, blocked):
        page.goto(app_url)
        map_frame(page).locator(".cd-ev-wrap, .cd-cluster").first.wait_for(timeout=30_000)
        inner = next(f for f in page.frames if "map_component" in f.url)
        inner.evaluate("() => { window.__kept = true; cd.map.setZoom(7); }")
        assert page.locator("[data-testid=stDataFrame]").count() == 0  # built only when opened
        page.get_by_role("tab", name="Table").click()
        rows = page.locator("[data-testid=stDataFrame]")
        rows.wait_for(timeout=30_000)
        page.get_by_role("tab", name="Events per year").click()
        page.locator("[data-testid=stVegaLiteChart]").wait_for(timeout=30_000)
        page.get_by_role("tab", name="Map").click()
        inner = next(f for f in page.frames if "map_component" in f.url)
        # the same map document, its zoom and a full size: the tab switch did not rebuild it
        assert inner.evaluate("() => window.__kept") is True
        assert inner.evaluate("() => cd.map.getZoom()") == 7
        # full width once the shown tab is laid out (a loaded machine takes a moment)
        wait_until(page, lambda: inner.evaluate("() => cd.map.getSize().x") > 300, 10_000)
        assert blocked == []


HOSTILE = (
    "Baku, 12 March 2026 - Azerbaijan and Kazakhstan signed a transit agreement in Aktau "
    "<script>window.__pwned = 1; alert('x')</script> "
    "<img src=x onerror=\"window.__pwned = 2; alert('y')\"> `${alert(3)}` "
    "[link](javascript:alert(4)).\n"
)


def test_upload_adds_events_in_the_same_session_and_hostile_text_stays_text(tmp_path):
    import shutil

    folder = tmp_path / "docs"
    shutil.copytree(ROOT / "seeds", folder)
    upload = tmp_path / "hostile report.txt"
    upload.write_text(HOSTILE)
    with (
        running_app(
            env={"CASPIAN_DASH_DOCS": str(folder), "CASPIAN_DASH_CACHE": str(tmp_path / "cache")}
        ) as url,
        offline_page() as (page, blocked),
    ):
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url)
        frame = map_frame(page)
        before = events_shown(page)
        # the uploader is built only once its panel is opened
        assert page.locator("[data-testid=stFileUploaderDropzone]").count() == 0
        page.get_by_text("Add documents").click()
        page.locator("[data-testid=stFileUploaderDropzone] input[type=file]").set_input_files(
            str(upload)
        )
        title = page.get_by_label("Title", exact=True)
        title.fill("Hostile <b>report</b>")
        # Leave the edited field before clicking: a click that also blurs it can land while
        # the form shifts (streamlit/streamlit#8725) and be lost.
        title.press("Tab")
        page.get_by_role("button", name="Add to the documents").click()
        added = page.get_by_text("Added hostile report.txt as hostile_report")
        try:
            added.wait_for(timeout=30_000)
        except PlaywrightTimeout:
            sidebar = page.get_by_test_id("stSidebar").inner_text()
            stored = sorted(p.name for p in folder.iterdir())
            pytest.fail(f"no confirmation after the upload; sidebar: {sidebar!r}; folder: {stored}")
        wait_until(page, lambda: events_shown(page) > before)
        assert (folder / "hostile_report.txt").read_text() == HOSTILE
        assert "Hostile <b>report</b>" in (folder / "sources.csv").read_text()
        # The map shows it; nothing ran.
        frame = map_frame(page)
        wait_until(page, lambda: events_layer_count(frame) > 0)
        for f in page.frames:
            assert f.evaluate("() => window.__pwned") is None
        assert dialogs == [] and blocked == []
        settle(page)
        page.screenshot(path=str(SHOTS / "after_upload.png"))


def test_a_sea_zone_filters_the_map_and_its_tooltip_counts_the_events_in_it(tmp_path):
    import shutil

    folder = tmp_path / "docs"
    shutil.copytree(ROOT / "seeds", folder)
    # Kashagan lies in the common maritime space (geodata/maritime_zones.geojson)
    (folder / "field.txt").write_text(
        "Kazakhstan started production at the Kashagan field on 3 March 2026.\n"
    )
    env = {"CASPIAN_DASH_DOCS": str(folder), "CASPIAN_DASH_CACHE": str(tmp_path / "cache")}
    with running_app(env=env) as url, offline_page() as (page, blocked):
        page.goto(url + "?sea=common_space")
        frame = map_frame(page)
        wait_for_layers(page)
        wait_until(page, lambda: events_shown(page) == 1 and markers_on_map(frame) == 1)
        page.get_by_text("at sea: common maritime space", exact=False).wait_for(timeout=10_000)
        frame.locator(".leaflet-control-layers").hover()
        frame.get_by_text("Maritime zones (2018 Convention)").click()
        real = next(f for f in page.frames if "map_component" in f.url)
        x, y = real.evaluate("() => { var p = cd.map.latLngToContainerPoint([42.3, 50.9]);"
                             " return [p.x, p.y]; }")  # fmt: skip
        frame.locator(".leaflet-container").hover(position={"x": x, "y": y})
        tip = frame.locator(".leaflet-tooltip")
        tip.wait_for(timeout=10_000)
        text = " ".join(tip.inner_text().split())
        assert "common maritime space" in text and "events in view 1" in text
        assert blocked == []
        page.screenshot(path=str(SHOTS / "sea_zone.png"))
