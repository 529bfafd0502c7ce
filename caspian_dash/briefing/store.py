"""Stories as files in the documents folder: ``stories/<name>.json`` (the I/O edge).

Each save writes a temporary file and renames it over the old one, so a story is always
whole, as before or after the save. Names are reduced to letters, digits, ``-`` and ``_``.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from pathlib import Path

from filelock import FileLock

from caspian_dash.briefing.story import Story, StoryError, from_json, to_json
from caspian_dash.documents.store import safe_stem

FOLDER = "stories"
LOCK = ".stories.lock"
MAX_BYTES = 2_000_000


def stories_dir(docs: Path | str) -> Path:
    return Path(docs) / FOLDER


def story_names(docs: Path | str) -> list[str]:
    folder = stories_dir(docs)
    return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []


def story_name(name: str) -> str:
    """The file name a story called ``name`` gets (no path, no dots; a slash is a space)."""
    return safe_stem(name.replace("/", " ").replace("\\", " "))


def load_story(docs: Path | str, name: str) -> Story:
    """The story ``name`` (StoryError naming the file when it is missing or not a story)."""
    path = stories_dir(docs) / f"{story_name(name)}.json"
    if not path.is_file():
        raise StoryError(f"{path.name}: no such story")
    if path.stat().st_size > MAX_BYTES:
        raise StoryError(f"{path.name}: larger than {MAX_BYTES // 1_000_000} MB")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise StoryError(f"{path.name}: not UTF-8 text") from None
    return replace(from_json(text, path.name), name=path.stem)  # messages name the file


def save_story(docs: Path | str, story: Story, base: Story | None = None) -> Path:
    """Write ``story``. Given ``base`` (the story as its editor opened it), the file must still
    hold ``base``: a change someone else saved meanwhile is never overwritten (StoryError)."""
    folder = stories_dir(docs)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{story_name(story.name)}.json"
    with FileLock(folder / LOCK):  # the check and the write, as one
        if base is not None and path.is_file() and load_story(docs, story.name) != base:
            raise StoryError(
                f"{path.name} was changed by someone else since you opened it; your change "
                "was not saved (open the story again)"
            )
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(to_json(story))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    return path


def new_story(docs: Path | str, title: str) -> Story:
    """An empty story, saved under a name made from ``title`` (a new one if taken)."""
    if not title.strip():
        raise StoryError("a story needs a title")
    base = story_name(title)
    taken = set(story_names(docs))
    name = (
        base
        if base not in taken
        else next(f"{base}_{n}" for n in range(2, 10_000) if f"{base}_{n}" not in taken)
    )
    story = Story(name, title.strip()[:200])
    save_story(docs, story)
    return story
