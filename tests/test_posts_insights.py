"""Post, page and audience insights (issue 19, Build 4)."""

import datetime as dt

import pytest

from carekit import InvalidValue
from carekit.posts import (
    IMPRESSIONS_RETIRED,
    ActivityCounts,
    AudienceInsights,
    DailyInsights,
    FollowerCount,
    PageInsights,
    PostInsights,
    PostKind,
    StoryNavigation,
    add_up,
    top_groups,
)
from carekit.serialization import structure, unstructure

POSTED = dt.datetime(2025, 5, 1, 12, 0, tzinfo=dt.UTC)
OLD = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)


def photo(**counts: object) -> PostInsights:
    return PostInsights("p-1", PostKind.PHOTO, posted_at=POSTED, **counts)  # type: ignore[arg-type]


# -- post insights ----------------------------------------------------------------


def test_post_insights_hold_every_metric_creator_studio_showed() -> None:
    """2019: "interactions, profile visits, accounts reached, follows,
    impressions, website clicks, likes, comments, shares, bookmarks"; carekit
    has views for impressions since 2025 and saves for bookmarks."""
    insights = photo(
        interactions=30,
        profile_visits=4,
        reach=90,
        follows=2,
        views=120,
        website_clicks=3,
        likes=20,
        comments=5,
        shares=3,
        saves=2,
    )
    assert (90, 120, 2) == (insights.reach, insights.views, insights.saves)


def test_stories_add_navigation_by_action_type_and_replies() -> None:
    """2019: "(for stories) how users navigated ... or replied"; today by
    action type: taps forward, taps back, exits, swipe forward."""
    navigation = StoryNavigation(600, 90, exits=40, swipes_forward=12)
    story = PostInsights(
        "s-1",
        PostKind.STORY,
        posted_at=POSTED,
        views=1200,
        replies=8,
        navigation=navigation,
    )
    assert 742 == story.navigation.total if story.navigation else False


@pytest.mark.parametrize("name", ["replies", "navigation"])
def test_only_stories_report_navigation_and_replies(name: str) -> None:
    value = StoryNavigation() if name == "navigation" else 1
    with pytest.raises(InvalidValue) as info:
        photo(**{name: value})
    assert name == info.value.field


@pytest.mark.parametrize("bad", [-1, True, 1.0, "3"])
def test_counts_are_non_negative_integers_never_bools(bad: object) -> None:
    """ "Validation: no negative counts" (and a bool or float is no count)."""
    with pytest.raises(InvalidValue) as info:
        photo(likes=bad)
    assert "likes" == info.value.field


def test_reach_never_exceeds_views() -> None:
    """ "reach <= views where both are known"."""
    with pytest.raises(InvalidValue) as info:
        photo(reach=11, views=10)
    assert "reach" == info.value.field
    assert 10 == photo(reach=10, views=10).reach
    assert 11 == photo(reach=11).reach  # views unknown: nothing to compare


def test_impressions_are_legacy_for_media_before_2025_04_21() -> None:
    """v22: impressions "deprecated for all versions on April 21, 2025"."""
    old = PostInsights("p", PostKind.PHOTO, posted_at=OLD, impressions=50, reach=40)
    assert 50 == old.impressions
    with pytest.raises(InvalidValue) as info:
        PostInsights("p", PostKind.PHOTO, posted_at=IMPRESSIONS_RETIRED, impressions=1)
    assert "impressions" == info.value.field
    with pytest.raises(InvalidValue):
        PostInsights("p", PostKind.PHOTO, posted_at=OLD, impressions=39, reach=40)


def test_story_navigation_counts_are_validated() -> None:
    with pytest.raises(InvalidValue) as info:
        StoryNavigation(1, exits=-1)
    assert "exits" == info.value.field


# -- page insights ----------------------------------------------------------------

AS_OF = dt.date(2025, 6, 8)


def day(offset: int, reach: int | None = None, **counts: int) -> DailyInsights:
    return DailyInsights(
        AS_OF - dt.timedelta(days=offset), ActivityCounts(**counts), reach=reach
    )


def test_page_insights_cover_the_seven_days_before_as_of() -> None:
    """2019: "insights from the last seven days": as_of - 7 to as_of - 1."""
    days = [day(i, likes=1, views=10, posts=1) for i in range(10)]
    week = PageInsights.from_days(days, as_of=AS_OF, reach=40)
    assert (dt.date(2025, 6, 1), AS_OF) == (week.start, week.end)
    assert (7, 7, 70) == (week.counts.posts, week.counts.likes, week.counts.views)


