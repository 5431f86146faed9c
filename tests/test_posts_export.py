"""Export as plain rows with documented columns (issue 19, Build 5).
Creator Studio (2019): "Instagram analytics cannot be exported at this
time"; carekit exports them."""

import datetime as dt
import json
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest

from carekit import InvalidValue
from carekit.posts import (
    AUDIENCE_COLUMNS,
    PAGE_COLUMNS,
    POST_COLUMNS,
    ActivityCounts,
    AudienceInsights,
    FollowerCount,
    PageInsights,
    PostInsights,
    PostKind,
    StoryNavigation,
    export_audience_insights,
    export_page_insights,
    export_post_insights,
    import_audience_insights,
    import_page_insights,
    import_post_insights,
)

BERLIN = dt.datetime(2025, 5, 1, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))
STORY = PostInsights(
    "s-1",
    PostKind.STORY,
    posted_at=BERLIN,
    views=10,
    reach=7,
    replies=1,
    navigation=StoryNavigation(4, 1, exits=2),
)
PHOTO = PostInsights("p-1", PostKind.PHOTO, posted_at=BERLIN, likes=3)


def test_post_columns_are_stable() -> None:
    assert (
        "post_id",
        "kind",
        "posted_at",
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
        "taps_forward",
        "taps_back",
        "exits",
        "swipes_forward",
    ) == POST_COLUMNS


def test_post_rows_are_plain_values_under_the_columns() -> None:
    story, photo = export_post_insights([STORY, PHOTO])
    assert list(POST_COLUMNS) == list(story)
    assert "2025-05-01T09:00:00+02:00[Europe/Berlin]" == story["posted_at"]
    assert (4, 1, 2, 0) == (
        story["taps_forward"],
        story["taps_back"],
        story["exits"],
        story["swipes_forward"],
    )
    assert photo["taps_forward"] is None
    assert photo["views"] is None
    assert json.loads(json.dumps([story, photo])) == [story, photo]


def test_post_rows_round_trip() -> None:
    assert (STORY, PHOTO) == import_post_insights(export_post_insights([STORY, PHOTO]))


def test_page_and_audience_rows_round_trip() -> None:
    week = PageInsights(
        dt.date(2025, 6, 1),
        dt.date(2025, 6, 8),
        counts=ActivityCounts(3, likes=2, views=20),
        reach=9,
    )
    (row,) = export_page_insights([week])
    assert list(PAGE_COLUMNS) == list(row)
    assert (week,) == import_page_insights([row])
    audience = AudienceInsights(
        [FollowerCount("18-24", 2)], cities=[FollowerCount("Porto", 1)]
    )
    rows = export_audience_insights(audience)
    assert [
        {"breakdown": "age_ranges", "group": "18-24", "followers": 2},
        {"breakdown": "cities", "group": "Porto", "followers": 1},
    ] == rows
    assert list(AUDIENCE_COLUMNS) == list(rows[0])
    assert audience == import_audience_insights(rows)


def test_a_row_with_a_missing_column_is_refused_naming_the_row() -> None:
    rows = export_post_insights([PHOTO, STORY])
    del rows[1]["likes"]
    with pytest.raises(InvalidValue) as info:
        import_post_insights(rows)
    assert "rows[1]" == info.value.field


@pytest.mark.parametrize(
    ("column", "value", "field"),
    [
        ("likes", -3, "rows[0].likes"),
        ("likes", "3", "rows[0].likes"),
        ("kind", "tweet", "rows[0].kind"),
        ("posted_at", "2025-05-01T09:00:00", "rows[0].posted_at"),
        ("posted_at", 3, "rows[0].posted_at"),
        ("exits", 1, "rows[0].taps_forward"),
    ],
)
def test_bad_values_are_refused_naming_row_and_column(
    column: str, value: object, field: str
) -> None:
    (row,) = export_post_insights([PHOTO])
    row[column] = value  # type: ignore[assignment]
    with pytest.raises(InvalidValue) as info:
        import_post_insights([row])
    assert field == info.value.field


def test_an_unknown_audience_breakdown_is_refused() -> None:
    with pytest.raises(InvalidValue) as info:
        import_audience_insights(
            [{"breakdown": "planets", "group": "Mars", "followers": 1}]
        )
    assert "rows[0].breakdown" == info.value.field


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: export_post_insights([object()]), "insights"),  # type: ignore[list-item]
        (lambda: export_page_insights([PHOTO]), "insights"),  # type: ignore[list-item]
        (lambda: export_audience_insights([]), "insights"),  # type: ignore[arg-type]
        (lambda: import_post_insights(3), "rows"),  # type: ignore[arg-type]
        (lambda: import_post_insights(["row"]), "rows[0]"),  # type: ignore[list-item]
    ],
)
def test_arguments_of_the_wrong_type_raise_naming_the_argument(
    call: Callable[[], object], field: str
) -> None:
    with pytest.raises(InvalidValue) as info:
        call()
    assert field == info.value.field
