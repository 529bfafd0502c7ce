"""Analyst review: checks, the SQLite log (append-only, chained, concurrent, crash-safe),
decisions applied to events and surviving re-extraction, import and gold export."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from caspian_dash.documents.corpus import load_folder
from caspian_dash.documents.ingest import read_documents
from caspian_dash.extract import build_gazetteer, extract_events
from caspian_dash.review.apply import apply_decisions, review_of
from caspian_dash.review.db import DB_NAME, ReviewLog, latest_actions
from caspian_dash.review.decisions import (
    Anchor,
    ReviewError,
    anchor_of,
    event_fields,
    key_of,
    make_action,
)
from caspian_dash.review.logfile import from_jsonl, to_csv, to_jsonl

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def seeds():
    documents, events, problems = load_folder(SEEDS)
    assert not problems and len(events) >= 10
    return documents, events


@pytest.fixture
def folder(tmp_path) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(SEEDS, target)
    return target


def act(kind, event, reviewer="ann", **changes):
    anchor = anchor_of(event)
    before = event_fields(event)
    after = {**before, **changes.pop("fields", {})}
    key = changes.pop("key", key_of(anchor))
    return make_action(kind, anchor, key, before, after, reviewer, **changes)


def reviewed(events, documents, log):
    return apply_decisions(events, {d.doc_id: d for d in documents}, latest_actions(log.actions()))


# --- checks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"date_start": "0999-12-31"}, "out of range"),
        ({"date_end": "2101-01-01"}, "out of range"),
        ({"date_start": "2020-02-30"}, "not a date on the calendar"),
        ({"date_start": "12 May 2020"}, "YYYY-MM-DD"),
        ({"date_start": "2021-01-02", "date_end": "2021-01-01"}, "before the start"),
        ({"actors": ["KAZ", "XYZ"]}, "unknown actor code(s): XYZ"),
        ({"lon": 200.0}, "off the map"),
        ({"lat": -91.0}, "off the map"),
        ({"lon": None}, "both a longitude and a latitude"),
        ({"lon": float("nan")}, "both a longitude and a latitude"),
        ({"event_type": "party"}, "unknown event type"),
        ({"time_precision": "week"}, "unknown date precision"),
        ({"geo_precision": "street"}, "unknown place precision"),
        ({"title": "  "}, "the title is empty"),
        ({"title": "a\x00b"}, "control characters"),
        ({"place": None}, "needs the place's name"),
    ],
)
def test_a_bad_edit_is_refused_with_a_message(seeds, fields, message):
    event = next(e for e in seeds[1] if e.lon is not None)
    with pytest.raises(ReviewError, match=message.replace("(", r"\(").replace(")", r"\)")):
        act("edit", event, fields=fields)


def test_a_rejection_needs_a_reason_and_a_merge_another_event(seeds):
    event = seeds[1][0]
    with pytest.raises(ReviewError, match="the reason is empty"):
        act("reject", event, comment="   ")
    with pytest.raises(ReviewError, match="another event"):
        act("merge", event, target="")
    with pytest.raises(ReviewError, match="changes nothing"):
        act("edit", event)
    with pytest.raises(ReviewError, match="reviewer"):
        act("confirm", event, reviewer=" ")


def test_known_actor_codes_are_states_and_the_lexicons_organisations(seeds):
    event = seeds[1][0]
    action = act("edit", event, fields={"actors": ["KAZ", "SCO", "KAZ"]})
    assert action.after["actors"] == ["KAZ", "SCO"]


# --- the log -------------------------------------------------------------------------------


def test_no_file_is_made_until_the_first_action(folder, seeds):
    log = ReviewLog(folder)
    assert log.actions() == [] and log.version() == (0, 0)
    assert not (folder / DB_NAME).exists()
    log.record(act("confirm", seeds[1][0]))
    assert (folder / DB_NAME).exists() and log.version() == (1, 1)
    with sqlite3.connect(folder / DB_NAME) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_log_is_append_only(folder, seeds):
    log = ReviewLog(folder)
    log.record(act("confirm", seeds[1][0]))
    con = sqlite3.connect(folder / DB_NAME)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("UPDATE actions SET reviewer = 'mallory'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("DELETE FROM actions")
    con.close()


def test_a_row_changed_outside_the_app_is_found_and_nothing_is_written(folder, seeds):
    log = ReviewLog(folder)
    log.record(act("confirm", seeds[1][0]))
    log.record(act("reject", seeds[1][1], comment="a duplicate"))
    con = sqlite3.connect(folder / DB_NAME)
    con.execute("DROP TRIGGER actions_no_update")
    con.execute("UPDATE actions SET reviewer = 'mallory' WHERE seq = 1")
    con.commit()
    con.close()
    before = (folder / DB_NAME).read_bytes()
    with pytest.raises(ReviewError, match=r"changed outside caspian_dash \(action 1"):
        log.actions()
    with pytest.raises(ReviewError, match="changed outside"):
        log.record(act("confirm", seeds[1][2]))
    assert (folder / DB_NAME).read_bytes() == before


def test_a_foreign_database_or_a_file_that_is_not_one_is_refused_by_name(folder, seeds):
    foreign = folder / DB_NAME
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE actions (x)")
    con.commit()
    con.close()
    before = foreign.read_bytes()
    with pytest.raises(ReviewError, match=f"{DB_NAME} is not a caspian_dash review database"):
        ReviewLog(folder).record(act("confirm", seeds[1][0]))
    assert foreign.read_bytes() == before
    foreign.write_bytes(b"these are not the rows you are looking for" * 100)
    with pytest.raises(ReviewError, match="not SQLite, or damaged"):
        ReviewLog(folder).actions()
    assert foreign.read_bytes() == b"these are not the rows you are looking for" * 100


_WRITER = """
import sys
from pathlib import Path
from caspian_dash.documents.corpus import load_folder
from caspian_dash.review.db import ReviewLog
from caspian_dash.review.decisions import anchor_of, event_fields, key_of, make_action
folder, who, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
events = load_folder(Path(sys.argv[4]))[1]
log = ReviewLog(folder)
for i in range(n):
    e = events[i % len(events)]
    a = anchor_of(e)
    log.record(make_action("confirm", a, key_of(a), event_fields(e), {}, who, comment=str(i)))
