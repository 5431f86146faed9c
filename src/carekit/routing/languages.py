"""Language matching by BCP 47 tag: exact tag first, then base language.

The rule carekit applies when it matches a customer's language to an agent's
(after RFC 4647 "lookup", reduced to two steps):

1. an agent with exactly the customer's tag (compared without regard to case:
   ``es-MX`` is ``es-mx``) is preferred;
2. else any agent whose tag has the same base language, the first subtag
   (``es``, ``es-ES``, ``es-419`` all serve an ``es-MX`` customer);
3. else the agent does not match.

>>> language_match("es-MX", ("en-US", "es-MX"))
<LanguageFit.EXACT: 2>
>>> language_match("es-MX", ("es-ES",))
<LanguageFit.BASE: 1>
>>> language_match("es-MX", ("pt-BR",))
<LanguageFit.NONE: 0>
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from carekit._validate import is_language_tag
from carekit.errors import InvalidValue

__all__ = [
    "LanguageFit",
    "base_language",
    "language_match",
]


class LanguageFit(enum.IntEnum):
    """How well an agent's languages serve a customer's: higher is better."""

    NONE = 0
    BASE = 1
    EXACT = 2


def base_language(tag: str) -> str:
    """The base language of a BCP 47 tag, lower-cased: ``"es-MX"`` → ``"es"``."""
    return tag.partition("-")[0].lower()


def language_tags(items: Iterable[str], name: str) -> tuple[str, ...]:
    """BCP 47 tags as a sorted, duplicate-free tuple, for attrs converters.

    Raises:
        InvalidValue: *items* is a bare string or holds something that is not
            a BCP 47 tag.
    """
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        raise InvalidValue(name, items, "must be a collection of BCP 47 tags")
    values = tuple(items)
    for item in values:
        if not is_language_tag(item):
            raise InvalidValue(
                name, item, "each item must be a BCP 47 tag such as 'es-MX'"
            )
    return tuple(sorted(set(values)))


def language_match(customer: str, spoken: Iterable[str]) -> LanguageFit:
    """How well the tags in *spoken* serve a customer writing in *customer*.

    ``EXACT`` when one tag equals *customer* (ignoring case), ``BASE`` when
    one shares its base language, ``NONE`` otherwise.
    """
    wanted = customer.lower()
    base = base_language(customer)
    best = LanguageFit.NONE
    for tag in spoken:
        folded = tag.lower()
        if folded == wanted:
            return LanguageFit.EXACT
        if base_language(folded) == base:
            best = LanguageFit.BASE
    return best
