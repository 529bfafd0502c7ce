"""Briefing mode in the app (AppTest on a copy of the seeds): a story of three steps made,
reordered and presented; a hostile caption stays text; a broken story file is named."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from caspian_dash.briefing.store import load_story

APP = str(Path(__file__).resolve().parent.parent / "app.py")
HOSTILE = "<img src=x onerror=alert(1)> [link](javascript:alert(1)) {{ 7*7 }}"


def run(at: AppTest) -> AppTest:
    at = at.run()
    assert not at.exception, at.exception
    return at


def steps_listed(at: AppTest) -> list[str]:
    return [t.value for t in at.sidebar.text if t.value[:1].isdigit() and ". " in t.value]


def made_story(years: list[tuple[int, int]]) -> AppTest:
    at = run(AppTest.from_file(APP, default_timeout=120))
    at.text_input(key="story_new_title").set_value("Caspian 2018")
    at = run(at.button(key="story_create").click())
    for n, (lo, hi) in enumerate(years, 1):
        at.slider(key="years").set_value((lo, hi))
        at = run(at)
        at.text_input(key="step_new_title").set_value(f"Step {n}: {lo}-{hi}")
        at.text_area(key="step_new_caption").set_value(HOSTILE if n == 2 else f"Caption {n}")
        at = run(at.button(key="step_add").click())
    return at


def test_three_steps_made_reordered_and_presented(app_folder):
    at = made_story([(2004, 2010), (2018, 2018), (2020, 2025)])
    assert steps_listed(at) == [
        "1. Step 1: 2004-2010",
        "2. Step 2: 2018-2018",
        "3. Step 3: 2020-2025",
    ]
    story = load_story(app_folder, "Caspian_2018")
    assert [s.query.get("from") for s in story.steps] == [["2004"], ["2018"], ["2020"]]
    at = run(at.button(key="step_down_0").click())  # step 1 after step 2
    assert steps_listed(at)[:2] == ["1. Step 2: 2018-2018", "2. Step 1: 2004-2010"]
    at = run(at.button(key="step_copy_2").click())
    at = run(at.button(key="step_drop_3").click())
    assert len(steps_listed(at)) == 3
    at = run(at.button(key="story_present").click())
    # present mode: the step's title, where it stands, its view on the map
    assert any(m.value.startswith("### Step 2") for m in at.markdown)
    assert [c.value for c in at.caption if "step " in c.value] == ["step 1 of 3"]
    assert dict(at.query_params) == {"story": "Caspian_2018", "present": "1", "step": "1"}
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    assert args["keys"] and args["fly"] and args["overlay"]["state"]["label"] == "2018"
    at = run(at.button(key="present_next").click())
    assert [c.value for c in at.caption if "step " in c.value] == ["step 2 of 3"]
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    assert args["overlay"]["state"]["label"] == "2004–2010"
    at = run(at.button(key="present_back").click())
    assert [c.value for c in at.caption if "step " in c.value] == ["step 1 of 3"]
    at = run(at.button(key="present_exit").click())
    assert at.metric and not [c for c in at.caption if "step 1 of" in c.value]


def test_a_hostile_caption_is_shown_as_text(app_folder):
    at = made_story([(2018, 2018), (2019, 2020)])
    at = run(at.button(key="story_present").click())
    at = run(at.button(key="present_next").click())
    caption = next(m.value for m in at.markdown if "img src" in m.value)
    assert "\\<img" in caption and "](" not in caption  # escaped: Markdown shows it as text


def test_a_link_opens_a_story_at_its_step(app_folder):
    made_story([(2004, 2010), (2018, 2018)])
    link = AppTest.from_file(APP, default_timeout=120)
    link.query_params.update({"story": "Caspian_2018", "present": "1", "step": "2"})
    link = run(link)
    assert [c.value for c in link.caption if "step " in c.value] == ["step 2 of 2"]


def test_a_broken_story_file_gives_a_message_naming_it(app_folder):
    (app_folder / "stories").mkdir()
    (app_folder / "stories" / "bad.json").write_text(
        '{"format": "caspian_dash.story", "version": 7}'
    )
    link = AppTest.from_file(APP, default_timeout=120)
    link.query_params.update({"story": "bad"})
    link = run(link)
    assert any(
        "bad.json: story format version 7" in w.value.replace("\\", "") for w in link.warning
    )
