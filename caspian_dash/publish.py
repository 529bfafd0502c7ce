"""Files the app writes for the browser to fetch once and cache (``static/generated/``).

Each is named by its content, so a changed file gets a new address (no stale cache) and
several app processes can share the folder.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def publish(folder: Path, stem: str, suffix: str, text: str) -> str:
    """Write ``text`` as ``folder/<stem>-<digest><suffix>`` (once); returns the file's name.

    Raises OSError when the folder cannot be written.
    """
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    path = Path(folder) / f"{stem}-{digest}{suffix}"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)  # atomic: a reader never sees half a file
    return path.name


def bundle_scripts(links: list[str], static_dir: Path, static_url: str, folder: Path,
                   base_url: str) -> list[str]:
    """The app's own scripts in ``links`` as one published file, in the same order.

    streamlit-folium loads a map's scripts one after another, each waiting for the last:
    one file saves a round trip per script on every first visit. Links outside
    ``static_url``, or a folder that cannot be written, leave ``links`` as they are.
    """
    prefix = static_url.rstrip("/") + "/"
    if len(links) < 2 or not all(link.startswith(prefix) for link in links):
        return links
    try:
        parts = [(static_dir / link[len(prefix):]).read_text(encoding="utf-8") for link in links]
        # each file ends its own statements: a line break and ";" keep the next one apart
        name = publish(folder, "map-scripts", ".js", "\n;\n".join(parts))
    except OSError:
        return links
    return [f"{base_url.rstrip('/')}/{name}"]
