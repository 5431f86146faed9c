"""Every public constructor and entry point of money, payments and business
hours, fed junk (numpy scalars, ``pd.NA``, bools, huge ints, bytes, NaNs,
nested containers) raises only carekit errors: bad input gets an error that
names the field and the rule, never a bare builtin error."""

import contextlib
import datetime as dt
import decimal
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carekit.money
import carekit.payments
from carekit import BusinessCalendar, CarekitError, Money, OpeningHours
from carekit.payments import (
    FACEBOOK_PAY_2019,
    FeeKept,
    Party,
    Payment,
    ProRataFeeReturn,
    Statement,
    SupportObligation,
    open_support_obligation,
    statements_by_currency,
)
from carekit.testing import strategies as cks


class _Hostile:
    """Compares, hashes and prints badly."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no comparing")

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        raise RuntimeError("no printing")


ODD = [
    pd.NA,
    np.float64(1.5),
    np.int64(7),
    np.bool_(True),
    np.str_("USD"),
    np.datetime64("2024-01-01"),
    float("nan"),
    float("inf"),
    Decimal("NaN"),
    Decimal("sNaN"),
    Decimal("-Infinity"),
    Decimal("1e-9999999"),
    -(10**30),
    True,
    False,
    None,
    b"4242424242424242",
    bytearray(b"USD"),
    "",
    " ",
    "USD",
    "ROUND_HALF_UP",
    object(),
    dt.datetime(2024, 1, 1),
    dt.datetime.max.replace(tzinfo=dt.UTC),
    dt.timedelta(days=10**6),
    dt.timedelta(-1),
    dt.time(9),
    Money.of(1, "JPY"),
]

# Built at draw time: Hypothesis shows its strategies with repr, which a
# 5,000-digit int and a hostile object refuse.
UNPRINTABLE = st.builds(pow, st.just(10), st.just(5000)) | st.builds(_Hostile)

junk = st.recursive(
    st.sampled_from(ODD)
    | UNPRINTABLE
    | st.integers()
    | st.text(max_size=4)
    | st.binary(max_size=4),
    lambda children: (
        st.lists(children, max_size=3)
        | st.tuples(children, children)
        | st.dictionaries(st.text(max_size=3), children, max_size=2)
    ),
    max_leaves=6,
)

MODULES = [carekit.money, carekit.payments, carekit.business_hours]
MODELS = sorted(
    {
        obj
        for module in MODULES
        for obj in (getattr(module, name) for name in module.__all__)
        if isinstance(obj, type)
        and attrs.has(obj)
        and any(f.init for f in attrs.fields(obj))
    },
    key=lambda cls: cls.__name__,
)


def only_carekit_errors(call: Callable[[], object]) -> None:
    """Run *call*; a carekit error is a fine answer, any other escapes."""
    with contextlib.suppress(CarekitError):
        call()


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
@settings(max_examples=40)
@given(data=st.data())
def test_every_field_fed_junk_raises_only_carekit_errors(
    cls: type, data: st.DataObject
) -> None:
    """A valid instance with one field (by its ``__init__`` name) replaced by
    junk is refused with a carekit error, or still valid."""
    instance = data.draw(cks.by_type()[cls])
    names = [f.alias for f in attrs.fields(cls) if f.init]
    name = data.draw(st.sampled_from(names))
    only_carekit_errors(lambda: attrs.evolve(instance, **{name: data.draw(junk)}))


@given(data=st.data(), a=junk, b=junk, c=junk)
def test_named_constructors_and_verbs_fed_junk_raise_only_carekit_errors(
    data: st.DataObject, a: Any, b: Any, c: Any
) -> None:
    """Money's constructors and arithmetic, the payment constructors and
    moves, fee quotes, refund-fee rules, statements and support, fed junk."""
    money = data.draw(cks.monies())
    paid = data.draw(cks.payments())
    page = data.draw(cks.page_accounts())
    calendar = data.draw(cks.business_calendars())
    duty: SupportObligation = data.draw(cks.support_obligations())
    calls: list[Callable[[], object]] = [
        lambda: Money(a, b),
        lambda: Money.of(a, b),
        lambda: Money.of(a, money.currency),
        lambda: Money.from_minor(a, b),
        lambda: Money.zero(a),
        lambda: money + a,
        lambda: money < a,
        lambda: money.multiply(a, rounding=b),
        lambda: money.multiply(Decimal(3), rounding=b),
        lambda: money.allocate(a),
        lambda: money.allocate([a, 1]),
        lambda: money.split(a),
        lambda: carekit.money.minor_units(a),
        lambda: Party.person(a),
        lambda: Party.page(a),
        lambda: Payment.to_page(
            a, id=b, payer=c, purpose=a, method=b, gross=c, created_at=a
        ),
        lambda: Payment.between_people(
            id=a, payer=b, payee=c, method=a, gross=b, created_at=c
        ),
        lambda: paid.refund(a, refund_id=b, at=c),
        lambda: paid.refund(money, refund_id="r", at=a),
        lambda: FACEBOOK_PAY_2019.quote(a),
        lambda: ProRataFeeReturn().fee_returned(
            fee=a, gross=b, refunded_before=c, refund=money
        ),
        lambda: FeeKept().fee_returned(fee=a, gross=money, refunded_before=b, refund=c),
        lambda: Statement.build(a, b, period=c, currency="USD", fees=FACEBOOK_PAY_2019),
        lambda: Statement.build(
            page, [a], period=b, currency=c, fees=FACEBOOK_PAY_2019
        ),
        lambda: statements_by_currency(page, a, period=b, fees=FACEBOOK_PAY_2019),
        lambda: open_support_obligation(a, conversation_id=b, at=c),
        lambda: open_support_obligation(paid, conversation_id=a, at=b, target=c),
        lambda: duty.response_due(a),
        lambda: duty.is_met_by(a, b),
        lambda: page.link(a),
        lambda: OpeningHours(a, b, end=c),
        lambda: BusinessCalendar.weekly("UTC", a, b, holidays=c),
        lambda: BusinessCalendar("UTC", a, holidays=b),
        lambda: calendar.add_business_time(a, b),
        lambda: calendar.business_time(a, b),
        lambda: calendar.open_spans(a, b),
        lambda: calendar.is_open(a),
        lambda: calendar.next_open(a),
        lambda: calendar.next_close(a),
    ]
    with decimal.localcontext() as context:
        context.traps[decimal.FloatOperation] = True  # no hidden float math
        for call in calls:
            only_carekit_errors(call)
