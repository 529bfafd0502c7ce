"""Extraction reads the layers' names from ``lexicons/layer_names.json``, never ``geodata/``:
the file is in step with the layers, and editing a layer for the map re-extracts nothing
(the join with the layers the app loads is ``caspian_dash/join.py``'s)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from caspian_dash.documents import corpus
from caspian_dash.documents.ingest import read_documents
from caspian_dash.extract import extract_events
from caspian_dash.extract.gazetteer import LAYER_NAMES, build_gazetteer
from caspian_dash.geobuild import layer_names
from caspian_dash.settings import GEODATA_DIR, SEEDS_DIR


def test_the_shipped_names_are_the_layers_names():
    # rebuild with `python -m caspian_dash build-gazetteer` after editing geodata/
    assert json.loads(LAYER_NAMES.read_text(encoding="utf-8")) == layer_names.snapshot(GEODATA_DIR)


def test_the_names_give_the_layers_ids_and_the_parts_of_states():
    gazetteer = build_gazetteer(LAYER_NAMES, geonames=False)
    names = json.loads(LAYER_NAMES.read_text(encoding="utf-8"))
    assert {line["id"] for line in names["lines"]} >= {"btc", "scp", "tapi"}
    assert gazetteer.state_ids == {state["id"] for state in names["states"]}
    south = gazetteer.state_parts[("KGZ", "s")]
    assert south.lat < gazetteer.states["KGZ"].lat


def test_the_extraction_key_hashes_no_map_layer():
    # so editing a layer for the map never changes a document's key: nothing re-extracts
    assert not [p for p in corpus.extractor_inputs() if GEODATA_DIR in p.parents]


def test_extraction_opens_no_map_layer():
    opened = []
    watching = [True]

    def hook(event, args):
        if watching and event == "open" and isinstance(args[0], (str, Path)):
            opened.append(Path(args[0]).resolve())

    sys.addaudithook(hook)  # an audit hook stays for the process: it records only here
    try:
        gazetteer = build_gazetteer(LAYER_NAMES)
        documents, _ = read_documents(SEEDS_DIR)
        events = extract_events(documents, gazetteer)
    finally:
        watching.clear()
    assert events and LAYER_NAMES.resolve() in opened
    assert not [p for p in opened if GEODATA_DIR.resolve() in p.parents]
