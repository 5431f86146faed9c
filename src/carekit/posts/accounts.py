"""Instagram accounts: personal, creator or business, and the linked page.

Instagram has three kinds of account. Creator and business accounts are
*professional* accounts, which Instagram lets you connect to a Facebook page;
a personal account has no page. Whether an account may *schedule* is a
scheduling policy's decision (see :mod:`carekit.posts.scheduling`): Creator
Studio's rule when Facebook opened Instagram scheduling there in 2019: "only
available for Instagram business accounts that are linked to a Facebook brand
page".
"""

from __future__ import annotations

import enum
from typing import Any

from attrs import field, frozen

from carekit._validate import enum_member, non_empty_str, optional_non_empty_str
from carekit.errors import InvalidValue
from carekit.posts._checks import zone_name

__all__ = ["AccountKind", "InstagramAccount"]


class AccountKind(enum.Enum):
    """The kind of an Instagram account."""

    PERSONAL = "personal"
    CREATOR = "creator"
    BUSINESS = "business"

    @property
    def is_professional(self) -> bool:
        """True for creator and business accounts."""
        return self is not AccountKind.PERSONAL


def _check_page(inst: InstagramAccount, _attribute: Any, value: Any) -> None:
    optional_non_empty_str(inst, _attribute, value)
    if value is not None and not inst.kind.is_professional:
        raise InvalidValue(
            "linked_page_id",
            value,
            "only a professional (creator or business) account can be linked "
            "to a Facebook page",
        )


@frozen
class InstagramAccount:
    """An Instagram account, by the caller's id.

    Attributes:
        id: The caller's id for the account.
        kind: Personal, creator or business.
        linked_page_id: The Facebook page the account is linked to, if any
            (professional accounts only).
        timezone: The IANA zone the account schedules in; "6 months ahead" is
            counted on this zone's calendar. Default ``"UTC"``.

    Raises:
        InvalidValue: A blank id, an unknown kind or zone, or a personal
            account with a linked page.
    """

    id: str = field(validator=non_empty_str)
    kind: AccountKind = field(validator=enum_member(AccountKind))
    linked_page_id: str | None = field(
        default=None, kw_only=True, validator=_check_page
    )
    timezone: str = field(default="UTC", kw_only=True, converter=zone_name)

    @property
    def has_linked_page(self) -> bool:
        """True when the account is linked to a Facebook page."""
        return self.linked_page_id is not None
