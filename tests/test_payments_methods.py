"""Payment methods and purposes: a card keeps its brand and last four
digits only, and a full number is refused without being echoed."""

import re
from decimal import Decimal

import attrs
import pytest

from carekit import InvalidValue, StructureError, structure
from carekit.errors import REDACTED
from carekit.payments import (
    PURCHASE_PURPOSES,
    BankAccount,
    Card,
    CardBrand,
    EntryKind,
    MethodKind,
    PartyKind,
    PaymentPurpose,
    PaymentStatus,
    PayoutAccount,
    PayPal,
)
from tests._payments import payment

FULL_NUMBERS = ["4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242"]


@pytest.mark.parametrize("number", FULL_NUMBERS)
def test_a_full_card_number_is_refused_without_echoing_it(number: str) -> None:
    """ "card (brand and last four digits only: a full card number is refused)";
    and "refused with an error that does not echo the number"."""
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
    """ "bank account: masked"."""
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


# -- a card number never travels with an error (regressions) -------------------

NUMBER = "4242424242424242"


def _texts(exc: BaseException) -> list[str]:
    """Every text an error chain shows: each error's args and attributes,
    following ``__cause__``, ``__context__`` and grouped errors."""
    texts: list[str] = []
    pending: list[BaseException] = [exc]
    seen: set[int] = set()
    while pending:
        error = pending.pop()
        if id(error) in seen:
            continue
        seen.add(id(error))
        texts += [repr(arg) for arg in error.args] + [str(error)]
        names = set(getattr(error, "__dict__", {})) | set(
            getattr(type(error), "__slots__", ())
        )
        texts += [repr(getattr(error, name, None)) for name in sorted(names)]
        pending += [e for e in (error.__cause__, error.__context__) if e is not None]
        pending += list(getattr(error, "exceptions", ()))
    return texts


def _holds_the_number(exc: BaseException) -> bool:
    digits = [re.sub(r"\D", "", text) for text in _texts(exc)]
    return any(NUMBER[:13] in run or NUMBER[-13:] in run for run in digits)


def test_the_chain_walk_finds_a_number_it_is_shown() -> None:
    """The check below is not vacuous: a chained cause holding the number is
    found."""
    inner = ValueError(NUMBER)
    outer = InvalidValue("last4", REDACTED, "refused")
    outer.__cause__ = inner
    assert _holds_the_number(outer)
    assert not _holds_the_number(InvalidValue("last4", REDACTED, "refused"))


@pytest.mark.parametrize(
    "number",
    [
        NUMBER.encode(),
        bytearray(NUMBER.encode()),
        Decimal(NUMBER),
        float(NUMBER),
        int(NUMBER),
        [int(d) for d in NUMBER],
        [NUMBER],
        (NUMBER,),
        {"number": NUMBER},
        "4242 4242 4242 4242",
    ],
    ids=lambda v: type(v).__name__,
)
def test_a_card_number_of_any_type_is_never_echoed(number: object) -> None:
    """Secrets never echoed: no error's args, attribute, ``__cause__`` or
    ``__context__`` holds 13 or more digits of the card number, whatever type
    it is given as."""
    for build in (
        lambda: Card(CardBrand.VISA, number),  # type: ignore[arg-type]
        lambda: BankAccount("First Bank", number),  # type: ignore[arg-type]
    ):
        with pytest.raises(InvalidValue) as info:
            build()
        assert REDACTED == info.value.value
        assert not _holds_the_number(info.value)


@pytest.mark.parametrize(
    "last4", [NUMBER, int(NUMBER), [NUMBER], {"n": NUMBER}], ids=repr
)
def test_a_card_number_is_never_echoed_through_structure(last4: object) -> None:
    """Through ``structure`` the number sat in the chained cause of a logged
    traceback; now the StructureError chains nothing and its report holds no
    such run of digits."""
    for data in (
        {"brand": "visa", "last4": last4},
        {"brand": "visa", "last4": "4242", NUMBER: last4},
    ):
        with pytest.raises(StructureError) as info:
            structure(data, Card)
        assert info.value.__cause__ is None
        assert info.value.__context__ is None
        assert not _holds_the_number(info.value)


def test_a_card_number_given_as_a_method_or_payout_destination_is_not_echoed() -> None:
    """A number passed where a method object belongs is refused unechoed."""
    with pytest.raises(InvalidValue) as info:
        PayoutAccount("po", NUMBER)  # type: ignore[arg-type]
    assert not _holds_the_number(info.value)
    with pytest.raises(InvalidValue) as info:
        attrs.evolve(payment("1.00"), method=NUMBER)  # type: ignore[arg-type]
    assert not _holds_the_number(info.value)


def test_an_unknown_enum_value_raises_a_carekit_error_with_a_hint() -> None:
    """``PaymentPurpose("marketplace")`` raised a bare ValueError with no
    hint; now an InvalidValue (still a ValueError) lists the accepted values."""
    with pytest.raises(InvalidValue) as info:
        PaymentPurpose("marketplace")
    assert "'marketplace'" in str(info.value)
    assert "'marketplace_purchase'" in str(info.value)
    assert PaymentPurpose.FUNDRAISER is PaymentPurpose("fundraiser")
    for kind in (CardBrand, MethodKind, PartyKind, PaymentStatus, EntryKind):
        with pytest.raises(InvalidValue):
            kind("no such value")
