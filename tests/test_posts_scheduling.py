"""Scheduling policies and their dated presets (issue 19, Build 2).

Each test quotes the rule it checks. Creator Studio, 2019: "The new
scheduling feature is only available for Instagram business accounts that are
linked to a Facebook brand page" and "Instagram Stories cannot be scheduled
yet"; Facebook's window is "from 10 minutes to 6 months ahead".
"""

import datetime as dt
from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo

import attrs
import pytest

from carekit import IllegalTransition, InvalidValue, PolicyError
from carekit.posts import (
    CONTENT_PUBLISHING_2023,
    CREATOR_STUDIO_2019,
    AccountKind,
    InstagramAccount,
    Post,
    PostKind,
    PostState,
    Refusal,
    SchedulingRule,
    SchedulingRules,
    busiest_day,
    schedule_post,
)

NOW = dt.datetime(2019, 8, 1, 9, 0, tzinfo=dt.UTC)
BRAND = InstagramAccount("brand", AccountKind.BUSINESS, linked_page_id="brand-page")
LATER = NOW + dt.timedelta(days=1)


def draft(kind: PostKind = PostKind.PHOTO, id: str = "p-1") -> Post:
    return Post(id, BRAND.id, kind=kind, created_at=NOW)


def refused_rule(info: pytest.ExceptionInfo[PolicyError]) -> str:
    return info.value.rule.partition(":")[0]


# -- who may schedule -------------------------------------------------------------


@pytest.mark.parametrize("kind", [AccountKind.PERSONAL, AccountKind.CREATOR])
def test_personal_and_creator_accounts_are_refused(kind: AccountKind) -> None:
    """2019: "only available for Instagram business accounts"."""
    account = InstagramAccount("someone", kind)
    post = Post("p-1", "someone", kind=PostKind.PHOTO, created_at=NOW)
    with pytest.raises(PolicyError) as info:
        schedule_post(post, account, at=LATER, now=NOW)
    assert "account_kind" == refused_rule(info)
    assert ("account", kind.value) == (info.value.field, info.value.value)


def test_a_business_account_without_a_linked_page_is_refused() -> None:
    """2019: "... business accounts that are linked to a Facebook brand page"."""
    account = InstagramAccount("brand", AccountKind.BUSINESS)
    with pytest.raises(PolicyError) as info:
        schedule_post(draft(), account, at=LATER, now=NOW)
    assert "linked_page" == refused_rule(info)


def test_a_business_account_with_a_linked_page_schedules() -> None:
    scheduled = schedule_post(draft(), BRAND, at=LATER, now=NOW)
    assert PostState.SCHEDULED == scheduled.state
    assert LATER == scheduled.scheduled_for


# -- stories ----------------------------------------------------------------------


def test_a_story_is_refused_under_the_2019_preset() -> None:
    """2019: "Instagram Stories cannot be scheduled yet"."""
    with pytest.raises(PolicyError) as info:
        schedule_post(draft(PostKind.STORY), BRAND, at=LATER, now=NOW)
    assert "post_kind" == refused_rule(info)
    assert ("post", "story") == (info.value.field, info.value.value)


def test_a_story_is_allowed_under_the_2023_preset() -> None:
    """Meta for Developers, 2023-05-16: "Stories are now an eligible media
    type on the Instagram Graph API"."""
    story = draft(PostKind.STORY)
    scheduled = schedule_post(
        story, BRAND, at=LATER, now=NOW, policy=CONTENT_PUBLISHING_2023
    )
    assert PostState.SCHEDULED == scheduled.state


@pytest.mark.parametrize("kind", [k for k in PostKind if k is not PostKind.STORY])
def test_every_other_kind_is_schedulable_in_2019(kind: PostKind) -> None:
    """Photos, videos, carousels and IGTV (now reels) can be scheduled."""
    assert (
        PostState.SCHEDULED
        == schedule_post(draft(kind), BRAND, at=LATER, now=NOW).state
    )


# -- the window -------------------------------------------------------------------


def test_five_minutes_ahead_is_refused() -> None:
    """ "from 10 minutes ... ahead": 5 minutes is too soon."""
    with pytest.raises(PolicyError) as info:
        schedule_post(draft(), BRAND, at=NOW + dt.timedelta(minutes=5), now=NOW)
    assert "too_soon" == refused_rule(info)
    assert "at" == info.value.field


