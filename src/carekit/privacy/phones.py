"""Finding phone numbers in text, behind a :class:`PhoneFinder` Protocol.

With the ``phones`` extra (``pip install carekit[phones]``),
:class:`LibphonenumberFinder` uses ``phonenumbers``, the Python port of
Google's libphonenumber, and its ``PhoneNumberMatcher`` with a region hint:
numbers written in international form (``+49 30 1234567``) are found
whatever the region, national ones (``030 1234567``) by the region's rules.

Without it, :class:`PatternPhoneFinder` applies this documented pattern:

- a run of digits in groups, joined by at most one space, dot or dash, with
  an optional leading ``+`` and an optional group in parentheses
  (``(415) 555-0132``);
- holding 7 to 15 digits in all (ITU-T E.164 allows at most 15);
- not an ISO date (``2019-10-18``), and not inside a word.

The pattern catches more than the library (an order number of 7 to 15 digits
looks like a phone to it), which errs on the side of privacy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol, runtime_checkable

from attrs import field, frozen

from carekit.errors import InvalidValue

__all__ = [
    "LibphonenumberFinder",
    "PatternPhoneFinder",
    "PhoneFinder",
    "phone_finder",
]


@runtime_checkable
class PhoneFinder(Protocol):
    """Finds phone numbers in a text."""

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        """The ``(start, end)`` span of each phone number in *text*."""
        ...


# Digit groups joined by at most one separator; an optional "+" and one
# parenthesised group (area code) in front.
_PHONE_RUN = re.compile(
    r"(?<![\w+])(?:\+[ ]?)?(?:\([0-9]{1,5}\)[ .-]?)?[0-9]+(?:[ .-]?[0-9]+)*(?!\w)"
)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@frozen
class PatternPhoneFinder:
    """Phone numbers by the documented pattern: 7 to 15 digits in groups.

    Attributes:
        min_digits: Fewest digits a phone number has.
        max_digits: Most digits a phone number has.
    """

    min_digits: int = field(default=7, kw_only=True)
    max_digits: int = field(default=15, kw_only=True)

    def __attrs_post_init__(self) -> None:
        for name in ("min_digits", "max_digits"):
            value = getattr(self, name)
            if type(value) is not int or value < 1:
                raise InvalidValue(name, value, "must be a whole number, one or more")
        if self.min_digits > self.max_digits:
            raise InvalidValue(
                "max_digits", self.max_digits, "must be at least min_digits"
            )

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        """Spans of digit runs of *min_digits* to *max_digits* digits."""
        for match in _PHONE_RUN.finditer(text):
            run = match.group()
            digits = sum(char.isdigit() for char in run)
            if self.min_digits <= digits <= self.max_digits and not _ISO_DATE.fullmatch(
                run
            ):
                yield match.span()


def _region(_inst: object, _attribute: object, value: object) -> None:
    if not (isinstance(value, str) and len(value) == 2 and value.isalpha()):
        raise InvalidValue("region", value, "must be a two-letter region such as 'US'")


@frozen
class LibphonenumberFinder:
    """Phone numbers by ``phonenumbers.PhoneNumberMatcher`` (the ``phones``
    extra), keeping only numbers valid in their region.

    Attributes:
        region: ISO 3166-1 alpha-2 region for numbers written without a
            country code (``"US"``, ``"ES"``, ``"DE"``).
    """

    region: str = field(default="US", validator=_region)

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        """Spans of the numbers the matcher finds."""
        import phonenumbers

        for match in phonenumbers.PhoneNumberMatcher(text, self.region.upper()):
            yield match.start, match.end


def phone_finder(region: str = "US") -> PhoneFinder:
    """The best finder available: :class:`LibphonenumberFinder` with the
    ``phones`` extra installed, else :class:`PatternPhoneFinder`.

    Args:
        region: The region hint for the library (ignored by the pattern).
    """
    try:
        import phonenumbers  # noqa: F401
    except ImportError:
        return PatternPhoneFinder()
    return LibphonenumberFinder(region)
