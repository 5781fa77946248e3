"""Funding streams a partnership braids, and the awards navigators record (issue 18)."""
