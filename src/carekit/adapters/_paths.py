"""Reading parsed JSON and CSV rows with every failure named by its path.

The adapters take exactly what a platform sends (dicts, lists, strings and
numbers from ``json.loads``) or what an export holds (``csv`` rows). Each
helper here checks one value and, when it is wrong, raises
:class:`~carekit.errors.InvalidValue` whose ``field`` is the path to it
(``entry[0].messaging[0].sender``, ``rows[41].created_at``), never a bare
``KeyError``/``TypeError``/``IndexError``.

>>> text({"text": "hi"}, "text", "message")
'hi'
>>> text({}, "text", "message", required=True)
Traceback (most recent call last):
...
carekit.errors.InvalidValue: message.text: is required (got None)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from carekit.errors import InvalidValue

__all__ = [
    "EPOCH",
    "SECONDS_BELOW",
    "identifier",
    "instant",
    "items",
    "join",
    "mapping",
    "optional_mapping",
    "text",
]

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

#: Timestamps below this are read as epoch *seconds*, from this value up as
#: epoch *milliseconds*. As milliseconds, 10^11 is 1973-03-03: no webhook
#: was ever sent before it; as seconds it is the year 5138.
SECONDS_BELOW = 10**11


def join(path: str, key: str) -> str:
    """The path of *key* inside the value at *path* (the root is ``""``)."""
    return f"{path}.{key}" if path else key


def mapping(value: object, path: str) -> Mapping[str, Any]:
    """*value* itself, if it is a JSON object (a mapping)."""
    if type(value) is dict:  # what json.loads gives: skip the ABC check
        return value
    if not isinstance(value, Mapping):
        raise InvalidValue(path or "payload", value, "must be a JSON object")
    return value


def optional_mapping(
    parent: Mapping[str, Any], key: str, path: str
) -> Mapping[str, Any] | None:
    """``parent[key]`` as a JSON object, or ``None`` when absent or null."""
    value = parent.get(key)
    if value is None or type(value) is dict:
        return value
    return mapping(value, join(path, key))


def items(parent: Mapping[str, Any], key: str, path: str) -> Sequence[Any]:
    """``parent[key]`` as a JSON array; absent or null is an empty one."""
    value = parent.get(key)
    if type(value) is list:
        return value
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise InvalidValue(join(path, key), value, "must be a JSON array")
    return value


def text(
    parent: Mapping[str, Any], key: str, path: str, *, required: bool = False
) -> str | None:
    """``parent[key]`` as a string; ``None`` when absent unless *required*."""
    value = parent.get(key)
    if value is None:
        if required:
            raise InvalidValue(join(path, key), None, "is required")
        return None
    if type(value) is not str:
        raise InvalidValue(join(path, key), value, "must be a string")
    return value


def identifier(parent: Mapping[str, Any], key: str, path: str) -> str:
    """``parent[key]``, a required id: a non-empty string, or a whole number
    written as a JSON number (some tools send page ids unquoted)."""
    value = parent.get(key)
    if type(value) is str and value and not value.isspace():
        return value
    if type(value) is int and value >= 0:
        return str(value)
    if type(value) is not str or not value.strip():
        rule = "is required" if value is None else "must be a non-empty string id"
        raise InvalidValue(join(path, key), value, rule)
    return value


def instant(value: object, path: str) -> dt.datetime:
    """An epoch timestamp in UTC, from an int or a string of digits.

    Meta documents webhook timestamps in epoch milliseconds; some published
    examples carry epoch seconds instead (often as strings). A value below
    :data:`SECONDS_BELOW` is read as seconds, anything else as milliseconds.

    >>> instant(1458692752478, "timestamp").isoformat()
    '2016-03-23T00:25:52.478000+00:00'
    >>> instant("1458692752", "timestamp").isoformat()
    '2016-03-23T00:25:52+00:00'
    """
    number: int
    if type(value) is int:
        number = value
    elif type(value) is str and value.isascii() and value.isdigit():
        number = int(value)
    else:
        raise InvalidValue(
            path, value, "must be epoch milliseconds: an integer or a string of digits"
        )
    if number < 0:
        raise InvalidValue(path, value, "must not be before 1970")
    millis = number * 1000 if number < SECONDS_BELOW else number
    try:
        return EPOCH + dt.timedelta(milliseconds=millis)
    except OverflowError:
        raise InvalidValue(path, value, "is past the year 9999") from None
