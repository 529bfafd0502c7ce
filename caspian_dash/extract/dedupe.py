"""One event per happening: merge candidates that report the same thing.

Two reports are one happening when their dates overlap and: they are the same sentence
(repeated in a document), or lines under one item heading, or of compatible types at
compatible places with a shared trigger word, site or clearly supported type (the 2018
Convention reported by two sources), or the same type on the same day between the same
states (one signing, filed from Moscow and from Tehran). A headline or lead dated only
by the publication day joins its report's own recent event.
"""

from __future__ import annotations

from functools import lru_cache

from .candidate import Candidate
from .gazetteer import distance_between

# Types that can describe one happening from different angles.
_FAMILY = {
    "summit": 0,
    "agreement": 0,
    "diplomatic_meeting": 0,
    "statement": 4,
    "military_exercise": 1,
    "military_action": 2,
    "infrastructure": 3,
    "trade_transit": 3,
    "other": 5,
}
_NEAR_KM = {"site": 150.0, "country": 1500.0, "region": 1500.0}
_LEADS = ("lead", "late_lead")
LEAD_ATTACH_DAYS = 31  # a headline sums up the report's own recent event, not a past one
HEADLINE_REACH = 4  # a year headline's happening is among the text's first few events


def merge_candidates(candidates: list[Candidate]) -> list[Candidate]:
    """Greedy, order-preserving clustering; each cluster folds into its first member.

    >>> merge_candidates([])
    []
    """
    merged: list[Candidate] = []
    index = _Index(merged)
    for candidate in candidates:
        target = index.same_as(candidate)
        if target is None:
            candidate.order = len(merged)
            merged.append(candidate)
            target = candidate
        else:
            dates = target.first, target.last
            _fold(target, candidate)
            if (target.first, target.last) == dates:
                continue  # its keys depend on nothing else a fold changes: filed already
        index.add(target)
    return merged


class _Index:
    """The merged events a report could be the same happening as, without comparing it with
    all of them (10,000 documents made that the slowest step of extraction).

    ``same_happening`` is true only for reports whose dates overlap and that share the event
    family, or come from the same document (or block, which is part of one). So events are
    filed by (month, family) for every month their dates touch, by document and by block,
    and a report meets the ones filed under its own months and family, its document and its
    block: in order of creation, as a plain scan of all of them would.
    """

    def __init__(self, merged: list[Candidate]):
        self.merged = merged  # events by their order
        self.buckets: dict[object, list[int]] = {}  # key -> orders of the events filed there
        self.filed: dict[int, set] = {}  # order -> the keys that event is filed under

    def _keys(self, c: Candidate) -> list:
        family = _FAMILY[c.event_type]
        first, last = c.first.year * 12 + c.first.month - 1, c.last.year * 12 + c.last.month - 1
        keys: list = [(month, family) for month in range(first, last + 1)]
        keys.append(("doc", c.source.doc_id))
        if c.block:
            keys.append(("block", c.block))
        return keys

    def add(self, target: Candidate) -> None:
        # its dates may have narrowed in a fold: it stays filed under its old months (a
        # harmless extra comparison) and is filed under any new ones
        filed = self.filed.setdefault(target.order, set())
        for key in self._keys(target):
            if key not in filed:
                filed.add(key)
                self.buckets.setdefault(key, []).append(target.order)

    def same_as(self, candidate: Candidate) -> Candidate | None:
        """The oldest event filed under the report's keys that is the same happening.

        Events whose dates miss the report's and that do not share its block are passed
        over unasked: ``same_happening`` is false for them, and this check is cheaper.
        """
        get = self.buckets.get
        orders = set().union(*[get(key, ()) for key in self._keys(candidate)])  # at C speed
        first, last, block = candidate.first, candidate.last, candidate.block
        merged = self.merged
        for order in sorted(orders):
            event = merged[order]
            overlap = event.first <= last and first <= event.last
            if (overlap or (block and event.block == block)) and same_happening(event, candidate):
                return event
        return None


