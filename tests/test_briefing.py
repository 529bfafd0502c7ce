"""Stories (round trip, checks, editing), their files, and the briefing pack's page."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from caspian_dash.briefing.pack import NOTES_PER_SLIDE, pack_html, slide_for
from caspian_dash.briefing.store import load_story, new_story, save_story, story_names
from caspian_dash.briefing.story import (
    Step,
    Story,
    StoryError,
    add_step,
    delete_step,
    duplicate_step,
    edit_step,
    from_json,
    missing,
    move_step,
    to_json,
)
from caspian_dash.models import Document, Source
from tests.conftest import make_event

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "<img src=x onerror=alert(1)> {{ 7*7 }} </script><script>alert(2)</script>"


def story(*titles: str) -> Story:
    return Story(
        "demo",
        "Demo",
        tuple(
            Step(t, f"about {t}", {"from": ["2018"]}, (41.5, 51.0), 5, ("states",)) for t in titles
        ),
    )


def test_a_story_round_trips_through_its_json():
    s = story("One", "Two")
    assert from_json(to_json(s), "demo") == s
    data = json.loads(to_json(s))
    assert data["format"] == "caspian_dash.story" and data["version"] == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"format": "other", "version": 1, "steps": []}', "not a caspian_dash story"),
        ('{"format": "caspian_dash.story", "version": 9, "steps": []}', "format version 9"),
        ('{"format": "caspian_dash.story", "version": 1, "steps": {}}', "not a list"),
        (
            '{"format": "caspian_dash.story", "version": 1, "steps": [{"title": ""}]}',
            "step 1: the title is empty",
        ),
        (
            '{"format": "caspian_dash.story", "version": 1, "steps": [{"title": "a", "center": [99, 0]}]}',
            "centre",
        ),
        (
            '{"format": "caspian_dash.story", "version": 1, "steps": [{"title": "a", "zoom": 40}]}',
            "zoom",
        ),
        (
            '{"format": "caspian_dash.story", "version": 1, "steps": [{"title": "a", "query": {"from": 2018}}]}',
            "page-address",
        ),
        (
            '{"format": "caspian_dash.story", "version": 1, "steps": [{"title": "a", "caption": 5}]}',
            "not text",
        ),
    ],
)
def test_a_bad_story_file_is_refused_with_a_message_naming_it(text, message):
    with pytest.raises(StoryError, match=re.escape(message)) as caught:
        from_json(text, "mine.json")
    assert str(caught.value).startswith("mine.json")


def test_steps_are_added_moved_duplicated_edited_and_deleted():
    s = story("One", "Two", "Three")
    assert [x.title for x in move_step(s, 2, -1).steps] == ["One", "Three", "Two"]
    assert [x.title for x in move_step(s, 0, -1).steps] == ["One", "Two", "Three"]  # stays
    assert [x.title for x in duplicate_step(s, 0).steps] == ["One", "One", "Two", "Three"]
    assert [x.title for x in delete_step(s, 1).steps] == ["One", "Three"]
    edited = edit_step(s, 1, "Deux", "new words")
    assert (edited.steps[1].title, edited.steps[1].caption) == ("Deux", "new words")
    assert add_step(s, Step("Four")).steps[-1].title == "Four"
    with pytest.raises(StoryError, match="no step 9"):
        delete_step(s, 8)
    with pytest.raises(StoryError, match="the title is empty"):
        edit_step(s, 0, " ", "")


def test_what_a_story_names_that_is_gone_gives_notices():
    s = Story("demo", "Demo", (Step("a", event="ev-gone", query={"doc": ["d1", "d9"]}),))
    notes = missing(s, {"ev-1"}, {"d1"})
    assert len(notes) == 2 and "ev-gone" in notes[0] and "d9" in notes[1]


def test_stories_are_files_in_the_documents_folder(tmp_path):
    first = new_story(tmp_path, "Caspian / 2018")
    second = new_story(tmp_path, "Caspian / 2018")
    assert (first.name, second.name) == ("Caspian_2018", "Caspian_2018_2")
    assert story_names(tmp_path) == ["Caspian_2018", "Caspian_2018_2"]
    saved = add_step(first, Step("One", HOSTILE))
    save_story(tmp_path, saved)
    assert load_story(tmp_path, "Caspian_2018") == saved
    assert not list((tmp_path / "stories").glob(".*.tmp"))  # nothing half-written left
    (tmp_path / "stories" / "broken.json").write_text("{")
    with pytest.raises(StoryError, match="broken.json: not valid JSON"):
        load_story(tmp_path, "broken")
    with pytest.raises(StoryError, match="no such story"):
        load_story(tmp_path, "../../etc/passwd")


# --- the pack ------------------------------------------------------------------------------


def _events():
    doc = Source("d1", "The summit was held in Aktau.", 0, 29)
    return [
        make_event(id=f"e{i}", sources=(doc,), title=f"Event {i}", lat=43.0 + i / 10)
        for i in range(NOTES_PER_SLIDE + 3)
    ]


def _documents(url: str = "https://example.org/a") -> dict:
    return {"d1": Document("d1", "text", HOSTILE, "Publisher & Co", "2018-08-12", url)}


def test_a_slide_cites_each_event_shown_up_to_what_a_page_holds():
    events = _events()
    slide = slide_for(Step("Aktau"), events, {"label": "2018"}, _documents())
    assert [n["n"] for n in slide.notes] == list(range(1, NOTES_PER_SLIDE + 1))
    assert [n["id"] for n in slide.notes] == [e.id for e in events[:NOTES_PER_SLIDE]]
    assert slide.more == 3
    assert [m["n"] for m in slide.events][:NOTES_PER_SLIDE] == list(range(1, NOTES_PER_SLIDE + 1))
    assert slide.notes[0]["sentence"] == "The summit was held in Aktau."


def test_the_pack_keeps_every_text_as_text(tmp_path):
    from caspian_dash.geodata import load_layers

    layers, _ = load_layers()
    bad = Story("x", HOSTILE, (Step(HOSTILE, HOSTILE),))
    slide = slide_for(bad.steps[0], _events()[:2], {}, _documents("javascript:alert(1)"))
    page = pack_html(bad, [slide], layers)
    body = page[page.index("<body>") :]
    assert "<img src=x" not in body and "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "<script>alert(2)" not in page  # no script element can be closed by a text
    assert 'href="javascript:' not in page and "javascript:alert(1)" in body  # text, no link
    assert page.count('<section class="pk-slide"') == 1
    assert "/app/static" not in page and not re.search(r"<(script|link)[^>]+(src|href)=", page)


def test_without_chromium_the_pdf_is_refused_with_what_to_install_and_the_pack_is_written(
    tmp_path, monkeypatch, capsys
):
    from caspian_dash.__main__ import main as cli
    from caspian_dash.briefing import pdf

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "seeds", docs)
    save_story(docs, story("One", "Two"))
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    out = tmp_path / "pack.html"
    code = cli(
        [
            "export-briefing",
            "demo",
            "--docs",
            str(docs),
            "-o",
            str(out),
            "--pdf",
            str(tmp_path / "p.pdf"),
        ]
    )
    assert code == 3 and out.is_file() and not (tmp_path / "p.pdf").exists()
    assert "apt-get install chromium" in capsys.readouterr().err


def test_an_unknown_story_is_named_and_nothing_is_written(tmp_path, capsys):
    from caspian_dash.__main__ import main as cli

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "seeds", docs)
    code = cli(["export-briefing", "nothing", "--docs", str(docs), "-o", str(tmp_path / "x.html")])
    assert code == 2 and "nothing.json: no such story" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_a_change_saved_meanwhile_by_someone_else_is_never_overwritten(tmp_path):
    opened = new_story(tmp_path, "Shared")
    theirs = add_step(opened, Step("Theirs"))
    save_story(tmp_path, theirs, opened)  # they saved first
    mine = add_step(opened, Step("Mine"))
    with pytest.raises(StoryError, match="changed by someone else"):
        save_story(tmp_path, mine, opened)
    assert [s.title for s in load_story(tmp_path, "Shared").steps] == ["Theirs"]
    save_story(tmp_path, add_step(theirs, Step("Mine")), theirs)  # from what is there now
    assert [s.title for s in load_story(tmp_path, "Shared").steps] == ["Theirs", "Mine"]
