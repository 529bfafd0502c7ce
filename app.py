"""caspian_dash: the Streamlit dashboard. Widgets, layout, caching and the page address only;
the work is done by the caspian_dash package. Run with `make run` (or `streamlit run app.py`)."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, replace
from pathlib import Path

import streamlit as st

from caspian_dash import geodata, mapping
from caspian_dash.briefing.story import Step, as_query
from caspian_dash.countries import country_name
from caspian_dash.documents.corpus import folder_fingerprint, load_folder
from caspian_dash.documents.events_io import load_events
from caspian_dash.documents.ingest import read_documents
from caspian_dash.documents.store import recover
from caspian_dash.extract.sentences import split_sentences
from caspian_dash.formatting import format_date
from caspian_dash.join import SeaPlace, events_for_feature, layer_join, missing_links, sea_join
from caspian_dash.models import EVENT_TYPES, SEA_ZONES
from caspian_dash.publish import bundle_scripts, bundle_styles
from caspian_dash.review.apply import Reviewed, apply_decisions
from caspian_dash.review.db import ReviewLog, default_reviewer, latest_actions
from caspian_dash.review.decisions import ReviewError
from caspian_dash.settings import (
    DOCS_DIR,
    EVENTS_FILE,
    GENERATED_DIR,
    GENERATED_URL,
    MAP_GEODATA_DIR,
    STATIC_DIR,
    STATIC_URL,
)
from caspian_dash.styles import EVENT_STYLE
from caspian_dash.ui import briefing_panel as briefing
from caspian_dash.ui.map_component import base_args, show_map
from caspian_dash.ui.review_panel import (
    PICKING,
    REVIEWER,
    ReviewContext,
    add_event_panel,
    apply_pending,
    review_log_panel,
    review_panel,
    set_picked_point,
    show_flash,
)
from caspian_dash.ui.upload import ADDED_KEY, plain, upload_panel
from caspian_dash.view import clicked_target, doc_titles, exports, focus_view, make_view
from caspian_dash.view.filters import (
    Filters,
    clamp_years,
    countries_in,
    describe,
    documents_in,
    from_query,
    to_query,
    year_span,
)
from caspian_dash.view.provenance import document_html, safe_url
from caspian_dash.view.state import layer_records
from caspian_dash.view.table import events_table
from caspian_dash.view.timeline import (
    events_per_year,
    main_start,
    next_window,
    play_start,
)

# A compact head, so that the map fills a projector's 1280x720 screen.
_PAGE_CSS = (
    "<style>.block-container{padding-top:0.6rem;padding-bottom:1rem}"
    "[data-testid=stMetricValue]{font-size:1.6rem}h3{padding:0}</style>"
)
MAP_HEIGHT = 510  # with the head above it, the whole map fits a 1280x720 screen
_FILTER_KEYS = (
    "years",
    "early",
    "countries",
    "types",
    "docs",
    "search",
    "sea",
    "reviewed_only",
    "show_rejected",
)
# Seconds per step of Play, by the speed chosen beside it.
PLAY_SPEEDS = {"Slow": 3.0, "Normal": 1.5, "Fast": 0.75}
# The table and the event picker list the newest events up to this many (every filtered
# event is on the map and in the downloads); sending more rows on every rerun costs seconds.
TABLE_ROWS = 1000


# --- data, cached at the edge ------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    documents: list
    events: list
    problems: list
    span: tuple[int, int] | None  # first and last year of any event
    main_span: tuple[int, int] | None  # the years the slider spans: past a thin early tail
    early: int  # events before the main span (the "earlier events" box)
    countries: list[str]  # the filter choices, worked out once per corpus
    doc_ids: list[str]
    by_id: dict  # event id -> event


# cache_resource, not cache_data: every rerun of every session reads the same objects (events
# and documents are frozen dataclasses, never changed in place) instead of unpickling a copy,
# which cost 0.15-0.9 s per rerun at 10,000 events.
@st.cache_resource(show_spinner="Reading documents and extracting events…", max_entries=4)
def load_corpus(folder: str, fingerprint: str, events_file: str) -> Corpus:
    """Cached per folder content: a file added, changed or removed by hand (or by an upload)
    changes the fingerprint, and only the changed documents are extracted again."""
    if events_file:  # events extracted beforehand: a GeoJSON file or a GeoParquet folder
        documents, problems = read_documents(Path(folder))
        events = load_events(Path(events_file))
    else:
        documents, events, problems = load_folder(Path(folder))
    return make_corpus(documents, events, problems)


def make_corpus(documents, events, problems) -> Corpus:
    # Newest first, once: every filtered view keeps this order, so the table is its head.
    events = sorted(events, key=lambda e: (e.date_start, e.id), reverse=True)
    span = year_span(events)
    start = main_start([e.year_start for e in events])
    main = (start, span[1]) if span and start else span
    early = sum(1 for e in events if main and e.year_start < main[0])
    return Corpus(
        documents,
        events,
        problems,
        span,
        main,
        early,
        countries_in(events),
        documents_in(events),
        {e.id: e for e in events},
    )


@st.cache_resource(show_spinner=False, max_entries=4)
def reviewed_corpus(
    _corpus: Corpus, _log: ReviewLog, corpus_key: str
) -> tuple[Corpus, ReviewContext]:
    """The corpus as the reviewers left it (``review.apply``), once per corpus and review
    log version (in ``corpus_key``): rejected events stay in it, hidden by the filters."""
    try:
        actions = _log.actions()
    except ReviewError as error:  # a foreign or tampered file: shown, never written to
        return _corpus, ReviewContext(_log, Reviewed(_corpus.events, [], [], {}), {}, str(error))
    history: dict = {}
    for action in actions:
        history.setdefault(action.key, []).append(action)
    if not actions:
        return _corpus, ReviewContext(_log, Reviewed(_corpus.events, [], [], {}), history)
    documents = {d.doc_id: d for d in _corpus.documents}
    reviewed = apply_decisions(_corpus.events, documents, latest_actions(actions))
    corpus = make_corpus(_corpus.documents, reviewed.events + reviewed.rejected, _corpus.problems)
    return corpus, ReviewContext(_log, reviewed, history)


def review_version(log: ReviewLog) -> str:
    try:
        count, last = log.version()
        return f"review:{count}:{last}"
    except ReviewError as error:
        return f"review:error:{error}"


@st.cache_resource(show_spinner="Loading map layers…")  # shared and read-only, as the corpus
def load_geodata(folder: str):
    """Every usable layer, and one message (file, feature, problem) per broken one."""
    layers, errors = geodata.load_layers(Path(folder))
    return layers, [str(e) for e in errors]


@st.cache_resource(show_spinner=False, max_entries=8)
def map_base(_layers, fingerprint: tuple, basemap: str) -> dict:
    """The base map as the browser gets it, rendered once per process and basemap: its
    layers are files the browser fetches once (static/generated), not part of the script."""
    prepared = mapping.publish_layers(mapping.prepare_layers(_layers), GENERATED_DIR, GENERATED_URL)
    key = hashlib.sha1(repr((fingerprint, basemap)).encode()).hexdigest()[:12]
    args = base_args(mapping.build_base_map(_layers, basemap, prepared=prepared), key)
    # one file for the scripts and one for the styles: a round trip saved per file
    args["js"] = bundle_scripts(args["js"], STATIC_DIR, STATIC_URL, GENERATED_DIR, GENERATED_URL)
    args["css"] = bundle_styles(args["css"], STATIC_DIR, STATIC_URL, GENERATED_DIR, GENERATED_URL)
    return args


@st.cache_resource(show_spinner=False, max_entries=4)
def state_records(_layers, fingerprint: tuple) -> dict[str, list[dict]]:
    """The layers' attributes the map's state reads, made once per set of layers."""
    return layer_records(_layers)


@st.cache_data
def feature_names(_layers, fingerprint: tuple) -> dict[str, str]:
    """Feature id -> readable label for the "linked events" select box (cached per layers)."""
    return geodata.feature_labels(_layers)


# --- filters <-> widgets <-> page address ------------------------------------------------


def _init_from_url(span, main, countries, documents) -> None:
    """On a session's first run, the page address sets the widgets (a shared link)."""
    if st.session_state.get("_url_loaded"):
        return
    st.session_state["_url_loaded"] = True
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    wanted = clamp_years(from_query(params), span)
    if span:
        st.session_state["years"] = (wanted.year_min, wanted.year_max)
        st.session_state["early"] = wanted.year_min < main[0]
    st.session_state["countries"] = sorted(c for c in wanted.countries if c in countries)
    st.session_state["types"] = sorted(wanted.event_types)
    st.session_state["docs"] = sorted(d for d in wanted.documents if d in documents)
    st.session_state["search"] = wanted.text
    st.session_state["sea"] = sorted(wanted.sea)
    st.session_state["reviewed_only"] = wanted.reviewed_only
    st.session_state["show_rejected"] = wanted.show_rejected
    if params.get("event"):
        st.session_state["event"] = params["event"][-1]


