"""Instants and holidays clustered around DST changes, for calendar properties.

Uniform dates over a century hit a DST day once in ~180 draws; these hit one
every time the base is a transition day, in both hemispheres.
"""

import datetime as dt

from hypothesis import strategies as st

from carekit import BusinessCalendar
from carekit.testing import strategies as cks

#: Days with a DST change (America/New_York, Europe/Berlin, Australia/Sydney),
#: first a day without one. All in one year, so windows stay short.
DST_DAYS = (
    dt.date(2024, 1, 15),
    dt.date(2024, 3, 10),
    dt.date(2024, 3, 31),
    dt.date(2024, 4, 7),
    dt.date(2024, 10, 6),
    dt.date(2024, 10, 27),
    dt.date(2024, 11, 3),
)

_NOON = dt.time(12)


def near_dst(*, max_days: int = 3) -> st.SearchStrategy[dt.datetime]:
    """Aware instants within *max_days* of a DST change, in any test zone."""
    return st.builds(
        lambda day, offset, zone: (
            dt.datetime.combine(day, _NOON, tzinfo=dt.UTC) + offset
        ).astimezone(zone),
        st.sampled_from(DST_DAYS),
        st.timedeltas(
            min_value=dt.timedelta(days=-max_days),
            max_value=dt.timedelta(days=max_days),
        ),
        cks.timezones(),
    )


def holidays_near_dst() -> st.SearchStrategy[dt.date]:
    """Holidays within three days of a DST change."""
    return st.builds(
        lambda day, shift: day + dt.timedelta(days=shift),
        st.sampled_from(DST_DAYS),
        st.integers(min_value=-3, max_value=3),
    )


def calendars() -> st.SearchStrategy[BusinessCalendar]:
    """Business calendars whose holidays fall near the instants above."""
    return cks.business_calendars(
        openings_per_day=st.integers(min_value=0, max_value=2),
        holidays=st.lists(holidays_near_dst(), max_size=3),
    )
