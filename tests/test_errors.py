"""The error tree: one root, builtin bases, structured attributes."""

import pickle

import pytest

from carekit import errors


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
