"""Lossless plain data: every public model to JSON-compatible dicts and back.

One shared cattrs converter; ``structure(unstructure(x)) == x`` for every
model:

- datetimes as ISO 8601 strings with their UTC offset, followed by the IANA
  zone in brackets when there is one (RFC 9557:
  ``2024-03-31T09:00:00+02:00[Europe/Berlin]``), so a time in a DST fold
  comes back exactly; a string without an offset is refused;
- dates and times of day as ISO 8601 strings;
- durations (``timedelta``) as a string of exact seconds (``"300.500000"``);
- ``Decimal`` as a string (``"2.50"``); floats are refused;
- enums as their values;
- a conversation's :class:`~carekit.messages.MessageLog` as an array of
  messages;
- the built-in response-time aggregates as tagged objects
  (``{"kind": "percentile", "p": 90.0}``);
- attrs private fields under their ``__init__`` name (``notes``, not ``_notes``).

Structuring is strict: a wrong type is never coerced (``123`` is not the
string ``"123"``, ``"abc"`` is not a list of characters), a decimal string is
``-?digits(.digits)?`` in ASCII and nothing else (no ``"1_000"``, spaces,
``+`` or exponent), extra keys are refused, and every failing field is
reported at once in a :class:`~carekit.errors.StructureError`. Whatever the
data, :func:`structure` returns a valid model or raises ``StructureError``;
the error chains no other exception, so nothing from the data (a card
number, say) travels with it, and runs of 13 or more digits in its report
are redacted.

>>> from carekit import Money
>>> unstructure(Money.of("2.50", "USD"))
{'amount': '2.50', 'currency': 'USD'}
>>> structure({'amount': '2.50', 'currency': 'USD'}, Money)
Money(amount=Decimal('2.50'), currency='USD')
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any, TypeVar, get_args, get_origin
from zoneinfo import ZoneInfo

import attrs
import cattrs
import cattrs.gen
from cattrs.strategies import configure_tagged_union
from cattrs.v import format_exception

from carekit._decimal import parse_decimal
from carekit._redact import scrub
from carekit._zones import is_zone_key
from carekit.errors import CarekitError, InvalidValue, StructureError
from carekit.messages import Message, MessageLog
from carekit.responsiveness import (
    Aggregate,
    FastestMean,
    Mean,
    Median,
    Percentile,
    ResponsePolicy,
    ResponseRules,
)
from carekit.tickets.commands import TicketCommand

__all__ = ["converter", "register_policy", "structure", "unstructure"]

T = TypeVar("T")

converter = cattrs.Converter(use_alias=True, forbid_extra_keys=True)
"""The shared converter. Prefer :func:`structure` and :func:`unstructure`,
which turn every failure into a :class:`~carekit.errors.StructureError`."""


def _expect(kind: type | tuple[type, ...], value: Any, what: str) -> None:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise InvalidValue("value", value, f"must be {what}")


def _expect_object(value: Any) -> None:
    """A JSON object: a dict whose keys are all strings."""
    _expect(dict, value, "an object")
    if not all(type(key) is str for key in value):
        raise InvalidValue("value", value, "must be an object with string keys")


# -- scalars: strict, never coercing -----------------------------------------


def _structure_str(value: Any, _: type) -> str:
    _expect(str, value, "a string")
    return str(value)


def _structure_int(value: Any, _: type) -> int:
    _expect(int, value, "an integer")
    return int(value)


def _structure_bool(value: Any, _: type) -> bool:
    _expect(bool, value, "true or false")
    return bool(value)


def _structure_float(value: Any, _: type) -> float:
    _expect((int, float), value, "a number")
    return float(value)


# Integers in data are exact decimals too, up to this many digits (no
# carekit Decimal field holds more).
_MAX_INT_DIGITS = 100


def _structure_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, float):
        raise InvalidValue("value", value, "floats are refused; give a decimal string")
    _expect((str, int), value, "a decimal string")
    if isinstance(value, str):
        return parse_decimal(value, "value")
    if abs(value) >= 10**_MAX_INT_DIGITS:
        raise InvalidValue("value", value, f"more than {_MAX_INT_DIGITS} digits")
    return Decimal(value)


def _unstructure_datetime(value: dt.datetime) -> str:
    text = value.isoformat()
    zone = value.tzinfo.key if isinstance(value.tzinfo, ZoneInfo) else None
    # Only a zone that reads back is named: a ZoneInfo read from a file has
    # no key, and ``localtime`` is the host's; the offset alone is written.
    return f"{text}[{zone}]" if is_zone_key(zone) else text


def _structure_datetime(value: Any, _: type) -> dt.datetime:
    _expect(str, value, "an ISO 8601 datetime string with an offset")
    text, bracket, zone = value.partition("[")
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidValue("value", value, "not an ISO 8601 datetime") from None
    if moment.tzinfo is None:
        raise InvalidValue("value", value, "naive datetimes are refused; add an offset")
    if not bracket:
        return moment
    if not zone.endswith("]"):
        raise InvalidValue("value", value, "the IANA zone must end with ']'")
    return _in_zone(moment, zone.removesuffix("]"), value)


def _in_zone(moment: dt.datetime, zone: str, value: str) -> dt.datetime:
    """Attach the IANA *zone*, choosing the fold that matches the written offset."""
    if not is_zone_key(zone):
        raise InvalidValue("value", value, "unknown IANA timezone")
    tz = ZoneInfo(zone)
    for fold in (0, 1):
        local = moment.replace(tzinfo=tz, fold=fold)
        if local.utcoffset() == moment.utcoffset():
            return local
    raise InvalidValue("value", value, "the offset does not exist in that timezone")


def _structure_date(value: Any, _: type) -> dt.date:
    _expect(str, value, "an ISO 8601 date string")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidValue("value", value, "not an ISO 8601 date") from None


def _structure_time(value: Any, _: type) -> dt.time:
    _expect(str, value, "an ISO 8601 time string")
    try:
        moment = dt.time.fromisoformat(value)
    except ValueError:
        raise InvalidValue("value", value, "not an ISO 8601 time of day") from None
    if moment.tzinfo is not None:
        raise InvalidValue("value", value, "a time of day carries no offset")
    return moment


def _unstructure_timedelta(value: dt.timedelta) -> str:
    # Integer arithmetic: exact, whatever the caller's decimal context.
    micros = (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds
    whole, fraction = divmod(abs(micros), 1_000_000)
    return f"{'-' if micros < 0 else ''}{whole}.{fraction:06d}"


# Exact microseconds from any duration in range: seconds below 10**16 with
# up to 40 significant digits; a digit finer than that signals Inexact.
_MICROS = decimal.Context(
    prec=40,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.Inexact, decimal.InvalidOperation],
)


def _structure_timedelta(value: Any, _: type) -> dt.timedelta:
    seconds = _structure_decimal(value, Decimal)
    if not seconds:
        return dt.timedelta(0)
    # Checked before any arithmetic: int(Decimal("1e5000000")) never ends.
    if seconds.adjusted() > 15:  # timedelta.max is under 10**14 seconds
        raise InvalidValue("value", value, "out of range for a duration")
    try:
        micros = _MICROS.scaleb(seconds, 6)
    except decimal.Inexact:
        raise InvalidValue("value", value, "finer than a microsecond") from None
    if micros != micros.to_integral_value(context=_MICROS):
        raise InvalidValue("value", value, "finer than a microsecond")
    try:
        return dt.timedelta(microseconds=int(micros))
    except OverflowError:
        raise InvalidValue("value", value, "out of range for a duration") from None


for _kind, _hook in (
    (str, _structure_str),
    (int, _structure_int),
    (bool, _structure_bool),
    (float, _structure_float),
    (Decimal, _structure_decimal),
    (dt.datetime, _structure_datetime),
    (dt.date, _structure_date),
    (dt.time, _structure_time),
    (dt.timedelta, _structure_timedelta),
):
    converter.register_structure_hook(_kind, _hook)

converter.register_unstructure_hook(Decimal, str)
converter.register_unstructure_hook(dt.datetime, _unstructure_datetime)
converter.register_unstructure_hook(dt.date, dt.date.isoformat)
converter.register_unstructure_hook(dt.time, dt.time.isoformat)
converter.register_unstructure_hook(dt.timedelta, _unstructure_timedelta)


# -- collections: only JSON arrays are sequences, only objects are mappings ----


def _is_homogeneous_tuple(kind: Any) -> bool:
    args = get_args(kind)
    return get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook_factory(kind: Any) -> Callable[[Any, Any], Any]:
    item_type = get_args(kind)[0]
    inner = converter.get_structure_hook(list[item_type])  # type: ignore[valid-type]

    def structure_tuple(value: Any, _: Any) -> tuple[Any, ...]:
        _expect((list, tuple), value, "an array")
        return tuple(inner(value, list[item_type]))  # type: ignore[valid-type]

    return structure_tuple


converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook_factory)


def _attrs_hook_factory(kind: Any) -> Callable[[Any, Any], Any]:
    inner = cattrs.gen.make_dict_structure_fn(kind, converter)

    def structure_object(value: Any, _: Any) -> Any:
        _expect_object(value)
        return inner(value, kind)

    return structure_object


converter.register_structure_hook_factory(attrs.has, _attrs_hook_factory)


# -- a conversation's messages: an array, whatever the log keeps inside --------


def _unstructure_log(log: MessageLog) -> list[Any]:
    return [converter.unstructure(message, Message) for message in log]


def _structure_log(value: Any, _: Any) -> MessageLog:
    messages = converter.get_structure_hook(tuple[Message, ...])
    return MessageLog(messages(value, tuple[Message, ...]))


converter.register_unstructure_hook(MessageLog, _unstructure_log)
converter.register_structure_hook(MessageLog, _structure_log)


# -- policy plug-ins: built-in aggregates as tagged objects ----------------------

_AGGREGATES: Mapping[str, type] = MappingProxyType(
    {
        "median": Median,
        "mean": Mean,
        "percentile": Percentile,
        "fastest_mean": FastestMean,
    }
)


def _unstructure_aggregate(value: Aggregate) -> dict[str, Any]:
    for tag, cls in _AGGREGATES.items():
        if type(value) is cls:
            return {"kind": tag, **converter.unstructure(value, unstructure_as=cls)}
    raise InvalidValue(
        "aggregate", value, f"only the built-in aggregates serialize: {_TAGS}"
    )


def _structure_aggregate(value: Any, _: Any) -> Aggregate:
    _expect_object(value)
    data = dict(value)
    tag = data.pop("kind", None)
    cls = _AGGREGATES.get(tag) if isinstance(tag, str) else None
    if cls is None:
        raise InvalidValue("kind", tag, f"must be one of {_TAGS}")
    result: Aggregate = converter.structure(data, cls)
    return result


_TAGS = ", ".join(sorted(_AGGREGATES))
converter.register_unstructure_hook(Aggregate, _unstructure_aggregate)
converter.register_structure_hook(Aggregate, _structure_aggregate)


def register_policy(protocol: type, *classes: type, field: str) -> None:
    """Let fields typed as the policy *protocol* round-trip through plain data
    when they hold one of *classes* (attrs classes; carekit's own
    implementations, or yours).

    With one class, the data is that class's own fields. With several, it
    also names the class under ``"kind"``. A value of any other class has no
    plain form: :func:`unstructure` refuses it with
    :class:`~carekit.errors.InvalidValue` naming *field*, rather than write
    data that cannot be read back; a document naming an unknown kind is
    refused by :func:`structure`.
    """
    names = {cls.__name__: cls for cls in classes}
    allowed = ", ".join(names)
    rule = (
        f"only {allowed} serializes; a policy of your own class has no plain-data form"
    )

    def unstructure_policy(value: object) -> Any:
        cls = type(value)
        if cls not in classes:
            raise InvalidValue(field, value, rule)
        plain = converter.unstructure(value, unstructure_as=cls)
        return plain if len(classes) == 1 else {"kind": cls.__name__, **plain}

    def structure_policy(value: Any, _: object) -> Any:
        if len(classes) == 1:
            return converter.structure(value, classes[0])
        if not isinstance(value, Mapping) or value.get("kind") not in names:
            raise InvalidValue(field, value, f"must name its kind: one of {allowed}")
        fields = {key: item for key, item in value.items() if key != "kind"}
        return converter.structure(fields, names[value["kind"]])

    # Hooks for the declared type itself only: a runtime-checkable Protocol
    # would otherwise also claim its implementations, and loop.
    def declared(kind: Any) -> bool:
        return kind is protocol

    converter.register_unstructure_hook_func(declared, unstructure_policy)
    converter.register_structure_hook_func(declared, structure_policy)


# A response policy field holds the built-in ResponseRules in plain data; an
# object of the user's own class has no plain form and cannot round-trip.
register_policy(ResponsePolicy, ResponseRules, field="response")


# A ticket command held by a value (the bots' UpdateTicket) is one of a union
# whose members share field names (Tag and Untag, Open and Close...): the
# plain data names its class under "command".
configure_tagged_union(TicketCommand, converter, tag_name="command")


# -- the boundary --------------------------------------------------------------


def unstructure(obj: object) -> Any:
    """Turn a carekit model into JSON-compatible plain data."""
    return converter.unstructure(obj)


def structure(data: object, cls: type[T]) -> T:
    """Build a *cls* from plain data, strictly.

    Returns a valid *cls* or raises :class:`~carekit.errors.StructureError`,
    whatever *data* holds (wrong types, non-string keys, huge numbers, deep
    nesting). The error lists every failing field and chains no other
    exception: nothing from *data* travels with it.

    Raises:
        StructureError: listing every failing field as ``reason @ $.path``.
    """
    try:
        return converter.structure(data, cls)
    except Exception as exc:  # every failure becomes one StructureError
        error = StructureError(_model_name(cls), _report(exc))
    # Raised outside the handler, so neither __cause__ nor __context__ holds
    # the original errors (or the data they carry).
    raise error


def _model_name(cls: object) -> str:
    name = getattr(cls, "__name__", None)
    return name if isinstance(name, str) else "the requested type"


def _report(exc: Exception) -> list[str]:
    """One line per failing field, with no run of digits long enough to be a
    card number."""
    try:
        lines = list(_messages(exc))
    except Exception:  # the report must never fail in place of the error
        lines = [f"invalid data ({type(exc).__name__}) @ $"]
    return [scrub(line) for line in lines] or ["invalid data @ $"]


def _format(exc: BaseException, kind: type | None) -> str:
    if isinstance(exc, InvalidValue):
        return exc.rule if exc.field == "value" else f"{exc.field}: {exc.rule}"
    if isinstance(exc, CarekitError):
        return str(exc)
    return format_exception(exc, kind)


def _messages(exc: BaseException) -> Sequence[str]:
    if isinstance(exc, CarekitError) and not isinstance(exc, StructureError):
        field = getattr(exc, "field", "value")
        path = "$" if field == "value" else f"$.{field}"
        return [f"{_format(exc, None)} @ {path}"]
    lines = cattrs.transform_error(exc, path="$", format_exception=_format)
    # cattrs names attrs private fields by attribute (``_notes``); the data
    # uses the ``__init__`` alias (``notes``), and so must the report.
    return [_PRIVATE_STEP.sub(".", line) for line in lines]


_PRIVATE_STEP = re.compile(r"\._(?=[a-z])")
