"""Which columns of a frame carry what, checked against the frame's schema.

A frame is read through a :class:`Layout`: the conversation id, the time
(aware datetimes, or epoch seconds or milliseconds), the role (one column of
:class:`~carekit.responsiveness.Role` values or names, or carekit.messages'
direction, author and kind) and an optional sequence that orders equal
times. Everything here is checked on the schema alone, so a lazy frame is
not computed; what only the data can tell (nulls, unknown values) becomes
one *problem* code per row, which the pipeline carries to the final
collect.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Final, Literal, NamedTuple

import narwhals as nw

from carekit._threads import (
    AGENT,
    AUTOMATED,
    BOT,
    CUSTOMER,
    FIRST_SECOND,
    INTERNAL,
    MICROSECONDS,
    SECONDS,
    STOP_SECOND,
)
from carekit.errors import InvalidValue
from carekit.messages import AuthorKind, Direction, MessageKind

__all__ = [
    "ID_PROBLEM",
    "PROBLEMS",
    "ROLE_NAMES",
    "SEQUENCE_PROBLEM",
    "TIME_PROBLEM",
    "Epoch",
    "Layout",
    "layout_of",
]

Epoch = Literal["s", "ms"]
"""How a numeric time column counts: epoch seconds or epoch milliseconds."""

#: The role names a string role column may hold (``Role`` names, lower case).
ROLE_NAMES: Final = {
    "customer": CUSTOMER,
    "agent": AGENT,
    "bot": BOT,
    "automated": AUTOMATED,
    "internal": INTERNAL,
}

#: Problem codes of a row (0: none), in the order they are checked.
ID_PROBLEM, TIME_PROBLEM, SEQUENCE_PROBLEM = 1, 2, 3
#: The first code of the role columns: 4 for ``role`` or ``direction``, 5
#: for ``author``, 6 for ``kind``.
_ROLE_PROBLEM = 4
PROBLEMS: Final = 7

_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_UTC: Final = frozenset({"UTC", "Etc/UTC"})
_DIRECTIONS: Final = [member.value for member in Direction]
_AUTHORS: Final = [member.value for member in AuthorKind]
_KINDS: Final = [member.value for member in MessageKind]


class Layout(NamedTuple):
    """The checked columns of one frame.

    Attributes:
        conversation: The conversation id column.
        time: The time column.
        roles: One role column, or the direction, author and kind columns.
        sequence: The column that orders equal times, or ``None``.
        epoch: ``None`` for aware datetimes, ``"s"`` or ``"ms"``. Datetimes
            and milliseconds become exact integer microseconds (as
            ``measure_conversations`` counts), seconds floats (as
            ``measure_rows`` counts).
        numeric_roles: Whether the single role column holds ints.
        zone: The time zone of a datetime column's type when it is not UTC
            (its instants are converted to UTC first), else ``None``.
    """

    conversation: str
    time: str
    roles: tuple[str, ...]
    sequence: str | None
    epoch: Epoch | None
    numeric_roles: bool
    zone: str | None = None

    @property
    def unit(self) -> int:
        """Ticks per second of :meth:`ticks`."""
        return SECONDS if self.epoch == "s" else MICROSECONDS

    def ticks(self) -> nw.Expr:
        """The time column in ticks of :attr:`unit` (nanoseconds of a
        datetime are dropped: a Python datetime holds none)."""
        time = nw.col(self.time)
        if self.epoch == "s":
            return time.cast(nw.Float64)
        if self.epoch == "ms":
            return time.cast(nw.Int64) * 1000
        # ``dt.timestamp`` is not on every backend (DuckDB); a duration since
        # the epoch is, once both sides are in one zone (an instant's zone
        # does not change it).
        if self.zone is not None:
            time = time.dt.convert_time_zone("UTC")
        return (time - nw.lit(_EPOCH)).dt.total_microseconds()

    def problem(self) -> nw.Expr:
        """Each row's first problem code (0: none). The range of the years
        1-9999 is checked before milliseconds are scaled (so that no
        product overflows)."""
        checks: list[tuple[int, nw.Expr]] = [
            (ID_PROBLEM, nw.col(self.conversation).is_null()),
            (TIME_PROBLEM, self.bad_time()),
        ]
        if self.sequence is not None:
            checks.append((SEQUENCE_PROBLEM, nw.col(self.sequence).is_null()))
        if len(self.roles) == 1:
            known = [*ROLE_NAMES.values()] if self.numeric_roles else [*ROLE_NAMES]
            checks.append((_ROLE_PROBLEM, _unknown(self.roles[0], known)))
        else:
            for offset, (name, values) in enumerate(
                zip(self.roles, (_DIRECTIONS, _AUTHORS, _KINDS), strict=True)
            ):
                checks.append((_ROLE_PROBLEM + offset, _unknown(name, values)))
        code: Any = nw.lit(0)
        for number, failed in reversed(checks):
            code = nw.when(failed).then(nw.lit(number)).otherwise(code)
        result: nw.Expr = code.cast(nw.Int8)
        return result

    def bad_time(self) -> nw.Expr:
        """Rows whose time is null, NaN or outside the years 1-9999 (checked
        before milliseconds are scaled, so that no product overflows)."""
        if self.epoch == "ms":
            raw, scale = nw.col(self.time), 1000
        else:
            raw, scale = self.ticks(), self.unit
        in_range = (raw >= FIRST_SECOND * scale) & (raw < STOP_SECOND * scale)
        bad: nw.Expr = raw.is_null() | ~in_range.fill_null(value=False)
        return bad

    def customer(self) -> nw.Expr:
        """Rows from the customer: they may start a thread."""
        if len(self.roles) == 1:
            return nw.col(self.roles[0]) == self._role_value(CUSTOMER)
        direction, author, kind = (nw.col(name) for name in self.roles)
        return (
            (direction == Direction.INBOUND.value)
            & (author == AuthorKind.CUSTOMER.value)
            & (kind != MessageKind.PRIVATE_NOTE.value)
        )

    def answering(self, count_bots: bool) -> nw.Expr:
        """Rows that answer a thread (and break the silence): agents' replies,
        and bots' when *count_bots*."""
        if len(self.roles) == 1:
            role = nw.col(self.roles[0])
            answers = role == self._role_value(AGENT)
            if count_bots:
                answers = answers | (role == self._role_value(BOT))
            return answers
        direction, author, kind = (nw.col(name) for name in self.roles)
        who = author == AuthorKind.AGENT.value
        if count_bots:
            who = who | (author == AuthorKind.BOT.value)
        return (
            (direction == Direction.OUTBOUND.value)
            & (kind == MessageKind.REPLY.value)
            & who
        )

    def _role_value(self, role: int) -> int | str:
        if self.numeric_roles:
            return role
        return next(name for name, value in ROLE_NAMES.items() if value == role)

    def problem_column(self, code: int) -> str:
        """The column a problem code is about."""
        if code == ID_PROBLEM:
            return self.conversation
        if code == TIME_PROBLEM:
            return self.time
        if code == SEQUENCE_PROBLEM and self.sequence is not None:
            return self.sequence
        return self.roles[code - _ROLE_PROBLEM]

    def problem_rule(self, code: int) -> str:
        """What a problem code means, in words."""
        column = self.problem_column(code)
        if code == ID_PROBLEM:
            return f"column {column!r}: conversation ids must not be null"
        if code == TIME_PROBLEM:
            unit = "epoch seconds" if self.unit == SECONDS else "instants"
            return (
                f"column {column!r}: times must be {unit} within the years"
                " 1-9999 (no null, NaN or infinity)"
            )
        if code == SEQUENCE_PROBLEM:
            return f"column {column!r}: the sequence must not be null"
        if len(self.roles) == 1:
            known = (
                "an int from 0 (customer) to 4 (internal)"
                if self.numeric_roles
                else "one of " + ", ".join(map(repr, ROLE_NAMES))
            )
            return f"column {column!r}: a role must be {known}"
        values = (_DIRECTIONS, _AUTHORS, _KINDS)[code - _ROLE_PROBLEM]
        return f"column {column!r}: must be one of " + ", ".join(map(repr, values))


