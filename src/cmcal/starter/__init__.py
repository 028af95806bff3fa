"""Starter: a new calendar to begin from (`init`) and the JSON Schema for editors (`schema`)."""
