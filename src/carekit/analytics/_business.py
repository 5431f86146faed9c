"""Business time as precomputed offsets: one bisection per instant.

A duration in business time is ``offset(end) - offset(start)``, where
``offset`` is the business time from a fixed origin to an instant. The
offsets come from the calendar's open spans over the data's span, computed
once (:class:`carekit.sla._clock.PrefixClock`, the SLA kernel's clock), so no
duration walks the calendar. Values are exact whole microseconds.
"""

from __future__ import annotations

from collections.abc import Iterable

from carekit.business_hours import BusinessCalendar
from carekit.errors import InvalidValue
from carekit.sla._clock import PrefixClock

__all__ = ["BusinessOffsets"]

_MICROS = 1_000_000


class BusinessOffsets:
    """Business time since the start of a window, for instants inside it.

    Args:
        calendar: The opening hours.
        low: The window's first instant, in epoch microseconds.
        high: Its end (exclusive), in epoch microseconds.

    Raises:
        InvalidValue: The window is longer than the calendar answers for
            (``MAX_QUERY_SPAN``), naming ``calendar``.
    """

    __slots__ = ("_clock", "high", "low")

    def __init__(self, calendar: BusinessCalendar, low: int, high: int) -> None:
        self.low, self.high = low, max(high, low)
        try:
            self._clock = PrefixClock(calendar, self.low, self.high)
        except InvalidValue as error:
            raise InvalidValue(
                "calendar", calendar, f"cannot cover the data's span: {error.rule}"
            ) from None

    @classmethod
    def over_seconds(
        cls, calendar: BusinessCalendar, times: Iterable[float]
    ) -> BusinessOffsets:
        """Offsets covering every epoch-seconds time in *times*."""
        values = list(times)
        if not values:
            return cls(calendar, 0, 0)
        return cls(calendar, _to_micros(min(values)), _to_micros(max(values)) + 1)

    def micros(self, instant: int) -> int:
        """Business microseconds from :attr:`low` to *instant* (microseconds)."""
        return self._clock.offset(instant)

    def seconds(self, t: float) -> float:
        """Business seconds from :attr:`low` to *t* (epoch seconds)."""
        return self._clock.offset(_to_micros(t)) / _MICROS


def _to_micros(t: float) -> int:
    """Epoch seconds as whole microseconds (to the nearest one)."""
    return round(t * _MICROS)
