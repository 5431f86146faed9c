"""Checks shared by the responsiveness models and the policies users write.

Every policy is a protocol, so a user's object is read through its
attributes: these functions check each value read and name it as the
caller wrote it (``policy.window``).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import attrs

from carekit.errors import InvalidValue

__all__ = [
    "MAX_DAYS",
    "an_aggregate",
    "checked_duration",
    "checked_rate",
    "figure",
    "plain_number",
    "positive_duration",
]

#: The days from 0001-01-01 to 9999-12-31: no trailing window can be longer.
MAX_DAYS = 3_652_059


def checked_duration(value: object, name: str) -> dt.timedelta:
    """*value* if it is a positive timedelta (pendulum's Duration is one).

    Raises:
        InvalidValue: It is not (field *name*).
    """
    if not isinstance(value, dt.timedelta) or value <= dt.timedelta(0):
        raise InvalidValue(name, value, "must be a positive timedelta")
    return value


def positive_duration(
    _inst: object, attribute: attrs.Attribute[Any], value: Any
) -> None:
    """attrs validator: a positive timedelta."""
    checked_duration(value, attribute.name)


def plain_number(value: object, name: str, rule: str) -> float:
    """*value* if it is a plain finite ``int`` or ``float`` (not a bool, not
    a NumPy scalar, whose ``repr`` is not a number).

    Raises:
        InvalidValue: It is not (field *name*, the *rule* given).
    """
    if type(value) not in (int, float) or not math.isfinite(value):  # type: ignore[arg-type]
        raise InvalidValue(
            name,
            value,
            f"{rule}; give a plain int or float (not a bool or NumPy scalar)",
        )
    return value  # type: ignore[return-value]


def checked_rate(value: object, name: str) -> float:
    """*value* if it is a plain number in [0, 1].

    Raises:
        InvalidValue: It is not (field *name*).
    """
    rate = plain_number(value, name, "must be a number in [0, 1]")
    if not 0 <= rate <= 1:
        raise InvalidValue(name, value, "must be a number in [0, 1]")
    return rate


def an_aggregate(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator: an ``Aggregate`` (an object with ``.compute(stats)``)."""
    if not callable(getattr(value, "compute", None)):
        raise InvalidValue(
            attribute.name,
            value,
            "must be an Aggregate (an object with .compute(stats))",
        )


def figure(aggregate: Any, stats: Any, name: str) -> float | None:
    """What *aggregate* (any object with ``.compute(stats)``) computes, once
    checked: ``None`` or a finite, non-negative number of seconds.

    Raises:
        InvalidValue: The object has no ``compute`` method, or returned
            something else (field *name*).
    """
    compute = getattr(aggregate, "compute", None)
    if not callable(compute):
        raise InvalidValue(
            name, aggregate, "must be an Aggregate (an object with .compute(stats))"
        )
    value = compute(stats)
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not 0 <= value < math.inf
    ):
        raise InvalidValue(
            f"{name}.compute(stats)",
            value,
            "must return None or a finite, non-negative number of seconds",
        )
    return float(value)