def _current_step(filters: Filters, span, focus) -> Step:
    """The view as a story's step would keep it (its title and caption still to write): the
    filters as the page address has them, and where the map looks and its layers as the map
    last sent them while the story was edited."""
    sent = st.session_state.get(briefing.VIEW) or {}
    center = sent.get("center")
    return Step(
        "",
        "",
        as_query(_view_query(filters, span, None)),
        tuple(center) if isinstance(center, list) and len(center) == 2 else None,
        sent.get("zoom") if isinstance(sent.get("zoom"), int) else None,
        tuple(sent["layers"]) if isinstance(sent.get("layers"), list) else None,
        focus.id if focus is not None else "",
    )


def _init_story_from_url() -> None:
    if not st.session_state.get("_story_url_loaded"):
        st.session_state["_story_url_loaded"] = True
        briefing.init_from_url()


def _reset(main) -> None:
    for key in _FILTER_KEYS:
        st.session_state.pop(key, None)
    st.session_state["years"] = main
    st.session_state["early"] = True
    st.session_state["playing"] = False


def _step(main) -> None:
    """One year forward; at the last year Play stops (the window stays on the end)."""
    later = next_window(st.session_state["years"], main)
    st.session_state["early"] = False  # a moving window leaves the early events behind
    if later is None:
        st.session_state["playing"] = False
    else:
        st.session_state["years"] = later


