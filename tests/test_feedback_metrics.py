"""CSAT, NPS and sentiment conversion: the rules, each quoted."""

import datetime as dt
import pickle
from fractions import Fraction

import pytest

from carekit.conversations import Channel, Conversation
from carekit.errors import InvalidValue, StructureError
from carekit.feedback import (
    ConversationSentiment,
    CsatAccumulator,
    CsatResult,
    KeywordClassifier,
    NpsAccumulator,
    NpsResult,
    Sentiment,
    SentimentAccumulator,
    SurveyKind,
    SurveyResponse,
    SurveySent,
    csat_by_agent,
    label_conversation,
    measure_csat,
    measure_nps,
    measure_sentiment,
)
from carekit.messages import AuthorKind, Direction, Message, MessageKind

T0 = dt.datetime(2024, 5, 6, 9, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


def _surveys(count: int, agent: str | None = None) -> list[SurveySent]:
    return [SurveySent(f"c{i}", T0, agent_id=agent) for i in range(count)]


def test_csat_score_and_response_rate() -> None:
    """ "The score is the share of 4s and 5s among responses. The response
    rate is responses ÷ surveys sent": ratings 5, 4, 3, 1, 5 out of 8
    surveys sent give a score of 0.6 and a response rate of 0.625."""
    sent = _surveys(8)
    ratings = [5, 4, 3, 1, 5]
    answers = [
        s.respond(r, answered_at=T0 + MINUTE)
        for s, r in zip(sent[:5], ratings, strict=True)
    ]
    result = measure_csat(sent, answers)
    assert 0.6 == result.score
    assert 0.625 == result.response_rate
    assert CsatResult(8, 5, satisfied=3) == result


def test_csat_without_responses_is_none() -> None:
    """ "The score is ... None without any" response; no survey sent: no
    response rate either."""
    assert None is measure_csat(_surveys(3), []).score
    assert None is measure_csat([], []).response_rate


def test_one_survey_per_conversation() -> None:
    """CSAT: "one survey per conversation"."""
    with pytest.raises(InvalidValue, match="one survey per conversation"):
        measure_csat([SurveySent("c", T0), SurveySent("c", T0 + MINUTE)], [])


def test_a_response_must_answer_a_survey_sent_once_after_it() -> None:
    """A response answers one survey, after it was sent, credited to its
    agent."""
    survey = SurveySent("c", T0, agent_id="ana")
    late = survey.respond(5, answered_at=T0)
    with pytest.raises(InvalidValue, match="answers no survey sent"):
        measure_csat([], [late])
    with pytest.raises(InvalidValue, match="one response per survey"):
        measure_csat([survey], [late, late])
    other = SurveyResponse("c", 5, answered_at=T0, agent_id="bo")
    with pytest.raises(InvalidValue, match="credits the survey's agent"):
        measure_csat([survey], [other])
    with pytest.raises(InvalidValue, match="before it is sent"):
        survey.respond(5, answered_at=T0 - MINUTE)


@pytest.mark.parametrize(
    ("kind", "score"),
    [
        (SurveyKind.CSAT, 0),
        (SurveyKind.CSAT, 6),
        (SurveyKind.NPS, 11),
        (SurveyKind.NPS, -1),
        (SurveyKind.CSAT, True),
        (SurveyKind.NPS, 5.0),
    ],
)
def test_scores_outside_the_range_are_refused(kind: SurveyKind, score: object) -> None:
    """ "ratings 1–5" for CSAT and "scores 0–10" for NPS; bools are not
    numbers."""
    with pytest.raises(InvalidValue) as error:
        SurveyResponse("c", score, answered_at=T0, kind=kind)  # type: ignore[arg-type]
    assert "score" == error.value.field


def _chat(*messages: Message) -> Conversation:
    return Conversation("c1", Channel.MESSENGER, customer_id="u", messages=messages)


def test_survey_credited_to_the_last_agent_who_replied_before_it() -> None:
    """ "Each survey is credited to the agent who last replied before it was
    sent": not a later agent, not a bot, not a private note's author."""
    chat = _chat(
        Message("m1", T0, Direction.INBOUND, AuthorKind.CUSTOMER),
        Message(
            "m2", T0 + MINUTE, Direction.OUTBOUND, AuthorKind.AGENT, author_id="ana"
        ),
        Message(
            "m3", T0 + 2 * MINUTE, Direction.OUTBOUND, AuthorKind.BOT, author_id="bot"
        ),
        Message(
            "m4",
            T0 + 3 * MINUTE,
            Direction.OUTBOUND,
            AuthorKind.AGENT,
            kind=MessageKind.PRIVATE_NOTE,
            author_id="cy",
        ),
        Message(
            "m5", T0 + 9 * MINUTE, Direction.OUTBOUND, AuthorKind.AGENT, author_id="bo"
        ),
    )
    survey = SurveySent.for_conversation(chat, sent_at=T0 + 5 * MINUTE)
    assert "ana" == survey.agent_id
    assert "ana" == survey.respond(4, answered_at=T0 + 6 * MINUTE).agent_id
    assert None is SurveySent.for_conversation(chat, sent_at=T0).agent_id


def test_csat_by_agent_adds_up_to_the_total() -> None:
    """Per-agent breakdown "with CSAT credited to the agent who replied"."""
    sent = [*_surveys(2, "ana"), SurveySent("c9", T0, agent_id="bo")]
    answers = [sent[0].respond(5, answered_at=T0), sent[2].respond(2, answered_at=T0)]
    by_agent = csat_by_agent(sent, answers)
    assert {"ana": CsatResult(2, 1, satisfied=1), "bo": CsatResult(1, 1)} == by_agent
    assert 0.5 == by_agent["ana"].response_rate


def test_nps_is_exact_and_unrounded() -> None:
    """ "promoters 9–10, detractors 0–6. The result is the unrounded value in
    [−100, 100]": 10, 9, 8, 7, 6, 0, 10 gives 100/7."""
    answers = [
        SurveyResponse(f"c{i}", score, answered_at=T0, kind=SurveyKind.NPS)
        for i, score in enumerate([10, 9, 8, 7, 6, 0, 10])
    ]
    result = measure_nps(answers)
    assert Fraction(100, 7) == result.value
    assert NpsResult(7, 3, detractors=2) == result


def test_nps_without_responses_is_none() -> None:
    """NPS is "None with no responses"."""
    assert None is measure_nps([]).value


def test_nps_refuses_csat_responses() -> None:
    """An NPS tally counts NPS scores only."""
    with pytest.raises(InvalidValue, match="NPS"):
        measure_nps([SurveyResponse("c", 5, answered_at=T0)])


def test_sentiment_conversion_without_a_negative_start_is_none() -> None:
    """ "the share of conversations that start negative and end neutral or
    positive": with no negative start there is no share (None)."""
    labels = [
        ConversationSentiment("c1", Sentiment.NEUTRAL, end=Sentiment.NEGATIVE),
        ConversationSentiment("c2", Sentiment.POSITIVE, end=Sentiment.POSITIVE),
    ]
    assert None is measure_sentiment(labels).conversion


def test_sentiment_conversion_counts_negative_starts_that_end_well() -> None:
    """Start negative, end neutral or positive: converted."""
    labels = [
        ConversationSentiment("c1", Sentiment.NEGATIVE, end=Sentiment.NEUTRAL),
        ConversationSentiment("c2", Sentiment.NEGATIVE, end=Sentiment.NEGATIVE),
        ConversationSentiment("c3", Sentiment.NEGATIVE, end=Sentiment.POSITIVE),
        ConversationSentiment("c4", Sentiment.POSITIVE, end=Sentiment.NEGATIVE),
    ]
    assert 2 / 3 == measure_sentiment(labels).conversion


class Words:
    """A classifier with no carekit base class."""

    def classify(self, text: str) -> Sentiment:
        if "broken" in text:
            return Sentiment.NEGATIVE
        return Sentiment.POSITIVE if "thanks" in text else Sentiment.NEUTRAL


def test_a_pluggable_classifier_labels_first_and_last_customer_messages() -> None:
    """ "Labels come from the caller or from a pluggable SentimentClassifier":
    the start is the first customer message, the end the last."""
    chat = _chat(
        Message("m1", T0, Direction.INBOUND, AuthorKind.CUSTOMER, text="it's broken"),
        Message(
            "m2", T0 + MINUTE, Direction.OUTBOUND, AuthorKind.AGENT, text="broken?"
        ),
        Message(
            "m3", T0 + 2 * MINUTE, Direction.INBOUND, AuthorKind.CUSTOMER, text="thanks"
        ),
    )
    expected = ConversationSentiment("c1", Sentiment.NEGATIVE, end=Sentiment.POSITIVE)
    assert expected == label_conversation(chat, Words())
    assert None is label_conversation(_chat(), Words())


def test_a_classifier_must_return_a_sentiment() -> None:
    """A label that is not a Sentiment is refused, naming the classifier."""

    class Bad:
        def classify(self, text: str) -> Sentiment:
            return "negative"  # type: ignore[return-value]

    chat = _chat(Message("m1", T0, Direction.INBOUND, AuthorKind.CUSTOMER))
    with pytest.raises(InvalidValue, match="classifier"):
        label_conversation(chat, Bad())


def test_accumulators_pickle_and_round_trip_as_plain_data() -> None:
    """Accumulators are picklable, with a plain-data form that round-trips."""
    survey = SurveySent("c", T0, agent_id="ana")
    accs: list[CsatAccumulator | NpsAccumulator | SentimentAccumulator] = [
        CsatAccumulator().add(survey).add(survey.respond(3, answered_at=T0)),
        NpsAccumulator().add(
            SurveyResponse("c", 9, answered_at=T0, kind=SurveyKind.NPS)
        ),
        SentimentAccumulator().add(
            ConversationSentiment("c", Sentiment.NEGATIVE, end=Sentiment.NEUTRAL)
        ),
    ]
    for acc in accs:
        assert acc == pickle.loads(pickle.dumps(acc))
        assert acc == type(acc).from_data(acc.to_data())


def test_plain_data_of_another_kind_is_refused() -> None:
    """from_data refuses a document it did not write, listing the problems."""
    data = NpsAccumulator().to_data()
    with pytest.raises(StructureError, match="kind"):
        CsatAccumulator.from_data(data)
    with pytest.raises(StructureError, match=r"rows\[0\]"):
        CsatAccumulator.from_data(
            {
                "kind": "csat",
                "columns": ["key", *CsatAccumulator.COLUMNS],
                "rows": [["a", 1, -1, 0]],
            }
        )


def test_merge_refuses_another_kind_and_wrong_items() -> None:
    """merge combines accumulators of one kind; add takes its own items."""
    with pytest.raises(InvalidValue, match="other"):
        CsatAccumulator().merge(NpsAccumulator())  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="item"):
        CsatAccumulator().add("survey")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="kind"):
        CsatAccumulator().add(SurveySent("c", T0, kind=SurveyKind.NPS))


