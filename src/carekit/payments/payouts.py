"""A page's payout statement over a period, and the payout it leads to.

Rule (SPEC §7): "payouts of net amounts to the page's linked bank or PayPal
account". Issue 4: "a page's statement over a period: gross, fees, refunds,
net per currency, paid to the linked payout account".

What a statement holds (period ``[start, end)``, one currency):

- one *payment* entry per payment that succeeded (refunded since or not)
  and was made in the period: its gross, its fee under the fee policy, and
  its net ``gross - fee``;
- one *refund* entry per refund made in the period (of a payment from this
  period or an earlier one): the amount given back, the fee returned under
  the refund-fee policy, and its net ``-(amount - fee returned)``.

Pending and failed payments move no money and make no entry. The
statement's net is the sum of its entries' nets, so it equals the sum of its
payments' nets minus its refunds (net of the fee returned). It may be
negative when refunds outweigh new payments; only a positive net is paid out.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs
from attrs import field, frozen

from carekit._instants import instant_key
from carekit._validate import aware_datetime, enum_member, instance_of, non_empty_str
from carekit.errors import CurrencyMismatch, InvalidValue, PolicyError
from carekit.intervals import Interval, to_utc
from carekit.money import Money, minor_units
from carekit.payments.accounts import PageAccount, PayoutAccount
from carekit.payments.fees import FeePolicy, check_fee_within
from carekit.payments.methods import PaymentPurpose
from carekit.payments.payment import Payment
from carekit.payments.refunds import ProRataFeeReturn, RefundFeePolicy

__all__ = [
    "EntryKind",
    "Payout",
    "Statement",
    "StatementEntry",
    "statements_by_currency",
]

_DEFAULT_REFUND_FEES = ProRataFeeReturn()


class EntryKind(enum.Enum):
    """A statement line: a payment received or a refund given."""

    PAYMENT = "payment"
    REFUND = "refund"


def _check_entry_fee(
    inst: StatementEntry, _attribute: attrs.Attribute[Any], fee: Any
) -> None:
    check_fee_within(fee, inst.amount, "amount")


def _check_positive(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Money) or value.amount <= 0:
        raise InvalidValue(
            attribute.alias or attribute.name, value, "must be positive Money"
        )


@frozen
class StatementEntry:
    """One line of a statement.

    Attributes:
        kind: A payment received or a refund given.
        reference: The payment's id, or the refund's id.
        payment_id: The payment the line is about.
        at: When the payment or the refund was made.
        purpose: The payment's purpose.
        amount: The gross received, or the amount refunded (positive).
        fee: For a payment, the fee charged; for a refund, the fee returned.
        rule: The fee rule that applied (for a refund, the payment's rule).
    """

    kind: EntryKind = field(validator=enum_member(EntryKind))
    reference: str = field(validator=non_empty_str)
    payment_id: str = field(kw_only=True, validator=non_empty_str)
    at: dt.datetime = field(kw_only=True, validator=aware_datetime, eq=instant_key)
    purpose: PaymentPurpose = field(kw_only=True, validator=enum_member(PaymentPurpose))
    amount: Money = field(kw_only=True, validator=_check_positive)
    fee: Money = field(kw_only=True, validator=_check_entry_fee)
    rule: str = field(kw_only=True, validator=non_empty_str)

    @property
    def net(self) -> Money:
        """The line's effect on the payout: ``amount - fee`` for a payment,
        ``-(amount - fee)`` for a refund."""
        kept = self.amount - self.fee
        return kept if self.kind is EntryKind.PAYMENT else -kept


def _check_entries(
    inst: Statement, _attribute: attrs.Attribute[Any], value: Any
) -> None:
    if not isinstance(value, tuple) or not all(
        isinstance(e, StatementEntry) for e in value
    ):
        raise InvalidValue("entries", value, "must be a tuple of StatementEntry")
    for entry in value:
        if entry.amount.currency != inst.currency:
            raise CurrencyMismatch(
                "entries",
                entry.amount.currency,
                f"a statement is in one currency ({inst.currency}); "
                "use statements_by_currency for several",
            )
        if entry.at not in inst.period:
            raise InvalidValue("entries", entry.reference, "entry outside the period")
    if list(value) != sorted(value, key=_entry_key):
        raise InvalidValue("entries", value, "entries are in time order")


def _entry_key(entry: StatementEntry) -> tuple[dt.datetime, int, str]:
    return (to_utc(entry.at), entry.kind is EntryKind.REFUND, entry.reference)


def _check_currency(
    _inst: object, _attribute: attrs.Attribute[Any], value: Any
) -> None:
    minor_units(value)


@frozen
class Statement:
    """A page's payments and refunds over a period, in one currency.

    Build it with :meth:`build` (or :func:`statements_by_currency`).

    Attributes:
        page_id: The page paid.
        period: The half-open period covered.
        currency: The one currency of every entry.
        payout_account: Where the net is paid.
        entries: The lines, in time order (payments before refunds at equal
            times, then by reference).
    """

    page_id: str = field(validator=non_empty_str)
    period: Interval = field(validator=instance_of(Interval))
    currency: str = field(kw_only=True, validator=_check_currency)
    payout_account: PayoutAccount = field(
        kw_only=True, validator=instance_of(PayoutAccount)
    )
    entries: tuple[StatementEntry, ...] = field(
        default=(), kw_only=True, validator=_check_entries
    )

    @classmethod
    def build(
        cls,
        page: PageAccount,
        payments: Iterable[Payment],
        *,
        period: Interval,
        currency: str,
        fees: FeePolicy,
        refund_fees: RefundFeePolicy = _DEFAULT_REFUND_FEES,
    ) -> Statement:
        """The statement of *page* for *period* in *currency*.

        Args:
            page: The page; it must have a payout account linked.
            payments: Payments to the page, in any order (pending and failed
                ones make no entry).
            period: The half-open period covered.
            currency: The statement's currency; every payment must be in it.
            fees: The fee policy in force for these payments.
            refund_fees: The rule for the fee on refunds (default: returned
                pro rata).

        Raises:
            PolicyError: The page has no payout account linked.
            CurrencyMismatch: A payment is in another currency.
            InvalidValue: A payment is to another payee, or two payments
                share an id.
        """
        account = _payout_account(page)
        given = _check_payments(page, payments)
        for payment in given:
            if payment.gross.currency != currency:
                raise CurrencyMismatch(
                    "payments",
                    payment.gross.currency,
                    f"a statement is in one currency ({currency}); "
                    "use statements_by_currency for several",
                )
        entries = [
            entry
            for payment in given
            for entry in _entries(payment, period, fees, refund_fees)
        ]
        return cls(
            page.page_id,
            period,
            currency=currency,
            payout_account=account,
            entries=tuple(sorted(entries, key=_entry_key)),
        )

    def _total(self, kind: EntryKind, part: str) -> Money:
        # One Money per total: every entry is in the statement's currency
        # (checked at construction), so the Decimal sum is exact.
        amounts = (getattr(e, part).amount for e in self.entries if e.kind is kind)
        return Money(sum(amounts, Decimal(0)), self.currency)

    @property
    def gross(self) -> Money:
        """What payers paid in the period."""
        return self._total(EntryKind.PAYMENT, "amount")

    @property
    def fees_charged(self) -> Money:
        """Fees on the period's payments."""
        return self._total(EntryKind.PAYMENT, "fee")

    @property
    def fees_returned(self) -> Money:
        """Fees given back with the period's refunds."""
        return self._total(EntryKind.REFUND, "fee")

    @property
    def fees(self) -> Money:
        """Fees kept: charged minus returned."""
        return self.fees_charged - self.fees_returned

    @property
    def refunds(self) -> Money:
        """What was given back to payers in the period."""
        return self._total(EntryKind.REFUND, "amount")

    @property
    def net(self) -> Money:
        """``gross - fees - refunds``: the sum of the entries' nets."""
        return self.gross - self.fees - self.refunds

    def payout(self, payout_id: str) -> Payout:
        """The payout of the net to the linked account.

        Raises:
            PolicyError: The net is zero or negative: there is nothing to pay.
        """
        net = self.net
        if net.amount <= 0:
            raise PolicyError("net", str(net), "only a positive net is paid out")
        return Payout(
            payout_id,
            self.page_id,
            account=self.payout_account,
            amount=net,
            period=self.period,
        )


@frozen
class Payout:
    """Net money paid to a page's linked bank or PayPal account.

    Attributes:
        id: The caller's id for the payout.
        page_id: The page paid.
        account: The linked payout account.
        amount: The positive net paid.
        period: The statement period it settles.
    """

    id: str = field(validator=non_empty_str)
    page_id: str = field(validator=non_empty_str)
    account: PayoutAccount = field(kw_only=True, validator=instance_of(PayoutAccount))
    amount: Money = field(kw_only=True, validator=_check_positive)
    period: Interval = field(kw_only=True, validator=instance_of(Interval))


def _payout_account(page: PageAccount) -> PayoutAccount:
    if not isinstance(page, PageAccount):
        raise InvalidValue("page", page, "must be a PageAccount")
    if page.payout_account is None:
        raise PolicyError(
            "payout_account",
            None,
            f"page {page.page_id} has no payout account linked to be paid to",
        )
    return page.payout_account


def _check_payments(page: PageAccount, payments: Iterable[Payment]) -> list[Payment]:
    given = list(payments)
    seen: set[str] = set()
    for payment in given:
        if not isinstance(payment, Payment):
            raise InvalidValue("payments", payment, "must be Payment values")
        if payment.payee != page.party:
            raise InvalidValue(
                "payments", payment.id, f"paid to {payment.payee}, not {page.party}"
            )
        if payment.id in seen:
            raise InvalidValue("payments", payment.id, "payment ids must be unique")
        seen.add(payment.id)
    return given


def _entries(
    payment: Payment,
    period: Interval,
    fees: FeePolicy,
    refund_fees: RefundFeePolicy,
) -> list[StatementEntry]:
    """The entries *payment* contributes to a statement for *period*."""
    if not payment.is_settled:
        return []
    quote = fees.quote(payment)

    def entry(
        kind: EntryKind, ref: str, at: dt.datetime, amount: Money, fee: Money
    ) -> StatementEntry:
        return StatementEntry(
            kind,
            ref,
            payment_id=payment.id,
            at=at,
            purpose=payment.purpose,
            amount=amount,
            fee=fee,
            rule=quote.rule,
        )

    entries: list[StatementEntry] = []
    if payment.created_at in period:
        entries.append(
            entry(
                EntryKind.PAYMENT,
                payment.id,
                payment.created_at,
                payment.gross,
                quote.fee,
            )
        )
    before = Money.zero(payment.gross.currency)
    for refund in payment.refunds:
        returned = refund_fees.fee_returned(
            fee=quote.fee,
            gross=payment.gross,
            refunded_before=before,
            refund=refund.amount,
        )
        before = before + refund.amount
        if refund.refunded_at in period:
            entries.append(
                entry(
                    EntryKind.REFUND,
                    refund.id,
                    refund.refunded_at,
                    refund.amount,
                    returned,
                )
            )
    return entries


def statements_by_currency(
    page: PageAccount,
    payments: Iterable[Payment],
    *,
    period: Interval,
    fees: FeePolicy,
    refund_fees: RefundFeePolicy = _DEFAULT_REFUND_FEES,
) -> tuple[Statement, ...]:
    """One statement per currency of *payments*, ordered by currency code.

    Arguments and errors are those of :meth:`Statement.build`.
    """
    _payout_account(page)
    given = _check_payments(page, payments)
    currencies = sorted({payment.gross.currency for payment in given})
    return tuple(
        Statement.build(
            page,
            [p for p in given if p.gross.currency == currency],
            period=period,
            currency=currency,
            fees=fees,
            refund_fees=refund_fees,
        )
        for currency in currencies
    )
