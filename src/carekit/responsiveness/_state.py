"""A response accumulator's state as JSON-compatible plain data, and back.

The form holds the settings (policy, away periods, ``since``, ``until``) and
the kernel's tally: the counts, one response time per responded thread, and
each conversation's state as ``[id, last]`` or ``[id, last, seen, start]``
(``start`` is ``null`` when no thread waits). Infinite bounds are ``null``,
since JSON has no infinity; conversation ids must be str or int.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Hashable, Mapping
from typing import Any

from carekit._threads import Tally, ThreadRules
from carekit.errors import InvalidValue
from carekit.responsiveness.policy import AwayRule, ResponsePolicy, ResponseRules

__all__ = ["Settings", "settings_of", "state_data", "tally_of"]

_TICK = dt.timedelta(microseconds=1)
_KEYS = frozenset(
    {
        "policy",
        "away",
        "since",
        "until",
        "eligible",
        "responded",
        "excluded",
        "times",
        "conversations",
    }
)
_POLICY_KEYS = frozenset({"window", "silence", "count_bots", "away"})

#: ``(policy, away, since, until)``: what the accumulator's constructor takes.
Settings = tuple[ResponseRules, list[tuple[float, float]], float | None, float | None]


def _bound(value: float) -> float | None:
    return None if math.isinf(value) else value


def _plain_id(cid: Hashable) -> str | int:
    if isinstance(cid, str | int) and cid.__class__ is not bool:
        return cid
    raise InvalidValue(
        "conversations", cid, "only str and int conversation ids have a plain form"
    )


def state_data(
    policy: ResponsePolicy, rules: ThreadRules, tally: Tally
) -> dict[str, Any]:
    """The plain form of an accumulator's settings and *tally*."""
    waiting = tally.waiting
    conversations: list[list[Any]] = []
    for cid, last in tally.last.items():
        entry: list[Any] = [_plain_id(cid), last]
        if cid in waiting:
            entry.extend(waiting[cid])
        conversations.append(entry)
    return {
        "policy": {
            "window": policy.window // _TICK,
            "silence": policy.silence // _TICK,
            "count_bots": policy.count_bots,
            "away": policy.away.value,
        },
        "away": [
            list(pair) for pair in zip(rules.away_starts, rules.away_ends, strict=True)
        ],
        "since": _bound(rules.since),
        "until": _bound(rules.until),
        "eligible": tally.eligible,
        "responded": tally.responded,
        "excluded": tally.excluded,
        "times": list(tally.times),
        "conversations": conversations,
    }


def _object(data: object, name: str, keys: frozenset[str]) -> Mapping[str, Any]:
    if not isinstance(data, Mapping) or set(data) != keys:
        raise InvalidValue(name, data, f"must be an object with keys {sorted(keys)}")
    return data


def _count(value: Any, name: str) -> int:
    if value.__class__ is not int or value < 0:
        raise InvalidValue(name, value, "must be a non-negative int")
    return value


def _number(value: Any, name: str) -> float:
    """A finite real number (an int or a float; bools refused)."""
    if value.__class__ not in (int, float) or not math.isfinite(value):
        raise InvalidValue(name, value, "must be a finite number")
    return value


def _list(value: object, name: str) -> list[Any]:
    if not isinstance(value, list | tuple):
        raise InvalidValue(name, value, "must be an array")
    return list(value)


def _pair(value: object, name: str) -> tuple[float, float]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise InvalidValue(name, value, "must be [start, end]")
    return _number(value[0], name), _number(value[1], name)


def settings_of(data: Mapping[str, Any]) -> Settings:
    """The constructor's arguments written in *data* (checked again there)."""
    policy = _object(data["policy"], "policy", _POLICY_KEYS)
    try:
        rules = ResponseRules(
            _count(policy["window"], "policy.window") * _TICK,
            _count(policy["silence"], "policy.silence") * _TICK,
            count_bots=policy["count_bots"],
            away=AwayRule(policy["away"]),
        )
    except (TypeError, ValueError) as exc:
        raise InvalidValue("policy", dict(policy), str(exc)) from None
    away = [_pair(p, f"away[{i}]") for i, p in enumerate(_list(data["away"], "away"))]
    bounds = [
        None if data[key] is None else _number(data[key], key)
        for key in ("since", "until")
    ]
    return rules, away, bounds[0], bounds[1]


def tally_of(data: object) -> tuple[Settings, Tally]:
    """The settings and the tally written in *data* by :func:`state_data`.

    Raises:
        InvalidValue: A key is missing or extra, or a value breaks its rule
            (the field names the key: ``times``, ``conversations[3]``...).
    """
    plain = _object(data, "data", _KEYS)
    tally = Tally()
    tally.eligible = _count(plain["eligible"], "eligible")
    tally.responded = _count(plain["responded"], "responded")
    tally.excluded = _count(plain["excluded"], "excluded")
    if tally.responded > tally.eligible:
        raise InvalidValue("responded", tally.responded, "cannot exceed eligible")
    times = [_number(t, "times") for t in _list(plain["times"], "times")]
    if len(times) != tally.responded or any(t < 0 for t in times):
        raise InvalidValue("times", times, "one non-negative time per responded thread")
    tally.times.extend(float(t) for t in times)
    for i, entry in enumerate(_list(plain["conversations"], "conversations")):
        name = f"conversations[{i}]"
        row = _list(entry, name)
        if len(row) not in (2, 4) or row[0].__class__ not in (str, int):
            raise InvalidValue(
                name, entry, "must be [id, last] or [id, last, seen, start]"
            )
        cid, last = row[0], _number(row[1], name)
        if cid in tally.last:
            raise InvalidValue(name, cid, "each conversation appears once")
        tally.last[cid] = last
        if len(row) == 4:
            start = None if row[3] is None else _number(row[3], name)
            tally.waiting[cid] = (_number(row[2], name), start)
    return settings_of(plain), tally
