"""Pool the recorded blind first runs (tests/gold/first_runs/batchN.json) into one estimate.

    .venv/bin/python tools/first_runs.py 6-20        (batches 6 to 20; also "3 4 5")

Each report is `evaluate --json` output of one batch's first run. Counts are taken back from
its ratios (units and required events are small, so the rounding is exact) and added up: the
pooled figures weigh every unit and every required event alike, whatever its round.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FIRST_RUNS = Path(__file__).resolve().parent.parent / "tests" / "gold" / "first_runs"


def batches(args: list[str]) -> list[int]:
    """ "6-20" -> 6..20; "3 4 5" -> 3, 4, 5."""
    found = []
    for arg in args:
        low, _, high = arg.partition("-")
        found += range(int(low), int(high or low) + 1)
    return found


def pooled(numbers: list[int]) -> dict:
    units = right_units = required = right_required = 0
    for n in numbers:
        report = json.loads((FIRST_RUNS / f"batch{n}.json").read_text(encoding="utf-8"))
        units += report["units"]
        right_units += round(report["precision_as_seen"] * report["units"])
        required += report["gold_clearly_dated"]
        right_required += round(report["recall_as_seen"] * report["gold_clearly_dated"])
    return {
        "batches": len(numbers),
        "units": units,
        "units_as_seen": right_units,
        "required": required,
        "required_as_seen": right_required,
        "precision_as_seen": round(right_units / units, 3) if units else 1.0,
        "recall_as_seen": round(right_required / required, 3) if required else 1.0,
    }


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    result = pooled(batches(argv))
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
