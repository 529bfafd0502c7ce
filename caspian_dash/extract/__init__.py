"""Deterministic event extraction: documents in, dated, located, attributed events out.

No network and no model: rules over data tables (``caspian_dash/lexicons/``) and GeoNames.
One step per module:

- reading text: ``tokens``, ``sentences`` (exact offsets, headings), ``layout``
  (headline, date line, dateline, header lines), ``names`` (longest-match name finder),
  ``context`` (publication date, dateline, the headline's topic, the speaker);
- when: ``dates`` (finding), ``resolve_dates`` (intervals, relative dates), ``clauses``;
- where: ``gazetteer`` (GeoNames + small places + curated + geodata layers), ``places``,
  ``scene``;
- who and what: ``actors``, ``event_types`` (with ``inflect`` for verb lemmas),
  ``nonevents`` (modals, negations, habits, statistics, frames), ``titles``;
- putting it together: ``sentence_events`` -> ``document`` -> ``dedupe`` (one event per
  happening) -> ``build`` (ids, titles); ``parallel`` runs documents in processes;
- output and checks: ``geojson``, ``evaluate``, ``cli``.
"""

from __future__ import annotations

from ..models import Document, Event
from .build import to_event
from .dedupe import merge_candidates
from .gazetteer import Gazetteer, build_gazetteer, default_gazetteer
from .geojson import events_from_geojson, events_to_geojson
from .parallel import document_merged, parallel_candidates

__all__ = [
    "Gazetteer",
    "build_gazetteer",
    "document_merged",
    "default_gazetteer",
    "events_from_geojson",
    "events_to_geojson",
    "extract_events",
    "merge_documents",
]


def extract_events(
    documents: list[Document], gazetteer: Gazetteer | None = None, jobs: int = 1
) -> list[Event]:
    """Extract events from ``documents``, one per happening, sorted by date.

    Parameters
    ----------
    documents : documents as returned by :func:`caspian_dash.documents.ingest.read_documents`
    gazetteer : names to resolve; ``None`` builds (once per process) the default one
    jobs : worker processes reading documents (each builds the default gazetteer once)

    Examples
    --------
    >>> from caspian_dash.models import Document
    >>> doc = Document("d1", "On November 18, 2010, the leaders met in Baku.")
    >>> [(e.event_type, e.date_start, e.place) for e in extract_events([doc])]
    [('diplomatic_meeting', '2010-11-18', 'Baku')]
    """
    if jobs > 1 and len(documents) > 1:
        per_document = parallel_candidates(documents, jobs, gazetteer)
        gazetteer = gazetteer or default_gazetteer()
    else:
        gazetteer = gazetteer or default_gazetteer()
        per_document = [document_merged(d, gazetteer) for d in documents]
    return merge_documents(per_document, gazetteer)


def merge_documents(per_document: list, gazetteer: Gazetteer) -> list[Event]:
    """Events from each document's candidates (``document_merged``), merged across documents.

    Documents are taken in the order of their ids, so the result (down to the order of an
    event's actors) does not depend on the order the documents came in.
    """
    ordered = sorted((found for found in per_document if found), key=lambda f: f[0].source.doc_id)
    candidates = [c for found in ordered for c in found]
    events = [to_event(c, gazetteer) for c in merge_candidates(candidates)]
    return sorted(events, key=lambda e: (e.date_start, e.date_end, e.id))
