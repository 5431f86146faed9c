"""Graph API responses load directly (issue 19, Build 4 "Graph API
mapping"). v22.0 (2025-01-21) "Introducing the views metric"; since v18
story navigation is ``navigation`` broken down by
``story_navigation_action_type``."""

import datetime as dt
from typing import Any

import pytest

from carekit import InvalidValue
from carekit.posts import (
    MEDIA_METRICS,
    PostInsights,
    PostKind,
    StoryNavigation,
    load_audience_insights,
    load_page_insights,
    load_post_insights,
)

POSTED = dt.datetime(2025, 5, 1, 12, 0, tzinfo=dt.UTC)


def metric(name: str, value: int) -> dict[str, Any]:
    """A lifetime metric as Meta returns it."""
    return {
        "name": name,
        "period": "lifetime",
        "values": [{"value": value}],
        "title": name.title(),
        "description": "...",
        "id": f"17900000000000000/insights/{name}/lifetime",
    }


def navigation(**actions: int) -> dict[str, Any]:
    results = [{"dimension_values": [k], "value": v} for k, v in actions.items()]
    return {
        "name": "navigation",
        "period": "lifetime",
        "total_value": {
            "value": sum(actions.values()),
            "breakdowns": [
                {"dimension_keys": ["story_navigation_action_type"], "results": results}
            ],
        },
        "id": "17900000000000000/insights/navigation/lifetime",
    }


STORY_RESPONSE = {
    "data": [
        metric("views", 1200),
        metric("reach", 1100),
        metric("replies", 8),
        metric("shares", 3),
        metric("total_interactions", 60),
        navigation(tap_forward=600, tap_back=90, tap_exit=40, swipe_forward=12),
    ]
}


def test_a_response_with_views_and_navigation_loads() -> None:
    """Must show: "an API response that uses views and navigation loads"."""
    story = load_post_insights(
        STORY_RESPONSE, post_id="s-1", kind=PostKind.STORY, posted_at=POSTED
    )
    assert (
        PostInsights(
            "s-1",
            PostKind.STORY,
            posted_at=POSTED,
            views=1200,
            reach=1100,
            replies=8,
            shares=3,
            interactions=60,
            navigation=StoryNavigation(600, 90, exits=40, swipes_forward=12),
        )
        == story
    )


def test_navigation_actions_load_in_any_letter_case() -> None:
    """The reference lists ``TAP_FORWARD``...; responses say ``tap_forward``."""
    payload = {"data": [navigation(TAP_FORWARD=2, TAP_EXIT=1)]}
    story = load_post_insights(
        payload, post_id="s", kind=PostKind.STORY, posted_at=POSTED
    )
    assert StoryNavigation(2, exits=1) == story.navigation


def test_a_total_value_metric_loads() -> None:
    payload = {
        "data": [{"name": "saved", "period": "lifetime", "total_value": {"value": 4}}]
    }
    post = load_post_insights(
        payload, post_id="p", kind=PostKind.PHOTO, posted_at=POSTED
    )
    assert 4 == post.saves


def test_the_table_maps_todays_names() -> None:
    assert "views" == MEDIA_METRICS["views"]
    assert "saves" == MEDIA_METRICS["saved"]
    assert "interactions" == MEDIA_METRICS["total_interactions"]
    assert "plays" not in MEDIA_METRICS  # deprecated with impressions


def test_legacy_impressions_load_for_old_media_only() -> None:
    payload = {"data": [metric("impressions", 70)]}
    old = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    assert (
        70
        == load_post_insights(
            payload, post_id="p", kind=PostKind.PHOTO, posted_at=old
        ).impressions
    )
    with pytest.raises(InvalidValue) as info:
        load_post_insights(payload, post_id="p", kind=PostKind.PHOTO, posted_at=POSTED)
    assert "impressions" == info.value.field


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        ([], "$"),
        ({"data": {}}, "$.data"),
        ({"data": [7]}, "$.data[0]"),
        ({"data": [{"values": []}]}, "$.data[0].name"),
        ({"data": [metric("plays", 1)]}, "$.data[0].name"),
        ({"data": [metric("views", 1), metric("views", 2)]}, "$.data[1].name"),
        ({"data": [metric("views", -1)]}, "$.data[0].values[0].value"),
        ({"data": [metric("views", True)]}, "$.data[0].values[0].value"),
        ({"data": [{"name": "views", "values": []}]}, "$.data[0].values"),
        ({"data": [{"name": "views"}]}, "$.data[0].total_value"),
        (
            {"data": [{"name": "navigation", "total_value": {"value": 3}}]},
            "$.data[0].total_value.breakdowns",
        ),
        ({"data": [navigation(tap_sideways=1)]}, "$.data[0]"),
    ],
)
def test_bad_payloads_raise_naming_the_field_path(payload: object, path: str) -> None:
    with pytest.raises(InvalidValue) as info:
        load_post_insights(payload, post_id="s", kind=PostKind.STORY, posted_at=POSTED)
    assert path == info.value.field


