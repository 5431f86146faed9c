"""Team roles on a page: monitor, responder, approver and admin."""

from __future__ import annotations

import enum

__all__ = ["TeamRole"]


class TeamRole(enum.Enum):
    """What a team member may do on the page.

    ``MONITOR`` watches the inbox, ``RESPONDER`` drafts and sends replies,
    ``APPROVER`` approves responders' drafts, ``ADMIN`` administers the page
    (and is the only role that reads or writes the notes and tags of a
    customer's :class:`~carekit.customers.AdminRecord`).
    """

    MONITOR = "monitor"
    RESPONDER = "responder"
    APPROVER = "approver"
    ADMIN = "admin"
