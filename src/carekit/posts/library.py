"""The content library: pure queries over a collection of posts.

Creator Studio's content library (2019) shows "videos, photos, carousel
posts, stories, and IGTV videos", which "can be drafted, scheduled, viewed,
archived, and sorted by date or within a specific timeframe". Here that is:

- :func:`select_posts`: filter by kind, state and timeframe;
- :func:`sort_by_date`: sort by date, ascending or descending, stable for
  equal dates (posts with the same date keep the order they came in);
- :func:`due_posts` and :func:`next_due`: which scheduled posts should publish
  by ``now``, and when to ask next;
- :func:`count_published`: the "number of posts made" of page insights, the
  posts an account published in the 7 days before a date.

A post's date is :attr:`~carekit.posts.Post.date`: when it published (or
will), or when it was drafted. Dates compare by instant, whatever their zones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from zoneinfo import ZoneInfo

from carekit.errors import InvalidValue
from carekit.intervals import Interval, to_utc
from carekit.posts._checks import items_of
from carekit.posts.accounts import InstagramAccount
from carekit.posts.insights import PAGE_DAYS
from carekit.posts.post import Post, PostKind, PostState

__all__ = ["count_published", "due_posts", "next_due", "select_posts", "sort_by_date"]


def _posts(posts: Iterable[Post]) -> tuple[Post, ...]:
    items: tuple[Post, ...] = items_of(posts, Post, "posts")
    return items


def select_posts(
    posts: Iterable[Post],
    *,
    kinds: Collection[PostKind] | None = None,
    states: Collection[PostState] | None = None,
    within: Interval | None = None,
) -> tuple[Post, ...]:
    """The posts that match every filter given, in their original order.

    Args:
        posts: Any posts.
        kinds: Keep only these kinds (``None``: any kind).
        states: Keep only these states (``None``: any state).
        within: Keep only posts whose date falls in this half-open timeframe
            ``[start, end)`` (``None``: any date).

    Raises:
        InvalidValue: A filter is not a collection of the right members, or
            an item of *posts* is not a post.
    """
    if kinds is not None:
        items_of(kinds, PostKind, "kinds")
    if states is not None:
        items_of(states, PostState, "states")
    if within is not None and not isinstance(within, Interval):
        raise InvalidValue("within", within, "must be an Interval")
    return tuple(
        post
        for post in _posts(posts)
        if (kinds is None or post.kind in kinds)
        and (states is None or post.state in states)
        and (within is None or post.date in within)
    )


def sort_by_date(
    posts: Iterable[Post], *, descending: bool = False
) -> tuple[Post, ...]:
    """The posts sorted by date (oldest first, or newest first).

    The sort is stable in both directions: posts with equal dates keep the
    order in which they were given.

    Raises:
        InvalidValue: An item of *posts* is not a post.
    """
    # sorted(reverse=True) keeps equal items in their original order.
    return tuple(
        sorted(_posts(posts), key=lambda post: to_utc(post.date), reverse=descending)
    )


def due_posts(posts: Iterable[Post], *, now: dt.datetime) -> tuple[Post, ...]:
    """The scheduled posts whose time has come (``scheduled_for <= now``),
    soonest first: the ones to publish now.

    Raises:
        InvalidValue: *now* is naive, or an item is not a post.
    """
    moment = to_utc(now, "now")
    scheduled = select_posts(posts, states=(PostState.SCHEDULED,))
    return sort_by_date(p for p in scheduled if to_utc(p.date) <= moment)


def next_due(posts: Iterable[Post]) -> dt.datetime | None:
    """When the next scheduled post should publish: the time to be asked
    again, or ``None`` when nothing is scheduled."""
    scheduled = sort_by_date(select_posts(posts, states=(PostState.SCHEDULED,)))
    return scheduled[0].date if scheduled else None


def count_published(
    posts: Iterable[Post],
    account: InstagramAccount,
    *,
    as_of: dt.date,
    days: int = PAGE_DAYS,
) -> int:
    """How many of *account*'s posts published in the *days* days before
    *as_of*, on the account's calendar: the "number of posts made" that page
    insights show for "the last seven days" (Creator Studio, 2019).

    Archived posts count (they were published); drafts and scheduled posts do
    not, nor posts of other accounts.

    Raises:
        InvalidValue: *as_of* is not a date, *account* is not an account, or
            an item is not a post.
    """
    if type(as_of) is not dt.date:
        raise InvalidValue("as_of", as_of, "must be a date (not a datetime)")
    if not isinstance(account, InstagramAccount):
        raise InvalidValue("account", account, "must be an InstagramAccount")
    zone = ZoneInfo(account.timezone)
    start = as_of - dt.timedelta(days=days)
    published = select_posts(posts, states=(PostState.PUBLISHED, PostState.ARCHIVED))
    return sum(
        post.account_id == account.id
        and start <= post.date.astimezone(zone).date() < as_of
        for post in published
    )
