"""Which place a sentence's event happened at, among the places it names."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from .actors import preceding_word
from .gazetteer import Actor, Feature, Gazetteer, Place, direction_key, distance_between
from .lexicon import load_lexicon
from .names import Mention

# Words that introduce where something happens, and how strongly.
_LOCATIVE = {
    "in": 3, "at": 3, "near": 3, "off": 3, "outside": 3, "inside": 2, "around": 2, "within": 2,
    "into": 2, "to": 1, "across": 1, "through": 1, "over": 1, "from": 1, "towards": 1,
    "toward": 1,
    "capital": 2,  # "arrived in the capital Astana"
    "between": -2,  # "a corridor between Europe and Asia" joins places, happens at neither
    "with": -2,  # "working with the United States", "talks with Iran": a partner, not a scene
    "throughout": 3, "along": 2, "beyond": 1,
    # visit verbs take the place as their object ("visited Turkmenistan", "visiting Baku")
    "visited": 3, "visiting": 3, "toured": 3, "visits": 3, "visit": 2,
    # so do verbs of force ("occupied South Ossetia", "hit Hama", "entered Georgia")
    "occupied": 3, "invaded": 3, "attacked": 3, "struck": 3, "hit": 3, "shelled": 3,
    "bombed": 3, "entered": 2, "seized": 3, "captured": 3, "reached": 2,
}  # fmt: skip
# the one or two words after a name, lower-cased where read ("the Tehran Summit")
_FOLLOWING_WORD = re.compile(r"\.?(\s*[’']s\b)?\s*([A-Za-z][a-z]+)(?:\s+([A-Za-z][a-z]+))?")
_COMPOUND = re.compile(r"\.?-[a-z]")
_PART_CUES = frozenset({"in", "at", "across", "throughout", "within", "inside"})
_FROM_TO = re.compile(r"\s+to\s+(?:the\s+)?[A-Z]")
_NAMES_A_TOWN = ("city of", "cities of", "town of", "towns of", "port of", "ports of", "village of")
APPOSITION_CHARS = 50  # "Ashgabat, Turkmenistan", "Gulistan (now in the Goranboy District of"
_PRECISION_BONUS = {"site": 2, "region": 1, "country": 0}
SITE_NO_CUE = _PRECISION_BONUS["site"]  # a site's score with no word placing the event there


@dataclass(frozen=True)
class PlaceMention:
    place: Place
    start: int
    end: int
    score: int  # how likely this is where the event happened


def resolve(mention: Mention, context_countries: set[str]) -> Place | None:
    """The best reading of a name: a regional one over a far homonym.

    A candidate in a country the text names wins, then the curated/regional rank, then
    population (Poti in Georgia, not in Brazil).
    """
    places = [e for e in mention.entries if isinstance(e, Place)]
    if not places:
        return None
    # among equals, a geodata feature wins: the event can then link to it
    return min(
        places,
        key=lambda p: (p.country not in context_countries, p.rank, -p.population, not p.feature_id),
    )


def place_mentions(
    mentions: list[Mention],
    text: str,
    base: int,
    context_countries: set[str],
    parts: Mapping[tuple[str, str], Place] | None = None,
) -> list[PlaceMention]:
    """Every place named in ``text``, scored as the possible scene of the event; a state
    named by a part of it ("in southern Kyrgyzstan") is that part (``parts``)."""
    resolved = [resolve(m, context_countries) for m in mentions]
    # a reading ruled out once ("Gulistan (now in ... Azerbaijan)") is out for the sentence
    ruled_out = {
        m.key
        for n, (m, place) in enumerate(zip(mentions, resolved))
        if place is not None and _other_country_follows(m, place, mentions[n + 1 :], text, base)
    }
    found = []
    for mention, place in zip(mentions, resolved):
        if place is None or mention.key in ruled_out:
            continue
        score = _score(mention, place, text, base)
        offset = _offset_from(place, text, mention.start - base)
        if offset is not None:  # "180 km SE of Kerman": the point that far that way
            place, score = offset, max(score, OFFSET_SCORE)
        if parts and place.precision == "country":
            place = parts.get((place.country, _part_named(text, mention.start - base)), place)
        if score > -10:
            found.append(PlaceMention(place, mention.start, mention.end, score))
    return found + routes_between(mentions, resolved, text, base)


# "the Rasht–Qazvin railway", "the Atasu–Alashankou section": a line between two towns
_ROUTE_JOIN = re.compile(r"[ \t]?[-–—][ \t]?")
_LINE_NOUNS = re.compile(
    r"\s*(?:\([^)]{0,20}\)\s*)?\b(?:lines|railway|railroad|rail|pipeline|gas pipeline|oil pipeline|"
    r"section|line|road|highway|motorway|ferry|ferryline|corridor|route|interconnector|cable)\b",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"(?:\s+(?:\w+\s+){0,3}?)?\s*and\s+(?:the\s+)?")
ROUTE_MAX_KM = 4000.0  # two towns further apart than this are not the ends of one line


def routes_between(
    mentions: list[Mention], resolved: list[Place | None], text: str, base: int
) -> list[PlaceMention]:
    """Lines named by their ends, drawn halfway between them as a region ("the Kenkiyak–Kumkol
    section"); not a place of their own otherwise (``_in_route_name``)."""
    found = []
    for (m1, p1), (m2, p2) in zip(zip(mentions, resolved), zip(mentions[1:], resolved[1:])):
        if p1 is None or p2 is None or p1.precision != "site" or p2.precision != "site":
            continue
        gap = text[m1.end - base : m2.start - base]
        # "lines were laid between Shatlyk and Khiva": a line between, if the sentence has one
        between = (
            _BETWEEN.fullmatch(gap) is not None
            and text[max(0, m1.start - base - 8) : m1.start - base].rstrip().endswith("between")
            and _LINE_NOUNS.search(text) is not None
        )
        if not (_ROUTE_JOIN.fullmatch(gap) or between):
            continue
        if distance_km(p1, p2) > ROUTE_MAX_KM:
            continue
        line = between or _LINE_NOUNS.match(text, m2.end - base)
        country = p1.country if p1.country == p2.country else ""
        place = Place(f"{p1.name}–{p2.name}", round((p1.lon + p2.lon) / 2, 2),
                      round((p1.lat + p2.lat) / 2, 2), "region", country,
                      countries=tuple(dict.fromkeys(c for c in (p1.country, p2.country) if c)),
                      line=True)  # fmt: skip
        found.append(PlaceMention(place, m1.start, m2.end, 3 if line else 1))
    return found


def _other_country_follows(
    mention: Mention, place: Place, following: list[Mention], text: str, base: int
) -> bool:
    """ "Gulistan (now in ... Azerbaijan)" is not Guliston in Uzbekistan: a state named right
    after a town, as its apposition, must be the town's own."""
    if place.precision != "site" or not place.country:
        return False
    for later in following:
        gap = text[mention.end - base : later.start - base]
        if len(gap) > APPOSITION_CHARS or not gap.lstrip().startswith((",", "(")) or "." in gap:
            return False
        if any(c.isdigit() for c in gap):
            return False  # "Vaziani, 180 kilometers south of Russia's border": a distance
        states = {
            e.country for e in later.entries if isinstance(e, Place) and e.precision == "country"
        }
        if states:
            return place.country not in states
    return False


# "the missile ships Tatarstan and Dagestan": names listed after a vessel noun are ships.
_VESSELS = re.compile(
    r"\b(?:ships?|vessels?|frigates?|corvettes?|destroyers?|warships?|tankers?|boats?|"
    r"cruisers?|submarines?)\s+(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*(?:,\s*|\s+and\s+))*$"
)


def _in_route_name(text: str, start: int, end: int) -> bool:
    """ "the Rasht-Astara railway", "the Aktau-Alat route": towns joined by a dash name a
    line between them, not the scene of an event."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    return bool(re.fullmatch(r"[^\W\d_][-–—]", before) or re.fullmatch(r"[-–—][^\W\d_]", after))


def _score(mention: Mention, place: Place, text: str, base: int) -> int:
    """How likely ``mention`` names where the sentence's happening took place."""
    start, end = mention.start - base, mention.end - base
    if _VESSELS.search(text, max(0, start - 120), start) or _in_route_name(text, start, end):
        return -10
    if _COMPOUND.match(text, end):
        return -10  # "the U.S.-educated Saakashvili", "Russia-backed forces": an adjective
    before = text[max(0, start - 40) : start]
    if _PERSON_TITLE.search(before):
        return -10  # "President (Mohammad) Ashraf Ghani": a man's name, not the town
    word = _cue_word(text, before, start)
    if word in _scene_words()["part_words"]:  # "in southern Kyrgyzstan": the cue before it
        part = _before_part_word(text, start)
        ahead = text[max(0, part - 40) : part]
        raw = _cue_word(text, ahead, part)
        cue = raw if raw != "the" else _word_before_the(ahead)
        if cue in _PART_CUES:  # not "struck eastern Turkey": a part of it
            start, before, word = part, ahead, raw
    elif (
        place.precision == "country"
        and (part_of := _PART_OF.search(text, max(0, start - 40), start))
        and direction_key(part_of.group(1))
    ):  # "in the south of Iran", "across the eastern regions of Turkey"
        part = part_of.start()
        ahead = text[max(0, part - 40) : part]
        cue = _cue_word(text, ahead, part)
        if cue in _PART_CUES:
            start, before, word = part, ahead, cue
    score = _LOCATIVE.get(word, 0) + _PRECISION_BONUS[place.precision]
    if word == "the":  # "in the Caspian Sea", "city of the ..."
        prev = _word_before_the(before)
        score += _LOCATIVE.get(prev, 0) - (2 if prev == "of" else 0)
    if before.rstrip().lower().endswith(_NAMES_A_TOWN):
        score += 3
    if _came_from(before, word):
        return -10  # "officials from Pakistan": where they came from, not where it happened
    if word == "from" and _FROM_TO.match(text, end) and _moves_to(before.split()[:-1]):
        score -= 2  # "moved from Almaty to Astana": the move ends at the second
    named = _named_with(place, _FOLLOWING_WORD.match(text, end))
    if named is None:
        return -10  # "in the Astana process": a label, not a place
    bonus, names_scene = named
    score += bonus
    if place.needs_cue and _LOCATIVE.get(word, 0) < 2 and score < 5:
        return -10  # "Mary" the name, not Mary the town
    placed_by = _LOCATIVE.get(word) or (word == "the" and _LOCATIVE.get(_word_before_the(before)))
    actors = [e for e in mention.entries if isinstance(e, Actor)]
    if not placed_by and any(a.role == "body" for a in actors):
        return -10  # "The White House said": the government, never a scene without a cue
    if actors and not placed_by and not names_scene:
        score -= 3  # "Iran, Russia ... signed", "Moscow said": an actor, not a scene
    return score


# "the north-eastern regions of Kazakhstan", "the south of Iran"
_PART_OF = re.compile(
    r"\bthe ([a-z-]+)(?: (?:parts?|regions?|areas?|provinces|districts))? of (?:the )?$"
)


# "180 km (115 miles) SE of", "30 kilometres north-east of the city of"
_OFFSET = re.compile(
    r"(?i)\b(?P<n>\d+(?:[.,]\d+)?)[\s-]*(?P<unit>km|kilomet(?:er|re)s?|mi|miles?)\b"
    r"(?:\s*\([^()]{0,30}\))?\s+(?:to\s+the\s+)?(?P<dir>[NSEW]{1,3}|(?:north|south)"
    r"(?:[\s-]?(?:east|west))?|east|west)(?:ern)?\s+of\s+(?:the\s+(?:city|town|village)\s+of\s+)?$"
)
_BEARINGS = {
    "n": 0, "nne": 22.5, "ne": 45, "ene": 67.5, "e": 90, "ese": 112.5, "se": 135, "sse": 157.5,
    "s": 180, "ssw": 202.5, "sw": 225, "wsw": 247.5, "w": 270, "wnw": 292.5, "nw": 315,
    "nnw": 337.5,
}  # fmt: skip
OFFSET_SCORE = 4  # as placed as "in": the text says where, from a town it names
OFFSET_MAX_KM = 1000.0
OFFSET_SITE_KM = 30.0  # nearer than this the point stands for a site; farther, a region


def _offset_from(place: Place, text: str, start: int) -> Place | None:
    """The point a distance and a direction from a town give ("180 km SE of Kerman")."""
    if place.precision != "site":
        return None
    match = _OFFSET.search(text, max(0, start - 80), start)
    if match is None:
        return None
    km = float(match.group("n").replace(",", "."))
    km *= 1.609 if match.group("unit").lower().startswith("mi") else 1.0
    words = match.group("dir").lower().replace("-", "").replace(" ", "")
    key = words if len(words) <= 3 else direction_key(words)
    if key not in _BEARINGS or not 0 < km <= OFFSET_MAX_KM:
        return None
    bearing = math.radians(_BEARINGS[key])
    lat = place.lat + km * math.cos(bearing) / 111.0
    lon = place.lon + km * math.sin(bearing) / (111.0 * math.cos(math.radians(place.lat)))
    name = f"{match.group('n')} {match.group('unit')} {match.group('dir')} of {place.name}"
    precision = "site" if km <= OFFSET_SITE_KM else "region"
    return Place(name, round(lon, 3), round(lat, 3), precision, place.country)


def _part_named(text: str, start: int) -> str:
    """The direction key of a lower-case part word before a name ("southern" in "in southern
    Kyrgyzstan", "the south of Iran": "s"), else ""."""
    part = _before_part_word(text, start)
    word = text[part:start].strip()
    if word not in _scene_words()["part_words"]:
        match = _PART_OF.search(text, max(0, start - 40), start)
        word = match.group(1) if match else ""
    return direction_key(word) if word in _scene_words()["part_words"] else ""


def _before_part_word(text: str, start: int) -> int:
    """Where "southern" begins in "in southern Kyrgyzstan" (else ``start``)."""
    head = text[max(0, start - 20) : start]
    words = head.split()
    if not head.endswith(" ") or not words or not words[-1][:1].islower():
        return start  # "Western Armenia", capitalised, is a name of its own
    return start - len(head) + head.rstrip().rfind(words[-1])


def _cue_word(text: str, before: str, start: int) -> str:
    """The word before a name that says how it relates to the happening; "to!" is a "to"
    that receives ("of grave concern to the United States"), "at" an "on" of force."""
    word = preceding_word(text, start)
    words = before.split()
    if word == "the":
        if len(words) > 1 and words[-2].lower() == "to" and not _moves_to(words[:-2]):
            word = "to!"
    elif word == "to" and not _moves_to(words[:-1]) and not _moves_from_to(words[:-1]):
        word = "to!"
    if word == "on" or (word == "the" and _word_before_the(before) == "on"):
        target = words[-3 if word == "the" else -2 :][0].lower() if len(words) > 1 else ""
        if target in _scene_words()["target_nouns"]:
            word = "at"  # "attacks on the United States": where they struck
    return word


def _came_from(before: str, word: str) -> bool:
    """People named as coming from the place ("advisors from the U.S. Department")."""
    tail = before.split()
    if word == "the" and _word_before_the(before) == "from":
        tail = tail[:-1]
    who = tail[-2:-1]  # the word before "from"
    return (
        (word == "from" or tail[-1:] == ["from"])
        and bool(who)
        and who[0].lower() in _scene_words()["people_from"]
    )


def _named_with(place: Place, following: re.Match | None) -> tuple[int, bool] | None:
    """What the words after a name add: a scene noun ("his 1994 U.S. visit", "the Tehran
    summit", "the Chabahar suicide bombing"), an adjective use ("U.S. government programs"),
    or a label (None: "the Astana process"). Returns the score to add and whether the name
    is the scene of a happening named right after it."""
    if following is None:
        return 0, False
    words = _scene_words()
    noun = following.group(2).lower()
    possessive = bool(following.group(1))  # "Uzbekistan's visit": the visitor, not the scene
    if noun in words["label_nouns"] and not possessive:
        return None
    if _landform(place, following):
        return None  # "the Rasht Valley" is not the town of Rasht
    if _party(place, following):
        return None  # "the Nur Otan party" is not the town of Nūr
    names_scene = noun in words["scene_nouns"] and not possessive
    bonus = words["scene_nouns"].get(noun, 0) if names_scene else 0
    if place.precision == "country" and noun in words["state_modifies"]:
        bonus -= 4  # "in U.S. government-sponsored programs": an adjective, not a scene
    if place.precision == "site":
        site_noun = _site_noun_score(following)
        bonus += site_noun
        names_scene = names_scene or site_noun > 0
    return bonus, names_scene


def _landform(place: Place, following: re.Match | None) -> bool:
    """A town's name that begins a landform's ("Rasht Valley", "Baksan River")."""
    return (
        following is not None
        and place.rank > 0
        and following.group(2)[:1].isupper()
        and following.group(2).lower() in _scene_words()["landform_nouns"]
    )


def _party(place: Place, following: re.Match) -> bool:
    """A town's name that begins a party's or a movement's ("Nur Otan party")."""
    second = following.group(3)
    return (
        place.rank > 0
        and following.group(2)[:1].isupper()
        and second is not None
        and second.lower() in _scene_words()["organisation_nouns"]
    )


def names_a_landform(place: Place, text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is the start of a landform's name."""
    return _landform(place, _FOLLOWING_WORD.match(text, end))


def _site_noun_score(following: re.Match) -> int:
    site_nouns = _scene_words()["site_scene_nouns"]
    first, second = following.group(2).lower(), (following.group(3) or "").lower()
    return max(site_nouns.get(first, 0), site_nouns.get(second, 0))


def names_its_happening(text: str, end: int) -> bool:
    """Whether a happening's noun follows a town's name ("2011 Van earthquakes")."""
    following = _FOLLOWING_WORD.match(text, end)
    return following is not None and not following.group(1) and _site_noun_score(following) > 0


def _word_before_the(before: str) -> str:
    words = before.split()
    return words[-2].lower() if len(words) > 1 else ""


@lru_cache(maxsize=1)
def _person_title() -> re.Pattern:
    """A capitalised title right before a name (lexicon ``person_titles``)."""
    titles = sorted(load_lexicon("places").get("person_titles") or (), key=len, reverse=True)
    # and up to two given names between ("President Mohammad Ashraf Ghani")
    names = r"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)? ){0,2}"
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, titles)) + r")\.? " + names + "$")


