"""A tiny framework for hand-computed engine tests: two criteria, five indicators."""

from __future__ import annotations

from pathways.frameworks import load_framework

TINY = """\
format: 1
key: tiny
version: "1"
title: Tiny framework
level: any
criteria:
  - key: k1
    title: First criterion
    indicators:
      - {key: i1, text: One}
      - {key: i2, text: Two}
      - {key: i3, text: Three}
  - key: k2
    title: Second criterion
    indicators:
      - {key: i4, text: Four}
      - {key: i5, text: Five}
"""


def tiny():
    return load_framework("tiny.yaml", TINY)
