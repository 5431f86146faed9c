"""Money: exact Decimal amounts in ISO 4217 currencies."""

import decimal
import time
from decimal import ROUND_HALF_EVEN, Decimal

import pytest

from carekit import CurrencyMismatch, InvalidValue, Money
from carekit.money import CURRENCIES, MAX_RATIO_EXPONENT, MAX_SPLIT_PARTS


def test_float_amounts_are_refused() -> None:
    """ "Floats are refused." """
    with pytest.raises(InvalidValue) as info:
        Money(10.5, "USD")  # type: ignore[arg-type]
    assert "amount" == info.value.field
    with pytest.raises(InvalidValue):
        Money.of(10.5, "USD")  # type: ignore[arg-type]


def test_unknown_currency_is_refused() -> None:
    with pytest.raises(InvalidValue) as info:
        Money(Decimal(1), "XXY")
    assert "currency" == info.value.field


@pytest.mark.parametrize(
    ("amount", "currency"),
    [("1.234", "USD"), ("1.5", "JPY"), ("0.0001", "KWD")],
)
def test_too_many_decimals_are_refused_not_rounded(amount: str, currency: str) -> None:
    """ "Amounts with more decimals than the currency allows are refused." """
    with pytest.raises(InvalidValue) as info:
        Money.of(amount, currency)
    assert "amount" == info.value.field


def test_minor_units_follow_iso_4217() -> None:
    """JPY 0, USD 2, KWD 3."""
    assert "5 JPY" == str(Money.of(5, "JPY"))
    assert "5.00 USD" == str(Money.of(5, "USD"))
    assert "5.000 KWD" == str(Money.of(5, "KWD"))
    assert Money.of("1.10", "USD") == Money.of("1.1", "USD")
    assert 110 == Money.of("1.10", "USD").minor


def test_trailing_zeros_beyond_the_minor_unit_are_not_extra_decimals() -> None:
    assert Money.of("1.2300", "USD") == Money.of("1.23", "USD")


def test_mixing_currencies_raises() -> None:
    """ "Arithmetic across currencies raises." """
    usd, eur = Money.of(1, "USD"), Money.of(1, "EUR")
    with pytest.raises(CurrencyMismatch) as info:
        usd + eur
    assert "currency" == info.value.field
    with pytest.raises(CurrencyMismatch):
        usd < eur  # noqa: B015


def test_arithmetic_and_comparison_within_a_currency() -> None:
    a, b = Money.of("2.50", "USD"), Money.of("1.25", "USD")
    assert Money.of("3.75", "USD") == a + b
    assert Money.of("1.25", "USD") == a - b
    assert Money.of("-2.50", "USD") == -a
    assert b < a
    assert a >= b


def test_multiply_rounds_with_an_explicit_mode() -> None:
    price = Money.of("0.05", "USD")
    assert Money.of("0.03", "USD") == price.multiply(Decimal("0.5"))
    assert Money.of("0.02", "USD") == price.multiply(
        Decimal("0.5"), rounding=ROUND_HALF_EVEN
    )
    with pytest.raises(InvalidValue):
        price.multiply(0.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue):
        price.multiply(Decimal(2), rounding="sideways")


def test_allocate_gives_leftover_units_to_largest_remainders() -> None:
    """ "Splitting never loses or invents a minor unit." """
    parts = Money.of("10.00", "USD").allocate([1, 1, 1])
    assert ("3.34", "3.33", "3.33") == tuple(str(p.amount) for p in parts)
    assert (Money.of(1, "JPY"), Money.of(0, "JPY")) == Money.of(1, "JPY").split(2)


@pytest.mark.parametrize("ratios", [[], [0, 0], [1, -1], [0.5, 1]])
def test_allocate_refuses_bad_ratios(ratios: list[object]) -> None:
    with pytest.raises(InvalidValue):
        Money.of(1, "USD").allocate(ratios)  # type: ignore[arg-type]


def test_amounts_too_large_for_exact_arithmetic_are_refused_naming_the_field() -> None:
    """Bad input gets a carekit error naming the field, never a bare
    ``decimal.InvalidOperation``: an amount has at most 28 digits at its
    currency's minor unit (26 integer digits of USD)."""
    largest = Money.of("99999999999999999999999999.99", "USD")
    assert 10**28 - 1 == largest.minor
    for amount in ("1e30", "123456789012345678901234567"):
        with pytest.raises(InvalidValue) as info:
            Money.of(amount, "USD")
        assert "amount" == info.value.field
    with pytest.raises(InvalidValue) as info:
        largest + Money.of("0.01", "USD")
    assert "amount" == info.value.field
    with pytest.raises(InvalidValue) as info:
        Money.from_minor(10**30 + 1, "USD")
    assert "units" == info.value.field
    with pytest.raises(InvalidValue) as info:
        largest.multiply(10)
    assert "factor" == info.value.field


@pytest.mark.parametrize("factor", [Decimal("Infinity"), Decimal("-Infinity")])
def test_multiply_refuses_non_finite_factors(factor: Decimal) -> None:
    with pytest.raises(InvalidValue) as info:
        Money.of(1, "USD").multiply(factor)
    assert "factor" == info.value.field


