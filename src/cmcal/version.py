"""The version of cmcal, in a leaf module: any module may import it without importing the library API."""

__version__ = "0.1.0"
