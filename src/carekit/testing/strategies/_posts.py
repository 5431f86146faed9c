"""Strategies for :mod:`carekit.posts`: accounts, posts, scheduling rules and
insights.

Every strategy draws valid models only: counts are non-negative, reach never
exceeds views, impressions appear only on media posted before 2025-04-21, and
only stories carry navigation and replies.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from carekit.posts import (
    AccountKind,
    ActivityCounts,
    AudienceInsights,
    DailyInsights,
    FollowerCount,
    InstagramAccount,
    PageInsights,
    Post,
    PostInsights,
    PostKind,
    PostState,
    Refusal,
    SchedulingRule,
    SchedulingRules,
    StoryNavigation,
)
from carekit.posts.insights import (
    ADDITIVE_METRICS,
    IMPRESSIONS_RETIRED,
    PAGE_DAYS,
    POST_COUNTS,
)

from ._common import identifiers
from ._time import ZONES, aware_datetimes

__all__ = [
    "activity_counts",
    "audience_insights",
    "daily_insights",
    "follower_counts",
    "instagram_accounts",
    "page_insights",
    "post_counts",
    "post_insights",
    "posts",
    "refusals",
    "scheduling_rules",
    "story_navigations",
    "strategies_by_type",
]

_MAX_COUNT = 10**9
#: Post counts with no rule tying them to another count.
_PLAIN_COUNTS = tuple(
    n for n in POST_COUNTS if n not in {"reach", "views", "impressions", "replies"}
)


def post_counts(*, max_value: int = _MAX_COUNT) -> st.SearchStrategy[int]:
    """Counts: non-negative integers, shrinking to 0."""
    return st.integers(min_value=0, max_value=max_value)


def instagram_accounts(
    *, kinds: st.SearchStrategy[AccountKind] | None = None
) -> st.SearchStrategy[InstagramAccount]:
    """Accounts of any kind; professional ones are linked to a page or not."""

    @st.composite
    def strategy(draw: st.DrawFn) -> InstagramAccount:
        kind = draw(kinds if kinds is not None else st.sampled_from(AccountKind))
        page = None
        if kind.is_professional:
            page = draw(st.none() | identifiers())
        zone = draw(st.sampled_from(ZONES))
        return InstagramAccount(
            draw(identifiers()), kind, linked_page_id=page, timezone=zone
        )

    return strategy()


def posts(
    *,
    account_ids: st.SearchStrategy[str] | None = None,
    kinds: st.SearchStrategy[PostKind] | None = None,
    states: st.SearchStrategy[PostState] | None = None,
    created: st.SearchStrategy[dt.datetime] | None = None,
    max_lead: dt.timedelta = dt.timedelta(days=200),
) -> st.SearchStrategy[Post]:
    """Posts in any state, with the time their state needs, no earlier than
    their creation and at most *max_lead* after it."""

    @st.composite
    def strategy(draw: st.DrawFn) -> Post:
        state = draw(states if states is not None else st.sampled_from(PostState))
        created_at = draw(created if created is not None else aware_datetimes())
        lead = draw(st.timedeltas(min_value=dt.timedelta(0), max_value=max_lead))
        when = created_at + lead
        times: dict[str, dt.datetime] = {}
        if state is PostState.SCHEDULED:
            times["scheduled_for"] = when
        elif state is not PostState.DRAFT:
            times["published_at"] = when
        return Post(
            draw(identifiers()),
            draw(account_ids if account_ids is not None else identifiers()),
            kind=draw(kinds if kinds is not None else st.sampled_from(PostKind)),
            created_at=created_at,
            state=state,
            **times,
        )

    return strategy()


def _kind_sets(kind: Any) -> st.SearchStrategy[tuple[Any, ...]]:
    return st.lists(st.sampled_from(kind), min_size=1, unique=True).map(tuple)


def scheduling_rules() -> st.SearchStrategy[SchedulingRules]:
    """Scheduling policies with any settings, shrinking toward the 2019 rule's
    shape (one account kind, short leads, a small cap)."""
    return st.builds(
        SchedulingRules,
        account_kinds=_kind_sets(AccountKind),
        requires_linked_page=st.booleans(),
        post_kinds=_kind_sets(PostKind),
        min_lead=st.timedeltas(
            min_value=dt.timedelta(0), max_value=dt.timedelta(days=1)
        ),
        max_months=st.integers(min_value=1, max_value=24),
        publishing_cap=st.integers(min_value=1, max_value=100),
    )


def refusals() -> st.SearchStrategy[Refusal]:
    """Refusals naming any scheduling rule."""
    return st.builds(
        Refusal,
        st.sampled_from(SchedulingRule),
        st.sampled_from(("account", "post", "at", "library")),
        reason=st.sampled_from(
            ("refused", "a post is scheduled at least 0:10:00 ahead")
        ),
    )


def story_navigations(
    *, max_value: int = _MAX_COUNT
) -> st.SearchStrategy[StoryNavigation]:
    """Story navigation counts by action type."""
    counts = post_counts(max_value=max_value)
    return st.builds(
        StoryNavigation, counts, counts, exits=counts, swipes_forward=counts
    )


def _reach_and_views(
    draw: st.DrawFn, *, max_value: int
) -> tuple[int | None, int | None]:
    """An optional reach and an optional views count, reach <= views."""
    views = draw(st.none() | post_counts(max_value=max_value))
    top = max_value if views is None else views
    reach = draw(st.none() | post_counts(max_value=top))
    return reach, views


def post_insights(
    *,
    kinds: st.SearchStrategy[PostKind] | None = None,
    posted: st.SearchStrategy[dt.datetime] | None = None,
    max_value: int = _MAX_COUNT,
) -> st.SearchStrategy[PostInsights]:
    """Valid post insights: any count may be unreported (``None``)."""

    @st.composite
    def strategy(draw: st.DrawFn) -> PostInsights:
        kind = draw(kinds if kinds is not None else st.sampled_from(PostKind))
        posted_at = draw(posted if posted is not None else aware_datetimes())
        optional = st.none() | post_counts(max_value=max_value)
        reach, views = _reach_and_views(draw, max_value=max_value)
        impressions = None
        if posted_at.astimezone(dt.UTC) < IMPRESSIONS_RETIRED:
            floor = reach or 0
            impressions = draw(st.none() | st.integers(floor, max(floor, max_value)))
        story = kind is PostKind.STORY
        return PostInsights(
            draw(identifiers()),
            kind,
            posted_at=posted_at,
            reach=reach,
            views=views,
            impressions=impressions,
            replies=draw(optional) if story else None,
            navigation=draw(st.none() | story_navigations(max_value=max_value))
            if story
            else None,
            **{name: draw(optional) for name in _PLAIN_COUNTS},
        )

    return strategy()


def activity_counts(*, max_value: int = 10**6) -> st.SearchStrategy[ActivityCounts]:
    """Additive counts (posts, interactions, views...)."""
    counts = post_counts(max_value=max_value)
    return st.builds(ActivityCounts, **dict.fromkeys(ADDITIVE_METRICS, counts))


def daily_insights(
    *,
    days: st.SearchStrategy[dt.date] | None = None,
    max_value: int = 10**6,
) -> st.SearchStrategy[DailyInsights]:
    """One day of activity; the day's reach, if any, never exceeds its views."""

    @st.composite
    def strategy(draw: st.DrawFn) -> DailyInsights:
        counts = draw(activity_counts(max_value=max_value))
        reach = draw(st.none() | post_counts(max_value=counts.views))
        day = draw(
            days
            if days is not None
            else st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1))
        )
        return DailyInsights(day, counts, reach=reach)

    return strategy()


