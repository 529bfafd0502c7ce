"""Corridors layer: the Middle Corridor, the North–South corridor and the northern route.

Each segment is a row of ``SEGMENTS``; rail and road legs are drawn through the named
towns they serve, sea legs straight between ports (both as geodesics, so schematic).
"""

from __future__ import annotations

from dataclasses import dataclass

from .geo import geodesic_length_km
from .routes import geodesic_line
from .write import feature

MIDDLE = "Middle Corridor (Trans-Caspian International Transport Route)"
INSTC = "International North–South Transport Corridor"
NORTHERN = "Northern route (China–Europe via Russia)"


@dataclass(frozen=True)
class Segment:
    id: str
    corridor: str
    segment: str
    mode: str
    route: tuple[str, ...]
    countries: tuple[str, ...]
    start_year: int | None = None
    source: str = "schematic route through the named towns"


SEGMENTS = (
    Segment(
        "mc_khorgos_almaty",
        MIDDLE,
        "Khorgos–Almaty",
        "rail",
        ("khorgos", "zharkent", "almaty"),
        ("CHN", "KAZ"),
    ),
    Segment(
        "mc_almaty_zhezkazgan",
        MIDDLE,
        "Almaty–Shu–Zhezkazgan",
        "rail",
        ("almaty", "shu", "zhezkazgan"),
        ("KAZ",),
    ),
    Segment(
        "mc_zhezkazgan_aktau",
        MIDDLE,
        "Zhezkazgan–Beyneu–Aktau",
        "rail",
        ("zhezkazgan", "aktau"),
        ("KAZ",),
        2014,
        "Zhezkazgan–Beyneu line opened August 2014: a-w-i-p.com (2014-12-09); drawn straight, Beyneu not in the gazetteer",
    ),
    Segment("mc_aktau_kuryk", MIDDLE, "Aktau–Kuryk", "rail", ("aktau", "kuryk"), ("KAZ",)),
    Segment(
        "mc_aktau_alat", MIDDLE, "Aktau–Baku/Alat ferry", "sea", ("aktau", "alat"), ("KAZ", "AZE")
    ),
    Segment(
        "mc_kuryk_alat",
        MIDDLE,
        "Kuryk–Alat ferry",
        "sea",
        ("kuryk", "alat"),
        ("KAZ", "AZE"),
        2017,
        "first cargo from Kuryk reached the port at Alat on 25 March 2017: en.inform.kz (2017-04-03)",
    ),
    Segment(
        "mc_turkmenbashi_alat",
        MIDDLE,
        "Türkmenbaşy–Alat ferry",
        "sea",
        ("turkmenbashi", "alat"),
        ("TKM", "AZE"),
    ),
    Segment(
        "mc_alat_tbilisi",
        MIDDLE,
        "Alat–Ganja–Tbilisi",
        "rail",
        ("alat", "hajigabul", "yevlakh", "ganja", "gazakh", "tbilisi"),
        ("AZE", "GEO"),
    ),
    Segment(
        "mc_btk",
        MIDDLE,
        "Baku–Tbilisi–Kars railway (Tbilisi–Akhalkalaki–Kars)",
        "rail",
        ("tbilisi", "akhalkalaki", "kars"),
        ("GEO", "TUR"),
        2017,
        "opened 30 October 2017: tabula.ge (2017-10-30); encyclopedia.datana.cloud Baku–Tbilisi–Kars railway",
    ),
    Segment(
        "mc_kars_istanbul",
        MIDDLE,
        "Kars–Erzurum–Sivas–Ankara–Istanbul",
        "rail",
        ("kars", "erzurum", "erzincan", "sivas", "kayseri", "ankara", "eskisehir", "istanbul"),
        ("TUR",),
    ),
    Segment(
        "mc_istanbul_edirne",
        MIDDLE,
        "Istanbul–Edirne (to Bulgaria)",
        "rail",
        ("istanbul", "edirne"),
        ("TUR",),
    ),
    Segment(
        "instc_moscow_astrakhan",
        INSTC,
        "Moscow–Saratov–Volgograd–Astrakhan",
        "rail",
        ("moscow", "tambov", "saratov", "volgograd", "astrakhan"),
        ("RUS",),
    ),
    Segment(
        "instc_astrakhan_makhachkala",
        INSTC,
        "Astrakhan–Makhachkala",
        "rail",
        ("astrakhan", "makhachkala"),
        ("RUS",),
    ),
    Segment(
        "instc_makhachkala_baku",
        INSTC,
        "Makhachkala–Derbent–Baku",
        "rail",
        ("makhachkala", "derbent", "baku"),
        ("RUS", "AZE"),
    ),
    Segment(
        "instc_baku_astara",
        INSTC,
        "Baku–Alat–Astara",
        "rail",
        ("baku", "alat", "astara_az"),
        ("AZE",),
    ),
    Segment(
        "instc_astara_rasht",
        INSTC,
        "Astara–Rasht (missing rail link)",
        "road",
        ("astara_az", "rasht"),
        ("AZE", "IRN"),
    ),
    Segment(
        "instc_rasht_tehran",
        INSTC,
        "Rasht–Qazvin–Tehran",
        "rail",
        ("rasht", "qazvin", "tehran"),
        ("IRN",),
    ),
    Segment(
        "instc_tehran_bandar_abbas",
        INSTC,
        "Tehran–Qom–Yazd–Bandar Abbas",
        "rail",
        ("tehran", "qom", "yazd", "bandar_abbas"),
        ("IRN",),
    ),
    Segment(
        "instc_olya_anzali",
        INSTC,
        "Olya–Bandar Anzali (sea)",
        "sea",
        ("olya", "bandar_anzali"),
        ("RUS", "IRN"),
    ),
    Segment(
        "instc_astrakhan_amirabad",
        INSTC,
        "Astrakhan–Amirabad (sea)",
        "sea",
        ("astrakhan", "amirabad"),
        ("RUS", "IRN"),
    ),
    Segment(
        "instc_kti",
        INSTC,
        "Kazakhstan–Turkmenistan–Iran railway (Uzen–Bereket–Gorgan)",
        "rail",
        ("zhanaozen", "bereket", "gorgan"),
        ("KAZ", "TKM", "IRN"),
        2014,
        "opened 3 December 2014, Uzen–Gyzylgaya–Bereket–Etrek–Gorgan: tass.com/world/764933",
    ),
    Segment(
        "instc_gorgan_tehran",
        INSTC,
        "Gorgan–Sari–Tehran",
        "rail",
        ("gorgan", "sari", "tehran"),
        ("IRN",),
    ),
    Segment(
        "north_khorgos_astana",
        NORTHERN,
        "Khorgos–Almaty–Astana",
        "rail",
        ("khorgos", "almaty", "astana"),
        ("CHN", "KAZ"),
    ),
    Segment(
        "north_astana_petropavl",
        NORTHERN,
        "Astana–Petropavl",
        "rail",
        ("astana", "petropavl"),
        ("KAZ",),
    ),
    Segment(
        "north_petropavl_moscow",
        NORTHERN,
        "Petropavl–Kurgan–Chelyabinsk–Samara–Moscow",
        "rail",
        ("petropavl", "kurgan", "chelyabinsk", "samara", "moscow"),
        ("KAZ", "RUS"),
    ),
    Segment(
        "north_moscow_brest",
        NORTHERN,
        "Moscow–Smolensk–Minsk–Brest",
        "rail",
        ("moscow", "smolensk", "minsk", "brest"),
        ("RUS", "BLR"),
    ),
)


def corridor_features() -> list[dict]:
    """Return the corridor segments as GeoJSON features."""
    out = []
    for seg in SEGMENTS:
        line = geodesic_line(seg.route)
        props = {
            "id": seg.id,
            "corridor": seg.corridor,
            "segment": seg.segment,
            "mode": seg.mode,
            "countries": list(seg.countries),
            "length_km": round(geodesic_length_km(line), 1),
            "start_year": seg.start_year,
            "waypoints": list(seg.route),
            "route_accuracy": "schematic",
            "source": seg.source,
        }
        out.append(feature(line, props))
    return out
