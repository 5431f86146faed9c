"""docs/payments.md stays true: its tables are checked against the code."""

import decimal
from pathlib import Path

import pytest

from carekit import Money
from carekit.payments import (
    FACEBOOK_PAY_2019,
    TRANSITIONS,
    PaymentEvent,
    PaymentStatus,
    PercentageFee,
)
from tests._payments import payment

DOC = Path(__file__).resolve().parent.parent / "docs" / "payments.md"


def table_rows(first_cells: set[str], width: int) -> list[list[str]]:
    rows = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == width and cells[0] in first_cells:
            rows.append(cells)
    return rows


def test_the_documented_transition_table_is_the_table() -> None:
    """ "a transition table"; STYLE: "diagrams in the docs come from
    that table"."""
    rows = table_rows({s.value for s in PaymentStatus}, 3)
    documented = {
        (PaymentStatus(state), PaymentEvent(event)): PaymentStatus(target)
        for state, event, target in rows
    }
    assert dict(TRANSITIONS) == documented
    assert len(TRANSITIONS) == len(rows)


ROUNDING_ROWS = table_rows({"USD", "JPY", "KWD"}, 5)


def test_the_rounding_table_covers_usd_jpy_and_kwd() -> None:
    """ "rounding explained with worked examples in USD, JPY (no minor
    unit) and KWD (three decimals)"."""
    assert {"USD", "JPY", "KWD"} == {row[0] for row in ROUNDING_ROWS}


@pytest.mark.parametrize("row", ROUNDING_ROWS, ids=lambda row: " ".join(row[:2]))
def test_each_worked_rounding_example_holds(row: list[str]) -> None:
    """ "Fee rounded to the currency's minor unit (default half-up)" """
    currency, gross, exact, half_up, half_even = row
    paid = payment(gross, currency)
    assert decimal.Decimal(exact) == paid.gross.amount * decimal.Decimal("0.025")
    assert Money.of(half_up, currency) == FACEBOOK_PAY_2019.quote(paid).fee
    even = PercentageFee(rounding=decimal.ROUND_HALF_EVEN)
    assert Money.of(half_even, currency) == even.quote(paid).fee
