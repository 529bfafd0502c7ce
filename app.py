"""caspian_dash: the Streamlit dashboard. Widgets, layout and caching only; the work is
done by the caspian_dash package. Run with `make run` (or `streamlit run app.py`)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from caspian_dash import geodata, mapping
from caspian_dash.countries import country_name
from caspian_dash.extract import extract_events
from caspian_dash.filters import Filters, countries_in, year_span
from caspian_dash.ingest import read_documents
from caspian_dash.settings import DOCS_DIR
from caspian_dash.table import events_table


_PAGE_CSS = "<style>.block-container{padding-top:2.2rem;padding-bottom:1rem}</style>"


@st.cache_data(show_spinner="Reading documents and extracting events…")
def load_corpus(folder: str):
    documents, problems = read_documents(Path(folder))
    return documents, extract_events(documents), problems


@st.cache_data(show_spinner="Loading map layers…")
def load_geodata():
    layers, errors = geodata.load_layers()
    return layers, [str(e) for e in errors]


def sidebar(events) -> tuple[Filters, str]:
    st.sidebar.header("Filters")
    span = year_span(events)
    years = None
    if span and span[0] < span[1]:
        years = st.sidebar.slider("Years", span[0], span[1], span, key="years")
    countries = st.sidebar.multiselect(
        "Countries (as actor or place)",
        countries_in(events),
        format_func=lambda code: f"{country_name(code)} ({code})",
        key="countries",
    )
    basemap = st.sidebar.radio(
        "Basemap",
        list(mapping.BASEMAPS),
        format_func=lambda b: "No tiles (works offline)" if b == "none" else f"{b} (online)",
        key="basemap",
    )
    year_min, year_max = years if years else (None, None)
    return Filters(year_min, year_max, frozenset(countries)), basemap


def main() -> None:
    st.set_page_config(page_title="caspian_dash", page_icon="🗺️", layout="wide")
    st.markdown(_PAGE_CSS, unsafe_allow_html=True)  # our own constant, never document text
    documents, events, problems = load_corpus(str(DOCS_DIR))
    layers, layer_errors = load_geodata()
    for message in [*problems, *layer_errors]:
        st.warning(message)

    filters, basemap = sidebar(events)
    shown = filters.apply(events)
    doc_titles = {d.doc_id: d.title or d.doc_id for d in documents}

    title, count = st.columns([4, 1], vertical_alignment="bottom")
    title.title("Caspian region events")
    count.metric("Events shown", len(shown), help=f"of {len(events)} events in {len(documents)} documents")
    m = mapping.build_map(layers, shown, doc_titles, basemap)
    st_folium(m, height=680, use_container_width=True, returned_objects=[], key="map")

    st.subheader("Events")
    st.dataframe(events_table(shown, doc_titles), hide_index=True, width="stretch")


main()
