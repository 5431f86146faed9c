"""Customer satisfaction (CSAT).

Rules (carekit's reading of the usual CSAT survey):

- One survey per conversation, rated 1 to 5.
- **Score** = share of 4s and 5s among the responses; ``None`` without any
  response, never a division error.
- **Response rate** = responses ÷ surveys sent; ``None`` with no survey sent.
- Each survey is credited to the agent who last replied before it was sent
  (:func:`carekit.feedback.credited_agent`), and so is its response.

Shares are floats (like ``ResponseStats.rate``): 3 of 5 is ``0.6``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Self

from attrs import field, frozen

from carekit._instants import instant_key
from carekit._validate import iterable
from carekit.errors import InvalidValue
from carekit.feedback._tally import Key, KeyedCounts, check_count, check_parts
from carekit.feedback.surveys import (
    SCORE_RANGES,
    SurveyKind,
    SurveyResponse,
    SurveySent,
)

__all__ = [
    "SATISFIED",
    "CsatAccumulator",
    "CsatResult",
    "csat_by_agent",
    "measure_csat",
]

SATISFIED = frozenset({4, 5})
"""The ratings that count as satisfied: 4 and 5."""


@frozen
class CsatResult:
    """The counts of a CSAT evaluation, and the score and response rate.

    Attributes:
        sent: Surveys sent.
        responses: Surveys answered (at most ``sent``: a response answers a
            survey sent).
        satisfied: Responses rated 4 or 5 (at most ``responses``).
    """

    sent: int = field(validator=check_count)
    responses: int = field(validator=check_count)
    satisfied: int = field(default=0, kw_only=True, validator=check_count)

    def __attrs_post_init__(self) -> None:
        check_parts(self, "sent", "responses")
        check_parts(self, "responses", "satisfied")

    @property
    def score(self) -> float | None:
        """Share of 4s and 5s among the responses; ``None`` without any."""
        return self.satisfied / self.responses if self.responses else None

    @property
    def response_rate(self) -> float | None:
        """Responses ÷ surveys sent; ``None`` when none was sent."""
        return self.responses / self.sent if self.sent else None


_ROW_RULE = "must be (agent_id or None, a rating from 1 to 5 or None)"
#: Per valid rating, whether it counts as satisfied (1) or not (0).
_SATISFIED_FLAG = {
    rating: int(rating in SATISFIED) for rating in SCORE_RANGES[SurveyKind.CSAT]
}


class _BadRow(Exception):
    """A bulk row broke the row rule (caught and reported by index)."""


def _csat_only(item: SurveySent | SurveyResponse) -> None:
    if item.kind is not SurveyKind.CSAT:
        raise InvalidValue("kind", item.kind.value, "a CSAT tally takes CSAT surveys")


class CsatAccumulator(KeyedCounts[SurveySent | SurveyResponse]):
    """CSAT counts per credited agent, to add to and merge.

    ``add`` changes this accumulator and returns it; ``merge`` and
    ``extract`` are pure. Merging the accumulators of any partition of the
    surveys and responses gives what one pass gives. It counts what it is
    given: :func:`measure_csat` checks the one-survey rule first.

    Partition by conversation: a response belongs with the survey it
    answers, so no accumulator (nor a row of its plain form) holds more
    responses than surveys sent; :meth:`extract` and :meth:`from_data`
    refuse one that does.

    >>> import datetime as dt
    >>> t = dt.datetime(2024, 5, 6, tzinfo=dt.UTC)
    >>> survey = SurveySent("c1", t, agent_id="ana")
    >>> acc = CsatAccumulator().add(survey).add(survey.respond(5, answered_at=t))
    >>> acc.extract().score, acc.extract().response_rate
    (1.0, 1.0)
    """

    __slots__ = ()
    KIND = "csat"
    COLUMNS = ("sent", "responses", "satisfied")
    LIMITS = ((1, 0), (2, 1))

    def add(self, item: SurveySent | SurveyResponse) -> Self:
        """Count a survey sent or a response (in place); returns ``self``.

        Raises:
            InvalidValue: *item* is neither, or is an NPS survey.
        """
        match item:
            case SurveySent():
                _csat_only(item)
                self.bump(item.agent_id, (1, 0, 0))
            case SurveyResponse():
                _csat_only(item)
                self.bump(item.agent_id, (0, 1, int(item.score in SATISFIED)))
            case _:
                raise InvalidValue(
                    "item", item, "must be a SurveySent or SurveyResponse"
                )
        return self

    def feed_rows(self, rows: Iterable[tuple[str | None, int | None]]) -> Self:
        """The bulk path: one ``(agent_id, rating)`` per CSAT survey sent,
        the rating ``None`` while unanswered; returns ``self``.

        The same counts as adding each survey and its response, without
        building a model per survey (STYLE habit 8). The rows are counted
        apart and added at the end, so on an error this accumulator is
        unchanged.

        Raises:
            InvalidValue: A row is not ``(agent_id or None, rating 1-5 or
                None)``, named ``rows[i]`` (a rating is an ``int``: not a
                float such as ``4.0``, nor a bool).
        """
        try:
            items = iter(rows)
        except TypeError:
            raise InvalidValue("rows", rows, "must be an iterable of rows") from None
        table: dict[Key, list[int]] = {}
        get, flag_of = table.get, _SATISFIED_FLAG.get
        row: object = None
        try:
            for row in items:
                agent, rating = row
                counts = get(agent)
                if counts is None:
                    if agent is not None and not (type(agent) is str and agent.strip()):
                        raise _BadRow
                    counts = table[agent] = [0, 0, 0]
                counts[0] += 1
                if rating is not None:
                    flag = flag_of(rating)
                    if flag is None or rating.__class__ is not int:
                        counts[0] -= 1
                        raise _BadRow
                    counts[1] += 1
                    counts[2] += flag
        except (_BadRow, TypeError, ValueError):
            # Each row counted so far added one survey: the count is the index.
            index = sum(counts[0] for counts in table.values())
            raise InvalidValue(f"rows[{index}]", row, _ROW_RULE) from None
        for agent, counts in table.items():
            self.bump(agent, tuple(counts))
        return self

    def extract(self) -> CsatResult:
        """The counts of every agent together."""
        sent, responses, satisfied = self.totals()
        return CsatResult(sent, responses, satisfied=satisfied)

    def by_agent(self) -> dict[Key, CsatResult]:
        """The counts per credited agent (``None``: no agent replied before
        the survey), agents sorted; they add up to :meth:`extract`."""
        return {
            agent: CsatResult(sent, responses, satisfied=satisfied)
            for agent, (sent, responses, satisfied) in self.keyed().items()
        }


def _checked(
    surveys: Iterable[SurveySent], responses: Iterable[SurveyResponse]
) -> CsatAccumulator:
    """The accumulator of *surveys* and *responses* once the survey rules
    hold: one survey per conversation, one response per survey, answered
    after it was sent and credited to its agent."""
    sent: dict[str, SurveySent] = {}
    acc = CsatAccumulator()
    responses = iterable(responses, "responses", "SurveyResponse")
    for index, survey in enumerate(iterable(surveys, "surveys", "SurveySent")):
        acc.add(survey)
        if survey.conversation_id in sent:
            raise InvalidValue(
                f"surveys[{index}]",
                survey.conversation_id,
                "one survey per conversation",
            )
        sent[survey.conversation_id] = survey
    answered: set[str] = set()
    for index, response in enumerate(responses):
        acc.add(response)
        _matches(f"responses[{index}]", response, sent.get(response.conversation_id))
        if response.conversation_id in answered:
            raise InvalidValue(
                f"responses[{index}]",
                response.conversation_id,
                "one response per survey",
            )
        answered.add(response.conversation_id)
    return acc


def _matches(name: str, response: SurveyResponse, survey: SurveySent | None) -> None:
    if survey is None:
        raise InvalidValue(name, response.conversation_id, "answers no survey sent")
    if instant_key(response.answered_at) < instant_key(survey.sent_at):
        raise InvalidValue(name, response.answered_at, "answered before it was sent")
    if response.agent_id != survey.agent_id:
        raise InvalidValue(name, response.agent_id, "credits the survey's agent")


def measure_csat(
    surveys: Iterable[SurveySent], responses: Iterable[SurveyResponse]
) -> CsatResult:
    """The CSAT score and response rate of *surveys* and their *responses*.

    Raises:
        InvalidValue: A survey or response is not CSAT; two surveys share a
            conversation; a response answers no survey, answers one twice,
            precedes it or credits another agent.

    >>> import datetime as dt
    >>> t = dt.datetime(2024, 5, 6, tzinfo=dt.UTC)
    >>> sent = [SurveySent(f"c{i}", t) for i in range(8)]
    >>> answers = [s.respond(r, answered_at=t) for s, r in zip(sent, [5, 4, 3, 1, 5])]
    >>> result = measure_csat(sent, answers)
    >>> result.score, result.response_rate
    (0.6, 0.625)
    """
    return _checked(surveys, responses).extract()


def csat_by_agent(
    surveys: Iterable[SurveySent], responses: Iterable[SurveyResponse]
) -> dict[Key, CsatResult]:
    """:func:`measure_csat` per credited agent (``None``: uncredited).

    Raises:
        InvalidValue: As :func:`measure_csat`.
    """
    return _checked(surveys, responses).by_agent()
