"""Customer profiles, and the admin-only record of notes and tags about them.

A :class:`CustomerProfile` gathers what the page knows about one customer
and may show to anyone on the team: public facts the customer shares (such
as their current city), the conversations they had, recorded consents and
the external CRM ids matched with that consent. An :class:`AdminRecord`,
keyed by the customer's id, holds what only page admins may see: notes and
tags. The two are separate values, so a profile handed to any code carries
no note and no tag, in any form (``repr``, ``==``, ``attrs.asdict``,
pickle, :func:`~carekit.serialization.unstructure`).

Rules:

- Facebook's page inbox (Internet Retailer, "Facebook tries to turn its
  platform into a customer service hub", December 2015): "An administrator
  can add notes about the shopper [...] The administrator can also add tags
  to categorize the conversation [...] The notes and tags are only visible
  to the page administrator." Reading or writing them takes
  ``TeamRole.ADMIN``; any other role raises
  :class:`~carekit.errors.PermissionDenied`.
- The customer-care checklist of Twitter's Joe Rice (as reported in
  November 2019): "Twitter allows brands to match user IDs to customer
  records for outside CRM tools, so long as the user has consented."
  Linking or matching an id for a CRM system without a consent for that
  system raises :class:`~carekit.errors.PermissionDenied`.
- Notes and consents are told apart, sorted and de-duplicated by instant,
  never by wall clock, so two notes an hour apart on the night clocks fall
  back are two notes, whatever zone they were written in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import attrs
from attrs import field, frozen

from carekit._instants import instant_key, utc_bound
from carekit._validate import non_empty_str, optional_non_empty_str, string_set
from carekit.errors import InvalidValue, PermissionDenied
from carekit.roles import TeamRole

__all__ = ["AdminRecord", "Consent", "CrmId", "CustomerProfile", "Note", "ProfileFact"]

_ADMINS_ONLY = "only page admins read or write notes and tags"
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

    Two notes are equal when their text, author and instant are: the same
    instant written in two zones is one note, and 02:30 before and after
    clocks fall back are two.

    Attributes:
        text: The note.
        author_id: Who wrote it.
        created_at: When (timezone-aware, in years 1 to 9999 in UTC).

    Raises:
        InvalidValue: A blank text or author, or a naive or out-of-range
            ``created_at``.
    """

    text: str = field(validator=non_empty_str)
    author_id: str = field(validator=non_empty_str)
    created_at: dt.datetime = field(validator=utc_bound, eq=instant_key)


@frozen
class Consent:
    """The customer's recorded consent to match their id in one CRM system.

    Attributes:
        system: The CRM system, e.g. ``"salesforce"``.
        granted_at: When the consent was recorded (timezone-aware, in years
            1 to 9999 in UTC); compared by instant.
    """

    system: str = field(validator=non_empty_str)
    granted_at: dt.datetime = field(validator=utc_bound, eq=instant_key)


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
    items: Iterable[Any],
    kind: type,
    name: str,
    key: Callable[[Any], Any] = attrs.astuple,
) -> tuple[Any, ...]:
    """A collection of *kind* as a sorted tuple without duplicates.

    The order, and which of several equal items is kept, never depends on
    the input order: *key* orders by instant (never by wall clock), items
    are equal when their instants are (see :func:`instant_key`), and
    ``repr`` breaks ties between equal items written in different zones.
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


def _note_order(note: Note) -> tuple[dt.timedelta, str, str]:
    return (instant_key(note.created_at), note.author_id, note.text)


def _consent_order(consent: Consent) -> tuple[str, dt.timedelta]:
    return (consent.system, instant_key(consent.granted_at))


def _check_facts(_inst: object, _a: attrs.Attribute[Any], facts: Any) -> None:
    names = [fact.name for fact in facts]
    if len(names) != len(set(names)):
        raise InvalidValue("public_facts", names, "fact names must be unique")


def _check_consented(inst: CustomerProfile, _a: attrs.Attribute[Any], ids: Any) -> None:
    for crm_id in ids:
        inst._require_consent(crm_id.system, "crm_ids")


@frozen
class CustomerProfile:
    """What the page knows about one customer and may show the whole team.

    Notes and tags are not here: they live in the customer's
    :class:`AdminRecord`, so no form of a profile carries them.

    Attributes:
        id: The customer's id on the platform.
        display_name: The name shown on their profile, if any.
        public_facts: Facts they share publicly (unique names, sorted).
        conversation_ids: Their past conversations with the page.
        consents: Recorded consents to CRM matching, sorted by system and
            instant.
        crm_ids: External CRM ids; each needs a consent for its system.

    Raises:
        InvalidValue: A field breaks its rule (named in the error).
        PermissionDenied: A CRM id has no consent for its system.
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
    consents: tuple[Consent, ...] = field(default=(), kw_only=True, converter=_consents)
    crm_ids: tuple[CrmId, ...] = field(
        default=(),
        kw_only=True,
        converter=_crm_ids,
        validator=_check_consented,
    )

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


