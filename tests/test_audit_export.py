"""The audit export: "rows, one per message and one per conversation, the
latter carrying FRT, resolution time, CSAT, agent and channel; stable,
documented columns with JSON-compatible values; internal notes and personal
data only when asked for, with redaction from the personal-data guard
available"."""

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carekit.audit import (
    CONVERSATION_COLUMNS,
    MESSAGE_COLUMNS,
    PersonalData,
    export_conversations,
    export_messages,
)
from carekit.conversations import Channel, Conversation
from carekit.errors import InvalidValue
from carekit.feedback import SurveyKind, SurveyResponse, SurveySent
from carekit.messages import AuthorKind, Direction, Message, MessageKind
from carekit.testing import strategies as cks
from carekit.tickets import Open, Resolve, Ticket

BERLIN = dt.timezone(dt.timedelta(hours=2))
T0 = dt.datetime(2024, 5, 6, 11, 0, tzinfo=BERLIN)
MIN = dt.timedelta(minutes=1)

CHAT = Conversation(
    "c1",
    Channel.MESSENGER,
    customer_id="cust-1",
    assignee="ana",
    tags=["refund", "billing"],
    messages=[
        Message(
            "m1",
            T0,
            Direction.INBOUND,
            AuthorKind.CUSTOMER,
            text="card 4242 4242 4242 4242, mail me at jo@example.com",
        ),
        Message(
            "m2",
            T0 + MIN,
            Direction.OUTBOUND,
            AuthorKind.AGENT,
            kind=MessageKind.PRIVATE_NOTE,
            text="VIP",
            author_id="bo",
        ),
        Message(
            "m3",
            T0 + 5 * MIN,
            Direction.OUTBOUND,
            AuthorKind.AGENT,
            text="On it!",
            author_id="ana",
        ),
    ],
)
SILENT = Conversation("c2", Channel.TWITTER_DM, customer_id="cust-2")


def test_message_rows_have_the_stable_columns_and_json_values() -> None:
    """One row per message, keys exactly MESSAGE_COLUMNS in order, instants
    as ISO 8601 in UTC; JSON-compatible."""
    rows = export_messages([CHAT])
    assert ["m1", "m3"] == [row["message_id"] for row in rows]
    assert all(list(MESSAGE_COLUMNS) == list(row) for row in rows)
    assert "2024-05-06T09:00:00+00:00" == rows[0]["timestamp"]
    assert ("inbound", "customer", "reply", "messenger") == (
        rows[0]["direction"],
        rows[0]["author"],
        rows[0]["kind"],
        rows[0]["channel"],
    )
    assert rows == json.loads(json.dumps(rows))


def test_notes_and_text_only_when_asked_for() -> None:
    """Internal notes and personal data (the text) are left out unless asked
    for."""
    assert [None, None] == [row["text"] for row in export_messages([CHAT])]
    rows = export_messages([CHAT], notes=True, personal=PersonalData.INCLUDE)
    assert ["m1", "m2", "m3"] == [row["message_id"] for row in rows]
    assert "VIP" == rows[1]["text"]
    assert "jo@example.com" in rows[0]["text"]


def test_redaction_masks_personal_data() -> None:
    """With REDACT the text goes through the personal-data guard: card
    numbers and e-mail addresses are masked."""
    text = export_messages([CHAT], personal=PersonalData.REDACT)[0]["text"]
    assert "4242 4242 4242 4242" not in text
    assert "jo@example.com" not in text
    assert text.startswith("card ")


def test_conversation_rows_carry_frt_agent_channel_resolution_and_csat() -> None:
    """The conversation row carries FRT, resolution time, CSAT, agent and
    channel; the note is neither a first response nor counted."""
    survey = SurveySent.for_conversation(CHAT, sent_at=T0 + 10 * MIN)
    answers = [
        survey.respond(4, answered_at=T0 + 20 * MIN),
        SurveyResponse("c1", 10, answered_at=T0, kind=SurveyKind.NPS),
    ]
    ticket = Ticket("t1", created_at=T0, conversation_ids=["c1"])
    ticket, _ = ticket.apply(Open("ana"), now=T0)
    ticket, _ = ticket.apply(Resolve("ana"), now=T0 + 60 * MIN)
    rows = export_conversations([CHAT, SILENT], responses=answers, tickets=[ticket])
    row, silent = rows
    assert list(CONVERSATION_COLUMNS) == list(row)
    assert {
        "conversation_id": "c1",
        "channel": "messenger",
        "customer_id": None,
        "assignee": "ana",
        "status": "open",
        "tags": ["billing", "refund"],
        "messages": 2,
        "started_at": "2024-05-06T09:00:00+00:00",
        "last_activity_at": "2024-05-06T09:05:00+00:00",
        "first_response_at": "2024-05-06T09:05:00+00:00",
        "first_response_seconds": 300.0,
        "agent": "ana",
        "ticket_id": "t1",
        "first_resolution_seconds": 3600.0,
        "resolution_seconds": 3600.0,
        "csat_score": 4,
    } == row
    assert (None, None, None) == (
        silent["first_response_seconds"],
        silent["csat_score"],
        silent["started_at"],
    )
    assert rows == json.loads(json.dumps(rows))


