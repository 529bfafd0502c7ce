"""The manifest is never damaged by an add or a remove: its BOM, line endings, unknown columns
and odd characters survive, and one that does not parse cleanly is refused, not rewritten.
File names in any script stay readable."""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from caspian_dash.documents.cli import add_main, remove_main
from caspian_dash.documents.convert import DocumentError
from caspian_dash.documents.ingest import MANIFEST_COLUMNS, read_documents, read_manifest
from caspian_dash.documents.store import _read_manifest, add_document, remove_document, safe_stem

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
HEADER = ",".join(MANIFEST_COLUMNS)
ARTICLE = b"Baku, 8 October 2025 - Azerbaijan and Kazakhstan signed a transit agreement.\n"


@pytest.fixture
def folder(tmp_path) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(SEEDS, target)
    return target


def everything(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder, lock file included: 'nothing changed' means this is equal."""
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


def manifest_view(folder: Path):
    """What the app reads from the manifest: rows and problems."""
    problems: list[str] = []
    return read_manifest(folder / "sources.csv", problems), problems


def add_and_remove(folder: Path) -> None:
    added = add_document(folder, "added.txt", ARTICLE, {"title": "Added"})
    remove_document(folder, added.doc_id)


# --- what an add keeps ------------------------------------------------------------------------


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_add_keeps_the_rows_the_bom_and_the_line_endings(folder, bom, newline):
    manifest = folder / "sources.csv"
    manifest.write_bytes(bom + manifest.read_bytes().replace(b"\n", newline))
    before, _ = manifest_view(folder)
    add_document(folder, "new.txt", ARTICLE, {"title": "New"})
    data = manifest.read_bytes()
    assert data.startswith(bom) and not data[len(bom) :].startswith(b"\xef\xbb\xbf")
    assert data.count(newline) == data.count(b"\n") == 7  # header, 5 seeds, the new row
    after, problems = manifest_view(folder)
    assert not problems and all(after[name] == row for name, row in before.items())
    assert after["new.txt"]["title"] == "New"
    documents, problems = read_documents(folder)
    assert not problems and len(documents) == 6


def test_a_carriage_return_in_a_field_is_quoted_when_written_back(folder):
    manifest = folder / "sources.csv"
    with manifest.open("a", encoding="utf-8", newline="") as f:
        f.write('cr.txt,"Title\rwith a carriage return",P,2020,\n')
    (folder / "cr.txt").write_text("Leaders met in Baku.\n", encoding="utf-8")
    add_document(folder, "new.txt", ARTICLE)
    documents, problems = read_documents(folder)
    assert not problems
    assert {d.doc_id: d.title for d in documents}["cr"] == "Title\rwith a carriage return"


def test_unknown_columns_and_their_order_are_kept(folder):
    (folder / "sources.csv").write_text(
        f"notes,{HEADER},extra\nmine,a.txt,A,P,2020,u,e\n", encoding="utf-8"
    )
    before = _read_manifest(folder)
    added = add_document(folder, "new.txt", ARTICLE, {"title": "New"})
    after = _read_manifest(folder)
    assert after.header == ["notes", *MANIFEST_COLUMNS, "extra"]
    assert after.rows == [
        ["mine", "a.txt", "A", "P", "2020", "u", "e"],
        ["", "new.txt", "New", "", "", "", ""],
    ]
    remove_document(folder, added.doc_id)
    assert _read_manifest(folder) == before


def test_a_manifest_without_some_columns_gets_them_and_keeps_its_rows(folder):
    (folder / "sources.csv").write_text("file,title\na.txt,A\n", encoding="utf-8")
    add_document(folder, "new.txt", ARTICLE, {"url": "https://example.org/n"})
    rows, problems = manifest_view(folder)
    assert not problems
    assert rows["a.txt"] == {
        "file": "a.txt",
        "title": "A",
        "publisher": "",
        "published": "",
        "url": "",
    }
    assert rows["new.txt"]["url"] == "https://example.org/n"


# --- what an add or a remove refuses ----------------------------------------------------------

BROKEN = [
    # (what is appended to the seeds' manifest (lines 1-6), the message)
    ("latin.txt,Caf\xe9 in Baku,P,2020,\n".encode("latin-1"), "line 7: byte 0xe9 is not UTF-8"),
    (b'x.txt,"unclosed title,P,2020,\ny.txt,Y,P,2021,\n', "line 7: unclosed quote"),
    (b'x.txt,"closed" late,P,2020,\n', "line 7: not valid CSV"),
    (b"x.txt,T,P,2020,,one too many\n", "line 7: 6 fields where the header has 5"),
    (b"ok.txt,T,P,2020,\nx.txt,too few\n", "line 8: 2 fields where the header has 5"),
]


@pytest.mark.parametrize(("appended", "message"), BROKEN)
def test_a_manifest_that_does_not_parse_is_refused_and_left_as_it_is(folder, appended, message):
    with (folder / "sources.csv").open("ab") as f:
        f.write(appended)
    before = everything(folder)
    with pytest.raises(DocumentError, match=f"sources.csv {message}"):
        add_document(folder, "new.txt", ARTICLE)
    with pytest.raises(DocumentError, match=f"sources.csv {message}"):
        remove_document(folder, "004_91b4ce848cd7520b")
    assert everything(folder) == before  # no lock file, no temporary file, no change


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("file,title,file,url", "line 1: column 'file' appears twice"),
        ("name,title", "line 1: no 'file' column"),
        ('"file,title', "line 1: unclosed quote"),
    ],
)
def test_a_manifest_with_a_bad_header_is_refused(folder, header, message):
    (folder / "sources.csv").write_text(f"{header}\na.txt,A,,\n", encoding="utf-8")
    before = everything(folder)
    with pytest.raises(DocumentError, match=f"sources.csv {message}"):
        add_document(folder, "new.txt", ARTICLE)
    assert everything(folder) == before


def test_the_cli_names_the_manifest_and_its_line(folder, tmp_path, capsys):
    (folder / "sources.csv").write_bytes(b"file,title\r\nx.txt,Caf\xe9\r\n")
    before = everything(folder)
    new = tmp_path / "new.txt"
    new.write_bytes(ARTICLE)
    assert add_main([str(new), "--docs", str(folder)]) == 1
    assert remove_main(["004_91b4ce848cd7520b", "--docs", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "not added: sources.csv line 2: byte 0xe9 is not UTF-8" in err
    assert "not removed: sources.csv line 2" in err and "Traceback" not in err
    assert everything(folder) == before


# --- the property: a clean manifest reads back identically after an add and a remove ---------

_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
# a column name holding a bare CR would be written unquoted under a "\n" line ending (the csv
# module quotes only the line ending it writes), which is a line break to any reader
_extra_names = st.lists(
    _text.map(str.strip).filter(lambda n: n and n not in MANIFEST_COLUMNS and "\r" not in n),
    max_size=3,
    unique=True,
)


@st.composite
def manifests(draw) -> bytes:
    header = draw(st.permutations(list(MANIFEST_COLUMNS) + draw(_extra_names)))
    rows = draw(st.lists(st.lists(_text, min_size=len(header), max_size=len(header)), max_size=5))
    out = io.StringIO()
    quoting = draw(st.sampled_from([csv.QUOTE_ALL, csv.QUOTE_MINIMAL]))
    csv.writer(
        out, quoting=quoting, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))
    ).writerows([header, *rows])
    return draw(st.sampled_from([b"", b"\xef\xbb\xbf"])) + out.getvalue().encode("utf-8")


# hand-made text: quotes, separators and line ends in any order, under a correct header
_scribbles = st.text(st.sampled_from([",", '"', "\r", "\n", "a", " ", "é"]), max_size=40).map(
    lambda body: f"{HEADER}\n{body}".encode()
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(manifests(), _scribbles))
def test_a_manifest_reads_back_identically_after_an_add_and_a_remove_or_is_refused(data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "sources.csv").write_bytes(data)
        try:
            before = _read_manifest(folder)
        except DocumentError:
            event("refused")
            with pytest.raises(DocumentError, match=r"sources\.csv line \d+"):
                add_document(folder, "added.txt", ARTICLE)
            assert (folder / "sources.csv").read_bytes() == data
            assert sorted(p.name for p in folder.iterdir()) == ["sources.csv"]
            return
        file_column = [h.strip() for h in before.header].index("file")
        assume(all(row[file_column].strip() != "added.txt" for row in before.rows))
        event("rewritten")
        view = manifest_view(folder)
        add_and_remove(folder)
        assert _read_manifest(folder) == before  # header, rows, BOM and line ending
        # the same rows and the same problems; a blank line the rewrite leaves out (a bare CR
        # between rows) may shift the line a problem names
        assert _unnumbered(manifest_view(folder)) == _unnumbered(view)


def _unnumbered(view):
    rows, problems = view
    return rows, [re.sub(r"line \d+", "line N", problem) for problem in problems]


# --- what the app reads -----------------------------------------------------------------------


def test_an_unclosed_quote_is_reported_and_swallows_no_rows(tmp_path):
    (tmp_path / "sources.csv").write_text(
        f'{HEADER}\nm.txt,"Two\nlines",P,2020,\nx.txt,"unclosed,P,2020,\ny.txt,Y,P,2021,\n'
        "z.txt,Z,P,2022,,note\n",
        encoding="utf-8",
    )
    problems: list[str] = []
    rows = read_manifest(tmp_path / "sources.csv", problems)
    assert sorted(rows) == ["m.txt", "y.txt"] and rows["m.txt"]["title"] == "Two\nlines"
    assert problems == [
        "sources.csv line 4: unclosed quote; row skipped",
        "sources.csv line 6: wrong number of fields; row skipped",
    ]


def test_extra_columns_and_a_bom_are_read(tmp_path):
    (tmp_path / "sources.csv").write_bytes(
        f"\ufeffnotes,{HEADER}\nmine,a.txt,A,P,2020,u\n".encode()
    )
    problems: list[str] = []
    rows = read_manifest(tmp_path / "sources.csv", problems)
    assert not problems and rows["a.txt"]["title"] == "A" and rows["a.txt"]["notes"] == "mine"


# --- file names in any script ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Каспийский саммит.txt", "Kaspiyskiy_sammit"),
        ("Türkmenbaşy.pdf", "Turkmenbasy"),
        ("Tu\u0308rkmenbas\u0327y.txt", "Turkmenbasy"),  # decomposed, as macOS stores names
        ("Объединённые нации.md", "Obedinennye_natsii"),
        ("Ελλάδα.txt", "Ellada"),
        ("北京.txt", "BeiJing"),
        ("قزاقستان.txt", "qzqstn"),
        ("😀.txt", "document"),
        ("a" * 79 + " b.txt", "a" * 79),
    ],  # cut at 80, no "_" left at the end
)
def test_non_ascii_names_are_transliterated(name, stem):
    assert safe_stem(name) == stem


@given(st.text(st.characters(exclude_categories=("Cs",))))
def test_a_stem_is_never_empty_and_only_letters_digits_dash_underscore(name):
    stem = safe_stem(name)
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,80}", stem)
    assert safe_stem(stem) == stem


def test_a_document_with_a_cyrillic_name_keeps_a_readable_id(folder):
    added = add_document(folder, "Каспийский саммит.txt", ARTICLE)
    assert added.doc_id == "Kaspiyskiy_sammit"
    assert (folder / "originals" / "Kaspiyskiy_sammit.txt").read_bytes() == ARTICLE
