"""Briefing mode as seen in headless Chromium with the network cut: presenting a story in the
app with the keyboard, and the exported pack from file:// (every slide by the keyboard, its
footnotes against the events shown, hostile text as text), and its PDF, a page a step."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from caspian_dash.briefing.pack import NOTES_PER_SLIDE
from caspian_dash.briefing.store import save_story
from caspian_dash.briefing.story import Step, Story
from caspian_dash.documents.corpus import load_folder
from tools.browser import ROOT, chromium_path, map_frame, offline_page, running_app, settle

pytestmark = pytest.mark.browser
SHOTS = ROOT / "artifacts" / "browser"
HOSTILE = "<img src=x onerror=\"document.title='pwned'\"> </script><script>alert(1)</script>"

if chromium_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium (see .ci/run)")
    pytest.skip("Debian's chromium is not installed (make browser)", allow_module_level=True)

STEPS = (
    Step("The Convention signed", "Aktau, 12 August 2018", {"from": ["2018"], "to": ["2018"]}),
    Step(
        "Summits, 2002-2014",
        HOSTILE,
        {"from": ["2002"], "to": ["2014"], "type": ["summit"]},
        (41.5, 51.0),
        5,
        ("states", "caspian_sea", "pipelines"),
    ),
    Step("Since 2020", "Every event", {"from": ["2020"]}),
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    target = tmp_path_factory.mktemp("story") / "docs"
    shutil.copytree(ROOT / "seeds", target)
    save_story(target, Story("briefing", "Caspian briefing", STEPS))
    return target


def expected_notes(folder) -> list[list[str]]:
    """Per step, the ids of the events its footnotes must cite: the view's events, those on
    the map first (as the app's filters give them)."""
    from caspian_dash.geodata import load_layers
    from caspian_dash.view import make_view
    from caspian_dash.view.filters import clamp_years, from_query, year_span

    documents, events, _ = load_folder(folder, folder.parent / "cache")
    layers, _ = load_layers()
    out = []
    for step in STEPS:
        shown = make_view(
            layers, events, documents, clamp_years(from_query(step.query), year_span(events))
        ).shown
        located = [e for e in shown if e.lat is not None]
        ordered = located + [e for e in shown if e.lat is None]
        out.append([e.id for e in ordered[:NOTES_PER_SLIDE]])
    return out


def test_presenting_a_story_in_the_app_with_the_keyboard(folder):
    env = {"CASPIAN_DASH_DOCS": str(folder), "CASPIAN_DASH_CACHE": str(folder.parent / "cache")}
    with running_app(env) as url, offline_page(1280, 720) as (page, blocked):
        page.goto(f"{url}/?story=briefing&present=1&step=1")
        map_frame(page)
        settle(page)
        frame = next(f for f in page.frames if "map_component" in f.url)
        page.get_by_text("step 1 of 3").wait_for(timeout=30_000)
        frame.wait_for_function("() => document.querySelector('.cd-year').textContent === '2018'")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "present_step1.png"))
        page.locator("body").press("ArrowRight")
        page.get_by_text("step 2 of 3").wait_for(timeout=30_000)
        frame.wait_for_function(
            "() => document.querySelector('.cd-year').textContent === '2002–2014'"
        )
        # the map flew to the step's view, with the step's layers on (and only those)
        frame.wait_for_function(
            "() => { var c = cd.map.getCenter(); return cd.map.getZoom() === 5 && "
            "Math.abs(c.lat - 41.5) < 0.05 && Math.abs(c.lng - 51) < 0.05; }",
            timeout=30_000,
        )
        assert frame.evaluate("cd.layersOn()") == ["caspian_sea", "pipelines", "states"]
        # the hostile caption is on the page as text, and ran nothing
        assert page.get_by_text("</script><script>alert(1)</script>", exact=False).count() >= 1
        assert page.title() != "pwned"
        page.keyboard.press("Space")
        page.get_by_text("step 3 of 3").wait_for(timeout=30_000)
        page.keyboard.press("ArrowLeft")
        page.get_by_text("step 2 of 3").wait_for(timeout=30_000)
        page.keyboard.press("Escape")
        page.get_by_text("Caspian region events").wait_for(timeout=30_000)
        assert not blocked


