"""Posts, their kinds, and the one transition table of post state.

Lifecycle (the whole of it is :data:`TRANSITIONS`)::

    draft --schedule--> scheduled --publish--> published --archive--> archived
      ^                   |                       ^                      |
      +----unschedule-----+                       +------unarchive-------+
    draft --publish--> published   (publish now, without scheduling)

Creator Studio's content library (2019): posts "can be drafted, scheduled,
viewed, archived". Unscheduling returns a post to draft; unarchiving returns
it to published. Any other move raises
:class:`~carekit.errors.IllegalTransition` naming the state and the move.

The moves here are the lifecycle only. Whether an account may schedule a post
for a given time is a scheduling policy's decision:
:func:`carekit.posts.scheduling.schedule_post` checks the policy, then moves.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs
from attrs import field, frozen

from carekit._instants import instant_key, optional_instant_key
from carekit._lifecycle import advance
from carekit._validate import aware_datetime, enum_member, non_empty_str
from carekit.errors import InvalidValue
from carekit.intervals import to_utc

__all__ = ["TRANSITIONS", "Post", "PostKind", "PostMove", "PostState", "next_state"]


class PostKind(enum.Enum):
    """What a post is.

    IGTV videos became reels in 2022 (Instagram folded IGTV into Reels), so
    ``PostKind.IGTV`` is the same member as ``PostKind.REEL``.
    """

    PHOTO = "photo"
    VIDEO = "video"
    CAROUSEL = "carousel"
    STORY = "story"
    REEL = "reel"
    IGTV = "reel"  # noqa: PIE796 - an alias on purpose: IGTV is now REEL


class PostState(enum.Enum):
    """Where a post is in its lifecycle."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class PostMove(enum.Enum):
    """A move in the post lifecycle."""

    SCHEDULE = "schedule"
    UNSCHEDULE = "unschedule"
    PUBLISH = "publish"
    ARCHIVE = "archive"
    UNARCHIVE = "unarchive"


_S, _M = PostState, PostMove

TRANSITIONS: Final[Mapping[tuple[PostState, PostMove], PostState]] = MappingProxyType(
    {
        (_S.DRAFT, _M.SCHEDULE): _S.SCHEDULED,
        (_S.DRAFT, _M.PUBLISH): _S.PUBLISHED,
        (_S.SCHEDULED, _M.UNSCHEDULE): _S.DRAFT,
        (_S.SCHEDULED, _M.PUBLISH): _S.PUBLISHED,
        (_S.PUBLISHED, _M.ARCHIVE): _S.ARCHIVED,
        (_S.ARCHIVED, _M.UNARCHIVE): _S.PUBLISHED,
    }
)
"""The post lifecycle: ``(state, move) -> next state``. Nothing else moves."""


def next_state(state: PostState, move: PostMove) -> PostState:
    """The state after *move* in *state*, from :data:`TRANSITIONS`.

    >>> next_state(PostState.DRAFT, PostMove.SCHEDULE).value
    'scheduled'

    Raises:
        IllegalTransition: The table has no such move; names the state and
            the move.
    """
    return advance(TRANSITIONS, "post", state, move)


def _optional_aware(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        aware_datetime(inst, attribute, value)


#: Which time each state carries: scheduled posts a ``scheduled_for``,
#: published and archived posts a ``published_at``.
_NEEDS = {
    _S.DRAFT: (False, False),
    _S.SCHEDULED: (True, False),
    _S.PUBLISHED: (False, True),
    _S.ARCHIVED: (False, True),
}


@frozen
class Post:
    """A post in an account's content library.

    Construct a post to record one as it is (for example when loading
    history); moves go through :meth:`schedule`, :meth:`unschedule`,
    :meth:`publish`, :meth:`archive` and :meth:`unarchive`, which return new
    values.

    Attributes:
        id: The caller's id for the post.
        account_id: The id of the :class:`~carekit.posts.InstagramAccount`
            that owns it.
        kind: Photo, video, carousel, story or reel (IGTV).
        created_at: When the post was created (drafted), timezone-aware.
        state: Where the post is in its lifecycle (default draft).
        scheduled_for: When a scheduled post will publish; set exactly when
            the state is scheduled.
        published_at: When the post was published; set exactly when the state
            is published or archived.

    Raises:
        InvalidValue: A field breaks its rule, a time is missing for the
            state or present without it, or a time precedes ``created_at``.
    """

    id: str = field(validator=non_empty_str)
    account_id: str = field(validator=non_empty_str)
    kind: PostKind = field(kw_only=True, validator=enum_member(PostKind))
    created_at: dt.datetime = field(
        kw_only=True, validator=aware_datetime, eq=instant_key
    )
    state: PostState = field(
        default=PostState.DRAFT, kw_only=True, validator=enum_member(PostState)
    )
    scheduled_for: dt.datetime | None = field(
        default=None, kw_only=True, validator=_optional_aware, eq=optional_instant_key
    )
    published_at: dt.datetime | None = field(
        default=None, kw_only=True, validator=_optional_aware, eq=optional_instant_key
    )

    def __attrs_post_init__(self) -> None:
        needs_schedule, needs_published = _NEEDS[self.state]
        for name, needed in (
            ("scheduled_for", needs_schedule),
            ("published_at", needs_published),
        ):
            value = getattr(self, name)
            if needed and value is None:
                raise InvalidValue(name, value, f"a {self.state.value} post has one")
            if not needed and value is not None:
                raise InvalidValue(name, value, f"a {self.state.value} post has none")
            if value is not None and to_utc(value) < to_utc(self.created_at):
                raise InvalidValue(name, value, "cannot precede created_at")

    @property
    def date(self) -> dt.datetime:
        """The date the content library shows and sorts by: when the post
        published (published, archived), will publish (scheduled), or was
        created (draft)."""
        return self.published_at or self.scheduled_for or self.created_at

    # -- moves --------------------------------------------------------------

    def schedule(self, at: dt.datetime) -> Post:
        """The post, scheduled to publish *at*; lifecycle only, no policy.

        Use :func:`carekit.posts.scheduling.schedule_post` to check the
        account's scheduling policy first.

        Raises:
            IllegalTransition: The post is not a draft.
            InvalidValue: *at* is naive or precedes ``created_at``.
        """
        state = next_state(self.state, _M.SCHEDULE)
        return attrs.evolve(self, state=state, scheduled_for=at)

    def unschedule(self) -> Post:
        """The post, back to draft.

        Raises:
            IllegalTransition: The post is not scheduled.
        """
        state = next_state(self.state, _M.UNSCHEDULE)
        return attrs.evolve(self, state=state, scheduled_for=None)

    def publish(self, at: dt.datetime) -> Post:
        """The post, published *at* (a scheduled post or a draft published now).

        Raises:
            IllegalTransition: The post is published or archived already.
            InvalidValue: *at* is naive or precedes ``created_at``.
        """
        state = next_state(self.state, _M.PUBLISH)
        return attrs.evolve(self, state=state, scheduled_for=None, published_at=at)

    def archive(self) -> Post:
        """The post, archived (hidden from the profile, kept in the library).

        Raises:
            IllegalTransition: The post is not published.
        """
        return attrs.evolve(self, state=next_state(self.state, _M.ARCHIVE))

    def unarchive(self) -> Post:
        """The post, published again.

        Raises:
            IllegalTransition: The post is not archived.
        """
        return attrs.evolve(self, state=next_state(self.state, _M.UNARCHIVE))
