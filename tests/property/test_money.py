"""Money invariants: "Splitting never loses or invents a minor unit"."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from carekit import Money
from carekit.testing import strategies as cks


@given(cks.monies(), cks.ratios())
def test_allocate_conserves_the_amount(money: Money, ratios: list[Decimal]) -> None:
    """sum(allocate(m, ratios)) == m for any ratios."""
    parts = money.allocate(ratios)
    assert len(ratios) == len(parts)
    assert money == sum(parts, Money.zero(money.currency))


@given(cks.monies(min_value=0), cks.ratios())
def test_allocate_parts_are_within_one_unit_of_the_exact_share(
    money: Money, ratios: list[Decimal]
) -> None:
    """Each part is its exact share rounded down or up by less than one unit."""
    total = sum(ratios)
    for part, ratio in zip(money.allocate(ratios), ratios, strict=True):
        exact = Decimal(money.minor) * ratio / total
        assert abs(part.minor - exact) < 1


@given(cks.monies(), st.integers(min_value=1, max_value=50))
def test_split_conserves_and_is_near_equal(money: Money, count: int) -> None:
    """Splitting never loses a unit and parts differ by at most one unit."""
    parts = money.split(count)
    assert money == sum(parts, Money.zero(money.currency))
    assert max(p.minor for p in parts) - min(p.minor for p in parts) <= 1


@given(cks.monies(), cks.monies())
def test_addition_commutes_within_a_currency(a: Money, b: Money) -> None:
    b = Money.from_minor(b.minor, a.currency)
    assert a + b == b + a
    assert a == (a + b) - b
