"""Shared performance measures: runs, dashboards and published outcomes (uses metrics/)."""
