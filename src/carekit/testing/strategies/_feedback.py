"""Strategies for feedback: surveys and their responses, the counts of CSAT,
NPS, sentiment conversion and commerce satisfaction, and risk bands."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from carekit.feedback import (
    SCORE_RANGES,
    CommerceSatisfaction,
    ConversationSentiment,
    CsatResult,
    KeywordClassifier,
    NpsResult,
    RiskBands,
    Sentiment,
    SentimentResult,
    SurveyKind,
    SurveyResponse,
    SurveySent,
)

from ._common import identifiers
from ._time import aware_datetimes

__all__ = [
    "commerce_satisfactions",
    "conversation_sentiments",
    "csat_results",
    "keyword_classifiers",
    "nps_results",
    "risk_bands",
    "sentiment_results",
    "strategies_by_type",
    "survey_responses",
    "surveys_sent",
]

_COUNTS = st.integers(min_value=0, max_value=10_000)


def surveys_sent(
    *,
    kinds: st.SearchStrategy[SurveyKind] | None = None,
    agents: st.SearchStrategy[str | None] | None = None,
    times: st.SearchStrategy[dt.datetime] | None = None,
) -> st.SearchStrategy[SurveySent]:
    """Surveys sent, shrinking to a CSAT survey with no credited agent.

    Args:
        kinds: Strategy for the kind; default CSAT or NPS.
        agents: Strategy for the credited agent; default ``None`` or an id.
        times: Strategy for ``sent_at``; default :func:`aware_datetimes`.
    """
    return st.builds(
        SurveySent,
        identifiers(),
        times if times is not None else aware_datetimes(),
        kind=kinds if kinds is not None else st.sampled_from(SurveyKind),
        agent_id=agents if agents is not None else st.none() | identifiers(),
    )


@st.composite
def _responses(
    draw: st.DrawFn,
    kinds: st.SearchStrategy[SurveyKind],
    agents: st.SearchStrategy[str | None],
    times: st.SearchStrategy[dt.datetime],
) -> SurveyResponse:
    kind = draw(kinds)
    return SurveyResponse(
        draw(identifiers()),
        draw(st.sampled_from(SCORE_RANGES[kind])),
        answered_at=draw(times),
        kind=kind,
        agent_id=draw(agents),
    )


def survey_responses(
    *,
    kinds: st.SearchStrategy[SurveyKind] | None = None,
    agents: st.SearchStrategy[str | None] | None = None,
    times: st.SearchStrategy[dt.datetime] | None = None,
) -> st.SearchStrategy[SurveyResponse]:
    """Responses with a score in their kind's range (CSAT 1-5, NPS 0-10).

    Args:
        kinds: Strategy for the kind; default CSAT or NPS.
        agents: Strategy for the credited agent; default ``None`` or an id.
        times: Strategy for ``answered_at``; default :func:`aware_datetimes`.
    """
    return _responses(
        kinds if kinds is not None else st.sampled_from(SurveyKind),
        agents if agents is not None else st.none() | identifiers(),
        times if times is not None else aware_datetimes(),
    )


@st.composite
def _nested_counts(draw: st.DrawFn, depth: int) -> list[int]:
    """Counts each at most the one before: ``[whole, part, part of part]``."""
    counts = [draw(_COUNTS)]
    for _ in range(depth):
        counts.append(draw(st.integers(min_value=0, max_value=counts[-1])))
    return counts


def csat_results() -> st.SearchStrategy[CsatResult]:
    """CSAT counts with satisfied ≤ responses ≤ sent (a response answers a
    survey sent)."""
    return _nested_counts(2).map(
        lambda counts: CsatResult(counts[0], counts[1], satisfied=counts[2])
    )


def nps_results() -> st.SearchStrategy[NpsResult]:
    """NPS counts with promoters + detractors ≤ responses."""
    return _nested_counts(2).map(
        lambda c: NpsResult(c[0], c[1] - c[2], detractors=c[2])
    )


def conversation_sentiments() -> st.SearchStrategy[ConversationSentiment]:
    """Labelled conversations, shrinking to negative → negative."""
    labels = st.sampled_from(Sentiment)
    return st.builds(ConversationSentiment, identifiers(), labels, end=labels)


def sentiment_results() -> st.SearchStrategy[SentimentResult]:
    """Sentiment counts with converted ≤ started negative ≤ conversations."""
    return _nested_counts(2).map(lambda c: SentimentResult(c[0], c[1], converted=c[2]))


def commerce_satisfactions() -> st.SearchStrategy[CommerceSatisfaction]:
    """Commerce counts with answered in time ≤ messages."""
    return st.builds(
        lambda counts, pending: CommerceSatisfaction(
            counts[0], counts[1], pending=pending
        ),
        _nested_counts(1),
        _COUNTS,
    )


def keyword_classifiers() -> st.SearchStrategy[KeywordClassifier]:
    """Keyword classifiers with small lowercase word lists, shrinking to
    empty lists."""
    words = st.lists(st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8))
    return st.builds(KeywordClassifier, negative=words, positive=words)


def risk_bands() -> st.SearchStrategy[RiskBands]:
    """Risk bands with medium ≤ low, in [0, 1]."""
    shares = st.floats(min_value=0, max_value=1)
    return st.tuples(shares, shares).map(
        lambda pair: RiskBands(low=max(pair), medium=min(pair))
    )


def strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each feedback model."""
    return {
        SurveySent: surveys_sent(),
        SurveyResponse: survey_responses(),
        CsatResult: csat_results(),
        NpsResult: nps_results(),
        ConversationSentiment: conversation_sentiments(),
        SentimentResult: sentiment_results(),
        CommerceSatisfaction: commerce_satisfactions(),
        RiskBands: risk_bands(),
        KeywordClassifier: keyword_classifiers(),
    }
