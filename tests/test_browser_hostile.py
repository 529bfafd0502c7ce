"""The running app in headless Chromium on a hostile document and a hostile manifest row:
open the hostile event's popup on the map, then its document view, and prove that no script
ran (a window flag the payloads would set stays unset in every frame), no dialog opened, and
the manifest's ``javascript:`` address is never a link."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.test_security_app import (
    HOSTILE_PUBLISHER,
    HOSTILE_TITLE,
    HOSTILE_URL,
    TEMPLATE_TEXT,
    write_hostile_folder,
)
from tools.browser import chromium_path, map_frame, offline_page, running_app

pytestmark = pytest.mark.browser

if chromium_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium (see .ci/run)")
    pytest.skip("Debian's chromium is not installed (make browser)", allow_module_level=True)

NO_SCRIPT_RAN = """() => [window.__pwned === undefined,
    document.querySelectorAll('a[href^="javascript:" i], [href*="alert("]').length,
    document.querySelectorAll('[onerror], [onload], [onmouseover]').length]"""


def assert_nothing_ran(page, dialogs) -> None:
    for frame in page.frames:
        if frame.is_detached():
            continue
        unset, js_links, handlers = frame.evaluate(NO_SCRIPT_RAN)
        assert unset, f"a payload ran in {frame.url}"
        assert js_links == 0, f"a javascript: link in {frame.url}"
        assert handlers == 0, f"an event-handler attribute in {frame.url}"
    assert dialogs == []


POPUPS = """() => [...document.querySelectorAll('.leaflet-popup-content')].map(
    p => [p.innerText, p.querySelectorAll('script, img, a, svg, b, iframe').length])"""


def open_hostile_popup(page, frame) -> tuple[str, int]:
    """Find the hostile event's marker by its tooltip (hovering reruns nothing), click it and
    return its popup's text and how many elements of the hostile kinds the popup holds."""
    markers = frame.locator(".cd-ev-wrap")
    markers.first.wait_for(timeout=30_000)
    viewport = page.viewport_size
    for i in range(markers.count()):
        box = markers.nth(i).bounding_box()
        if not box or not (
            0 <= box["x"] < viewport["width"] and 0 <= box["y"] < viewport["height"]
        ):
            continue  # off the map's frame: not where a reader could point
        markers.nth(i).hover()
        page.wait_for_timeout(300)
        if any("Aktau" in t for t in frame.locator(".leaflet-tooltip").all_inner_texts()):
            markers.nth(i).click()
            break
    else:
        raise AssertionError("no marker of the hostile event")
    map_document = next((f for f in page.frames if "map_component" in f.url), page)
    for _ in range(80):  # read every open popup at once: a rerun may redraw them
        for text, elements in map_document.evaluate(POPUPS):
            if "window.__pwned = 1" in text:
                return text, elements
        page.wait_for_timeout(250)
    raise AssertionError("the hostile event's popup did not open")


def assert_template_text_shown(text: str) -> None:
    """The template payloads read as written: nothing was evaluated or swallowed."""
    assert TEMPLATE_TEXT in text
    assert "Title {{ 6*7 }}" in text and "Title 42" not in text


def test_hostile_document_and_manifest_stay_text_in_the_browser(tmp_path):
    folder = write_hostile_folder(tmp_path / "docs")
    canary = tmp_path / "canary"  # made by one template payload, were it ever run
    env = {
        "CASPIAN_DASH_DOCS": str(folder),
        "CASPIAN_DASH_CACHE": str(tmp_path / "cache"),
        "CD_TEMPLATE_CANARY": str(canary),
    }
    with running_app(env=env) as url, offline_page() as (page, blocked):
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url)
        frame = map_frame(page)
        page.get_by_test_id("stMetricValue").first.wait_for(timeout=60_000)
        assert int(page.get_by_test_id("stMetricValue").first.inner_text()) >= 3

        # The popup: the hostile sentence and the manifest's title, as text; no element of theirs.
        text, elements = open_hostile_popup(page, frame)
        assert "<script>window.__pwned = 1; alert('s')</script>" in text
        assert "<img src=x onerror=\"window.__pwned = 2; alert('i')\">" in text
        assert "`${alert(3)}`" in text
        assert HOSTILE_TITLE.split(" \u202e")[0] in text
        assert_template_text_shown(text)
        assert elements == 0
        assert_nothing_ran(page, dialogs)

        # Clicking the marker selects the event and opens its document view under the map;
        # if that click raced a rerun, choose the event in the box under the table instead.
        address = page.get_by_text(f"Address (not a web link): {HOSTILE_URL}")
        try:
            address.wait_for(timeout=15_000)
        except PlaywrightTimeout:
            box = page.get_by_label("Show where an event comes from", exact=False)
            box.click()
            box.fill("Agreement")
            page.keyboard.press("Enter")
            address.wait_for(timeout=30_000)
        assert page.get_by_role("link", name="Open the original").count() == 0
        assert page.get_by_text(HOSTILE_PUBLISHER.split(" ")[0], exact=False).count() >= 1
        document = page.get_by_test_id("stHtml").last
        document.locator("mark").first.wait_for(timeout=30_000)
        shown = document.inner_text()
        assert "<script>window.__pwned = 1; alert('s')</script>" in shown
        assert "A" * 200_000 in shown  # the long line, whole
        assert document.locator("script, img, a, svg").count() == 0
        box = document.locator("div").first.bounding_box()
        assert box and box["width"] < 2000  # the long line does not stretch the page

        # The notice quoting a manifest row's Markdown link is text, not a link.
        page.get_by_text("names no .txt file in the folder").wait_for(timeout=10_000)
        assert page.locator('a[href*="evil.example"]').count() == 0
        page.wait_for_timeout(500)
        assert_nothing_ran(page, dialogs)

        # The map download, built on the server from the same text: nothing runs there, and
        # the file, opened on its own, shows the payloads as written.
        with page.expect_download(timeout=120_000) as download:
            page.get_by_role("button", name="Map (standalone HTML)").click()
        saved = tmp_path / "map.html"
        download.value.save_as(saved)
        assert not canary.exists()
        page.goto(saved.as_uri())
        text, elements = open_hostile_popup(page, page)
        assert_template_text_shown(text)
        assert elements == 0
        assert_nothing_ran(page, dialogs)
        assert not canary.exists()
        assert blocked == []
