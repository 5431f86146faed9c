"""Scheduling policies: which accounts may schedule which posts, and when.

A :class:`SchedulingPolicy` answers one question: would scheduling this post
for this time be refused, and by which rule? :class:`SchedulingRules` is the
default implementation, its settings are fields, and two dated presets hold
the platform's rules:

- :data:`CREATOR_STUDIO_2019`: Instagram scheduling as Facebook opened it in
  Creator Studio in 2019. "The new scheduling feature is only available for
  Instagram business accounts that are linked to a Facebook brand page", and
  "Instagram Stories cannot be scheduled yet". Facebook's publishing tools
  took a time "from 10 minutes to 6 months ahead"; both ends are allowed.
- :data:`CONTENT_PUBLISHING_2023`: Meta for Developers, 2023-05-16: "Stories
  are now an eligible media type on the Instagram Graph API, giving
  third-party developers the ability to empower businesses to publish Stories
  to Instagram for the first time", with business accounts publishing "up to
  25 ... posts ... per day". Stories may be scheduled; the rest is as in
  2019.

Every rule names itself when it refuses (:class:`SchedulingRule`), and
:func:`schedule_post` raises a :class:`~carekit.errors.PolicyError` whose
``rule`` starts with that name. Time is always a parameter (``now=``).

"6 calendar months ahead" is calendar arithmetic on the account's own zone
(:attr:`~carekit.posts.InstagramAccount.timezone`): ``now`` is read as a
wall-clock time there and moved 6 months on (pendulum's ``add(months=6)``), so
2019-08-31 12:00 reaches 2020-02-29 12:00, the last day of that month, and a
DST change in between keeps the wall-clock time.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from typing import Any, Final, Protocol

import attrs
import pendulum
from attrs import field, frozen

from carekit._validate import enum_member, instance_of, non_empty_str
from carekit.errors import InvalidValue, PolicyError
from carekit.intervals import to_utc
from carekit.posts._checks import items_of, require_count
from carekit.posts.accounts import AccountKind, InstagramAccount
from carekit.posts.post import Post, PostKind, PostState

__all__ = [
    "CONTENT_PUBLISHING_2023",
    "CREATOR_STUDIO_2019",
    "DEFAULT_PUBLISHING_CAP",
    "PUBLISHING_SPAN",
    "Refusal",
    "SchedulingPolicy",
    "SchedulingRule",
    "SchedulingRules",
    "busiest_day",
    "schedule_post",
]

DEFAULT_PUBLISHING_CAP: Final = 50
"""Publications allowed per account in any rolling 24 hours, by default: the
Instagram Graph API's content publishing limit, which its
``content_publishing_limit`` endpoint reports as ``quota_total: 50`` over
``quota_duration: 86400`` seconds (Meta for Developers, reference updated
2024-07-23)."""

PUBLISHING_SPAN: Final = dt.timedelta(hours=24)
"""The length of the rolling publishing window."""


class SchedulingRule(enum.Enum):
    """A scheduling rule, named in every refusal."""

    #: The account kind may not schedule (e.g. personal or creator accounts).
    ACCOUNT_KIND = "account_kind"
    #: The account must be linked to a Facebook page.
    LINKED_PAGE = "linked_page"
    #: The post kind may not be scheduled (e.g. stories in 2019).
    POST_KIND = "post_kind"
    #: The time is closer than the minimum lead time.
    TOO_SOON = "too_soon"
    #: The time is further ahead than the calendar months allowed.
    TOO_FAR = "too_far"
    #: The account would publish more than the cap in a rolling 24 hours.
    PUBLISHING_CAP = "publishing_cap"


@frozen
class Refusal:
    """Why a policy refuses to schedule a post.

    Attributes:
        rule: The rule that refused.
        field: The argument the rule is about (``account``, ``post``, ``at``,
            ``library``).
        reason: The rule in words.
    """

    rule: SchedulingRule = attrs.field(validator=enum_member(SchedulingRule))
    field: str = attrs.field(validator=non_empty_str)
    reason: str = attrs.field(kw_only=True, validator=non_empty_str)

    def __str__(self) -> str:
        return f"{self.rule.value}: {self.reason}"


class SchedulingPolicy(Protocol):
    """Decides whether scheduling a post for a time is refused, and why.

    Any class with this method works in its place; carekit's own rules (the
    post belongs to the account, the time is in the future) are checked by
    :func:`schedule_post` whatever the policy says.
    """

    def refusal(
        self,
        post: Post,
        account: InstagramAccount,
        *,
        at: dt.datetime,
        now: dt.datetime,
        planned: Sequence[dt.datetime],
    ) -> Refusal | None:
        """The first rule that refuses, or ``None`` when scheduling is allowed.

        Args:
            post: The post to schedule.
            account: The account that owns it.
            at: When the post would publish (aware).
            now: The current time (aware).
            planned: When the account's other posts published or will publish
                (aware, any order).
        """
        ...


def _members(values: object, kind: type[enum.Enum], name: str) -> tuple[Any, ...]:
    """A non-empty collection of *kind* members as a sorted, duplicate-free
    tuple."""
    items = set(items_of(values, kind, name))
    if not items:
        raise InvalidValue(name, values, f"at least one {kind.__name__} is allowed")
    return tuple(sorted(items, key=lambda member: member.value))


def _account_kinds(values: object) -> tuple[AccountKind, ...]:
    return _members(values, AccountKind, "account_kinds")


def _post_kinds(values: object) -> tuple[PostKind, ...]:
    return _members(values, PostKind, "post_kinds")


def _non_negative_delta(
    _inst: object, attribute: attrs.Attribute[Any], value: Any
) -> None:
    if not isinstance(value, dt.timedelta) or value < dt.timedelta(0):
        raise InvalidValue(attribute.name, value, "must be a non-negative timedelta")


def _positive_count(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if require_count(value, attribute.name) == 0:
        raise InvalidValue(attribute.name, value, "must be at least 1")


def _schedulable(kind: PostKind) -> bool:
    return kind is not PostKind.STORY


@frozen
class SchedulingRules:
    """The default :class:`SchedulingPolicy`: its settings are its fields.

    Attributes:
        account_kinds: The account kinds that may schedule.
        requires_linked_page: Whether the account must be linked to a
            Facebook page.
        post_kinds: The post kinds that may be scheduled.
        min_lead: The shortest time ahead allowed (inclusive).
        max_months: The most calendar months ahead allowed (inclusive),
            counted on the account's zone.
        publishing_cap: The most publications per account in any rolling
            24 hours, the new one included.

    Raises:
        InvalidValue: A setting breaks its rule (an empty kind list, a
            negative lead, a zero cap...).
    """

    account_kinds: tuple[AccountKind, ...] = field(
        default=(AccountKind.BUSINESS,),
        kw_only=True,
        converter=_account_kinds,
    )
    requires_linked_page: bool = field(
        default=True, kw_only=True, validator=instance_of(bool)
    )
    post_kinds: tuple[PostKind, ...] = field(
        default=tuple(k for k in PostKind if _schedulable(k)),
        kw_only=True,
        converter=_post_kinds,
    )
    min_lead: dt.timedelta = field(
        default=dt.timedelta(minutes=10), kw_only=True, validator=_non_negative_delta
    )
    max_months: int = field(default=6, kw_only=True, validator=_positive_count)
    publishing_cap: int = field(
        default=DEFAULT_PUBLISHING_CAP, kw_only=True, validator=_positive_count
    )

    def refusal(
        self,
        post: Post,
        account: InstagramAccount,
        *,
        at: dt.datetime,
        now: dt.datetime,
        planned: Sequence[dt.datetime],
    ) -> Refusal | None:
        """The first of this policy's rules that refuses, or ``None``.

        Rules, in order: account kind, linked page, post kind, minimum lead,
        maximum calendar months, rolling-24-hour publishing cap.
        """
        return (
            self._account_refusal(account)
            or self._kind_refusal(post)
            or self._time_refusal(account, at=at, now=now)
            or self._cap_refusal(at, planned)
        )

    def _account_refusal(self, account: InstagramAccount) -> Refusal | None:
        if account.kind not in self.account_kinds:
            allowed = ", ".join(k.value for k in self.account_kinds)
            return Refusal(
                SchedulingRule.ACCOUNT_KIND,
                "account",
                reason=f"a {account.kind.value} account cannot schedule; "
                f"only {allowed} accounts can",
            )
        if self.requires_linked_page and not account.has_linked_page:
            return Refusal(
                SchedulingRule.LINKED_PAGE,
                "account",
                reason="only accounts linked to a Facebook page can schedule",
            )
        return None

    def _kind_refusal(self, post: Post) -> Refusal | None:
        if post.kind in self.post_kinds:
            return None
        allowed = ", ".join(k.value for k in self.post_kinds)
        return Refusal(
            SchedulingRule.POST_KIND,
            "post",
            reason=f"a {post.kind.value} cannot be scheduled; only {allowed} can",
        )

    def _time_refusal(
        self, account: InstagramAccount, *, at: dt.datetime, now: dt.datetime
    ) -> Refusal | None:
        when, start = to_utc(at, "at"), to_utc(now, "now")
        if when - start < self.min_lead:
            return Refusal(
                SchedulingRule.TOO_SOON,
                "at",
                reason=f"a post is scheduled at least {self.min_lead} ahead",
            )
        local = pendulum.instance(start).in_timezone(account.timezone)
        limit = local.add(months=self.max_months)
        if when > to_utc(limit):
            return Refusal(
                SchedulingRule.TOO_FAR,
                "at",
                reason=f"a post is scheduled at most {self.max_months} calendar "
                f"months ahead (until {limit.isoformat()} in {account.timezone})",
            )
        return None

    def _cap_refusal(
        self, at: dt.datetime, planned: Sequence[dt.datetime]
    ) -> Refusal | None:
        if busiest_day(planned, around=at) < self.publishing_cap:
            return None
        return Refusal(
            SchedulingRule.PUBLISHING_CAP,
            "library",
            reason=f"an account publishes at most {self.publishing_cap} posts "
            "in any rolling 24 hours",
        )


def busiest_day(planned: Iterable[dt.datetime], *, around: dt.datetime) -> int:
    """The most of *planned* in one rolling 24 hours that could also hold
    *around*: over every window ``[s, s + 24 h)`` that contains *around*, the
    largest number of *planned* instants inside it (*around* not counted).

    >>> t = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    >>> busiest_day([t - dt.timedelta(hours=23), t + dt.timedelta(hours=23)], around=t)
    1
    >>> busiest_day([t - dt.timedelta(hours=1), t + dt.timedelta(hours=1)], around=t)
    2

    Raises:
        InvalidValue: An instant is naive (field ``planned``) or *around* is.
    """
    centre = to_utc(around, "around")
    instants = [to_utc(v, "planned") for v in items_of(planned, object, "planned")]
    times = sorted(
        t for t in instants if centre - PUBLISHING_SPAN < t < centre + PUBLISHING_SPAN
    )
    # Each best window starts at *around* or at a planned instant before it.
    starts = [t for t in times if t <= centre]
    return max(
        bisect.bisect_left(times, start + PUBLISHING_SPAN)
        - bisect.bisect_left(times, start)
        for start in [*starts, centre]
    )


CREATOR_STUDIO_2019: Final = SchedulingRules()
"""Instagram scheduling in Creator Studio, 2019: business accounts linked to
a Facebook page; no stories ("Instagram Stories cannot be scheduled yet");
from 10 minutes to 6 calendar months ahead, both inclusive; at most 50
publications per account in any rolling 24 hours (the Graph API's limit:
Creator Studio published none)."""

CONTENT_PUBLISHING_2023: Final = SchedulingRules(
    post_kinds=tuple(PostKind), publishing_cap=25
)
"""Instagram content publishing from 2023-05-16, when "Stories are now an
eligible media type on the Instagram Graph API" (Meta for Developers): as
:data:`CREATOR_STUDIO_2019`, but stories may be scheduled, and the cap is the
25 posts per day that announcement stated."""


_PUBLISH_TIMES = {PostState.SCHEDULED, PostState.PUBLISHED, PostState.ARCHIVED}


def schedule_post(
    post: Post,
    account: InstagramAccount,
    *,
    at: dt.datetime,
    now: dt.datetime,
    policy: SchedulingPolicy = CREATOR_STUDIO_2019,
    library: Iterable[Post] = (),
) -> Post:
    """Schedule *post* to publish *at*, if *policy* allows it.

    Whatever the policy, carekit refuses a post of another account and a
    time that is not after *now*.

    Args:
        post: A draft of *account*.
        account: The account that owns the post.
        at: When the post should publish (timezone-aware).
        now: The current time (timezone-aware).
        policy: The scheduling rules (default :data:`CREATOR_STUDIO_2019`).
        library: The account's other posts; the published and scheduled ones
            count towards the rolling-24-hour cap (posts of other accounts and
            *post* itself are not counted).

    Returns:
        The post, scheduled.

    Raises:
        PolicyError: The policy refuses; ``field`` is what the rule is about,
            ``value`` what it refused there (the account kind, the post kind,
            the time, or how many publications *library* holds), and ``rule``
            starts with the rule's name (``"too_soon: ..."``).
        IllegalTransition: The post is not a draft.
        InvalidValue: A time is naive, an argument is not of its type, or
            the post is not *account*'s.
    """
    if not isinstance(post, Post):
        raise InvalidValue("post", post, "must be a Post")
    if not isinstance(account, InstagramAccount):
        raise InvalidValue("account", account, "must be an InstagramAccount")
    if post.account_id != account.id:
        raise InvalidValue("post", post.id, f"the post is not account {account.id}'s")
    if to_utc(at, "at") <= to_utc(now, "now"):
        raise PolicyError("at", at, "a post is scheduled for a time after now")
    planned = tuple(
        other.date
        for other in items_of(library, Post, "library")
        if other.account_id == account.id
        and other.id != post.id
        and other.state in _PUBLISH_TIMES
    )
    refusal = policy.refusal(post, account, at=at, now=now, planned=planned)
    if refusal is not None:
        refused = {
            "account": account.kind.value,
            "post": post.kind.value,
            "library": len(planned),
        }
        raise PolicyError(refusal.field, refused.get(refusal.field, at), str(refusal))
    return post.schedule(at)
