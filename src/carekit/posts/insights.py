"""Post, page and audience insights, validated at construction.

What Creator Studio showed (2019): for posts, "the number of interactions,
profile visits, accounts reached, follows, impressions, website clicks, likes,
comments, shares, bookmarks, and (for stories) how users navigated while
interacting with or replied to content"; for the account, "insights from the
last seven days ... the number of posts made, totals for each interaction
taken on the account, the number of accounts reached, and total impressions",
with followers "via age or gender breakdowns and the top five countries and
cities where an account's followers live".

carekit uses today's names for them. Graph API v22.0 (2025-01-21) introduced
``views`` and deprecated ``impressions`` (and ``plays``) "for all versions on
April 21, 2025" (Meta for Developers); so :class:`PostInsights` has ``views``,
and keeps ``impressions`` only for media posted before 2025-04-21. Story
navigation is broken down by action type: taps forward, taps back, exits and
swipes forward. Bookmarks are ``saves``.

Rules checked here:

- every count is an exact non-negative integer (never a bool or a float);
- accounts reached never exceed views (nor impressions) where both are known:
  reach counts unique accounts, views count every showing;
- reach counts unique accounts, so a week's reach is *reported as given*,
  never summed over its days; every other count adds up over days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Final

import attrs
from attrs import field, frozen

from carekit._instants import instant_key
from carekit._validate import aware_datetime, enum_member, instance_of, non_empty_str
from carekit.errors import InvalidValue
from carekit.intervals import UTC, to_utc
from carekit.posts._checks import count, items_of, optional_count, require_count
from carekit.posts.post import PostKind

__all__ = [
    "ADDITIVE_METRICS",
    "AUDIENCE_TOP",
    "IMPRESSIONS_RETIRED",
    "PAGE_DAYS",
    "POST_COUNTS",
    "ActivityCounts",
    "AudienceInsights",
    "DailyInsights",
    "FollowerCount",
    "PageInsights",
    "PostInsights",
    "StoryNavigation",
    "add_up",
    "top_groups",
]

#: Media posted from this instant on report ``views``, not ``impressions``:
#: "deprecated for all versions on April 21, 2025" (Meta for Developers).
IMPRESSIONS_RETIRED: Final = dt.datetime(2025, 4, 21, tzinfo=UTC)

#: Page insights cover "the last seven days" (Creator Studio, 2019).
PAGE_DAYS: Final = 7

#: How many countries and cities audience insights rank: "the top five".
AUDIENCE_TOP: Final = 5


def _check_reach(reach: int | None, **totals: int | None) -> None:
    """Reach counts unique accounts: never more than any count of showings."""
    for name, total in totals.items():
        if reach is not None and total is not None and reach > total:
            raise InvalidValue(
                "reach",
                reach,
                f"accounts reached never exceed {name} ({total}): reach counts "
                "unique accounts, each of them shown the content at least once",
            )


@frozen
class StoryNavigation:
    """How viewers moved through a story, by action type.

    Attributes:
        taps_forward: Taps to the next frame (``tap_forward``).
        taps_back: Taps to the previous frame (``tap_back``).
        exits: Exits from the stories (``tap_exit``).
        swipes_forward: Swipes to the next account's story (``swipe_forward``).
    """

    taps_forward: int = field(default=0, validator=count)
    taps_back: int = field(default=0, validator=count)
    exits: int = field(default=0, kw_only=True, validator=count)
    swipes_forward: int = field(default=0, kw_only=True, validator=count)

    @property
    def total(self) -> int:
        """Every navigation action: the Graph API's ``navigation`` value."""
        return self.taps_forward + self.taps_back + self.exits + self.swipes_forward


def _optional_navigation(
    _inst: object, _attribute: attrs.Attribute[Any], value: Any
) -> None:
    if value is not None and not isinstance(value, StoryNavigation):
        raise InvalidValue("navigation", value, "must be a StoryNavigation or None")


