"""Throughput of event extraction on a generated corpus of real sentences.

The corpus is reproducible (fixed seed): documents are built by recombining the sentences
of seeds/ and tests/data/corpus/ with their years, months, days and place names varied,
and each gets a publication date. Run from the repository root:

    .venv/bin/python benchmarks/extract_throughput.py --docs 1000 --jobs 1
    .venv/bin/python benchmarks/extract_throughput.py --docs 1000 --jobs 2
    .venv/bin/python benchmarks/extract_throughput.py --docs 10000 --engine dask --workers 2
    .venv/bin/python benchmarks/extract_throughput.py --matrix --repeat 3   # all, 1k and 10k

Prints and writes JSON (benchmarks/results/extract_<engine>_<jobs|workers><N>_<docs>.json):
KB of text per second per core, documents per second, events found and peak memory (max
RSS per process). The Dask engine reads the corpus from a Parquet file (250 documents per
row group) on a local cluster of worker processes, as ``extract --engine dask`` would; the
cluster's start and the workers' gazetteer build are timed apart from the extraction, as
the local engine's gazetteer is built before its timing. ``--matrix`` runs every case in its
own process (peak memory is per process) and writes extract_summary.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from caspian_dash.documents.ingest import read_documents
from caspian_dash.extract import default_gazetteer, extract_events
from caspian_dash.extract.sentences import split_sentences
from caspian_dash.models import Document

SOURCES = (ROOT / "seeds", *sorted((ROOT / "tests" / "data" / "corpus").glob("batch*")))
PLACES = [
    "Baku",
    "Aktau",
    "Kuryk",
    "Astana",
    "Ashgabat",
    "Turkmenbashi",
    "Tehran",
    "Astrakhan",
    "Makhachkala",
    "Tbilisi",
    "Poti",
    "Batumi",
    "Tashkent",
    "Samarkand",
    "Bishkek",
    "Dushanbe",
    "Ceyhan",
    "Sangachal",
    "Alat",
    "Atyrau",
    "Bandar Anzali",
    "Tengiz",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
_PLACE = re.compile(r"\b(" + "|".join(re.escape(p) for p in PLACES) + r")\b")


def real_sentences() -> list[str]:
    """Every sentence of the source documents, as written."""
    sentences = []
    for folder in SOURCES:
        for document in read_documents(folder)[0]:
            sentences += [s.text for s in split_sentences(document.text) if len(s.text) > 30]
    return sentences


def make_corpus(n_docs: int, seed: int = 42) -> list[Document]:
    """``n_docs`` documents of 6-24 varied real sentences, with publication dates."""
    rng = random.Random(seed)
    pool = real_sentences()
    documents = []
    for i in range(n_docs):
        year = rng.randint(2000, 2025)
        lines = []
        for _ in range(rng.randint(6, 24)):
            sentence = rng.choice(pool)
            sentence = _YEAR.sub(lambda m: str(rng.randint(1995, 2025)), sentence)
            sentence = _MONTH.sub(lambda m: rng.choice(MONTHS), sentence)
            sentence = _PLACE.sub(lambda m: rng.choice(PLACES), sentence)
            lines.append(sentence)
        paragraphs = ["\n\n".join(" ".join(lines[j : j + 3]) for j in range(0, len(lines), 3))]
        published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        documents.append(Document(f"bench_{i:05d}", "\n\n".join(paragraphs), published=published))
    return documents


def run(n_docs: int, jobs: int, seed: int, engine: str = "local") -> dict:
    """One timed extraction of ``n_docs`` generated documents; ``jobs`` processes or workers."""
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    default_gazetteer()  # built once, before timing (workers inherit it when forked)
    gazetteer_seconds = time.perf_counter() - started
    documents = make_corpus(n_docs, seed)
    size_kb = sum(len(d.text.encode("utf-8")) for d in documents) / 1024
    if engine == "dask":
        timing = _run_dask(documents, jobs)
    else:
        cpu_before = _cpu_seconds()
        merge = _timed_merge()
        started = time.perf_counter()
        events = extract_events(documents, jobs=jobs)
        timing = {
            "seconds": time.perf_counter() - started,
            "cpu_seconds": _cpu_seconds() - cpu_before,
            "merge_seconds": round(merge(), 3),  # across documents, in this process
            "events": len(events),
            "peak_rss_mb": _peak_mb(),
        }
    seconds, cpu_seconds = timing.pop("seconds"), timing.pop("cpu_seconds")
    return {
        "engine": engine,
        "documents": n_docs,
        "jobs" if engine == "local" else "workers": jobs,
        "seed": seed,
        "text_kb": round(size_kb, 1),
        "seconds": round(seconds, 3),
        "kb_per_s": round(size_kb / seconds, 1),
        "kb_per_s_per_core": round(size_kb / seconds / jobs, 1),
        # per second of CPU actually used (this process and its workers): a per-core figure
        # that other processes sharing the machine do not depress
        "kb_per_cpu_second": round(size_kb / cpu_seconds, 1),
        "docs_per_s": round(n_docs / seconds, 1),
        **timing,
        "gazetteer_build_seconds": round(gazetteer_seconds, 3),
        # other processes share the machine: throughput per core assumes a free core
        "load_average_1min_before": round(load_before, 2),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
    }


def _timed_merge():
    """Time the merge across documents inside ``extract_events`` (which calls it by its
    module's name); returns a function that gives the seconds it took."""
    from caspian_dash import extract

    real, spent = extract.merge_documents, [0.0]

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started

    extract.merge_documents = timed
    return lambda: spent[0]


def _run_dask(documents: list[Document], workers: int) -> dict:
    """The Dask engine on a local cluster, from a Parquet file of ``documents``."""
    import tempfile
    from dataclasses import asdict

    import dask
    import pandas as pd

    from caspian_dash.documents.events_io import write_geoparquet
    from caspian_dash.extract.dask_engine import connect, extract_dask

    _warm_worker()  # the client reads the Parquet file's metadata: import before timing

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "documents.parquet"
        pd.DataFrame([asdict(d) for d in documents]).to_parquet(source, row_group_size=250)
        started = time.perf_counter()
        with connect(workers=workers) as client:
            client.run(_warm_worker)  # imports and the gazetteer, once per worker
            cluster_seconds = time.perf_counter() - started
            worker_cpu = sum(client.run(_cpu_seconds).values())
            own_cpu = _cpu_seconds()
            started = time.perf_counter()
            events, partitions = extract_dask(source, client)
            seconds = time.perf_counter() - started
            cpu_seconds = sum(client.run(_cpu_seconds).values()) - worker_cpu
            cpu_seconds += _cpu_seconds() - own_cpu
            worker_peaks = sorted(client.run(_peak_mb).values())
        # this process alone: once the cluster is closed its reaped workers count as children
        client_peak = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        started = time.perf_counter()
        write_geoparquet(events, Path(tmp) / "events", partitions)
        write_seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "events": len(events),
        "partitions": partitions,
        "peak_rss_mb": max(client_peak, *worker_peaks),  # per process, as for local
        "client_peak_rss_mb": client_peak,
        "worker_peak_rss_mb": worker_peaks,
        "cluster_start_seconds": round(cluster_seconds, 3),
        "write_geoparquet_seconds": round(write_seconds, 3),
        "dask": dask.__version__,
    }