def _unknown(name: str, values: Sequence[object]) -> nw.Expr:
    """Rows whose *name* is null or not one of *values*."""
    column = nw.col(name)
    return column.is_null() | ~column.is_in(list(values)).fill_null(value=False)


def _column_name(value: object, argument: str) -> str:
    if type(value) is not str or not value:
        raise InvalidValue(argument, value, "must be a column name (a non-empty str)")
    return value


def layout_of(
    schema: nw.Schema,
    *,
    conversation: object,
    time: object,
    roles: object,
    sequence: object,
    epoch: object,
    zone_in_type: bool = True,
) -> Layout:
    """The checked layout of a frame with *schema*.

    Raises:
        InvalidValue: An argument is not a column name, a column is missing
            (the field is the column's name), or a column's type does not
            fit (naive datetimes, epoch milliseconds that are not integers,
            roles that are neither ints nor strings).

    *zone_in_type* says whether the engine keeps a datetime's zone in its
    type (DuckDB keeps it in the connection, and subtracts instants whatever
    it is).
    """
    names = {
        "conversation": _column_name(conversation, "conversation"),
        "time": _column_name(time, "time"),
    }
    role_names: tuple[str, ...]
    if isinstance(roles, str):
        role_names = (_column_name(roles, "roles"),)
    elif isinstance(roles, tuple | list) and len(roles) == 3:
        role_names = tuple(_column_name(name, "roles") for name in roles)
    else:
        raise InvalidValue(
            "roles",
            roles,
            "must be a role column's name, or the names of the direction,"
            " author and kind columns (a tuple of three)",
        )
    order = None if sequence is None else _column_name(sequence, "sequence")
    for name in (*names.values(), *role_names, *([order] if order else [])):
        if name not in schema:
            raise InvalidValue(
                name,
                sorted(schema),
                f"column {name!r} is missing from the frame (its columns are shown)",
            )
    _check_time(names["time"], schema[names["time"]], epoch)
    numeric = False
    for name in role_names:
        dtype: Any = schema[name]
        if len(role_names) == 1 and dtype.is_integer():
            numeric = True
        elif not isinstance(dtype, nw.String | nw.Categorical | nw.Enum):
            rule = "must hold ints (Role values) or strings (Role names)"
            if len(role_names) == 3:
                rule = "must hold strings (carekit.messages values)"
            raise InvalidValue(name, str(dtype), f"column {name!r} {rule}")
    zone = getattr(schema[names["time"]], "time_zone", None)
    if not zone_in_type or zone in _UTC:
        zone = None
    return Layout(
        names["conversation"],
        names["time"],
        role_names,
        order,
        epoch,  # type: ignore[arg-type]  # checked just above
        numeric,
        zone if epoch is None else None,
    )


def _check_time(name: str, dtype: Any, epoch: object) -> None:
    """Refuse a time column of *dtype* that does not fit *epoch*."""
    if epoch is None:
        if not isinstance(dtype, nw.Datetime):
            raise InvalidValue(
                name,
                str(dtype),
                f"column {name!r} must hold aware datetimes; for epoch numbers"
                " pass epoch='s' or epoch='ms'",
            )
        if dtype.time_zone is None:
            raise InvalidValue(
                name, str(dtype), f"column {name!r}: naive datetimes are refused"
            )
        return
    if epoch == "s":
        if not dtype.is_numeric():
            raise InvalidValue(
                name, str(dtype), f"column {name!r} must hold epoch seconds (numbers)"
            )
        return
    if epoch == "ms":
        if not dtype.is_integer():
            raise InvalidValue(
                name,
                str(dtype),
                f"column {name!r} must hold whole epoch milliseconds (integers)",
            )
        return
    raise InvalidValue("epoch", epoch, "must be None (datetimes), 's' or 'ms'")
