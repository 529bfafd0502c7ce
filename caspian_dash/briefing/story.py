"""A story: map views in order, each with a title and a caption (pure).

A step keeps its view as the page address keeps it (the filters' query parameters), plus
where the map looks, the layers on and a selected event, so that presenting a step is
opening a link. A story file is untrusted input: it is read field by field, a bad one is
refused with a message naming the file, and its texts are only ever shown as text.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace

FORMAT = "caspian_dash.story"
VERSION = 1
MAX_TITLE = 200
MAX_CAPTION = 2000
MAX_STEPS = 200
MIN_ZOOM, MAX_ZOOM = 1, 18


class StoryError(ValueError):
    """A story that cannot be read or changed, with a message naming its file."""


@dataclass(frozen=True)
class Step:
    title: str
    caption: str = ""
    query: dict[str, list[str]] = field(default_factory=dict)  # view.filters.to_query
    center: tuple[float, float] | None = None  # (lat, lon) the map looks at
    zoom: int | None = None
    layers: tuple[str, ...] | None = None  # the layers on (None: as the map starts)
    event: str = ""  # the selected event's id


@dataclass(frozen=True)
class Story:
    name: str  # its file name, without .json
    title: str
    steps: tuple[Step, ...] = ()


def as_query(query: dict) -> dict[str, list[str]]:
    """Page-address parameters with every value a list (``to_query`` gives one year as text)."""
    return {k: [v] if isinstance(v, str) else list(v) for k, v in query.items()}


# --- editing (each returns a new story) --------------------------------------------------


def _index(story: Story, i: int) -> int:
    if not 0 <= i < len(story.steps):
        raise StoryError(f"{story.name}: there is no step {i + 1}")
    return i


def add_step(story: Story, step: Step) -> Story:
    if len(story.steps) >= MAX_STEPS:
        raise StoryError(f"{story.name}: a story holds at most {MAX_STEPS} steps")
    return replace(story, steps=(*story.steps, _checked_step(_record(step), story.name, 0)))


def move_step(story: Story, i: int, by: int) -> Story:
    """Step i moved ``by`` places (-1: up, 1: down), kept within the story."""
    steps = list(story.steps)
    j = min(max(_index(story, i) + by, 0), len(steps) - 1)
    steps.insert(j, steps.pop(i))
    return replace(story, steps=tuple(steps))


def duplicate_step(story: Story, i: int) -> Story:
    steps = list(story.steps)
    steps.insert(_index(story, i) + 1, steps[i])
    return replace(story, steps=tuple(steps))


def delete_step(story: Story, i: int) -> Story:
    steps = list(story.steps)
    steps.pop(_index(story, i))
    return replace(story, steps=tuple(steps))


def edit_step(story: Story, i: int, title: str, caption: str) -> Story:
    steps = list(story.steps)
    step = replace(steps[_index(story, i)], title=title, caption=caption)
    steps[i] = _checked_step(_record(step), story.name, i)
    return replace(story, steps=tuple(steps))


# --- JSON ----------------------------------------------------------------------------------


def _record(step: Step) -> dict:
    return {
        "title": step.title,
        "caption": step.caption,
        "query": as_query(step.query),
        "center": list(step.center) if step.center else None,
        "zoom": step.zoom,
        "layers": list(step.layers) if step.layers is not None else None,
        "event": step.event,
    }


def to_json(story: Story) -> str:
    return json.dumps(
        {
            "format": FORMAT,
            "version": VERSION,
            "title": story.title,
            "steps": [_record(s) for s in story.steps],
        },
        ensure_ascii=False,
        indent=1,
    )


def _text(value: object, what: str, limit: int, where: str, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise StoryError(f"{where}: {what} is not text")
    if len(value) > limit:
        raise StoryError(f"{where}: {what} is longer than {limit} characters")
    if required and not value.strip():
        raise StoryError(f"{where}: {what} is empty")
    return value


def _checked_step(raw: object, name: str, i: int) -> Step:
    where = f"{name}, step {i + 1}"
    if not isinstance(raw, dict):
        raise StoryError(f"{where}: not a step")
    query = raw.get("query") or {}
    if not isinstance(query, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(x, str) for x in v)
        for k, v in query.items()
    ):
        raise StoryError(f"{where}: the view is not a set of page-address parameters")
    center = raw.get("center")
    if center is not None:
        ok = (
            isinstance(center, list)
            and len(center) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in center)
            and all(math.isfinite(v) for v in center)
            and -90 <= center[0] <= 90
            and -180 <= center[1] <= 180
        )
        if not ok:
            raise StoryError(f"{where}: the map's centre is not a latitude and a longitude")
        center = (float(center[0]), float(center[1]))
    zoom = raw.get("zoom")
    if zoom is not None and not (
        isinstance(zoom, int) and not isinstance(zoom, bool) and MIN_ZOOM <= zoom <= MAX_ZOOM
    ):
        raise StoryError(f"{where}: the zoom is not a whole number from {MIN_ZOOM} to {MAX_ZOOM}")
    layers = raw.get("layers")
    if layers is not None:
        if not isinstance(layers, list) or not all(isinstance(x, str) for x in layers):
            raise StoryError(f"{where}: the layers are not a list of names")
        layers = tuple(layers)
    return Step(
        _text(raw.get("title"), "the title", MAX_TITLE, where, required=True),
        _text(raw.get("caption"), "the caption", MAX_CAPTION, where),
        {k: list(v) for k, v in query.items()},
        center,
        zoom,
        layers,
        _text(raw.get("event"), "the event", 100, where),
    )


def from_json(text: str, name: str) -> Story:
    """A story from its file's text (StoryError naming ``name`` when it is not one)."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise StoryError(f"{name}: not valid JSON ({error})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoryError(f"{name}: not a caspian_dash story")
    version = data.get("version")
    if version != VERSION:
        raise StoryError(
            f"{name}: story format version {version!r}; this caspian_dash reads version {VERSION}"
        )
    steps = data.get("steps")
    if not isinstance(steps, list) or len(steps) > MAX_STEPS:
        raise StoryError(f"{name}: the steps are not a list of at most {MAX_STEPS}")
    title = _text(data.get("title"), "the title", MAX_TITLE, name)
    return Story(name, title, tuple(_checked_step(s, name, i) for i, s in enumerate(steps)))


def missing(story: Story, events: set[str], documents: set[str]) -> list[str]:
    """What the story names that the documents folder no longer has (shown as notices; the
    steps are presented without it)."""
    notes = []
    for i, step in enumerate(story.steps, 1):
        if step.event and step.event not in events:
            notes.append(
                f"{story.name}, step {i}: its event {step.event} is no longer among the events"
            )
        gone = [d for d in step.query.get("doc", []) if d not in documents]
        if gone:
            notes.append(
                f"{story.name}, step {i}: document(s) {', '.join(gone)} are no longer in the folder"
            )
    return notes
