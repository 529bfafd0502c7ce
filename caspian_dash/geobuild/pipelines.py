"""Pipelines layer: each line drawn through documented waypoints (a table, below).

Routes are schematic: terminals, fields, cities near the line and border towns, joined by
geodesics. Waypoints were added until every computed length is within
``LENGTH_TOLERANCE`` of the published one (checked at build time and in the tests).
"""

from __future__ import annotations

from dataclasses import dataclass

from .geo import geodesic_length_km
from .routes import geodesic_line
from .write import feature

LENGTH_TOLERANCE = 0.10


@dataclass(frozen=True)
class Pipeline:
    id: str
    name: str
    aliases: tuple[str, ...]
    commodity: str
    status: str
    route: tuple[str, ...]  # gazetteer keys
    length_km_published: float | None
    capacity: float | None
    capacity_unit: str | None
    proposed_year: int | None
    construction_year: int | None
    start_year: int | None
    operator: str | None
    countries: tuple[str, ...]
    source: str


PIPELINES = (
    Pipeline(
        "btc",
        "Baku–Tbilisi–Ceyhan pipeline",
        (
            "Baku–Tbilisi–Ceyhan",
            "Baku-Tbilisi-Ceyhan",
            "BTC",
            "BTC pipeline",
            "Heydar Aliyev pipeline",
        ),
        "oil",
        "operating",
        (
            "sangachal",
            "hajigabul",
            "yevlakh",
            "ganja",
            "shamkir",
            "gazakh",
            "rustavi",
            "akhaltsikhe",
            "ardahan",
            "kars",
            "erzurum",
            "erzincan",
            "sivas",
            "kayseri",
            "kahramanmaras",
            "ceyhan",
        ),
        1768,
        1.2,
        "million bbl/d",
        1993,
        2003,
        2006,
        "BP (BTC Co.)",
        ("AZE", "GEO", "TUR"),
        "length, capacity, operator, start: bp.com/en_az (BTC, 1768 km, 1.2 million bbl/d since 2009, "
        "operational June 2006); construction 2003: georgianencyclopedia.ge/en/form_eng/410; "
        "first document signed 9 March 1993: en.wikipedia Baku–Tbilisi–Ceyhan pipeline",
    ),
    Pipeline(
        "scp",
        "South Caucasus Pipeline",
        (
            "South Caucasus Pipeline",
            "SCP",
            "Baku–Tbilisi–Erzurum",
            "Baku-Tbilisi-Erzurum",
            "BTE",
            "Shah Deniz pipeline",
        ),
        "gas",
        "operating",
        (
            "sangachal",
            "hajigabul",
            "yevlakh",
            "ganja",
            "shamkir",
            "gazakh",
            "rustavi",
            "akhaltsikhe",
            "ardahan",
        ),
        692,
        25,
        "bcm/y",
        None,
        None,
        2006,
        "BP (SCPC)",
        ("AZE", "GEO", "TUR"),
        "length 692 km (Azerbaijan 442, Georgia 248), 25 bcm/y, start 2006: gem.wiki/Baku-Erzurum_Pipeline; "
        "the published length ends at the Georgian–Turkish border, where BOTAŞ's line to Erzurum begins",
    ),
    Pipeline(
        "tapi",
        "Turkmenistan–Afghanistan–Pakistan–India pipeline",
        (
            "Turkmenistan–Afghanistan–Pakistan–India",
            "Turkmenistan-Afghanistan-Pakistan-India",
            "TAPI",
            "TAPI pipeline",
            "Trans-Afghanistan Pipeline",
        ),
        "gas",
        "construction",
        (
            "galkynysh",
            "herat",
            "shindand",
            "kandahar",
            "chaman",
            "quetta",
            "loralai",
            "dera_ghazi_khan",
            "multan",
            "fazilka",
        ),
        1814,
        33,
        "bcm/y",
        None,
        2015,
        None,
        "Türkmengaz (lead partner)",
        ("TKM", "AFG", "PAK", "IND"),
        "length 1814 km, 33 bcm/y: xebersaati.com (Trend, 2017-09-01); route Galkynysh–Herat–Kandahar–"
        "Quetta–Multan–Fazilka and start of construction 13 Dec 2015: genlearnin.com/tapi-gas-pipeline; "
        "Türkmengaz lead partner: mirrornewstoday.com",
    ),
    Pipeline(
        "cpc",
        "Caspian Pipeline Consortium pipeline",
        (
            "Caspian Pipeline Consortium",
            "CPC",
            "CPC pipeline",
            "Tengiz–Novorossiysk",
            "Tengiz-Novorossiysk",
        ),
        "oil",
        "operating",
        (
            "tengiz",
            "atyrau",
            "astrakhan",
            "neftekumsk",
            "budyonnovsk",
            "blagodarnyy",
            "stavropol",
            "kropotkin",
            "krymsk",
            "novorossiysk",
        ),
        1511,
        67,
        "Mt/y",
        1992,
        1999,
        2001,
        "Caspian Pipeline Consortium",
        ("KAZ", "RUS"),
        "length 1511 km, agreement 1992, construction 1999, first tanker 2001, 67 Mt/y after the 2018 "
        "expansion: Caspian Pipeline Consortium encyclopedia entry (web-production-4e80b.up.railway.app/page/"
        "Caspian_Pipeline_Consortium)",
    ),
    Pipeline(
        "cac",
        "Central Asia–China gas pipeline",
        (
            "Central Asia–China gas pipeline",
            "Central Asia-China gas pipeline",
            "Turkmenistan–China gas pipeline",
            "China–Central Asia gas pipeline",
            "CAGP",
        ),
        "gas",
        "operating",
        (
            "turkmenabat",
            "bukhara",
            "navoiy",
            "samarkand",
            "jizzax",
            "guliston",
            "tashkent",
            "shymkent",
            "taraz",
            "merke",
            "shu",
            "almaty",
            "zharkent",
            "khorgos",
        ),
        1833,
        55,
        "bcm/y",
        2006,
        2007,
        2009,
        "Trans-Asia Gas Pipeline Co. (CNPC)",
        ("TKM", "UZB", "KAZ", "CHN"),
        "length 1833 km (188 km Turkmenistan, 530 km Uzbekistan): offshore-technology.com; 55 bcm/y, "
        "framework agreement 2006, construction 2007, commissioned 2009: piglix.com Central Asia–China gas "
        "pipeline; operator: en.people.cn/90778/7681457.html; route starts at Saman-Depe, drawn from Türkmenabat",
    ),
    Pipeline(
        "baku_supsa",
        "Baku–Supsa pipeline",
        (
            "Baku–Supsa",
            "Baku-Supsa",
            "Western Route Export Pipeline",
            "WREP",
            "Western Early Oil Pipeline",
        ),
        "oil",
        "operating",
        (
            "sangachal",
            "shirvan",
            "kyurdamir",
            "ujar",
            "agdash",
            "yevlakh",
            "ganja",
            "shamkir",
            "gazakh",
            "rustavi",
            "tbilisi",
            "gori",
            "khashuri",
            "zestaponi",
            "kutaisi",
            "samtredia",
            "supsa",
        ),
        829.6,
        106000,
        "bbl/d",
        1996,
        1997,
        1999,
        "BP (AIOC)",
        ("AZE", "GEO"),
        "length 829.6 km (Azerbaijan 456.4, Georgia 373.2), capacity 90,000 bbl/d (maximum 106,000), AIOC "
        "operator: socar.az/en/page/baku-supsa-pipeline; built 1997-1998, opened 17 April 1999: "
        "lib.aliyevheritage.org/en/9506488.html (which gives 833 km); "
        "agreement 8 March 1996: en.wikipedia Baku–Supsa Pipeline",
    ),
    Pipeline(
        "baku_novorossiysk",
        "Baku–Novorossiysk pipeline",
        (
            "Baku–Novorossiysk",
            "Baku-Novorossiysk",
            "Northern Route Export Pipeline",
            "Northern Early Oil Pipeline",
            "Baku–Grozny–Tikhoretsk–Novorossiysk",
        ),
        "oil",
        "operating",
        (
            "sangachal",
            "sumgayit",
            "derbent",
            "makhachkala",
            "khasavyurt",
            "grozny",
            "budyonnovsk",
            "tikhoretsk",
            "krasnodar",
            "novorossiysk",
        ),
        1330,
        105000,
        "bbl/d",
        1996,
        None,
        1997,
        "SOCAR (Azerbaijan); Transneft (Russia)",
        ("AZE", "RUS"),
        "length 1330 km, 105,000 bbl/d, contract 18 Feb 1996, commissioned 25 Oct 1997: "
        "gem.wiki/Baku-Novorossiysk_Oil_Pipeline; drawn on the original route through Grozny",
    ),
    Pipeline(
        "tanap",
        "Trans-Anatolian Natural Gas Pipeline",
        ("Trans-Anatolian Natural Gas Pipeline", "Trans-Anatolian Pipeline", "TANAP"),
        "gas",
        "operating",
        (
            "ardahan",
            "kars",
            "erzurum",
            "erzincan",
            "sivas",
            "yozgat",
            "kirsehir",
            "ankara",
            "eskisehir",
            "kutahya",
            "bilecik",
            "bursa",
            "balikesir",
            "canakkale",
            "kesan",
        ),
        1850,
        16,
        "bcm/y",
        None,
        2015,
        2018,
        "TANAP (SOCAR 51%, BOTAŞ 30%, BP 12%)",
        ("TUR",),
        "length 1850 km Georgian border (Ardahan) to Greek border (İpsala), 16 bcm/y, provinces crossed: "
        "businessturkeytoday.com (2018-06-10); opened 12 June 2018 after three years of construction: "
        "worldbulletin.net; shareholders: brecorder.com/news/amp/549234",
    ),
    Pipeline(
        "tap",
        "Trans Adriatic Pipeline",
        ("Trans Adriatic Pipeline", "Trans-Adriatic Pipeline", "TAP"),
        "gas",
        "operating",
        (
            "kesan",
            "komotini",
            "xanthi",
            "kavala",
            "serres",
            "thessaloniki",
            "veroia",
            "kozani",
            "korce",
            "elbasan",
            "berat",
            "fier",
            "lecce",
        ),
        878,
        10,
        "bcm/y",
        None,
        2016,
        2020,
        "TAP AG",
        ("GRC", "ALB", "ITA"),
        "length 878 km (Greece 550, Albania 215, offshore 105, Italy 8), groundbreaking 17 May 2016: "
        "dev.report.az/en/energy/tap-pipeline-construction-completed; 10 bcm/y, commercial operation "
        "end of 2020: bp.com (Trans Adriatic Pipeline starts commercial operations); the Albanian section "
        "crosses Korçë, Elbasan, Berat and Fier counties (county towns used as waypoints)",
    ),
    Pipeline(
        "tcgp",
        "Trans-Caspian Gas Pipeline",
        ("Trans-Caspian Gas Pipeline", "Trans-Caspian Pipeline", "TCGP", "TCP"),
        "gas",
        "proposed",
        ("turkmenbashi", "sangachal"),
        300,
        30,
        "bcm/y",
        1996,
        None,
        None,
        None,
        ("TKM", "AZE"),
        "proposed 1996, 30 bcm/y: reference.com (Trans-Caspian Gas Pipeline); planned length 300 km, "
        "Turkmen shore to Sangachal: w-stream-transcaspian.com/plan-of-work",
    ),
)


def pipeline_features() -> list[dict]:
    """Return the pipelines as GeoJSON features, checking each length against the published one.

    Raises
    ------
    ValueError
        If a computed length differs from the published one by more than ``LENGTH_TOLERANCE``.
    """
    out = []
    for pipe in PIPELINES:
        line = geodesic_line(pipe.route)
        length = geodesic_length_km(line)
        published = pipe.length_km_published
        if published and abs(length - published) > LENGTH_TOLERANCE * published:
            raise ValueError(f"{pipe.id}: computed {length:.0f} km vs published {published} km")
        props = {
            "id": pipe.id,
            "name": pipe.name,
            "aliases": list(pipe.aliases),
            "commodity": pipe.commodity,
            "status": pipe.status,
            "length_km": round(length, 1),
            "length_km_published": published,
            "capacity": pipe.capacity,
            "capacity_unit": pipe.capacity_unit,
            "proposed_year": pipe.proposed_year,
            "construction_year": pipe.construction_year,
            "start_year": pipe.start_year,
            "operator": pipe.operator,
            "countries": list(pipe.countries),
            "waypoints": list(pipe.route),
            "route_accuracy": "schematic",
            "source": pipe.source,
        }
        out.append(feature(line, props))
    return out
