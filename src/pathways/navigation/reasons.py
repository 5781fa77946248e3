"""Reasons as message templates with parameters, so the web layer can translate them.

``_`` only marks a template for extraction (``makemessages``); it does not translate in
the engine, which never imports Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def _(text: str) -> str:
    return text


@dataclass(frozen=True)
class Reason:
    template: str
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.template % self.params if self.params else self.template


__all__ = ["Reason", "_"]
