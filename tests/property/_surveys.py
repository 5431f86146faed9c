"""CSAT histories for the accumulator properties: surveys, each answered
at most once, by conversation (a response never without the survey it
answers, the partition rule of ``CsatAccumulator``)."""

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from carekit.feedback import SurveyKind, SurveyResponse, SurveySent
from carekit.testing import strategies as cks

AGENTS = st.none() | st.sampled_from(["ana", "bo", "cy"])


@st.composite
def _answered(draw: st.DrawFn) -> list[SurveySent | SurveyResponse]:
    survey = draw(cks.surveys_sent(kinds=st.just(SurveyKind.CSAT), agents=AGENTS))
    rating = draw(st.none() | st.integers(1, 5))
    if rating is None:
        return [survey]
    later = draw(st.timedeltas(dt.timedelta(0), dt.timedelta(days=3)))
    answered = survey.sent_at.astimezone(dt.UTC) + later  # by instant, not wall
    return [survey, survey.respond(rating, answered_at=answered)]


def csat_histories(max_size: int) -> st.SearchStrategy[list[Any]]:
    """Up to *max_size* surveys of distinct conversations and their
    responses, in any order."""
    return st.lists(
        _answered(), max_size=max_size, unique_by=lambda pair: pair[0].conversation_id
    ).flatmap(lambda pairs: st.permutations([item for pair in pairs for item in pair]))
