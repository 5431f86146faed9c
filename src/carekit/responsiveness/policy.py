"""What counts as a thread and as a response: roles and the response policy.

Rules (SPEC §3, seed ``001_…``):

- A **thread** starts at a customer message that opens a conversation or
  follows at least 24 h with no message either way.
- A **qualifying response** is the first later outbound message that is
  public to the customer and sent by an agent (policy option: bots/API count
  too). Instant replies, away messages, private notes and templates never do.
- **Away exclusion**: "When the away feature is enabled, Facebook doesn't
  factor the messages the page receives into the page's response rate" (seed).
  A later rule times such threads from the end of the away period instead.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs
from attrs import field, frozen

from carekit._validate import enum_member, instance_of
from carekit.errors import InvalidValue

__all__ = ["AwayRule", "ResponsePolicy", "Role"]

_DAY = dt.timedelta(hours=24)


class Role(enum.IntEnum):
    """What a message is, as far as responsiveness is concerned.

    Plain rows carry the integer value, so analytics code can use ``0``..``4``
    directly.
    """

    #: An inbound message from the customer; it may start a thread.
    CUSTOMER = 0
    #: An outbound reply by a human agent, visible to the customer.
    AGENT = 1
    #: An outbound reply by a bot or through the API, visible to the customer;
    #: qualifies only when ``ResponsePolicy.count_bots`` is set.
    BOT = 2
    #: An automated message the customer sees (instant reply, away message,
    #: template, survey): it breaks the silence but never qualifies.
    AUTOMATED = 3
    #: A private note the customer never sees: ignored entirely, it is not a
    #: message "either way".
    INTERNAL = 4


class AwayRule(enum.Enum):
    """How a thread that starts while the page is away is treated."""

    #: Leave it out of the response rate and response time (seed rule, 2015).
    EXCLUDE = "exclude"
    #: Time it from the end of the away period that contains its start
    #: (later Facebook rule).
    DEFER = "defer"


def _positive(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, dt.timedelta) or value <= dt.timedelta(0):
        raise InvalidValue(attribute.name, value, "must be a positive timedelta")


@frozen
class ResponsePolicy:
    """Which threads are timed and which replies qualify (SPEC §3 defaults).

    Attributes:
        window: A reply counts only if it comes at most this long after the
            thread's (effective) start; default 24 h.
        silence: A customer message starts a new thread after at least this
            long with no message either way; default 24 h.
        count_bots: Whether replies by bots or the API qualify; default no.
        away: What to do with threads that start while the page is away;
            default :attr:`AwayRule.EXCLUDE` (seed rule).

    Raises:
        InvalidValue: ``window`` or ``silence`` is not a positive timedelta,
            ``count_bots`` is not a bool or ``away`` not an :class:`AwayRule`.
    """

    window: dt.timedelta = field(default=_DAY, validator=_positive)
    silence: dt.timedelta = field(default=_DAY, validator=_positive)
    count_bots: bool = field(default=False, kw_only=True, validator=instance_of(bool))
    away: AwayRule = field(
        default=AwayRule.EXCLUDE, kw_only=True, validator=enum_member(AwayRule)
    )
