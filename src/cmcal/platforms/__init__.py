"""Platforms: each platform's publishing rules (docs/platforms.md) and text counted in its own unit."""
