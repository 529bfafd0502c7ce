"""Files the app writes for the browser to fetch once and cache (``static/generated/``).

Each is named by its content, so a changed file gets a new address (no stale cache) and
several app processes can share the folder.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import posixpath
import re
import tempfile
from pathlib import Path


def publish(folder: Path, stem: str, suffix: str, text: str, *, compress: bool = False) -> str:
    """Write ``text`` as ``folder/<stem>-<digest><suffix>`` (once); returns the file's name.

    With ``compress`` the file is gzip data and its name ends in ``.gz``: the server sends
    it as it is (``application/gzip``) instead of compressing the text again on every
    request, and the browser unpacks it (runtime.js ``fetchLayer``).
    Raises OSError when the folder cannot be written.
    """
    data = text.encode()
    digest = hashlib.sha256(data).hexdigest()[:16]
    path = Path(folder) / f"{stem}-{digest}{suffix}{'.gz' if compress else ''}"
    if not path.exists():
        if compress:
            data = gzip.compress(data, compresslevel=9, mtime=0)  # mtime=0: same bytes each time
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)  # atomic: a reader never sees half a file
    return path.name


def bundle_scripts(
    links: list[str], static_dir: Path, static_url: str, folder: Path, base_url: str
) -> list[str]:
    """The app's own scripts in ``links`` as one published file, in the same order.

    The map component loads a map's scripts one after another, each waiting for the last:
    one file saves a round trip per script on every first visit. Links outside
    ``static_url``, or a folder that cannot be written, leave ``links`` as they are.
    """
    # each file ends its own statements: a line break and ";" keep the next one apart
    return _bundle(
        links,
        static_dir,
        static_url,
        folder,
        base_url,
        "map-scripts",
        ".js",
        lambda texts: "\n;\n".join(text for _, text in texts),
    )


def bundle_styles(
    links: list[str], static_dir: Path, static_url: str, folder: Path, base_url: str
) -> list[str]:
    """The app's own style sheets in ``links`` as one published file, in the same order,
    their relative ``url(...)`` references (fonts, images) made absolute so that they
    still point at the files beside the originals."""
    return _bundle(
        links,
        static_dir,
        static_url,
        folder,
        base_url,
        "map-styles",
        ".css",
        lambda texts: "\n".join(absolute_urls(text, link) for link, text in texts),
    )


# url(...) in a style sheet: group 1 the quote if any, group 2 the address
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def absolute_urls(css: str, css_url: str) -> str:
    """``css`` (served at ``css_url``) with its relative ``url(...)`` references absolute.

    >>> absolute_urls("a{b:url(../fonts/x.woff2)} c{d:url('#v')}", "/s/pkg/css/all.css")
    "a{b:url(/s/pkg/fonts/x.woff2)} c{d:url('#v')}"
    """
    folder = posixpath.dirname(css_url)

    def fix(match: re.Match) -> str:
        quote, ref = match.group(1), match.group(2).strip()
        if ref.startswith(("#", "/")) or _SCHEME.match(ref):
            return match.group(0)  # a fragment, an absolute path, data: or http(s):
        return f"url({quote}{posixpath.normpath(posixpath.join(folder, ref))}{quote})"

    return CSS_URL.sub(fix, css)


def _bundle(links, static_dir, static_url, folder, base_url, stem, suffix, join) -> list[str]:
    prefix = static_url.rstrip("/") + "/"
    if len(links) < 2 or not all(link.startswith(prefix) for link in links):
        return links
    try:
        texts = [
            (link, (static_dir / link[len(prefix) :]).read_text(encoding="utf-8")) for link in links
        ]
        name = publish(folder, stem, suffix, join(texts))
    except OSError:
        return links
    return [f"{base_url.rstrip('/')}/{name}"]
