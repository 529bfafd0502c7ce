"""Headless app tests with Streamlit's AppTest: the real app.py on the real seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from caspian_dash.view import FOCUS_ZOOM

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def shown(at: AppTest) -> int:
    return int(at.metric[0].value)


def opened(at: AppTest, tab: str) -> AppTest:
    """The app with one of its tabs open (the table and the chart run only when opened)."""
    at.session_state["view_tab"] = tab
    return at


def table(at: AppTest):
    return at.tabs[1].dataframe[0].value


def table_rows(at: AppTest) -> int:
    return len(table(at))


def map_args(at: AppTest) -> dict:
    """What the map component hands the browser: the base page, links, overlay, view."""
    (component,) = at.get("component_instance")
    assert component.proto.component_name == "caspian_dash.ui.map_component.map"
    return json.loads(component.proto.json_args)


def map_js(at: AppTest) -> str:
    """Everything the map receives: the base page and the overlay (as the JSON it travels as)."""
    args = map_args(at)
    return args["page"] + "\n" + json.dumps(args["overlay"])


def run(target) -> AppTest:
    """Run the app (or a widget's change of value) and check it raised nothing."""
    at = target.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def app() -> AppTest:
    return run(opened(AppTest.from_file(APP, default_timeout=120), "Table"))


def test_the_map_opens_first_and_the_table_and_chart_run_only_when_opened():
    at = run(AppTest.from_file(APP, default_timeout=120))
    assert [t.label for t in at.tabs] == ["Map", "Table", "Events per year", "Review"]
    assert at.get("component_instance") and not at.dataframe  # no table built for the map
    assert not at.get("vega_lite_chart")
    run(opened(at, "Table"))
    assert table_rows(at) == shown(at) and at.get("component_instance")  # the map stays
    run(opened(at, "Events per year"))
    assert at.get("vega_lite_chart") and not at.dataframe and at.get("component_instance")


def test_app_shows_seed_events_on_the_map(app):
    assert shown(app) >= 10  # the five seeds yield events
    assert table_rows(app) == shown(app)
    assert app.subheader[0].value == "Caspian region events"
    assert not app.warning, [w.value for w in app.warning]
    args = map_args(app)
    assert args["overlay"]["name"] == f"Events ({shown(app)})"
    for group in (
        "States",
        "Pipelines",
        "Trade corridors",
        "Ports, terminals and fields",
        "Maritime zones (2018 Convention)",
        "Events per state (choropleth)",
    ):
        assert f'"{group}"' in args["page"], group
    (scripts,) = args["js"]  # Leaflet and its plugins, one file the app wrote
    assert scripts.startswith("/app/static/generated/map-scripts-")
    assert any(u.endswith("/leaflet.js") for u in args["bundled"])  # not fetched again
    (styles,) = args["css"]  # and their style sheets
    assert styles.startswith("/app/static/generated/map-styles-")


def test_year_slider_changes_the_number_of_events_shown(app):
    total = shown(app)
    first, last = app.slider(key="years").value
    assert first < last
    run(app.slider(key="years").set_value((last, last)))
    assert 0 < shown(app) < total
    assert table_rows(app) == shown(app)
    assert app.query_params["from"] == str(last)  # the view is in the page address
    run(app.slider(key="years").set_value((first, first)))
    assert shown(app) < total


def view_state(at: AppTest) -> dict:
    """The state the overlay hands the map runtime (counts, pipelines at the year...)."""
    return map_args(at)["overlay"]["state"]


def test_infrastructure_follows_the_year_window(app):
    first, _ = app.slider(key="years").value
    assert first <= 2005
    run(app.slider(key="years").set_value((2005, 2005)))
    state = view_state(app)
    assert state["pipelines"]["tap"] == "not_yet"  # built 2016-2020: not there in 2005
    assert state["pipelines"]["btc"] == "construction"  # 2003-2006
    assert state["corridors"]["mc_btk"] == "proposed"  # Baku–Tbilisi–Kars: 1993, built 2008-2017
    run(app.slider(key="years").set_value((2024, 2025)))
    state = view_state(app)
    assert state["pipelines"]["tap"] == "operating" and state["corridors"]["mc_btk"] == "operating"


def test_filter_change_updates_the_map_in_place(app):
    before = map_args(app)
    run(app.multiselect(key="countries").select("TKM"))
    after = map_args(app)
    assert after["page"] == before["page"]  # same base map: the browser keeps it
    assert after["key"] == before["key"]  # the component is not remounted
    assert after["overlay"] != before["overlay"]
    assert sum(view_state(app)["counts"].values()) > 0


def test_country_filter_changes_the_number_of_events_shown(app):
    total = shown(app)
    options = app.multiselect(key="countries").options
    assert "Kazakhstan (KAZ)" in options and "Iran (IRN)" in options
    run(app.multiselect(key="countries").select("TKM"))
    assert 0 < shown(app) < total
    assert table_rows(app) == shown(app)
    assert app.query_params["country"] == "TKM"


def test_event_type_document_and_search_filters_combine(app):
    total = shown(app)
    run(app.multiselect(key="types").select("summit"))
    summits = shown(app)
    assert 0 < summits < total
    assert set(table(app)["type"]) == {"Summit"}
    run(app.multiselect(key="docs").select("003_64c1fbbbc4f4ff1a"))
    assert 0 < shown(app) <= summits
    run(app.text_input(key="search").input("Aktau"))
    assert 0 < shown(app) < summits
    assert all("Aktau" in t or "aktau" in t.lower() for t in table(app)["title"])
    run(app.text_input(key="search").input("no such words anywhere"))
    assert shown(app) == 0
    run(app.button(key="reset").click())
    assert shown(app) == total
    assert not app.multiselect(key="types").value and app.text_input(key="search").value == ""


def test_step_moves_the_year_window_forward(app):
    first, last = app.slider(key="years").value
    run(app.slider(key="years").set_value((first, first + 10)))
    run(app.button(key="step").click())
    assert app.slider(key="years").value == (first + 1, first + 11)


def test_a_shared_link_reloads_the_same_view():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["from"] = "2018"
    at.query_params["to"] = "2025"
    at.query_params["country"] = "KAZ"
    run(at)
    assert at.slider(key="years").value == (2018, 2025)
    assert at.multiselect(key="countries").value == ["KAZ"]
    fresh = run(AppTest.from_file(APP, default_timeout=120))
    assert 0 < shown(at) < shown(fresh)


def test_selecting_an_event_shows_its_document_with_the_sentence_and_centres_the_map(app):
    ids = app.selectbox(key="event").options
    assert ids
    run(app.selectbox(key="event").select_index(0))
    texts = [t.value for t in app.text]
    assert any(t.startswith("“") for t in texts)  # the source sentences are listed
    assert app.query_params["event"] == app.selectbox(key="event").value
    assert map_args(app)["zoom"] == FOCUS_ZOOM and map_args(app)["center"]  # on the event
    html_blocks = [e for e in app.main if type(e).__name__ == "Html"]
    assert html_blocks and "<mark" in html_blocks[0].proto.body


def test_downloads_are_offered(app):
    labels = [d.proto.label for d in app.get("download_button")]
    assert labels == ["Events (CSV)", "Events (GeoJSON)", "Map (standalone HTML)"]


def test_linked_events_for_a_feature(app):
    box = app.selectbox(key="feature")
    assert any(o.startswith("Kazakhstan (state)") for o in box.options)
    run(box.select("KAZ"))
    linked = app.tabs[0].dataframe[0].value
    assert 0 < len(linked) < shown(app)


DRILL = b"Kazakhstan and Azerbaijan held a joint naval exercise near Aktau on 3 March 2026.\n"


@pytest.fixture
def folder_app(tmp_path, monkeypatch) -> tuple[Path, AppTest]:
    """The app on a copy of the seeds it can add to, and that folder."""
    import shutil

    from caspian_dash import settings

    folder = tmp_path / "docs"
    shutil.copytree(Path(APP).parent / "seeds", folder)
    monkeypatch.setattr(settings, "DOCS_DIR", folder)
    monkeypatch.setattr(settings, "CACHE_DIR", tmp_path / "cache")
    return folder, run(AppTest.from_file(APP, default_timeout=120))


def test_a_document_dropped_into_the_folder_shows_on_the_next_run(folder_app):
    from caspian_dash.documents.store import add_document

    folder, at = folder_app
    before = shown(at)
    add_document(folder, "drill.txt", DRILL)  # dated 2026, a year the seeds do not reach
    run(at)
    assert shown(at) == before + 1
    assert "drill" in app_docs(at)
    assert at.slider(key="years").value[1] == 2026  # "all years" took in the new one


def test_a_narrower_window_stays_when_a_document_adds_a_year(folder_app):
    from caspian_dash.documents.store import add_document

    folder, at = folder_app
    run(at.slider(key="years").set_value((2010, 2020)))
    before = shown(at)
    add_document(folder, "drill.txt", DRILL)
    run(at)
    assert at.slider(key="years").value == (2010, 2020)
    assert shown(at) == before


FIELD = b"Kazakhstan started production at the Kashagan field on 3 March 2026.\n"


def test_the_sea_filter_keeps_the_events_in_a_zone_and_the_table_names_it(folder_app):
    from caspian_dash.documents.store import add_document

    folder, at = folder_app
    add_document(folder, "field.txt", FIELD)  # Kashagan: in the common maritime space
    run(opened(at, "Table"))
    everything = shown(at)
    run(at.multiselect(key="sea").set_value(["common_space"]))
    assert 1 <= shown(at) < everything
    assert at.query_params["sea"] == "common_space"  # a link keeps it
    assert set(table(at)["at sea"]) == {"common maritime space, KAZ sector"}
    box = at.selectbox(key="feature")  # a zone's events, as a state's or a pipeline's
    assert any(o.startswith("common maritime space (2018 zone) — ") for o in box.options)
    run(at.multiselect(key="sea").set_value(["territorial_sea"]))
    assert "common maritime space, KAZ sector" not in set(table(at)["at sea"])


def test_links_to_a_layer_that_did_not_load_give_a_notice_not_a_silent_zero(tmp_path, monkeypatch):
    import shutil

    from caspian_dash import settings

    geodata = tmp_path / "geodata"
    shutil.copytree(settings.GEODATA_DIR, geodata)
    (geodata / "places.geojson").write_text("{}")  # broken: the layer does not load
    monkeypatch.setattr(settings, "MAP_GEODATA_DIR", geodata)
    at = run(AppTest.from_file(APP, default_timeout=120))
    warnings = [w.value.replace("\\", "") for w in at.warning]  # as read: plain() escapes
    assert any(w.startswith("places") for w in warnings)  # the file's own problem
    (notice,) = [w for w in warnings if "features the loaded layers lack" in w]
    assert "baku (1)" in notice and "aktau (1)" in notice  # ports the seeds tell of


def app_docs(at: AppTest) -> list[str]:
    return at.multiselect(key="docs").options


def test_the_server_does_not_watch_the_apps_source_files():
    import tomllib

    # watching them is set up for each new session: half a second of a first visit
    config = tomllib.loads((Path(APP).parent / ".streamlit" / "config.toml").read_text())
    assert config["server"]["fileWatcherType"] == "none"


def test_no_full_garbage_collection_after_each_run():
    import tomllib

    # with 10,000 events in memory a full collection after every run held the server for
    # about 0.18 s of a first visit and 0.05 s of a filter change (README, Speed)
    config = tomllib.loads((Path(APP).parent / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["postScriptGC"] is False


def test_the_server_runs_on_uvloop_and_httptools():
    import uvicorn
    from streamlit.web import bootstrap
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    # Streamlit and uvicorn pick these up when installed (pyproject.toml), falling back
    # silently to the slower pure-Python ones when not: fail loudly here instead.
    assert bootstrap._get_uvloop_loop_factory() is not None
    config = uvicorn.Config(app=lambda scope, receive, send: None)
    config.load()
    assert config.http_protocol_class is HttpToolsProtocol


def test_the_chart_counts_whole_events_over_every_year_of_the_window():
    at = run(opened(AppTest.from_file(APP, default_timeout=120), "Events per year"))
    run(at.slider(key="years").set_value((2015, 2025)))
    (chart,) = at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    assert spec["encoding"]["x"]["scale"]["domain"] == list(range(2015, 2026))  # empty years too
    assert spec["encoding"]["y"]["axis"]["tickMinStep"] == 1


def test_a_thin_early_tail_gets_a_box_not_the_slider(app):
    first, last = app.slider(key="years").value
    assert first > 1900  # the seeds' one 1828 treaty does not squeeze the slider
    total = shown(app)
    run(app.checkbox(key="early").uncheck())
    assert shown(app) < total  # the earlier events leave the view with the box