def _start_playing(main) -> None:
    # Play from a window that can move: the first year, or the window as it is.
    if st.session_state.get("playing"):
        st.session_state["years"] = play_start(st.session_state["years"], main)
        st.session_state["early"] = False
        st.session_state["_played_at"] = time.monotonic()


def chosen_filters(corpus: Corpus) -> tuple[Filters, str]:
    """The filters and basemap as the widgets hold them (their keys in the session state),
    read before the widgets are drawn, so that the map's message goes out first."""
    span, main = corpus.span, corpus.main_span
    _init_from_url(span, main, corpus.countries, corpus.doc_ids)
    years = span
    if span and main[0] < main[1]:
        lo, hi = st.session_state.get("years", main)
        everything = (lo, hi) == st.session_state.get("_years_span", main)
        if everything or not span[0] <= lo <= hi <= span[1]:
            # first run, a window out of a changed corpus, or "all years" when a document
            # added a year: the window is the whole span
            lo, hi = main
            st.session_state.setdefault("early", True)
        lo, hi = max(lo, main[0]), max(hi, main[0])  # a link to the early years
        # Set even when unchanged: a new year makes the slider a new widget, which would
        # otherwise start from its default and show another window than the one applied.
        st.session_state["years"] = (lo, hi)
        st.session_state["_years_span"] = main
        early = corpus.early and lo == main[0] and st.session_state.get("early", True)
        years = (span[0] if early else lo, hi)
    lo, hi = years or (None, None)
    state = st.session_state
    filters = Filters(
        lo,
        hi,
        frozenset(state.get("countries", ())),
        frozenset(state.get("types", ())),
        frozenset(state.get("docs", ())),
        state.get("search", "").strip(),
        frozenset(state.get("sea", ())),
        bool(state.get("reviewed_only")),
        bool(state.get("show_rejected")),
    )
    return filters, state.get("basemap", next(iter(mapping.BASEMAPS)))


