"""Customer profiles and admin records: admin-only notes and tags, consented
CRM ids, and time-keyed items told apart by instant."""

import copy
import datetime as dt
import pickle
from zoneinfo import ZoneInfo

import attrs
import pytest

from carekit.customers import (
    AdminRecord,
    Consent,
    CrmId,
    CustomerProfile,
    Note,
    ProfileFact,
)
from carekit.errors import InvalidValue, PermissionDenied, StructureError
from carekit.roles import TeamRole
from carekit.serialization import structure, unstructure

T0 = dt.datetime(2024, 5, 6, 9, 0, tzinfo=dt.UTC)
NOTE = Note("Prefers e-mail follow-ups", "admin-1", T0)
BERLIN = ZoneInfo("Europe/Berlin")
#: 02:30 on the night Berlin falls back (2024-10-27): first CEST, then CET.
CEST = dt.datetime(2024, 10, 27, 2, 30, tzinfo=BERLIN)
CET = CEST.replace(fold=1)
NOT_ADMINS = [TeamRole.MONITOR, TeamRole.RESPONDER, TeamRole.APPROVER]


def profile() -> CustomerProfile:
    return CustomerProfile(
        "u1",
        display_name="Ana",
        public_facts=[ProfileFact("current_city", "Lisbon")],
        conversation_ids=["c1"],
        consents=[Consent("salesforce", T0)],
        crm_ids=[CrmId("salesforce", "0031")],
    )


def record() -> AdminRecord:
    return AdminRecord("u1", notes=[NOTE], tags=["vip"])


# -- admin-only data -----------------------------------------------------------


@pytest.mark.parametrize("role", NOT_ADMINS)
def test_notes_and_tags_are_visible_to_page_admins_only(role: TeamRole) -> None:
    """ "The notes and tags are only visible to the page administrator." """
    with pytest.raises(PermissionDenied) as info:
        record().notes_for(role)
    assert "notes" == info.value.field
    with pytest.raises(PermissionDenied) as info:
        record().tags_for(role)
    assert "tags" == info.value.field


def test_a_role_that_is_not_a_team_role_reads_nothing() -> None:
    with pytest.raises(PermissionDenied):
        record().notes_for("admin")  # type: ignore[arg-type]


def test_admin_reads_notes_and_tags() -> None:
    assert (NOTE,) == record().notes_for(TeamRole.ADMIN)
    assert ("vip",) == record().tags_for(TeamRole.ADMIN)


@pytest.mark.parametrize("role", NOT_ADMINS)
def test_only_admins_write_notes_and_tags(role: TeamRole) -> None:
    """ "An administrator can add notes about the shopper [...] can also add
    tags": writing to the admin record takes the admin role."""
    with pytest.raises(PermissionDenied) as info:
        record().with_note(NOTE, by=role)
    assert "notes" == info.value.field
    with pytest.raises(PermissionDenied) as info:
        record().with_tags("churn-risk", by=role)
    assert "tags" == info.value.field


def test_admin_writes_notes_and_tags() -> None:
    later = Note("Asked about refunds", "admin-2", T0 + dt.timedelta(days=1))
    updated = (
        record()
        .with_note(later, by=TeamRole.ADMIN)
        .with_tags("churn-risk", by=TeamRole.ADMIN)
    )
    assert (NOTE, later) == updated.notes_for(TeamRole.ADMIN)
    assert ("churn-risk", "vip") == updated.tags_for(TeamRole.ADMIN)
    assert (NOTE,) == record().notes_for(TeamRole.ADMIN)  # the original is kept


def test_admin_record_round_trips_on_its_own() -> None:
    """The admin record is plain data of its own, read back unchanged."""
    plain = unstructure(record())
    assert {"customer_id", "notes", "tags"} == set(plain)
    assert record() == structure(plain, AdminRecord)


def test_admin_record_repr_shows_no_note_or_tag() -> None:
    text = repr(record())
    assert "Prefers" not in text
    assert "vip" not in text
    assert "u1" in text


def _plain_forms(value: CustomerProfile) -> dict[str, str]:
    """Every plain-data form a profile takes, as text."""
    return {
        "unstructure": repr(unstructure(value)),
        "repr": repr(value),
        "str": str(value),
        "asdict": repr(attrs.asdict(value)),
        "astuple": repr(attrs.astuple(value)),
        "pickle": repr(pickle.dumps(value)),
        "deepcopy fields": repr(attrs.asdict(copy.deepcopy(value))),
    }


def test_no_plain_form_of_a_profile_carries_notes_tags_or_unconsented_ids() -> None:
    """A profile handed to any code carries no note, no tag and no CRM id
    without a consent: they are not part of the profile at all."""
    withdrawn = profile().without_consent("salesforce")
    for form, text in _plain_forms(withdrawn).items():
        assert "Prefers" not in text, form
        assert "vip" not in text, form
        assert "0031" not in text, form
    assert not any(
        "note" in a.name or "tag" in a.name for a in attrs.fields(CustomerProfile)
    )


def test_a_profile_takes_no_notes_through_constructor_structure_or_evolve() -> None:
    """Notes cannot be written without a role through the profile: the
    constructor, ``structure`` and ``attrs.evolve`` all refuse them."""
    with pytest.raises(TypeError):
        CustomerProfile("u1", notes=[NOTE])  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        attrs.evolve(profile(), notes=[NOTE])  # type: ignore[call-arg]
    with pytest.raises(StructureError):
        structure(
            {**unstructure(profile()), "notes": [unstructure(NOTE)]}, CustomerProfile
        )
    with pytest.raises(StructureError):
        structure({**unstructure(profile()), "tags": ["vip"]}, CustomerProfile)