def test_a_step_keeps_where_the_map_looks_and_its_layers(folder):
    from caspian_dash.briefing.store import load_story

    env = {"CASPIAN_DASH_DOCS": str(folder), "CASPIAN_DASH_CACHE": str(folder.parent / "cache")}
    with running_app(env) as url, offline_page(1600, 1000) as (page, blocked):
        page.goto(f"{url}/?story=briefing")
        map_frame(page)
        frame = next(f for f in page.frames if "map_component" in f.url)
        frame.wait_for_function("() => !!(window.cd && cd.map && cd.pendingLayers === 0)")
        frame.evaluate(
            "() => { cd.setLayers(['states', 'corridors']); cd.map.setView([40.4, 49.9], 7); }"
        )
        page.wait_for_timeout(2500)  # the view is sent once the map has stopped moving
        page.get_by_text("Add this view as a step").click()
        page.get_by_label("Step title").fill("Baku up close")
        page.get_by_role("button", name="Add step").click()
        page.get_by_text("Step 4 added.").wait_for(timeout=30_000)
        step = load_story(folder, "briefing").steps[-1]
        assert step.title == "Baku up close" and step.zoom == 7
        assert abs(step.center[0] - 40.4) < 0.01 and abs(step.center[1] - 49.9) < 0.01
        assert step.layers == ("corridors", "states")
        assert not blocked
    save_story(folder, Story("briefing", "Caspian briefing", STEPS))  # as the other tests want


def _pack(folder, tmp_path, pdf: bool = False):
    out = tmp_path / "pack.html"
    cmd = [
        sys.executable,
        "-m",
        "caspian_dash",
        "export-briefing",
        "briefing",
        "--docs",
        str(folder),
        "-o",
        str(out),
    ]
    if pdf:
        cmd += ["--pdf", str(tmp_path / "pack.pdf")]
    env = {**os.environ, "CASPIAN_DASH_CACHE": str(folder.parent / "cache")}
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr
    return out


def test_the_pack_works_offline_slide_by_slide_with_its_footnotes(folder, tmp_path):
    pack = _pack(folder, tmp_path)
    expected = expected_notes(folder)
    with offline_page(1600, 1000) as (page, blocked):
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(pack.as_uri())
        for i, step in enumerate(STEPS):
            slide = page.locator(".pk-slide.pk-current")
            assert slide.locator("h1").inner_text() == step.title
            assert slide.locator(".pk-where").inner_text() == f"{i + 1} / {len(STEPS)}"
            assert slide.locator(".pk-caption").inner_text() == step.caption  # text, as typed
            cited = slide.locator(".pk-notes li").evaluate_all(
                "els => els.map(e => e.dataset.event)"
            )
            assert cited == expected[i]
            # every numbered marker on this slide's map has its footnote, and back
            page.wait_for_timeout(300)
            numbers = slide.locator(".pk-ev span").all_inner_texts()
            marked = sorted(int(n) for n in numbers if n)
            notes = slide.locator(".pk-notes li").evaluate_all("els => els.map(e => +e.value)")
            located = len([n for n in marked])
            assert marked == sorted(notes)[:located]
            page.screenshot(path=str(SHOTS / f"pack_slide{i + 1}.png"))
            page.keyboard.press("ArrowRight" if i % 2 == 0 else "Space")
        assert page.evaluate("location.hash") == f"#step-{len(STEPS)}"
        assert not dialogs and page.title() != "pwned"
        assert not blocked


def test_the_pdf_has_a_page_a_step_and_keeps_the_hostile_caption_as_text(folder, tmp_path):
    from pypdf import PdfReader

    _pack(folder, tmp_path, pdf=True)
    pages = PdfReader(str(tmp_path / "pack.pdf")).pages
    assert len(pages) == len(STEPS)
    text = " ".join(pages[1].extract_text().split())
    assert "<img src=x" in text and "Summits, 2002-2014" in text
    assert "1 / 3" in " ".join(pages[0].extract_text().split())