def sidebar(bar, corpus: Corpus, titles, at_sea: bool = False) -> None:
    """The filter widgets, drawn into ``bar`` (a sidebar container above the upload panel);
    each shows the value ``chosen_filters`` read under its key."""
    span, countries, doc_ids = corpus.span, corpus.countries, corpus.doc_ids
    head, reset = bar.columns([3, 2], vertical_alignment="bottom")
    head.header("Filters")
    main = corpus.main_span
    reset.button("Reset", on_click=_reset, args=(main,), key="reset", width="stretch")
    if span and main[0] < main[1]:
        bar.slider(
            "Years",
            main[0],
            main[1],
            key="years",
            help="An event belongs to every window its date interval overlaps.",
        )
        if corpus.early:
            # a few old events (a treaty of 1828) would squeeze the slider: they get a box
            bar.checkbox(
                f"and the {corpus.early} earlier events ({span[0]}–{main[0] - 1})",
                key="early",
                disabled=st.session_state["years"][0] != main[0],
            )
        step, play = bar.columns(2)
        step.button(
            "Step ▶",
            on_click=_step,
            args=(main,),
            key="step",
            width="stretch",
            help="Move the year window one year forward",
        )
        play.toggle(
            "Play",
            key="playing",
            on_change=_start_playing,
            args=(main,),
            help="Move the window a year at a time to the last year (Space toggles)",
        )
        bar.segmented_control(
            "Speed",
            list(PLAY_SPEEDS),
            key="play_speed",
            default="Normal",
            label_visibility="collapsed",
        )
    bar.multiselect(
        "Countries (as actor or place)",
        countries,
        key="countries",
        format_func=lambda code: f"{country_name(code)} ({code})",
    )
    bar.multiselect(
        "Event types", list(EVENT_TYPES), key="types", format_func=lambda t: EVENT_STYLE[t][1]
    )
    bar.multiselect("Documents", doc_ids, key="docs", format_func=lambda d: titles.get(d, d))
    if at_sea:  # the maritime zones are loaded, so events can be joined to them
        bar.multiselect(
            "At sea (2018 Convention zone)",
            list(SEA_ZONES),
            key="sea",
            format_func=SEA_ZONES.get,
            help="Events placed at a point inside the zone (a state or region alone says "
            "nothing about the sea)",
        )
    bar.text_input("Search titles and sentences", key="search")
    bar.checkbox(
        "Reviewed events only",
        key="reviewed_only",
        help="Events an analyst confirmed, corrected or added",
    )
    bar.checkbox("Show rejected events", key="show_rejected", help="Hidden unless this is on")
    bar.text_input(
        "Reviewer (your name in the review log)",
        key=REVIEWER,
        placeholder=default_reviewer(),
    )
    bar.radio(
        "Basemap",
        list(mapping.BASEMAPS),
        key="basemap",
        format_func=lambda b: "No tiles (works offline)" if b == "none" else f"{b} (online)",
    )


def _view_query(filters: Filters, span, event_id: str | None) -> dict:
    if span and (filters.year_min, filters.year_max) == span:
        filters = replace(filters, year_min=None, year_max=None)  # all years: keep links short
    query = to_query(filters)
    if event_id:
        query["event"] = event_id
    return query


def _sync_url(filters: Filters, span, event_id: str | None) -> None:
    """Write the view into the page address, so that it can be shared as a link."""
    query = {**_view_query(filters, span, event_id), **briefing.url_part()}
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    wanted = {k: v if isinstance(v, list) else [v] for k, v in query.items()}
    if current != wanted:
        st.query_params.from_dict(query)


def _play_seconds() -> float:
    return PLAY_SPEEDS.get(st.session_state.get("play_speed") or "Normal", 1.5)


def _play_step(main) -> None:
    # Runs on its own every few seconds while "Play" is on: moves the window and reruns the
    # page. Its first run is inline, inside the page's own run: a step there would rerun the
    # page before it is ever sent, again and again (Play did not move on screen), so a step
    # waits until a whole interval has passed since the last one.
    state = st.session_state
    if not (state.get("playing") and main and main[0] < main[1]):
        return
    if time.monotonic() - state.get("_played_at", 0.0) < _play_seconds() * 0.9:
        return
    state["_played_at"] = time.monotonic()
    _step(main)
    st.rerun(scope="app")


def _player(main) -> None:
    # The timer exists only while playing: an idle session with a timer costs the server a
    # tenth of a core (benchmarks/load_test.py), which capped how many people could connect.
    if st.session_state.get("playing"):
        st.fragment(_play_step, run_every=_play_seconds())(main)


# --- the page ----------------------------------------------------------------------------


def draw_map(base: dict, view, focus, corpus_key: str, **options) -> tuple[dict | None, dict]:
    """The map component with the view's overlay (``focus``: the event whose popup opens);
    what the map sent back, and the overlay."""
    overlay = mapping.view_overlay(
        view, focused=focus.id if focus else "", rows=compact_rows(corpus_key)
    )
    return show_map(base, overlay, **options), overlay


PRESENT_HEIGHT = 540  # the map in present mode: with the step's title, a 1280x720 screen


