"""``python -m caspian_dash build-geodata``: rebuild every layer in ``geodata/``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..settings import GEODATA_DIR
from . import layer_names, layers
from .sources import CACHE_DIR
from .write import write_layer


def build(out_dir: Path, cache_dir: Path = CACHE_DIR) -> dict[str, int]:
    """Build all layers into ``out_dir`` and return {file name: size in bytes}.

    Parameters
    ----------
    out_dir : Path
        Target folder, created if missing.
    cache_dir : Path
        Where the npm tarballs are cached.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name, features in layers.build_all(cache_dir).items():
        sizes[f"{name}.geojson"] = write_layer(out_dir / f"{name}.geojson", features)
    return sizes


def main(argv: list[str]) -> int:
    """Command-line entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m caspian_dash build-geodata", description=__doc__
    )
    parser.add_argument(
        "--out", type=Path, default=GEODATA_DIR, help="output folder (default: geodata/)"
    )
    parser.add_argument("--cache", type=Path, default=CACHE_DIR, help="npm tarball cache")
    args = parser.parse_args(argv)
    sizes = build(args.out, args.cache)
    for name, size in sizes.items():
        print(f"{size / 1024:8.1f} KiB  {args.out / name}")
    print(f"{sum(sizes.values()) / 1024:8.1f} KiB  total")
    if args.out.resolve() == GEODATA_DIR.resolve():  # the project's own layers: renamed too
        print(f"{layer_names.write(args.out)} layer features -> {layer_names.OUTPUT}")
    return 0
