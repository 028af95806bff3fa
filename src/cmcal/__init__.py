"""cmcal: a content calendar for community managers, kept as YAML in git."""

__version__ = "0.1.0"
