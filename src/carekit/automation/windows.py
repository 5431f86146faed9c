"""Messaging windows: when a page may still message a customer, and with
which tag.

Rule (Meta, Messenger Platform policy, 2020; the same for Instagram
Messaging): "Businesses have up to 24 hours to respond to a user" after the
user's last message (the *standard messaging window*); "the ``HUMAN_AGENT``
tag allows a human agent to respond to a user's message within 7 days".
Outside both windows, nothing may be sent.

>>> import datetime as dt
>>> t0 = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)
>>> from carekit.conversations import Channel
>>> later = t0 + dt.timedelta(days=2)
>>> MESSENGER_2020.decide(Channel.MESSENGER, t0, later, human=False).reason
'the 24 h standard window closed; a human agent may reply with HUMAN_AGENT'
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Protocol, runtime_checkable

from attrs import field, frozen

from carekit._instants import optional_instant_key
from carekit._validate import member_set, non_empty_str, require_aware
from carekit.automation import _checks as c
from carekit.conversations import Channel
from carekit.errors import InvalidValue

__all__ = [
    "MESSENGER_2020",
    "MessageTag",
    "MessagingWindow",
    "WindowDecision",
    "WindowPolicy",
]


class MessageTag(enum.Enum):
    """A message tag that lets a send through after the standard window."""

    HUMAN_AGENT = "HUMAN_AGENT"
    """A human agent's reply, up to 7 days after the customer's last message."""


@frozen
class WindowDecision:
    """Whether a send may go out now, and why.

    Attributes:
        open: True when the send may go out.
        tag: When open, the tag the send must carry (``None``: a standard
            message). When closed, the tag that *would* allow this very send,
            or ``None`` when none would: ``HUMAN_AGENT`` is only for a human's
            reply, so an automated send (``human=False``) never names it.
        reason: Why, in words.
        closes_at: When the window that allows the send closes (``None``:
            the channel has no window, or it is already closed).
    """

    open: bool = field(validator=c.strict_bool)
    tag: MessageTag | None = field(validator=c.optional_member(MessageTag))
    reason: str = field(kw_only=True, validator=non_empty_str)
    closes_at: dt.datetime | None = field(
        default=None, kw_only=True, eq=optional_instant_key, validator=c.optional_aware
    )


@runtime_checkable
class WindowPolicy(Protocol):
    """Decides whether a page may message a customer now."""

    def decide(
        self,
        channel: Channel,
        last_customer_at: dt.datetime | None,
        now: dt.datetime,
        *,
        human: bool,
    ) -> WindowDecision:
        """May a send go out on *channel* at *now*, the customer having
        last written at *last_customer_at* (``None``: never)? *human* says
        whether a human agent wrote it."""
        ...


def _channels(value: Any) -> tuple[Channel, ...]:
    return member_set(value, "channels", Channel)


@frozen
class MessagingWindow:
    """The default window policy: a standard window after the customer's
    last message, and a longer one for human replies tagged ``HUMAN_AGENT``.

    Attributes:
        standard: How long after the customer's last message any send may
            go out (Meta: 24 h); above 0, at most 366 days.
        human_agent: How long a human reply tagged ``HUMAN_AGENT`` may
            (Meta: 7 days); at least *standard*, at most 366 days.
        channels: The channels that have a window; elsewhere every send is
            open.
    """

    standard: dt.timedelta = field(
        default=dt.timedelta(hours=24), validator=c.positive_timedelta, kw_only=True
    )
    human_agent: dt.timedelta = field(
        default=dt.timedelta(days=7), validator=c.positive_timedelta, kw_only=True
    )
    channels: tuple[Channel, ...] = field(
        default=(Channel.MESSENGER, Channel.INSTAGRAM_DIRECT),
        converter=_channels,
        kw_only=True,
    )

    def __attrs_post_init__(self) -> None:
        if self.human_agent < self.standard:
            raise InvalidValue(
                "human_agent", self.human_agent, "must be at least the standard window"
            )

    def decide(
        self,
        channel: Channel,
        last_customer_at: dt.datetime | None,
        now: dt.datetime,
        *,
        human: bool,
    ) -> WindowDecision:
        """See :class:`WindowPolicy`; a send exactly at the end of a window
        is still inside it.

        Raises:
            InvalidValue: *channel* is not a :class:`Channel`, *human* not a
                bool, or a datetime is naive.
        """
        if not isinstance(channel, Channel):
            raise InvalidValue("channel", channel, "must be a Channel")
        if type(human) is not bool:
            raise InvalidValue("human", human, "must be a bool")
        require_aware(now, "now")
        if channel not in self.channels:
            return WindowDecision(True, None, reason=f"{channel.value} has no window")
        if last_customer_at is None:
            return WindowDecision(
                False, None, reason="the customer never wrote: no window is open"
            )
        elapsed = now - require_aware(last_customer_at, "last_customer_at")
        if elapsed <= self.standard:
            return WindowDecision(
                True,
                None,
                reason="within the 24 h standard window",
                closes_at=last_customer_at + self.standard,
            )
        if elapsed <= self.human_agent:
            if human:
                return WindowDecision(
                    True,
                    MessageTag.HUMAN_AGENT,
                    reason="a human reply within 7 days, tagged HUMAN_AGENT",
                    closes_at=last_customer_at + self.human_agent,
                )
            # HUMAN_AGENT is for human replies only: it would not let this
            # (automated) send through, so the decision names no tag.
            return WindowDecision(
                False,
                None,
                reason="the 24 h standard window closed;"
                " a human agent may reply with HUMAN_AGENT",
            )
        return WindowDecision(
            False, None, reason="more than 7 days since the customer's last message"
        )


MESSENGER_2020 = MessagingWindow()
"""Messenger and Instagram (Meta, 2020): 24 h standard window, ``HUMAN_AGENT``
for human replies up to 7 days."""
