"""caspian_dash: turn documents about the Caspian region into a filterable map."""

__version__ = "0.1.0"
