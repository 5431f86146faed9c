"""attrs validators shared by the payment models."""

from __future__ import annotations

from typing import Any

import attrs

from carekit._validate import field_name
from carekit.errors import InvalidValue
from carekit.money import Money

__all__ = ["positive_money"]


def positive_money(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator: the field holds a positive :class:`~carekit.Money`."""
    if not isinstance(value, Money):
        raise InvalidValue(field_name(attribute), value, "must be Money")
    if value.amount <= 0:
        raise InvalidValue(field_name(attribute), value, "must be positive Money")
