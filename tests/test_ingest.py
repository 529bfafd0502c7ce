"""ingest.read_documents: every *.txt plus the manifest; bad input becomes a message."""

from __future__ import annotations

from pathlib import Path

import pytest

from caspian_dash.documents.ingest import read_documents

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
HEADER = "file,title,publisher,published,url\n"


def _folder(tmp_path: Path, files: dict[str, bytes], manifest: str | None = None) -> Path:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    if manifest is not None:
        (tmp_path / "sources.csv").write_text(manifest, encoding="utf-8")
    return tmp_path


def test_reads_the_seeds_with_their_manifest():
    documents, problems = read_documents(SEEDS)
    assert problems == []
    assert [d.doc_id for d in documents] == sorted(d.doc_id for d in documents)
    assert len(documents) == 5
    by_id = {d.doc_id: d for d in documents}
    assert by_id["004_91b4ce848cd7520b"].published == "2025-10-08"
    assert by_id["003_64c1fbbbc4f4ff1a"].published == ""
    assert by_id["000_a1853ade9cad8255"].publisher.startswith("ARC")


def test_document_missing_from_manifest_still_read(tmp_path):
    folder = _folder(
        tmp_path,
        {"a.txt": b"Leaders met in Baku.", "b.txt": b"Talks in Aktau."},
        HEADER + "a.txt,Title A,Pub,2020-01-02,http://x\n",
    )
    documents, problems = read_documents(folder)
    assert [(d.doc_id, d.title, d.published) for d in documents] == [
        ("a", "Title A", "2020-01-02"),
        ("b", "", ""),
    ]
    assert problems == []


def test_text_is_kept_exactly_as_read(tmp_path):
    folder = _folder(tmp_path, {"a.txt": "\ufeffLine one.\r\nLine – two.".encode("utf-8")})
    (document,), _ = read_documents(folder)
    assert document.text == "Line one.\r\nLine – two."  # BOM dropped, CRLF kept


@pytest.mark.parametrize(
    "files, manifest, expected",
    [
        ({"e.txt": b""}, None, "e.txt: empty file"),
        ({"w.txt": b"  \n\t"}, None, "w.txt: empty file"),
        ({"bin.txt": b"\x89PNG\x00\x01\x02"}, None, "bin.txt: looks binary"),
        ({"l1.txt": "Baku café".encode("latin-1")}, None, "l1.txt: not valid UTF-8"),
        ({"a.txt": b"ok."}, HEADER + "a.txt,T,P,2020-13-01,u\n", "line 2: published '2020-13-01'"),
        ({"a.txt": b"ok."}, HEADER + "a.txt,T,P,2020,u,extra\n", "line 2: wrong number of fields"),
        ({"a.txt": b"ok."}, HEADER + ",T,P,2020,u\n", "line 2: empty 'file'"),
        ({"a.txt": b"ok."}, HEADER + "gone.txt,T,P,2020,u\n", "'gone.txt' names no .txt file"),
        ({"a.txt": b"ok."}, "name,title\na.txt,T\n", "no 'file' column"),
        ({"a.txt": b"ok."}, HEADER + "a.txt,T,P,2020,u\na.txt,U,P,2021,u\n", "listed twice"),
    ],
)
def test_bad_input_becomes_a_message_naming_it(tmp_path, files, manifest, expected):
    folder = _folder(tmp_path, files, manifest)
    documents, problems = read_documents(folder)
    assert any(expected in p for p in problems), problems
    assert all(d.text.strip() for d in documents)


def test_bad_manifest_bytes_do_not_stop_the_documents(tmp_path):
    folder = _folder(tmp_path, {"a.txt": b"Leaders met in Baku."})
    (folder / "sources.csv").write_bytes(b"file,title\n\xff\xfe\x00")
    documents, problems = read_documents(folder)
    assert [d.doc_id for d in documents] == ["a"]
    assert problems and "sources.csv" in problems[0]


def test_missing_folder_is_a_problem_not_a_crash(tmp_path):
    documents, problems = read_documents(tmp_path / "nope")
    assert documents == [] and "not a folder" in problems[0]
