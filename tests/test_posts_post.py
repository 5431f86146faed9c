"""Accounts, post kinds and the post-state transition table (issue 19,
Build 1)."""

import datetime as dt

import pytest

from carekit import IllegalTransition, InvalidValue
from carekit.posts import (
    TRANSITIONS,
    AccountKind,
    InstagramAccount,
    Post,
    PostKind,
    PostMove,
    PostState,
    next_state,
)

T0 = dt.datetime(2019, 8, 1, 9, 0, tzinfo=dt.UTC)
S, M = PostState, PostMove


def draft() -> Post:
    return Post("p-1", "brand", kind=PostKind.PHOTO, created_at=T0)


# -- accounts ---------------------------------------------------------------------


def test_account_kinds_are_personal_creator_and_business() -> None:
    """Issue 19: "account kinds: personal, creator, business"."""
    assert ["personal", "creator", "business"] == [k.value for k in AccountKind]


def test_a_business_account_may_be_linked_to_a_page() -> None:
    """Issue 19: "business (optionally linked to a page)"."""
    linked = InstagramAccount("b", AccountKind.BUSINESS, linked_page_id="page")
    assert linked.has_linked_page
    assert not InstagramAccount("b", AccountKind.BUSINESS).has_linked_page


def test_a_personal_account_cannot_be_linked_to_a_page() -> None:
    with pytest.raises(InvalidValue) as info:
        InstagramAccount("me", AccountKind.PERSONAL, linked_page_id="page")
    assert "linked_page_id" == info.value.field


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"id": " ", "kind": AccountKind.BUSINESS}, "id"),
        ({"id": "a", "kind": "business"}, "kind"),
        (
            {"id": "a", "kind": AccountKind.BUSINESS, "timezone": "Mars/Base"},
            "timezone",
        ),
        (
            {"id": "a", "kind": AccountKind.BUSINESS, "linked_page_id": ""},
            "linked_page_id",
        ),
    ],
)
def test_bad_accounts_are_refused_naming_the_field(
    kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidValue) as info:
        InstagramAccount(**kwargs)  # type: ignore[arg-type]
    assert field == info.value.field


# -- kinds ------------------------------------------------------------------------


def test_post_kinds_are_photo_video_carousel_story_and_igtv_reel() -> None:
    """Issue 19: "post kinds: photo, video, carousel, story, IGTV/reel"."""
    assert ["photo", "video", "carousel", "story", "reel"] == [
        k.value for k in PostKind
    ]
    assert PostKind["IGTV"] is PostKind.REEL


# -- the transition table ---------------------------------------------------------


def test_the_table_is_the_issues_lifecycle() -> None:
    """ "draft -> scheduled -> published -> archived. Unscheduling returns to
    draft, and unarchiving returns to published." (Publishing a draft at once
    is Creator Studio's "Publish" button.)"""
    assert {
        (S.DRAFT, M.SCHEDULE): S.SCHEDULED,
        (S.DRAFT, M.PUBLISH): S.PUBLISHED,
        (S.SCHEDULED, M.UNSCHEDULE): S.DRAFT,
        (S.SCHEDULED, M.PUBLISH): S.PUBLISHED,
        (S.PUBLISHED, M.ARCHIVE): S.ARCHIVED,
        (S.ARCHIVED, M.UNARCHIVE): S.PUBLISHED,
    } == dict(TRANSITIONS)


@pytest.mark.parametrize(
    ("state", "move"),
    [(s, m) for s in PostState for m in PostMove if (s, m) not in TRANSITIONS],
)
def test_illegal_moves_raise_naming_the_state_and_the_move(
    state: PostState, move: PostMove
) -> None:
    """ "Illegal moves raise, naming the state and the move"."""
    with pytest.raises(IllegalTransition) as info:
        next_state(state, move)
    assert (state.value, move.value) == (info.value.state, info.value.event)
    assert state.value in str(info.value)
    assert move.value in str(info.value)


def test_a_post_moves_through_its_whole_life() -> None:
    at = T0 + dt.timedelta(hours=1)
    scheduled = draft().schedule(at)
    assert (S.SCHEDULED, at) == (scheduled.state, scheduled.scheduled_for)
    assert S.DRAFT == scheduled.unschedule().state
    assert scheduled.unschedule().scheduled_for is None
    live = scheduled.publish(at)
    assert (S.PUBLISHED, None, at) == (
        live.state,
        live.scheduled_for,
        live.published_at,
    )
    archived = live.archive()
    assert (S.ARCHIVED, at) == (archived.state, archived.published_at)
    assert live == archived.unarchive()


def test_moves_leave_the_old_value_untouched() -> None:
    post = draft()
    post.schedule(T0 + dt.timedelta(hours=1))
    assert S.DRAFT == post.state


def test_an_illegal_move_on_a_post_raises() -> None:
    with pytest.raises(IllegalTransition, match="post cannot archive from state draft"):
        draft().archive()


def test_the_date_the_library_shows_follows_the_state() -> None:
    at = T0 + dt.timedelta(hours=1)
    assert T0 == draft().date
    assert at == draft().schedule(at).date
    assert at == draft().publish(at).date


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"state": S.SCHEDULED}, "scheduled_for"),
        ({"state": S.PUBLISHED}, "published_at"),
        ({"state": S.ARCHIVED}, "published_at"),
        ({"scheduled_for": T0}, "scheduled_for"),
        ({"published_at": T0}, "published_at"),
        (
            {"state": S.SCHEDULED, "scheduled_for": T0 - dt.timedelta(1)},
            "scheduled_for",
        ),
        (
            {"state": S.SCHEDULED, "scheduled_for": dt.datetime(2019, 9, 1)},
            "scheduled_for",
        ),
        ({"kind": "photo"}, "kind"),
        ({"created_at": dt.datetime(2019, 8, 1)}, "created_at"),
    ],
)
def test_inconsistent_posts_are_refused_naming_the_field(
    kwargs: dict[str, object], field: str
) -> None:
    values: dict[str, object] = {"kind": PostKind.PHOTO, "created_at": T0, **kwargs}
    with pytest.raises(InvalidValue) as info:
        Post("p", "brand", **values)  # type: ignore[arg-type]
    assert field == info.value.field
