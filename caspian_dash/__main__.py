"""Command line: ``python -m caspian_dash COMMAND [args]``.

Each command lives in its own module; this table only names them, so that importing the
CLI stays cheap and a command's heavy dependencies load only when it runs.
"""

from __future__ import annotations

import importlib
import sys

COMMANDS = {
    # name: (module, function, one-line help)
    "build-assets": ("caspian_dash.assets", "main", "vendor Leaflet & co. from npm into static/"),
    "build-geodata": ("caspian_dash.geobuild.cli", "main", "rebuild the layers in geodata/"),
    "build-gazetteer": (
        "caspian_dash.geobuild.small_places",
        "main",
        "rebuild the small places and the layers' names the extractor reads",
    ),
    "extract": ("caspian_dash.extract.cli", "main", "extract events from a folder of documents"),
    "evaluate": (
        "caspian_dash.extract.cli",
        "evaluate_main",
        "score extracted events against gold",
    ),
    "add": ("caspian_dash.documents.cli", "add_main", "add documents to the documents folder"),
    "remove": ("caspian_dash.documents.cli", "remove_main", "remove a document from the folder"),
    "review": (
        "caspian_dash.review.cli",
        "main",
        "the analysts' review log: list, export, import, export-gold",
    ),
    "export-briefing": (
        "caspian_dash.briefing.cli",
        "main",
        "a story as an offline briefing pack (HTML, and PDF with Chromium)",
    ),
    "export-map": (
        "caspian_dash.mapping.export_cli",
        "main",
        "write the map for a filter as one HTML file",
    ),
}


def _usage() -> str:
    lines = ["usage: python -m caspian_dash COMMAND [args]", "", "commands:"]
    lines += [f"  {name:<15} {help_}" for name, (_, _, help_) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print(_usage())
        return 0
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"unknown command {name!r}\n\n{_usage()}", file=sys.stderr)
        return 2
    module, function, _ = COMMANDS[name]
    run = getattr(importlib.import_module(module), function)
    return int(run(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
