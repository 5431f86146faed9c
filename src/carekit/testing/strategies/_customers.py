"""Strategies for customer profiles, their facts, consents and CRM ids, the
admin records of notes and tags, and team roles."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from carekit.customers import (
    AdminRecord,
    Consent,
    CrmId,
    CustomerProfile,
    Note,
    ProfileFact,
)
from carekit.roles import TeamRole

from ._common import identifiers
from ._time import aware_datetimes

__all__ = [
    "admin_records",
    "consents",
    "crm_ids",
    "customer_profiles",
    "notes",
    "profile_facts",
    "strategies_by_type",
    "team_roles",
]


def team_roles() -> st.SearchStrategy[TeamRole]:
    """Team roles, shrinking to ``MONITOR``."""
    return st.sampled_from(list(TeamRole))


def profile_facts() -> st.SearchStrategy[ProfileFact]:
    """Public profile facts such as the current city."""
    return st.builds(
        ProfileFact,
        st.sampled_from(["current_city", "hometown", "work", "education"]),
        st.sampled_from(["Lisbon", "Berlin", "New York", "Osaka", "Acme Corp"]),
    )


def notes() -> st.SearchStrategy[Note]:
    """Admin notes about a customer, in any test zone (DST folds included)."""
    return st.builds(
        Note,
        st.text(min_size=1, max_size=40).filter(str.strip),
        identifiers(),
        aware_datetimes(),
    )


def _crm_systems() -> st.SearchStrategy[str]:
    return st.sampled_from(["salesforce", "hubspot", "zendesk"])


def consents(
    *, systems: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Consent]:
    """Recorded consents to CRM matching.

    Args:
        systems: Strategy for the CRM system name; default three known ones.
    """
    return st.builds(
        Consent, systems if systems is not None else _crm_systems(), aware_datetimes()
    )


def crm_ids(
    *, systems: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[CrmId]:
    """External CRM ids.

    Args:
        systems: Strategy for the CRM system name; default three known ones.
    """
    return st.builds(
        CrmId, systems if systems is not None else _crm_systems(), identifiers()
    )


def customer_profiles() -> st.SearchStrategy[CustomerProfile]:
    """Customer profiles whose CRM ids always have a consent for their system."""

    @st.composite
    def strategy(draw: st.DrawFn) -> CustomerProfile:
        granted = draw(st.lists(consents(), max_size=3, unique_by=lambda c: c.system))
        systems = [consent.system for consent in granted]
        ids = (
            draw(st.lists(crm_ids(systems=st.sampled_from(systems)), max_size=3))
            if systems
            else []
        )
        facts = draw(st.lists(profile_facts(), max_size=3, unique_by=lambda f: f.name))
        return CustomerProfile(
            draw(identifiers()),
            display_name=draw(st.none() | st.sampled_from(["Ana", "Bo", "Chen"])),
            public_facts=facts,
            conversation_ids=draw(st.lists(identifiers(), max_size=3)),
            consents=granted,
            crm_ids=ids,
        )

    return strategy()


def admin_records(
    *,
    customer_ids: st.SearchStrategy[str] | None = None,
    max_size: int = 3,
) -> st.SearchStrategy[AdminRecord]:
    """Admin records of up to *max_size* notes and *max_size* tags; shrinks to
    a record with neither.

    Args:
        customer_ids: Strategy for the customer id; default
            :func:`~carekit.testing.strategies.identifiers`.
        max_size: Most notes, and most tags, in a record.
    """
    return st.builds(
        AdminRecord,
        customer_ids if customer_ids is not None else identifiers(),
        notes=st.lists(notes(), max_size=max_size),
        tags=st.lists(identifiers(), max_size=max_size),
    )


def strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each customer model."""
    return {
        AdminRecord: admin_records(),
        Consent: consents(),
        CrmId: crm_ids(),
        CustomerProfile: customer_profiles(),
        Note: notes(),
        ProfileFact: profile_facts(),
    }
