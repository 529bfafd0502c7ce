"""Adding and removing documents: stored all-or-nothing, even when killed mid-write."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from caspian_dash.documents.convert import DocumentError
from caspian_dash.documents.ingest import read_documents
from caspian_dash.documents.store import (
    JOURNAL,
    LOCK,
    add_document,
    recover,
    remove_document,
    safe_stem,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARTICLE = "Baku, 8 October 2025 - Azerbaijan and Kazakhstan signed a transit agreement in Aktau.\n"


@pytest.fixture
def folder(tmp_path) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(SEEDS, target)
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in the folder (the lock file aside): what 'exactly as before' means."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != LOCK
    }


def manifest_rows(folder: Path) -> list[dict]:
    with (folder / "sources.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_add_stores_text_original_and_manifest_row(folder):
    added = add_document(
        folder,
        "transit deal.txt",
        ARTICLE.encode(),
        {"title": "Transit deal", "published": "2025-10-08", "url": "https://example.org/a"},
    )
    assert added.doc_id == "transit_deal"
    assert (folder / "transit_deal.txt").read_text() == ARTICLE
    assert (folder / "originals" / "transit_deal.txt").read_bytes() == ARTICLE.encode()
    row = manifest_rows(folder)[-1]
    assert row == {
        "file": "transit_deal.txt",
        "title": "Transit deal",
        "publisher": "",
        "published": "2025-10-08",
        "url": "https://example.org/a",
    }
    documents, problems = read_documents(folder)
    assert not problems and "transit_deal" in {d.doc_id for d in documents}
    assert not list(folder.glob(".*.tmp")) and not (folder / JOURNAL).exists()


def test_html_is_stored_as_its_visible_text_with_the_page_title(folder):
    page = (
        b"<html><head><title>Pact</title></head><body><p>"
        + ARTICLE.encode()
        + b"</p></body></html>"
    )
    added = add_document(folder, "pact.html", page)
    assert (folder / "pact.txt").read_text().strip() == ARTICLE.strip()
    assert (folder / "originals" / "pact.html").read_bytes() == page
    assert manifest_rows(folder)[-1]["title"] == "Pact"
    assert added.notices == []


def test_duplicates_are_reported_not_stored(folder):
    add_document(folder, "one.txt", ARTICLE.encode())
    before = snapshot(folder)
    with pytest.raises(DocumentError, match="already stored as one"):
        add_document(folder, "copy.txt", ARTICLE.encode())
    seed_text = (SEEDS / "004_91b4ce848cd7520b.txt").read_bytes()
    with pytest.raises(DocumentError, match="already stored as 004_91b4ce848cd7520b"):
        add_document(folder, "again.txt", seed_text)
    assert snapshot(folder) == before


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\\\tmp\\\\My Report (2024).PDF", "My_Report_2024"),
        ("Türkiye–Baku.txt", "Turkiye_Baku"),
        (".hidden", "document"),
        ("....txt", "document"),
        ("a/b/../c.txt", "c"),
        ("x" * 200 + ".txt", "x" * 80),
    ],
)
def test_safe_stem(name, stem):
    assert safe_stem(name) == stem


def test_names_never_escape_the_folder_or_overwrite_a_document(folder):
    first = add_document(folder, "../../outside.txt", b"One text about Baku.\n")
    second = add_document(folder, "outside.txt", b"Another text about Aktau.\n")
    assert (first.doc_id, second.doc_id) == ("outside", "outside-2")
    assert not (folder.parent / "outside.txt").exists()
    assert (folder / "outside.txt").read_text() == "One text about Baku.\n"


@pytest.mark.parametrize(
    ("name", "data", "meta", "message"),
    [
        ("empty.txt", b"", {}, "empty"),
        ("bin.txt", b"\x00\x01\x02binary", {}, "binary"),
        ("big.txt", b"a" * 2_000_001, {}, "over the 2 MB limit"),
        ("bad.txt", b"caf\x81\x8d\x90", {}, "cannot be decoded"),
        ("date.txt", b"Text.", {"published": "8 Oct 2025"}, "is not YYYY"),
    ],
)
def test_bad_input_stores_nothing(folder, name, data, meta, message):
    before = snapshot(folder)
    with pytest.raises(DocumentError, match=message) as error:
        add_document(folder, name, data, meta, max_bytes=2_000_000)
    assert name in str(error.value)
    assert snapshot(folder) == before


def test_windows_1252_is_decoded_with_a_notice(folder):
    added = add_document(folder, "w.txt", "Türkiye signed – “finally”.".encode("cp1252"))
    assert "Windows-1252" in added.notices[0]
    assert (folder / "w.txt").read_text(encoding="utf-8") == "Türkiye signed – “finally”."


def test_remove_takes_text_original_and_row(folder):
    before = snapshot(folder)
    added = add_document(folder, "gone.pdf.txt", ARTICLE.encode())
    remove_document(folder, added.doc_id)
    assert snapshot(folder) == before
    with pytest.raises(DocumentError, match="no such document"):
        remove_document(folder, added.doc_id)
    with pytest.raises(DocumentError, match="not a document id"):
        remove_document(folder, "../seeds/004_91b4ce848cd7520b")


# --- killed mid-write: the folder is exactly as before or exactly as after -------------

_ADD_IN_CHILD = (
    "import sys; from pathlib import Path; from caspian_dash.documents.store import add_document; "
    "add_document(Path(sys.argv[1]), 'crash.txt', sys.argv[2].encode(), {'title': 'Crash'})"
)


def _run_child(code: str, *args: str, crash_at: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "CASPIAN_DASH_CRASH_AT": crash_at}
    return subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("crash_at", "expected"),
    [
        ("files_written", "before"),
        ("before_journal", "before"),
        ("after_journal", "after"),
        ("mid_apply", "after"),
    ],
)
def test_a_killed_upload_leaves_the_folder_as_before_or_as_after(
    tmp_path, folder, crash_at, expected
):
    reference = tmp_path / "reference"
    shutil.copytree(folder, reference)
    before = snapshot(folder)
    assert _run_child(_ADD_IN_CHILD, str(reference), ARTICLE).returncode == 0
    after = snapshot(reference)

    killed = _run_child(_ADD_IN_CHILD, str(folder), ARTICLE, crash_at=crash_at)
    assert killed.returncode == -9, killed.stderr  # really killed (SIGKILL) mid-change
    recover(folder)  # what the app and the next writer do first
    assert snapshot(folder) == (before if expected == "before" else after)
    documents, problems = read_documents(folder)
    assert not problems


def test_two_processes_adding_at_once_both_succeed(folder):
    code = (
        "import sys; from pathlib import Path; from caspian_dash.documents.store import add_document\n"
        "for i in range(5):\n"
        "    add_document(Path(sys.argv[1]), f'{sys.argv[2]}-{i}.txt',\n"
        "                 f'Report {sys.argv[2]} {i}: Baku and Aktau signed.'.encode())\n"
    )
    env = {**os.environ, "CASPIAN_DASH_CRASH_AT": ""}
    workers = [
        subprocess.Popen([sys.executable, "-c", code, str(folder), tag], env=env)
        for tag in ("a", "b")
    ]
    assert [w.wait(timeout=120) for w in workers] == [0, 0]
    files = {r["file"] for r in manifest_rows(folder)}
    assert {f"{t}-{i}.txt" for t in "ab" for i in range(5)} <= files
    assert len(manifest_rows(folder)) == 5 + 10
    assert len(read_documents(folder)[0]) == 5 + 10