def test_a_navigation_total_that_is_not_the_sum_of_its_actions_is_refused() -> None:
    entry = navigation(tap_forward=2)
    entry["total_value"]["value"] = 3
    with pytest.raises(InvalidValue) as info:
        load_post_insights(
            {"data": [entry]}, post_id="s", kind=PostKind.STORY, posted_at=POSTED
        )
    assert "$.data[0].total_value.value" == info.value.field


def test_reach_above_views_in_a_response_is_refused() -> None:
    payload = {"data": [metric("views", 1), metric("reach", 2)]}
    with pytest.raises(InvalidValue) as info:
        load_post_insights(payload, post_id="p", kind=PostKind.PHOTO, posted_at=POSTED)
    assert "reach" == info.value.field


def test_account_insights_over_the_week_load_with_reach_as_given() -> None:
    def total(name: str, value: int) -> dict[str, Any]:
        return {"name": name, "period": "day", "total_value": {"value": value}}

    payload = {
        "data": [
            total("views", 900),
            total("reach", 300),
            total("total_interactions", 80),
            total("likes", 50),
            total("profile_links_taps", 6),
        ]
    }
    week = load_page_insights(payload, as_of=dt.date(2025, 6, 8), posts_made=4)
    assert (dt.date(2025, 6, 1), 300) == (week.start, week.reach)
    assert (4, 900, 80, 50, 6) == (
        week.counts.posts,
        week.counts.views,
        week.counts.interactions,
        week.counts.likes,
        week.counts.website_clicks,
    )


def demographics(
    *breakdowns: tuple[list[str], dict[tuple[str, ...], int]],
) -> dict[str, Any]:
    return {
        "data": [
            {
                "name": "follower_demographics",
                "period": "lifetime",
                "total_value": {
                    "breakdowns": [
                        {
                            "dimension_keys": keys,
                            "results": [
                                {"dimension_values": list(v), "value": n}
                                for v, n in results.items()
                            ],
                        }
                        for keys, results in breakdowns
                    ]
                },
            }
        ]
    }


def test_follower_demographics_load() -> None:
    payload = demographics(
        (["age", "gender"], {("18-24", "F"): 5, ("18-24", "M"): 4, ("25-34", "F"): 3}),
        (["country"], {("BR",): 9, ("PT",): 3}),
        (["city"], {("Lisbon, Lisbon District",): 3}),
    )
    audience = load_audience_insights(payload)
    assert [("18-24", 9), ("25-34", 3)] == [
        (c.group, c.followers) for c in audience.age_ranges
    ]
    assert [("F", 8), ("M", 4)] == [(c.group, c.followers) for c in audience.genders]
    assert ["BR", "PT"] == [c.group for c in audience.top_countries()]


def test_a_dimension_in_two_breakdowns_is_refused() -> None:
    payload = demographics(
        (["age"], {("18-24",): 1}), (["age", "gender"], {("18-24", "F"): 1})
    )
    with pytest.raises(InvalidValue) as info:
        load_audience_insights(payload)
    assert "$.data[0].total_value.breakdowns[1].dimension_keys" == info.value.field


def test_an_unknown_audience_breakdown_is_refused() -> None:
    with pytest.raises(InvalidValue) as info:
        load_audience_insights(demographics((["locale"], {("pt_BR",): 1})))
    assert "$.data[0].total_value.breakdowns[0].dimension_keys" == info.value.field
