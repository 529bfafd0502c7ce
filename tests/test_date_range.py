"""Dates stay in a sane range at every entry (manifest, ``add``, upload form, extracted
text), no date arithmetic overflows, and one document whose extraction fails never takes
the others (or the app) down."""

from __future__ import annotations

import doctest
import json
from datetime import date
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from caspian_dash import daterange
from caspian_dash.documents import corpus
from caspian_dash.documents.cli import add_main
from caspian_dash.documents.ingest import read_documents
from caspian_dash.extract import cli as extract_cli
from caspian_dash.extract import default_gazetteer, extract_events, parallel
from caspian_dash.extract.dates import find_dates
from caspian_dash.extract.resolve_dates import Moment, parse_published
from caspian_dash.models import Document

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEADER = "file,title,publisher,published,url\n"

# Sentences with every kind of date arithmetic, and years far outside the range.
_SENTENCES = [
    "Leaders met in Baku on Tuesday.",
    "The presidents will meet in Aktau next Tuesday.",
    "The talks resume this coming Sunday in Tehran.",
    "Last week the navy held a drill near Baku.",
    "The summit will take place in Astana next month.",
    "A pipeline deal was signed in Ashgabat last year.",
    "In 3 years the pipeline will open in Aktau.",
    "Three years later the port in Baku was opened.",
    "The following day talks were held in Moscow.",
    "99999999999 days later the summit was held in Baku.",
    "A month earlier troops held an exercise in Aktau.",
    "Yesterday the ministers met in Tehran, and they meet again tomorrow.",
    "On 18 March the leaders signed an agreement in Baku.",
    "In July the drill was held in the Caspian Sea.",
    "The port opened in Aktau on 9999-12-31.",
    "The treaty was signed in Baku on 0001-01-01.",
    "The fort was built in Baku on 1699-12-31 and rebuilt in 1799.",
    "The talks in Tehran on 2100-12-31 were held in the 1700s.",
    "- Baku, 1705 - The shah met envoys in Baku.",
]
TEXTS = st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=6).map(" ".join)
YEAR_SENTENCE = st.integers(0, 9999).map(
    lambda y: f"On 12 March {y:04d} the leaders met in Baku. On {y:04d}-05-01 talks were held."
)
ANY_DAY = st.dates(min_value=date.min, max_value=date.max)
# A publication date anywhere in the datetime range, as a day, a month or a year.
PUBLISHED = st.one_of(
    ANY_DAY.map(lambda d: d.isoformat()),
    ANY_DAY.map(lambda d: d.isoformat()[:7]),
    ANY_DAY.map(lambda d: d.isoformat()[:4]),
)


def _in_range(first: date, last: date) -> bool:
    return daterange.TEXT_FIRST <= first <= last <= daterange.TEXT_LAST


def test_the_range_module_examples():
    assert doctest.testmod(daterange).failed == 0


@pytest.mark.parametrize("value", ["1800", "2024-05", "2024-05-01", str(date.today().year + 10)])
def test_publication_dates_in_range_are_accepted(value):
    assert daterange.published_problem(value) is None


@pytest.mark.parametrize(
    "value", ["0000", "0001-01-01", "1799-12-31", str(date.today().year + 11), "9999-12-31"]
)
def test_publication_dates_out_of_range_are_refused_with_the_range(value):
    message = daterange.published_problem(value)
    assert value in message and "1800" in message and str(date.today().year + 10) in message


def test_far_future_publication_and_a_weekday_do_not_crash():
    # the adversarial case: "next Tuesday" counted from 9999-12-31 overflowed
    doc = Document("d", "The presidents will meet in Aktau next Tuesday.", published="9999-12-31")
    assert parse_published("9999-12-31") is None
    for event in extract_events([doc]):
        assert _in_range(date.fromisoformat(event.date_start), date.fromisoformat(event.date_end))


@SETTINGS
@given(published=PUBLISHED, text=st.one_of(TEXTS, YEAR_SENTENCE))
@example(published="9999-12-31", text="The presidents will meet in Aktau next Tuesday.")
@example(published="0001-01-01", text="Leaders met in Baku on Tuesday. Last week they met.")
@example(published="2100-12-31", text="The summit will take place in Astana next month.")
@example(published="1700-01-01", text="Leaders met in Baku on Tuesday.")
def test_extraction_never_raises_and_keeps_dates_in_range(published, text):
    doc = Document("d", text, published=published)
    for event in extract_events([doc], default_gazetteer()):
        first, last = date.fromisoformat(event.date_start), date.fromisoformat(event.date_end)
        assert _in_range(first, last), (event.date_start, event.date_end)


