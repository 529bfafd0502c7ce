"""Build the map layers in ``geodata/`` from pinned public data (see ``geodata/SOURCES.md``).

Run ``python -m caspian_dash build-geodata``. One module per layer; ``write`` makes the
output byte-for-byte reproducible.
"""