_PERSON_TITLE = _person_title()


@lru_cache(maxsize=1)
def _scene_words() -> dict:
    table = load_lexicon("places")
    return {
        "scene_nouns": table.get("scene_nouns") or {},
        "site_scene_nouns": table.get("site_scene_nouns") or {},
        "people_from": frozenset(table.get("people_from") or ()),
        "state_modifies": frozenset(table.get("state_modifies") or ()),
        "label_nouns": frozenset(table.get("label_nouns") or ()),
        "landform_nouns": frozenset(table.get("landform_nouns") or ()),
        "organisation_nouns": frozenset(table.get("organisation_nouns") or ()),
        "target_nouns": frozenset(table.get("target_nouns") or ()),
        "part_words": frozenset(table.get("part_words") or ()),
    }


def _moves_from_to(words: list[str]) -> bool:
    """ "moved its capital from Almaty to": a move, named by the words before "from"."""
    lower = [w.lower() for w in words]
    if "from" not in lower[-3:]:
        return False
    return _moves_to(words[: len(lower) - 1 - lower[::-1].index("from")])


def _moves_to(words: list[str]) -> bool:
    """A word of movement among the three before "to" ("a visit to", "sent troops to")."""
    return any(w.lower().strip(",.") in _movement_words() for w in words[-3:])


