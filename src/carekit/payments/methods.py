"""Payment methods and purposes.

Facebook Pay, as launched in the United States in November 2019 ("Introducing
& Setting Up Facebook Pay", November 2019): "For now, Facebook Pay is limited
in its use for fundraisers, in-game purchases, event tickets, person-to-person
payments on Messenger, and purchases from select pages and businesses on
Facebook Marketplace." Payers pay by card, bank transfer or PayPal.

carekit never holds a full card or bank account number: a method keeps the
brand (or bank) and the last four digits only. An error about a value that
could hold a full number reports :data:`~carekit.errors.REDACTED` instead of
the value, whatever its type (a string, bytes, a number, a list).
"""

from __future__ import annotations

from typing import Any, Final, TypeAlias

import attrs
from attrs import field, frozen

from carekit._redact import digit_count
from carekit._validate import ValueEnum, enum_member, field_name, non_empty_str
from carekit.errors import REDACTED, InvalidValue

__all__ = [
    "METHOD_TYPES",
    "PURCHASE_PURPOSES",
    "BankAccount",
    "Card",
    "CardBrand",
    "MethodKind",
    "PayPal",
    "PaymentMethod",
    "PaymentPurpose",
]


class PaymentPurpose(ValueEnum):
    """What a payment is for: the five uses Facebook Pay launched with."""

    FUNDRAISER = "fundraiser"
    IN_GAME = "in_game"
    EVENT_TICKET = "event_ticket"
    PERSON_TO_PERSON = "person_to_person"
    MARKETPLACE_PURCHASE = "marketplace_purchase"


PURCHASE_PURPOSES: Final[frozenset[PaymentPurpose]] = frozenset(
    {
        PaymentPurpose.IN_GAME,
        PaymentPurpose.EVENT_TICKET,
        PaymentPurpose.MARKETPLACE_PURCHASE,
    }
)
"""Purposes that are purchases: the buyer is owed real-time support afterwards
("When customers make a purchase via Facebook Pay, your page will be
responsible for providing real-time support via Messenger chat.")."""


class MethodKind(ValueEnum):
    """The kind of a payment method, as fee rules see it."""

    CARD = "card"
    BANK = "bank"
    PAYPAL = "paypal"


class CardBrand(ValueEnum):
    """Card networks."""

    VISA = "visa"
    MASTERCARD = "mastercard"
    AMEX = "amex"
    DISCOVER = "discover"
    JCB = "jcb"
    DINERS = "diners"
    UNIONPAY = "unionpay"
    OTHER = "other"


def _check_last4(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The field holds exactly four ASCII digits; a value with more digits is
    refused without being echoed, whatever its type."""
    if type(value) is str and len(value) == 4 and value.isascii() and value.isdigit():
        return
    if digit_count(value) > 4:
        raise InvalidValue(
            field_name(attribute),
            REDACTED,
            "a full card or account number is refused; keep only the last four digits",
        )
    raise InvalidValue(
        field_name(attribute), value, "must be exactly four digits, as a string"
    )


@frozen
class Card:
    """A payment card, known by brand and last four digits only.

    Attributes:
        brand: The card network.
        last4: The last four digits, as a string (``"4242"``).

    Raises:
        InvalidValue: *last4* is not four digits; a full card number is refused
            and not echoed in the error.
    """

    brand: CardBrand = field(validator=enum_member(CardBrand))
    last4: str = field(validator=_check_last4)

    @property
    def kind(self) -> MethodKind:
        """Always :attr:`MethodKind.CARD`."""
        return MethodKind.CARD

    def __str__(self) -> str:
        return f"{self.brand.value} •••• {self.last4}"


@frozen
class BankAccount:
    """A bank account, masked: the bank's name and the last four digits.

    Attributes:
        bank_name: The bank's name as the customer sees it.
        last4: The last four digits of the account number.

    Raises:
        InvalidValue: *bank_name* is empty or *last4* is not four digits; a
            full account number is refused and not echoed in the error.
    """

    bank_name: str = field(validator=non_empty_str)
    last4: str = field(validator=_check_last4)

    @property
    def kind(self) -> MethodKind:
        """Always :attr:`MethodKind.BANK`."""
        return MethodKind.BANK

    @property
    def masked(self) -> str:
        """The account as it may be shown: ``"•••• 6789"``."""
        return f"•••• {self.last4}"

    def __str__(self) -> str:
        return f"{self.bank_name} {self.masked}"


@frozen
class PayPal:
    """A PayPal account, known by an opaque reference the caller supplies.

    Attributes:
        account_id: The caller's reference for the PayPal account (not an
            e-mail address carekit would have to protect).
    """

    account_id: str = field(validator=non_empty_str)

    @property
    def kind(self) -> MethodKind:
        """Always :attr:`MethodKind.PAYPAL`."""
        return MethodKind.PAYPAL

    def __str__(self) -> str:
        return f"PayPal {self.account_id}"


PaymentMethod: TypeAlias = Card | BankAccount | PayPal
"""The closed union of payment methods; handle it with ``match``."""

METHOD_TYPES: Final = (Card, BankAccount, PayPal)
"""The method classes, for ``isinstance`` checks."""
