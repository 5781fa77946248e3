"""Django for the command line: commands set it up only when they touch the database.

It lives here, not in ``cli.py``, so that a command module imports without the CLI that
assembles it (``cli.py`` imports every command module; the reverse made a circle).
"""

from __future__ import annotations

import os

SETTINGS_MODULE = "pathways.web.settings"


def use_settings() -> None:
    """Point Django at the project's settings unless the environment names others."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)


def setup_django() -> None:
    """Settings, app registry and models, ready for the ORM (a second call does nothing)."""
    use_settings()
    import django

    django.setup()
