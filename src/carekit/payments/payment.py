"""Payments, their refunds, and the one transition table of payment status.

Lifecycle (the whole of it is :data:`TRANSITIONS`)::

    pending --succeed--> succeeded --refund_part--> partially_refunded
    pending --fail-----> failed       |                 |  refund_part (loops)
                                      +--refund_rest--> refunded <--refund_rest

Any other move raises :class:`~carekit.errors.IllegalTransition` naming the
state and the event. Refunds are kept on the payment, so a payment is always
self-consistent: its refunds never add up to more than its gross, and its
status says whether anything remains.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs
from attrs import field, frozen

from carekit._decimal import exact_sum
from carekit._instants import instant_key
from carekit._lifecycle import advance
from carekit._redact import redacted
from carekit._validate import (
    ValueEnum,
    aware_datetime,
    enum_member,
    instance_of,
    non_empty_str,
    optional_non_empty_str,
)
from carekit.errors import CurrencyMismatch, InvalidValue
from carekit.intervals import to_utc
from carekit.money import Money
from carekit.payments._checks import positive_money
from carekit.payments.accounts import PageAccount, Party, PartyKind
from carekit.payments.methods import (
    METHOD_TYPES,
    PaymentMethod,
    PaymentPurpose,
)

__all__ = [
    "SETTLED_STATUSES",
    "TRANSITIONS",
    "Payment",
    "PaymentEvent",
    "PaymentStatus",
    "Refund",
    "next_status",
]


class PaymentStatus(ValueEnum):
    """Where a payment is in its lifecycle."""

    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    PARTIALLY_REFUNDED = "partially_refunded"
    REFUNDED = "refunded"


class PaymentEvent(ValueEnum):
    """A move in the payment lifecycle."""

    SUCCEED = "succeed"
    FAIL = "fail"
    #: A refund that leaves part of the gross with the payee.
    REFUND_PART = "refund_part"
    #: A refund of everything that remains.
    REFUND_REST = "refund_rest"


_S, _E = PaymentStatus, PaymentEvent

TRANSITIONS: Final[Mapping[tuple[PaymentStatus, PaymentEvent], PaymentStatus]] = (
    MappingProxyType(
        {
            (_S.PENDING, _E.SUCCEED): _S.SUCCEEDED,
            (_S.PENDING, _E.FAIL): _S.FAILED,
            (_S.SUCCEEDED, _E.REFUND_PART): _S.PARTIALLY_REFUNDED,
            (_S.SUCCEEDED, _E.REFUND_REST): _S.REFUNDED,
            (_S.PARTIALLY_REFUNDED, _E.REFUND_PART): _S.PARTIALLY_REFUNDED,
            (_S.PARTIALLY_REFUNDED, _E.REFUND_REST): _S.REFUNDED,
        }
    )
)
"""The payment lifecycle: ``(state, event) -> next state``. Nothing else moves."""

SETTLED_STATUSES: Final[frozenset[PaymentStatus]] = frozenset(
    {_S.SUCCEEDED, _S.PARTIALLY_REFUNDED, _S.REFUNDED}
)
"""Statuses of payments whose money moved: they succeeded, refunded or not."""


def next_status(state: PaymentStatus, event: PaymentEvent) -> PaymentStatus:
    """The status after *event* in *state*, from :data:`TRANSITIONS`.

    Raises:
        IllegalTransition: The table has no such move; names the state and
            the event.
    """
    return advance(TRANSITIONS, "payment", state, event)


@frozen
class Refund:
    """Money given back to the payer, all or part of a payment.

    Attributes:
        id: The caller's id for the refund.
        payment_id: The id of the refunded payment.
        amount: The amount given back (positive).
        refunded_at: When the refund was made (timezone-aware).
        reason: Optional free text.
    """

    id: str = field(validator=non_empty_str)
    payment_id: str = field(validator=non_empty_str)
    amount: Money = field(kw_only=True, validator=positive_money)
    refunded_at: dt.datetime = field(
        kw_only=True, validator=aware_datetime, eq=instant_key
    )
    reason: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )


def _check_method(_inst: object, _attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, METHOD_TYPES):
        raise InvalidValue(
            "method", redacted(value), "must be a Card, BankAccount or PayPal"
        )


def _check_refunds(_inst: object, _attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, tuple) or not all(isinstance(r, Refund) for r in value):
        raise InvalidValue("refunds", value, "must be a tuple of Refund")


@frozen
class Payment:
    """A Facebook Pay payment from a payer to a person or a page.

    Start a new payment with :meth:`to_page` (to a page, which must be able to
    accept payments) or :meth:`between_people` (person-to-person, on
    Messenger). Moves go through :meth:`succeed`, :meth:`fail` and
    :meth:`refund`, which return new values. The constructor records a
    payment as it is, in any status (history you load); it checks the
    payment is self-consistent but not the page's eligibility at the time.

    Attributes:
        id: The caller's id for the payment.
        payer: Who pays.
        payee: Who is paid: a person or a page, never the payer.
        purpose: What the payment is for; person-to-person payments go to a
            person.
        method: The card, bank account or PayPal account used.
        gross: The amount the payer pays (positive).
        created_at: When the payment was made (timezone-aware).
        status: Where the payment is in its lifecycle.
        refunds: The refunds made so far, in order; their total never exceeds
            ``gross``.

    Raises:
        InvalidValue: A field breaks its rule, the refunds exceed the gross,
            or the status does not match the refunds.
    """

    id: str = field(validator=non_empty_str)
    payer: Party = field(validator=instance_of(Party))
    payee: Party = field(kw_only=True, validator=instance_of(Party))
    purpose: PaymentPurpose = field(kw_only=True, validator=enum_member(PaymentPurpose))
    method: PaymentMethod = field(kw_only=True, validator=_check_method)
    gross: Money = field(kw_only=True, validator=positive_money)
    created_at: dt.datetime = field(
        kw_only=True, validator=aware_datetime, eq=instant_key
    )
    status: PaymentStatus = field(
        default=PaymentStatus.PENDING,
        kw_only=True,
        validator=enum_member(PaymentStatus),
    )
    refunds: tuple[Refund, ...] = field(
        default=(), kw_only=True, validator=_check_refunds
    )

    def __attrs_post_init__(self) -> None:
        if self.payer == self.payee:
            raise InvalidValue("payee", self.payee, "a payer cannot pay itself")
        if (
            self.purpose is PaymentPurpose.PERSON_TO_PERSON
            and self.payee.kind is not PartyKind.PERSON
        ):
            raise InvalidValue(
                "payee", self.payee, "person-to-person payments go to a person"
            )
        refunded = self._check_refund_records()
        self._check_status_matches_refunds(refunded)

    def _check_refund_records(self) -> Money:
        seen: set[str] = set()
        start = to_utc(self.created_at, "created_at")
        for refund in self.refunds:
            if refund.payment_id != self.id:
                raise InvalidValue(
                    "refunds",
                    refund.id,
                    f"refund belongs to payment {refund.payment_id}",
                )
            if refund.id in seen:
                raise InvalidValue("refunds", refund.id, "refund ids must be unique")
            seen.add(refund.id)
            if refund.amount.currency != self.gross.currency:
                raise CurrencyMismatch(
                    "refunds",
                    refund.amount.currency,
                    f"a refund is in the payment's currency ({self.gross.currency})",
                )
            if to_utc(refund.refunded_at, "refunds") < start:
                raise InvalidValue(
                    "refunds", refund.id, "a refund cannot precede its payment"
                )
        # Compared before building a Money: a sum of refunds too large for
        # Money is refused for what it is, refunds beyond the gross.
        total = exact_sum((refund.amount.amount for refund in self.refunds), "refunds")
        if total > self.gross.amount:
            raise InvalidValue(
                "refunds",
                f"{total} {self.gross.currency}",
                f"refunds never exceed the gross ({self.gross})",
            )
        return Money(total, self.gross.currency)

    def _check_status_matches_refunds(self, refunded: Money) -> None:
        if not self.refunds:
            expected = {_S.PENDING, _S.SUCCEEDED, _S.FAILED}
        elif refunded == self.gross:
            expected = {_S.REFUNDED}
        else:
            expected = {_S.PARTIALLY_REFUNDED}
        if self.status not in expected:
            allowed = ", ".join(sorted(s.value for s in expected))
            raise InvalidValue(
                "status",
                self.status.value,
                f"with these refunds the status must be one of: {allowed}",
            )

    # -- named constructors -------------------------------------------------

    @classmethod
    def to_page(
        cls,
        page: PageAccount,
        *,
        id: str,
        payer: Party,
        purpose: PaymentPurpose,
        method: PaymentMethod,
        gross: Money,
        created_at: dt.datetime,
    ) -> Payment:
        """Start a pending payment to *page*, if the page can accept payments.

        Rule: a page can accept payments only when it qualifies and has a
        payout account linked ("If your page qualifies to accept Facebook
        Pay, you'll receive a prompt asking you to link a bank or PayPal
        account to receive payments", November 2019).

        Raises:
            PolicyError: The page does not qualify or has no payout account;
                the error names the missing condition.
            InvalidValue: Any field breaks its rule.
        """
        if not isinstance(page, PageAccount):
            raise InvalidValue("page", page, "must be a PageAccount")
        page.require_can_accept()
        return cls(
            id,
            payer,
            payee=page.party,
            purpose=purpose,
            method=method,
            gross=gross,
            created_at=created_at,
        )

    @classmethod
    def between_people(
        cls,
        *,
        id: str,
        payer: Party,
        payee: Party,
        method: PaymentMethod,
        gross: Money,
        created_at: dt.datetime,
    ) -> Payment:
        """Start a pending person-to-person payment (Messenger) from *payer*
        to *payee*, both people.

        The purpose is :attr:`PaymentPurpose.PERSON_TO_PERSON`: Facebook Pay
        launched with "person-to-person payments on Messenger".

        Raises:
            InvalidValue: *payer* or *payee* is not a person, they are the
                same person, or any field breaks its rule.
        """
        for name, party in (("payer", payer), ("payee", payee)):
            if not isinstance(party, Party) or party.kind is not PartyKind.PERSON:
                raise InvalidValue(
                    name, party, "a person-to-person payment is between people"
                )
        return cls(
            id,
            payer,
            payee=payee,
            purpose=PaymentPurpose.PERSON_TO_PERSON,
            method=method,
            gross=gross,
            created_at=created_at,
        )

    # -- views --------------------------------------------------------------

    @property
    def refunded(self) -> Money:
        """The total refunded so far, exact whatever the caller's decimal
        context."""
        total = exact_sum((refund.amount.amount for refund in self.refunds), "refunds")
        return Money(total, self.gross.currency)

    @property
    def remaining(self) -> Money:
        """What the payee still keeps of the gross (before fees)."""
        return self.gross - self.refunded

    @property
    def is_settled(self) -> bool:
        """True once the payment succeeded (whether or not refunded since)."""
        return self.status in SETTLED_STATUSES

    # -- moves --------------------------------------------------------------

    def succeed(self) -> Payment:
        """The payment, succeeded.

        Raises:
            IllegalTransition: The payment is not pending.
        """
        return attrs.evolve(self, status=next_status(self.status, _E.SUCCEED))

    def fail(self) -> Payment:
        """The payment, failed.

        Raises:
            IllegalTransition: The payment is not pending.
        """
        return attrs.evolve(self, status=next_status(self.status, _E.FAIL))

    def refund(
        self,
        amount: Money | None = None,
        *,
        refund_id: str,
        at: dt.datetime,
        reason: str | None = None,
    ) -> tuple[Payment, Refund]:
        """Give back *amount* (default: everything that remains).

        Rule: a refund is never more than what remains; the status becomes
        ``partially_refunded`` while something remains, ``refunded`` after.

        Args:
            amount: Positive, in the payment's currency; ``None`` refunds the
                rest.
            refund_id: The caller's id for the refund.
            at: When the refund is made (timezone-aware, not before the
                payment).
            reason: Optional free text.

        Returns:
            The updated payment and the new refund.

        Raises:
            IllegalTransition: The payment has not succeeded or is already
                fully refunded.
            CurrencyMismatch: *amount* is in another currency.
            InvalidValue: *amount* is not positive or exceeds what remains.
        """
        remaining = self.remaining
        amount = remaining if amount is None else amount
        if to_utc(at, "at") < to_utc(self.created_at, "created_at"):
            raise InvalidValue("at", at, "a refund cannot precede its payment")
        if not isinstance(amount, Money):
            raise InvalidValue("amount", redacted(amount), "must be Money or None")
        if amount.currency != remaining.currency:
            raise CurrencyMismatch(
                "amount",
                amount.currency,
                f"refund in the payment's currency ({remaining.currency})",
            )
        event = _E.REFUND_REST if amount == remaining else _E.REFUND_PART
        status = next_status(self.status, event)
        refund = Refund(
            refund_id, self.id, amount=amount, refunded_at=at, reason=reason
        )
        if refund.amount > remaining:
            raise InvalidValue(
                "amount",
                str(refund.amount),
                f"a refund is never more than what remains ({remaining})",
            )
        updated = attrs.evolve(self, status=status, refunds=(*self.refunds, refund))
        return updated, refund
