"""Places layer: ports, terminals, fields and cities that routes and documents name."""

from __future__ import annotations

from dataclasses import dataclass

from shapely.geometry import Point

from .gazetteer import point
from .write import feature


@dataclass(frozen=True)
class Place:
    """One feature of the places layer; its coordinates come from the gazetteer."""

    id: str
    name: str
    kind: str  # port, terminal, field, city, border_crossing
    country: str
    aliases: tuple[str, ...] = ()


PLACES = (
    Place(
        "sangachal",
        "Sangachal Terminal",
        "terminal",
        "AZE",
        ("Sangachal", "Sangachal terminal", "Səngəçal"),
    ),
    Place(
        "ceyhan", "Ceyhan", "terminal", "TUR", ("Ceyhan Marine Terminal", "Haydar Aliyev terminal")
    ),
    Place("supsa", "Supsa Terminal", "terminal", "GEO", ("Supsa", "Supsa terminal")),
    Place("novorossiysk", "Novorossiysk", "port", "RUS", ("Novorossiisk", "CPC Marine Terminal")),
    Place("aktau", "Aktau", "port", "KAZ", ("Port of Aktau", "Aqtau", "Shevchenko")),
    Place("kuryk", "Kuryk", "port", "KAZ", ("Port Kuryk", "Kuryk port", "Quryq")),
    Place(
        "alat",
        "Alat",
        "port",
        "AZE",
        ("Alyat", "Ələt", "Port of Baku", "Baku International Sea Trade Port"),
    ),
    Place(
        "turkmenbashi",
        "Turkmenbashi",
        "port",
        "TKM",
        ("Türkmenbaşy", "Krasnovodsk", "Turkmenbashy"),
    ),
    Place("makhachkala", "Makhachkala", "port", "RUS", ("Port of Makhachkala", "Petrovsk")),
    Place("astrakhan", "Astrakhan", "port", "RUS", ("Port of Astrakhan",)),
    Place("olya", "Olya", "port", "RUS", ("Port of Olya", "Olya port")),
    Place("bandar_anzali", "Bandar Anzali", "port", "IRN", ("Bandar-e Anzali", "Anzali", "Enzeli")),
    Place("amirabad", "Amirabad", "port", "IRN", ("Amirabad port", "Port of Amirabad")),
    Place(
        "shah_deniz", "Shah Deniz", "field", "AZE", ("Shah Deniz field", "Shahdeniz", "Şahdəniz")
    ),
    Place(
        "acg",
        "Azeri–Chirag–Gunashli",
        "field",
        "AZE",
        (
            "Azeri-Chirag-Gunashli",
            "ACG",
            "Azeri-Chirag-Deepwater Gunashli",
            "Azeri–Chirag–Guneshli",
        ),
    ),
    Place("kashagan", "Kashagan", "field", "KAZ", ("Kashagan field", "Qashaghan")),
    Place("tengiz", "Tengiz", "field", "KAZ", ("Tengiz field", "Tengizchevroil")),
    Place("karachaganak", "Karachaganak", "field", "KAZ", ("Karachaganak field", "Qarashyghanaq")),
    Place(
        "galkynysh",
        "Galkynysh",
        "field",
        "TKM",
        ("Galkynysh gas field", "South Yolotan", "South Iolotan"),
    ),
    Place("baku", "Baku", "city", "AZE", ("Bakı",)),
    Place("tbilisi", "Tbilisi", "city", "GEO", ("Tiflis",)),
    Place("atyrau", "Atyrau", "city", "KAZ", ("Guryev",)),
    Place(
        "khorgos",
        "Khorgos",
        "border_crossing",
        "CHN",
        ("Horgos", "Khorgas", "Altynkol", "Khorgos Gateway"),
    ),
)


def place_features() -> list[dict]:
    """Return the places as GeoJSON point features with their coordinate source."""
    out = []
    for place in PLACES:
        lon, lat, source = point(place.id)
        props = {
            "id": place.id,
            "name": place.name,
            "kind": place.kind,
            "country": place.country,
            "aliases": list(place.aliases),
            "source": source,
        }
        out.append(feature(Point(lon, lat), props))
    return out