def attach_leads(candidates: list[Candidate], same_day: bool = False) -> list[Candidate]:
    """Fold the events a report dates only by its publication day.

    A headline or lead joins the report's own recent dated event of the same type when
    there is one (a headline may sum up an event of some days before); the headline and
    lead of one report are one happening; a later undated sentence near the top
    (``late_lead``) only adds to those, and is dropped when it has nothing to add to
    (it is background: "the initiative was put forward at the V Summit").

    ``same_day``: the report is dated to a day and a place ("June 29, 2022, Ashgabat"), so
    its headline reports that day's happening, not one of the days before.
    """
    dated = [c for c in candidates if c.date_kind not in _LEADS]
    kept: list[Candidate] = []
    for candidate in candidates:
        if candidate.date_kind not in _LEADS:
            kept.append(candidate)
            continue
        target = next((c for c in dated if _recent_same(c, candidate, same_day)), None)
        if target is not None:
            _fold(target, candidate, keep_date=True)
            continue
        lead = next((c for c in kept if c.date_kind == "lead" and _joinable(c, candidate)), None)
        if lead is not None:
            _fold(lead, candidate)
        elif candidate.date_kind == "lead":
            kept.append(candidate)
    return kept


def attach_year_headline(candidates: list[Candidate]) -> list[Candidate]:
    """A headline that names its happening by year ("2019 Kazakh presidential election")
    is the first event of that type and year the text dates more closely (its lead's "held
    on 9 June 2019"): one happening, at the body's date."""
    if not candidates or candidates[0].source.char_start != 0 or candidates[0].precision != "year":
        return candidates
    headline = candidates[0]
    if any(word.endswith("s") for word in headline.words):
        return candidates  # "2013 Armenian protests": a series, of which the lead tells one day
    for candidate in candidates[1:HEADLINE_REACH]:
        if (
            candidate.event_type == headline.event_type
            and candidate.precision in ("day", "month")
            and headline.first <= candidate.first <= headline.last
        ):
            _fold(candidate, headline, keep_date=True)
            return candidates[1:]
    return candidates


def _recent_same(dated: Candidate, lead: Candidate, same_day: bool = False) -> bool:
    return (
        0 <= (lead.first - dated.last).days <= (0 if same_day else LEAD_ATTACH_DAYS)
        and _joinable(dated, lead)
        and _places_compatible(dated, lead)
    )


def _joinable(a: Candidate, b: Candidate) -> bool:
    """Of one type: talks and the signing after them are two happenings."""
    return a.event_type == b.event_type


def same_happening(a: Candidate, b: Candidate) -> bool:
    """True when ``a`` and ``b`` report one happening."""
    same_block = bool(a.block) and a.block == b.block
    if same_block and "heading" in (a.date_kind, b.date_kind):
        return True  # a line dated only by its heading belongs to the heading's happening
    if not (a.first <= b.last and b.first <= a.last):
        return False
    paired = (a.paired or b.paired) and a.event_type != b.event_type
    same_sentence = b.source.sentence in a.sentences and a.source.doc_id == b.source.doc_id
    if same_sentence and a.paired and b.paired:
        return False  # one sentence's happenings told apart: each stop of a tour, each pair
    if same_sentence and not paired:
        return True
    if same_block and not paired:
        return True
    one_report = a.source.doc_id == b.source.doc_id
    if paired or (
        a.event_type != b.event_type and (one_report or not _strong_types(a) & _strong_types(b))
    ):
        # talks and the signing after them, a summit and its communique are two happenings;
        # across reports, a type both clearly support makes one ("signed the Convention at
        # the summit" and "the Convention was signed")
        return False
    both_days = a.precision == b.precision == "day"
    same_dates = a.first == b.first and a.last == b.last
    if (
        a.event_type == "agreement"
        and a.source.doc_id == b.source.doc_id
        and not (a.title and a.title == b.title)
        and not (a.definite or b.definite)
    ):
        return False  # one report's sentences on signings are separate signings
    if one_report and both_days and same_dates and min(a.place_score, b.place_score) <= 2:
        return True  # the report's own happening of the day, one place only guessed
    if (
        both_days
        and same_dates
        and a.event_type == b.event_type
        and len(set(a.actors) & set(b.actors)) >= 2
        and (_FAMILY[a.event_type] == 0 or _places_compatible(a, b))
    ):
        # Russia and Iran signed on 17 May: filed from Moscow or from Tehran; but strikes
        # on Poti and on Gori the same day are two
        return True
    if not _places_compatible(a, b):
        return False
    if not one_report and _different_parties(a, b):
        return False  # the U.S. recognised Azerbaijan, and Turkmenistan, on one day
    if both_days:
        if same_dates:
            return True
        if not (_within(a, b) or _within(b, a)):
            return False  # 10-11 August and 11-12 August are two meetings
    if a.actors and b.actors and not set(a.actors) & set(b.actors):
        return False  # two agreements of one year between different states
    shared_site = (
        a.place is not None
        and b.place is not None
        and a.place.precision == "site"
        and a.place.name == b.place.name
    )
    if not one_report and "year" in (a.precision, b.precision) and a.precision != b.precision:
        return shared_site  # a year holds many happenings: "convicted in 2004" in one report
        # is not the 18 February 2004 explosion of another, unless they share the site
    return (
        shared_site
        or bool(a.words & b.words - {"said", "says", "war"})
        or bool(_strong_types(a) & _strong_types(b))
    )