def test_the_bulk_rows_count_as_the_models() -> None:
    """The bulk path, one (agent, rating or None) per survey, gives the
    counts of adding each survey and its response."""
    sent = [SurveySent("c1", T0, agent_id="ana"), SurveySent("c2", T0)]
    answers = [sent[0].respond(4, answered_at=T0)]
    expected = CsatAccumulator().feed(sent).feed(answers)
    assert expected == CsatAccumulator().feed_rows([("ana", 4), (None, None)])


@pytest.mark.parametrize("row", [("ana", 6), ("ana", True), ("", 5), ("ana",), 5])
def test_a_bad_bulk_row_is_refused_by_index(row: object) -> None:
    """A bulk row is (agent_id or None, a rating from 1 to 5 or None); a
    refused call counts nothing."""
    acc = CsatAccumulator().feed_rows([("bo", 2)])
    before = acc.to_data()
    with pytest.raises(InvalidValue) as error:
        acc.feed_rows([(None, 5), row])  # type: ignore[list-item]
    assert "rows[1]" == error.value.field
    assert before == acc.to_data()  # nothing of the refused call was counted


def test_the_keyword_baseline_counts_whole_words() -> None:
    """KeywordClassifier: more negative than positive words is NEGATIVE,
    more positive POSITIVE, else NEUTRAL; whole words, any case."""
    words = KeywordClassifier(negative=["Broken"], positive=["thanks"])
    assert ("broken",) == words.negative
    assert Sentiment.NEGATIVE is words.classify("It's BROKEN.")
    assert Sentiment.NEUTRAL is words.classify("unbroken, thanks, broken")
    assert Sentiment.POSITIVE is words.classify("thanks!")
    assert Sentiment.NEUTRAL is words.classify("")
    with pytest.raises(InvalidValue, match="positive"):
        KeywordClassifier(positive=["two words"])