def test_weekly_reach_is_reported_as_given_never_summed() -> None:
    """Reach counts unique accounts: the week's reach is the platform's figure,
    whatever the days add up to."""
    days = [day(i, reach=30, views=50) for i in range(1, 8)]
    assert 45 == PageInsights.from_days(days, as_of=AS_OF, reach=45).reach
    assert PageInsights.from_days(days, as_of=AS_OF).reach is None


def test_weekly_reach_is_at_least_any_days_reach() -> None:
    with pytest.raises(InvalidValue) as info:
        PageInsights.from_days([day(1, reach=30, views=50)], as_of=AS_OF, reach=29)
    assert "reach" == info.value.field


def test_weekly_reach_never_exceeds_the_weeks_views() -> None:
    with pytest.raises(InvalidValue):
        PageInsights.from_days([day(1, views=5)], as_of=AS_OF, reach=6)


def test_a_day_twice_in_the_week_is_refused() -> None:
    with pytest.raises(InvalidValue) as info:
        PageInsights.from_days([day(1), day(1)], as_of=AS_OF)
    assert "days" == info.value.field


def test_page_insights_span_exactly_seven_days() -> None:
    with pytest.raises(InvalidValue) as info:
        PageInsights(dt.date(2025, 6, 1), dt.date(2025, 6, 9), counts=ActivityCounts())
    assert "end" == info.value.field


def test_as_of_is_a_date() -> None:
    with pytest.raises(InvalidValue):
        PageInsights.from_days([], as_of=dt.datetime(2025, 6, 8, tzinfo=dt.UTC))


def test_add_up_sums_field_by_field() -> None:
    total = add_up([ActivityCounts(1, 2, likes=3), ActivityCounts(0, 1, views=4)])
    assert ActivityCounts(1, 3, likes=3, views=4) == total
    assert ActivityCounts() == add_up([])


# -- audience insights ------------------------------------------------------------


def counts(**groups: int) -> list[FollowerCount]:
    return [FollowerCount(name.replace("_", " "), n) for name, n in groups.items()]


def test_top_five_countries_and_cities_ties_broken_by_name() -> None:
    """2019: "the top five countries and cities where an account's followers
    live"; equal counts rank by name."""
    audience = AudienceInsights(
        countries=counts(BR=50, US=70, PT=50, ES=10, FR=50, DE=50, IT=5),
        cities=counts(Lisbon=3, Porto=3),
    )
    assert ["US", "BR", "DE", "FR", "PT"] == [c.group for c in audience.top_countries()]
    assert ["Lisbon", "Porto"] == [c.group for c in audience.top_cities()]


def test_followers_by_age_range_and_gender() -> None:
    audience = AudienceInsights(counts(**{"25-34": 10, "18-24": 7}), counts(F=9, M=8))
    assert ["18-24", "25-34"] == [c.group for c in audience.age_ranges]
    assert ["F", "M"] == [c.group for c in audience.genders]


def test_a_group_twice_in_one_breakdown_is_refused() -> None:
    with pytest.raises(InvalidValue) as info:
        AudienceInsights(countries=[FollowerCount("BR", 1), FollowerCount("BR", 2)])
    assert "countries" == info.value.field


def test_top_groups_takes_any_n() -> None:
    assert () == top_groups(counts(a=1), 0)
    with pytest.raises(InvalidValue):
        top_groups(counts(a=1), -1)


# -- plain data -------------------------------------------------------------------


@pytest.mark.parametrize(
    "model",
    [
        PostInsights(
            "s",
            PostKind.STORY,
            posted_at=OLD,
            impressions=9,
            navigation=StoryNavigation(1),
        ),
        PageInsights.from_days([day(2, reach=1, views=3)], as_of=AS_OF, reach=2),
        AudienceInsights(counts(F=1), countries=counts(BR=2)),
        DailyInsights(AS_OF, ActivityCounts(likes=2), reach=None),
    ],
    ids=lambda m: type(m).__name__,
)
def test_insights_round_trip_through_plain_data(model: object) -> None:
    assert model == structure(unstructure(model), type(model))


def test_as_of_is_named_when_it_is_not_a_date() -> None:
    with pytest.raises(InvalidValue) as info:
        PageInsights.from_days([], as_of="2025-06-08")  # type: ignore[arg-type]
    assert "as_of" == info.value.field


def test_top_groups_refuses_what_is_not_a_follower_count() -> None:
    with pytest.raises(InvalidValue) as info:
        top_groups([("BR", 3)])  # type: ignore[list-item]
    assert "counts" == info.value.field
