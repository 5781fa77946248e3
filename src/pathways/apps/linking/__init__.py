"""Linking partners' files into one dataset for the shared measures (ADR 0053)."""
