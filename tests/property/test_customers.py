"""Customer laws: "the notes and tags are only visible to the page
administrator"; CRM ids "so long as the user has consented"; notes and
consents ordered and de-duplicated by instant, whatever the input order."""

import datetime as dt
import pickle
from collections.abc import Callable
from random import Random

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carekit._instants import instant_key
from carekit.customers import AdminRecord, Consent, CustomerProfile, Note
from carekit.errors import PermissionDenied
from carekit.roles import TeamRole
from carekit.serialization import unstructure
from carekit.testing import strategies as cks
from tests.property._dst import near_dst

ADMIN = TeamRole.ADMIN
#: Notes clustered on DST changes, so folds and zone twins are common, with
#: few texts and authors, so equal notes are common too.
notes_near_dst = st.builds(
    Note, st.sampled_from(["called", "refund"]), st.sampled_from(["a", "b"]), near_dst()
)
note_lists = st.lists(notes_near_dst, max_size=8)
#: A note written again in another zone or at another fold of the same
#: wall time: the same instant, or not.
twins = st.builds(
    lambda note, zone, fold: attrs.evolve(
        note, created_at=note.created_at.astimezone(zone).replace(fold=fold)
    ),
    notes_near_dst,
    cks.timezones(),
    st.sampled_from([0, 1]),
)


def identity(note: Note) -> tuple[dt.timedelta, str, str]:
    """What makes two notes one: instant, author and text (an oracle that
    does not use Note's equality)."""
    return (instant_key(note.created_at), note.author_id, note.text)


@given(note_lists, st.randoms(use_true_random=False))
def test_the_order_notes_are_given_in_does_not_matter(
    notes: list[Note], random: Random
) -> None:
    """Same inputs, same outputs, regardless of input order: the same notes
    in another order give an equal record with equal plain data."""
    shuffled = list(notes)
    random.shuffle(shuffled)
    one, two = AdminRecord("u", notes=notes), AdminRecord("u", notes=shuffled)
    assert one == two
    assert unstructure(one) == unstructure(two)


@given(st.lists(notes_near_dst | twins, max_size=10))
def test_notes_are_deduplicated_by_instant_author_and_text(notes: list[Note]) -> None:
    """Exactly one note is kept per distinct (instant, author, text), in
    order of instant: never two of one instant, never one for two."""
    kept = AdminRecord("u", notes=notes).notes_for(ADMIN)
    assert len({identity(n) for n in notes}) == len(kept)
    assert [identity(n) for n in kept] == sorted({identity(n) for n in notes})
    assert all(any(n == k for k in kept) for n in notes)


@given(st.lists(st.builds(Consent, st.sampled_from(["crm"]), near_dst()), max_size=6))
def test_consents_are_ordered_and_deduplicated_by_instant(
    consents: list[Consent],
) -> None:
    kept = CustomerProfile("u", consents=consents).consents
    instants = sorted({instant_key(c.granted_at) for c in consents})
    assert instants == [instant_key(c.granted_at) for c in kept]
    assert kept == CustomerProfile("u", consents=consents[::-1]).consents


@given(cks.admin_records(), cks.team_roles(), notes_near_dst)
def test_only_the_admin_role_reads_or_writes_an_admin_record(
    record: AdminRecord, role: TeamRole, note: Note
) -> None:
    """Every read and write of notes and tags asks for the admin role; the
    admin's writes add exactly what was written."""
    moves: list[Callable[[AdminRecord], object]] = [
        lambda r: r.notes_for(role),
        lambda r: r.tags_for(role),
        lambda r: r.with_note(note, by=role),
        lambda r: r.with_tags("vip", by=role),
    ]
    for move in moves:
        if role is ADMIN:
            move(record)
        else:
            with pytest.raises(PermissionDenied):
                move(record)
    if role is ADMIN:
        written = record.with_note(note, by=role).with_tags("vip", by=role)
        assert note in written.notes_for(role)
        assert {*record.tags_for(role), "vip"} == set(written.tags_for(role))


@given(cks.customer_profiles(), cks.admin_records())
def test_no_plain_form_of_a_profile_holds_admin_data(
    profile: CustomerProfile, record: AdminRecord
) -> None:
    """A profile's every plain form is made of its own fields, none of which
    is a note or tag, and its CRM ids all have a consent."""
    fields = {a.alias or a.name for a in attrs.fields(CustomerProfile)}
    assert fields == set(unstructure(profile))
    assert fields == set(attrs.asdict(profile))
    assert profile == pickle.loads(pickle.dumps(profile))
    assert not {"notes", "tags", "_notes", "_tags"} & fields
    consented = {c.system for c in profile.consents}
    assert all(crm_id.system in consented for crm_id in profile.crm_ids)
    assert "notes" not in repr(record)
    assert "tags" not in repr(record)
