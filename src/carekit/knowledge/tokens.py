"""Tokenizers: text to the terms the knowledge-base index counts.

Rules of the default tokenizer, :class:`Words` (issue 17):

1. the text is NFKC-normalized and casefolded (``"Ｒｅｆｕｎｄ"`` and
   ``"REFUND"`` are ``refund``; ``"Straße"`` is ``strasse``);
2. it is split on everything that is not a letter: a word is a Unicode
   letter followed by letters and combining marks (so ``"हिन्दी"`` stays one
   word), and apostrophes, hyphens and punctuation split (``"don't"`` is
   ``don``, ``t``);
3. digits: a run of decimal digits is a term of its own, written in ASCII
   (``"iPhone12"`` is ``iphone``, ``12``; ``"٤٠٤"`` is ``404``), because order
   numbers and error codes are what customers quote; ``digits=False`` drops
   them;
4. stop words of the text's base language are dropped (an optional list per
   language); from a text without a language (and no ``default_language``),
   the stop words of every listed language are dropped;
5. with ``stemming=True`` (the ``stemming`` extra, ``snowballstemmer``), the
   remaining words are reduced to their Snowball stem in the text's base
   language; a language without a Snowball algorithm is left unstemmed.

>>> Words().tokenize("Where's my REFUND for order #A-1234?", language="en")
('where', 's', 'my', 'refund', 'for', 'order', 'a', '1234')
>>> DEFAULT_TOKENIZER.tokenize("Where's my REFUND for order #A-1234?", language="en")
('refund', 'order', '1234')
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Protocol, runtime_checkable

from attrs import field, frozen

from carekit._validate import instance_of, is_language_tag
from carekit.errors import InvalidValue

__all__ = [
    "DEFAULT_TOKENIZER",
    "ENGLISH_STOP_WORDS",
    "SPANISH_STOP_WORDS",
    "Tokenizer",
    "Words",
]


@runtime_checkable
class Tokenizer(Protocol):
    """Turns a text in a language into the terms the index counts.

    The same tokenizer reads the articles (each in its own language) and the
    queries (in the query's language), so both sides agree on the terms.
    """

    def tokenize(self, text: str, *, language: str | None = None) -> tuple[str, ...]:
        """The terms of *text*, in order, repeats kept."""
        ...


ENGLISH_STOP_WORDS: tuple[str, ...] = (
    "a",
    "about",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "but",
    "by",
    "can",
    "could",
    "d",
    "did",
    "do",
    "does",
    "for",
    "from",
    "had",
    "has",
    "have",
    "hello",
    "hi",
    "how",
    "i",
    "if",
    "in",
    "is",
    "it",
    "its",
    "just",
    "ll",
    "m",
    "me",
    "my",
    "of",
    "on",
    "or",
    "our",
    "please",
    "re",
    "s",
    "so",
    "t",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "to",
    "us",
    "ve",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "who",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
)
"""Common English function words that say nothing about a topic (casefolded),
and the pieces contractions split into (``s``, ``t``, ``ll``...)."""

SPANISH_STOP_WORDS: tuple[str, ...] = (
    "a",
    "al",
    "como",
    "con",
    "cual",
    "cuando",
    "cuál",
    "cuándo",
    "cómo",
    "de",
    "del",
    "donde",
    "dónde",
    "el",
    "ella",
    "en",
    "es",
    "esta",
    "este",
    "estoy",
    "está",
    "gracias",
    "hay",
    "hola",
    "la",
    "las",
    "le",
    "lo",
    "los",
    "me",
    "mi",
    "mis",
    "muy",
    "mí",
    "no",
    "nos",
    "o",
    "para",
    "pero",
    "por",
    "que",
    "qué",
    "se",
    "si",
    "sin",
    "su",
    "sus",
    "sí",
    "te",
    "tengo",
    "tu",
    "tú",
    "un",
    "una",
    "uno",
    "y",
    "ya",
    "yo",
    "él",
)
"""Common Spanish function words that say nothing about a topic (casefolded)."""


def fold(text: str) -> str:
    """NFKC, then casefold, then NFKC again (casefolding can leave text that
    is not NFKC): Unicode's ``toNFKC_Casefold`` in the standard library."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    if unicodedata.is_normalized("NFKC", folded):
        return folded
    return unicodedata.normalize("NFKC", folded)


# The planes with assigned letters, marks and digits: 0-3, and 14 (which has
# marks: variation selectors). Planes 4-13 are unassigned, 15-16 private use.
_PLANES = (range(0x40000), range(0xE0000, 0xE1000))


def _ranges(codes: list[int]) -> str:
    """A regex character class body for sorted code points."""
    parts: list[str] = []
    start = previous = codes[0]
    for code in [*codes[1:], -2]:
        if code != previous + 1:
            first, last = re.escape(chr(start)), re.escape(chr(previous))
            parts.append(first if start == previous else f"{first}-{last}")
            start = code
        previous = code
    return "".join(parts)


@functools.cache
def _term_pattern() -> re.Pattern[str]:
    """Words (a letter, then letters and marks) or runs of decimal digits.

    Built on first use from :mod:`unicodedata` (about 60 ms, once per
    process): Python's ``re`` has no ``\\p{L}``, and ``\\w`` leaves out the
    combining marks that many scripts need inside a word.
    """
    category = unicodedata.category
    letters: list[int] = []
    marks: list[int] = []
    for plane in _PLANES:
        for code in plane:
            kind = category(chr(code))[0]
            if kind == "L":
                letters.append(code)
            elif kind == "M":
                marks.append(code)
    word = f"[{_ranges(letters)}][{_ranges(letters)}{_ranges(marks)}]*"
    return re.compile(f"({word})|(\\d+)")


def _ascii_digits(run: str) -> str:
    if run.isascii():
        return run
    return "".join(str(unicodedata.decimal(char)) for char in run)


# ISO 639-1 base languages to the Snowball algorithms of snowballstemmer.
_SNOWBALL = {
    "ar": "arabic",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "eo": "esperanto",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fa": "persian",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "st": "sesotho",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}


def _snowball_available() -> bool:
    try:
        import snowballstemmer  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        return False
    return True


@functools.cache
def _stemmer(base: str) -> Any:
    """snowballstemmer's stemmer for *base*, or ``None`` without one."""
    import snowballstemmer

    algorithm = _SNOWBALL.get(base)
    if algorithm is None or algorithm not in snowballstemmer.algorithms():
        return None
    return snowballstemmer.stemmer(algorithm)


# Memoized: a query repeats the words of the articles, and a pure-Python
# Snowball stem costs several microseconds (a pure function: invisible).
@functools.lru_cache(maxsize=65536)
def _stem(base: str, word: str) -> str:
    stemmer = _stemmer(base)
    return word if stemmer is None else str(stemmer.stemWord(word))


def _stop_words(value: Any) -> Mapping[str, tuple[str, ...]]:
    """``{language: words}`` as a read-only mapping of base languages (sorted)
    to sorted, casefolded words."""
    if isinstance(value, str | bytes):
        raise InvalidValue("stop_words", value, "must map languages to words")
    try:
        pairs = dict(value)
    except (TypeError, ValueError):
        raise InvalidValue("stop_words", value, "must map languages to words") from None
    found: dict[str, set[str]] = {}
    for language, words in pairs.items():
        if not is_language_tag(language) or "-" in language:
            raise InvalidValue(
                "stop_words", language, "keys must be base languages such as 'en'"
            )
        if isinstance(words, str | bytes) or not isinstance(words, Iterable):
            raise InvalidValue("stop_words", words, "must be a collection of words")
        for word in words:
            if not isinstance(word, str) or not word.strip():
                raise InvalidValue("stop_words", word, "each word must be non-empty")
        found.setdefault(language.lower(), set()).update(fold(w) for w in words)
    return MappingProxyType({key: tuple(sorted(found[key])) for key in sorted(found)})


def _default_language(_inst: object, _attribute: Any, value: Any) -> None:
    if value is not None and not is_language_tag(value):
        raise InvalidValue(
            "default_language", value, "must be a BCP 47 tag such as 'en'"
        )


def _stemming(_inst: object, _attribute: Any, value: Any) -> None:
    if not isinstance(value, bool):
        raise InvalidValue("stemming", value, "must be a bool")
    if value and not _snowball_available():
        raise InvalidValue(
            "stemming",
            value,
            "needs the stemming extra: pip install 'carekit[stemming]'",
        )


@frozen
class Words:
    """The default tokenizer: folded Unicode words and digit runs.

    See the module documentation for the rules.

    Attributes:
        stop_words: Words to drop, by base language (``{"en": [...]}``); kept
            read-only, casefolded and sorted.
        digits: Keep runs of digits as terms (``True``) or drop them.
        stemming: Reduce words to their Snowball stem (the ``stemming``
            extra).
        default_language: The language assumed for a text that has none
            (``None``: such text loses the stop words of every listed
            language, and is not stemmed).

    Raises:
        InvalidValue: a stop-word key that is not a base language, a blank
            stop word, ``stemming=True`` without ``snowballstemmer``.
    """

    stop_words: Mapping[str, tuple[str, ...]] = field(
        factory=dict, converter=_stop_words, hash=False, kw_only=True
    )
    digits: bool = field(default=True, validator=instance_of(bool), kw_only=True)
    stemming: bool = field(default=False, validator=_stemming, kw_only=True)
    default_language: str | None = field(
        default=None, validator=_default_language, kw_only=True
    )
    _stops: dict[str | None, frozenset[str]] = field(
        init=False, factory=dict, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        stops: dict[str | None, frozenset[str]] = {
            key: frozenset(words) for key, words in self.stop_words.items()
        }
        stops[None] = frozenset().union(*stops.values())
        object.__setattr__(self, "_stops", stops)

    def base_of(self, language: str | None) -> str | None:
        """The base language whose stop words and stemmer apply to a text in
        *language* (the default language for ``None``)."""
        if language is not None and not is_language_tag(language):
            raise InvalidValue("language", language, "must be a BCP 47 tag or None")
        chosen = language if language is not None else self.default_language
        return None if chosen is None else chosen.partition("-")[0].lower()

    def tokenize(self, text: str, *, language: str | None = None) -> tuple[str, ...]:
        """The terms of *text* written in *language*.

        Raises:
            InvalidValue: *text* is not a string, or *language* is neither
                ``None`` nor a BCP 47 tag.
        """
        if not isinstance(text, str):
            raise InvalidValue("text", text, "must be a string")
        base = self.base_of(language)
        stops = self._stops.get(base, frozenset())
        stem = self.stemming and base is not None
        terms: list[str] = []
        for word, digits in _term_pattern().findall(fold(text)):
            if digits:
                if self.digits:
                    terms.append(_ascii_digits(digits))
            elif word not in stops:
                terms.append(_stem(base, word) if stem and base else word)
        return tuple(terms)


DEFAULT_TOKENIZER = Words(
    stop_words={"en": ENGLISH_STOP_WORDS, "es": SPANISH_STOP_WORDS}
)
"""Folded words and digit runs, dropping the English stop words from text
tagged ``en`` (any region), the Spanish ones from text tagged ``es``, and
both from text without a language; no stemming."""
