"""Dates do not depend on the machine's time zone: the same documents give the same events
under the first and the last time zone of the day (UTC+14 and UTC-11), where the local date
differs from UTC's for most of the day."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# relative dates resolved against the publication day: the part a clock could leak into
TEXT = (
    "Talks in Baku\n\nBaku, 14 March 2023\n\n"
    "The foreign ministers met yesterday in Baku. They will meet again on Friday in Aktau. "
    "Last week the two navies held a drill near Aktau."
)


def _extract(folder: Path, tz: str) -> str:
    env = {**os.environ, "TZ": tz, "CASPIAN_DASH_CACHE": str(folder / f"cache-{tz[-4:]}")}
    done = subprocess.run(
        [sys.executable, "-m", "caspian_dash", "extract", str(folder / "docs"), "-o", "-"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.mark.skipif(not hasattr(__import__("time"), "tzset"), reason="needs POSIX time zones")
def test_events_are_the_same_in_every_time_zone(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "talks.txt").write_text(TEXT, encoding="utf-8")
    for seed in sorted((ROOT / "seeds").glob("*.txt"))[:2]:
        (docs / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    east = _extract(tmp_path, "Pacific/Kiritimati")
    west = _extract(tmp_path, "Pacific/Pago_Pago")
    assert '"date_start": "2023-03-13"' in east  # "yesterday": the day before the date line
    assert east == west
