"""The displayed response time: "within minutes", "within hours", "within a day".

Seed (``001_…``): "all pages can set the average time it takes for them to
reply to messages. An administrator can select to display that the retailer
typically responds to consumers 'within minutes,' 'within hours' or 'within a
day' based on the page's average response time [...] The administrator can
adjust the display down from the page's average".

SPEC §3 defaults: average < 1 h → within minutes; < 12 h → within hours;
≤ 24 h → within a day; slower, or no data → no display. An admin may choose
a slower display than the computed one, never a faster one.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs
from attrs import field, frozen

from carekit.errors import InvalidValue, PolicyError
from carekit.responsiveness.stats import Aggregate, Mean, ResponseStats

__all__ = ["DisplayPolicy", "DisplayedResponseTime", "displayed"]


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


def _positive(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, dt.timedelta) or value <= dt.timedelta(0):
        raise InvalidValue(attribute.name, value, "must be a positive timedelta")


def _after_minutes(
    inst: DisplayPolicy, attribute: attrs.Attribute[Any], value: Any
) -> None:
    _positive(inst, attribute, value)
    if value < inst.minutes:
        raise InvalidValue(attribute.name, value, "must not be below minutes")


def _after_hours(
    inst: DisplayPolicy, attribute: attrs.Attribute[Any], value: Any
) -> None:
    _positive(inst, attribute, value)
    if value < inst.hours:
        raise InvalidValue(attribute.name, value, "must not be below hours")


def _aggregate(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not callable(getattr(value, "of", None)):
        raise InvalidValue(
            attribute.name, value, "must be an Aggregate (an object with .of(stats))"
        )


@frozen
class DisplayPolicy:
    """Bounds that map the page's average response time to a display.

    Attributes:
        minutes: Below this (strictly), "within minutes"; default 1 h.
        hours: Below this (strictly), "within hours"; default 12 h.
        day: At most this, "within a day"; default 24 h. Slower: no display.
        aggregate: The figure compared; default :class:`Mean` (the seed's
            "average response time").
    """

    minutes: dt.timedelta = field(default=dt.timedelta(hours=1), validator=_positive)
    hours: dt.timedelta = field(
        default=dt.timedelta(hours=12), validator=_after_minutes
    )
    day: dt.timedelta = field(default=dt.timedelta(hours=24), validator=_after_hours)
    aggregate: Aggregate = field(factory=Mean, kw_only=True, validator=_aggregate)

    def computed(self, stats: ResponseStats) -> DisplayedResponseTime | None:
        """The display the page's figure earns, or ``None`` (too slow, no data)."""
        seconds = self.aggregate.of(stats)
        if seconds is None:
            return None
        if seconds < self.minutes.total_seconds():
            return DisplayedResponseTime.WITHIN_MINUTES
        if seconds < self.hours.total_seconds():
            return DisplayedResponseTime.WITHIN_HOURS
        if seconds <= self.day.total_seconds():
            return DisplayedResponseTime.WITHIN_A_DAY
        return None

    def displayed(
        self,
        stats: ResponseStats,
        *,
        admin_choice: DisplayedResponseTime | None = None,
    ) -> DisplayedResponseTime | None:
        """The display to show, honouring an admin's choice if it is not faster.

        Args:
            stats: The page's response statistics.
            admin_choice: A display the admin picked, or ``None`` to show the
                computed one.

        Returns:
            The admin's choice when given, else the computed display (``None``
            means no display).

        Raises:
            PolicyError: *admin_choice* is faster than the computed display, or
                a display was chosen while none is earned (field
                ``admin_choice``).
            InvalidValue: *admin_choice* is not a :class:`DisplayedResponseTime`.
        """
        earned = self.computed(stats)
        if admin_choice is None:
            return earned
        if not isinstance(admin_choice, DisplayedResponseTime):
            raise InvalidValue(
                "admin_choice", admin_choice, "must be a DisplayedResponseTime or None"
            )
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


def displayed(
    stats: ResponseStats,
    *,
    admin_choice: DisplayedResponseTime | None = None,
    policy: DisplayPolicy | None = None,
) -> DisplayedResponseTime | None:
    """The displayed response time of a page (see :meth:`DisplayPolicy.displayed`).

    >>> from carekit.responsiveness import ResponseStats, displayed
    >>> displayed(ResponseStats(2, 2, response_times=[60.0, 7200.0])).value
    'within hours'
    """
    return (policy or DisplayPolicy()).displayed(stats, admin_choice=admin_choice)