#: The counts of :class:`PostInsights`, in export order.
POST_COUNTS: Final = (
    "interactions",
    "profile_visits",
    "reach",
    "follows",
    "views",
    "impressions",
    "website_clicks",
    "likes",
    "comments",
    "shares",
    "saves",
    "replies",
)


@frozen
class PostInsights:
    """The insights of one post; ``None`` is a count that was not reported.

    Attributes:
        post_id: The caller's id for the post.
        kind: The post's kind; only stories have ``navigation`` and
            ``replies``.
        posted_at: When the post was published (timezone-aware); media
            posted before 2025-04-21 may report legacy ``impressions``.
        interactions: Total interactions (``total_interactions``).
        profile_visits: Profile visits from the post.
        reach: Accounts reached (unique accounts).
        follows: Accounts that followed from the post.
        views: Times the post was shown or played (``views``, v22).
        impressions: Legacy times shown, for media posted before 2025-04-21.
        website_clicks: Taps on the profile's website link.
        likes: Likes.
        comments: Comments.
        shares: Shares.
        saves: Saves (bookmarks).
        replies: Story replies (stories only).
        navigation: Story navigation by action type (stories only).

    Raises:
        InvalidValue: A count is negative, a bool or not an integer; reach
            exceeds views or impressions; impressions on media posted from
            2025-04-21; or story fields on a post that is not a story.
    """

    post_id: str = field(validator=non_empty_str)
    kind: PostKind = field(validator=enum_member(PostKind))
    posted_at: dt.datetime = field(
        kw_only=True, validator=aware_datetime, eq=instant_key
    )
    interactions: int | None = field(
        default=None, kw_only=True, validator=optional_count
    )
    profile_visits: int | None = field(
        default=None, kw_only=True, validator=optional_count
    )
    reach: int | None = field(default=None, kw_only=True, validator=optional_count)
    follows: int | None = field(default=None, kw_only=True, validator=optional_count)
    views: int | None = field(default=None, kw_only=True, validator=optional_count)
    impressions: int | None = field(
        default=None, kw_only=True, validator=optional_count
    )
    website_clicks: int | None = field(
        default=None, kw_only=True, validator=optional_count
    )
    likes: int | None = field(default=None, kw_only=True, validator=optional_count)
    comments: int | None = field(default=None, kw_only=True, validator=optional_count)
    shares: int | None = field(default=None, kw_only=True, validator=optional_count)
    saves: int | None = field(default=None, kw_only=True, validator=optional_count)
    replies: int | None = field(default=None, kw_only=True, validator=optional_count)
    navigation: StoryNavigation | None = field(
        default=None, kw_only=True, validator=_optional_navigation
    )

    def __attrs_post_init__(self) -> None:
        _check_reach(self.reach, views=self.views, impressions=self.impressions)
        if (
            self.impressions is not None
            and to_utc(self.posted_at) >= IMPRESSIONS_RETIRED
        ):
            raise InvalidValue(
                "impressions",
                self.impressions,
                "impressions were deprecated on 2025-04-21: media posted since "
                "report views",
            )
        if self.kind is not PostKind.STORY:
            for name in ("replies", "navigation"):
                if getattr(self, name) is not None:
                    raise InvalidValue(
                        name, getattr(self, name), "only stories report " + name
                    )


@frozen
class ActivityCounts:
    """Counts that add up over days and posts: one day's, or a week's total.

    Attributes:
        posts: Posts made.
        interactions: Total interactions.
        likes: Likes.
        comments: Comments.
        shares: Shares.
        saves: Saves.
        replies: Story replies.
        profile_visits: Profile visits.
        follows: New follows.
        website_clicks: Website taps.
        views: Views (impressions, before 2025-04-21).

    Raises:
        InvalidValue: A count is negative, a bool or not an integer.
    """

    posts: int = field(default=0, validator=count)
    interactions: int = field(default=0, validator=count)
    likes: int = field(default=0, kw_only=True, validator=count)
    comments: int = field(default=0, kw_only=True, validator=count)
    shares: int = field(default=0, kw_only=True, validator=count)
    saves: int = field(default=0, kw_only=True, validator=count)
    replies: int = field(default=0, kw_only=True, validator=count)
    profile_visits: int = field(default=0, kw_only=True, validator=count)
    follows: int = field(default=0, kw_only=True, validator=count)
    website_clicks: int = field(default=0, kw_only=True, validator=count)
    views: int = field(default=0, kw_only=True, validator=count)


