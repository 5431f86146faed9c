"""The personal-data guard: card numbers, e-mail addresses and phone numbers
in a text.

The rules:

- **Card numbers** (ISO/IEC 7812): 13 to 19 digits, optionally in groups
  joined by one space or dash, that pass the Luhn check. A longer run of
  groups (a card number followed by an expiry year) is searched group by
  group for such a number.
- **E-mail addresses**: ``local@domain.tld``.
- **Phone numbers**: by :mod:`carekit.privacy.phones`.

Spans never overlap: an e-mail address is taken first, then card numbers,
then phone numbers outside both. A :class:`Finding` holds only the kind and
the span, never the matched text, so it can be logged or stored safely.

>>> found = scan("Card 4242 4242 4242 4242, mail ana@example.com")
>>> " and ".join(finding.kind.value for finding in found)
'card_number and email'
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from typing import Any

from attrs import field, frozen

from carekit._luhn import luhn_valid
from carekit._validate import enum_member
from carekit.errors import InvalidValue
from carekit.privacy.phones import PhoneFinder, phone_finder

__all__ = ["Finding", "FindingKind", "scan"]


class FindingKind(enum.Enum):
    """What kind of personal data was found."""

    CARD_NUMBER = "card_number"
    EMAIL = "email"
    PHONE = "phone"


def _offset(_inst: object, attribute: Any, value: Any) -> None:
    if type(value) is not int or value < 0:
        name = attribute.alias or attribute.name
        raise InvalidValue(name, value, "must be a whole number, zero or more")


@frozen
class Finding:
    """Personal data at ``text[start:end]``.

    Attributes:
        kind: Card number, e-mail address or phone number.
        start: Offset of the first character.
        end: Offset just past the last character; after *start*.
    """

    kind: FindingKind = field(validator=enum_member(FindingKind))
    start: int = field(validator=_offset)
    end: int = field(validator=_offset)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidValue("end", self.end, "must be after start")


_GROUPS = re.compile(r"[0-9]+(?:[ -][0-9]+)*")
_GROUP = re.compile(r"[0-9]+")
_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
_CARD_MIN, _CARD_MAX = 13, 19
_WORTH_A_LOOK = re.compile(r"[\d@]")


def _card_in(groups: list[re.Match[str]], first: int) -> int | None:
    """The last group of the longest card number starting at group *first*."""
    best = None
    digits = ""
    for last in range(first, len(groups)):
        digits += groups[last].group()
        if len(digits) > _CARD_MAX:
            break
        if len(digits) >= _CARD_MIN and luhn_valid(digits):
            best = last
    return best


def card_numbers(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the card numbers in *text*: 13–19 digits, Luhn-valid."""
    for run in _GROUPS.finditer(text):
        groups = list(_GROUP.finditer(run.group()))
        base, first = run.start(), 0
        while first < len(groups):
            last = _card_in(groups, first)
            if last is None:
                first += 1
                continue
            yield base + groups[first].start(), base + groups[last].end()
            first = last + 1


def emails(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the e-mail addresses in *text*."""
    for match in _EMAIL.finditer(text):
        yield match.span()


def scan(text: str, *, phones: PhoneFinder | None = None) -> tuple[Finding, ...]:
    """Every card number, e-mail address and phone number in *text*.

    Args:
        text: A message text.
        phones: Finds phone numbers; default :func:`phone_finder` (the
            library with the ``phones`` extra, else the pattern).

    Returns:
        Non-overlapping findings, in text order.

    Raises:
        InvalidValue: *text* is not a string.
    """
    if not isinstance(text, str):
        raise InvalidValue("text", type(text).__name__, "must be a string")
    if _WORTH_A_LOOK.search(text) is None:  # no digit, no "@": nothing to find
        return ()
    taken: list[tuple[int, int, FindingKind]] = []
    finder = phones if phones is not None else phone_finder()
    for kind, spans in (
        (FindingKind.EMAIL, emails(text)),
        (FindingKind.CARD_NUMBER, card_numbers(text)),
        (FindingKind.PHONE, finder.find(text)),
    ):
        for start, end in spans:
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, kind))
    return tuple(Finding(kind, s, e) for s, e, kind in sorted(taken))
