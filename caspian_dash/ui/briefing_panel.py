"""The briefing widgets: building a story in the sidebar, and presenting it.

A story's texts are shown only as text (``plain`` for Markdown elements, ``st.text``), and
every file is read through ``briefing.story``'s checks.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from caspian_dash.briefing.store import load_story, new_story, save_story, story_names
from caspian_dash.briefing.story import (
    MAX_CAPTION,
    MAX_TITLE,
    Step,
    Story,
    StoryError,
    add_step,
    delete_step,
    duplicate_step,
    edit_step,
    missing,
    move_step,
)
from caspian_dash.ui.upload import plain

# Plain session values, not widget keys: a widget's value is dropped on a run that does not
# draw it, and presenting draws no sidebar.
STORY = "_story"  # the open story's name (the page address: ?story=)
PRESENT = "_present"  # presenting it (?present=1)
STEP = "_story_step"  # the step shown, from 0 (?step= counts from 1)
VIEW = "_map_view"  # the map's last view: centre, zoom, layers
_KEY_N = "_story_key_n"  # the last key press handled
_FLASH = "_story_flash"
AUTO_SECONDS = {"Off": 0, "10 s": 10, "20 s": 20, "40 s": 40}


@dataclass
class Opened:
    story: Story | None
    error: str = ""
    notes: tuple[str, ...] = ()


def open_story(docs: Path, events: set[str], documents: set[str]) -> Opened:
    name = st.session_state.get(STORY)
    if not name:
        return Opened(None)
    try:
        story = load_story(docs, name)
    except StoryError as error:
        return Opened(None, str(error))
    return Opened(story, notes=tuple(missing(story, events, documents)))


def init_from_url() -> None:
    """A shared link opens its story (and presents it at its step)."""
    params = st.query_params
    if params.get("story"):
        st.session_state[STORY] = params.get("story")
        st.session_state[PRESENT] = params.get("present") == "1"
        try:
            st.session_state[STEP] = max(int(params.get("step", "1")) - 1, 0)
        except ValueError:
            st.session_state[STEP] = 0


def url_part() -> dict[str, str]:
    """The story's part of the page address."""
    name = st.session_state.get(STORY)
    if not name:
        return {}
    part = {"story": name}
    if st.session_state.get(PRESENT):
        part.update(present="1", step=str(st.session_state.get(STEP, 0) + 1))
    return part


def _save(docs: Path, story: Story, message: str, base: Story) -> None:
    try:
        save_story(docs, story, base)
    except (OSError, StoryError) as error:
        st.error(plain(f"The story could not be saved: {error}"))
        return
    st.session_state[_FLASH] = message
    st.rerun()


def story_panel(docs: Path, opened: Opened, current: Step) -> None:
    """Sidebar: choose or create a story, add the current view as a step, order the steps,
    and start presenting. ``current``: the view as it is now, untitled."""
    st.header("Briefing")
    if message := st.session_state.pop(_FLASH, ""):
        st.success(plain(message))
    names = story_names(docs)
    if st.session_state.get(STORY) not in names:
        st.session_state[STORY] = None
    st.session_state["story_choice"] = st.session_state[STORY]
    st.selectbox(
        "Story",
        names,
        index=None,
        key="story_choice",
        placeholder="Choose a story…",
        on_change=lambda: st.session_state.update({STORY: st.session_state["story_choice"]}),
    )
    with st.popover("New story", width="stretch"):
        title = st.text_input("Its title", key="story_new_title", max_chars=MAX_TITLE)
        if st.button("Create", key="story_create"):
            try:
                story = new_story(docs, title)
            except (OSError, StoryError) as error:
                st.error(plain(error))
            else:
                st.session_state["_story_open"] = story.name
                st.rerun()
    if opened.error:
        st.warning(plain(opened.error))
    story = opened.story
    if story is None:
        return
    for note in opened.notes:
        st.caption(plain(note))
    st.caption("A step keeps the filters, where the map looks and the layers on.")
    with st.expander("Add this view as a step", expanded=not story.steps):
        title = st.text_input("Step title", key="step_new_title", max_chars=MAX_TITLE)
        caption = st.text_area("Caption", key="step_new_caption", max_chars=MAX_CAPTION)
        if st.button("Add step", key="step_add", type="primary"):
            try:
                changed = add_step(story, Step(title, caption, **_view_fields(current)))
            except StoryError as error:
                st.error(plain(error))
            else:
                _save(docs, changed, f"Step {len(changed.steps)} added.", story)
    for i, step in enumerate(story.steps):
        _step_row(docs, story, i, step)
    if story.steps and st.button("Present ▶", key="story_present", width="stretch"):
        st.session_state["_story_start"] = 0
        st.rerun()