@lru_cache(maxsize=1)
def _movement_words() -> frozenset[str]:
    return frozenset(load_lexicon("places").get("movement_words", ()))


def best_place(candidates: list[PlaceMention], near: int | None = None) -> PlaceMention | None:
    """The most likely scene; among equals, the one nearest ``near`` (else the first).

    A state named only as an actor ("Iran signed", "NATO-member Turkey") scores below zero
    and is never the scene.
    """
    candidates = [c for c in candidates if c.score >= (1 if c.place.precision == "country" else 0)]
    if not candidates:
        return None

    def key(c: PlaceMention):
        distance = abs(c.start - near) if near is not None else c.start
        return (-c.score, distance, c.start)

    return min(candidates, key=key)


# Between a place and the parenthesis holding its date: "Washington, DC (2010, 2016)",
# "Seoul (2012)", "Astana (renamed Nur-Sultan in 2019)"; and from the date to the closing
# parenthesis.
_BEFORE_ITS_DATE = re.compile(r"(?:,?\s*[A-Z][A-Za-z.]{0,4})?\s*\([^()]*")
_TO_CLOSE = re.compile(r"[^()]*\)")


def listed_place(
    places: list[PlaceMention], start: int, end: int, text: str, base: int
) -> PlaceMention | None:
    """The place a list pairs with the date at ``start:end``: "summits in Ashgabat (2002),
    Tehran (2007) and Baku (2010)". It takes the list's cue ("in"), so it wins the scene."""
    for place in places:
        if (
            place.end <= start
            and _BEFORE_ITS_DATE.fullmatch(text, place.end - base, start - base)
            and _TO_CLOSE.match(text, end - base)
        ):
            cue = max(p.score for p in places)
            return PlaceMention(place.place, place.start, place.end, max(place.score, cue) + 1)
    return None