def test_multiply_is_exact_for_long_factors() -> None:
    """The product is exact before the one explicit rounding, however many
    digits the factor has."""
    factor = Decimal("1." + "1" * 300)
    assert Money.of("1.11", "USD") == Money.of(1, "USD").multiply(factor)
    assert Money.of(0, "USD") == Money.of(1, "USD").multiply(Decimal("1e-999999"))


def test_results_do_not_depend_on_the_callers_decimal_context() -> None:
    """Deterministic: same inputs, same outputs, whatever precision or traps
    the caller set on the thread's decimal context (never a NaN amount)."""
    expected = Money.of("123456.78", "USD")
    with decimal.localcontext() as context:
        context.prec = 3
        context.traps[decimal.InvalidOperation] = False
        assert expected == Money.of("123456.78", "USD")
        assert 12345678 == expected.minor
        assert Money.of("246913.56", "USD") == expected + expected
        assert Money.of("-123456.78", "USD") == -expected
        assert Money.of("370370.34", "USD") == expected.multiply(3)
        assert expected == Money.from_minor(12345678, "USD")


def test_negative_zero_is_zero() -> None:
    """Equal amounts print and serialize alike: -0.00 is 0.00."""
    assert "0.00 USD" == str(Money.of("-0", "USD"))


@pytest.mark.parametrize("ratios", [None, 5, iter([1, 1])])
def test_allocate_refuses_a_non_sequence(ratios: object) -> None:
    with pytest.raises(InvalidValue) as info:
        Money.of(1, "USD").allocate(ratios)  # type: ignore[arg-type]
    assert "ratios" == info.value.field


def test_multiply_refuses_an_unhashable_rounding_mode() -> None:
    with pytest.raises(InvalidValue) as info:
        Money.of(1, "USD").multiply(2, rounding=[])  # type: ignore[arg-type]
    assert "rounding" == info.value.field


# -- exact in any decimal context, strict, bounded (regressions) ---------------


def test_allocate_is_exact_in_a_low_precision_context() -> None:
    """Every sum inside carekit runs in its own context: a caller's
    ``prec = 1`` does not change how 10.00 USD splits."""
    expected = Money.of("10.00", "USD").allocate([Decimal("0.333"), 1, 2])
    with decimal.localcontext() as context:
        context.prec = 1
        context.traps[decimal.Inexact] = True
        assert expected == Money.of("10.00", "USD").allocate([Decimal("0.333"), 1, 2])


def test_the_currency_table_is_read_only() -> None:
    """No mutable globals: ``CURRENCIES["USD"] = 0`` cannot make 19.99 USD
    split into "10 USD" + "9 USD"."""
    with pytest.raises(TypeError):
        CURRENCIES["USD"] = 0  # type: ignore[index]
    assert 2 == CURRENCIES["USD"]


@pytest.mark.parametrize(
    "text", ["1_000", "2_50", " 1", "1 ", "+1", "1e3", "1E3", "١", "１", ".5", "5.", ""]
)
def test_decimal_strings_are_strict(text: str) -> None:
    """Decimal strings accept only ``-?digits(.digits)?`` in ASCII."""
    with pytest.raises(InvalidValue) as info:
        Money.of(text, "USD")
    assert "amount" == info.value.field


def test_a_tiny_ratio_is_refused_at_once() -> None:
    """Bounded work: ``allocate([Decimal("1e-9999999"), 1])`` took 21 s; each
    ratio now lies within 1e-1000 … 1e1000 and the call answers at once."""
    started = time.perf_counter()
    cases: list[list[Decimal | int]] = [
        [Decimal("1e-9999999"), 1],
        [Decimal("1" + "0" * 100_000 + "e-100000"), 1],
        [10**100_000, 1],
        [Decimal("1e1001"), 1],
    ]
    for ratios in cases:
        with pytest.raises(InvalidValue) as info:
            Money.of(1, "USD").allocate(ratios)
        assert "ratios[0]" == info.value.field
    assert time.perf_counter() - started < 1


def test_ratios_at_the_documented_limits_are_exact() -> None:
    """The limits are inclusive: 1e-1000 and 1e1000 are ratios like any
    other, and a zero ratio may have any exponent."""
    assert (Money.of("0.00", "USD"), Money.of("1.00", "USD")) == Money.of(
        1, "USD"
    ).allocate([Decimal(f"1e-{MAX_RATIO_EXPONENT}"), 1])
    assert (Money.of("1.00", "USD"), Money.of("0.00", "USD")) == Money.of(
        1, "USD"
    ).allocate([Decimal(f"1e{MAX_RATIO_EXPONENT}"), Decimal("0e-9999999")])


def test_a_huge_int_amount_is_refused_without_a_builtin_error() -> None:
    """``repr`` refuses ints of more than 4,300 digits; the error still
    names the field and shows the value shortened."""
    with pytest.raises(InvalidValue) as info:
        Money.of(10**5000, "USD")
    assert "amount" == info.value.field
    assert "<int of 16610 bits>" in str(info.value)


def test_a_split_into_too_many_parts_is_refused_at_once() -> None:
    """``split(10**12)`` raised MemoryError (and ``split(10**30)``
    OverflowError) while building the parts; at most MAX_SPLIT_PARTS."""
    for count in (10**12, 10**30, MAX_SPLIT_PARTS + 1):
        with pytest.raises(InvalidValue) as info:
            Money.of(1, "USD").split(count)
        assert "count" == info.value.field
    assert 3 == len(Money.of(1, "USD").split(3))
