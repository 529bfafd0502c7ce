import shutil
from pathlib import Path

import pytest

from caspian_dash.documents import corpus
from caspian_dash.documents.ingest import read_documents
from caspian_dash.documents.store import add_document
from caspian_dash.extract import extract_events

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def folder(tmp_path) -> Path:
    shutil.copytree(SEEDS, tmp_path / "docs")
    return tmp_path / "docs"


@pytest.fixture
def counted(monkeypatch):
    """Count how many documents really go through extraction."""
    calls = []
    real = corpus.document_merged

    def counting(document, gazetteer):
        calls.append(document.doc_id)
        return real(document, gazetteer)

    monkeypatch.setattr(corpus, "document_merged", counting)
    return calls


def test_cached_extraction_equals_extraction_and_is_reused(folder, tmp_path, counted):
    documents, events, problems = corpus.load_folder(folder, tmp_path / "cache")
    assert not problems
    assert events == extract_events(read_documents(folder)[0])
    assert len(counted) == 5
    assert corpus.load_folder(folder, tmp_path / "cache")[1] == events
    assert len(counted) == 5  # a warm start extracts nothing again


def test_only_a_changed_or_new_document_is_extracted_again(folder, tmp_path, counted):
    corpus.load_folder(folder, tmp_path / "cache")
    counted.clear()
    add_document(
        folder,
        "new.txt",
        b"On 8 October 2025 Azerbaijan and Kazakhstan signed a transit agreement in Aktau.\n",
    )
    target = folder / "001_d2e400abb6d97e05.txt"
    target.write_text(target.read_text() + "\nThe drill was held in Aktau in July 2024.\n")
    corpus.load_folder(folder, tmp_path / "cache")
    assert sorted(counted) == ["001_d2e400abb6d97e05", "new"]


def test_fingerprint_follows_content_not_dates(folder):
    first = corpus.folder_fingerprint(folder)
    (folder / "004_91b4ce848cd7520b.txt").touch()
    assert corpus.folder_fingerprint(folder) == first
    with (folder / "sources.csv").open("a") as f:
        f.write("extra.txt,Extra,,,\n")
    assert corpus.folder_fingerprint(folder) != first


def test_extractor_version_is_stable_within_a_process():
    assert corpus.extractor_version() == corpus.extractor_version()
    assert len(corpus.extractor_version()) == 16
