"""Screenshot of the running app, taken with the network cut off (for the README).

    .venv/bin/python tools/screenshot.py [docs/screenshot.png]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.browser import ROOT, map_frame, offline_page, running_app  # noqa: E402


def main(out: str = "docs/screenshot.png") -> int:
    target = ROOT / out
    target.parent.mkdir(parents=True, exist_ok=True)
    with running_app() as url, offline_page(width=1440, height=1000) as (page, blocked):
        page.goto(url)
        frame = map_frame(page)
        frame.locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
        page.wait_for_timeout(1500)  # let clusters and fonts settle
        page.screenshot(path=str(target), full_page=False)
    print(f"wrote {target} (blocked requests: {len(blocked)})")
    for url in blocked:
        print("  blocked:", url)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