def test_csat_ratings_in_rows_are_ints() -> None:
    """CSAT: ratings 1-5, an int ("bools are not numbers"; a float such as
    4.0 is not a rating): feed_rows refuses it naming rows[i] and changes
    nothing."""
    acc = CsatAccumulator()
    for rating in (4.0, True):
        with pytest.raises(InvalidValue) as error:
            acc.feed_rows([("a", 5), ("a", rating)])  # type: ignore[list-item]
        assert "rows[1]" == error.value.field
    assert CsatAccumulator() == acc


def test_csat_responses_never_exceed_the_surveys_sent() -> None:
    """The response rate is responses ÷ surveys sent, and a response answers
    a survey sent: CsatResult and a plain form with more responses than
    surveys are refused (so partitions must be by conversation)."""
    with pytest.raises(InvalidValue) as error:
        CsatResult(2, 5)
    assert "responses" == error.value.field
    data = {
        "kind": "csat",
        "columns": ["key", *CsatAccumulator.COLUMNS],
        "rows": [["ana", 2, 5, 1]],
    }
    with pytest.raises(StructureError, match="responses cannot exceed sent"):
        CsatAccumulator.from_data(data)
    data["rows"] = [["ana", 5, 2, 3]]
    with pytest.raises(StructureError, match="satisfied cannot exceed responses"):
        CsatAccumulator.from_data(data)


def test_bad_feedback_arguments_are_refused_by_name() -> None:
    """Bad input raises InvalidValue naming the field: surveys must be an
    iterable, word lists are collections of words (a str is not split into
    letters), and a classifier has ``classify``."""
    with pytest.raises(InvalidValue) as error:
        measure_csat(None, [])  # type: ignore[arg-type]
    assert "surveys" == error.value.field
    with pytest.raises(InvalidValue) as error:
        KeywordClassifier(negative="bad")
    assert "negative" == error.value.field
    with pytest.raises(InvalidValue) as error:
        KeywordClassifier(positive="good")
    assert "positive" == error.value.field
    chat = Conversation(
        "c1",
        Channel.MESSENGER,
        customer_id="u",
        messages=[Message("m1", T0, Direction.INBOUND, AuthorKind.CUSTOMER)],
    )
    with pytest.raises(InvalidValue) as error:
        label_conversation(chat, None)  # type: ignore[arg-type]
    assert "classifier" == error.value.field