def features_in(mentions: list[Mention]) -> list[str]:
    """Ids of geodata features (pipelines, corridors, places) named in the text."""
    ids = []
    for mention in mentions:
        for entry in mention.entries:
            fid = entry.feature_id if isinstance(entry, (Feature, Place)) else ""
            if fid and fid not in ids:
                ids.append(fid)
    return ids


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places."""
    return distance_between(a.lon, a.lat, b.lon, b.lat)


@lru_cache(maxsize=1)
def _seats() -> tuple[re.Pattern, dict[str, str]]:
    """One pattern for every body of the lexicon's ``seats``, and each body's seat."""
    seat_of_body = {
        body.lower(): seat
        for seat, bodies in (load_lexicon("places").get("seats") or {}).items()
        for body in bodies
    }
    names = sorted(seat_of_body, key=len, reverse=True)
    return re.compile(r"(?i)\b(?:" + "|".join(map(re.escape, names)) + r")\b"), seat_of_body


def seat_of(text: str, gazetteer: Gazetteer) -> Place | None:
    """Where the first body named in ``text`` that has a seat speaks from ("the State
    Department": Washington), as the gazetteer holds that city."""
    pattern, seat_of_body = _seats()
    match = pattern.search(text)
    if match is None:
        return None
    seat = seat_of_body[match.group(0).lower()]
    return next(
        (e for e in gazetteer.index.lookup(seat) if isinstance(e, Place) and e.precision == "site"),
        None,
    )
