"""Defaults in one place: paths, map view, colours. Plain values, no logic."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The sample documents shipped with the code: read, never written (the app writes nothing
# under ROOT but the ignored static/generated/).
SEEDS_DIR = ROOT / "seeds"
# The user's own data, outside the repository: $XDG_DATA_HOME/caspian_dash, else
# ~/.local/share/caspian_dash (a relative XDG_DATA_HOME is ignored, as the XDG spec says).
_XDG_DATA_HOME = os.environ.get("XDG_DATA_HOME", "")
DATA_DIR = (
    Path(_XDG_DATA_HOME) if os.path.isabs(_XDG_DATA_HOME) else Path.home() / ".local" / "share"
) / "caspian_dash"
# The documents folder. By default DEFAULT_DOCS_DIR, created on first use as a copy of
# SEEDS_DIR (caspian_dash.documents.userdata); CASPIAN_DASH_DOCS names another folder, used as is.
DEFAULT_DOCS_DIR = DATA_DIR / "documents"
DOCS_DIR = Path(os.environ.get("CASPIAN_DASH_DOCS") or DEFAULT_DOCS_DIR)
# Optional: show events extracted beforehand (a GeoJSON file or a GeoParquet folder written
# by `extract`) instead of extracting DOCS_DIR at start-up; the documents are still read
# for the source view.
EVENTS_FILE = os.environ.get("CASPIAN_DASH_EVENTS", "")
GEODATA_DIR = ROOT / "geodata"
# The map layers the app draws and joins events with (default: GEODATA_DIR). Extraction reads
# only the layers' names (lexicons/layer_names.json), so this changes what the dashboard
# shows and links, never what is extracted (and lets tests hand it broken files).
MAP_GEODATA_DIR = Path(os.environ.get("CASPIAN_DASH_GEODATA", GEODATA_DIR))
# Per-document extraction results (safe to delete; rebuilt as needed).
CACHE_DIR = Path(os.environ.get("CASPIAN_DASH_CACHE", Path.home() / ".cache" / "caspian_dash"))
STATIC_DIR = ROOT / "static"  # served by Streamlit at /app/static/
STATIC_URL = "/app/static"
VENDOR_DIR = STATIC_DIR / "vendor"
# The map layers as JSON files the browser fetches once (written by the app, safe to delete).
GENERATED_DIR = Path(os.environ.get("CASPIAN_DASH_GENERATED", STATIC_DIR / "generated"))
GENERATED_URL = f"{STATIC_URL}/generated"

# Largest document accepted (uploads and `add`); keep in step with server.maxUploadSize in
# .streamlit/config.toml, which caps what the browser may send.
MAX_DOCUMENT_MB = float(os.environ.get("CASPIAN_DASH_MAX_MB", "5"))
MAX_DOCUMENT_BYTES = int(MAX_DOCUMENT_MB * 1_000_000)

CRS = "EPSG:4326"
LITTORAL_STATES = ("RUS", "KAZ", "TKM", "IRN", "AZE")

# Initial view: the whole Caspian with its shores.
MAP_CENTER = (41.5, 51.0)
MAP_ZOOM = 5
# The first view fits the events shown inside this box (south-west, north-east): Europe's
# east to China's west. Events further away are one click of "fit to events" away.
FIRST_VIEW_REGION = [[20.0, 10.0], [62.0, 90.0]]
MIN_ZOOM = 3
MAX_ZOOM = 14

# Optional: CARTO's basemaps need a key of the user's own (none is shipped).
CARTO_API_KEY = os.environ.get("CASPIAN_DASH_CARTO_KEY", "")
