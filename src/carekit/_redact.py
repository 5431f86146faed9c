"""Keeping card and account numbers out of errors.

A payment card number has 13 to 19 digits. carekit never holds one, and no
error it raises echoes one: not in its message, not in an attribute, not in
an exception chained to it. These helpers decide what an error may show.

>>> redacted("4242 4242 4242 4242")
'<redacted>'
>>> redacted("visa")
'visa'
>>> scrub("extra fields found (4242424242424242)")
'extra fields found (<redacted>)'
"""

from __future__ import annotations

import re
from typing import Final

from carekit.errors import REDACTED

__all__ = ["CARD_NUMBER_DIGITS", "digit_count", "redacted", "scrub"]

#: The fewest digits of a payment card number (ISO/IEC 7812: 13 to 19).
CARD_NUMBER_DIGITS: Final = 13

# 13 or more digits, each pair at most one space or hyphen apart.
_NUMBER = re.compile(rf"\d(?:[ -]?\d){{{CARD_NUMBER_DIGITS - 1},}}")


def digit_count(value: object) -> int:
    """How many digits *value* shows: in its text for ``str`` and ``bytes``,
    in its ``repr`` otherwise. A value whose ``repr`` fails counts as having
    any number of digits, so it is never shown."""
    if isinstance(value, int):
        return len(str(abs(value))) if value.bit_length() < 4096 else 10**9
    if isinstance(value, bytes | bytearray):
        text = value.decode("latin-1")
    elif isinstance(value, str):
        text = value
    else:
        try:
            text = repr(value)
        except Exception:  # a broken or too deep repr: assume the worst
            return 10**9
    return sum(char.isdigit() for char in text)


def redacted(value: object, max_digits: int = CARD_NUMBER_DIGITS - 1) -> object:
    """*value*, or :data:`~carekit.errors.REDACTED` when it shows more than
    *max_digits* digits (by default: enough to be a card number)."""
    return REDACTED if digit_count(value) > max_digits else value


def scrub(text: str) -> str:
    """*text* with every run of 13 or more digits (spaces and hyphens
    allowed between them) replaced by :data:`~carekit.errors.REDACTED`."""
    return _NUMBER.sub(REDACTED, text)