#: The fields of :class:`ActivityCounts`: the metrics that add up over days.
ADDITIVE_METRICS: Final = tuple(a.name for a in attrs.fields(ActivityCounts))


def add_up(counts: Iterable[ActivityCounts]) -> ActivityCounts:
    """The field-by-field sum of *counts* (all zero for none).

    Raises:
        InvalidValue: An item is not an :class:`ActivityCounts`.
    """
    totals = dict.fromkeys(ADDITIVE_METRICS, 0)
    for item in counts:
        if not isinstance(item, ActivityCounts):
            raise InvalidValue("counts", item, "each item must be an ActivityCounts")
        for name in ADDITIVE_METRICS:
            totals[name] += getattr(item, name)
    return ActivityCounts(**totals)


def _is_date(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not dt.date:
        raise InvalidValue(attribute.name, value, "must be a date (not a datetime)")


@frozen
class DailyInsights:
    """One day of an account's activity.

    Attributes:
        day: The day, on the account's calendar.
        counts: What adds up: posts, interactions, views...
        reach: Unique accounts reached that day (``None``: not reported).

    Raises:
        InvalidValue: A field breaks its rule, or reach exceeds views.
    """

    day: dt.date = field(validator=_is_date)
    counts: ActivityCounts = field(
        factory=ActivityCounts, validator=instance_of(ActivityCounts)
    )
    reach: int | None = field(default=None, kw_only=True, validator=optional_count)

    def __attrs_post_init__(self) -> None:
        _check_reach(self.reach, views=self.counts.views)


@frozen
class PageInsights:
    """An account's insights for the 7 days before ``end``.

    Build one with :meth:`from_days`. The week's ``reach`` is the platform's
    count of unique accounts over the whole week, *reported as given*: an
    account reached on two days is one account, so daily reaches never add up
    to it.

    Attributes:
        start: The first day covered.
        end: The day after the last day covered (the ``as_of`` day).
        counts: The week's totals of everything that adds up.
        reach: Unique accounts reached in the week, as reported (``None``: not
            reported).

    Raises:
        InvalidValue: The span is not 7 days, a field breaks its rule, or
            reach exceeds the week's views.
    """

    start: dt.date = field(validator=_is_date)
    end: dt.date = field(validator=_is_date)
    counts: ActivityCounts = field(kw_only=True, validator=instance_of(ActivityCounts))
    reach: int | None = field(default=None, kw_only=True, validator=optional_count)

    def __attrs_post_init__(self) -> None:
        if self.end - self.start != dt.timedelta(days=PAGE_DAYS):
            raise InvalidValue(
                "end", self.end, f"page insights cover {PAGE_DAYS} days after start"
            )
        _check_reach(self.reach, views=self.counts.views)

    @classmethod
    def from_days(
        cls,
        days: Iterable[DailyInsights],
        *,
        as_of: dt.date,
        reach: int | None = None,
    ) -> PageInsights:
        """The week before *as_of*: the 7 days ``as_of - 7`` to ``as_of - 1``.

        Days outside that week are not part of it and are left out; the
        counts of the days inside are summed (a missing day counts as no
        activity). *reach* is the week's unique reach as the platform reports
        it; it is never computed from daily reach.

        Raises:
            InvalidValue: *as_of* is not a date, a day appears twice in the
                week, *reach* is below a day's reach or above the week's views.
        """
        if type(as_of) is not dt.date:
            raise InvalidValue("as_of", as_of, "must be a date (not a datetime)")
        start = as_of - dt.timedelta(days=PAGE_DAYS)
        week: dict[dt.date, DailyInsights] = {}
        for day in days:
            if not isinstance(day, DailyInsights):
                raise InvalidValue("days", day, "each item must be a DailyInsights")
            if start <= day.day < as_of:
                if day.day in week:
                    raise InvalidValue("days", day.day.isoformat(), "one row per day")
                week[day.day] = day
        daily = [d.reach for d in week.values() if d.reach is not None]
        if reach is not None and daily and require_count(reach, "reach") < max(daily):
            raise InvalidValue(
                "reach", reach, "a week's unique reach is at least any day's reach"
            )
        totals = add_up(d.counts for d in week.values())
        return cls(start, as_of, counts=totals, reach=reach)


@frozen
class FollowerCount:
    """Followers in one group: an age range, a gender, a country or a city.

    Attributes:
        group: The group's name as the platform gives it (``"25-34"``,
            ``"F"``, ``"BR"``, ``"São Paulo, São Paulo (state)"``).
        followers: How many followers are in it.
    """

    group: str = field(validator=non_empty_str)
    followers: int = field(validator=count)


def _group_tuple(values: object, name: str) -> tuple[FollowerCount, ...]:
    """One breakdown, sorted by group name, each group once."""
    items: tuple[FollowerCount, ...] = items_of(values, FollowerCount, name)
    seen: set[str] = set()
    for item in items:
        if item.group in seen:
            raise InvalidValue(name, item.group, "each group appears once")
        seen.add(item.group)
    return tuple(sorted(items, key=lambda item: item.group))


def _age_ranges(values: object) -> tuple[FollowerCount, ...]:
    return _group_tuple(values, "age_ranges")


def _genders(values: object) -> tuple[FollowerCount, ...]:
    return _group_tuple(values, "genders")


def _countries(values: object) -> tuple[FollowerCount, ...]:
    return _group_tuple(values, "countries")


def _cities(values: object) -> tuple[FollowerCount, ...]:
    return _group_tuple(values, "cities")


def top_groups(
    counts: Iterable[FollowerCount], n: int = AUDIENCE_TOP
) -> tuple[FollowerCount, ...]:
    """The *n* groups with the most followers, most first; ties are broken by
    group name (``"Lisbon"`` before ``"Porto"``), so the list is the same
    whatever the input order.

    Raises:
        InvalidValue: *n* is not a count, or an item is not a
            :class:`FollowerCount`.
    """
    require_count(n, "n")
    items: tuple[FollowerCount, ...] = items_of(counts, FollowerCount, "counts")
    ranked = sorted(items, key=lambda item: (-item.followers, item.group))
    return tuple(ranked[:n])


@frozen
class AudienceInsights:
    """Who follows an account: by age range, gender, country and city.

    Each breakdown is kept whole, sorted by group name; :meth:`top_countries`
    and :meth:`top_cities` rank "the top five countries and cities where an
    account's followers live" (Creator Studio, 2019).

    Attributes:
        age_ranges: Followers per age range.
        genders: Followers per gender.
        countries: Followers per country.
        cities: Followers per city.

    Raises:
        InvalidValue: An item is not a :class:`FollowerCount`, or a group
            appears twice in one breakdown.
    """

    age_ranges: tuple[FollowerCount, ...] = field(default=(), converter=_age_ranges)
    genders: tuple[FollowerCount, ...] = field(default=(), converter=_genders)
    countries: tuple[FollowerCount, ...] = field(
        default=(), kw_only=True, converter=_countries
    )
    cities: tuple[FollowerCount, ...] = field(
        default=(), kw_only=True, converter=_cities
    )

    def top_countries(self) -> tuple[FollowerCount, ...]:
        """The top 5 countries by followers, ties broken by name."""
        return top_groups(self.countries)

    def top_cities(self) -> tuple[FollowerCount, ...]:
        """The top 5 cities by followers, ties broken by name."""
        return top_groups(self.cities)
