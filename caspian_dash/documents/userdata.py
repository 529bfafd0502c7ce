"""The user's documents folder: outside the repository, first filled from ``seeds/``.

By default the documents live in ``settings.DEFAULT_DOCS_DIR``
(``$XDG_DATA_HOME/caspian_dash/documents``, else ``~/.local/share/caspian_dash/documents``).
The first time it is used and does not exist yet, it is created as a copy of the seed
documents and their manifest, all or nothing: the copy is written to a hidden temporary
folder beside it, then renamed into place, so an interrupted first start leaves either no
folder (the next start tries again) or the complete one. A folder named by
``CASPIAN_DASH_DOCS`` is used as it is, never filled.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from filelock import FileLock

from caspian_dash import settings

_TMP_SUFFIX = ".tmp"
_MANIFEST = "sources.csv"  # as ingest.MANIFEST (not imported: ingest pulls in the converters)
_ORIGINALS = "originals"  # as store.ORIGINALS

# For the crash tests: the named step kills the process with SIGKILL (never set in use).
_CRASH_AT = os.environ.get("CASPIAN_DASH_CRASH_AT", "")


def _crash_point(step: str) -> None:
    if _CRASH_AT == step:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def _fsync_dir(folder: Path) -> None:
    from caspian_dash.documents.store import fsync_dir  # store calls prepare(): imported when used

    fsync_dir(folder)


def _copy(source: Path, target: Path) -> None:
    with source.open("rb") as src, target.open("wb") as dst:
        shutil.copyfileobj(src, dst)
        dst.flush()
        os.fsync(dst.fileno())


def seed_files(seeds: Path) -> list[Path]:
    """What a new documents folder receives: the seed documents, their manifest and any
    originals (the seeds' README and anything else stay behind)."""
    seeds = Path(seeds)
    files = [
        *sorted(seeds.glob("*.txt")),
        seeds / _MANIFEST,
        *sorted((seeds / _ORIGINALS).glob("*")),
    ]
    return [p for p in files if p.is_file() and not p.name.startswith(".")]


def first_fill(folder: Path, seeds: Path) -> bool:
    """Create ``folder`` as a copy of the seed files unless it exists; True if this call
    created it. Safe against a kill at any point and against two processes at once."""
    folder = Path(folder)
    if folder.exists():
        return False
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(parent / f".{folder.name}.lock"), timeout=60):
        if folder.exists():  # another process filled it while this one waited
            return False
        for stale in parent.glob(f".{folder.name}.*{_TMP_SUFFIX}"):
            shutil.rmtree(stale, ignore_errors=True)  # left by an interrupted first start
        tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{folder.name}.", suffix=_TMP_SUFFIX))
        try:
            for n, source in enumerate(seed_files(seeds)):
                target = tmp / source.relative_to(seeds)
                target.parent.mkdir(exist_ok=True)
                _copy(source, target)
                if n == 0:
                    _crash_point("seeding")
            if (tmp / _ORIGINALS).is_dir():
                _fsync_dir(tmp / _ORIGINALS)
            _fsync_dir(tmp)
            _crash_point("seeded")
            os.rename(tmp, folder)  # the commit point: the folder appears whole or not at all
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        _fsync_dir(parent)
    return True


def prepare(folder: Path | str) -> Path:
    """``folder``, created from the seeds first when it is the default documents folder and
    does not exist yet; any other folder (``CASPIAN_DASH_DOCS``'s, a test's) is left as it is.
    Cheap when there is nothing to do (one ``stat``)."""
    folder = Path(folder)
    if (
        not os.environ.get("CASPIAN_DASH_DOCS")
        and not folder.exists()
        and os.path.abspath(folder) == os.path.abspath(settings.DEFAULT_DOCS_DIR)
    ):
        first_fill(folder, settings.SEEDS_DIR)
    return folder
