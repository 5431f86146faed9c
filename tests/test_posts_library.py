"""The content library: filter by kind, state and timeframe, sort by date
(issue 19, Build 3). Creator Studio (2019): posts "can be drafted, scheduled,
viewed, archived, and sorted by date or within a specific timeframe"."""

import datetime as dt
from zoneinfo import ZoneInfo

import attrs
import pytest

from carekit import InvalidValue
from carekit.intervals import Interval
from carekit.posts import (
    AccountKind,
    InstagramAccount,
    Post,
    PostKind,
    PostState,
    count_published,
    due_posts,
    next_due,
    select_posts,
    sort_by_date,
)

T0 = dt.datetime(2019, 8, 1, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def post(
    id: str, kind: PostKind, day: int, state: PostState = PostState.PUBLISHED
) -> Post:
    when = T0 + day * DAY
    times = {
        PostState.DRAFT: {},
        PostState.SCHEDULED: {"scheduled_for": when},
        PostState.PUBLISHED: {"published_at": when},
        PostState.ARCHIVED: {"published_at": when},
    }[state]
    created = when if state is PostState.DRAFT else T0
    return Post(id, "brand", kind=kind, created_at=created, state=state, **times)


PHOTO = post("photo", PostKind.PHOTO, 1)
STORY = post("story", PostKind.STORY, 2)
REEL = post("reel", PostKind.REEL, 3, PostState.ARCHIVED)
PLAN = post("plan", PostKind.CAROUSEL, 5, PostState.SCHEDULED)
IDEA = post("idea", PostKind.VIDEO, 4, PostState.DRAFT)
LIBRARY = (PLAN, STORY, IDEA, PHOTO, REEL)


def test_filter_by_kind() -> None:
    assert (STORY, PHOTO) == select_posts(
        LIBRARY, kinds={PostKind.STORY, PostKind.PHOTO}
    )


def test_igtv_filters_as_reel() -> None:
    assert (REEL,) == select_posts(LIBRARY, kinds=[PostKind.IGTV])


def test_filter_by_state() -> None:
    assert (PLAN, IDEA) == select_posts(
        LIBRARY, states=[PostState.DRAFT, PostState.SCHEDULED]
    )


def test_filter_by_timeframe_is_half_open() -> None:
    """Within a timeframe ``[start, end)``: day 2 in, day 4 out."""
    week = Interval(T0 + 2 * DAY, T0 + 4 * DAY)
    assert (STORY, REEL) == select_posts(LIBRARY, within=week)


def test_filters_combine() -> None:
    week = Interval(T0, T0 + 10 * DAY)
    assert (PHOTO,) == select_posts(
        LIBRARY, kinds=[PostKind.PHOTO], states=[PostState.PUBLISHED], within=week
    )


def test_no_filter_keeps_everything_in_order() -> None:
    assert LIBRARY == select_posts(LIBRARY)


def test_sort_by_date_ascending_and_descending() -> None:
    assert (PHOTO, STORY, REEL, IDEA, PLAN) == sort_by_date(LIBRARY)
    assert (PLAN, IDEA, REEL, STORY, PHOTO) == sort_by_date(LIBRARY, descending=True)


def test_equal_dates_keep_their_order_both_ways() -> None:
    """Stable: posts with the same date stay in the order given."""
    twin = post("twin", PostKind.VIDEO, 1)
    assert (PHOTO, twin) == sort_by_date([PHOTO, twin])
    assert (twin, PHOTO) == sort_by_date([twin, PHOTO], descending=True)


def test_dates_compare_by_instant_across_zones() -> None:
    tokyo = dt.datetime(
        2019, 8, 2, 8, 0, tzinfo=ZoneInfo("Asia/Tokyo")
    )  # 23:00 UTC on 1st
    early = Post("tokyo", "brand", kind=PostKind.PHOTO, created_at=tokyo)
    late = Post(
        "utc",
        "brand",
        kind=PostKind.PHOTO,
        created_at=T0 + dt.timedelta(hours=23, minutes=30),
    )
    assert (early, late) == sort_by_date([late, early])


def test_due_posts_and_when_to_ask_next() -> None:
    """Scheduled posts whose time has come, and the next time to ask."""
    later = post("later", PostKind.PHOTO, 7, PostState.SCHEDULED)
    assert T0 + 5 * DAY == next_due([later, *LIBRARY])
    assert (PLAN,) == due_posts([later, *LIBRARY], now=T0 + 6 * DAY)
    assert () == due_posts(LIBRARY, now=T0)
    assert next_due([PHOTO]) is None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kinds": "photo"}, "kinds"),
        ({"kinds": ["photo"]}, "kinds"),
        ({"states": [PostKind.PHOTO]}, "states"),
        ({"within": (T0, T0)}, "within"),
    ],
)
def test_bad_filters_are_refused_naming_the_filter(
    kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidValue) as info:
        select_posts(LIBRARY, **kwargs)  # type: ignore[arg-type]
    assert field == info.value.field


def test_items_that_are_not_posts_are_refused() -> None:
    with pytest.raises(InvalidValue) as info:
        sort_by_date([PHOTO, "story"])  # type: ignore[list-item]
    assert "posts" == info.value.field


def test_posts_made_in_the_seven_days_before_as_of() -> None:
    """Page insights show "the number of posts made" in "the last seven days":
    published or archived posts of the account, on its calendar."""
    brand = InstagramAccount("brand", AccountKind.BUSINESS, timezone="Asia/Tokyo")
    other = attrs.evolve(PHOTO, account_id="other")
    # Day 7 at 00:00 UTC is 09:00 on day 7 in Tokyo; 23:30 UTC on day 6 is
    # already day 7 there.
    late = post("late", PostKind.PHOTO, 6)
    late = attrs.evolve(
        late, published_at=T0 + 6 * DAY + dt.timedelta(hours=23, minutes=30)
    )
    library = [*LIBRARY, other, late]
    as_of = (T0 + 7 * DAY).date()
    # PHOTO (day 1), STORY (day 2) and REEL (archived, day 3) count; the draft,
    # the scheduled post and the other account's do not; "late" is day 7 in
    # Tokyo, not before as_of.
    assert 3 == count_published(library, brand, as_of=as_of)
    assert 4 == count_published(
        library, attrs.evolve(brand, timezone="UTC"), as_of=as_of
    )
    assert 0 == count_published(library, brand, as_of=(T0 + DAY).date())


def test_count_published_wants_a_date() -> None:
    brand = InstagramAccount("brand", AccountKind.BUSINESS)
    with pytest.raises(InvalidValue) as info:
        count_published(LIBRARY, brand, as_of=T0)
    assert "as_of" == info.value.field
