"""Review in the app (AppTest on a copy of the seeds): every action, the Review view, the
filters in the page address, and a database the app must not use."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from caspian_dash.review.db import DB_NAME, ReviewLog
from caspian_dash.review.decisions import anchor_of, key_of

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run(at: AppTest) -> AppTest:
    at = at.run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> int:
    return int(at.metric[0].value)


def new_app(reviewer: str = "ann") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["view_tab"] = "Table"
    at.session_state["reviewer"] = reviewer
    return run(at)


def corpus_event(at: AppTest, index: int = 0):
    """An event of the table, by row, and its review key."""
    from caspian_dash import settings
    from caspian_dash.documents.corpus import load_folder

    event_id = at.session_state["_table_ids"][index]
    events = {e.id: e for e in load_folder(settings.DOCS_DIR)[1]}
    event = events[event_id]
    return event, key_of(anchor_of(event))


def pick(at: AppTest, event_id: str, action: str, key: str) -> AppTest:
    at.session_state["event"] = event_id
    at.session_state[f"rv_act_{key}"] = action
    return run(at)


def click(at: AppTest, label: str) -> AppTest:
    (button,) = [b for b in at.button if b.label == label]
    return run(button.click())


def texts(at: AppTest) -> str:
    return "\n".join(
        [
            *(e.value for e in at.success),
            *(e.value for e in at.error),
            *(e.value for e in at.warning),
        ]
    )


def frame(at: AppTest, *columns: str):
    """The first data frame with these columns (AppTest does not expose their keys)."""
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def table_column(at: AppTest, column: str) -> list:
    return list(at.tabs[1].dataframe[0].value[column])


def test_confirm_marks_the_event_everywhere(app_folder):
    at = new_app()
    event, key = corpus_event(at)
    at = pick(at, event.id, "confirm", key)
    at = click(at, "Confirm this event")
    assert "saved as ann" in texts(at)
    (action,) = ReviewLog(app_folder).actions()
    assert (action.action, action.reviewer, action.key) == ("confirm", "ann", key)
    assert table_column(at, "review")[0] == "confirmed"
    history = frame(at, "reviewer", "changed")
    assert list(history["reviewer"]) == ["ann"] and list(history["action"]) == ["confirm"]


def test_reject_needs_a_reason_then_hides_the_event_until_show_rejected(app_folder):
    at = new_app()
    before = shown(at)
    event, key = corpus_event(at)
    at = pick(at, event.id, "reject", key)
    at = click(at, "Reject this event")
    assert "the reason is empty" in texts(at)
    assert ReviewLog(app_folder).actions() == []
    at.text_input(key=f"rv_reason_{key}").set_value("a plan, not an event")
    at = click(at, "Reject this event")
    assert shown(at) == before - 1
    assert event.id not in at.session_state["_table_ids"]
    at.checkbox(key="show_rejected").check()
    at = run(at)
    assert shown(at) == before
    assert at.query_params.get("rejected") == "1"


def test_edit_changes_the_fields_and_a_bad_value_changes_nothing(app_folder):
    at = new_app()
    event, key = corpus_event(at)
    at = pick(at, event.id, "edit", key)
    prefix = f"rv_edit_{key}_"
    at.text_input(key=f"{prefix}date_start").set_value("2019-02-30")
    at = click(at, "Save the changes")
    assert "not a date on the calendar" in texts(at)
    assert ReviewLog(app_folder).actions() == []
    at.text_input(key=f"{prefix}date_start").set_value("2019-05-01")
    at.text_input(key=f"{prefix}date_end").set_value("2019-05-01")
    at.selectbox(key=f"{prefix}time_precision").set_value("day")
    at.text_input(key=f"{prefix}title").set_value("Corrected by Ann")
    at.text_input(key=f"{prefix}place_q").set_value("Aktau")
    at = run(at)
    at = click(at, "Use this place")
    assert at.session_state[f"{prefix}place"] == "Aktau"
    at = click(at, "Save the changes")
    (action,) = ReviewLog(app_folder).actions()
    assert action.after["title"] == "Corrected by Ann"
    assert action.after["date_start"] == "2019-05-01" and action.after["place"] == "Aktau"
    assert abs(action.after["lon"] - 51.2) < 0.3
    row = table_column(at, "title").index("Corrected by Ann")
    assert table_column(at, "review")[row] == "edited"
    assert table_column(at, "place")[row] == "Aktau"


def test_split_and_add_make_new_events_and_merge_joins_two(app_folder):
    at = new_app()
    before = shown(at)
    event, key = corpus_event(at, 0)
    at = pick(at, event.id, "split", key)
    at.text_input(key=f"rv_split_{key}_title").set_value("The second event of the sentence")
    at = click(at, "Add it as a second event")
    assert shown(at) == before + 1
    # the new event is selected; add one from a sentence of its document
    doc_id = event.sources[0].doc_id
    at.selectbox(key=f"rv_add_sentence_{doc_id}").set_value(2)
    at = run(at)
    (title,) = [
        t for t in at.text_input if t.key and t.key.endswith("_title") and "rv_add_" in t.key
    ]
    title.set_value("Added by hand")
    at = run(at)
    at = click(at, "Add this event")
    assert shown(at) == before + 2
    other, other_key = corpus_event(at, 3)
    target, _ = corpus_event(at, 4)
    at = pick(at, other.id, "merge", other_key)
    (select,) = [s for s in at.selectbox if s.key == f"rv_target_{other_key}"]
    select.select_index([i for i, o in enumerate(select.options) if target.title in o][0])
    at = run(at)
    at = click(at, "Merge")
    assert shown(at) == before + 1
    kinds = [a.action for a in ReviewLog(app_folder).actions()]
    assert kinds == ["split", "add", "merge"]


def test_the_review_view_lists_filters_and_downloads_the_log(app_folder):
    at = new_app("ann")
    event, key = corpus_event(at, 0)
    at = pick(at, event.id, "confirm", key)
    at = click(at, "Confirm this event")
    bob = new_app("bob")
    other, other_key = corpus_event(bob, 1)
    bob = pick(bob, other.id, "reject", other_key)
    bob.text_input(key=f"rv_reason_{other_key}").set_value("duplicate")
    bob = click(bob, "Reject this event")
    bob.session_state["view_tab"] = "Review"
    bob = run(bob)
    log = frame(bob, "reviewer", "event")
    assert list(log["reviewer"]) == ["bob", "ann"]
    bob.multiselect(key="rv_by").set_value(["ann"])
    bob = run(bob)
    assert list(frame(bob, "reviewer", "event")["reviewer"]) == ["ann"]
    assert any(b.label == "Review log (CSV)" for b in bob.get("download_button"))


def test_orphaned_decisions_are_listed_in_the_review_view(app_folder):
    at = new_app()
    event, key = corpus_event(at, 0)
    at = pick(at, event.id, "confirm", key)
    at = click(at, "Confirm this event")
    source = event.sources[0]
    path = app_folder / f"{source.doc_id}.txt"
    path.write_text(path.read_text().replace(source.sentence, "Nothing to see."))
    fresh = new_app()
    fresh.session_state["view_tab"] = "Review"
    fresh = run(fresh)
    orphans = frame(fresh, "document", "sentence", "action")
    assert list(orphans["document"]) == [source.doc_id]


def test_reviewed_only_lives_in_the_page_address(app_folder):
    at = new_app()
    event, key = corpus_event(at, 0)
    at = pick(at, event.id, "confirm", key)
    at = click(at, "Confirm this event")
    link = AppTest.from_file(APP, default_timeout=120)
    link.query_params["reviewed"] = "1"
    link = run(link)
    assert shown(link) == 1 and link.checkbox(key="reviewed_only").value


def test_a_later_edit_of_a_field_another_reviewer_changed_warns(app_folder):
    ann, bob = new_app("ann"), new_app("bob")
    event, key = corpus_event(ann, 0)
    ann = pick(ann, event.id, "edit", key)
    bob = pick(bob, event.id, "edit", key)  # both have the event open
    ann.text_input(key=f"rv_edit_{key}_title").set_value("Ann's title")
    ann = click(ann, "Save the changes")
    bob.text_input(key=f"rv_edit_{key}_title").set_value("Bob's title")
    bob = click(bob, "Save the changes")
    assert "ann changed title" in texts(bob)
    assert [a.after["title"] for a in ReviewLog(app_folder).actions()] == [
        "Ann's title",
        "Bob's title",
    ]


def test_a_foreign_database_turns_review_off_and_is_left_alone(app_folder):
    (app_folder / DB_NAME).write_bytes(b"not a database at all" * 50)
    at = new_app()
    assert any("Review is off" in w.value for w in at.warning)
    assert shown(at) > 0
    assert (app_folder / DB_NAME).read_bytes() == b"not a database at all" * 50


HOSTILE = "<img src=x onerror=alert(1)> {{ 7*7 }} [link](javascript:alert(1))"


def test_hostile_review_text_stays_text(app_folder):
    import json

    at = new_app(HOSTILE)
    event, key = corpus_event(at, 0)
    at = pick(at, event.id, "edit", key)
    at.text_input(key=f"rv_edit_{key}_title").set_value(HOSTILE)
    at = click(at, "Save the changes")
    (action,) = ReviewLog(app_folder).actions()
    assert action.reviewer == HOSTILE.strip() and action.after["title"] == HOSTILE.strip()
    status = next(m.value for m in at.markdown if "Edited" in m.value)
    assert "\\<img" in status and "](" not in status  # Markdown shows it as text
    overlay = json.dumps(json.loads(at.get("component_instance")[0].proto.json_args)["overlay"])
    assert "<img src=x" not in overlay and "{{ 7*7 }}" not in overlay
    assert "&lt;img src=x" in overlay