def test_exactly_ten_minutes_ahead_is_allowed() -> None:
    """ "from 10 minutes": the bound is inclusive."""
    at = NOW + dt.timedelta(minutes=10)
    assert at == schedule_post(draft(), BRAND, at=at, now=NOW).scheduled_for


def test_a_microsecond_under_ten_minutes_is_refused() -> None:
    at = NOW + dt.timedelta(minutes=10) - dt.timedelta(microseconds=1)
    with pytest.raises(PolicyError):
        schedule_post(draft(), BRAND, at=at, now=NOW)


def test_two_hundred_days_ahead_is_refused() -> None:
    """ "... to 6 months ahead": 200 days is more than 6 calendar months."""
    with pytest.raises(PolicyError) as info:
        schedule_post(draft(), BRAND, at=NOW + dt.timedelta(days=200), now=NOW)
    assert "too_far" == refused_rule(info)


def test_exactly_six_calendar_months_ahead_is_allowed() -> None:
    """ "to 6 months ahead", inclusive: 2019-08-01 09:00 -> 2020-02-01 09:00."""
    at = dt.datetime(2020, 2, 1, 9, 0, tzinfo=dt.UTC)
    assert at == schedule_post(draft(), BRAND, at=at, now=NOW).scheduled_for
    with pytest.raises(PolicyError):
        schedule_post(draft(), BRAND, at=at + dt.timedelta(seconds=1), now=NOW)


def test_six_months_from_the_31st_end_on_the_last_day_of_the_month() -> None:
    """Calendar months: 2019-08-31 + 6 months is 2020-02-29 (a leap year)."""
    now = dt.datetime(2019, 8, 31, 12, 0, tzinfo=dt.UTC)
    last = dt.datetime(2020, 2, 29, 12, 0, tzinfo=dt.UTC)
    post = Post("p", BRAND.id, kind=PostKind.PHOTO, created_at=now)
    assert last == schedule_post(post, BRAND, at=last, now=now).scheduled_for
    with pytest.raises(PolicyError):
        schedule_post(post, BRAND, at=last + dt.timedelta(minutes=1), now=now)


def test_six_months_are_counted_on_the_accounts_wall_clock() -> None:
    """The account's zone decides: 09:00 in Berlin in August (UTC+2) is 09:00
    in Berlin in February (UTC+1), one hour later in UTC than a naive 6 x 30
    days or a UTC calendar would say."""
    berlin = ZoneInfo("Europe/Berlin")
    account = attrs.evolve(BRAND, timezone="Europe/Berlin")
    now = dt.datetime(2019, 8, 1, 9, 0, tzinfo=berlin)
    limit = dt.datetime(2020, 2, 1, 9, 0, tzinfo=berlin)
    post = Post("p", BRAND.id, kind=PostKind.PHOTO, created_at=now)
    assert limit == schedule_post(post, account, at=limit, now=now).scheduled_for
    with pytest.raises(PolicyError):
        schedule_post(post, account, at=limit + dt.timedelta(seconds=1), now=now)


def test_a_time_not_after_now_is_refused_whatever_the_policy() -> None:
    """carekit's own rule: a post is scheduled for the future."""
    anything = SchedulingRules(min_lead=dt.timedelta(0))
    with pytest.raises(PolicyError) as info:
        schedule_post(draft(), BRAND, at=NOW, now=NOW, policy=anything)
    assert "at" == info.value.field


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(InvalidValue) as info:
        schedule_post(draft(), BRAND, at=dt.datetime(2019, 8, 2), now=NOW)
    assert "at" == info.value.field


# -- the publishing cap -------------------------------------------------------------


def published(n: int, start: dt.datetime, step: dt.timedelta) -> list[Post]:
    return [
        Post(
            f"old-{i}",
            BRAND.id,
            kind=PostKind.PHOTO,
            created_at=NOW - dt.timedelta(days=2),
            state=PostState.PUBLISHED,
            published_at=start + i * step,
        )
        for i in range(n)
    ]


