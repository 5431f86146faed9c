"""Strategies for payments: parties, methods, accounts, payments and refunds,
fee policies and quotes, statements, payouts and support obligations."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

from hypothesis import assume
from hypothesis import strategies as st

from carekit.money import Money
from carekit.payments import (
    BankAccount,
    Card,
    CardBrand,
    EntryKind,
    FeeKept,
    FeePolicy,
    FeeQuote,
    FeeRule,
    FeeTier,
    FixedPlusPercentageFee,
    MethodKind,
    PageAccount,
    Party,
    PartyKind,
    Payment,
    PaymentMethod,
    PaymentPurpose,
    PaymentStatus,
    Payout,
    PayoutAccount,
    PayPal,
    PercentageFee,
    ProRataFeeReturn,
    Refund,
    RefundFeePolicy,
    Statement,
    StatementEntry,
    SupportObligation,
    TieredFee,
)

from ._common import identifiers
from ._money import currencies, monies, rounding_modes
from ._time import aware_datetimes, intervals

__all__ = [
    "bank_accounts",
    "cards",
    "fee_policies",
    "fee_quotes",
    "fee_rules",
    "fee_tiers",
    "fixed_plus_percentage_fees",
    "page_accounts",
    "parties",
    "payment_methods",
    "payment_purposes",
    "payments",
    "payout_accounts",
    "payouts",
    "paypal_accounts",
    "percentage_fees",
    "rates",
    "refund_fee_policies",
    "refunds",
    "statement_entries",
    "statements",
    "strategies_by_type",
    "support_obligations",
    "tiered_fees",
]

_LAST4 = st.text(alphabet="0123456789", min_size=4, max_size=4)


_EnumT = TypeVar("_EnumT", bound=enum.Enum)


def _enum_subsets(kind: type[_EnumT]) -> st.SearchStrategy[tuple[_EnumT, ...]]:
    return st.lists(st.sampled_from(list(kind)), unique=True, max_size=2).map(tuple)


def payment_purposes() -> st.SearchStrategy[PaymentPurpose]:
    """Payment purposes, shrinking to a fundraiser."""
    return st.sampled_from(PaymentPurpose)


def cards() -> st.SearchStrategy[Card]:
    """Cards (brand and last four digits), shrinking to Visa 0000."""
    return st.builds(Card, st.sampled_from(CardBrand), _LAST4)


def bank_accounts() -> st.SearchStrategy[BankAccount]:
    """Masked bank accounts."""
    return st.builds(BankAccount, identifiers(), _LAST4)


def paypal_accounts() -> st.SearchStrategy[PayPal]:
    """PayPal accounts."""
    return st.builds(PayPal, identifiers())


def payment_methods() -> st.SearchStrategy[PaymentMethod]:
    """Any payment method, shrinking to a card."""
    return st.one_of(cards(), bank_accounts(), paypal_accounts())


def parties(
    *, kinds: st.SearchStrategy[PartyKind] | None = None
) -> st.SearchStrategy[Party]:
    """Persons and pages, shrinking to a person."""
    return st.builds(
        Party, kinds if kinds is not None else st.sampled_from(PartyKind), identifiers()
    )


def payout_accounts() -> st.SearchStrategy[PayoutAccount]:
    """Payout accounts to a bank or PayPal account."""
    return st.builds(
        PayoutAccount, identifiers(), st.one_of(bank_accounts(), paypal_accounts())
    )


def page_accounts(
    *,
    qualifies: st.SearchStrategy[bool] | None = None,
    accounts: st.SearchStrategy[PayoutAccount | None] | None = None,
) -> st.SearchStrategy[PageAccount]:
    """Pages, eligible or not, shrinking to one that does not qualify and
    has no payout account.

    Args:
        qualifies: Strategy for the qualification (default: either).
        accounts: Strategy for the payout account (default: none or one).
    """
    return st.builds(
        PageAccount,
        identifiers(),
        qualifies if qualifies is not None else st.booleans(),
        payout_account=(
            accounts if accounts is not None else st.none() | payout_accounts()
        ),
    )


def refunds(
    *, amounts: st.SearchStrategy[Money] | None = None
) -> st.SearchStrategy[Refund]:
    """Refund records on their own (a payment's refunds come from
    :func:`payments`)."""
    return st.builds(
        Refund,
        identifiers(),
        identifiers(),
        amount=amounts if amounts is not None else monies(min_value=1),
        refunded_at=aware_datetimes(),
    )


_SETTLE: dict[PaymentStatus, Callable[[Payment], Payment]] = {
    PaymentStatus.PENDING: lambda p: p,
    PaymentStatus.SUCCEEDED: Payment.succeed,
    PaymentStatus.FAILED: Payment.fail,
}


@st.composite
def _payments(
    draw: st.DrawFn,
    grosses: st.SearchStrategy[Money] | None,
    purposes: st.SearchStrategy[PaymentPurpose] | None,
    payees: st.SearchStrategy[Party] | None,
    statuses: st.SearchStrategy[PaymentStatus] | None,
    created: st.SearchStrategy[dt.datetime] | None,
    max_size: int,
) -> Payment:
    payee = draw(payees if payees is not None else parties())
    allowed = [
        p
        for p in PaymentPurpose
        if payee.kind is PartyKind.PERSON or p is not PaymentPurpose.PERSON_TO_PERSON
    ]
    purpose = draw(purposes if purposes is not None else st.sampled_from(allowed))
    assume(purpose in allowed)
    payer = Party.person(draw(identifiers()))
    if payer == payee:
        payer = Party.person(payer.id + "-payer")
    payment = Payment(
        draw(identifiers()),
        payer,
        payee=payee,
        purpose=purpose,
        method=draw(payment_methods()),
        gross=draw(grosses if grosses is not None else monies(min_value=1)),
        created_at=draw(created if created is not None else aware_datetimes()),
    )
    status = draw(statuses if statuses is not None else st.sampled_from(PaymentStatus))
    if status in _SETTLE:
        return _SETTLE[status](payment)
    return _draw_refunds(draw, payment.succeed(), status, max_size)


def _draw_refunds(
    draw: st.DrawFn, payment: Payment, status: PaymentStatus, max_size: int
) -> Payment:
    """Refund *payment* partially 1..max_size times (or 0.. if it ends
    refunded), then in full if *status* is ``refunded``."""
    full = status is PaymentStatus.REFUNDED
    count = draw(st.integers(min_value=0 if full else 1, max_value=max(1, max_size)))
    at = payment.created_at
    for index in range(count):
        left = payment.remaining.minor
        if left < 2:
            break
        units = draw(st.integers(min_value=1, max_value=left - 1))
        at = at + draw(st.timedeltas(min_value=dt.timedelta(0), max_value=_MONTH))
        payment, _ = payment.refund(
            Money.from_minor(units, payment.gross.currency),
            refund_id=f"{payment.id}-r{index}",
            at=at,
        )
    if full:
        payment, _ = payment.refund(refund_id=f"{payment.id}-rest", at=at + _MONTH)
    else:
        assume(bool(payment.refunds))
    return payment


_MONTH = dt.timedelta(days=30)


def payments(
    *,
    grosses: st.SearchStrategy[Money] | None = None,
    purposes: st.SearchStrategy[PaymentPurpose] | None = None,
    payees: st.SearchStrategy[Party] | None = None,
    statuses: st.SearchStrategy[PaymentStatus] | None = None,
    created: st.SearchStrategy[dt.datetime] | None = None,
    max_size: int = 3,
) -> st.SearchStrategy[Payment]:
    """Payments in any status, with refunds that match it.

    A ``partially_refunded`` payment gets 1..*max_size* partial refunds; a
    ``refunded`` one gets up to *max_size* partial refunds and a final one
    for the rest. Refunds follow the payment by up to 30 days each. Shrinks
    to a pending payment of 0.01 USD to a person.

    Args:
        grosses: Strategy for the gross (default: positive :func:`monies`).
        purposes: Strategy for the purpose (default: any the payee allows).
        payees: Strategy for the payee (default: :func:`parties`).
        statuses: Strategy for the status (default: any).
        created: Strategy for the creation time (default:
            :func:`aware_datetimes`).
        max_size: Most partial refunds of each payment.
    """
    return _payments(grosses, purposes, payees, statuses, created, max_size)


def rates(*, max_value: Decimal = Decimal(1)) -> st.SearchStrategy[Decimal]:
    """Decimal fee rates with up to four places, shrinking to zero."""
    return st.decimals(min_value=0, max_value=max_value, places=4)


def fee_rules() -> st.SearchStrategy[FeeRule]:
    """Fee rules over any purposes, methods and payee kinds."""
    return st.builds(
        FeeRule,
        st.sampled_from(["rule a", "rule b"]),
        rates(),
        purposes=_enum_subsets(PaymentPurpose),
        methods=_enum_subsets(MethodKind),
        payees=_enum_subsets(PartyKind),
    )


@st.composite
def _bounds(
    draw: st.DrawFn, codes: st.SearchStrategy[str]
) -> tuple[tuple[Money, ...], tuple[Money, ...]]:
    """Optional minimum and maximum fees, per currency, minimum ≤ maximum."""
    minimum: list[Money] = []
    maximum: list[Money] = []
    for code in draw(st.lists(codes, unique=True, max_size=2)):
        low, high = sorted(draw(st.lists(_MINOR, min_size=2, max_size=2)))
        if draw(st.booleans()):
            minimum.append(Money.from_minor(low, code))
        if draw(st.booleans()):
            maximum.append(Money.from_minor(high, code))
    return tuple(minimum), tuple(maximum)


_MINOR = st.integers(min_value=0, max_value=10**6)


@st.composite
def _percentage_fees(
    draw: st.DrawFn, codes: st.SearchStrategy[str], max_size: int
) -> PercentageFee:
    minimum, maximum = draw(_bounds(codes))
    return PercentageFee(
        draw(rates()),
        rounding=draw(rounding_modes()),
        rules=tuple(draw(st.lists(fee_rules(), max_size=max_size))),
        minimum=minimum,
        maximum=maximum,
    )


def percentage_fees(
    *, codes: st.SearchStrategy[str] | None = None, max_size: int = 3
) -> st.SearchStrategy[PercentageFee]:
    """Percentage fees with up to *max_size* rules and optional bounds in
    currencies drawn from *codes*."""
    return _percentage_fees(codes if codes is not None else currencies(), max_size)


@st.composite
def _fixed_plus_percentage_fees(
    draw: st.DrawFn, codes: st.SearchStrategy[str]
) -> FixedPlusPercentageFee:
    fixed = tuple(
        Money.from_minor(draw(_MINOR), code)
        for code in draw(st.lists(codes, unique=True, min_size=1, max_size=3))
    )
    minimum, maximum = draw(_bounds(codes))
    return FixedPlusPercentageFee(
        draw(rates()),
        fixed,
        rounding=draw(rounding_modes()),
        minimum=minimum,
        maximum=maximum,
    )


def fixed_plus_percentage_fees(
    *, codes: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[FixedPlusPercentageFee]:
    """Rate-plus-fixed fees with a fixed part for one to three currencies
    drawn from *codes*."""
    return _fixed_plus_percentage_fees(codes if codes is not None else currencies())


def fee_tiers(
    *, bounds: st.SearchStrategy[Money | None] | None = None
) -> st.SearchStrategy[FeeTier]:
    """Single fee tiers (a :class:`TieredFee` needs increasing bounds; see
    :func:`tiered_fees`)."""
    return st.builds(
        FeeTier,
        bounds if bounds is not None else st.none() | monies(min_value=1),
        rates(),
    )


@st.composite
def _tiered_fees(
    draw: st.DrawFn, codes: st.SearchStrategy[str], max_size: int
) -> TieredFee:
    code = draw(codes)
    limits = sorted(
        draw(
            st.lists(
                st.integers(min_value=1, max_value=10**9),
                unique=True,
                max_size=max_size - 1,
            )
        )
    )
    ups: list[Money | None] = [Money.from_minor(limit, code) for limit in limits]
    tiers = tuple(FeeTier(up, draw(rates())) for up in [*ups, None])
    minimum, maximum = draw(_bounds(st.just(code)))
    return TieredFee(
        tiers, rounding=draw(rounding_modes()), minimum=minimum, maximum=maximum
    )


def tiered_fees(
    *, codes: st.SearchStrategy[str] | None = None, max_size: int = 4
) -> st.SearchStrategy[TieredFee]:
    """Tiered fees in one currency drawn from *codes*, 1..*max_size* tiers."""
    return _tiered_fees(codes if codes is not None else currencies(), max_size)


def fee_policies(
    *, codes: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[FeePolicy]:
    """Any of carekit's fee policies, with amounts in currencies from *codes*.

    To quote a payment, draw its currency from the same *codes* (a fixed part
    or tiers exist only for the currencies drawn).
    """
    return st.one_of(
        percentage_fees(codes=codes),
        fixed_plus_percentage_fees(codes=codes),
        tiered_fees(codes=codes),
    )


@st.composite
def _fee_quotes(draw: st.DrawFn) -> FeeQuote:
    code = draw(currencies())
    policy = draw(fee_policies(codes=st.just(code)))
    payment = draw(payments(grosses=monies(codes=st.just(code), min_value=1)))
    return policy.quote(payment)


def fee_quotes() -> st.SearchStrategy[FeeQuote]:
    """Quotes of :func:`fee_policies` on :func:`payments`."""
    return _fee_quotes()


def _pro_rata_fee_returns() -> st.SearchStrategy[ProRataFeeReturn]:
    return st.builds(ProRataFeeReturn, rounding_modes())


def refund_fee_policies() -> st.SearchStrategy[RefundFeePolicy]:
    """Pro-rata fee return (with any rounding) or fee kept."""
    return st.one_of(_pro_rata_fee_returns(), st.just(FeeKept()))


@st.composite
def _statement_entries(draw: st.DrawFn) -> StatementEntry:
    amount = draw(monies(min_value=1))
    return StatementEntry(
        draw(st.sampled_from(EntryKind)),
        draw(identifiers()),
        payment_id=draw(identifiers()),
        at=draw(aware_datetimes()),
        purpose=draw(payment_purposes()),
        amount=amount,
        fee=Money.from_minor(
            draw(st.integers(min_value=0, max_value=amount.minor)), amount.currency
        ),
        rule=draw(st.sampled_from(["rule a", "rule b"])),
    )


def statement_entries() -> st.SearchStrategy[StatementEntry]:
    """Single statement lines with ``0 ≤ fee ≤ amount``."""
    return _statement_entries()


@st.composite
def _statements(
    draw: st.DrawFn,
    policies: st.SearchStrategy[FeePolicy] | None,
    refund_policies: st.SearchStrategy[RefundFeePolicy] | None,
    max_size: int,
) -> Statement:
    code = draw(currencies())
    page = draw(page_accounts(accounts=payout_accounts()))
    period = draw(
        intervals(
            durations=st.timedeltas(
                min_value=dt.timedelta(0), max_value=dt.timedelta(days=31)
            )
        )
    )
    offsets = st.timedeltas(min_value=dt.timedelta(0), max_value=period.duration)
    given = draw(
        st.lists(
            payments(
                grosses=monies(codes=st.just(code), min_value=1, max_value=10**9),
                payees=st.just(page.party),
                created=offsets.map(lambda offset: period.start + offset),
            ),
            unique_by=lambda payment: payment.id,
            max_size=max_size,
        )
    )
    policy = draw(
        policies
        if policies is not None
        else percentage_fees(codes=st.just(code)) | tiered_fees(codes=st.just(code))
    )
    refund_policy = draw(
        refund_policies if refund_policies is not None else refund_fee_policies()
    )
    return Statement.build(
        page,
        given,
        period=period,
        currency=code,
        fees=policy,
        refund_fees=refund_policy,
    )


def statements(
    *,
    policies: st.SearchStrategy[FeePolicy] | None = None,
    refund_policies: st.SearchStrategy[RefundFeePolicy] | None = None,
    max_size: int = 5,
) -> st.SearchStrategy[Statement]:
    """Statements of a page with a payout account over a period of up to 31
    days, from up to *max_size* payments made in it, shrinking to an empty
    USD statement.

    Args:
        policies: Fee policies able to quote the drawn currency (default:
            percentage or tiered fees in it).
        refund_policies: Refund-fee policies (default:
            :func:`refund_fee_policies`).
        max_size: Most payments per statement.
    """
    return _statements(policies, refund_policies, max_size)


def payouts() -> st.SearchStrategy[Payout]:
    """Payouts of a positive amount to a payout account."""
    return st.builds(
        Payout,
        identifiers(),
        identifiers(),
        account=payout_accounts(),
        amount=monies(min_value=1),
        period=intervals(),
    )


def support_obligations(
    *, targets: st.SearchStrategy[dt.timedelta] | None = None
) -> st.SearchStrategy[SupportObligation]:
    """Support obligations of a page to a buyer, with a positive target."""
    return st.builds(
        SupportObligation,
        identifiers(),
        parties(kinds=st.just(PartyKind.PERSON)),
        page_id=identifiers(),
        conversation_id=identifiers(),
        opened_at=aware_datetimes(),
        target=(
            targets
            if targets is not None
            else st.timedeltas(
                min_value=dt.timedelta(seconds=1), max_value=dt.timedelta(days=1)
            )
        ),
    )


def strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each payment model."""
    return {
        BankAccount: bank_accounts(),
        Card: cards(),
        FeeKept: st.just(FeeKept()),
        FeeQuote: fee_quotes(),
        FeeRule: fee_rules(),
        FeeTier: fee_tiers(),
        FixedPlusPercentageFee: fixed_plus_percentage_fees(),
        PageAccount: page_accounts(),
        Party: parties(),
        PayPal: paypal_accounts(),
        Payment: payments(),
        Payout: payouts(),
        PayoutAccount: payout_accounts(),
        PercentageFee: percentage_fees(),
        ProRataFeeReturn: _pro_rata_fee_returns(),
        Refund: refunds(),
        Statement: statements(),
        StatementEntry: statement_entries(),
        SupportObligation: support_obligations(),
        TieredFee: tiered_fees(),
    }
