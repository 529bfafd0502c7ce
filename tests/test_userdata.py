"""The user's documents live outside the repository: the default folder under XDG_DATA_HOME
is created on first use as a copy of seeds/ (all or nothing), and nothing under seeds/
is ever written, uploads included."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from caspian_dash import settings
from caspian_dash.documents.ingest import read_documents
from caspian_dash.documents.store import add_document, recover
from caspian_dash.documents.userdata import first_fill, prepare, seed_files

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARTICLE = "Baku, 8 October 2025 - Azerbaijan and Kazakhstan signed a transit agreement in Aktau.\n"


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too) by its content's hash."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def git_status_seeds() -> str | None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return None
    return subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--", "seeds"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def child_env(data_home: Path, **extra: str) -> dict[str, str]:
    """The environment of a fresh process with the default settings, its data under
    ``data_home``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CASPIAN_DASH_DOCS", "CASPIAN_DASH_CRASH_AT")
    }
    return {**env, "XDG_DATA_HOME": str(data_home), **extra}


def run_child(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def expected_copy() -> dict[str, str]:
    return {
        str(p.relative_to(SEEDS)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in seed_files(SEEDS)
    }


_UPLOAD_WITH_DEFAULTS = f"""
from caspian_dash.settings import DOCS_DIR
from caspian_dash.documents.store import add_document
print(DOCS_DIR)
print(add_document(DOCS_DIR, "drill.txt", {ARTICLE.encode()!r}, {{"title": "Drill"}}).doc_id)
"""


def test_an_upload_with_the_default_settings_goes_to_the_data_folder_not_seeds(tmp_path):
    seeds_before, git_before = tree(SEEDS), git_status_seeds()
    done = run_child(_UPLOAD_WITH_DEFAULTS, child_env(tmp_path / "data"))
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "data" / "caspian_dash" / "documents"
    assert done.stdout.split() == [str(folder), "drill"]
    # the seeds are untouched (no changed manifest, no lock file, no originals/)...
    assert tree(SEEDS) == seeds_before
    assert git_status_seeds() == git_before
    # ...and the data folder holds a copy of them plus the new document
    stored = tree(folder)
    for name, digest in expected_copy().items():
        assert name == "sources.csv" or stored[name] == digest, name
    assert (folder / "drill.txt").read_text(encoding="utf-8") == ARTICLE
    assert (folder / "originals" / "drill.txt").read_bytes() == ARTICLE.encode()
    with (folder / "sources.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with (SEEDS / "sources.csv").open(encoding="utf-8") as f:
        assert rows[:-1] == list(csv.DictReader(f))  # the seeds' rows, as they were
    assert rows[-1]["file"] == "drill.txt" and rows[-1]["title"] == "Drill"
    documents, problems = read_documents(folder)
    assert not problems and len(documents) == len(list(SEEDS.glob("*.txt"))) + 1


def test_the_first_start_fills_the_default_folder_with_the_seeds(tmp_path):
    code = (
        "from caspian_dash.settings import DOCS_DIR\nfrom caspian_dash.documents.store import recover\n"
        "recover(DOCS_DIR)"
    )  # what the app does before reading the folder
    assert run_child(code, child_env(tmp_path)).returncode == 0
    folder = tmp_path / "caspian_dash" / "documents"
    assert tree(folder) == expected_copy()
    assert sorted(p.name for p in folder.parent.iterdir()) == [".documents.lock", "documents"]
    documents, problems = read_documents(folder)
    assert not problems and {d.doc_id for d in documents} == {p.stem for p in SEEDS.glob("*.txt")}


@pytest.mark.parametrize("crash_at", ["seeding", "seeded"])
def test_a_killed_first_start_leaves_no_half_filled_folder(tmp_path, crash_at):
    code = (
        "from caspian_dash.settings import DOCS_DIR\nfrom caspian_dash.documents.store import recover\n"
        "recover(DOCS_DIR)"
    )
    killed = run_child(code, child_env(tmp_path, CASPIAN_DASH_CRASH_AT=crash_at))
    assert killed.returncode == -9, killed.stderr  # SIGKILL: no clean-up ran
    parent = tmp_path / "caspian_dash"
    folder = parent / "documents"
    assert not folder.exists()  # no folder at all, rather than part of one
    assert list(parent.glob(".documents.*.tmp"))  # what the killed process left behind
    assert run_child(code, child_env(tmp_path)).returncode == 0  # the next start
    assert tree(folder) == expected_copy()
    assert not list(parent.glob(".documents.*.tmp"))


def test_two_first_starts_at_once_fill_the_folder_once(tmp_path):
    code = (
        "from caspian_dash.settings import DOCS_DIR\nfrom caspian_dash.documents.store import recover\n"
        "recover(DOCS_DIR)"
    )
    workers = [
        subprocess.Popen([sys.executable, "-c", code], env=child_env(tmp_path), cwd=ROOT)
        for _ in range(3)
    ]
    assert [w.wait(120) for w in workers] == [0, 0, 0]
    assert tree(tmp_path / "caspian_dash" / "documents") == expected_copy()


def test_a_folder_named_by_caspian_dash_docs_is_used_as_is(tmp_path):
    chosen = tmp_path / "mine"
    code = (
        "from caspian_dash.settings import DOCS_DIR\nfrom caspian_dash.documents.store import recover\n"
        "recover(DOCS_DIR)\nprint(DOCS_DIR)"
    )
    done = run_child(code, child_env(tmp_path / "data", CASPIAN_DASH_DOCS=str(chosen)))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(chosen)
    assert not chosen.exists() and not (tmp_path / "data").exists()  # nothing copied anywhere
    # even when it names the default folder itself
    default = tmp_path / "data" / "caspian_dash" / "documents"
    done = run_child(code, child_env(tmp_path / "data", CASPIAN_DASH_DOCS=str(default)))
    assert done.returncode == 0 and not default.exists()


def test_a_relative_xdg_data_home_is_ignored(tmp_path):
    code = "from caspian_dash.settings import DOCS_DIR\nprint(DOCS_DIR)"
    done = run_child(code, {**child_env(Path("relative")), "HOME": str(tmp_path)})
    assert done.stdout.strip() == str(tmp_path / ".local" / "share" / "caspian_dash" / "documents")


def test_an_existing_folder_is_never_refilled(tmp_path, monkeypatch):
    folder = tmp_path / "caspian_dash" / "documents"
    monkeypatch.setattr(settings, "DEFAULT_DOCS_DIR", folder)
    folder.mkdir(parents=True)  # emptied by its user: stays empty
    assert prepare(folder) == folder and list(folder.iterdir()) == []
    assert first_fill(folder, SEEDS) is False


def test_only_the_default_folder_is_filled(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "DEFAULT_DOCS_DIR", tmp_path / "default")
    other = tmp_path / "other"
    recover(other)
    assert not other.exists()  # a reader never creates a folder it was not asked to fill
    add_document(other, "a.txt", ARTICLE.encode())
    assert sorted(p.name for p in other.iterdir() if not p.name.startswith(".")) == [
        "a.txt",
        "originals",
        "sources.csv",
    ]  # an explicit folder starts empty, as before
    assert not (tmp_path / "default").exists()
    recover(tmp_path / "default")
    assert tree(tmp_path / "default") == expected_copy()


def test_the_test_run_itself_keeps_out_of_the_home_folder():
    home_data = Path.home() / ".local" / "share"
    assert not settings.DOCS_DIR.is_relative_to(home_data)
    assert not settings.DOCS_DIR.is_relative_to(ROOT)
