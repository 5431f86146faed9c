"""Knowledge-base articles: what the index searches and the answer it offers.

An article has a title, a body and tags (the text the index searches, see
:attr:`Article.indexed_text`), an optional BCP 47 language, and a suggested
answer with ``{name}`` placeholders that the bot fills in when it replies.

>>> article = Article(
...     "refunds",
...     "How do I get a refund?",
...     body="Refunds go back to the card you paid with within 5 days.",
...     tags=["billing"],
...     language="en",
...     answer="Hi {customer}, your refund for order {order} is on its way.",
... )
>>> article.placeholders
('customer', 'order')
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from typing import Any

from attrs import field, frozen

from carekit._validate import (
    is_language_tag,
    non_empty_str,
    string_set,
)
from carekit.errors import InvalidValue

__all__ = ["Article"]

_FORMATTER = string.Formatter()


def _tags(value: Iterable[str]) -> tuple[str, ...]:
    return string_set(value, "tags")


def _optional_language(_inst: object, _attribute: Any, value: Any) -> None:
    if value is not None and not is_language_tag(value):
        raise InvalidValue("language", value, "must be a BCP 47 tag such as 'es-MX'")


def _body(_inst: object, _attribute: Any, value: Any) -> None:
    if not isinstance(value, str):
        raise InvalidValue("body", value, "must be a string")


def placeholders_of(answer: str) -> tuple[str, ...]:
    """The ``{name}`` placeholders of *answer*, in order of first appearance.

    Rule: a placeholder is ``{name}`` with *name* a Python identifier; ``{{``
    and ``}}`` stand for literal braces. Positional (``{}``, ``{0}``),
    attribute or index (``{a.b}``, ``{a[0]}``), conversion (``{a!r}``) and
    format-spec (``{a:>5}``) fields are refused, so filling an answer can
    only insert the caller's strings.

    >>> placeholders_of("Hi {name}, order {order} ({{ref}}) {name}")
    ('name', 'order')

    Raises:
        InvalidValue: *answer* holds a field of another form or a lone brace.
    """
    try:
        parsed = list(_FORMATTER.parse(answer))
    except ValueError:
        raise InvalidValue(
            "answer", answer, "has a lone '{' or '}'; write '{{' or '}}' for a brace"
        ) from None
    names: dict[str, None] = {}
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion is not None:
            raise InvalidValue(
                "answer",
                answer,
                f"placeholder {{{name}}} must be {{name}} with an identifier name",
            )
        names[name] = None
    return tuple(names)


@frozen
class Article:
    """One knowledge-base article.

    Attributes:
        id: Unique within its knowledge base.
        title: A short question or headline; searched with the body and tags.
        body: The article's text; may be empty.
        tags: Labels such as ``billing``, searched as words too (sorted,
            duplicate-free).
        language: BCP 47 tag; ``None`` for an article that serves every
            language. An article with a language only matches queries in
            that language (see :meth:`KnowledgeBase.suggest
            <carekit.knowledge.KnowledgeBase.suggest>`).
        answer: The suggested answer, with ``{name}`` placeholders.

    Raises:
        InvalidValue: a blank id, title or answer; a body that is not a
            string; a language that is not a BCP 47 tag; an answer whose
            placeholders are not all ``{name}``.
    """

    id: str = field(validator=non_empty_str)
    title: str = field(validator=non_empty_str)
    body: str = field(validator=_body, kw_only=True)
    tags: tuple[str, ...] = field(default=(), converter=_tags, kw_only=True)
    language: str | None = field(
        default=None, validator=_optional_language, kw_only=True
    )
    answer: str = field(validator=non_empty_str, kw_only=True)
    _placeholders: tuple[str, ...] = field(init=False, default=(), eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_placeholders", placeholders_of(self.answer))

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The answer's placeholder names, in order of first appearance."""
        return self._placeholders

    @property
    def indexed_text(self) -> str:
        """The text the index tokenizes: title, tags and body, one a line."""
        return "\n".join((self.title, *self.tags, self.body))

    def fill(self, values: Mapping[str, str]) -> str:
        """The answer with each placeholder replaced by its value.

        Values are inserted as they are (braces in a value stay braces);
        values without a placeholder are ignored.

        Raises:
            InvalidValue: *values* is not a mapping, a placeholder has no
                value (the error names it), or a value is not a string.
        """
        if not isinstance(values, Mapping):
            raise InvalidValue(
                "values", values, "must map placeholder names to strings"
            )
        for name in self._placeholders:
            if name not in values:
                raise InvalidValue(
                    name, None, f"article {self.id!r} needs a value for {{{name}}}"
                )
            if not isinstance(values[name], str):
                raise InvalidValue(name, values[name], "must be a string")
        return self.answer.format_map(values)
