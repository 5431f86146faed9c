"""A response policy and the bounds of a call, as the thread kernel's rules.

The one place where what a caller passes (a :class:`ResponsePolicy`, which
may be the caller's own class, away periods, ``since``/``until``) is
checked and turned into :class:`~carekit._threads.ThreadRules` in ticks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from carekit._threads import (
    SECONDS,
    Refused,
    Tally,
    ThreadRules,
    bound_ticks,
    duration_ticks,
)
from carekit.errors import InvalidValue
from carekit.responsiveness._checks import checked_duration
from carekit.responsiveness.policy import AwayRule, ResponsePolicy, ResponseRules
from carekit.responsiveness.stats import ResponseStats

__all__ = [
    "DEFAULT_RULES",
    "checked_policy",
    "optional_bound",
    "report",
    "row_error",
    "thread_rules",
]

DEFAULT_RULES = ResponseRules()
_MISSING = object()


def checked_policy(policy: object, name: str = "policy") -> ResponsePolicy:
    """*policy*, once each attribute it supplies passed its check.

    Raises:
        InvalidValue: An attribute is missing or invalid; the field is
            ``policy.window`` and so on (*name* for the object itself).
    """
    if policy is None:
        return DEFAULT_RULES
    values: dict[str, Any] = {}
    for attribute in ("window", "silence", "count_bots", "away"):
        values[attribute] = getattr(policy, attribute, _MISSING)
        if values[attribute] is _MISSING:
            raise InvalidValue(
                name,
                policy,
                "must be a ResponsePolicy: an object with window, silence,"
                " count_bots and away",
            )
    checked_duration(values["window"], f"{name}.window")
    checked_duration(values["silence"], f"{name}.silence")
    if type(values["count_bots"]) is not bool:
        raise InvalidValue(f"{name}.count_bots", values["count_bots"], "must be a bool")
    if type(values["away"]) is not AwayRule:
        raise InvalidValue(
            f"{name}.away", values["away"], "must be an AwayRule (EXCLUDE or DEFER)"
        )
    return ResponseRules(
        values["window"],
        values["silence"],
        count_bots=values["count_bots"],
        away=values["away"],
    )


def optional_bound(value: object, name: str, unit: int, default: float) -> float:
    """A ``since``/``until``/``as_of`` argument in ticks, *default* for None."""
    return default if value is None else bound_ticks(value, name, unit)


def thread_rules(
    policy: ResponsePolicy,
    away: tuple[tuple[float, float], ...],
    since: float,
    until: float,
    unit: int,
) -> ThreadRules:
    """The kernel's rules for a checked *policy* and bounds already in ticks."""
    return ThreadRules(
        unit=unit,
        silence=duration_ticks(policy.silence, unit),
        window=duration_ticks(policy.window, unit),
        since=since,
        until=until,
        away_starts=tuple(start for start, _ in away),
        away_ends=tuple(end for _, end in away),
        defer=policy.away is AwayRule.DEFER,
        count_bots=policy.count_bots,
    )


def report(tally: Tally, rules: ThreadRules, as_of: float | None) -> ResponseStats:
    """The statistics of *tally*; with *as_of* (in ticks), open threads that
    may still be answered in time are pending, not eligible."""
    pending = 0 if as_of is None else tally.pending(as_of, rules.window)
    times: Iterable[float] = tally.times
    if rules.unit != SECONDS:
        unit = rules.unit
        times = [delay / unit for delay in tally.times]
    return ResponseStats(
        tally.eligible - pending,
        tally.responded,
        tally.excluded,
        response_times=times,
        pending=pending,
    )


def row_error(refused: Refused, name: str) -> InvalidValue:
    """The public error for a refused row: ``name[i]`` and the part at fault
    (``rows[3].role``)."""
    return InvalidValue(
        f"{name}[{refused.index}].{refused.part}", refused.row, refused.rule
    )
