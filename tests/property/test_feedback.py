"""Feedback invariants: every accumulator merges exactly and purely, and
every figure stays in its range."""

import datetime as dt
import itertools
import pickle
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from carekit.conversations import Channel, Conversation
from carekit.errors import StructureError
from carekit.feedback import (
    CommerceAccumulator,
    CsatAccumulator,
    NpsAccumulator,
    SentimentAccumulator,
    SurveyKind,
    assess_support,
)
from carekit.messages import AuthorKind, Direction, Message
from carekit.payments import SupportObligation
from carekit.payments.accounts import Party
from carekit.testing import strategies as cks
from tests.property._surveys import csat_histories

AGENTS = st.none() | st.sampled_from(["ana", "bo", "cy"])
T0 = dt.datetime(2024, 5, 6, tzinfo=dt.UTC)

csat_items = csat_histories(max_size=15)
nps_items = st.lists(
    cks.survey_responses(kinds=st.just(SurveyKind.NPS), agents=AGENTS), max_size=30
)
sentiment_items = st.lists(cks.conversation_sentiments(), max_size=30)
commerce_items = st.lists(
    st.tuples(st.sampled_from(["shop", "deli"]), cks.commerce_satisfactions()),
    max_size=20,
)

#: Each accumulator class with a strategy for what it adds.
CASES: list[tuple[type[Any], st.SearchStrategy[list[Any]]]] = [
    (CsatAccumulator, csat_items),
    (NpsAccumulator, nps_items),
    (SentimentAccumulator, sentiment_items),
    (CommerceAccumulator, commerce_items),
]


@st.composite
def partitioned(draw: st.DrawFn) -> tuple[type[Any], list[Any], list[list[Any]]]:
    """An accumulator class, its items, and the items cut into parts."""
    cls, items = draw(
        st.sampled_from(CASES).flatmap(
            lambda case: st.tuples(st.just(case[0]), case[1])
        )
    )
    cuts = sorted(draw(st.lists(st.integers(0, len(items)), max_size=4)))
    bounds = [0, *cuts, len(items)]
    parts = [items[a:b] for a, b in itertools.pairwise(bounds)]
    return cls, items, draw(st.permutations(parts))


@given(partitioned(), st.randoms())
def test_merging_any_partition_equals_a_single_pass(
    case: tuple[type[Any], list[Any], list[list[Any]]], random: Any
) -> None:
    """ "merging any partition equals a single pass, and merge never mutates
    its inputs", in any order and any merge tree."""
    cls, items, parts = case
    whole = cls().feed(items)
    pieces = [cls().feed(part) for part in parts]
    before = [piece.to_data() for piece in pieces]
    while len(pieces) > 1:  # a random merge tree
        i = random.randrange(len(pieces) - 1)
        pieces[i : i + 2] = [pieces[i].merge(pieces[i + 1])]
    assert whole == pieces[0]
    assert whole.extract() == pieces[0].extract()
    assert before == [cls().feed(part).to_data() for part in parts]


@given(partitioned())
def test_merge_leaves_its_inputs_unchanged(
    case: tuple[type[Any], list[Any], list[list[Any]]],
) -> None:
    """``merge`` is pure: both inputs keep their plain data."""
    cls, items, _ = case
    left, right = cls().feed(items[::2]), cls().feed(items[1::2])
    left_data, right_data = left.to_data(), right.to_data()
    merged = left.merge(right)
    assert (left_data, right_data) == (left.to_data(), right.to_data())
    assert merged is not left
    assert merged is not right


@given(partitioned())
def test_accumulators_pickle_and_round_trip_as_plain_data(
    case: tuple[type[Any], list[Any], list[list[Any]]],
) -> None:
    """Pickled and plain-data accumulators are equal to the original and
    extract the same result."""
    cls, items, _ = case
    acc = cls().feed(items)
    assert acc == pickle.loads(pickle.dumps(acc))
    assert acc == cls.from_data(acc.to_data())
    assert acc.extract() == cls.from_data(acc.to_data()).extract()


