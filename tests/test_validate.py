"""The shared validators: enum errors that say what was given and what to
pass, and enums whose unknown values raise a carekit error."""

import enum
from typing import Any

import attrs
import pytest

from carekit._validate import ValueEnum, enum_member, enum_rule
from carekit.errors import InvalidValue
from carekit.payments import CardBrand, PaymentPurpose
from tests._junk import nested


class Shade(ValueEnum):
    DARK = "dark"
    LIGHT = "light"


class Level(ValueEnum, enum.IntEnum):
    LOW = 1
    HIGH = 2


@attrs.frozen
class Paint:
    shade: Shade = attrs.field(validator=enum_member(Shade))


def test_a_member_value_is_pointed_to_its_member() -> None:
    """The error listed the given string among the valid values while
    refusing it; now it says a str was given and which member to pass."""
    with pytest.raises(InvalidValue) as info:
        Paint("dark")  # type: ignore[arg-type]
    assert (
        "shade: must be a Shade member, not the str 'dark'; pass Shade.DARK "
        "(got 'dark')"
    ) == str(info.value)


@pytest.mark.parametrize(
    ("value", "given"),
    [("grey", "the str 'grey'"), (2, "the int 2"), (None, "the NoneType None")],
)
def test_anything_else_lists_the_members(value: object, given: str) -> None:
    assert (
        f"must be a Shade member (one of Shade.DARK, Shade.LIGHT), not {given}"
        == enum_rule(Shade, value)
    )


def test_a_member_of_another_enum_is_named_by_its_type() -> None:
    rule = enum_rule(PaymentPurpose, CardBrand.VISA)
    assert "not the CardBrand <CardBrand.VISA: 'visa'>" in rule
    assert "PaymentPurpose.PERSON_TO_PERSON" in rule


def test_a_value_of_the_wrong_type_is_not_taken_for_a_member() -> None:
    """``True == 1``, but a bool is not the int value of ``Level.LOW``."""
    assert "pass" not in enum_rule(Level, True)
    assert "pass Level.LOW" in enum_rule(Level, 1)


@pytest.mark.parametrize("kind", [Shade, Level, PaymentPurpose, CardBrand])
def test_an_unknown_value_raises_invalid_value_listing_the_accepted_ones(
    kind: type[ValueEnum],
) -> None:
    """``PaymentPurpose("marketplace")`` raised a bare ValueError with no hint;
    InvalidValue is still a ValueError, so callers keep catching it."""
    with pytest.raises(ValueError, match="accepted") as info:
        kind("marketplace")
    assert isinstance(info.value, InvalidValue)
    assert kind.__name__ == info.value.field
    assert all(repr(member.value) in str(info.value) for member in kind)


def test_known_values_still_look_up_their_members() -> None:
    assert Shade.DARK is Shade("dark")
    assert Level.HIGH is Level(2)
    assert 3 == Level.LOW + Level.HIGH


class _Hostile:
    def __hash__(self) -> int:
        raise RuntimeError("no hashing")


@pytest.mark.parametrize(
    "value",
    [10**5000, nested(100_000), _Hostile(), [1], {"a": 1}],
    ids=["huge int", "deep list", "hostile hash", "list", "dict"],
)
def test_an_unprintable_or_unhashable_value_is_still_invalid_value(
    value: object,
) -> None:
    """Enum's own miss path formats the value with ``repr`` before calling
    ``_missing_``, so a huge int raised a bare ValueError and a deep list a
    RecursionError; the lookup now goes straight to the carekit error."""
    kinds: tuple[Any, ...] = (Shade, Level, PaymentPurpose)
    for kind in kinds:
        with pytest.raises(InvalidValue) as info:
            kind(value)
        assert kind.__name__ == info.value.field
    assert Shade.DARK is Shade(Shade.DARK)
