"""The one error tree of carekit.

Every exception carekit raises derives from :class:`CarekitError`, and each
concrete class also derives from the builtin a caller would naturally catch,
so ``except ValueError`` keeps working in code that never heard of carekit.

Each error carries structured attributes (``field``, ``value``, ``rule``)
as well as a readable message:

>>> from carekit.errors import InvalidValue
>>> try:
...     raise InvalidValue("amount", 1.5, "floats are refused; use Decimal")
... except ValueError as exc:
...     print(exc.field, "|", exc)  # io-ok: doctest output
amount | amount: floats are refused; use Decimal (got 1.5)
"""

from __future__ import annotations

import reprlib
from collections.abc import Sequence

__all__ = [
    "REDACTED",
    "CarekitError",
    "CurrencyMismatch",
    "IllegalTransition",
    "InvalidValue",
    "PermissionDenied",
    "PolicyError",
    "StructureError",
]

#: Placeholder used instead of a value that must never be echoed back
#: (for example a full card number).
REDACTED = "<redacted>"


# Values are shown shortened: a message never grows with its input (a
# million-item list, a 5,000-digit int that ``repr`` refuses to print).
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother, _REPR.maxlong = 3, 60, 60, 60


def shown(value: object) -> str:
    """*value* as an error message shows it: its ``repr``, shortened.

    >>> shown(list(range(100)))
    '[0, 1, 2, 3, 4, 5, ...]'
    >>> shown(10**5000)
    '<int of 16610 bits>'

    Never raises: a value whose ``repr`` fails is shown by its type.
    """
    if isinstance(value, int) and value.bit_length() > 192:
        return f"<{type(value).__name__} of {value.bit_length()} bits>"
    try:
        return _REPR.repr(value)
    except Exception:  # a broken __repr__ must not hide the real error
        return f"<{type(value).__name__}>"


class CarekitError(Exception):
    """Root of every error carekit raises."""


class InvalidValue(CarekitError, ValueError):
    """A value breaks a rule of the model or function it was given to.

    Attributes:
        field: The name of the offending field or argument.
        value: The offending value (or :data:`REDACTED`).
        rule: The rule that was broken, in words.
    """

    def __init__(self, field: str, value: object, rule: str) -> None:
        self.field = field
        self.value = value
        self.rule = rule
        super().__init__(f"{field}: {rule} (got {shown(value)})")

    def __reduce__(self) -> tuple[type[InvalidValue], tuple[str, object, str]]:
        return (type(self), (self.field, self.value, self.rule))


class CurrencyMismatch(InvalidValue):
    """Money in two currencies was combined.

    Arithmetic and comparison across currencies have no meaning without an
    exchange rate, which carekit never guesses.
    """


class PolicyError(InvalidValue):
    """A policy was asked for something its rule forbids.

    Example: an admin asks for a *faster* displayed response time than the
    computed one.
    """


class IllegalTransition(CarekitError, ValueError):
    """A lifecycle was asked to make a move its transition table forbids.

    Attributes:
        machine: The lifecycle's name (for example ``"payment"``).
        state: The state the object was in.
        event: The move that was asked for.
    """

    def __init__(self, machine: str, state: object, event: object) -> None:
        self.machine = machine
        self.state = state
        self.event = event
        self.field = "status"
        self.rule = f"{machine} cannot {event!s} from state {state!s}"
        super().__init__(self.rule)

    def __reduce__(
        self,
    ) -> tuple[type[IllegalTransition], tuple[str, object, object]]:
        return (type(self), (self.machine, self.state, self.event))


class PermissionDenied(CarekitError, PermissionError):
    """A read or action needs a role or a consent that is missing.

    Attributes:
        field: What was asked for (for example ``"notes"``).
        who: The role or party that asked.
        rule: The rule that denies it.
    """

    def __init__(self, field: str, who: object, rule: str) -> None:
        self.field = field
        self.who = who
        self.rule = rule
        who_text = who if isinstance(who, str) else shown(who)
        super().__init__(f"{field}: {rule} (asked by {who_text})")

    def __reduce__(self) -> tuple[type[PermissionDenied], tuple[str, object, str]]:
        return (type(self), (self.field, self.who, self.rule))


class StructureError(CarekitError, ValueError):
    """Plain data could not be turned into a carekit model.

    Reports *every* failing field at once, each as a path into the data
    (``$.messages[0].timestamp``) with the reason.

    Attributes:
        target: The name of the model that was being built.
        errors: One line per failing field.
    """

    def __init__(self, target: str, errors: Sequence[str]) -> None:
        self.target = target
        self.errors = tuple(errors)
        self.field = self.errors[0].rpartition(" @ ")[2] if self.errors else "$"
        listing = "; ".join(self.errors) or "invalid data"
        super().__init__(f"cannot build {target}: {listing}")

    def __reduce__(self) -> tuple[type[StructureError], tuple[str, tuple[str, ...]]]:
        return (type(self), (self.target, self.errors))
