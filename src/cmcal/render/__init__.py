"""Renderers: plain text for pipes and CI, Rich renderables for people. None of them prints."""
