"""The runnable examples in the extraction modules' docstrings stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "caspian_dash.documents.ingest",
    "caspian_dash.extract",
    "caspian_dash.extract.actors",
    "caspian_dash.extract.build",
    "caspian_dash.extract.clauses",
    "caspian_dash.extract.context",
    "caspian_dash.extract.dates",
    "caspian_dash.extract.dedupe",
    "caspian_dash.extract.document",
    "caspian_dash.extract.evaluate",
    "caspian_dash.extract.event_types",
    "caspian_dash.extract.gazetteer",
    "caspian_dash.extract.geojson",
    "caspian_dash.extract.lexicon",
    "caspian_dash.extract.names",
    "caspian_dash.extract.resolve_dates",
    "caspian_dash.extract.sentences",
    "caspian_dash.extract.titles",
    "caspian_dash.extract.tokens",
    "caspian_dash.formatting",
    "caspian_dash.mapping.script_json",
    "caspian_dash.publish",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
