"""The map's small JavaScript runtime (runtime.js) as folium elements."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from branca.element import MacroElement
from jinja2 import Template

from caspian_dash.mapping.script_json import script_json
from caspian_dash.settings import FIRST_VIEW_REGION
from caspian_dash.styles import PIPELINE_STATUS


@lru_cache(maxsize=1)
def runtime_js() -> str:
    return (Path(__file__).with_name("runtime.js")).read_text(encoding="utf-8")


class Runtime(MacroElement):
    """Defines ``window.cd`` and the fields each layer shows; must come before the layers."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.js }}
        cd.fields = {{ this.fields|tojson }};
        cd.labelData = {{ this.labels_json }};
        cd.PIPELINE_STATUS = {{ this.status_json }};
        cd.names = {{ this.names_json }};
        cd.home = {{ this.home_json }};
        cd.region = {{ this.region_json }};
        {% endmacro %}
    """)

    def __init__(
        self,
        fields: dict,
        labels: list | None = None,
        names: dict | None = None,
        home: list | None = None,
    ):
        super().__init__()
        self._name = "Runtime"
        self.js = runtime_js()
        self.fields = fields
        self.labels_json = script_json(labels or [])  # geodata names, escaped for Jinja
        self.status_json = script_json(PIPELINE_STATUS)
        self.names_json = script_json(names or {})
        self.home_json = script_json(home)
        self.region_json = script_json(FIRST_VIEW_REGION)


class Wire(MacroElement):
    """Hands the runtime the layers it restyles and the list of layers; must come after them."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        cd.wire({{ this._parent.get_name() }}, {
            geojson: { {% for name, layer in this.geojson.items() %}
                {{ name|tojson }}: {{ layer.get_name() }},{% endfor %} },
            groups: { {% for name, layer in this.geojson.items() %}
                {{ name|tojson }}: {{ layer._parent.get_name() }},{% endfor %} },
            choropleth: {{ this.choropleth.get_name() if this.choropleth else "null" }},
            control: {{ this.control.get_name() if this.control else "null" }}
        });
        {% endmacro %}
    """)

    def __init__(self, geojson: dict, choropleth=None, control=None):
        super().__init__()
        self._name = "Wire"
        self.geojson = geojson
        self.choropleth = choropleth
        self.control = control  # the list of layers, which each overlay's events join


class ApplyState(MacroElement):
    """Sends one view's state to the runtime (lives in the per-filter overlay)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        cd.apply({{ this.state_json }});
        {% endmacro %}
    """)

    def __init__(self, state: dict):
        super().__init__()
        self._name = "ApplyState"
        self.state_json = script_json(state, sort_keys=True)