def test_customer_id_only_when_personal_data_is_included() -> None:
    """The customer's id is personal data: exported only with INCLUDE."""
    for personal, expected in [
        (PersonalData.OMIT, None),
        (PersonalData.REDACT, None),
        (PersonalData.INCLUDE, "cust-1"),
    ]:
        row = export_conversations([CHAT], personal=personal, notes=True)[0]
        assert expected == row["customer_id"]
        assert 3 == row["messages"]


def test_bad_options_are_refused_by_name() -> None:
    """Bad input raises InvalidValue naming the argument."""
    with pytest.raises(InvalidValue, match="personal"):
        export_messages([CHAT], personal="include")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="notes"):
        export_messages([CHAT], notes=1)  # type: ignore[arg-type]
    twice = [Ticket(f"t{i}", created_at=T0, conversation_ids=["c1"]) for i in (1, 2)]
    with pytest.raises(InvalidValue, match="one ticket"):
        export_conversations([CHAT], tickets=twice)
    with pytest.raises(InvalidValue, match=r"conversations\[0\]"):
        export_messages(["c1"])  # type: ignore[list-item]


@settings(max_examples=30)
@given(st.lists(cks.conversations(), max_size=3, unique_by=lambda c: c.id))
def test_any_conversations_export_json_compatible_rows(
    conversations: list[Conversation],
) -> None:
    """Every row of any conversations is JSON-compatible, with the stable
    columns; one message row per message (notes included when asked for)."""
    messages = export_messages(conversations, notes=True, personal=PersonalData.INCLUDE)
    rows = export_conversations(conversations, notes=True)
    assert sum(len(c.messages) for c in conversations) == len(messages)
    assert sum(row["messages"] for row in rows) == len(messages)
    assert all(list(CONVERSATION_COLUMNS) == list(row) for row in rows)
    assert [messages, rows] == json.loads(json.dumps([messages, rows]))


def test_a_customers_author_id_is_personal_data() -> None:
    """Personal data (the customer's id) is exported only when asked for: a
    customer's own message carries their platform id (PSID) as author_id, so
    it is None under OMIT and REDACT; agents' ids stay."""
    psid = Message("m1", T0, Direction.INBOUND, AuthorKind.CUSTOMER, author_id="psid-7")
    reply = Message(
        "m2", T0 + MIN, Direction.OUTBOUND, AuthorKind.AGENT, author_id="ana"
    )
    chat = Conversation(
        "c9", Channel.MESSENGER, customer_id="psid-7", messages=[psid, reply]
    )
    for personal, expected in [
        (PersonalData.OMIT, [None, "ana"]),
        (PersonalData.REDACT, [None, "ana"]),
        (PersonalData.INCLUDE, ["psid-7", "ana"]),
    ]:
        rows = export_messages([chat], personal=personal)
        assert expected == [row["author_id"] for row in rows]


def test_bad_redaction_none_and_duplicate_ids_are_refused() -> None:
    """Bad input raises InvalidValue naming the argument: a redaction that is
    not a RedactionPolicy (whatever *personal* is), conversations that are
    not an iterable, and two conversations with one id in an export."""
    for personal in PersonalData:
        with pytest.raises(InvalidValue, match="redaction"):
            export_messages(
                [CHAT],
                personal=personal,
                redaction="junk",  # type: ignore[arg-type]
            )
    with pytest.raises(InvalidValue, match="conversations"):
        export_messages(None)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="unique"):
        export_conversations([CHAT, CHAT])
    with pytest.raises(InvalidValue, match="unique"):
        export_messages([CHAT, CHAT])
