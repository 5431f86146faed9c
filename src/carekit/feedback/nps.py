"""Net Promoter Score (NPS).

Rules: scores are ints from 0 to 10; **promoters** score 9 or 10,
**detractors** 0 to 6 (7 and 8 are passives). NPS = % promoters −
% detractors, in [−100, 100], **unrounded**: it is an exact
:class:`fractions.Fraction` (10, 9, 8, 7, 6, 0, 10 give ``Fraction(100, 7)``,
about 14.29); round it yourself for display. ``None`` with no responses.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Self

from attrs import field, frozen

from carekit.errors import InvalidValue
from carekit.feedback._tally import Key, KeyedCounts, check_count, check_parts
from carekit.feedback.surveys import SurveyKind, SurveyResponse

__all__ = ["DETRACTORS", "PROMOTERS", "NpsAccumulator", "NpsResult", "measure_nps"]

PROMOTERS = frozenset({9, 10})
"""The NPS scores of promoters: 9 and 10."""
DETRACTORS = frozenset(range(7))
"""The NPS scores of detractors: 0 to 6."""


@frozen
class NpsResult:
    """The counts of an NPS evaluation, and its value.

    Attributes:
        responses: Scores received.
        promoters: Scores of 9 or 10.
        detractors: Scores from 0 to 6 (promoters and detractors together
            are at most ``responses``).
    """

    responses: int = field(validator=check_count)
    promoters: int = field(validator=check_count)
    detractors: int = field(default=0, kw_only=True, validator=check_count)

    def __attrs_post_init__(self) -> None:
        check_parts(self, "responses", "promoters", "detractors")
        if self.promoters + self.detractors > self.responses:
            raise InvalidValue(
                "detractors",
                self.detractors,
                f"promoters and detractors cannot exceed responses ({self.responses})",
            )

    @property
    def value(self) -> Fraction | None:
        """% promoters − % detractors, exact, in [−100, 100]; ``None``
        without responses."""
        if not self.responses:
            return None
        return Fraction(100 * (self.promoters - self.detractors), self.responses)


class NpsAccumulator(KeyedCounts[SurveyResponse]):
    """NPS counts per credited agent, to add to and merge.

    ``add`` changes this accumulator and returns it; ``merge`` and
    ``extract`` are pure, and merging any partition equals one pass.
    """

    __slots__ = ()
    KIND = "nps"
    COLUMNS = ("responses", "promoters", "detractors")

    def add(self, item: SurveyResponse) -> Self:
        """Count one NPS response (in place); returns ``self``.

        Raises:
            InvalidValue: *item* is not an NPS :class:`SurveyResponse`.
        """
        if not isinstance(item, SurveyResponse) or item.kind is not SurveyKind.NPS:
            raise InvalidValue("item", item, "must be an NPS SurveyResponse")
        score = item.score
        self.bump(item.agent_id, (1, int(score in PROMOTERS), int(score in DETRACTORS)))
        return self

    def extract(self) -> NpsResult:
        """The counts of every agent together."""
        responses, promoters, detractors = self.totals()
        return NpsResult(responses, promoters, detractors=detractors)

    def by_agent(self) -> dict[Key, NpsResult]:
        """The counts per credited agent, agents sorted (``None`` first)."""
        return {
            agent: NpsResult(responses, promoters, detractors=detractors)
            for agent, (responses, promoters, detractors) in self.keyed().items()
        }


def measure_nps(responses: Iterable[SurveyResponse]) -> NpsResult:
    """The NPS of *responses*.

    Raises:
        InvalidValue: A response is not an NPS response.

    >>> import datetime as dt
    >>> t = dt.datetime(2024, 5, 6, tzinfo=dt.UTC)
    >>> scores = [10, 9, 8, 7, 6, 0, 10]
    >>> answers = [SurveyResponse(f"c{i}", s, answered_at=t, kind=SurveyKind.NPS)
    ...            for i, s in enumerate(scores)]
    >>> measure_nps(answers).value
    Fraction(100, 7)
    """
    return NpsAccumulator().feed(responses).extract()
