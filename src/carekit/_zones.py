"""IANA time zones by name: the one check every zone name goes through.

A zone name is accepted only when it is a key of the IANA time zone
database that Python's ``zoneinfo`` ships with (the ``tzdata`` package, a
dependency of pendulum). Names that are files of the host rather than zones
are refused: ``localtime`` (a link to whatever zone the host is set to, so
results would depend on the machine), ``posixrules`` and ``Factory`` (no
place's clock), and directories such as ``Europe``. Nothing is looked up on
disk for a name that is not a key, so a refused name never surfaces as an
``OSError`` or a host path.
"""

from __future__ import annotations

import functools
import zoneinfo
from typing import TypeGuard
from zoneinfo import ZoneInfo

from carekit.errors import InvalidValue

__all__ = ["is_zone_key", "zone_key", "zone_of"]

#: Keys that zoneinfo may list but that name no place's clock.
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})
_RULE = "must be an IANA timezone name"


@functools.cache
def _keys() -> frozenset[str]:
    """The IANA zone keys, computed once on first use."""
    return frozenset(zoneinfo.available_timezones()) - _NOT_ZONES


def is_zone_key(value: object) -> TypeGuard[str]:
    """True for a string that is an IANA time zone key.

    >>> [is_zone_key(k) for k in ("Europe/Berlin", "UTC", "Europe", "localtime")]
    [True, True, False, False]
    """
    return type(value) is str and value in _keys()


def zone_key(value: object, field: str) -> str:
    """The IANA key of *value*, a zone name or a ``ZoneInfo`` built from one.

    Raises:
        InvalidValue: *value* is not an IANA key (``localtime``,
            ``posixrules``, ``Factory``, a directory, a path, a ``ZoneInfo``
            read from a file, anything but a string); names *field*.
    """
    key = value.key if isinstance(value, ZoneInfo) else value
    if not is_zone_key(key):
        raise InvalidValue(field, value, _RULE)
    return key


def zone_of(value: object, field: str) -> ZoneInfo:
    """The ``ZoneInfo`` named by *value* (see :func:`zone_key`).

    Raises:
        InvalidValue: As :func:`zone_key`.
    """
    return ZoneInfo(zone_key(value, field))
