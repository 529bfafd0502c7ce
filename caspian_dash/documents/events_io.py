"""Events on disk: an events GeoJSON file (``extract``) or GeoParquet partitions
(``extract --engine dask``), read back as the same :class:`~caspian_dash.models.Event`\\ s.

GeoParquet layout: a folder of ``part.NNNNN.parquet`` files written with geopandas, Point
geometry in EPSG:4326 (null when no place was resolved), one column per event field. Lists
(actors, linked_features, flags) and ``sources`` (objects with doc_id, sentence, char_start,
char_end) are JSON text: every Parquet reader keeps them as plain strings, whatever the
part holds (Arrow list columns written through pandas do not read back in pandas).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from caspian_dash.extract.geojson import events_from_geojson
from caspian_dash.models import Event, Source

PART_GLOB = "part.*.parquet"
_TEXT_FIELDS = ("id", "title", "event_type", "date_start", "date_end", "time_precision")
_OPTIONAL_FIELDS = ("place", "geo_precision")
_LIST_FIELDS = ("actors", "linked_features", "flags")


def load_events(path: str | Path) -> list[Event]:
    """Events from an events GeoJSON file, a GeoParquet file or a folder of GeoParquet parts.

    Parameters
    ----------
    path : a ``.geojson``/``.json`` file written by ``extract``, a ``.parquet`` file, or a
        folder of ``*.parquet`` files (read in name order) written by ``extract --engine dask``

    Raises
    ------
    FileNotFoundError, ValueError : the path is missing or holds neither format
    """
    path = Path(path)
    if path.is_dir():
        parts = sorted(path.glob("*.parquet"))
        if not parts:
            raise ValueError(f"{path}: folder holds no *.parquet files")
        return [event for part in parts for event in _read_part(part)]
    with path.open("rb") as f:
        magic = f.read(4)
    if magic == b"PAR1":
        return _read_part(path)
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: neither events GeoJSON nor GeoParquet ({error})") from None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise ValueError(f"{path}: not a GeoJSON FeatureCollection")
    return events_from_geojson(collection)


def write_geoparquet(events: list[Event], folder: str | Path, partitions: int = 1) -> list[Path]:
    """Write ``events`` as ``partitions`` GeoParquet files ``part.00000.parquet``... in ``folder``.

    Events keep their order: part 0 holds the first slice, and so on (an empty slice still
    gets its file, with the same schema). Older ``part.*.parquet`` files in the folder are
    removed first, so a rerun with fewer partitions leaves no stale part behind.

    Returns
    -------
    the files written, in order
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(PART_GLOB):
        old.unlink()
    partitions = max(1, int(partitions))
    size = math.ceil(len(events) / partitions) if events else 0
    written = []
    for number in range(partitions):
        path = folder / f"part.{number:05d}.parquet"
        _frame(events[number * size : (number + 1) * size]).to_parquet(path, index=False)
        written.append(path)
    return written


def _frame(events: list[Event]):
    import geopandas
    import shapely

    # Explicit string dtype: a column that is all None in one part must still be a string
    # column, or the parts would not read as one dataset.
    text = pd.StringDtype("pyarrow")
    columns = {
        name: pd.Series([getattr(e, name) for e in events], dtype=text)
        for name in (*_TEXT_FIELDS, *_OPTIONAL_FIELDS)
    }
    for name in _LIST_FIELDS:
        columns[name] = pd.Series([_json(list(getattr(e, name))) for e in events], dtype=text)
    columns["sources"] = pd.Series(
        [_json([vars(s) for s in e.sources]) for e in events], dtype=text
    )
    points = [
        shapely.Point(e.lon, e.lat) if e.lon is not None and e.lat is not None else None
        for e in events
    ]
    return geopandas.GeoDataFrame(columns, geometry=geopandas.GeoSeries(points, crs="EPSG:4326"))


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _read_part(path: Path) -> list[Event]:
    import geopandas

    try:
        frame = geopandas.read_parquet(path)
    except ValueError as error:  # e.g. a Parquet file without GeoParquet metadata
        raise ValueError(f"{path}: not GeoParquet events ({error})") from None
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    missing = [c for c in (*_TEXT_FIELDS, "sources") if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: not an events file (no column {', '.join(missing)})")
    events = []
    for row, point in zip(frame.to_dict("records"), frame.geometry):
        located = point is not None and not point.is_empty
        fields: dict[str, Any] = {name: str(row[name]) for name in _TEXT_FIELDS}
        fields.update({name: _text_or_none(row.get(name)) for name in _OPTIONAL_FIELDS})
        fields.update({name: tuple(_items(row.get(name))) for name in _LIST_FIELDS})
        events.append(
            Event(
                **fields,
                lon=float(point.x) if located else None,
                lat=float(point.y) if located else None,
                sources=tuple(
                    Source(s["doc_id"], s["sentence"], int(s["char_start"]), int(s["char_end"]))
                    for s in _items(row["sources"])
                ),
            )
        )
    return events


def _text_or_none(value) -> str | None:
    # a missing string comes back as None, NaN or NA depending on the column's dtype
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


def _items(value) -> list:
    text = _text_or_none(value)
    return json.loads(text) if text else []
