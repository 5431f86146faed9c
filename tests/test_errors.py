"""The error tree: one root, builtin bases, structured attributes."""

import pickle

import pytest

from carekit import errors
from tests._junk import nested


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (errors.InvalidValue, ValueError),
        (errors.CurrencyMismatch, ValueError),
        (errors.PolicyError, ValueError),
        (errors.IllegalTransition, ValueError),
        (errors.PermissionDenied, PermissionError),
        (errors.StructureError, ValueError),
    ],
)
def test_every_error_is_a_carekit_error_and_a_builtin(
    cls: type[Exception], builtin: type[Exception]
) -> None:
    assert issubclass(cls, errors.CarekitError)
    assert issubclass(cls, builtin)


def test_invalid_value_names_field_value_and_rule() -> None:
    exc = errors.InvalidValue("amount", 1.5, "floats are refused")
    assert ("amount", 1.5, "floats are refused") == (exc.field, exc.value, exc.rule)
    assert "amount: floats are refused (got 1.5)" == str(exc)


def test_illegal_transition_names_machine_state_and_event() -> None:
    exc = errors.IllegalTransition("payment", "failed", "refund")
    assert "payment cannot refund from state failed" == str(exc)
    assert "status" == exc.field


def test_permission_denied_names_field_and_who() -> None:
    exc = errors.PermissionDenied("notes", "responder", "page admins only")
    assert "notes: page admins only (asked by responder)" == str(exc)


def test_structure_error_lists_every_failure() -> None:
    exc = errors.StructureError("Money", ["invalid value @ $.amount", "x @ $.c"])
    assert 2 == len(exc.errors)
    assert "$.amount" == exc.field


@pytest.mark.parametrize(
    "exc",
    [
        errors.InvalidValue("f", 1, "r"),
        errors.CurrencyMismatch("currency", "EUR", "r"),
        errors.IllegalTransition("m", "s", "e"),
        errors.PermissionDenied("f", "w", "r"),
        errors.StructureError("T", ["e @ $.x"]),
    ],
)
def test_errors_survive_pickling(exc: errors.CarekitError) -> None:
    copy = pickle.loads(pickle.dumps(exc))
    assert str(exc) == str(copy)
    assert type(exc) is type(copy)


class _BrokenRepr:
    def __repr__(self) -> str:
        raise RuntimeError("no repr")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (10**5000, "<int of 16610 bits>"),
        (_BrokenRepr(), "<_BrokenRepr instance at"),
        (nested(100_000), "[[[[...]]]]"),
        (list(range(10**6)), "[0, 1, 2, 3, 4, 5, ...]"),
    ],
    ids=["huge int", "broken repr", "deep list", "long list"],
)
def test_an_error_about_any_value_is_still_a_carekit_error(
    value: object, shown: str
) -> None:
    """Building the message never raises in place of the error (``repr``
    refuses huge ints and deep nesting), and the message stays short."""
    exc = errors.InvalidValue("amount", value, "must be a Decimal")
    assert str(exc).startswith(f"amount: must be a Decimal (got {shown}")
    assert len(str(exc)) < 120
    assert value is exc.value


def test_permission_denied_shows_any_asker() -> None:
    message = str(errors.PermissionDenied("notes", _BrokenRepr(), "admins only"))
    assert message.startswith("notes: admins only (asked by <_BrokenRepr instance")
