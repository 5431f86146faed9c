"""What the bot engine is fed: the adapters' webhook inputs plus three of its
own (the page's away status, a ticket's update, the passing of time).

The union is closed (:data:`BotInput`), for a ``match`` statement. Every
:data:`carekit.adapters.WebhookInput` is a bot input as it is, so a bot
passes whatever :func:`carekit.adapters.parse_webhook` returned.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeAlias

from attrs import field, frozen

from carekit._instants import instant_key
from carekit._validate import aware_datetime, non_empty_str
from carekit.adapters import WebhookInput
from carekit.automation import _checks as c
from carekit.tickets import Ticket

__all__ = [
    "AwayStatusChanged",
    "BotInput",
    "TicketUpdated",
    "TimePassed",
]


@frozen
class AwayStatusChanged:
    """The page turned away (or back available), by hand or by its
    business-hours calendar.

    Attributes:
        page_id: The page.
        away: True from *at* on the page is away; False: available.
        at: When the status changed.
    """

    page_id: str = field(validator=non_empty_str)
    away: bool = field(validator=c.strict_bool)
    at: dt.datetime = field(kw_only=True, eq=instant_key, validator=aware_datetime)


@frozen
class TicketUpdated:
    """A ticket the engine created changed in the caller's ticket system.

    Attributes:
        ticket: The ticket as it is now.
        at: When it changed.
    """

    ticket: Ticket = field(validator=c.is_a(Ticket))
    at: dt.datetime = field(kw_only=True, eq=instant_key, validator=aware_datetime)


@frozen
class TimePassed:
    """Time reached *at*: send it at the instant
    :meth:`~carekit.bots.PageState.next_deadline` returned.

    Attributes:
        at: The instant reached.
    """

    at: dt.datetime = field(eq=instant_key, validator=aware_datetime)


BotInput: TypeAlias = WebhookInput | AwayStatusChanged | TicketUpdated | TimePassed
"""Every input :meth:`~carekit.bots.BotEngine.handle` takes."""
