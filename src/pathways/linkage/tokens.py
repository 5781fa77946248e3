"""Keyed tokens for identifiers partners must not share in the clear.

A partner that may not send another partner a government identifier or a date of birth can
send ``token(value, key)`` instead: the same value under the same partnership key gives the
same token, so records still join exactly, but the token cannot be turned back into the value
without the key, and a dictionary of likely values is useless without it (HMAC-SHA256, not a
bare hash). Values are standardised first so formatting does not break the join.
"""

from __future__ import annotations

import hashlib
import hmac
import re

MIN_KEY_BYTES = 16
_SEPARATORS = re.compile(r"[\s\-./]+")


def standard_identifier(value: str) -> str:
    """'123-45-6789' and '123 45 6789' are the same identifier."""
    return _SEPARATORS.sub("", value.strip()).upper()


def token(value: str, key: bytes) -> str:
    """The hex HMAC-SHA256 of the standardised ``value`` under ``key``."""
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(f"a linkage key needs at least {MIN_KEY_BYTES} bytes")
    return hmac.new(key, standard_identifier(value).encode("utf-8"), hashlib.sha256).hexdigest()