def _view_fields(step: Step) -> dict:
    return {
        "query": step.query,
        "center": step.center,
        "zoom": step.zoom,
        "layers": step.layers,
        "event": step.event,
    }


def _step_row(docs: Path, story: Story, i: int, step: Step) -> None:
    with st.container(border=True):
        st.text(f"{i + 1}. {step.title}")
        up, down, copy, drop = st.columns(4)
        changed = None
        if up.button(
            ":material/arrow_upward:", key=f"step_up_{i}", help="Earlier", disabled=i == 0
        ):
            changed = move_step(story, i, -1)
        if down.button(
            ":material/arrow_downward:",
            key=f"step_down_{i}",
            help="Later",
            disabled=i == len(story.steps) - 1,
        ):
            changed = move_step(story, i, 1)
        if copy.button(":material/content_copy:", key=f"step_copy_{i}", help="Duplicate"):
            changed = duplicate_step(story, i)
        if drop.button(":material/delete:", key=f"step_drop_{i}", help="Delete"):
            changed = delete_step(story, i)
        with st.popover("Edit", width="stretch"):
            title = st.text_input("Title", step.title, key=f"step_title_{i}", max_chars=MAX_TITLE)
            caption = st.text_area(
                "Caption", step.caption, key=f"step_caption_{i}", max_chars=MAX_CAPTION
            )
            if st.button("Save", key=f"step_save_{i}"):
                try:
                    changed = edit_step(story, i, title, caption)
                except StoryError as error:
                    st.error(plain(error))
        if changed is not None:
            _save(docs, changed, f"{story.title or story.name}: saved.", story)


def apply_pending() -> None:
    """Called first in a run: a story created, or presenting started, in the run before."""
    if name := st.session_state.pop("_story_open", None):
        st.session_state[STORY] = name
    if (start := st.session_state.pop("_story_start", None)) is not None:
        st.session_state[PRESENT] = True
        st.session_state[STEP] = start


def presenting(story: Story | None) -> bool:
    return bool(story and story.steps and st.session_state.get(PRESENT))


def step_index(story: Story) -> int:
    i = min(max(int(st.session_state.get(STEP, 0)), 0), len(story.steps) - 1)
    st.session_state[STEP] = i
    return i


def go(story: Story, by: int) -> None:
    st.session_state[STEP] = min(max(step_index(story) + by, 0), len(story.steps) - 1)
    st.session_state["_story_stepped_at"] = time.monotonic()


def stop() -> None:
    st.session_state[PRESENT] = False


def handle_key(result: dict | None, story: Story) -> None:
    """Arrows, space and Escape pressed while presenting (sent by the map component)."""
    if not result or "key" not in result or result.get("n") == st.session_state.get(_KEY_N):
        return
    st.session_state[_KEY_N] = result.get("n")
    key = result["key"]
    if key == "exit":
        stop()
    else:
        go(story, 1 if key == "next" else -1)
    st.rerun()


def present_header(story: Story, i: int) -> None:
    """The step's title, where it stands in the story and the controls in one row, then its
    caption: above the map, so a 1280x720 screen shows them with all of the map."""
    step = story.steps[i]
    head, where, back, ahead, auto, out = st.columns(
        [5, 1.2, 1.3, 1.3, 1.6, 1.1], vertical_alignment="center"
    )
    head.markdown(f"### {plain(step.title)}")
    where.caption(f"step {i + 1} of {len(story.steps)}")
    back.button(
        "◀ Previous",
        on_click=go,
        args=(story, -1),
        disabled=i == 0,
        width="stretch",
        key="present_back",
    )
    ahead.button(
        "Next ▶",
        on_click=go,
        args=(story, 1),
        disabled=i == len(story.steps) - 1,
        width="stretch",
        key="present_next",
        type="primary",
    )
    auto.selectbox(
        "Auto-advance",
        list(AUTO_SECONDS),
        key="present_auto",
        format_func=lambda k: f"Auto: {k.lower()}",
        label_visibility="collapsed",
    )
    out.button(
        "Exit",
        on_click=stop,
        width="stretch",
        key="present_exit",
        help="Back to the dashboard (Esc)",
    )
    if step.caption:
        st.markdown(plain(step.caption))
    seconds = AUTO_SECONDS.get(st.session_state.get("present_auto") or "Off", 0)
    if seconds and i < len(story.steps) - 1:
        st.fragment(_advance, run_every=seconds)(story, seconds)


def _advance(story: Story, seconds: float) -> None:
    # as Play: the first run is inline, so a step waits a whole interval since the last one
    if time.monotonic() - st.session_state.get("_story_stepped_at", 0.0) < seconds * 0.9:
        return
    go(story, 1)
    st.rerun(scope="app")
