"""Redaction invariants: "redaction is idempotent, and never leaves a
Luhn-valid number of 13 digits or more" (a card number: 13 to 19 digits, in
groups joined by one space or dash), with the ``phones`` extra and without
it; every generated card number is found."""

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carekit._luhn import luhn_valid
from carekit.privacy import (
    FindingKind,
    LibphonenumberFinder,
    PatternPhoneFinder,
    PhoneFinder,
    redact,
    scan,
)
from carekit.testing import strategies as cks

FINDERS = [PatternPhoneFinder(), LibphonenumberFinder("US"), LibphonenumberFinder("DE")]
GROUP_RUN = re.compile(r"[0-9]+(?:[ -][0-9]+)*")


def luhn_valid_numbers(text: str) -> list[str]:
    """Every Luhn-valid number of 13–19 digits made of consecutive digit
    groups of *text*: an oracle independent of the guard's own search."""
    found = []
    for run in GROUP_RUN.finditer(text):
        groups = re.split(r"[ -]", run.group())
        for first in range(len(groups)):
            for last in range(first, len(groups)):
                digits = "".join(groups[first : last + 1])
                if 13 <= len(digits) <= 19 and luhn_valid(digits):
                    found.append(digits)
    return found


@pytest.mark.parametrize("phones", FINDERS, ids=repr)
@given(text=cks.sensitive_texts())
def test_redaction_is_idempotent_and_leaves_no_card_number(
    phones: PhoneFinder, text: str
) -> None:
    once = redact(text, phones=phones)
    assert once == redact(once, phones=phones)
    assert [] == luhn_valid_numbers(once)
    assert () == scan(once, phones=phones)


@given(card=cks.card_numbers(), before=st.sampled_from(["", "my card ", "tarjeta: "]))
def test_every_card_number_is_found_and_keeps_at_most_its_last_four_digits(
    card: str, before: str
) -> None:
    text = f"{before}{card} ok"
    kinds = [finding.kind for finding in scan(text, phones=PatternPhoneFinder())]
    assert FindingKind.CARD_NUMBER in kinds
    digits = "".join(c for c in redact(text) if c.isdigit())
    assert card.replace(" ", "").replace("-", "").endswith(digits)
    assert len(digits) <= 4


@given(text=cks.sensitive_texts())
def test_findings_are_in_order_and_never_overlap(text: str) -> None:
    findings = scan(text, phones=PatternPhoneFinder())
    for left, right in itertools.pairwise(findings):
        assert left.end <= right.start
