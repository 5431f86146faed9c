"""The support obligation after a purchase ("your page will be responsible
for providing real-time support via Messenger chat", Facebook Pay, 2019)."""

import datetime as dt

import pytest

from carekit import InvalidValue, PolicyError
from carekit.payments import (
    DEFAULT_SUPPORT_TARGET,
    Party,
    PaymentPurpose,
    open_support_obligation,
)
from tests._payments import BUYER, T0, payment


def test_a_succeeded_purchase_opens_an_obligation_on_the_buyer_conversation() -> None:
    """ "a successful purchase opens a support obligation linked to the
    buyer's conversation"."""
    paid = payment("10.00").succeed()
    duty = open_support_obligation(paid, conversation_id="c-9", at=T0)
    assert ("p-1", BUYER, "shop", "c-9", T0, DEFAULT_SUPPORT_TARGET) == (
        duty.payment_id,
        duty.buyer,
        duty.page_id,
        duty.conversation_id,
        duty.opened_at,
        duty.target,
    )
    asked = T0 + dt.timedelta(hours=1)
    assert asked + DEFAULT_SUPPORT_TARGET == duty.response_due(asked)
    assert duty.is_met_by(asked, asked + DEFAULT_SUPPORT_TARGET)
    assert not duty.is_met_by(asked, asked + DEFAULT_SUPPORT_TARGET + dt.timedelta(1))


@pytest.mark.parametrize(
    ("paid", "field"),
    [
        (payment("10.00"), "status"),
        (payment("10.00").fail(), "status"),
        (payment("10.00", purpose=PaymentPurpose.FUNDRAISER).succeed(), "purpose"),
        (payment("10.00", payee=Party.person("seller")).succeed(), "payee"),
    ],
)
def test_only_a_succeeded_purchase_from_a_page_opens_one(
    paid: object, field: str
) -> None:
    """ "When customers make a purchase via Facebook Pay, your page will be
    responsible" """
    with pytest.raises(PolicyError) as info:
        open_support_obligation(paid, conversation_id="c", at=T0)  # type: ignore[arg-type]
    assert field == info.value.field


def test_the_target_is_a_positive_parameter() -> None:
    """ "real-time" is a target the caller chooses."""
    paid = payment("10.00").succeed()
    fast = open_support_obligation(
        paid, conversation_id="c", at=T0, target=dt.timedelta(minutes=5)
    )
    assert dt.timedelta(minutes=5) == fast.target
    with pytest.raises(InvalidValue) as info:
        open_support_obligation(paid, conversation_id="c", at=T0, target=dt.timedelta())
    assert "target" == info.value.field


def test_a_reply_due_after_year_9999_is_a_carekit_error() -> None:
    """``response_due`` near 9999 raised a bare OverflowError; it now names
    ``message_at``, and ``is_met_by`` still answers."""
    paid = payment("10.00").succeed()
    duty = open_support_obligation(paid, conversation_id="c", at=T0)
    late = dt.datetime.max.replace(tzinfo=dt.UTC) - dt.timedelta(minutes=1)
    with pytest.raises(InvalidValue) as info:
        duty.response_due(late)
    assert "message_at" == info.value.field
    assert duty.is_met_by(late, late)
    edge = late - DEFAULT_SUPPORT_TARGET + dt.timedelta(minutes=1)
    assert dt.datetime.max.replace(tzinfo=dt.UTC) == duty.response_due(edge)
    with pytest.raises(InvalidValue) as info:
        duty.response_due(dt.datetime(2024, 1, 1))  # naive
    assert "message_at" == info.value.field
