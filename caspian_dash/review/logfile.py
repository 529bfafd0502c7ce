"""The review log as files: JSON Lines to pass between analysts, CSV to read (pure).

A JSON Lines log from elsewhere is hostile input: every row is read field by field and
checked as a new action is (``db.ReviewLog.import_actions``); a bad row names its line.
"""

from __future__ import annotations

import csv
import io
import json

from caspian_dash.review.decisions import FIELDS, Action, Anchor, ReviewError
from caspian_dash.view.exports import spreadsheet_safe

CSV_COLUMNS = [
    "seq",
    "at",
    "reviewer",
    "action",
    "status",
    "key",
    "document",
    "sentence",
    "changed",
    "before",
    "after",
    "comment",
    "merged_into",
]


def action_record(action: Action) -> dict:
    a = action.anchor
    return {
        "uid": action.uid,
        "at": action.at,
        "reviewer": action.reviewer,
        "action": action.action,
        "key": action.key,
        "anchor": {
            "doc_id": a.doc_id,
            "char_start": a.char_start,
            "char_end": a.char_end,
            "sentence": a.sentence,
            "origin_type": a.origin_type,
            "origin_date": a.origin_date,
        },
        "before": action.before,
        "after": action.after,
        "comment": action.comment,
        "target": action.target,
    }


def _str(row: dict, name: str) -> str:
    value = row.get(name, "")
    if not isinstance(value, str):
        raise ReviewError(f"{name} is not text")
    return value


def action_from_record(row: object) -> Action:
    """One row of a JSON Lines log (ReviewError if it is not one)."""
    if not isinstance(row, dict) or not isinstance(row.get("anchor"), dict):
        raise ReviewError("not a review action")
    a = row["anchor"]
    start, end = a.get("char_start"), a.get("char_end")
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in (start, end)):
        raise ReviewError("the anchor's span is not two offsets")
    for name in ("before", "after"):
        if not isinstance(row.get(name), dict) or set(row[name]) - set(FIELDS):
            raise ReviewError(f"{name} is not a set of event fields")
    anchor = Anchor(
        _str(a, "doc_id"),
        start,
        end,
        _str(a, "sentence"),
        _str(a, "origin_type"),
        _str(a, "origin_date"),
    )
    if not anchor.doc_id or not anchor.sentence:
        raise ReviewError("the anchor names no document or sentence")
    return Action(
        _str(row, "key"),
        _str(row, "action"),
        anchor,
        row["after"],
        row["before"],
        _str(row, "comment"),
        _str(row, "target"),
        _str(row, "reviewer"),
        _str(row, "at"),
        uid=_str(row, "uid"),
    )


def to_jsonl(actions: list[Action]) -> str:
    return "".join(json.dumps(action_record(a), ensure_ascii=False) + "\n" for a in actions)


def from_jsonl(text: str, name: str) -> list[Action]:
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(action_from_record(json.loads(line)))
        except (ValueError, ReviewError) as error:
            raise ReviewError(f"{name}, line {number}: {error}") from None
    return out


def to_csv(actions: list[Action]) -> str:
    """The log for a spreadsheet: one row per action, formulas neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for action in actions:
        fields = sorted(k for k in FIELDS if action.before.get(k) != action.after.get(k))
        row = [
            action.seq,
            action.at,
            action.reviewer,
            action.action,
            action.status,
            action.key,
            action.anchor.doc_id,
            action.anchor.sentence,
            " ".join(fields),
            json.dumps({k: action.before.get(k) for k in fields}, ensure_ascii=False),
            json.dumps({k: action.after.get(k) for k in fields}, ensure_ascii=False),
            action.comment,
            action.target,
        ]
        writer.writerow([spreadsheet_safe(v) for v in row])
    return out.getvalue()
