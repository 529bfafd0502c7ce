"""``benchmarks/load_test.py`` without a browser: how it reads Streamlit's protocol messages
(when a change counts as answered) and how it sums up memory and CPU."""

from __future__ import annotations

import asyncio
import importlib.util

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tools.browser import ROOT


def _module():
    spec = importlib.util.spec_from_file_location("load_test", ROOT / "benchmarks" / "load_test.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


load_test = _module()


class _Page:
    def on(self, event, handler):
        self.handler = handler


def _rerun() -> bytes:
    message = BackMsg()
    message.rerun_script.query_string = ""
    return message.SerializeToString()


def _started() -> bytes:
    message = ForwardMsg()
    message.new_session.name = "run"
    return message.SerializeToString()


def _finished(status) -> bytes:
    message = ForwardMsg()
    message.script_finished = status
    return message.SerializeToString()


def test_a_change_is_answered_only_by_a_run_started_after_it_and_finished():
    errors = []
    wire = load_test.Wire(_Page(), "s", errors)
    wire._received(_started())
    wire._received(_finished(ForwardMsg.FINISHED_SUCCESSFULLY))
    assert wire.idle  # the first page run
    wire._sent(_rerun())
    assert not wire.idle  # requested, not started
    wire._received(_finished(ForwardMsg.FINISHED_SUCCESSFULLY))  # a stray end: not this run
    assert not wire.idle
    wire._received(_started())
    assert not wire.idle
    wire._received(_finished(ForwardMsg.FINISHED_EARLY_FOR_RERUN))  # cut short: a run follows
    assert not wire.idle and wire.interrupted == 1
    wire._received(_started())
    wire._received(_finished(ForwardMsg.FINISHED_SUCCESSFULLY))
    assert wire.idle and wire.requests == 1 and errors == []


def test_a_request_sent_during_a_run_waits_for_the_next_run():
    wire = load_test.Wire(_Page(), "s", [])
    wire._received(_started())
    wire._sent(_rerun())  # while the run is going
    wire._received(_finished(ForwardMsg.FINISHED_SUCCESSFULLY))
    assert not wire.idle
    wire._received(_started())
    wire._received(_finished(ForwardMsg.FINISHED_SUCCESSFULLY))
    assert wire.idle


def test_other_messages_and_text_frames_are_ignored_and_a_lost_connection_is_an_error():
    errors = []
    wire = load_test.Wire(_Page(), "s", errors)
    wire._sent("text")
    wire._received(b"\xff\xff not a message")
    wire._received(b"x" * 100_000)
    assert wire.requests == 0 and wire.runs == 0
    wire._closed()
    assert errors == ["s: the connection to the server closed"]
    wire.closing = True
    wire._closed()
    assert len(errors) == 1


def test_wait_gives_up_after_its_time_limit():
    wire = load_test.Wire(_Page(), "s", [])
    assert asyncio.run(wire.wait(lambda: False, 0.05)) is False
    assert asyncio.run(wire.wait(lambda: True, 0.05)) is True


def test_memory_levels_off_when_the_second_half_is_flat_and_not_when_it_climbs():
    flat = [(t / 2, 300.0 + min(40, t), 50.0, 150.0, 80.0, 30.0) for t in range(200)]
    memory, cpu = load_test._memory_and_cpu(flat, 10.0, 100.0)
    assert memory["levelled_off"] is True and memory["slope_last_half_mb_per_min"] == 0
    assert memory["first"] == 300.0 and memory["peak"] == 340.0 and memory["last"] == 340.0
    assert cpu["server"]["median"] == 50.0 and cpu["other_processes"]["median"] == 20.0
    climbing = [(t / 2, 300.0 + t, 50.0, 150.0, 80.0, 30.0) for t in range(200)]
    memory, _ = load_test._memory_and_cpu(climbing, 10.0, 100.0)
    assert memory["levelled_off"] is False
    assert memory["slope_last_half_mb_per_min"] == 120.0  # 2 MB a second


def test_no_samples_gives_empty_figures():
    memory, cpu = load_test._memory_and_cpu([], None, None)
    assert memory["peak"] is None and memory["levelled_off"] is None
    assert cpu["server"]["median"] is None