def present_story(story, layers, layers_key, basemap, corpus, corpus_key, sea, links) -> None:
    """Present mode: the step's view on a large map, its title and caption, and the
    controls (buttons; arrows, space and Escape on the map's page)."""
    i = briefing.step_index(story)
    step = story.steps[i]
    filters = clamp_years(from_query(step.query), corpus.span)
    records = state_records(layers, layers_key)
    view = make_view(layers, corpus.events, corpus.documents, filters, sea, records, links)
    focus = corpus.by_id.get(step.event)
    center, zoom = step.center, step.zoom
    if center is None and focus is not None:
        center, zoom = focus_view(focus)
    briefing.present_header(story, i)
    base = map_base(layers, layers_key, basemap)
    result, _ = draw_map(
        base,
        view,
        focus,
        corpus_key,
        height=PRESENT_HEIGHT,
        center=list(center) if center else None,
        zoom=zoom,
        keys=True,
        layers=list(step.layers) if step.layers is not None else None,
        fly=True,
    )
    briefing.handle_key(result, story)
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    wanted = {k: [v] for k, v in briefing.url_part().items()}
    if current != wanted:
        st.query_params.from_dict(briefing.url_part())


def _selected_event(
    corpus: Corpus, filters: Filters, sea: dict[str, SeaPlace], links: dict[str, frozenset[str]]
):
    """The event picked in the table (or the page address), if it is still shown."""
    table = st.session_state.get("table")
    rows = table.selection.rows if table is not None and table.selection else []
    ids = st.session_state.get("_table_ids", [])
    if rows and rows[0] < len(ids) and ids[rows[0]] != st.session_state.get("_table_pick"):
        st.session_state["_table_pick"] = ids[rows[0]]
        st.session_state["event"] = ids[rows[0]]
    event = corpus.by_id.get(st.session_state.get("event"))
    place = sea.get(event.id) if event is not None else None
    zone = place.zone_type if place else ""
    if event is None or not filters.matches(event, zone, links.get(event.id, frozenset())):
        st.session_state["event"] = None
        return None
    return event


def _handle_click(result, shown) -> None:
    """A click on a map feature selects it (an event marker selects the event) and reruns;
    while a reviewer picks a place, a click anywhere sets the point being edited."""
    props = (result or {}).get("clicked") or {}
    if props.get("kind") == "point":
        n = (result or {}).get("n")
        if st.session_state.get(PICKING) and n != st.session_state.get("_last_point"):
            st.session_state["_last_point"] = n
            set_picked_point(props.get("lat"), props.get("lon"))
            st.rerun()
        return
    kind, clicked = clicked_target(props, shown)
    key = "event" if kind == "event" else "_clicked_feature"
    if clicked and clicked != st.session_state.get(f"_last_click_{key}"):
        st.session_state[f"_last_click_{key}"] = clicked
        st.session_state[key] = clicked
        st.rerun()


@st.cache_resource(show_spinner=False, max_entries=4)
def compact_rows(corpus_key: str) -> dict[str, tuple]:
    """The map's compact row of each event (event id -> row), filled in as filters ask: one
    dict per corpus, shared by the sessions (a row never changes for an event id)."""
    return {}


@st.cache_resource(show_spinner=False, max_entries=4)
def sea_of_events(_events, _layers, corpus_key: str, layers_key: tuple) -> dict[str, SeaPlace]:
    """Event id -> its 2018 Convention zone and seabed sector, joined once per corpus and
    layers (a layer edited on disk changes the key, and no document is extracted again)."""
    return sea_join(_events, _layers)


@st.cache_resource(show_spinner=False, max_entries=4)
def layer_links(_events, _layers, corpus_key: str, layers_key: tuple) -> dict[str, frozenset[str]]:
    """Event id -> the features of the loaded layers it concerns beyond its own links (the
    state it lies in, the lines and places its sentences name: ``join.layer_join``), once
    per corpus and layers (a layer edited on disk changes the key; nothing is extracted)."""
    return layer_join(_events, _layers)


@st.cache_resource(show_spinner=False, max_entries=4)
def located_countries(_events, _links, corpus_key: str, layers_key: tuple) -> list[str]:
    """The states the events involve or lie in: the choices of the filter by country."""
    return countries_in(_events, _links)


