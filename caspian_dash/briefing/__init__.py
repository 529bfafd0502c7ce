"""Briefing mode: stories of map views, presented in the app and exported as a pack.

- ``story``: a story and its steps, their checks, JSON with a format version (pure);
- ``store``: stories as files in the documents folder (I/O);
- ``pack``: the offline briefing pack, one slide a step with its map and footnotes (pure);
- ``cli``: ``python -m caspian_dash export-briefing STORY -o pack.html [--pdf pack.pdf]``.
"""