print("done")
"""


def test_two_processes_writing_at_once_lose_nothing(folder, seeds):
    ReviewLog(folder).record(act("confirm", seeds[1][0], reviewer="zed"))  # both append
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(folder), who, "40", str(SEEDS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("ann", "bob")
    ]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    actions = ReviewLog(folder).actions()  # every checksum still holds
    assert len(actions) == 81
    for who in ("ann", "bob"):
        assert sorted(int(a.comment) for a in actions if a.reviewer == who) == list(range(40))


def test_a_process_killed_mid_action_leaves_the_log_as_before(folder, seeds):
    log = ReviewLog(folder)
    log.record(act("confirm", seeds[1][0]))
    env = {**os.environ, "CASPIAN_DASH_CRASH_AT": "review_before_commit"}
    killed = subprocess.run(
        [sys.executable, "-c", _WRITER, str(folder), "carol", "1", str(SEEDS)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert killed.returncode == -9 and "done" not in killed.stdout
    with sqlite3.connect(folder / DB_NAME) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [a.reviewer for a in log.actions()] == ["ann"]
    log.record(act("confirm", seeds[1][1], reviewer="carol"))  # and it goes on
    assert [a.reviewer for a in log.actions()] == ["ann", "carol"]


def test_a_change_to_a_field_another_reviewer_changed_meanwhile_warns(folder, seeds):
    log = ReviewLog(folder)
    event = next(e for e in seeds[1] if e.lon is not None)
    first = log.record(act("edit", event, fields={"title": "Ann's title"}))
    assert first.warnings == []
    # Bob opened the event before Ann's edit (seen=0) and changes the title too
    bob = replace(act("edit", event, reviewer="bob", fields={"title": "Bob's title"}), seen=0)
    second = log.record(bob)
    assert len(second.warnings) == 1 and "ann changed title" in second.warnings[0]
    # Carol had seen Ann's edit: no warning
    carol = replace(act("confirm", event, reviewer="carol"), seen=second.action.seq)
    assert log.record(carol).warnings == []
    assert [a.reviewer for a in log.actions()] == ["ann", "bob", "carol"]


# --- decisions applied ---------------------------------------------------------------------


def test_each_action_shows_in_the_events(folder, seeds):
    documents, events = seeds
    log = ReviewLog(folder)
    located = [e for e in events if e.lon is not None and e.sources]
    confirmed, rejected, edited, merged, target = located[:5]
    log.record(act("confirm", confirmed))
    log.record(act("reject", rejected, comment="a plan, not an event"))
    log.record(
        act(
            "edit",
            edited,
            reviewer="bob",
            fields={"place": "Aktau", "lon": 51.17, "lat": 43.65, "geo_precision": "site"},
        )
    )
    log.record(act("merge", merged, target=key_of(anchor_of(target))))
    split_key = key_of(anchor_of(confirmed), "split-1")
    log.record(act("split", confirmed, key=split_key, fields={"event_type": "agreement"}))
    doc = documents[0]
    sentence = doc.text[: doc.text.index(".") + 1]
    anchor = Anchor(doc.doc_id, 0, len(sentence), sentence)
    fields = {**event_fields(confirmed), "title": "Added by hand", "event_type": "statement"}
    log.record(make_action("add", anchor, key_of(anchor, "added-1"), {}, fields, "carol"))

    result = reviewed(events, documents, log)
    by_id = {e.id: e for e in result.events}
    assert review_of(by_id[confirmed.id])["status"] == "confirmed"
    assert rejected.id not in by_id and [e.id for e in result.rejected] == [rejected.id]
    assert review_of(result.rejected[0])["comment"] == "a plan, not an event"
    moved = by_id[edited.id]
    assert (moved.place, moved.lon, moved.lat) == ("Aktau", 51.17, 43.65)
    assert review_of(moved) | {"at": ""} == {
        "status": "edited",
        "reviewer": "bob",
        "at": "",
        "comment": "",
        "key": key_of(anchor_of(edited)),
    }
    assert merged.id not in by_id
    assert set(merged.sources) <= set(by_id[target.id].sources)
    split = by_id[split_key]
    assert split.event_type == "agreement" and split.sources[0] == confirmed.sources[0]
    added = by_id[key_of(anchor, "added-1")]
    assert added.title == "Added by hand" and added.sources[0].sentence == sentence
    assert review_of(added)["status"] == "added"
    assert len(result.events) == len(events) - 2 + 2
    assert result.orphans == []


def test_decisions_survive_re_extraction_with_a_changed_lexicon(folder, seeds):
    """Keyed to sentences, not to a run: a gazetteer without GeoNames gives other places,
    so other event ids, and every decision still finds its event."""
    documents, events = seeds
    log = ReviewLog(folder)
    picked = [e for e in events if e.sources][:6]
    log.record(act("confirm", picked[0]))
    log.record(act("reject", picked[1], comment="not an event"))
    log.record(act("edit", picked[2], fields={"title": "Corrected title"}))
    other = build_gazetteer(geonames=False)
    again = extract_events(documents, other)
    assert {e.id for e in again} != {e.id for e in events}  # really another extraction
    result = reviewed(again, documents, log)
    statuses = sorted(
        review_of(e)["status"] for e in result.events + result.rejected if review_of(e)
    )
    assert statuses == ["confirmed", "edited", "rejected"]
    assert any(e.title == "Corrected title" for e in result.events)
    assert result.orphans == []


def test_a_decision_whose_sentence_left_its_document_is_an_orphan(folder, seeds):
    documents, events = seeds
    log = ReviewLog(folder)
    event = next(e for e in events if e.sources)
    log.record(act("confirm", event))
    doc_id = event.sources[0].doc_id
    changed = [
        replace(d, text=d.text.replace(event.sources[0].sentence, "Nothing happened."))
        if d.doc_id == doc_id
        else d
        for d in documents
    ]
    result = reviewed(extract_events(changed), changed, log)
    assert [a.anchor.doc_id for a in result.orphans] == [doc_id]
    removed = [d for d in documents if d.doc_id != doc_id]
    result = reviewed(extract_events(removed), removed, log)
    assert len(result.orphans) == 1
    assert len(log.actions()) == 1  # nothing dropped from the log


def test_a_decision_keeps_its_event_when_the_extractor_no_longer_finds_it(folder, seeds):
    documents, events = seeds
    log = ReviewLog(folder)
    event = next(e for e in events if e.sources and len(e.sources) == 1)
    log.record(act("edit", event, fields={"title": "Kept by the analyst"}))
    fewer = [e for e in events if e.id != event.id]
    result = reviewed(fewer, documents, log)
    kept = [e for e in result.events if e.title == "Kept by the analyst"]
    assert len(kept) == 1 and kept[0].sources[0].sentence == event.sources[0].sentence


# --- files: import, export, gold -----------------------------------------------------------


def test_import_round_trip_without_duplicates_and_with_conflicts(tmp_path, folder, seeds):
    events = seeds[1]
    ann, bob = ReviewLog(folder), ReviewLog(tmp_path / "bob")
    (tmp_path / "bob").mkdir()
    ann.record(act("confirm", events[0]))
    ann.record(act("edit", events[1], fields={"title": "Ann's title"}))
    exported = to_jsonl(ann.actions())
    assert bob.import_actions(from_jsonl(exported, "ann.jsonl")) == (2, [])
    assert to_jsonl(bob.actions()) == exported
    assert bob.import_actions(from_jsonl(exported, "ann.jsonl")) == (0, [])  # no duplicates
    # both change events[1] apart: a conflict reported, both kept
    bob.record(act("edit", events[1], reviewer="bob", fields={"title": "Bob's title"}))
    ann.record(act("reject", events[1], comment="no such meeting"))
    added, conflicts = ann.import_actions(bob.actions())
    assert added == 1 and len(conflicts) == 1 and "bob" in conflicts[0]
    assert len(ann.actions()) == 4


def test_a_hostile_log_line_names_its_line_and_adds_nothing(folder, seeds):
    log = ReviewLog(folder)
    log.record(act("confirm", seeds[1][0]))
    good = to_jsonl(log.actions()).splitlines()[0]
    bad = json.loads(good)
    bad["after"] = {**bad["after"], "date_start": "9999-01-01"}
    bad["action"], bad["uid"] = "edit", "other"
    with pytest.raises(ReviewError, match="out of range"):
        log.import_actions(from_jsonl(json.dumps(bad), "x.jsonl"))
    with pytest.raises(ReviewError, match="x.jsonl, line 2"):
        from_jsonl(good + "\n{not json", "x.jsonl")
    assert len(log.actions()) == 1


def test_the_csv_log_neutralises_formulas(folder, seeds):
    log = ReviewLog(folder)
    log.record(act("reject", seeds[1][0], comment='=HYPERLINK("http://evil")'))
    assert "'=HYPERLINK" in to_csv(log.actions())


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "caspian_dash", "review", *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )


def test_reviewed_events_become_gold_that_evaluate_scores(tmp_path, folder, seeds):
    """Closing the loop: confirm every event, export the gold, score the extractor on it
    (1.0); reject one and it is a false positive of the extractor."""
    documents, events = seeds
    log = ReviewLog(folder)
    for event in events:
        log.record(act("confirm", event))
    gold = tmp_path / "gold.jsonl"
    result = _cli("--folder", str(folder), "export-gold", "-o", str(gold))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(x) for x in gold.read_text().splitlines() if not x.startswith("#")]
    assert len(lines) == len(events)

    def score() -> dict:
        run = subprocess.run(
            [sys.executable, "-m", "caspian_dash", "evaluate", "--json", str(gold), str(folder)],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=ROOT,
        )
        assert run.returncode == 0, run.stderr
        return json.loads(run.stdout)

    first = score()
    assert first["recall"] == 1.0 and first["precision"] == 1.0
    log.record(act("reject", events[0], comment="not an event"))
    assert _cli("--folder", str(folder), "export-gold", "-o", str(gold)).returncode == 0
    assert score()["precision"] < 1.0


def test_the_cli_lists_exports_and_imports(tmp_path, folder, seeds):
    log = ReviewLog(folder)
    log.record(act("reject", seeds[1][0], comment="a plan"))
    listed = _cli("--folder", str(folder), "list")
    assert listed.returncode == 0 and "\treject\t" in listed.stdout and "(a plan)" in listed.stdout
    out = tmp_path / "log.jsonl"
    assert _cli("--folder", str(folder), "export", "-o", str(out)).returncode == 0
    other = tmp_path / "other"
    other.mkdir()
    imported = _cli("--folder", str(other), "import", str(out))
    assert imported.returncode == 0 and "1 action(s) added" in imported.stdout
    # another analyst's database file imports as well
    again = _cli("--folder", str(other), "import", str(folder / DB_NAME))
    assert "0 action(s) added" in again.stdout
    junk = tmp_path / "junk.jsonl"
    junk.write_text("{}\n")
    refused = _cli("--folder", str(other), "import", str(junk))
    assert refused.returncode == 2 and "junk.jsonl, line 1" in refused.stderr


def test_an_edited_event_reads_back_after_re_extraction_from_the_cache(folder, seeds):
    """The app path: load_folder (cached extraction) + the log give the same result twice."""
    documents, events = read_documents(folder)[0], load_folder(folder)[1]
    log = ReviewLog(folder)
    log.record(act("edit", events[0], fields={"title": "Same twice"}))
    one = reviewed(events, documents, log)
    two = reviewed(load_folder(folder)[1], documents, log)
    assert [e.title for e in one.events] == [e.title for e in two.events]


# --- where the review shows ----------------------------------------------------------------


def _reviewed_events(folder, seeds):
    documents, events = seeds
    log = ReviewLog(folder)
    located = [e for e in events if e.lon is not None]
    log.record(act("confirm", located[0]))
    log.record(act("edit", located[1], fields={"title": "Corrected"}))
    doc = documents[0]
    sentence = doc.text[: doc.text.index(".") + 1]
    anchor = Anchor(doc.doc_id, 0, len(sentence), sentence)
    fields = {**event_fields(located[0]), "title": "Added"}
    log.record(make_action("add", anchor, key_of(anchor, "x"), {}, fields, "carol"))
    return reviewed(events, documents, log).events


def test_the_map_marks_each_review_status_distinctly(folder, seeds):
    from caspian_dash.mapping.events import compact_data, event_icon_html
    from caspian_dash.mapping.legend import legend_html
    from caspian_dash.styles import REVIEW_MARK

    events = _reviewed_events(folder, seeds)
    status = {e.id: review_of(e).get("status", "") for e in events}
    icons = {s: event_icon_html(e) for e in events if (s := status[e.id])}
    assert set(icons) == {"confirmed", "edited", "added"}
    for name, (colour, icon, _) in REVIEW_MARK.items():
        assert f"background:{colour}" in icons[name] and f"fa-{icon}" in icons[name]
    plain = next(e for e in events if not status[e.id] and e.lon is not None)
    assert "cd-rv" not in event_icon_html(plain)
    located = [e for e in events if e.lon is not None]
    codes = compact_data(located)["r"]
    order = ["", *REVIEW_MARK]
    assert codes == [order.index(status[e.id]) for e in located]
    legend = legend_html()
    assert all(label in legend for _, _, label in REVIEW_MARK.values())


def test_the_table_and_the_downloads_carry_the_review(folder, seeds):
    import csv
    import io

    from caspian_dash.view.exports import events_csv, events_geojson
    from caspian_dash.view.table import events_table

    events = _reviewed_events(folder, seeds)
    table = events_table(events)
    assert sorted(s for s in table["review"] if s) == ["added", "confirmed", "edited"]
    rows = list(csv.DictReader(io.StringIO(events_csv(events))))
    edited = next(r for r in rows if r["review_status"] == "edited")
    assert (
        edited["reviewed_by"] == "ann" and edited["reviewed_at"] and edited["title"] == "Corrected"
    )
    features = json.loads(events_geojson(events))["features"]
    statuses = sorted(
        f["properties"]["review"]["status"] for f in features if "review" in f["properties"]
    )
    assert statuses == ["added", "confirmed", "edited"]


def test_the_standalone_map_shows_who_reviewed_an_event(folder, seeds):
    from caspian_dash.mapping.events import event_popup_html

    events = _reviewed_events(folder, seeds)
    edited = next(e for e in events if review_of(e).get("status") == "edited")
    assert "Edited by ann" in event_popup_html(edited)


def test_a_picked_point_is_named_by_the_nearest_town():
    from caspian_dash.review.places import picked_place_name

    assert picked_place_name(40.3777, 49.892) == "Baku"
    assert picked_place_name(40.9633, 48.6035).startswith("near ")
    assert picked_place_name(42.0, 51.0) == "point at 42.000, 51.000"  # mid-sea


def test_the_databases_current_view_is_each_keys_latest_action(folder, seeds):
    events = seeds[1]
    log = ReviewLog(folder)
    log.record(act("confirm", events[0]))
    log.record(act("edit", events[0], fields={"title": "Later"}))
    log.record(act("reject", events[1], comment="no"))
    with sqlite3.connect(folder / DB_NAME) as con:
        current = dict(con.execute("SELECT key, seq FROM current").fetchall())
    assert current == {k: a.seq for k, a in latest_actions(log.actions()).items()}
    assert sorted(current.values()) == [2, 3]


def test_many_events_carry_who_reviewed_one_in_its_tooltip(folder, seeds):
    from caspian_dash.mapping.events import ICON_LIMIT, events_data

    events = [e for e in _reviewed_events(folder, seeds) if e.lon is not None]
    many = events + [replace(events[-1], id=f"x{i}", extra={}) for i in range(ICON_LIMIT)]
    data = events_data(many, {})
    notes = data["compact"]["notes"]
    reviewed = [str(i) for i, e in enumerate(many) if review_of(e)]
    assert sorted(notes) == sorted(reviewed) and len(notes) == 3
    assert any(n.startswith("Edited by ann, ") for n in notes.values())


def test_export_map_shows_the_events_as_reviewed(tmp_path, folder, seeds, capsys):
    import re

    from caspian_dash.__main__ import main as cli

    events = [e for e in seeds[1] if e.lon is not None]
    log = ReviewLog(folder)
    log.record(act("reject", events[0], comment="not an event"))
    log.record(act("confirm", events[1], reviewer="bob"))
    out = tmp_path / "map.html"
    assert cli(["export-map", "--docs", str(folder), "-o", str(out)]) == 0
    assert "Confirmed by bob" in out.read_text()
    written = int(re.search(r"wrote .*: (\d+) events", capsys.readouterr().out).group(1))
    assert written == len(seeds[1]) - 1  # the rejected one is left out
