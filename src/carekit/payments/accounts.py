"""Who pays and who is paid: parties, payout accounts and page eligibility.

Facebook Pay's rule ("Introducing & Setting Up Facebook Pay", November 2019):
"If your page qualifies to accept Facebook Pay, you'll receive a prompt asking
you to link a bank or PayPal account to receive payments." So a page can
accept payments only when it qualifies and has a payout account linked, and
its net amounts are paid to that account.

The qualification model: whether a page *qualifies* for Facebook Pay is a
platform decision carekit cannot make, so :class:`PageAccount` records it as a
fact the caller supplies (``qualifies: bool``), next to the payout account
that is linked, if any. A page can accept payments when both conditions hold;
:meth:`PageAccount.require_can_accept` names every condition that is missing.
"""

from __future__ import annotations

from typing import Any

import attrs
from attrs import field, frozen

from carekit._redact import redacted
from carekit._validate import ValueEnum, enum_member, instance_of, non_empty_str
from carekit.errors import InvalidValue, PolicyError
from carekit.payments.methods import BankAccount, PayPal

__all__ = ["PageAccount", "Party", "PartyKind", "PayoutAccount"]


class PartyKind(ValueEnum):
    """A person (a Facebook user) or a page (a business)."""

    PERSON = "person"
    PAGE = "page"


@frozen
class Party:
    """A payer or payee: a person or a page, by the caller's id.

    Attributes:
        kind: Person or page.
        id: The caller's id for the person or page.
    """

    kind: PartyKind = field(validator=enum_member(PartyKind))
    id: str = field(validator=non_empty_str)

    @classmethod
    def person(cls, id: str) -> Party:
        """A person: ``Party.person("u-1")``."""
        return cls(PartyKind.PERSON, id)

    @classmethod
    def page(cls, id: str) -> Party:
        """A page: ``Party.page("acme")``."""
        return cls(PartyKind.PAGE, id)

    def __str__(self) -> str:
        return f"{self.kind.value}:{self.id}"


def _check_destination(
    _inst: object, _attribute: attrs.Attribute[Any], value: Any
) -> None:
    if not isinstance(value, BankAccount | PayPal):
        raise InvalidValue(
            "destination",
            redacted(value),
            "payouts go to a bank account or a PayPal account",
        )


@frozen
class PayoutAccount:
    """Where a page's net amounts are paid: a linked bank or PayPal account.

    Attributes:
        id: The caller's id for the payout account.
        destination: The bank account (masked) or the PayPal account.
    """

    id: str = field(validator=non_empty_str)
    destination: BankAccount | PayPal = field(validator=_check_destination)

    def __str__(self) -> str:
        return str(self.destination)


@frozen
class PageAccount:
    """A page as a payee: whether it qualifies, and its linked payout account.

    Attributes:
        page_id: The page's id (the id of its :class:`Party`).
        qualifies: Whether the platform lets this page accept payments
            (a fact the caller supplies).
        payout_account: The linked bank or PayPal account, or ``None``.
    """

    page_id: str = field(validator=non_empty_str)
    qualifies: bool = field(validator=instance_of(bool))
    payout_account: PayoutAccount | None = field(
        default=None,
        kw_only=True,
        validator=attrs.validators.optional(instance_of(PayoutAccount)),
    )

    @property
    def party(self) -> Party:
        """The page as a payee."""
        return Party.page(self.page_id)

    @property
    def missing_conditions(self) -> tuple[str, ...]:
        """The fields that keep this page from accepting payments (empty if none)."""
        missing = () if self.qualifies else ("qualifies",)
        return missing + (() if self.payout_account else ("payout_account",))

    @property
    def can_accept_payments(self) -> bool:
        """True when the page qualifies and has a payout account linked."""
        return not self.missing_conditions

    def require_can_accept(self) -> PayoutAccount:
        """Return the payout account, or raise naming what is missing.

        Raises:
            PolicyError: The page does not qualify, or has no payout account
                linked; ``field`` is the first missing condition and the
                message names them all.
        """
        if self.payout_account is not None and self.qualifies:
            return self.payout_account
        reasons = {
            "qualifies": "the page does not qualify for Facebook Pay",
            "payout_account": "no payout account (bank or PayPal) is linked",
        }
        missing = self.missing_conditions
        rule = "; ".join(reasons[name] for name in missing)
        raise PolicyError(
            missing[0],
            getattr(self, missing[0]),
            f"page {self.page_id} cannot accept payments: {rule}",
        )

    def link(self, account: PayoutAccount) -> PageAccount:
        """The same page with *account* linked for payouts."""
        return attrs.evolve(self, payout_account=account)

    def unlink(self) -> PageAccount:
        """The same page with no payout account."""
        return attrs.evolve(self, payout_account=None)
