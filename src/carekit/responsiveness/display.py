"""The displayed response time: "within minutes", "within hours", "within a day".

Internet Retailer, "Facebook tries to turn its platform into a customer
service hub" (9 December 2015): "all pages can set the average time it takes
for them to reply to messages. An administrator can select to display that
the retailer typically responds to consumers 'within minutes,' 'within
hours' or 'within a day' based on the page's average response time [...]
The administrator can adjust the display down from the page's average".

carekit's default bounds: average < 1 h → within minutes; < 12 h → within
hours; ≤ 24 h → within a day; slower, or no data → no display. An admin may
choose a slower display than the computed one, never a faster one: that rule
lives in :func:`displayed`, whatever display policy is passed.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Final, Protocol

import attrs
from attrs import field, frozen

from carekit.errors import InvalidValue, PolicyError
from carekit.responsiveness._checks import an_aggregate, figure, positive_duration
from carekit.responsiveness.stats import Aggregate, Mean, ResponseStats

__all__ = [
    "DEFAULT_BANDS",
    "DisplayBands",
    "DisplayPolicy",
    "DisplayedResponseTime",
    "displayed",
]


class DisplayedResponseTime(enum.Enum):
    """What a page shows, fastest first."""

    WITHIN_MINUTES = "within minutes"
    WITHIN_HOURS = "within hours"
    WITHIN_A_DAY = "within a day"

    @property
    def rank(self) -> int:
        """0 for the fastest display; a larger rank is slower."""
        return _RANKS[self]


_RANKS = {member: index for index, member in enumerate(DisplayedResponseTime)}


def _after_minutes(
    inst: DisplayBands, attribute: attrs.Attribute[Any], value: Any
) -> None:
    positive_duration(inst, attribute, value)
    if value < inst.minutes:
        raise InvalidValue(attribute.name, value, "must not be below minutes")


def _after_hours(
    inst: DisplayBands, attribute: attrs.Attribute[Any], value: Any
) -> None:
    positive_duration(inst, attribute, value)
    if value < inst.hours:
        raise InvalidValue(attribute.name, value, "must not be below hours")


class DisplayPolicy(Protocol):
    """Computes the display a page's statistics earn: one method.

    Any object with ``computed(stats)`` works, a :class:`DisplayBands` or a
    user's own class; :func:`displayed` checks what it returns and keeps the
    admin rule (slower only) whatever it is.
    """

    def computed(self, stats: ResponseStats) -> DisplayedResponseTime | None:
        """The display *stats* earn, or ``None`` (too slow, or no data)."""
        ...


@frozen
class DisplayBands:
    """The default :class:`DisplayPolicy`: bounds on the page's average
    response time.

    Attributes:
        minutes: Below this (strictly), "within minutes"; default 1 h.
        hours: Below this (strictly), "within hours"; default 12 h.
        day: At most this, "within a day"; default 24 h. Slower: no display.
        aggregate: The figure compared; default :class:`Mean` (the
            "average response time" Facebook quotes).
    """

    minutes: dt.timedelta = field(
        default=dt.timedelta(hours=1), validator=positive_duration
    )
    hours: dt.timedelta = field(
        default=dt.timedelta(hours=12), validator=_after_minutes
    )
    day: dt.timedelta = field(default=dt.timedelta(hours=24), validator=_after_hours)
    aggregate: Aggregate = field(factory=Mean, kw_only=True, validator=an_aggregate)

    def computed(self, stats: ResponseStats) -> DisplayedResponseTime | None:
        """The display the page's figure earns, or ``None`` (too slow, no data)."""
        seconds = figure(self.aggregate, stats, "aggregate")
        if seconds is None:
            return None
        if seconds < self.minutes.total_seconds():
            return DisplayedResponseTime.WITHIN_MINUTES
        if seconds < self.hours.total_seconds():
            return DisplayedResponseTime.WITHIN_HOURS
        if seconds <= self.day.total_seconds():
            return DisplayedResponseTime.WITHIN_A_DAY
        return None


DEFAULT_BANDS: Final = DisplayBands()
"""The default bounds: 1 h, 12 h, 24 h over the mean response time."""


def displayed(
    stats: ResponseStats,
    *,
    admin_choice: DisplayedResponseTime | None = None,
    policy: DisplayPolicy = DEFAULT_BANDS,
) -> DisplayedResponseTime | None:
    """The displayed response time of a page, honouring an admin's choice if
    it is not faster than the computed one.

    Args:
        stats: The page's :class:`ResponseStats` (from
            :func:`measure_conversations` and the like).
        admin_choice: A display the admin picked, or ``None`` to show the
            computed one.
        policy: Any :class:`DisplayPolicy`; default :data:`DEFAULT_BANDS`.

    Returns:
        The admin's choice when given, else the computed display (``None``
        means no display).

    Raises:
        InvalidValue: *stats* is not a ``ResponseStats``, *admin_choice* is
            not a :class:`DisplayedResponseTime`, or the policy's
            ``computed`` returned something else.
        PolicyError: *admin_choice* is faster than the computed display, or
            a display was chosen while none is earned (field
            ``admin_choice``).

    >>> from carekit.responsiveness import ResponseStats, displayed
    >>> displayed(ResponseStats(2, 2, response_times=[60.0, 7200.0])).value
    'within hours'
    """
    if not isinstance(stats, ResponseStats):
        raise InvalidValue(
            "stats",
            stats,
            "must be ResponseStats; measure conversations first"
            " (measure_conversations, measure_rows)",
        )
    if admin_choice is not None and not isinstance(admin_choice, DisplayedResponseTime):
        raise InvalidValue(
            "admin_choice", admin_choice, "must be a DisplayedResponseTime or None"
        )
    computed = getattr(policy, "computed", None)
    if not callable(computed):
        raise InvalidValue(
            "policy",
            policy,
            "must be a DisplayPolicy (an object with .computed(stats))",
        )
    earned = computed(stats)
    if earned is not None and not isinstance(earned, DisplayedResponseTime):
        raise InvalidValue(
            "policy.computed(stats)",
            earned,
            "must return a DisplayedResponseTime or None",
        )
    if admin_choice is None:
        return earned
    if earned is None:
        raise PolicyError(
            "admin_choice",
            admin_choice,
            "no response time is earned (no data, or slower than a day);"
            " an admin cannot display one",
        )
    if admin_choice.rank < earned.rank:
        raise PolicyError(
            "admin_choice",
            admin_choice,
            f"an admin may display a slower time than the computed"
            f" '{earned.value}', never a faster one",
        )
    return admin_choice
