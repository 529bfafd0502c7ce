"""Throughput of event extraction on a generated corpus of real sentences.

The corpus is reproducible (fixed seed): documents are built by recombining the sentences
of seeds/ and tests/data/docs_extra/ with their years, months, days and place names varied,
and each gets a publication date. Run from the repository root:

    .venv/bin/python benchmarks/extract_throughput.py --docs 1000 --jobs 1
    .venv/bin/python benchmarks/extract_throughput.py --docs 1000 --jobs 2

Prints and writes JSON (benchmarks/results/extract_throughput_jobs<N>.json): KB of text per
second per core, documents per second, events found and peak memory (max RSS).
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

from caspian_dash.extract import default_gazetteer, extract_events
from caspian_dash.extract.sentences import split_sentences
from caspian_dash.ingest import read_documents
from caspian_dash.models import Document

SOURCES = (ROOT / "seeds", ROOT / "tests" / "data" / "docs_extra")
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


def run(n_docs: int, jobs: int, seed: int) -> dict:
    started = time.perf_counter()
    default_gazetteer()  # built once, before timing (workers inherit it when forked)
    gazetteer_seconds = time.perf_counter() - started
    documents = make_corpus(n_docs, seed)
    size_kb = sum(len(d.text.encode("utf-8")) for d in documents) / 1024
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    events = extract_events(documents, jobs=jobs)
    seconds = time.perf_counter() - started
    cpu_seconds = _cpu_seconds() - cpu_before
    peak_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    return {
        "documents": n_docs,
        "jobs": jobs,
        "seed": seed,
        "text_kb": round(size_kb, 1),
        "seconds": round(seconds, 3),
        "kb_per_s": round(size_kb / seconds, 1),
        "kb_per_s_per_core": round(size_kb / seconds / jobs, 1),
        # per second of CPU actually used (this process and its workers): a per-core figure
        # that other processes sharing the machine do not depress
        "kb_per_cpu_second": round(size_kb / cpu_seconds, 1),
        "docs_per_s": round(n_docs / seconds, 1),
        "events": len(events),
        "gazetteer_build_seconds": round(gazetteer_seconds, 3),
        "peak_rss_mb": round(peak_kb / 1024, 1),  # per process (Linux reports KB)
        # other processes share the machine: throughput per core assumes a free core
        "load_average_1min": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
    }


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents to generate (>= 1000)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=None, help="JSON file to write")
    args = parser.parse_args(argv)
    result = run(args.docs, max(1, args.jobs), args.seed)
    out = (
        args.out
        or ROOT / "benchmarks" / "results" / f"extract_throughput_jobs{result['jobs']}.json"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
