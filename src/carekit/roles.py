"""Team roles on a page (SPEC §5: monitor, responder, approver, admin)."""

from __future__ import annotations

import enum

__all__ = ["TeamRole"]


class TeamRole(enum.Enum):
    """What a team member may do on the page.

    ``MONITOR`` watches the inbox, ``RESPONDER`` drafts and sends replies,
    ``APPROVER`` approves responders' drafts, ``ADMIN`` administers the page
    (and is the only role that reads customer notes and tags).
    """

    MONITOR = "monitor"
    RESPONDER = "responder"
    APPROVER = "approver"
    ADMIN = "admin"
