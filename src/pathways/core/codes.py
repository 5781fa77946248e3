"""Parse and normalise the codes the field uses: SOC 2018, O*NET-SOC 2019, CIP 2020, NAICS.

Each parser accepts the forms seen in real files (Excel's ``="01.0101"``, missing
leading zeros, surrounding blanks) and returns the canonical text, or raises
``CodeError`` naming the bad value.
"""

from __future__ import annotations

import re

_SOC = re.compile(r"^(\d{2})-(\d{4})$")
_ONET = re.compile(r"^(\d{2})-(\d{4})\.(\d{2})$")
_CIP = re.compile(r"^(\d{1,2})(?:\.(\d{2})(\d{2})?)?$")
_NAICS = re.compile(r"^\d{2,6}$")


class CodeError(ValueError):
    """A code that does not have the shape its standard gives it."""


def _clean(value: object) -> str:
    text = str(value).strip()
    if text.startswith('="') and text.endswith('"'):
        text = text[2:-1]
    return text.strip().strip('"')


def soc_code(value: object) -> str:
    """Return a SOC 2018 code as ``NN-NNNN``."""
    text = _clean(value)
    if _ONET.match(text):
        text = text[:7]
    if not _SOC.match(text):
        raise CodeError(f"not a SOC code: {value!r} (expected NN-NNNN)")
    return text


def onet_soc_code(value: object) -> str:
    """Return an O*NET-SOC code as ``NN-NNNN.NN``; a bare SOC code gets ``.00``."""
    text = _clean(value)
    if _SOC.match(text):
        text += ".00"
    if not _ONET.match(text):
        raise CodeError(f"not an O*NET-SOC code: {value!r} (expected NN-NNNN.NN)")
    return text


def soc_of_onet(value: object) -> str:
    """The SOC 2018 detailed code an O*NET-SOC code belongs to (its first 7 characters)."""
    return onet_soc_code(value)[:7]


def cip_code(value: object) -> str:
    """Return a CIP 2020 code as ``NN``, ``NN.NN`` or ``NN.NNNN``.

    Spreadsheets drop the leading zero (``1.0101``); four digits without a dot
    (``5138``, as in College Scorecard) mean a 4-digit series.
    """
    text = _clean(value)
    if re.fullmatch(r"\d{4}", text):
        text = f"{text[:2]}.{text[2:]}"
    match = _CIP.match(text)
    if not match:
        raise CodeError(f"not a CIP code: {value!r} (expected NN.NNNN)")
    series, mid, tail = match.groups()
    code = series.zfill(2)
    if mid:
        code += "." + mid + (tail or "")
    return code


def naics_code(value: object) -> str:
    """Return a NAICS code (2 to 6 digits)."""
    text = _clean(value)
    if not _NAICS.match(text):
        raise CodeError(f"not a NAICS code: {value!r} (expected 2 to 6 digits)")
    return text
