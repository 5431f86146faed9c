"""Customer profiles (SPEC §1).

A profile gathers what the page knows about one customer: public facts the
customer shares (such as their current city), the conversations they had,
notes and tags, and external CRM ids.

Rules:

- "The notes and tags are only visible to the page administrator" (seed
  ``001``): they are read through :meth:`CustomerProfile.notes_for` and
  :meth:`CustomerProfile.tags_for`, which take the viewer's role and raise
  :class:`~carekit.errors.PermissionDenied` for anyone but an admin. They are
  also left out of the profile's ``repr``.
- External CRM ids "may be matched only with recorded consent" (SPEC §1):
  linking or matching an id for a CRM system without a consent for that
  system raises :class:`~carekit.errors.PermissionDenied`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs
from attrs import field, frozen

from carekit._validate import (
    aware_datetime,
    non_empty_str,
    optional_non_empty_str,
    string_set,
)
from carekit.errors import InvalidValue, PermissionDenied
from carekit.roles import TeamRole

__all__ = ["Consent", "CrmId", "CustomerProfile", "Note", "ProfileFact"]

_ADMINS_ONLY = "notes and tags are visible to page admins only"
_CONSENT_RULE = "CRM ids may be matched only with the customer's recorded consent"


@frozen
class ProfileFact:
    """A fact the customer shares publicly on their profile.

    Attributes:
        name: What the fact is, e.g. ``"current_city"``.
        value: Its value, e.g. ``"Lisbon"``.
    """

    name: str = field(validator=non_empty_str)
    value: str = field(validator=non_empty_str)


@frozen
class Note:
    """A note a page admin wrote about the customer.

    Attributes:
        text: The note.
        author_id: Who wrote it.
        created_at: When (timezone-aware).
    """

    text: str = field(validator=non_empty_str)
    author_id: str = field(validator=non_empty_str)
    created_at: dt.datetime = field(validator=aware_datetime)


@frozen
class Consent:
    """The customer's recorded consent to match their id in one CRM system.

    Attributes:
        system: The CRM system, e.g. ``"salesforce"``.
        granted_at: When the consent was recorded (timezone-aware).
    """

    system: str = field(validator=non_empty_str)
    granted_at: dt.datetime = field(validator=aware_datetime)


@frozen
class CrmId:
    """The customer's id in an external CRM system.

    Attributes:
        system: The CRM system.
        external_id: The id there.
    """

    system: str = field(validator=non_empty_str)
    external_id: str = field(validator=non_empty_str)


def _sorted_unique(
    items: Iterable[Any], kind: type, name: str, key: Any = attrs.astuple
) -> tuple[Any, ...]:
    """A collection of *kind* as a sorted tuple without duplicates.

    The order, and which of several equal items is kept, never depends on
    the input order: *key* gives datetimes as UTC instants (Python finds an
    ambiguous local time neither equal to, less nor greater than the same
    instant in another zone) and ``repr`` breaks ties between equal items
    written in different zones.
    """
    if isinstance(items, str) or not isinstance(items, Iterable):
        raise InvalidValue(name, items, f"must be a collection of {kind.__name__}")
    values = tuple(items)
    for item in values:
        if not isinstance(item, kind):
            raise InvalidValue(name, item, f"each item must be a {kind.__name__}")
    unique: dict[Any, None] = {}
    for item in sorted(values, key=lambda item: (key(item), repr(item))):
        unique.setdefault(item)
    return tuple(unique)


def _facts(items: Iterable[ProfileFact]) -> tuple[ProfileFact, ...]:
    return _sorted_unique(items, ProfileFact, "public_facts")


def _notes(items: Iterable[Note]) -> tuple[Note, ...]:
    return _sorted_unique(items, Note, "notes", _note_order)


def _consents(items: Iterable[Consent]) -> tuple[Consent, ...]:
    return _sorted_unique(items, Consent, "consents", _consent_order)


def _crm_ids(items: Iterable[CrmId]) -> tuple[CrmId, ...]:
    return _sorted_unique(items, CrmId, "crm_ids")


def _conversation_ids(items: Iterable[str]) -> tuple[str, ...]:
    return string_set(items, "conversation_ids")


def _tags(items: Iterable[str]) -> tuple[str, ...]:
    return string_set(items, "tags")


def _note_order(note: Note) -> tuple[dt.datetime, str, str]:
    return (note.created_at.astimezone(dt.UTC), note.author_id, note.text)


def _consent_order(consent: Consent) -> tuple[str, dt.datetime]:
    return (consent.system, consent.granted_at.astimezone(dt.UTC))


def _check_facts(_inst: object, _a: attrs.Attribute[Any], facts: Any) -> None:
    names = [fact.name for fact in facts]
    if len(names) != len(set(names)):
        raise InvalidValue("public_facts", names, "fact names must be unique")


def _check_consented(inst: CustomerProfile, _a: attrs.Attribute[Any], ids: Any) -> None:
    for crm_id in ids:
        inst._require_consent(crm_id.system, "crm_ids")


@frozen
class CustomerProfile:
    """What the page knows about one customer.

    Attributes:
        id: The customer's id on the platform.
        display_name: The name shown on their profile, if any.
        public_facts: Facts they share publicly (unique names, sorted).
        conversation_ids: Their past conversations with the page.
        notes: Admin-only notes; read with :meth:`notes_for`.
        tags: Admin-only labels; read with :meth:`tags_for`.
        consents: Recorded consents to CRM matching, one per system.
        crm_ids: External CRM ids; each needs a consent for its system.
    """

    id: str = field(validator=non_empty_str)
    display_name: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )
    public_facts: tuple[ProfileFact, ...] = field(
        default=(),
        kw_only=True,
        converter=_facts,
        validator=_check_facts,
    )
    conversation_ids: tuple[str, ...] = field(
        default=(), kw_only=True, converter=_conversation_ids
    )
    _notes: tuple[Note, ...] = field(
        default=(),
        kw_only=True,
        repr=False,
        converter=_notes,
    )
    _tags: tuple[str, ...] = field(
        default=(), kw_only=True, repr=False, converter=_tags
    )
    consents: tuple[Consent, ...] = field(default=(), kw_only=True, converter=_consents)
    crm_ids: tuple[CrmId, ...] = field(
        default=(),
        kw_only=True,
        converter=_crm_ids,
        validator=_check_consented,
    )

    # -- admin-only reads ---------------------------------------------------

    def notes_for(self, role: TeamRole) -> tuple[Note, ...]:
        """The notes, for a page admin.

        Raises:
            PermissionDenied: *role* is not ``TeamRole.ADMIN``.
        """
        _require_admin(role, "notes")
        return self._notes

    def tags_for(self, role: TeamRole) -> tuple[str, ...]:
        """The tags, for a page admin.

        Raises:
            PermissionDenied: *role* is not ``TeamRole.ADMIN``.
        """
        _require_admin(role, "tags")
        return self._tags

    def with_note(self, note: Note, *, by: TeamRole) -> CustomerProfile:
        """A copy with *note* added; only an admin may write notes."""
        _require_admin(by, "notes")
        return attrs.evolve(self, notes=(*self._notes, note))

    def with_tags(self, *tags: str, by: TeamRole) -> CustomerProfile:
        """A copy with *tags* added; only an admin may tag a customer."""
        _require_admin(by, "tags")
        return attrs.evolve(self, tags=(*self._tags, *tags))

    # -- facts --------------------------------------------------------------

    def fact(self, name: str) -> str | None:
        """The value of the public fact *name*, or ``None`` if not shared."""
        return next((f.value for f in self.public_facts if f.name == name), None)

    # -- CRM matching -------------------------------------------------------

    def has_consent(self, system: str) -> bool:
        """True when the customer consented to matching in *system*."""
        return any(consent.system == system for consent in self.consents)

    def _require_consent(self, system: str, field_name: str) -> None:
        if not self.has_consent(system):
            raise PermissionDenied(field_name, system, _CONSENT_RULE)

    def with_consent(self, consent: Consent) -> CustomerProfile:
        """A copy with *consent* recorded."""
        return attrs.evolve(self, consents=(*self.consents, consent))

    def without_consent(self, system: str) -> CustomerProfile:
        """A copy with the consent for *system* withdrawn and its CRM ids unlinked."""
        return attrs.evolve(
            self,
            consents=[c for c in self.consents if c.system != system],
            crm_ids=[i for i in self.crm_ids if i.system != system],
        )

    def link_crm(self, crm_id: CrmId) -> CustomerProfile:
        """A copy with *crm_id* linked.

        Raises:
            InvalidValue: *crm_id* is not a :class:`CrmId`.
            PermissionDenied: no consent is recorded for ``crm_id.system``.
        """
        if not isinstance(crm_id, CrmId):
            raise InvalidValue("crm_id", crm_id, "must be a CrmId")
        self._require_consent(crm_id.system, "crm_ids")
        return attrs.evolve(self, crm_ids=(*self.crm_ids, crm_id))

    def matches_crm(self, system: str, external_id: str) -> bool:
        """True when *external_id* in *system* is this customer.

        Raises:
            PermissionDenied: no consent is recorded for *system*.
        """
        self._require_consent(system, "crm_ids")
        return CrmId(system, external_id) in self.crm_ids


def _require_admin(role: TeamRole, what: str) -> None:
    if role is not TeamRole.ADMIN:
        raise PermissionDenied(what, getattr(role, "value", role), _ADMINS_ONLY)