def _different_parties(a: Candidate, b: Candidate) -> bool:
    """Each report names a state the other does not, and no site joins them."""
    if a.place is not None and b.place is not None and a.place.precision == "site":
        if a.place.name == b.place.name:
            return False
    states_a, states_b = set(a.actors), set(b.actors)
    return bool(states_a - states_b) and bool(states_b - states_a) and len(states_a & states_b) < 2


def _strong_types(c: Candidate) -> set[str]:
    """Types a report clearly supports ("signed" and "convention" both say agreement)."""
    return {
        t for t, score in c.type_scores.items() if score >= 3 and t not in ("statement", "other")
    }


def _within(inner: Candidate, outer: Candidate) -> bool:
    return outer.first <= inner.first and inner.last <= outer.last


def _places_compatible(a: Candidate, b: Candidate) -> bool:
    p, q = a.place, b.place
    if p is None or q is None:
        return True
    return _near(p.lon, p.lat, p.precision, q.lon, q.lat, q.precision)


@lru_cache(maxsize=1 << 16)
def _near(
    lon_a: float, lat_a: float, precision_a: str, lon_b: float, lat_b: float, precision_b: str
) -> bool:
    # merging compares the same few places over and over: one cached call per comparison
    limit = max(_NEAR_KM[precision_a], _NEAR_KM[precision_b])
    return distance_between(lon_a, lat_a, lon_b, lat_b) <= limit


def _fold(target: Candidate, other: Candidate, keep_date: bool = False) -> None:
    for source in other.sources:
        target.add_source(source)
    # the narrowest date the reports agree on
    narrower = other.date_kind != "heading" and (
        target.date_kind == "heading" or (other.last - other.first) < (target.last - target.first)
    )
    if narrower and not keep_date:
        target.first, target.last, target.precision = other.first, other.last, other.precision
        target.date_kind = other.date_kind
    for key, value in other.type_scores.items():
        target.type_scores[key] = target.type_scores.get(key, 0) + value
    if other.place is not None and other.place_score > target.place_score:
        target.place, target.place_score = other.place, other.place_score
        target.flags.discard("place_inferred")
        target.flags |= {f for f in other.flags if f == "place_inferred"}
    if target.fallback is None:
        target.fallback = other.fallback
    target.actors += [a for a in other.actors if a not in target.actors]
    target.features += [f for f in other.features if f not in target.features]
    target.flags |= (
        other.flags - {"place_inferred"} - ({"date_from_publication"} if keep_date else set())
    )
    target.words |= other.words
    if len(other.title) > len(target.title):
        target.title = other.title
