"""HEARD, a per-ticket checklist: Hear, Empathize, Apologize, Resolve, Diagnose.

The response strategy, as Deph Digital recommends it in its customer-care
notes for brands on Twitter (2019):

    "Hear - listen to what the customer has to say; Empathize - take into
    consideration the customer's time, money, and feelings; Apologize - take
    accountability for the situation; Resolve - try to fix the error if
    possible or compensate the customer; Diagnose - explore how the error
    happened and what safeguards can be implemented to protect customers in
    the future."

Each step is ticked by an agent at an instant; Diagnose records the cause
and the safeguard. A :class:`HeardPolicy` says which steps must be done
before a ticket may close.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final, Protocol

import attrs
from attrs import field, frozen

from carekit._instants import instant_key, utc_instant
from carekit._validate import aware_datetime, enum_member, non_empty_str
from carekit.errors import InvalidValue
from carekit.tickets._convert import checked_tuple, enum_tuple

if TYPE_CHECKING:
    from carekit.tickets.ticket import Ticket

__all__ = [
    "DIAGNOSE_BEFORE_CLOSE",
    "HEARD_2019",
    "HEARD_OPTIONAL",
    "Diagnosis",
    "HeardChecklist",
    "HeardPolicy",
    "HeardRequirement",
    "HeardStep",
    "HeardTick",
]


class HeardStep(enum.Enum):
    """A step of HEARD, in its order."""

    HEAR = "hear"
    EMPATHIZE = "empathize"
    APOLOGIZE = "apologize"
    RESOLVE = "resolve"
    DIAGNOSE = "diagnose"
    """Recorded with :class:`Diagnosis`: the cause and the safeguard."""


@frozen
class HeardTick:
    """One step of HEARD, done.

    Attributes:
        step: Which step (any but ``DIAGNOSE``, which is a :class:`Diagnosis`).
        by: The agent who ticked it.
        at: When (timezone-aware).
    """

    step: HeardStep = field(validator=enum_member(HeardStep))
    by: str = field(validator=non_empty_str)
    at: dt.datetime = field(validator=aware_datetime, eq=instant_key)

    def __attrs_post_init__(self) -> None:
        if self.step is HeardStep.DIAGNOSE:
            raise InvalidValue(
                "step", self.step.value, "Diagnose is recorded as a Diagnosis"
            )


@frozen
class Diagnosis:
    """Diagnose, done: "how the error happened and what safeguards can be
    implemented to protect customers in the future".

    Attributes:
        cause: How the error happened.
        safeguard: What prevents it from happening again.
        by: The agent who recorded it.
        at: When (timezone-aware).
    """

    cause: str = field(validator=non_empty_str)
    safeguard: str = field(validator=non_empty_str)
    by: str = field(kw_only=True, validator=non_empty_str)
    at: dt.datetime = field(kw_only=True, validator=aware_datetime, eq=instant_key)


def _ticks(items: Iterable[HeardTick]) -> tuple[HeardTick, ...]:
    return checked_tuple(items, HeardTick, "ticks")


def _unique_steps(
    _inst: object, _attribute: attrs.Attribute[Any], ticks: tuple[HeardTick, ...]
) -> None:
    steps = [tick.step for tick in ticks]
    if len(set(steps)) != len(steps):
        raise InvalidValue("ticks", [s.value for s in steps], "each step once")


def _optional_diagnosis(_inst: object, _a: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, Diagnosis):
        raise InvalidValue("diagnosis", value, "must be a Diagnosis or None")


@frozen
class HeardChecklist:
    """A ticket's HEARD checklist: who did which step, and when.

    Attributes:
        ticks: The steps done besides Diagnose, each once, in the order done.
        diagnosis: The Diagnose step, once recorded.
    """

    ticks: tuple[HeardTick, ...] = field(
        default=(), converter=_ticks, validator=_unique_steps
    )
    diagnosis: Diagnosis | None = field(
        default=None, kw_only=True, validator=_optional_diagnosis
    )

    @property
    def done(self) -> frozenset[HeardStep]:
        """The steps done so far."""
        steps = {tick.step for tick in self.ticks}
        if self.diagnosis is not None:
            steps.add(HeardStep.DIAGNOSE)
        return frozenset(steps)

    @property
    def missing(self) -> tuple[HeardStep, ...]:
        """The steps not done yet, in HEARD order."""
        done = self.done
        return tuple(step for step in HeardStep if step not in done)

    def tick(self, step: HeardStep, *, by: str, at: dt.datetime) -> HeardChecklist:
        """The checklist with *step* done by *by* at *at*.

        Raises:
            InvalidValue: *step* is already done (that changes nothing), or it
                is Diagnose (use :meth:`diagnose`).
        """
        if step in self.done:
            raise InvalidValue("step", step.value, "already done: that changes nothing")
        tick = HeardTick(step, by, utc_instant(at, "at"))
        return attrs.evolve(self, ticks=(*self.ticks, tick))

    def diagnose(
        self, cause: str, safeguard: str, *, by: str, at: dt.datetime
    ) -> HeardChecklist:
        """The checklist with Diagnose recorded (or revised).

        Raises:
            InvalidValue: The cause and safeguard are those already recorded
                (that changes nothing), or either is blank.
        """
        old = self.diagnosis
        if old is not None and (old.cause, old.safeguard) == (cause, safeguard):
            raise InvalidValue(
                "diagnosis", cause, "already recorded: that changes nothing"
            )
        found = Diagnosis(cause, safeguard, by=by, at=utc_instant(at, "at"))
        return attrs.evolve(self, diagnosis=found)


class HeardPolicy(Protocol):
    """Which HEARD steps a ticket needs before it may close."""

    def required_to_close(self, ticket: Ticket) -> frozenset[HeardStep]:
        """The steps that must be done before *ticket* closes."""
        ...


def _steps(items: Iterable[HeardStep]) -> tuple[HeardStep, ...]:
    return enum_tuple(items, HeardStep, "steps")


@frozen
class HeardRequirement:
    """The same HEARD steps are required of every ticket before it closes.

    Attributes:
        steps: The steps required, kept in HEARD order without duplicates
            (empty: closing needs none).
    """

    steps: tuple[HeardStep, ...] = field(
        default=(HeardStep.DIAGNOSE,), converter=_steps
    )

    def required_to_close(self, ticket: Ticket) -> frozenset[HeardStep]:
        """:attr:`steps`, whatever the ticket."""
        return frozenset(self.steps)


DIAGNOSE_BEFORE_CLOSE: Final = HeardRequirement((HeardStep.DIAGNOSE,))
"""The default: a ticket cannot close until Diagnose records the cause and
the safeguard."""

HEARD_2019: Final = HeardRequirement(tuple(HeardStep))
"""All five steps of Deph Digital's HEARD strategy (2019) before closing."""

HEARD_OPTIONAL: Final = HeardRequirement(())
"""HEARD is kept as a record only; closing needs no step."""