@frozen
class AdminRecord:
    """The notes and tags page admins keep about one customer.

    Kept apart from the :class:`CustomerProfile` (same customer id) so that
    code given a profile never holds admin-only data. Hand a record only to
    admin code; it is plain data of its own and round-trips through
    :func:`~carekit.serialization.structure` and
    :func:`~carekit.serialization.unstructure` unchanged.

    Building a record (the constructor, ``structure``) loads what admins
    wrote before. Changing it goes through :meth:`with_note` and
    :meth:`with_tags`, and reading it through :meth:`notes_for` and
    :meth:`tags_for`; all four take the caller's role and refuse any role
    but ``TeamRole.ADMIN``. Its ``repr`` shows neither notes nor tags, so a
    record that reaches a log discloses nothing.

    Build it as ``AdminRecord(customer_id, notes=[...], tags=[...])``; the
    notes are stored sorted by instant without duplicates, the tags sorted
    without duplicates.

    Attributes:
        customer_id: The customer's id, as :attr:`CustomerProfile.id`.

    Raises:
        InvalidValue: A blank customer id, or notes or tags of the wrong type.
    """

    customer_id: str = field(validator=non_empty_str)
    _notes: tuple[Note, ...] = field(
        default=(), kw_only=True, repr=False, converter=_notes
    )
    _tags: tuple[str, ...] = field(
        default=(), kw_only=True, repr=False, converter=_tags
    )

    def notes_for(self, role: TeamRole) -> tuple[Note, ...]:
        """The notes, for a page admin.

        Raises:
            PermissionDenied: *role* is not ``TeamRole.ADMIN``.
        """
        _require_admin(role, "notes", "role")
        return self._notes

    def tags_for(self, role: TeamRole) -> tuple[str, ...]:
        """The tags, for a page admin.

        Raises:
            PermissionDenied: *role* is not ``TeamRole.ADMIN``.
        """
        _require_admin(role, "tags", "role")
        return self._tags

    def with_note(self, note: Note, *, by: TeamRole) -> AdminRecord:
        """A copy with *note* added.

        Raises:
            PermissionDenied: *by* is not ``TeamRole.ADMIN``.
            InvalidValue: *note* is not a :class:`Note`.
        """
        _require_admin(by, "notes", "by")
        return attrs.evolve(self, notes=(*self._notes, note))

    def with_tags(self, *tags: str, by: TeamRole) -> AdminRecord:
        """A copy with *tags* added.

        Raises:
            PermissionDenied: *by* is not ``TeamRole.ADMIN``.
            InvalidValue: A tag is blank or not a string.
        """
        _require_admin(by, "tags", "by")
        return attrs.evolve(self, tags=(*self._tags, *tags))


def _require_admin(role: TeamRole, what: str, argument: str) -> None:
    if type(role) is not TeamRole:
        # Still a refusal to read or write (never a softer error), but one
        # that says the role is of the wrong type, not a non-admin's.
        raise PermissionDenied(
            argument, role, "must be a TeamRole (e.g. TeamRole.ADMIN)"
        )
    if role is not TeamRole.ADMIN:
        raise PermissionDenied(what, getattr(role, "value", role), _ADMINS_ONLY)
