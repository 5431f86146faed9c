"""Payment methods and purposes (SPEC §7)."""

import pytest

from carekit import InvalidValue
from carekit.errors import REDACTED
from carekit.payments import (
    PURCHASE_PURPOSES,
    BankAccount,
    Card,
    CardBrand,
    MethodKind,
    PaymentPurpose,
    PayPal,
)

FULL_NUMBERS = ["4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242"]


@pytest.mark.parametrize("number", FULL_NUMBERS)
def test_a_full_card_number_is_refused_without_echoing_it(number: str) -> None:
    """ "card (brand and last four digits only: a full card number is refused)";
    issue 4: "refused with an error that does not echo the number"."""
    with pytest.raises(InvalidValue) as info:
        Card(CardBrand.VISA, number)
    assert "last4" == info.value.field
    assert REDACTED == info.value.value
    assert number not in str(info.value)
    assert "4242424242" not in repr(info.value).replace(" ", "").replace("-", "")


def test_a_full_card_number_given_as_an_int_is_refused_too() -> None:
    """ "a full card number is refused" """
    with pytest.raises(InvalidValue) as info:
        Card(CardBrand.VISA, 4242424242424242)  # type: ignore[arg-type]
    assert REDACTED == info.value.value


@pytest.mark.parametrize("last4", ["424", "42a2", "", "４２４２"])
def test_last4_must_be_four_ascii_digits(last4: str) -> None:
    """ "brand and last four digits only" """
    with pytest.raises(InvalidValue) as info:
        Card(CardBrand.VISA, last4)
    assert "last4" == info.value.field


def test_card_keeps_brand_and_last_four_digits() -> None:
    """ "card (brand and last four digits only)" """
    card = Card(CardBrand.MASTERCARD, "0005")
    assert (MethodKind.CARD, "mastercard •••• 0005") == (card.kind, str(card))


def test_card_brand_must_be_a_card_brand() -> None:
    """Models are validated at construction and name the field."""
    with pytest.raises(InvalidValue) as info:
        Card("visa", "4242")  # type: ignore[arg-type]
    assert "brand" == info.value.field


def test_bank_account_is_masked_and_refuses_a_full_account_number() -> None:
    """Issue 4: "bank account: masked"."""
    account = BankAccount("First Bank", "6789")
    assert "•••• 6789" == account.masked
    assert MethodKind.BANK == account.kind
    with pytest.raises(InvalidValue) as info:
        BankAccount("First Bank", "000123456789")
    assert REDACTED == info.value.value
    assert "123456789" not in str(info.value)


def test_paypal_is_a_method() -> None:
    """ "Payment methods: card ..., bank account, PayPal." """
    assert MethodKind.PAYPAL == PayPal("pp-1").kind
    with pytest.raises(InvalidValue):
        PayPal(" ")


def test_the_five_purposes_and_which_are_purchases() -> None:
    """ "fundraiser, in-game purchase, event ticket, person-to-person
    (Messenger), purchase from a page or business (Marketplace)" """
    assert 5 == len(PaymentPurpose)
    assert {
        PaymentPurpose.IN_GAME,
        PaymentPurpose.EVENT_TICKET,
        PaymentPurpose.MARKETPLACE_PURCHASE,
    } == PURCHASE_PURPOSES