@SETTINGS
@given(
    text=TEXTS,
    published=st.one_of(
        st.none(), st.builds(Moment, ANY_DAY, st.sampled_from(["day", "month", "year"]))
    ),
    anchor=st.one_of(
        st.none(), st.builds(Moment, ANY_DAY, st.sampled_from(["day", "month", "year"]))
    ),
    year_hint=st.one_of(st.none(), st.integers(1, 9999)),
)
@example(text="next Tuesday", published=Moment(date.max, "day"), anchor=None, year_hint=None)
@example(text="on Tuesday", published=Moment(date.min, "day"), anchor=None, year_hint=None)
@example(text="the following day", published=None, anchor=Moment(date.max, "day"), year_hint=None)
def test_date_resolution_never_overflows_even_from_extreme_moments(
    text, published, anchor, year_hint
):
    # the resolver is handed any date at all (not only parse_published's): still no overflow
    for mention in find_dates(text, 0, published, anchor, year_hint):
        assert _in_range(mention.first, mention.last), mention


def test_manifest_date_out_of_range_names_sources_csv_and_the_line(tmp_path):
    (tmp_path / "a.txt").write_text("Leaders met in Baku on Tuesday.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Talks in Aktau.", encoding="utf-8")
    (tmp_path / "sources.csv").write_text(
        HEADER + "b.txt,B,,2024-05-01,\na.txt,A,,9999-12-31,\n", encoding="utf-8"
    )
    documents, problems = read_documents(tmp_path)
    assert [(d.doc_id, d.published) for d in documents] == [("a", ""), ("b", "2024-05-01")]
    assert len(problems) == 1
    assert problems[0].startswith("sources.csv line 3: ")
    assert "9999-12-31" in problems[0] and "out of range" in problems[0]
    assert problems[0].endswith("date ignored")


def test_add_refuses_a_publication_date_out_of_range(tmp_path, capsys):
    source = tmp_path / "note.txt"
    source.write_text("Leaders met in Baku on Tuesday.", encoding="utf-8")
    docs = tmp_path / "docs"
    assert add_main([str(source), "--docs", str(docs), "--published", "9999-12-31"]) == 1
    err = capsys.readouterr().err
    assert "not added: note.txt: publication date '9999-12-31' is out of range" in err
    assert "Traceback" not in err
    assert not list(docs.glob("*.txt"))  # nothing stored
    assert add_main([str(source), "--docs", str(docs), "--published", "2024-05-01"]) == 0


def test_a_date_line_out_of_range_is_not_stored(tmp_path):
    source = tmp_path / "far.txt"
    source.write_text("date 2099-01-01\n\nLeaders met in Baku.\n", encoding="utf-8")
    docs = tmp_path / "docs"
    assert add_main([str(source), "--docs", str(docs)]) == 0
    assert "2099" not in (docs / "sources.csv").read_text(encoding="utf-8")


def test_upload_form_does_not_prefill_a_date_out_of_range():
    from caspian_dash.ui.upload import _prefill

    upload = SimpleNamespace(
        name="far.txt", getvalue=lambda: b"date 2099-01-01\n\nLeaders met in Baku.\n"
    )
    prefill, notices = _prefill(upload)
    assert prefill["published"] == ""
    assert any(
        n.startswith("far.txt: publication date '2099-01-01' is out of range") for n in notices
    )


def _failing_for(doc_id, real):
    def extract(document, gazetteer):
        if document.doc_id == doc_id:
            raise RuntimeError("simulated extractor bug")
        return real(document, gazetteer)

    return extract


def _folder(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "On 8 October 2025 Azerbaijan and Kazakhstan signed a transit agreement in Aktau.\n",
        encoding="utf-8",
    )
    (folder / "bad.txt").write_text(
        "On 18 November 2010 the leaders met in Baku.\n", encoding="utf-8"
    )
    return folder


def test_one_failing_document_does_not_stop_the_folder_loading(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "document_merged", _failing_for("bad", corpus.document_merged))
    documents, events, problems = corpus.load_folder(_folder(tmp_path), tmp_path / "cache")
    assert sorted(d.doc_id for d in documents) == ["bad", "good"]
    assert events and {s.doc_id for e in events for s in e.sources} == {"good"}
    assert len(problems) == 1
    assert problems[0].startswith("bad.txt: its events could not be extracted")
    assert "RuntimeError: simulated extractor bug" in problems[0]


def test_extract_cli_names_a_failing_document_and_writes_the_others(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(parallel, "document_merged", _failing_for("bad", parallel.document_merged))
    output = tmp_path / "events.geojson"
    assert extract_cli.main([str(_folder(tmp_path)), "-o", str(output)]) == 1
    err = capsys.readouterr().err
    assert "error: bad: its events could not be extracted (RuntimeError" in err
    assert "Traceback" not in err
    features = json.loads(output.read_text(encoding="utf-8"))["features"]
    assert features and all(
        s["doc_id"] == "good" for f in features for s in f["properties"]["sources"]
    )


def test_worker_processes_report_a_failing_document_by_name():
    # a monkeypatch does not reach worker processes: a gazetteer that is no gazetteer fails
    # every document there instead
    documents = [Document("first", "Talks in Baku."), Document("second", "Talks in Aktau.")]
    per_document, failures = parallel.candidates_each(documents, jobs=2, gazetteer=object())
    assert per_document == [[], []]
    assert [f.split(":")[0] for f in failures] == ["first", "second"]
    assert all("its events could not be extracted (AttributeError" in f for f in failures)
