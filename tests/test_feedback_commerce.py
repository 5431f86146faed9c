"""Commerce satisfaction on the support a page owes buyers ("your page will
be responsible for providing real-time support via Messenger chat. These
interactions will impact your page's Customer Satisfaction Score", Facebook
Pay, 2019)."""

import datetime as dt
import pickle

import pytest

from carekit.conversations import Channel, Conversation
from carekit.errors import InvalidValue
from carekit.feedback import (
    DEFAULT_RISK_BANDS,
    CommerceAccumulator,
    CommerceSatisfaction,
    RiskBands,
    RiskLevel,
    assess_support,
    measure_commerce,
)
from carekit.messages import AuthorKind, Direction, Message, MessageKind
from carekit.payments import SupportObligation
from tests._payments import BUYER, T0

MIN = dt.timedelta(minutes=1)


def _duty(conversation_id: str = "c", page: str = "shop") -> SupportObligation:
    return SupportObligation(
        "p-1", BUYER, page_id=page, conversation_id=conversation_id, opened_at=T0
    )


def _ask(i: int, minutes: int) -> Message:
    return Message(f"m{i}", T0 + minutes * MIN, Direction.INBOUND, AuthorKind.CUSTOMER)


def _reply(i: int, minutes: int, author: AuthorKind = AuthorKind.AGENT) -> Message:
    return Message(f"m{i}", T0 + minutes * MIN, Direction.OUTBOUND, author)


def _chat(*messages: Message, id: str = "c") -> Conversation:
    return Conversation(id, Channel.MESSENGER, customer_id="buyer", messages=messages)


def test_score_is_the_share_of_buyer_messages_answered_within_the_target() -> None:
    """ "the page's score is the share of post-purchase buyer messages
    answered within the obligation's target" (15 minutes by default): a
    message before the purchase does not count; each message of a burst is
    timed to the reply; a message overdue at as_of fails; one not yet due
    is pending."""
    chat = _chat(
        _ask(0, -30),  # before the purchase
        _ask(1, 0),
        _ask(2, 10),
        _reply(3, 20),  # 20 min after m1 (late), 10 after m2 (in time)
        _ask(4, 30),
        _reply(5, 40),  # in time
        _ask(6, 100),  # never answered: overdue at as_of
        _ask(7, 125),  # not yet due at as_of
    )
    result = assess_support(_duty(), chat, as_of=T0 + 130 * MIN)
    assert CommerceSatisfaction(4, 2, pending=1) == result
    assert 0.5 == result.score


def test_automatic_messages_notes_and_bots_do_not_answer() -> None:
    """Only a human agent's reply answers (a bot's too when asked):
    automation never moves a metric."""
    note = Message(
        "m2",
        T0 + MIN,
        Direction.OUTBOUND,
        AuthorKind.AGENT,
        kind=MessageKind.PRIVATE_NOTE,
    )
    instant = Message(
        "m3",
        T0 + MIN,
        Direction.OUTBOUND,
        AuthorKind.AUTOMATION,
        kind=MessageKind.INSTANT_REPLY,
    )
    chat = _chat(_ask(1, 0), note, instant, _reply(4, 2, AuthorKind.BOT))
    as_of = T0 + 60 * MIN
    assert 0.0 == assess_support(_duty(), chat, as_of=as_of).score
    assert 1.0 == assess_support(_duty(), chat, as_of=as_of, count_bots=True).score


def test_no_buyer_message_gives_no_score_and_no_risk() -> None:
    """No interactions: no score (None), never a division error."""
    result = assess_support(_duty(), _chat(), as_of=T0)
    assert None is result.score
    assert None is result.risk()


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (1.0, RiskLevel.LOW),
        (0.90, RiskLevel.LOW),
        (0.89, RiskLevel.MEDIUM),
        (0.75, RiskLevel.MEDIUM),
        (0.7499, RiskLevel.HIGH),
        (0.0, RiskLevel.HIGH),
    ],
)
def test_default_bands(score: float, level: RiskLevel) -> None:
    """ "default bands low ≥ 0.90, medium ≥ 0.75, high below that" (carekit's
    bands, not Facebook's)."""
    assert level is DEFAULT_RISK_BANDS.assess(score)


def test_bands_are_validated_and_replaceable() -> None:
    """Bands lie in [0, 1], medium at most low; any policy object works."""
    with pytest.raises(InvalidValue, match="medium"):
        RiskBands(low=0.5, medium=0.6)
    with pytest.raises(InvalidValue, match="low"):
        RiskBands(low=True)

    class Strict:
        def assess(self, score: float) -> RiskLevel:
            return RiskLevel.LOW if score == 1 else RiskLevel.HIGH

    assert RiskLevel.HIGH is CommerceSatisfaction(10, 9).risk(Strict())


def test_the_conversation_must_be_the_obligations() -> None:
    """An obligation is measured on its own buyer's conversation."""
    with pytest.raises(InvalidValue, match="conversation"):
        assess_support(_duty("c"), _chat(id="other"), as_of=T0)


def test_pages_are_measured_apart_and_the_accumulator_round_trips() -> None:
    """Each page has its own score; the accumulator pickles and its plain
    data round-trips."""
    cases = [
        (_duty("c1", "shop"), _chat(_ask(1, 0), _reply(2, 5), id="c1")),
        (_duty("c2", "deli"), _chat(_ask(1, 0), id="c2")),
    ]
    by_page = measure_commerce(cases, as_of=T0 + 60 * MIN)
    assert {"deli": CommerceSatisfaction(1, 0), "shop": CommerceSatisfaction(1, 1)} == (
        by_page
    )
    acc = CommerceAccumulator()
    for page, counts in by_page.items():
        acc.add((page, counts))
    assert acc == pickle.loads(pickle.dumps(acc))
    assert acc == CommerceAccumulator.from_data(acc.to_data())
    assert CommerceSatisfaction(2, 1) == acc.extract()


def test_bad_options_and_cases_are_refused_by_name() -> None:
    """Bad input raises InvalidValue naming the field: count_bots is a bool
    only ("bools are not numbers", and nothing else is a bool); each case is
    an (obligation, conversation) pair; a risk policy has ``assess``."""
    with pytest.raises(InvalidValue) as error:
        assess_support(_duty(), _chat(), as_of=T0, count_bots="yes")  # type: ignore[arg-type]
    assert "count_bots" == error.value.field
    with pytest.raises(InvalidValue) as error:
        measure_commerce([1], as_of=T0)  # type: ignore[list-item]
    assert "cases[0]" == error.value.field
    with pytest.raises(InvalidValue) as error:
        measure_commerce(None, as_of=T0)  # type: ignore[arg-type]
    assert "cases" == error.value.field
    with pytest.raises(InvalidValue) as error:
        CommerceSatisfaction(2, 1).risk(None)  # type: ignore[arg-type]
    assert "policy" == error.value.field
