"""Redaction of personal data, for escalation summaries, exports and any
text that leaves the inbox.

The rules carekit keeps whatever :class:`RedactionPolicy` is passed:

- of a card number, after removing spaces and dashes, **at most the last
  four digits remain** (PCI DSS 4.0, requirement 3.4.1: "PAN is masked when
  displayed ... at most the first six and last four digits"; carekit keeps
  only the last four);
- e-mail addresses and phone numbers are masked;
- the result holds no personal data the guard finds: :func:`redact` scans
  its own output again until nothing is left, so redacting twice changes
  nothing.

>>> from carekit.privacy.phones import PatternPhoneFinder
>>> redact("my card is 4242-4242-4242-4242", phones=PatternPhoneFinder())
'my card is ****-****-****-4242'
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from attrs import field, frozen

from carekit.errors import REDACTED, InvalidValue, PolicyError
from carekit.privacy.findings import FindingKind, scan
from carekit.privacy.phones import PhoneFinder, phone_finder

__all__ = ["RedactionPolicy", "Redactor", "redact"]

#: Passes after which redaction gives up on a policy that keeps leaving
#: personal data behind.
_MAX_PASSES = 8


@runtime_checkable
class RedactionPolicy(Protocol):
    """Masks one piece of personal data."""

    def mask(self, kind: FindingKind, found: str) -> str:
        """What replaces *found*, personal data of *kind*."""
        ...


def _mask_char(_inst: object, _attribute: object, value: object) -> None:
    if not isinstance(value, str) or len(value) != 1 or value.isalnum():
        raise InvalidValue(
            "mask_char", value, "must be one character, not a letter or digit"
        )


def _kept(_inst: object, attribute: Any, value: Any) -> None:
    if type(value) is not int or not 0 <= value <= 4:
        name = attribute.alias or attribute.name
        raise InvalidValue(name, value, "must be a whole number from 0 to 4")


def _mask_digits(found: str, keep: int, char: str) -> str:
    """Every digit of *found* masked except the last *keep*."""
    total = sum(c.isdigit() for c in found)
    out: list[str] = []
    seen = 0
    for c in found:
        if c.isdigit():
            seen += 1
            out.append(c if seen > total - keep else char)
        else:
            out.append(c)
    return "".join(out)


@frozen
class Redactor:
    """The default redaction: digits masked, e-mail local parts hidden.

    ``4242 4242 4242 4242`` → ``**** **** **** 4242``;
    ``ana.garcia@example.com`` → ``a***@example.com``;
    ``+1 415-555-0132`` → ``+* ***-***-**32``.

    Attributes:
        mask_char: The character put in place of what is hidden.
        card_digits: Last digits of a card number left visible (0 to 4).
        phone_digits: Last digits of a phone number left visible (0 to 4).
    """

    mask_char: str = field(default="*", validator=_mask_char, kw_only=True)
    card_digits: int = field(default=4, validator=_kept, kw_only=True)
    phone_digits: int = field(default=2, validator=_kept, kw_only=True)

    def mask(self, kind: FindingKind, found: str) -> str:
        """The masked form of *found*."""
        if kind is FindingKind.CARD_NUMBER:
            return _mask_digits(found, self.card_digits, self.mask_char)
        if kind is FindingKind.PHONE:
            return _mask_digits(found, self.phone_digits, self.mask_char)
        local, _, domain = found.rpartition("@")
        return f"{local[:1]}{self.mask_char * 3}@{domain}"


def _checked_mask(policy: RedactionPolicy, kind: FindingKind, found: str) -> str:
    """The policy's mask, if it keeps carekit's rules."""
    masked = policy.mask(kind, found)
    if not isinstance(masked, str):
        raise PolicyError(
            "policy", type(masked).__name__, "mask() must return a string"
        )
    if kind is FindingKind.CARD_NUMBER:
        digits = "".join(c for c in masked if c.isdigit())
        if len(digits) > 4 or not "".join(filter(str.isdigit, found)).endswith(digits):
            raise PolicyError(
                "policy", REDACTED, "a card mask may keep only its last four digits"
            )
    elif masked == found:
        raise PolicyError("policy", kind.value, "e-mails and phones must be masked")
    return masked


def _one_pass(text: str, policy: RedactionPolicy, phones: PhoneFinder) -> str:
    findings = scan(text, phones=phones)
    if not findings:
        return text
    parts: list[str] = []
    end = 0
    for finding in findings:
        parts.append(text[end : finding.start])
        found = text[finding.start : finding.end]
        parts.append(_checked_mask(policy, finding.kind, found))
        end = finding.end
    parts.append(text[end:])
    return "".join(parts)


def redact(
    text: str,
    *,
    policy: RedactionPolicy | None = None,
    phones: PhoneFinder | None = None,
) -> str:
    """*text* with every card number, e-mail address and phone number masked.

    Args:
        text: Any text: a message, an escalation summary, an export cell.
        policy: How to mask; default :class:`Redactor`.
        phones: Finds phone numbers; default :func:`phone_finder`.

    Raises:
        InvalidValue: *text* is not a string.
        PolicyError: the policy left more than the last four digits of a card
            number, left an e-mail or phone unmasked, or its masks kept
            producing personal data.
    """
    chosen = policy if policy is not None else Redactor()
    finder = phones if phones is not None else phone_finder()
    for _ in range(_MAX_PASSES):
        redacted = _one_pass(text, chosen, finder)
        if redacted == text:
            return text
        text = redacted
    raise PolicyError("policy", REDACTED, "masks must not create personal data")