def test_post_51_within_24_hours_is_refused() -> None:
    """ "API publishing is capped per account per rolling 24 h", default 50:
    with 50 posts in the last 24 hours, the 51st is refused."""
    at = NOW + dt.timedelta(minutes=30)
    library = published(50, NOW - dt.timedelta(hours=23), dt.timedelta(minutes=20))
    with pytest.raises(PolicyError) as info:
        schedule_post(draft(), BRAND, at=at, now=NOW, library=library)
    assert "publishing_cap" == refused_rule(info)
    assert ("library", 50) == (info.value.field, info.value.value)


def test_post_50_within_24_hours_is_allowed() -> None:
    at = NOW + dt.timedelta(minutes=30)
    library = published(49, NOW - dt.timedelta(hours=23), dt.timedelta(minutes=20))
    assert (
        PostState.SCHEDULED
        == schedule_post(draft(), BRAND, at=at, now=NOW, library=library).state
    )


def test_the_window_rolls_posts_24_hours_apart_are_not_in_one_window() -> None:
    """A rolling window ``[s, s + 24 h)``: a post 24 hours after another does
    not share a window with it."""
    at = NOW + dt.timedelta(hours=1)
    library = published(50, at - dt.timedelta(hours=24), dt.timedelta(0))
    assert (
        PostState.SCHEDULED
        == schedule_post(draft(), BRAND, at=at, now=NOW, library=library).state
    )


def test_scheduled_posts_after_the_new_one_count_too() -> None:
    """The cap holds for every window the new post falls in, so 50 posts
    already scheduled in the next hours refuse one before them."""
    at = NOW + dt.timedelta(minutes=30)
    library = [
        Post(
            f"s-{i}",
            BRAND.id,
            kind=PostKind.PHOTO,
            created_at=NOW,
            state=PostState.SCHEDULED,
            scheduled_for=at + dt.timedelta(minutes=i + 1),
        )
        for i in range(50)
    ]
    with pytest.raises(PolicyError):
        schedule_post(draft(), BRAND, at=at, now=NOW, library=library)


def test_other_accounts_drafts_and_the_post_itself_do_not_count() -> None:
    at = NOW + dt.timedelta(minutes=30)
    others = [
        attrs.evolve(p, account_id="other") for p in published(60, NOW, dt.timedelta(0))
    ]
    drafts = [draft(id=f"d-{i}") for i in range(60)]
    post = draft()
    assert (
        PostState.SCHEDULED
        == schedule_post(
            post, BRAND, at=at, now=NOW, library=[*others, *drafts, post]
        ).state
    )


def test_the_cap_is_a_parameter() -> None:
    strict = SchedulingRules(publishing_cap=1)
    library = published(1, NOW, dt.timedelta(0))
    with pytest.raises(PolicyError):
        schedule_post(
            draft(),
            BRAND,
            at=NOW + dt.timedelta(hours=1),
            now=NOW,
            policy=strict,
            library=library,
        )


def test_busiest_day_counts_the_fullest_window_around_a_time() -> None:
    t = NOW
    hour = dt.timedelta(hours=1)
    planned = [t - 23 * hour, t - 2 * hour, t + 2 * hour, t + 23 * hour]
    # [t-23h, t+1h) holds 2; [t-2h, t+22h) holds 2; [t, t+24h) holds 2.
    assert 2 == busiest_day(planned, around=t)
    assert 0 == busiest_day([], around=t)


# -- the presets and the policy protocol -------------------------------------------


def test_the_2019_preset_is_creator_studios_rule() -> None:
    assert (AccountKind.BUSINESS,) == CREATOR_STUDIO_2019.account_kinds
    assert CREATOR_STUDIO_2019.requires_linked_page
    assert PostKind.STORY not in CREATOR_STUDIO_2019.post_kinds
    assert dt.timedelta(minutes=10) == CREATOR_STUDIO_2019.min_lead
    assert 6 == CREATOR_STUDIO_2019.max_months
    assert 50 == CREATOR_STUDIO_2019.publishing_cap


def test_the_2023_preset_differs_in_stories_and_its_dated_cap() -> None:
    """2023-05-16: stories eligible; "up to 25 ... posts ... per day"."""
    assert PostKind.STORY in CONTENT_PUBLISHING_2023.post_kinds
    assert 25 == CONTENT_PUBLISHING_2023.publishing_cap
    assert CREATOR_STUDIO_2019.min_lead == CONTENT_PUBLISHING_2023.min_lead