@st.cache_data(show_spinner=False, max_entries=4)
def _missing_links_notice(corpus_key: str, _events, _layers, layers_key: tuple) -> list[str]:
    """A notice when the events link to features the loaded layers lack (checked once per
    corpus and layers): their counts would otherwise silently read zero."""
    missing = missing_links(_events, _layers)
    if not missing:
        return []
    names = ", ".join(f"{fid} ({n})" for fid, n in missing.most_common(5))
    return [
        f"{sum(missing.values())} links of the events point to {len(missing)} features the "
        f"loaded layers lack ({names}); they are not counted on the map (a layer did not "
        "load, or the documents were read against other geodata)."
    ]


def linked_events_panel(view, layers, layers_key, titles, sea, links) -> None:
    labels = feature_names(layers, layers_key)
    with_events = sorted(
        (fid for fid in labels if view.counts.get(fid)),
        key=lambda fid: (-view.counts[fid], labels[fid]),
    )
    picked = st.session_state.get("_clicked_feature")
    options = ([picked] if picked in labels and picked not in with_events else []) + with_events
    if picked in options:
        st.session_state["feature"] = picked
    choice = st.selectbox(
        "Events linked to a state, pipeline, corridor, place or sea zone (or click it on the map)",
        options,
        index=None,
        key="feature",
        placeholder="Choose a feature…",
        format_func=lambda fid: f"{labels[fid]} — {view.counts.get(fid, 0)} events",
    )
    if choice:
        linked = events_for_feature(view.shown, choice, sea, links)
        linked_table = events_table(linked, titles, sea=sea)
        st.dataframe(
            linked_table[_shown_columns(linked_table)],
            column_config=_COLUMN_CONFIG,
            hide_index=True,
            width="stretch",
            key="linked",
        )


# A plain Vega-Lite spec: st.altair_chart validated an Altair chart against the schema on
# every rerun (a third of a rerun's server time); this dictionary is built once.
_CHART_SPEC = {
    "mark": {"type": "bar", "tooltip": True},
    "height": 220,
    "encoding": {
        "x": {"field": "year", "type": "ordinal", "title": None},
        # whole events only: no "0.5 events" tick
        "y": {
            "field": "events",
            "type": "quantitative",
            "title": "events",
            "axis": {"tickMinStep": 1, "format": "d"},
        },
        "color": {
            "field": "type",
            "type": "nominal",
            "title": "type",
            "scale": {
                "domain": [s[1] for s in EVENT_STYLE.values()],
                "range": [s[0] for s in EVENT_STYLE.values()],
            },
        },
        "tooltip": [{"field": "year"}, {"field": "type"}, {"field": "events"}],
    },
}


def chart(shown, filters: Filters) -> None:
    counts = events_per_year(shown)
    if counts.empty:
        st.info("No events in this view.")
        return
    counts["type"] = [EVENT_STYLE[t][1] for t in counts["event_type"]]
    # every year of the window on the axis, the empty ones too: the axis is time
    first = int(counts["year"].min()) if filters.year_min is None else filters.year_min
    last = int(counts["year"].max()) if filters.year_max is None else filters.year_max
    spec = {
        **_CHART_SPEC,
        "encoding": {
            **_CHART_SPEC["encoding"],
            "x": {
                **_CHART_SPEC["encoding"]["x"],
                "scale": {"domain": list(range(first, last + 1))},
            },
        },
    }
    st.vega_lite_chart(counts[["year", "type", "events"]], spec, width="stretch")


def event_panel(event) -> None:
    """What was extracted: date, type, title, and the source sentences with their offsets."""
    st.markdown(
        f"**{format_date(event)} · {EVENT_STYLE[event.event_type][1]}** "
        f"({plain(event.time_precision)} precision) · {len(event.sources)} "
        "source sentence(s)"
    )
    st.text(event.title)  # st.text: document-derived text is never interpreted as markup
    for source in event.sources:
        st.text(f"“{source.sentence}” — {source.doc_id} [{source.char_start}:{source.char_end}]")


def document_panel(event, documents_by_id, review: ReviewContext) -> None:
    """Each source document, the event's sentences highlighted, and adding an event."""
    for doc_id in dict.fromkeys(s.doc_id for s in event.sources):  # each document once
        doc = documents_by_id.get(doc_id)
        with st.container(border=True):
            if doc is None:
                st.warning(plain(f"Document {doc_id} is no longer in the folder."))
                continue
            meta = " · ".join(x for x in (doc.publisher, doc.published) if x)
            st.text(f"{doc.title or doc.doc_id}" + (f" — {meta}" if meta else ""))
            link = safe_url(doc.url)
            if link:
                st.link_button("Open the original", link)
            elif doc.url:
                st.text(f"Address (not a web link): {doc.url}")
            st.html(document_html(doc, event))
            add_event_panel(doc, document_sentences(doc.text), review)


