"""Screenshots of the running app for the README, taken with the network cut off.

    .venv/bin/python tools/screenshot.py [OUT_DIR]      (default: docs/)

Writes screenshot.png (the main view), screenshot_layers.png (every geodata layer on, as
they stood in 2018) and screenshot_source.png (an event's source sentence in its document).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.browser import ROOT, map_frame, offline_page, running_app, settle  # noqa: E402

ALL_LAYERS = ("Seabed sectors", "Maritime zones", "Median lines")


def _shoot(page, url: str, target: Path, layers: tuple[str, ...] = (), scroll_to: str = "") -> None:
    page.goto(url)
    frame = map_frame(page)
    frame.locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
    for label in layers:  # switch on layers that start hidden
        frame.locator(".leaflet-control-layers").hover()
        frame.locator(".leaflet-control-layers-overlays label", has_text=label).click()
    if layers:
        frame.locator(".cd-legend summary").click()  # fold the legend to show the layers
        page.get_by_role("heading").first.hover()  # move off the map: no tooltip in the shot
    if scroll_to:
        page.get_by_text(scroll_to, exact=True).first.scroll_into_view_if_needed()
    settle(page)
    page.wait_for_timeout(800)
    page.screenshot(path=str(target))
    print(f"wrote {target}")


def main(out: str = "docs") -> int:
    folder = ROOT / out
    folder.mkdir(parents=True, exist_ok=True)
    with running_app() as url, offline_page(width=1440, height=960) as (page, blocked):
        _shoot(page, url, folder / "screenshot.png")
        _shoot(page, f"{url}/?from=2018&to=2018", folder / "screenshot_layers.png", ALL_LAYERS)
        _shoot(page, f"{url}/?event=" + _an_event_with_several_sources(), folder /
               "screenshot_source.png", scroll_to="Source")
    print(f"blocked requests: {len(blocked)}")
    return 1 if blocked else 0


def _an_event_with_several_sources() -> str:
    from caspian_dash.extract import extract_events
    from caspian_dash.ingest import read_documents
    from caspian_dash.settings import DOCS_DIR

    events = extract_events(read_documents(DOCS_DIR)[0])
    return max(events, key=lambda e: (len({s.doc_id for s in e.sources}), e.date_start)).id


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