@given(csat_items)
def test_csat_is_a_share_and_per_agent_counts_sum_to_the_total(
    items: list[Any],
) -> None:
    """CSAT ∈ [0, 1]; per-agent counts sum to the total."""
    acc = CsatAccumulator().feed(items)
    total, by_agent = acc.extract(), acc.by_agent()
    assert total.score is None or 0 <= total.score <= 1
    assert total.sent == sum(r.sent for r in by_agent.values())
    assert total.responses == sum(r.responses for r in by_agent.values())
    assert total.satisfied == sum(r.satisfied for r in by_agent.values())


@given(nps_items)
def test_nps_lies_in_minus_100_to_100_and_agents_sum_to_the_total(
    items: list[Any],
) -> None:
    """NPS ∈ [−100, 100]; per-agent counts sum to the total."""
    acc = NpsAccumulator().feed(items)
    total = acc.extract()
    assert total.value is None or -100 <= total.value <= 100
    assert (total.value is None) == (not items)
    assert total.responses == sum(r.responses for r in acc.by_agent().values())
    assert total.promoters == sum(r.promoters for r in acc.by_agent().values())


@given(sentiment_items)
def test_sentiment_conversion_is_a_share(items: list[Any]) -> None:
    """Sentiment conversion ∈ [0, 1], None exactly when no start is negative."""
    result = SentimentAccumulator().feed(items).extract()
    assert (result.conversion is None) == (result.started_negative == 0)
    assert result.conversion is None or 0 <= result.conversion <= 1


@st.composite
def buyer_chats(draw: st.DrawFn) -> Conversation:
    """A buyer's conversation of asks and agent replies a few minutes apart."""
    messages, at = [], T0
    for i, asks in enumerate(draw(st.lists(st.booleans(), max_size=12))):
        at += dt.timedelta(minutes=draw(st.integers(0, 40)))
        if asks:
            messages.append(
                Message(f"m{i}", at, Direction.INBOUND, AuthorKind.CUSTOMER)
            )
        else:
            messages.append(Message(f"m{i}", at, Direction.OUTBOUND, AuthorKind.AGENT))
    return Conversation("c", Channel.MESSENGER, customer_id="b", messages=messages)


@given(buyer_chats(), st.integers(0, 600))
def test_commerce_counts_every_buyer_message_once(
    chat: Conversation, minutes: int
) -> None:
    """Every buyer message before as_of is counted or pending, never both;
    the score is a share."""
    duty = SupportObligation(
        "p", Party.person("b"), page_id="shop", conversation_id="c", opened_at=T0
    )
    as_of = T0 + dt.timedelta(minutes=minutes)
    result = assess_support(duty, chat, as_of=as_of)
    asked = [
        m
        for m in chat.messages
        if m.direction is Direction.INBOUND and m.timestamp < as_of
    ]
    assert len(asked) == result.messages + result.pending
    assert result.score is None or 0 <= result.score <= 1


@given(
    st.lists(
        st.tuples(
            cks.surveys_sent(kinds=st.just(SurveyKind.CSAT), agents=AGENTS),
            st.none() | st.integers(min_value=1, max_value=5),
        ),
        max_size=20,
    )
)
def test_the_csat_bulk_path_equals_the_models(pairs: list[Any]) -> None:
    """``feed_rows`` counts (agent, rating) rows as ``add`` counts the
    surveys and their responses."""
    models = CsatAccumulator()
    for survey, rating in pairs:
        models.add(survey)
        if rating is not None:
            models.add(survey.respond(rating, answered_at=survey.sent_at))
    rows = [(survey.agent_id, rating) for survey, rating in pairs]
    assert models == CsatAccumulator().feed_rows(rows)


json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=12,
)
documents = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["csat", "nps"]) | json_like,
        "columns": st.just(["key", *CsatAccumulator.COLUMNS]) | json_like,
        "rows": st.lists(st.lists(json_like, max_size=5), max_size=3) | json_like,
    }
)


@given(documents | json_like)
def test_from_data_raises_only_structure_errors(data: Any) -> None:
    """Plain data that is not an accumulator's raises ``StructureError``
    (never another error); what it accepts writes back the same."""
    try:
        acc = CsatAccumulator.from_data(data)
    except StructureError:
        return
    rows = sorted(data["rows"], key=lambda row: (row[0] is not None, row[0] or ""))
    assert {**data, "rows": rows} == acc.to_data()