@st.cache_data(show_spinner=False, max_entries=64)
def document_sentences(text: str) -> list:
    return split_sentences(text)


# "KAZ territorial sea, KAZ sector" is read whole, not cut at the header's width
_COLUMN_CONFIG = {"at sea": st.column_config.TextColumn("at sea", width="medium")}


def _shown_columns(table) -> list[str]:
    """The table's columns but the id, and "at sea" only when some event in it is at sea."""
    return [
        c for c in table.columns if c != "id" and (c != "at sea" or table[c].astype(bool).any())
    ]


def table_panel(shown, newest, titles, sea) -> None:
    """The newest events as a table; selecting a row shows where the event comes from."""
    if len(shown) > len(newest):
        st.caption(
            f"The {len(newest):,} newest of {len(shown):,} events; the map and "
            "the downloads have them all."
        )
    table = events_table(newest, titles, set(st.session_state.get(ADDED_KEY, [])), sea)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="table",
        column_order=_shown_columns(table),
        column_config=_COLUMN_CONFIG,
    )


def downloads(view, filters, layers, basemap, documents) -> None:
    """Three downloads, each built only when its button is clicked (Streamlit runs the
    callable then), so filter changes do not pay for files nobody asked for."""
    names = {c: country_name(c) for c in filters.countries}
    title = f"Caspian events: {describe(filters, names)}"
    csv_col, geo_col, html_col = st.columns(3)
    # each source with its document's title, publisher, date and address: citable as is
    csv_col.download_button(
        "Events (CSV)",
        lambda: exports.events_csv(view.shown, documents),
        "caspian_events.csv",
        "text/csv",
        key="dl_csv",
        width="stretch",
    )
    geo_col.download_button(
        "Events (GeoJSON)",
        lambda: exports.events_geojson(view.shown, documents),
        "caspian_events.geojson",
        "application/geo+json",
        key="dl_geojson",
        width="stretch",
    )
    html_col.download_button(
        "Map (standalone HTML)",
        lambda: exports.standalone_html(
            mapping.full_map(layers, view, basemap, heading=title).get_root().render(), title
        ),
        "caspian_map.html",
        "text/html",
        key="dl_html",
        width="stretch",
    )


