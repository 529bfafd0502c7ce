"""Screenshots of the running app for the README, taken with the network cut off.

    .venv/bin/python tools/screenshot.py [OUT_DIR]      (default: docs/)

Writes screenshot.png (the main view, 1600x1000), screenshot_projector.png (1280x720, the
year 2008), screenshot_layers.png (every geodata layer on, as
they stood in 2018), screenshot_source.png (an event's source sentence in its document),
screenshot_review.png (an edited event's review: status, history, actions; on a copy of the
seeds with a few decisions recorded), screenshot_present.png (a story's step presented, 1280x720),
screenshot_pack.png (a slide of the exported briefing pack, opened from file://) and
screenshot_many.png (10,000 synthetic events, made
as in benchmarks/map_browser.py, with a bubble's tooltip open).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.browser import ROOT, map_frame, offline_page, running_app, settle, wait_for_layers

ALL_LAYERS = ("Seabed sectors", "Maritime zones", "Median lines")


def _shoot(
    page, url: str, target: Path, layers: tuple[str, ...] = (), scroll_to: str = "", tab: str = ""
) -> None:
    page.goto(url)
    frame = map_frame(page)
    wait_for_layers(page)
    for label in layers:  # switch on layers that start hidden
        frame.locator(".leaflet-control-layers").hover()
        frame.locator(".leaflet-control-layers-overlays label", has_text=label).click()
    if layers:
        frame.locator(".cd-legend summary").click()  # open the legend: the zones' colours
        page.get_by_role("heading").first.hover()  # move off the map: no tooltip in the shot
    if scroll_to:
        page.get_by_text(scroll_to, exact=True).first.scroll_into_view_if_needed()
    if tab:  # the table's tab: its grid is built when opened
        page.get_by_role("tab", name=tab).click()
        page.locator("[data-testid=stDataFrame]").wait_for(timeout=30_000)
    settle(page)
    page.wait_for_timeout(800)
    page.screenshot(path=str(target))
    print(f"wrote {target}")


def main(out: str = "docs") -> int:
    folder = ROOT / out
    folder.mkdir(parents=True, exist_ok=True)
    seeds = {"CASPIAN_DASH_DOCS": str(ROOT / "seeds")}  # the seeds, read only: no upload here
    with running_app(env=seeds) as url, offline_page(width=1280, height=720) as (page, blocked):
        # a projector's screen, the network off, the infrastructure as it stood in 2008
        _shoot(page, f"{url}/?from=2008&to=2008", folder / "screenshot_projector.png")
    with running_app(env=seeds) as url, offline_page(width=1600, height=1000) as (page, more):
        blocked += more
        _shoot(page, url, folder / "screenshot.png")
        _shoot(page, f"{url}/?from=2018&to=2018", folder / "screenshot_layers.png", ALL_LAYERS)
        _shoot(
            page,
            f"{url}/?event=" + _an_event_with_several_sources(),
            folder / "screenshot_source.png",
            scroll_to="Source",
        )
    _shoot_review(folder / "screenshot_review.png", blocked)
    _shoot_story(folder, blocked)
    _shoot_many(folder / "screenshot_many.png", blocked)
    print(f"blocked requests: {len(blocked)}")
    return 1 if blocked else 0


def _shoot_many(target: Path, blocked: list, n_events: int = 10_000) -> None:
    import json
    import tempfile

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from map_browser import make_events

    from caspian_dash.extract import events_to_geojson
    from tools.browser import wait_for_events

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.geojson"
        path.write_text(json.dumps(events_to_geojson(make_events(n_events))))
        with (
            running_app(
                env={"CASPIAN_DASH_EVENTS": str(path), "CASPIAN_DASH_DOCS": str(ROOT / "seeds")},
                timeout=300,
            ) as url,
            offline_page(width=1600, height=1000) as (page, more_blocked),
        ):
            page.goto(url)
            wait_for_events(page, 120_000)
            settle(page)
            frame = next(f for f in page.frames if "map_component" in f.url)
            box = page.locator("iframe[title*='map_component']").bounding_box()
            bubble = frame.evaluate("""() => {
                const layer = Object.values(cd.map._layers).find(l => l instanceof cd.PointLayer);
                let best = null;
                layer._cells.forEach(c => { if (c.n > 1 && (!best || c.n > best.n)) best = c; });
                return {x: best.x - layer._f.off.x, y: best.y - layer._f.off.y};
            }""")
            page.mouse.move(box["x"] + bubble["x"], box["y"] + bubble["y"])
            page.wait_for_timeout(800)
            page.screenshot(path=str(target))
            blocked.extend(more_blocked)
    print(f"wrote {target}")


def _shoot_review(target: Path, blocked: list) -> None:
    """A copy of the seeds where two analysts confirmed, corrected and rejected events."""
    import shutil
    import tempfile

    from caspian_dash.documents.corpus import load_folder
    from caspian_dash.review.db import ReviewLog
    from caspian_dash.review.decisions import anchor_of, event_fields, key_of, make_action

    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        shutil.copytree(ROOT / "seeds", docs)
        events = load_folder(docs, Path(tmp) / "cache")[1]
        log = ReviewLog(docs)

        def record(kind, event, who, comment="", **changes):
            anchor, before = anchor_of(event), event_fields(event)
            after = {**before, **changes}
            log.record(make_action(kind, anchor, key_of(anchor), before, after, who, comment))

        summit = next(e for e in events if e.place == "Aktau")
        record("confirm", summit, "a.karimova", "Checked against the Convention's text")
        baku = next(e for e in events if e.place == "Baku" and e.date_start.startswith("2010"))
        record("confirm", baku, "a.karimova")
        record(
            "edit",
            baku,
            "j.smith",
            "The meeting was a summit; the agreement was signed at it",
            event_type="summit",
            title="Third Caspian Summit, Baku",
        )
        env = {"CASPIAN_DASH_DOCS": str(docs), "CASPIAN_DASH_CACHE": str(Path(tmp) / "cache")}
        with running_app(env=env) as url, offline_page(1600, 1000) as (page, more):
            _shoot(page, f"{url}/?event={baku.id}", target, scroll_to="Review this event")
            blocked.extend(more)


def _shoot_story(folder: Path, blocked: list) -> None:
    """A three-step story on a copy of the seeds: its second step presented, and the second
    slide of its briefing pack."""
    import shutil
    import subprocess
    import tempfile

    from caspian_dash.briefing.store import save_story
    from caspian_dash.briefing.story import Step, Story

    steps = (
        Step("Before the pipelines", "The first summits", {"from": ["2002"], "to": ["2007"]}),
        Step(
            "The summits, 2002-2014",
            "Four summits of the five littoral states before the Convention of 2018; the "
            "pipelines and corridors as they stood in 2014.",
            {"from": ["2002"], "to": ["2014"], "type": ["summit"]},
            (41.0, 52.5),
            5,
            ("states", "caspian_sea", "pipelines", "corridors", "places"),
        ),
        Step("Since 2020", "", {"from": ["2020"]}),
    )
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        shutil.copytree(ROOT / "seeds", docs)
        save_story(docs, Story("summits", "The Caspian summits", steps))
        env = {"CASPIAN_DASH_DOCS": str(docs), "CASPIAN_DASH_CACHE": str(Path(tmp) / "cache")}
        with running_app(env=env) as url, offline_page(1280, 720) as (page, more):
            page.goto(f"{url}/?story=summits&present=1&step=2")
            map_frame(page)
            wait_for_layers(page)
            settle(page)
            page.wait_for_timeout(2000)  # the flight to the step's view
            page.screenshot(path=str(folder / "screenshot_present.png"))
            blocked.extend(more)
        pack = Path(tmp) / "pack.html"
        command = [sys.executable, "-m", "caspian_dash", "export-briefing", "summits"]
        subprocess.run(
            [*command, "--docs", str(docs), "-o", str(pack)], check=True, env={**os.environ, **env}
        )
        with offline_page(1600, 1000) as (page, more):
            page.goto(pack.as_uri() + "#step-2")
            page.wait_for_timeout(1500)
            page.screenshot(path=str(folder / "screenshot_pack.png"))
            blocked.extend(more)
    print(f"wrote {folder / 'screenshot_present.png'}, {folder / 'screenshot_pack.png'}")


def _an_event_with_several_sources() -> str:
    from caspian_dash.documents.ingest import read_documents
    from caspian_dash.extract import extract_events

    events = extract_events(read_documents(ROOT / "seeds")[0])
    return max(events, key=lambda e: (len({s.doc_id for s in e.sources}), e.date_start)).id


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
