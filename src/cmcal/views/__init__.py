"""Views: what `upcoming`, `gaps` and `month` show, as values, tables, JSON and CSV."""
