"""The support a page owes a buyer after a purchase.

Seed (``000_…``): "When customers make a purchase via Facebook Pay, your page
will be responsible for providing real-time support via Messenger chat.
These interactions will impact your page's Customer Satisfaction Score".

A succeeded purchase from a page opens a :class:`SupportObligation` linked to
the buyer's conversation; the commerce-satisfaction score (SPEC §4) is
computed over the interactions of those conversations. "Real-time" is a
target the caller chooses; the default is :data:`DEFAULT_SUPPORT_TARGET`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import attrs
from attrs import field, frozen

from carekit._instants import instant_key
from carekit._validate import aware_datetime, instance_of, non_empty_str
from carekit.errors import InvalidValue, PolicyError
from carekit.intervals import to_utc
from carekit.payments.accounts import Party, PartyKind
from carekit.payments.methods import PURCHASE_PURPOSES
from carekit.payments.payment import Payment

__all__ = ["DEFAULT_SUPPORT_TARGET", "SupportObligation", "open_support_obligation"]

DEFAULT_SUPPORT_TARGET: Final = dt.timedelta(minutes=15)
"""How soon a buyer's message must be answered by default: 15 minutes, the bar
of Facebook's later "very responsive" badge (the seed says only "real-time")."""


def _check_target(_inst: object, _attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, dt.timedelta) or value <= dt.timedelta(0):
        raise InvalidValue("target", value, "must be a positive timedelta")


@frozen
class SupportObligation:
    """A page's duty to support a buyer after a purchase.

    Attributes:
        payment_id: The purchase.
        buyer: Who bought.
        page_id: The page that sold and owes support.
        conversation_id: The buyer's conversation with the page.
        opened_at: When the obligation opened.
        target: How soon a buyer's message must be answered ("real-time").
    """

    payment_id: str = field(validator=non_empty_str)
    buyer: Party = field(validator=instance_of(Party))
    page_id: str = field(kw_only=True, validator=non_empty_str)
    conversation_id: str = field(kw_only=True, validator=non_empty_str)
    opened_at: dt.datetime = field(
        kw_only=True, validator=aware_datetime, eq=instant_key
    )
    target: dt.timedelta = field(
        default=DEFAULT_SUPPORT_TARGET, kw_only=True, validator=_check_target
    )

    def response_due(self, message_at: dt.datetime) -> dt.datetime:
        """When a reply to a buyer's message sent at *message_at* is due."""
        return to_utc(message_at) + self.target

    def is_met_by(self, message_at: dt.datetime, replied_at: dt.datetime) -> bool:
        """True when a reply at *replied_at* answers a message sent at
        *message_at* within the target."""
        return to_utc(replied_at) <= self.response_due(message_at)


def open_support_obligation(
    payment: Payment,
    *,
    conversation_id: str,
    at: dt.datetime,
    target: dt.timedelta = DEFAULT_SUPPORT_TARGET,
) -> SupportObligation:
    """The obligation a succeeded purchase from a page opens.

    Args:
        payment: A purchase (in-game, event ticket or marketplace) paid to a
            page that has succeeded (refunds since do not matter).
        conversation_id: The buyer's conversation with the page.
        at: When the obligation opens (usually when the payment succeeded).
        target: How soon buyer messages must be answered.

    Raises:
        PolicyError: The payment has not succeeded, is not a purchase, or is
            not to a page.
    """
    if not isinstance(payment, Payment):
        raise InvalidValue("payment", payment, "must be a Payment")
    if not payment.is_settled:
        raise PolicyError(
            "status", payment.status.value, "only a succeeded purchase opens support"
        )
    if payment.purpose not in PURCHASE_PURPOSES:
        raise PolicyError(
            "purpose", payment.purpose.value, "only a purchase opens support"
        )
    if payment.payee.kind is not PartyKind.PAGE:
        raise PolicyError("payee", str(payment.payee), "only a page owes support")
    return SupportObligation(
        payment.id,
        payment.payer,
        page_id=payment.payee.id,
        conversation_id=conversation_id,
        opened_at=at,
        target=target,
    )
