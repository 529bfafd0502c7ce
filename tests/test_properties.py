"""Property-based tests (hypothesis) for the extractor and the date resolver, on arbitrary
Unicode and on text made of the words they react to. ``test_extract_sentences.py`` already
covers sentence offsets on a small alphabet; these add full Unicode, dates, determinism and
independence from the order of the documents."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caspian_dash.extract import default_gazetteer, extract_events
from caspian_dash.extract.dates import find_dates
from caspian_dash.extract.resolve_dates import Moment, parse_published
from caspian_dash.models import EVENT_TYPES, GEO_PRECISIONS, TIME_PRECISIONS, Document

FAST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Words the extractor and the date finder react to, mixed with arbitrary Unicode below.
_WORDS = [
    "Baku", "Aktau", "Astana", "Tehran", "Moscow", "Ashgabat", "Caspian", "Sea", "Kazakhstan",
    "Azerbaijan", "Iran", "Russia", "Turkmenistan", "signed", "summit", "agreement", "drill",
    "exercise", "pipeline", "met", "talks", "held", "opened", "strike", "will", "was", "next",
    "in", "on", "of", "the", "and", "since", "by", "until", "last", "year", "month", "week",
    "earlier", "later", "following", "ago", "a", "two", "Monday", "Sunday", "January", "Feb",
    "July", "Sept", "December", "1", "3", "12", "29", "30", "31", "1990s", "2010", "2018",
    "2024", "2025", "2099", "0000", "9999", "2018-08-12", "2023-02-30", "12.08.2018",
    "31.02.2020", "2014-16", "2016–2014", "March 18-19", "5-3 May", ".", ",", "-", "–", "\n",
    "\n\n", "“", "”", "(", ")", "==", "<script>", "\u202e", "\u200b", "\u0301", "\ud7ff",
    "\U0001f600", "ǅ", "İ", "ß", "ﬃ",
]  # fmt: skip
WORDY = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=6)), max_size=40).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=300), WORDY)
PUBLISHED = st.one_of(
    st.sampled_from(["", "2024", "2024-02", "2024-02-29", "2025-10-08", "1999-12-31"]),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).map(str),
    st.text(max_size=12),
)
MOMENTS = st.one_of(
    st.none(),
    st.builds(
        Moment,
        st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 1)),
        st.sampled_from(["day", "month", "year"]),
    ),
)


def _valid_day(value: str) -> date:
    assert len(value) == 10
    return date.fromisoformat(value)


def check_events(events, texts: dict[str, str]) -> None:
    for event in events:
        start, end = _valid_day(event.date_start), _valid_day(event.date_end)
        assert start <= end
        assert event.time_precision in TIME_PRECISIONS
        assert event.event_type in EVENT_TYPES
        assert event.geo_precision in (None, *GEO_PRECISIONS)
        assert (event.lat is None) == (event.lon is None)
        if event.lat is not None:
            assert -90 <= event.lat <= 90 and -180 <= event.lon <= 180
        assert event.sources and event.id
        for source in event.sources:
            text = texts[source.doc_id]
            assert 0 <= source.char_start <= source.char_end <= len(text)
            assert text[source.char_start : source.char_end] == source.sentence


@FAST
@given(ANY_TEXT, PUBLISHED)
def test_extractor_never_fails_and_its_offsets_and_dates_hold(text, published):
    gazetteer = default_gazetteer()
    document = Document("d", text, published=published)
    events = extract_events([document], gazetteer)
    check_events(events, {"d": text})
    assert extract_events([document], gazetteer) == events  # deterministic


@FAST
@given(st.lists(st.tuples(ANY_TEXT, PUBLISHED), min_size=2, max_size=4), st.randoms())
def test_extraction_does_not_depend_on_the_order_of_the_documents(items, rnd):
    gazetteer = default_gazetteer()
    documents = [Document(f"doc{i}", text, published=pub) for i, (text, pub) in enumerate(items)]
    events = extract_events(documents, gazetteer)
    check_events(events, {d.doc_id: d.text for d in documents})
    shuffled = list(documents)
    rnd.shuffle(shuffled)
    assert extract_events(shuffled, gazetteer) == events
    assert extract_events(list(reversed(documents)), gazetteer) == events


@settings(max_examples=150, deadline=None)
@given(
    ANY_TEXT, st.integers(0, 10_000), MOMENTS, MOMENTS, st.one_of(st.none(), st.integers(1, 9999))
)
def test_date_finder_offsets_and_intervals(sentence, offset, published, anchor, year_hint):
    found = find_dates(sentence, offset, published, anchor, year_hint)
    assert found == find_dates(sentence, offset, published, anchor, year_hint)
    previous_start = -1
    for mention in found:
        assert offset <= mention.start < mention.end <= offset + len(sentence)
        assert sentence[mention.start - offset : mention.end - offset] == mention.text
        assert isinstance(mention.first, date) and isinstance(mention.last, date)
        assert mention.first <= mention.last
        assert mention.precision in TIME_PRECISIONS
        assert mention.role in ("event", "since", "target")
        assert mention.start > previous_start  # in text order, each once
        previous_start = mention.start


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.text(max_size=20), st.from_regex(r"\s*\d{4}(-\d{1,2}(-\d{1,2})?)?\s*", fullmatch=True)
    )
)
def test_publication_dates_parse_or_are_refused(value):
    moment = parse_published(value)
    if moment is not None:
        assert moment.precision in TIME_PRECISIONS
        assert moment.first <= moment.last
        assert moment.first.year == int(value.strip()[:4])


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(1700, 1, 1), max_value=date(2099, 12, 31)))  # years it reads
def test_a_written_date_resolves_to_itself(day):
    written = f"The summit was held on {day.day} {day.strftime('%B')} {day.year} in Baku."
    (mention,) = [m for m in find_dates(written) if m.precision == "day"]
    assert mention.first == mention.last == day


_SEEDS = None


def _seed_documents():
    global _SEEDS
    if _SEEDS is None:
        from pathlib import Path

        from caspian_dash.documents.ingest import read_documents

        _SEEDS = read_documents(Path(__file__).resolve().parent.parent / "seeds")[0]
    return _SEEDS


@settings(max_examples=4, deadline=None)
@given(st.permutations(range(5)))
def test_seed_events_do_not_depend_on_the_order_of_the_seeds(order):
    # the seeds share events across documents (the 2018 Convention): merging must not care
    # which document came first
    documents = _seed_documents()
    gazetteer = default_gazetteer()
    expected = extract_events(documents, gazetteer)
    assert extract_events([documents[i] for i in order], gazetteer) == expected
