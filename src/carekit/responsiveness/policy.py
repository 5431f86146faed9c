"""What counts as a thread and as a response: roles and the response policy.

The rules (Facebook's page responsiveness, 2015-2016, and carekit's
reading of them):

- A **thread** starts at a customer message that opens a conversation or
  follows at least 24 h with no message either way. Automatic messages
  (instant replies, away messages, templates, surveys), private notes and
  uncounted bot messages do not break the silence: a page must not be able
  to reshape its threads by automation.
- A **qualifying response** is the first later customer-visible message
  written by an agent (policy option: bots and API integrations count too),
  whatever the channel's visibility. Instant replies, away messages,
  surveys, templates and private notes never qualify.
- **Away exclusion**: "When the away feature is enabled, Facebook doesn't
  factor the messages the page receives into the page's response rate"
  (Facebook for Business, "Page responsiveness", 2015). A later rule times
  such threads from the end of the away period instead.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Protocol

from attrs import field, frozen

from carekit._threads import AGENT, AUTOMATED, BOT, CUSTOMER, INTERNAL
from carekit._validate import enum_member, instance_of
from carekit.responsiveness._checks import positive_duration

__all__ = ["AwayRule", "ResponsePolicy", "ResponseRules", "Role"]

_DAY = dt.timedelta(hours=24)


class Role(enum.IntEnum):
    """What a message is, as far as responsiveness is concerned.

    Plain rows carry the integer value (``0`` .. ``4``); plain ints are the
    fast path, ``Role`` members are accepted too.
    """

    #: An inbound message from the customer; it may start a thread.
    CUSTOMER = CUSTOMER
    #: A reply by a human agent, visible to the customer.
    AGENT = AGENT
    #: A reply by a bot or through the API, visible to the customer; it
    #: answers (and breaks the silence) only when the policy's ``count_bots``
    #: is set, and otherwise changes nothing.
    BOT = BOT
    #: An automatic message the customer sees (instant reply, away message,
    #: template, survey): it never answers and never breaks the silence.
    AUTOMATED = AUTOMATED
    #: A private note the customer never sees: it changes nothing.
    INTERNAL = INTERNAL


class AwayRule(enum.Enum):
    """How a thread that starts while the page is away is treated."""

    #: Leave it out of the response rate and response time (Facebook, 2015).
    EXCLUDE = "exclude"
    #: Time it from the end of the away period that contains its start
    #: (the later Facebook rule).
    DEFER = "defer"


class ResponsePolicy(Protocol):
    """Which threads are timed and which replies qualify.

    A protocol of four attributes, read once per call (never per message):
    any object that has them works, a :class:`ResponseRules` or a user's
    own class. carekit checks the values it reads and names them in its
    errors (``policy.window`` ...).
    """

    @property
    def window(self) -> dt.timedelta:
        """A reply counts only this long after the thread's (effective) start."""
        ...

    @property
    def silence(self) -> dt.timedelta:
        """A customer message starts a thread after this long without a
        silence-breaking message."""
        ...

    @property
    def count_bots(self) -> bool:
        """Whether bot and API replies answer threads."""
        ...

    @property
    def away(self) -> AwayRule:
        """What to do with threads that start while the page is away."""
        ...


@frozen
class ResponseRules:
    """The default :class:`ResponsePolicy`: Facebook's rules with their
    defaults.

    Attributes:
        window: A reply counts only if it comes at most this long after the
            thread's (effective) start; default 24 h.
        silence: A customer message starts a new thread after at least this
            long with no customer or answering message; default 24 h.
        count_bots: Whether replies by bots or the API qualify; default no.
        away: What to do with threads that start while the page is away;
            default :attr:`AwayRule.EXCLUDE` (Facebook, 2015).

    Raises:
        InvalidValue: ``window`` or ``silence`` is not a positive timedelta,
            ``count_bots`` is not a bool or ``away`` not an :class:`AwayRule`.
    """

    window: dt.timedelta = field(default=_DAY, validator=positive_duration)
    silence: dt.timedelta = field(default=_DAY, validator=positive_duration)
    count_bots: bool = field(default=False, kw_only=True, validator=instance_of(bool))
    away: AwayRule = field(
        default=AwayRule.EXCLUDE, kw_only=True, validator=enum_member(AwayRule)
    )
