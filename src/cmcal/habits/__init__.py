"""Habits: recurrence over a bounded window, the slots it makes, and the posts that fill them."""
