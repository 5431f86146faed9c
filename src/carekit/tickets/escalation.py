"""Escalation of a ticket to another department, and follow-up reminders.

The care checklist for brands on Twitter (2019) asks: "Are cases or tickets
being created for follow-up and/or escalation? Often, customer complaints go
beyond social media interaction. Other integrated departments of a business
should be notified of relevant issues in order to correct problems that may
be present throughout the customer journey."

An :class:`EscalationPolicy` names the departments a page escalates to and
how long a department may stay silent before it is reminded. The reminders
are deadlines: :meth:`Escalation.next_deadline` tells when to ask again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Final, Protocol

import attrs
from attrs import field, frozen

from carekit._instants import instant_key, plain_delta, utc_instant
from carekit._validate import aware_datetime, non_empty_str, string_set
from carekit.errors import InvalidValue, PolicyError

__all__ = [
    "DEFAULT_DEPARTMENTS",
    "Departments",
    "Escalation",
    "EscalationPolicy",
]


class EscalationPolicy(Protocol):
    """The departments a page escalates to, and when each is reminded."""

    def follow_up_after(self, department: str) -> dt.timedelta | None:
        """How long *department* may stay silent before a reminder
        (``None``: never reminded).

        Raises:
            PolicyError: *department* is not one the page escalates to.
        """
        ...


def _names(items: Iterable[str]) -> tuple[str, ...]:
    return string_set(items, "names")


def _optional_positive(
    _inst: object, attribute: attrs.Attribute[Any], value: Any
) -> None:
    if value is not None and plain_delta(value, attribute.name) <= dt.timedelta(0):
        raise InvalidValue(attribute.name, value, "must be positive, or None")


@frozen
class Departments:
    """A fixed set of departments, each reminded after the same silence.

    Attributes:
        names: The departments (stored sorted, without duplicates).
        follow_up: How long a department may stay silent before a reminder;
            ``None`` sends no reminders.
    """

    names: tuple[str, ...] = field(converter=_names)
    follow_up: dt.timedelta | None = field(
        default=dt.timedelta(hours=24), kw_only=True, validator=_optional_positive
    )

    def __attrs_post_init__(self) -> None:
        if not self.names:
            raise InvalidValue("names", self.names, "name at least one department")

    def follow_up_after(self, department: str) -> dt.timedelta | None:
        """:attr:`follow_up`, for a department in :attr:`names`.

        Raises:
            PolicyError: *department* is not in :attr:`names`.
        """
        if department not in self.names:
            raise PolicyError(
                "department",
                department,
                f"escalate to one of the page's departments: {', '.join(self.names)}",
            )
        return self.follow_up


DEFAULT_DEPARTMENTS: Final = Departments(("billing", "legal", "logistics", "product"))
"""Billing, legal, logistics and product, each reminded after 24 hours of
silence."""


@frozen
class Escalation:
    """A ticket's current escalation to one department.

    Attributes:
        department: Who was notified.
        note: The case summary written for them.
        by: The agent who escalated.
        at: When (timezone-aware).
        follow_up: Silence before each reminder (``None``: no reminders).
        notified_at: When the department was last notified: the escalation
            itself or the latest reminder.
    """

    department: str = field(validator=non_empty_str)
    note: str = field(validator=non_empty_str)
    by: str = field(kw_only=True, validator=non_empty_str)
    at: dt.datetime = field(kw_only=True, validator=aware_datetime, eq=instant_key)
    follow_up: dt.timedelta | None = field(
        default=None, kw_only=True, validator=_optional_positive
    )
    notified_at: dt.datetime = field(
        kw_only=True, validator=aware_datetime, eq=instant_key
    )

    def __attrs_post_init__(self) -> None:
        if utc_instant(self.notified_at, "notified_at") < utc_instant(self.at, "at"):
            raise InvalidValue(
                "notified_at", self.notified_at, "not before the escalation"
            )

    @property
    def reminder_due_at(self) -> dt.datetime | None:
        """When the next reminder falls due, or ``None`` without reminders."""
        if self.follow_up is None:
            return None
        return utc_instant(self.notified_at, "notified_at") + self.follow_up

    def next_deadline(self, now: dt.datetime) -> dt.datetime | None:
        """The first instant after *now* at which asking again can change the
        answer (a reminder falls due), or ``None``.

        A reminder already due at *now* is not a deadline after it:
        :meth:`reminder_due` says so until the reminder is sent.
        """
        due = self.reminder_due_at
        return due if due is not None and due > utc_instant(now, "now") else None

    def reminder_due(self, now: dt.datetime) -> bool:
        """True when a reminder is due at *now* and not yet sent."""
        due = self.reminder_due_at
        return due is not None and due <= utc_instant(now, "now")
