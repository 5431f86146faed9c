"""Customer profiles (SPEC §1): admin-only notes and tags, consented CRM ids."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from carekit.customers import Consent, CrmId, CustomerProfile, Note, ProfileFact
from carekit.errors import InvalidValue, PermissionDenied
from carekit.roles import TeamRole
from carekit.serialization import unstructure

T0 = dt.datetime(2024, 5, 6, 9, 0, tzinfo=dt.UTC)
NOTE = Note("Prefers e-mail follow-ups", "admin-1", T0)


def profile() -> CustomerProfile:
    return CustomerProfile(
        "u1",
        public_facts=[ProfileFact("current_city", "Lisbon")],
        notes=[NOTE],
        tags=["vip"],
    )


@pytest.mark.parametrize(
    "role", [TeamRole.MONITOR, TeamRole.RESPONDER, TeamRole.APPROVER]
)
def test_notes_and_tags_are_visible_to_page_admins_only(role: TeamRole) -> None:
    """ "The notes and tags are only visible to the page administrator." """
    with pytest.raises(PermissionDenied) as info:
        profile().notes_for(role)
    assert "notes" == info.value.field
    with pytest.raises(PermissionDenied) as info:
        profile().tags_for(role)
    assert "tags" == info.value.field


def test_admin_reads_notes_and_tags() -> None:
    assert (NOTE,) == profile().notes_for(TeamRole.ADMIN)
    assert ("vip",) == profile().tags_for(TeamRole.ADMIN)


def test_notes_and_tags_stay_out_of_repr() -> None:
    text = repr(profile())
    assert "Prefers" not in text
    assert "vip" not in text


def test_only_admins_write_notes_and_tags() -> None:
    with pytest.raises(PermissionDenied):
        profile().with_note(NOTE, by=TeamRole.RESPONDER)
    later = Note("Asked about refunds", "admin-2", T0 + dt.timedelta(days=1))
    updated = (
        profile()
        .with_note(later, by=TeamRole.ADMIN)
        .with_tags("churn-risk", by=TeamRole.ADMIN)
    )
    assert (NOTE, later) == updated.notes_for(TeamRole.ADMIN)
    assert ("churn-risk", "vip") == updated.tags_for(TeamRole.ADMIN)


def test_public_facts_the_customer_shares() -> None:
    """The inbox shows "information the person publicly shares on her profile,
    like her current city"."""
    assert "Lisbon" == profile().fact("current_city")
    assert profile().fact("hometown") is None
    with pytest.raises(InvalidValue) as info:
        CustomerProfile(
            "u", public_facts=[ProfileFact("city", "A"), ProfileFact("city", "B")]
        )
    assert "public_facts" == info.value.field


def test_crm_match_without_consent_is_refused() -> None:
    """External CRM ids "may be matched only with recorded consent"."""
    with pytest.raises(PermissionDenied) as info:
        profile().matches_crm("salesforce", "0031")
    assert "crm_ids" == info.value.field
    with pytest.raises(PermissionDenied):
        profile().link_crm(CrmId("salesforce", "0031"))
    with pytest.raises(PermissionDenied):
        CustomerProfile("u", crm_ids=[CrmId("salesforce", "0031")])


def test_crm_match_with_consent() -> None:
    consented = profile().with_consent(Consent("salesforce", T0))
    linked = consented.link_crm(CrmId("salesforce", "0031"))
    assert linked.matches_crm("salesforce", "0031")
    assert not linked.matches_crm("salesforce", "0032")


def test_withdrawn_consent_unlinks_that_systems_ids() -> None:
    linked = (
        profile()
        .with_consent(Consent("salesforce", T0))
        .link_crm(CrmId("salesforce", "0031"))
    )
    withdrawn = linked.without_consent("salesforce")
    assert () == withdrawn.crm_ids
    with pytest.raises(PermissionDenied):
        withdrawn.matches_crm("salesforce", "0031")


def test_conversation_ids_refuse_a_bare_string() -> None:
    with pytest.raises(InvalidValue) as info:
        CustomerProfile("u", conversation_ids="c1")
    assert "conversation_ids" == info.value.field


def test_link_crm_refuses_what_is_not_a_crm_id() -> None:
    """Validated at the boundary: a carekit error naming the argument, never a
    bare AttributeError."""
    with pytest.raises(InvalidValue) as info:
        profile().link_crm("salesforce:0031")  # type: ignore[arg-type]
    assert "crm_id" == info.value.field


def test_input_order_does_not_matter_for_notes_and_consents() -> None:
    """Deterministic: "same inputs, same outputs, regardless of input order".
    One instant written in two zones (one of them in New York's repeated
    hour, which Python never finds equal to another zone's time) still sorts
    and deduplicates the same way from either order."""
    instant = dt.datetime(2024, 11, 3, 5, 30, tzinfo=dt.UTC)
    in_the_fold = instant.astimezone(ZoneInfo("America/New_York"))
    in_berlin = instant.astimezone(ZoneInfo("Europe/Berlin"))
    notes = [Note("n", "a", instant), Note("n", "a", in_the_fold),
             Note("n", "a", in_berlin)]  # fmt: skip
    consents = [Consent("crm", in_the_fold), Consent("crm", instant)]
    one = CustomerProfile("u", notes=notes, consents=consents)
    two = CustomerProfile("u", notes=notes[::-1], consents=consents[::-1])
    assert one == two
    assert unstructure(one) == unstructure(two)
