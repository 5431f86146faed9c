"""Language detection behind a :class:`LanguageDetector` Protocol.

By default the caller supplies the language label (:class:`CallerSupplied`:
carekit detects nothing). With the ``language`` extra
(``pip install carekit[language]``), :class:`LangidDetector` wraps py3langid,
an offline identifier, restricted to the page's own languages so that it only
ever answers one of them.
"""

from __future__ import annotations

import functools
from typing import Any, Protocol, runtime_checkable

from attrs import field, frozen

from carekit.errors import InvalidValue
from carekit.routing.languages import base_language, language_tags

__all__ = [
    "CallerSupplied",
    "LangidDetector",
    "LanguageDetector",
    "detect_language",
]


@runtime_checkable
class LanguageDetector(Protocol):
    """Guesses the BCP 47 tag of a text, or ``None`` when it cannot tell."""

    def detect(self, text: str) -> str | None:
        """The language *text* is written in, or ``None``."""
        ...


@frozen
class CallerSupplied:
    """The default: no detection, the caller supplies the label."""

    def detect(self, text: str) -> str | None:
        """Always ``None``: use the label you have."""
        return None


def _confidence(_inst: object, _attribute: object, value: object) -> None:
    if not isinstance(value, float) or not 0.0 <= value < 1.0:
        raise InvalidValue("min_confidence", value, "must be a float in [0, 1)")


def _page_languages(value: Any) -> tuple[str, ...]:
    """Validated tags, in the caller's order of preference (sorted for a set)."""
    tags = language_tags(value, "languages")
    if not tags:
        raise InvalidValue("languages", value, "must name at least one language")
    return tuple(dict.fromkeys(value)) if isinstance(value, tuple | list) else tags


@frozen
class LangidDetector:
    """py3langid restricted to a page's languages (the ``language`` extra).

    Attributes:
        languages: The page's BCP 47 tags; a detected language is answered as
            the first of these with its base language (``es`` → ``es-MX``).
        min_confidence: Below this probability, :meth:`detect` answers ``None``.

    Raises:
        InvalidValue: *languages* is empty or not BCP 47 tags.
    """

    languages: tuple[str, ...] = field(converter=_page_languages)
    min_confidence: float = field(default=0.5, validator=_confidence, kw_only=True)

    def detect(self, text: str) -> str | None:
        """The page language *text* is written in, or ``None`` when unsure.

        Raises:
            InvalidValue: *text* is not a string.
        """
        if not isinstance(text, str):
            raise InvalidValue("text", text, "must be a string")
        bases = tuple(dict.fromkeys(base_language(tag) for tag in self.languages))
        code, probability = _identifier(bases).classify(text)
        if float(probability) < self.min_confidence:
            return None
        return next(tag for tag in self.languages if base_language(tag) == code)


@functools.lru_cache(maxsize=8)
def _identifier(bases: tuple[str, ...]) -> Any:
    """py3langid's identifier restricted to *bases* (loading its model takes
    about two seconds, so each restriction is built once)."""
    from py3langid.langid import (  # type: ignore[import-untyped]
        MODEL_FILE,
        LanguageIdentifier,
    )

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = set(identifier.nb_classes)
    unknown = [base for base in bases if base not in known]
    if unknown:
        raise InvalidValue("languages", unknown, "py3langid does not know these")
    identifier.set_languages(list(bases))
    return identifier


def detect_language(
    text: str, given: str | None, detector: LanguageDetector | None = None
) -> str | None:
    """The label the caller gave, else what *detector* finds in *text*.

    Args:
        text: The message text.
        given: The label the caller already has, if any.
        detector: Asked only when *given* is ``None``; default
            :class:`CallerSupplied` (no detection).

    Raises:
        InvalidValue: *given*, or the detector's answer, is not a BCP 47 tag.
    """
    if given is not None:
        return language_tags([given], "given")[0]
    found = (detector or CallerSupplied()).detect(text)
    if found is None:
        return None
    return language_tags([found], "detected language")[0]