def test_profile_equality_cannot_confirm_a_guessed_note() -> None:
    """``==`` and ``hash`` of a profile say nothing about notes: two
    customers' profiles differ only by what they may show."""
    assert profile() == profile()
    assert hash(profile()) == hash(profile())


# -- facts and CRM ids ---------------------------------------------------------


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
    """Brands may "match user IDs to customer records for outside CRM tools,
    so long as the user has consented"."""
    bare = CustomerProfile("u")
    with pytest.raises(PermissionDenied) as info:
        bare.matches_crm("salesforce", "0031")
    assert "crm_ids" == info.value.field
    with pytest.raises(PermissionDenied):
        bare.link_crm(CrmId("salesforce", "0031"))
    with pytest.raises(PermissionDenied):
        CustomerProfile("u", crm_ids=[CrmId("salesforce", "0031")])


def test_crm_match_with_consent() -> None:
    consented = CustomerProfile("u").with_consent(Consent("salesforce", T0))
    linked = consented.link_crm(CrmId("salesforce", "0031"))
    assert linked.matches_crm("salesforce", "0031")
    assert not linked.matches_crm("salesforce", "0032")


def test_withdrawn_consent_unlinks_that_systems_ids() -> None:
    withdrawn = profile().without_consent("salesforce")
    assert () == withdrawn.crm_ids
    with pytest.raises(PermissionDenied):
        withdrawn.matches_crm("salesforce", "0031")


def test_removing_a_consent_by_evolve_keeps_no_unconsented_id() -> None:
    with pytest.raises(PermissionDenied):
        attrs.evolve(profile(), consents=())


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


# -- instants, not wall clocks -------------------------------------------------


def test_two_notes_an_hour_apart_in_the_fall_back_fold_are_both_kept() -> None:
    """Two notes with the same text and author at 02:30 CEST and 02:30 CET
    (one hour apart, Berlin's fall-back night) are two notes, though Python
    finds the two datetimes equal."""
    assert CEST == CET  # what Python says: same tzinfo, same wall clock
    early, late = Note("called", "a", CEST), Note("called", "a", CET)
    assert early != late
    assert hash(early) != hash(late)
    kept = AdminRecord("u", notes=[late, early]).notes_for(TeamRole.ADMIN)
    assert (early, late) == kept
    assert (1,) == tuple(n.created_at.fold for n in kept[1:])


def test_two_consents_an_hour_apart_in_the_fold_are_both_kept() -> None:
    consents = CustomerProfile(
        "u", consents=[Consent("crm", CET), Consent("crm", CEST)]
    )
    assert [0, 1] == [c.granted_at.fold for c in consents.consents]


def test_one_instant_in_two_zones_is_one_note() -> None:
    """Equal instants are equal notes, whatever zone they were written in."""
    in_utc = Note("n", "a", CEST.astimezone(dt.UTC))
    assert in_utc == Note("n", "a", CEST)
    assert 1 == len(
        AdminRecord("u", notes=[in_utc, Note("n", "a", CEST)]).notes_for(TeamRole.ADMIN)
    )


def test_input_order_does_not_matter_for_notes_and_consents() -> None:
    """Deterministic: "same inputs, same outputs, regardless of input order".
    One instant written in three zones (one of them in New York's repeated
    hour) sorts and de-duplicates the same way from either order, and the
    note kept is the same one."""
    instant = dt.datetime(2024, 11, 3, 5, 30, tzinfo=dt.UTC)
    in_the_fold = instant.astimezone(ZoneInfo("America/New_York"))
    in_berlin = instant.astimezone(BERLIN)
    notes = [Note("n", "a", instant), Note("n", "a", in_the_fold),
             Note("n", "a", in_berlin)]  # fmt: skip
    consents = [Consent("crm", in_the_fold), Consent("crm", instant)]
    one = AdminRecord("u", notes=notes)
    two = AdminRecord("u", notes=notes[::-1])
    assert unstructure(one) == unstructure(two)
    assert 1 == len(one.notes_for(TeamRole.ADMIN))
    profiles = [CustomerProfile("u", consents=c) for c in (consents, consents[::-1])]
    assert unstructure(profiles[0]) == unstructure(profiles[1])


@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-1))),
    ],
)
def test_a_note_outside_years_1_to_9999_is_a_carekit_error(moment: dt.datetime) -> None:
    """A note whose instant UTC cannot show raises ``InvalidValue`` naming
    ``created_at``, never ``OverflowError``."""
    with pytest.raises(InvalidValue) as info:
        Note("n", "a", moment)
    assert "created_at" == info.value.field
    with pytest.raises(InvalidValue) as info:
        Consent("crm", moment)
    assert "granted_at" == info.value.field


def test_a_role_given_as_a_string_is_named_as_a_wrong_type() -> None:
    """``with_note(n, by="admin")`` said "only page admins (asked by admin)",
    which reads as a refusal of an admin: a role that is not a TeamRole is
    still refused, and the error names the argument and says why."""
    record = AdminRecord("c")
    with pytest.raises(PermissionDenied, match="must be a TeamRole") as info:
        record.tags_for("admin")  # type: ignore[arg-type]
    assert "role" == info.value.field
    with pytest.raises(PermissionDenied, match="must be a TeamRole") as info:
        record.with_tags("vip", by="admin")  # type: ignore[arg-type]
    assert "by" == info.value.field
