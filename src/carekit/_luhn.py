"""The Luhn check digit test, which every payment card number passes.

The rule (ISO/IEC 7812-1, Annex B): from the rightmost digit (the check digit)
moving left, double every second digit, subtract 9 from any result above 9,
and add everything up; the number is valid when the total is a multiple of 10.

>>> luhn_valid("4242424242424242")
True
>>> luhn_valid("4242424242424241")
False
"""

from __future__ import annotations

__all__ = ["luhn_valid"]

#: The value a digit adds once doubled (9 subtracted above 9), by digit.
_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def luhn_valid(digits: str) -> bool:
    """True when the ASCII digit string *digits* passes the Luhn check.

    An empty string, or one with anything but ``0``-``9``, is not valid.
    """
    if not digits or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = ord(char) - 48
        total += _DOUBLED[digit] if position % 2 else digit
    return total % 10 == 0