def page_insights(*, max_value: int = 10**6) -> st.SearchStrategy[PageInsights]:
    """A week of page insights, built from up to 7 distinct days."""

    @st.composite
    def strategy(draw: st.DrawFn) -> PageInsights:
        as_of = draw(st.dates(dt.date(2000, 1, 8), dt.date(2100, 1, 1)))
        offsets = draw(
            st.lists(st.integers(1, PAGE_DAYS), unique=True, max_size=PAGE_DAYS)
        )
        days = [
            draw(
                daily_insights(
                    days=st.just(as_of - dt.timedelta(days=n)), max_value=max_value
                )
            )
            for n in offsets
        ]
        views = sum(d.counts.views for d in days)
        # Each day's reach is at most its views, so floor <= views.
        floor = max((d.reach for d in days if d.reach is not None), default=0)
        reach = draw(st.none() | st.integers(floor, views))
        return PageInsights.from_days(days, as_of=as_of, reach=reach)

    return strategy()


def follower_counts(
    *, groups: st.SearchStrategy[str] | None = None, max_value: int = 10**7
) -> st.SearchStrategy[FollowerCount]:
    """Followers in one group."""
    return st.builds(
        FollowerCount,
        groups if groups is not None else identifiers(),
        post_counts(max_value=max_value),
    )


def _breakdown(groups: st.SearchStrategy[str], max_size: int) -> Any:
    return st.lists(
        follower_counts(groups=groups),
        max_size=max_size,
        unique_by=lambda item: item.group,
    )


def audience_insights(*, max_size: int = 12) -> st.SearchStrategy[AudienceInsights]:
    """Audience breakdowns: age ranges, genders, countries, cities (with many
    ties, to exercise the tie-break)."""
    ages = st.sampled_from(
        ("13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+")
    )
    genders = st.sampled_from(("F", "M", "U"))
    countries = st.sampled_from(("BR", "DE", "ES", "FR", "IN", "JP", "PT", "US"))
    cities = st.text("abcdefgh", min_size=1, max_size=3)
    return st.builds(
        AudienceInsights,
        _breakdown(ages, max_size),
        _breakdown(genders, max_size),
        countries=_breakdown(countries, max_size),
        cities=_breakdown(cities, max_size),
    )


def strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each posts model."""
    return {
        ActivityCounts: activity_counts(),
        AudienceInsights: audience_insights(),
        DailyInsights: daily_insights(),
        FollowerCount: follower_counts(),
        InstagramAccount: instagram_accounts(),
        PageInsights: page_insights(),
        Post: posts(),
        PostInsights: post_insights(),
        Refusal: refusals(),
        SchedulingRules: scheduling_rules(),
        StoryNavigation: story_navigations(),
    }
