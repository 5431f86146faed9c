"""Strategies for :mod:`carekit.privacy`: findings, phone finders, private
links, move-to-private proposals and redactors, plus card numbers and texts
that hold personal data."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from carekit._luhn import luhn_valid
from carekit.conversations import Channel
from carekit.privacy import (
    Finding,
    FindingKind,
    LibphonenumberFinder,
    MoveToPrivate,
    PatternPhoneFinder,
    PrivateLinks,
    Redactor,
)

from ._common import identifiers

__all__ = [
    "card_numbers",
    "findings",
    "move_to_private_proposals",
    "private_links",
    "redactors",
    "sensitive_texts",
    "strategies_by_type",
]


def _check_digit(body: str) -> str:
    """The digit that makes *body* + digit pass the Luhn check."""
    return next(d for d in "0123456789" if luhn_valid(body + d))


@st.composite
def card_numbers(
    draw: st.DrawFn, *, separator: st.SearchStrategy[str] | None = None
) -> str:
    """Luhn-valid numbers of 13–19 digits, in groups of four joined by a
    space, a dash or nothing.

    Args:
        separator: Strategy for the character between groups.
    """
    length = draw(st.integers(13, 19))
    body = draw(st.text("0123456789", min_size=length - 1, max_size=length - 1))
    digits = body + _check_digit(body)
    sep = draw(separator if separator is not None else st.sampled_from(["", " ", "-"]))
    return sep.join(digits[i : i + 4] for i in range(0, len(digits), 4))


_FILLER = ("hola", "hello", "danke", "order", "2019", "12", "a@", "-", " ", "tel")


def sensitive_texts() -> st.SearchStrategy[str]:
    """Texts mixing words, digits, card numbers, e-mails and phones."""
    pieces = st.one_of(
        st.sampled_from(_FILLER),
        card_numbers(),
        st.sampled_from(["ana@example.com", "jo.li+x@mail.de"]),
        st.sampled_from(["+1 415-555-0132", "030 12345678", "+34 612 34 56 78"]),
        st.text("0123456789 -", max_size=24),
    )
    return st.lists(pieces, max_size=6).map(" ".join)


@st.composite
def findings(draw: st.DrawFn) -> Finding:
    """Findings with a valid span."""
    start = draw(st.integers(0, 200))
    return Finding(
        draw(st.sampled_from(list(FindingKind))),
        start,
        start + draw(st.integers(1, 40)),
    )


def private_links() -> st.SearchStrategy[PrivateLinks]:
    """Private links, with or without each channel's link."""
    return st.builds(
        PrivateLinks,
        twitter_recipient_id=st.none()
        | st.from_regex(r"[1-9][0-9]{0,12}", fullmatch=True),
        messenger_handle=st.none()
        | st.sampled_from(["acme.store", "carekit", "shop42"]),
    )


def move_to_private_proposals() -> st.SearchStrategy[MoveToPrivate]:
    """Move-to-private proposals."""
    return st.builds(
        MoveToPrivate,
        identifiers(),
        st.sampled_from([Channel.TWITTER_PUBLIC, Channel.FACEBOOK_COMMENT]),
        kinds=st.lists(st.sampled_from(list(FindingKind)), min_size=1, max_size=3),
        link=st.none() | st.sampled_from(["https://m.me/acme.store"]),
    )


def redactors() -> st.SearchStrategy[Redactor]:
    """Default redactors with their settings."""
    return st.builds(
        Redactor,
        mask_char=st.sampled_from(["*", "•", "#", "x"]).filter(
            lambda c: not c.isalnum()
        ),
        card_digits=st.integers(0, 4),
        phone_digits=st.integers(0, 4),
    )


def strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each privacy model."""
    return {
        Finding: findings(),
        LibphonenumberFinder: st.builds(
            LibphonenumberFinder, st.sampled_from(["US", "ES", "DE", "MX"])
        ),
        MoveToPrivate: move_to_private_proposals(),
        PatternPhoneFinder: st.builds(
            PatternPhoneFinder,
            min_digits=st.integers(1, 7),
            max_digits=st.integers(7, 15),
        ),
        PrivateLinks: private_links(),
        Redactor: redactors(),
    }
