"""Load the editable data tables in ``caspian_dash/lexicons/`` (cached, read-only)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicons"


@cache
def load_lexicon(name: str) -> dict:
    """Return the parsed ``lexicons/<name>.yaml`` table.

    >>> [k for k in sorted(load_lexicon("event_types")) if not k.startswith("_")][:2]
    ['agreement', 'diplomatic_meeting']
    """
    with open(LEXICON_DIR / f"{name}.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)