def _warm_worker() -> None:
    import dask.dataframe  # noqa: F401  (reading Parquet needs it; importing takes seconds)

    default_gazetteer()


def _peak_mb() -> float:
    """Peak RSS of this process and of its reaped children, whichever is larger (MB)."""
    peak_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    return round(peak_kb / 1024, 1)  # Linux reports KB


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


CASES = [
    (engine, n, docs) for docs in (1000, 10000) for engine in ("local", "dask") for n in (1, 2)
]


def result_path(engine: str, jobs: int, docs: int) -> Path:
    kind = "jobs" if engine == "local" else "workers"
    return ROOT / "benchmarks" / "results" / f"extract_{engine}_{kind}{jobs}_{docs}.json"


def matrix(seed: int, repeat: int = 1, only: list[str] | None = None) -> list[dict]:
    """Every case in its own process, ``repeat`` rounds (cases interleaved, so a busy spell of
    the machine does not fall on one case); each case's row is its median run, with every
    run's documents/s. Writes a summary JSON and prints a markdown table."""
    import subprocess

    cases = [c for c in CASES if not only or f"{c[0]}:{c[2]}" in only]
    runs: dict[tuple, list[dict]] = {case: [] for case in cases}
    for _ in range(repeat):
        for engine, n, docs in cases:
            out = result_path(engine, n, docs)
            argv = [sys.executable, __file__, "--engine", engine, "--docs", str(docs),
                    "--jobs", str(n), "--seed", str(seed), "--out", str(out)]  # fmt: skip
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
            runs[(engine, n, docs)].append(json.loads(out.read_text(encoding="utf-8")))
    rows = []
    for case, results in runs.items():
        ordered = sorted(results, key=lambda r: r["docs_per_s"])
        row = {
            **ordered[len(ordered) // 2],
            "runs": len(results),
            "docs_per_s_runs": [r["docs_per_s"] for r in results],
        }
        result_path(*case).write_text(json.dumps(row, indent=1) + "\n", encoding="utf-8")
        rows.append(row)
    summary = ROOT / "benchmarks" / "results" / "extract_summary.json"
    if only:  # keep the other cases' rows from the last full matrix
        old = json.loads(summary.read_text(encoding="utf-8")) if summary.exists() else []
        done = {(r["engine"], r.get("jobs", r.get("workers")), r["documents"]) for r in rows}
        rows = [
            r
            for r in old
            if (r["engine"], r.get("jobs", r.get("workers")), r["documents"]) not in done
        ] + rows
        rows.sort(
            key=lambda r: (r["documents"], r["engine"] != "local", r.get("jobs", r.get("workers")))
        )
    summary.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    one = {
        (r["engine"], r["documents"]): r["docs_per_s"]
        for r in rows
        if r.get("jobs", r.get("workers")) == 1
    }
    print("| engine | jobs / workers | documents | KB/s per core | documents/s | vs 1 | peak MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        n = r.get("jobs", r.get("workers"))
        ratio = r["docs_per_s"] / one[(r["engine"], r["documents"])]
        print(f"| {r['engine']} | {n} | {r['documents']:,} | {r['kb_per_s_per_core']:.0f} "
              f"| {r['docs_per_s']:.0f} | {ratio:.2f}x | {r['peak_rss_mb']:.0f} |")  # fmt: skip
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents to generate (>= 1000)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--jobs", "--workers", type=int, default=1, help="processes or workers")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=None, help="JSON file to write")
    parser.add_argument("--matrix", action="store_true", help="every engine, 1 and 2, 1k and 10k")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of --matrix (median kept)")
    parser.add_argument(
        "--only",
        action="append",
        metavar="ENGINE:DOCS",
        help="with --matrix: only these cases, e.g. local:10000 (repeatable)",
    )
    args = parser.parse_args(argv)
    if args.matrix:
        matrix(args.seed, max(1, args.repeat), args.only)
        return 0
    result = run(args.docs, max(1, args.jobs), args.seed, args.engine)
    out = args.out or result_path(args.engine, result.get("jobs", result.get("workers")), args.docs)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
