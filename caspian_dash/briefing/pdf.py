"""A briefing pack printed to PDF by headless Chromium, one page a slide (the I/O edge).

Chromium and Playwright are what the tests use (``make browser``); where either is missing,
``PdfError`` says so and what to install, and the HTML pack is still written.
"""

from __future__ import annotations

import shutil
from pathlib import Path


class PdfError(RuntimeError):
    """The PDF cannot be made here, with what to do about it."""


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_pdf(pack: Path, out: Path, timeout_ms: int = 120_000) -> None:
    """Print ``pack`` (an HTML briefing pack) to ``out`` as Chromium prints it."""
    executable = chromium()
    if executable is None:
        raise PdfError(
            "no Chromium here: install it (Debian: apt-get install chromium) to print the "
            "pack to PDF, or open the HTML pack in a browser and print it"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PdfError("Playwright is not installed: pip install playwright") from None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            # nothing leaves the machine: the pack holds everything it needs
            page.route(
                "**/*",
                lambda r: (
                    r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort()
                ),
            )
            page.goto(pack.resolve().as_uri(), timeout=timeout_ms)
            page.emulate_media(media="print")
            page.evaluate("window.packPrepare()")
            page.wait_for_timeout(500)  # the maps' tiles of vector: drawn on the next frames
            page.pdf(path=str(out), prefer_css_page_size=True, print_background=True)
        finally:
            browser.close()
