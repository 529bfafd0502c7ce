"""Where an event happened, when the sentence alone does not settle it.

In order: a site the sentence introduces as the scene; the item heading above the
sentence ("Baku, 2010 -"); the dateline, for events of the publication's week; the best
place the sentence names at all. After that, an event with no place may share the site
of an event close in time in an earlier sentence of the paragraph.
"""

from __future__ import annotations

import re

from .candidate import Candidate
from .context import DocumentContext
from .dates import DateMention
from .gazetteer import PRECISION_ORDER, Place
from .names import Mention
from .places import SITE_NO_CUE, PlaceMention, best_place, resolve
from .sentences import Sentence

# Happenings that take place where the report is dated from (a readout under "September 3,
# 2011, Dushanbe" reports a meeting in Dushanbe, whoever met); a strike or a pipeline's
# first oil reported from a capital happened elsewhere, so those need a state in common.
GATHERINGS = frozenset({"summit", "diplomatic_meeting", "agreement", "statement", "other"})
DATELINE_DAYS = 7  # a dateline names where events of the publication's week happened
DATELINE_SCORE = 2  # weaker than a site the text introduces ("visit to Baku")
NEAR_CHARS = 40  # a place this close to the date is favoured ("an April visit to Azerbaijan")
SCENE_DAYS = 31  # an unplaced event this close in time may share the paragraph's last site
SERIES_DAYS = 366  # the next meeting of a series, within a year, meets where the last one did
_NEXT_OF_SERIES = re.compile(r"(?i)\bthe next (?:meeting|round|session|summit|conference)\b")


def choose_place(
    local: list[PlaceMention],
    heading_names: list[Mention],
    countries: set[str],
    chosen: DateMention,
    context: DocumentContext,
    flags: set[str],
    involved: frozenset[str] = frozenset(),
    event_type: str = "",
) -> tuple[Place | None, int]:
    """The scene of an event dated ``chosen``, and how sure we are (a score).

    ``involved`` are the states the sentence names or acts through: a dateline in another
    state (a report filed from Brussels about Kazakhstan) is not the scene.
    """
    local = [_closer(p, chosen) for p in local]
    best = best_place(local, chosen.start)
    dateline = context.dateline if _dateline_applies(context, chosen) else None
    dated_here = dateline is not None and (
        event_type in GATHERINGS or not involved or dateline.country in involved
    )
    if best is not None and best.place.precision == "site" and best.score >= 2:
        # a site named with no cue ("the Alexander Pushkin School") yields to the dateline
        if not (dated_here and best.score <= SITE_NO_CUE):
            return best.place, best.score
    heads = [p for p in (resolve(m, countries) for m in heading_names) if p is not None]
    head = min(heads, key=lambda p: PRECISION_ORDER[p.precision]) if heads else None
    if head is not None and (best is None or head.precision == "site"):
        flags.add("place_inferred")
        return head, 4
    if (
        dateline is not None
        and dated_here
        and (
            best is None
            or best.place.precision == "region"
            or best.score < 3
            # "visits Kazakhstan", filed from Astana: the dateline says where in it
            or (best.place.precision == "country" and best.place.country == dateline.country)
        )
    ):
        return dateline, DATELINE_SCORE
    if best is not None:
        return best.place, best.score
    return None, -99


def shared_scene(
    scenes: list[tuple[Sentence, Candidate]], sentence: Sentence, candidate: Candidate
) -> Candidate | None:
    """The latest event of an earlier sentence of the paragraph, placed at a site and
    close in time, whose scene an unplaced event shares."""
    # "The next meeting will take place on 30 April": a series meets where it met
    reach = SERIES_DAYS if _NEXT_OF_SERIES.search(sentence.text) else SCENE_DAYS
    for previous, placed in reversed(scenes):
        if (
            previous.paragraph == sentence.paragraph
            and previous.index < sentence.index
            and abs((candidate.first - placed.first).days) <= reach
        ):
            return placed
    return None


def _dateline_applies(context: DocumentContext, chosen: DateMention) -> bool:
    published = context.published
    return (
        context.dateline is not None
        and published is not None
        and published.precision == "day"
        and chosen.kind != "heading"
        and abs((chosen.first - published.first).days) <= DATELINE_DAYS
    )


def _closer(place: PlaceMention, mention: DateMention) -> PlaceMention:
    """A place right next to the date ("an April 23-30 visit to Azerbaijan") is favoured."""
    if mention.kind != "heading" and abs(place.start - mention.end) <= NEAR_CHARS:
        return PlaceMention(place.place, place.start, place.end, place.score + 1)
    return place