def main() -> None:
    st.set_page_config(page_title="caspian_dash", page_icon="🗺️", layout="wide")
    st.markdown(_PAGE_CSS, unsafe_allow_html=True)  # our own constant, never document text
    apply_pending()  # values a review action left for this run's widgets
    briefing.apply_pending()  # a story opened, or presenting started, in the last run
    _init_story_from_url()
    present = bool(st.session_state.get(briefing.PRESENT))
    # presenting: the map and the story only, no sidebar at all
    filter_box = st.sidebar.container() if not present else None
    if not present:
        upload_panel(DOCS_DIR)  # before reading: what it adds shows in this same run
    recover(DOCS_DIR)
    fingerprint = folder_fingerprint(DOCS_DIR)
    corpus = load_corpus(str(DOCS_DIR), fingerprint, EVENTS_FILE)
    log = ReviewLog(DOCS_DIR)
    # everything derived from the events is cached under this key: a review action changes it
    corpus_key = f"{DOCS_DIR}|{fingerprint}|{EVENTS_FILE}|{review_version(log)}"
    corpus, review = reviewed_corpus(corpus, log, corpus_key)
    documents, events = corpus.documents, corpus.events
    layers, layer_errors = load_geodata(str(MAP_GEODATA_DIR))
    # what is derived from the layers is cached under this key
    layers_key = geodata.layers_fingerprint(layers)
    sea = sea_of_events(events, layers, corpus_key, layers_key)
    links = layer_links(events, layers, corpus_key, layers_key)
    if links:  # the filter by country offers the states events lie in, too
        corpus = replace(corpus, countries=located_countries(events, links, corpus_key, layers_key))

    for message in [
        *corpus.problems,
        *layer_errors,
        *_missing_links_notice(corpus_key, events, layers, layers_key),
        *([f"Review is off: {review.error}"] if review.error else []),
    ]:
        st.warning(plain(message))  # names a file: shown as text, never as Markdown
    titles = doc_titles(documents)

    filters, basemap = chosen_filters(corpus)
    span = corpus.span
    opened = briefing.open_story(DOCS_DIR, set(corpus.by_id), set(corpus.doc_ids))
    if briefing.presenting(opened.story):
        args = (layers, layers_key, basemap, corpus, corpus_key, sea, links)
        present_story(opened.story, *args)
        return
    if filter_box is None:  # a link asked to present a story that cannot be opened
        st.session_state[briefing.PRESENT] = False
        filter_box = st.sidebar.container()
        upload_panel(DOCS_DIR)
    _player(corpus.main_span)
    records = state_records(layers, layers_key)
    view = make_view(layers, events, documents, filters, sea, records, links)
    focus = _selected_event(corpus, filters, sea, links)
    _sync_url(filters, span, focus.id if focus else None)

    editing = opened.story is not None  # the map sends its view, for the story's next step
    # The heading's slots come first on the page, but are filled after the map is sent:
    # the map is the first thing a visit waits for (benchmarks/map_browser.py).
    title, count = st.columns([4, 1], vertical_alignment="bottom")
    caption = st.empty()
    # Tabs that run only when open: a first visit loads the map without the scripts of the
    # table and the chart (about 2 MB; README, Speed). The map is drawn whichever tab is
    # open, so its iframe and the user's zoom survive a tab switch.
    map_tab, table_tab, chart_tab, review_tab = st.tabs(
        ["Map", "Table", "Events per year", "Review"], key="view_tab", on_change="rerun"
    )
    with map_tab:
        # The base map is the same on every rerun, so the browser keeps it (and the user's
        # zoom); only the overlay (events + view state) and the view centre travel on a
        # filter change.
        center, zoom = focus_view(focus)
        result, overlay = draw_map(
            map_base(layers, layers_key, basemap),
            view,
            focus,
            corpus_key,
            height=MAP_HEIGHT,
            center=center if focus else None,
            zoom=zoom if focus else None,
            pick=bool(st.session_state.get(PICKING)) and focus is not None,
            track=editing,
        )
        if editing and result and "view" in result:
            st.session_state[briefing.VIEW] = result["view"]  # for the next step added
        _handle_click(result, view.shown)
        linked_events_panel(view, layers, layers_key, titles, sea, links)
    title.subheader("Caspian region events", anchor=False)
    count.metric(
        "Events shown",
        len(view.shown),
        help=f"of {len(events)} events in {len(documents)} documents",
    )
    # plain(): the search text may come from a shared link's address
    unplaced = len(view.shown) - overlay["located"]
    caption.caption(
        plain(
            f"{describe(filters, {c: country_name(c) for c in filters.countries})} · pipelines "
            f"and corridors as they stood in {filters.year_max or 'the present'}"
            + (
                f" · {unplaced} of the events shown have no place, so are not on the map"
                if unplaced
                else ""
            )
        )
    )
    newest = view.shown[:TABLE_ROWS]  # the corpus is sorted newest first
    st.session_state["_table_ids"] = [e.id for e in newest]
    if table_tab.open:
        with table_tab:
            table_panel(view.shown, newest, titles, sea)
    if chart_tab.open:
        with chart_tab:
            chart(view.shown, filters)
    if review_tab.open:
        with review_tab:
            review_log_panel(review, titles)
    sidebar(filter_box, corpus, titles, at_sea="maritime_zones" in layers)
    with st.sidebar:
        briefing.story_panel(DOCS_DIR, opened, _current_step(filters, span, focus))
    downloads(view, filters, layers, basemap, documents)

    st.subheader("Source")
    show_flash()  # what the last review action did
    ids = list(st.session_state.get("_table_ids", []))  # the table's rows, newest first
    if focus is not None and focus.id not in ids:
        ids.insert(0, focus.id)  # picked on the map or in a link, beyond the table's rows
    by_id = corpus.by_id
    st.selectbox(
        "Show where an event comes from (or select a row in the table)",
        ids,
        index=None,
        key="event",
        placeholder="Choose an event…",
        format_func=lambda i: f"{format_date(by_id[i])} — {by_id[i].title}",
    )
    if focus is not None:
        event_panel(focus)
        st.subheader("Review", anchor=False)
        review_panel(focus, review, newest)
        st.subheader("Documents", anchor=False)
        document_panel(focus, {d.doc_id: d for d in documents}, review)


main()
