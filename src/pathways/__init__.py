"""Pathways: a platform for career pathway systems."""

__version__ = "0.1.0"