def test_refusal_without_raising() -> None:
    refusal = CREATOR_STUDIO_2019.refusal(
        draft(PostKind.STORY), BRAND, at=LATER, now=NOW, planned=()
    )
    assert refusal is not None
    assert SchedulingRule.POST_KIND == refusal.rule
    assert str(refusal).startswith("post_kind: ")
    assert (
        CREATOR_STUDIO_2019.refusal(draft(), BRAND, at=LATER, now=NOW, planned=())
        is None
    )


class WeekdaysOnly:
    """A user's own policy, with no carekit base class."""

    def refusal(
        self,
        post: Post,
        account: InstagramAccount,
        *,
        at: dt.datetime,
        now: dt.datetime,
        planned: Sequence[dt.datetime],
    ) -> Refusal | None:
        if at.weekday() >= 5:
            return Refusal(SchedulingRule.TOO_FAR, "at", reason="no weekend posts")
        return None


def test_a_users_own_policy_works_in_place_of_the_default() -> None:
    saturday = dt.datetime(2019, 8, 3, 9, 0, tzinfo=dt.UTC)
    with pytest.raises(PolicyError, match="no weekend posts"):
        schedule_post(draft(), BRAND, at=saturday, now=NOW, policy=WeekdaysOnly())
    # Its own rules replace carekit's presets: a story, 1 minute ahead.
    soon = NOW + dt.timedelta(minutes=1)
    story = draft(PostKind.STORY)
    assert (
        soon
        == schedule_post(
            story, BRAND, at=soon, now=NOW, policy=WeekdaysOnly()
        ).scheduled_for
    )


def test_a_post_of_another_account_is_refused_whatever_the_policy() -> None:
    post = Post("p", "someone-else", kind=PostKind.PHOTO, created_at=NOW)
    with pytest.raises(InvalidValue) as info:
        schedule_post(post, BRAND, at=LATER, now=NOW, policy=WeekdaysOnly())
    assert "post" == info.value.field


def test_only_a_draft_can_be_scheduled() -> None:
    scheduled = schedule_post(draft(), BRAND, at=LATER, now=NOW)
    with pytest.raises(IllegalTransition):
        schedule_post(scheduled, BRAND, at=LATER, now=NOW)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"account_kinds": "business"}, "account_kinds"),
        ({"post_kinds": ["story"]}, "post_kinds"),
        ({"post_kinds": []}, "post_kinds"),
        ({"account_kinds": ()}, "account_kinds"),
        ({"min_lead": dt.timedelta(minutes=-1)}, "min_lead"),
        ({"max_months": 0}, "max_months"),
        ({"publishing_cap": 0}, "publishing_cap"),
        ({"publishing_cap": True}, "publishing_cap"),
        ({"requires_linked_page": 1}, "requires_linked_page"),
    ],
)
def test_bad_settings_are_refused_naming_the_setting(
    changes: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidValue) as info:
        SchedulingRules(**changes)  # type: ignore[arg-type]
    assert field == info.value.field


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: schedule_post("p", BRAND, at=LATER, now=NOW), "post"),  # type: ignore[arg-type]
        (lambda: schedule_post(draft(), "brand", at=LATER, now=NOW), "account"),  # type: ignore[arg-type]
        (
            lambda: schedule_post(draft(), BRAND, at=LATER, now=NOW, library=[1]),  # type: ignore[list-item]
            "library",
        ),
        (
            lambda: schedule_post(draft(), BRAND, at=LATER, now=NOW, library=3),  # type: ignore[arg-type]
            "library",
        ),
        (lambda: busiest_day([dt.datetime(2019, 8, 1)], around=NOW), "planned"),
        (lambda: busiest_day(3, around=NOW), "planned"),  # type: ignore[arg-type]
    ],
)
def test_arguments_of_the_wrong_type_raise_naming_the_argument(
    call: Callable[[], object], field: str
) -> None:
    """Bad input raises a carekit error naming the field, never a bare
    builtin error."""
    with pytest.raises(InvalidValue) as info:
        call()
    assert field == info.value.field
