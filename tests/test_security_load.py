"""A light run of ``benchmarks/load_test.py``: a few concurrent browser sessions change filters
while one uploads a document; no errors, every session answered, memory sampled."""

from __future__ import annotations

import importlib.util
import os

import pytest

from tools.browser import ROOT, chromium_path

pytestmark = pytest.mark.browser

if chromium_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium (see .ci/run)")
    pytest.skip("Debian's chromium is not installed (make browser)", allow_module_level=True)


def _load_test_module():
    spec = importlib.util.spec_from_file_location("load_test", ROOT / "benchmarks" / "load_test.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_five_sessions_change_filters_while_one_uploads():
    report = _load_test_module().run_load(sessions=5, duration=3, limit=240)
    assert report["errors"] == []
    assert report["filter_changes"] >= 4  # the four filter sessions each answered at least once
    assert report["change_to_count_s"]["median"] is not None
    assert report["upload_stored"] is True and report["upload_s"] is not None
    rss = report["server_rss_mb"]
    assert rss["samples"] and 0 < rss["peak"] < 4000
