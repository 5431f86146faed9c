"""Routing rules: the facts of a case → a queue and a priority.

The rule (after the care checklist for brands on Twitter, 2019: "cases should
be routed and prioritized according to the established workflow that takes
into consideration language-specific options for global coverage"):

- rules are tried in their given order and **the first match wins**;
- a rule matches when *every* condition it sets holds (a condition left empty
  holds for any case): language, channel, keywords, tags, customer attributes
  and sentiment label;
- each decision names the rule that matched; when none does, the case goes
  to the default queue at the default priority, and the decision names no
  rule.

>>> from carekit.conversations import Channel
>>> rules = RoutingRules(
...     (RoutingRule("spanish", "es-care", languages=("es",)),),
...     default_queue="general",
... )
>>> decision = route(CaseFacts("c1", Channel.TWITTER_PUBLIC, language="es-MX"), rules)
>>> (decision.queue, decision.rule)
('es-care', 'spanish')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Protocol, runtime_checkable

from attrs import field, frozen

from carekit._validate import (
    enum_member,
    instance_of,
    member_set,
    non_empty_str,
    optional_non_empty_str,
)
from carekit.conversations import Channel
from carekit.errors import InvalidValue, PolicyError
from carekit.routing._checks import (
    optional_language,
    to_keywords,
    to_languages,
    to_sentiments,
    to_tags,
)
from carekit.tickets.commands import Priority

__all__ = [
    "CaseFacts",
    "CustomerAttribute",
    "RoutingDecision",
    "RoutingPolicy",
    "RoutingRule",
    "RoutingRules",
    "route",
]


@frozen
class CustomerAttribute:
    """One customer attribute, such as ``tier = gold``.

    Attributes:
        name: The attribute's name.
        value: Its value.
    """

    name: str = field(validator=non_empty_str)
    value: str = field(validator=non_empty_str)


def _attributes(value: Any) -> tuple[CustomerAttribute, ...]:
    """A mapping of names to values (or attributes) as a sorted tuple."""
    if isinstance(value, Mapping):
        value = [CustomerAttribute(key, item) for key, item in value.items()]
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValue("attributes", value, "must map names to values")
    items = tuple(value)
    for item in items:
        if not isinstance(item, CustomerAttribute):
            raise InvalidValue("attributes", item, "must hold CustomerAttribute items")
    names = [item.name for item in items]
    if len(set(names)) != len(names):
        raise InvalidValue("attributes", sorted(names), "each name may appear once")
    return tuple(sorted(items, key=lambda item: (item.name, item.value)))


@frozen
class CaseFacts:
    """What routing looks at in one incoming case.

    Attributes:
        id: The case (or conversation) id.
        channel: Where the customer wrote.
        language: BCP 47 tag of the customer's language, if known.
        text: The message text keywords are looked for in.
        tags: Tags on the case.
        attributes: Customer attributes, given as a mapping
            (``{"tier": "gold"}``) or as :class:`CustomerAttribute` values.
        sentiment: A sentiment label from the caller's own classifier
            (``"negative"``), if any.
    """

    id: str = field(validator=non_empty_str)
    channel: Channel = field(validator=enum_member(Channel))
    language: str | None = field(
        default=None, validator=optional_language, kw_only=True
    )
    text: str = field(default="", validator=instance_of(str), kw_only=True)
    tags: tuple[str, ...] = field(default=(), converter=to_tags, kw_only=True)
    attributes: tuple[CustomerAttribute, ...] = field(
        default=(), converter=_attributes, kw_only=True
    )
    sentiment: str | None = field(
        default=None, validator=optional_non_empty_str, kw_only=True
    )


def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    """Any keyword as a whole word or phrase, ignoring case."""
    if not keywords:
        return None
    alternatives = "|".join(re.escape(word) for word in keywords)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _channels(value: Any) -> tuple[Channel, ...]:
    return member_set(value, "channels", Channel)


@frozen
class RoutingRule:
    """One routing rule: conditions, and the queue and priority they lead to.

    Attributes:
        name: Named in every decision this rule makes; unique in its list.
        queue: Where matching cases go.
        priority: The priority they get.
        languages: BCP 47 tags; a case matches when its tag equals one or
            starts with one followed by ``-`` (RFC 4647 basic filtering: the
            rule tag ``es`` takes ``es-MX``; ``es-MX`` does not take ``es-ES``).
        channels: The case's channel is one of these.
        keywords: The text holds one of these as a whole word or phrase,
            ignoring case.
        tags: The case carries every one of these tags.
        attributes: The customer has every one of these attribute values
            (a mapping or :class:`CustomerAttribute` values).
        sentiments: The case's sentiment label is one of these.
    """

    name: str = field(validator=non_empty_str)
    queue: str = field(validator=non_empty_str)
    priority: Priority = field(
        default=Priority.MEDIUM, validator=enum_member(Priority), kw_only=True
    )
    languages: tuple[str, ...] = field(default=(), converter=to_languages, kw_only=True)
    channels: tuple[Channel, ...] = field(default=(), converter=_channels, kw_only=True)
    keywords: tuple[str, ...] = field(default=(), converter=to_keywords, kw_only=True)
    tags: tuple[str, ...] = field(default=(), converter=to_tags, kw_only=True)
    attributes: tuple[CustomerAttribute, ...] = field(
        default=(), converter=_attributes, kw_only=True
    )
    sentiments: tuple[str, ...] = field(
        default=(), converter=to_sentiments, kw_only=True
    )
    _pattern: re.Pattern[str] | None = field(
        init=False, eq=False, repr=False, default=None
    )
    _prefixes: tuple[str, ...] = field(init=False, eq=False, repr=False, default=())

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_pattern", _keyword_pattern(self.keywords))
        folded = tuple(tag.lower() for tag in self.languages)
        object.__setattr__(self, "_prefixes", folded)

    def matches(self, facts: CaseFacts) -> bool:
        """True when every condition this rule sets holds for *facts*."""
        return (
            self._language_holds(facts.language)
            and (not self.channels or facts.channel in self.channels)
            and (self._pattern is None or self._pattern.search(facts.text) is not None)
            and all(tag in facts.tags for tag in self.tags)
            and all(item in facts.attributes for item in self.attributes)
            and (not self.sentiments or facts.sentiment in self.sentiments)
        )

    def _language_holds(self, language: str | None) -> bool:
        if not self._prefixes:
            return True
        if language is None:
            return False
        tag = language.lower()
        return any(tag == p or tag.startswith(p + "-") for p in self._prefixes)


@frozen
class RoutingDecision:
    """Where a case goes.

    Attributes:
        queue: The queue.
        priority: The priority.
        rule: The name of the rule that matched; ``None`` for the default.
    """

    queue: str = field(validator=non_empty_str)
    priority: Priority = field(validator=enum_member(Priority))
    rule: str | None = field(default=None, validator=optional_non_empty_str)


@runtime_checkable
class RoutingPolicy(Protocol):
    """Decides the queue and priority of a case."""

    def decide(self, facts: CaseFacts) -> RoutingDecision:
        """Where the case described by *facts* goes."""
        ...


def _rules(value: Any) -> tuple[RoutingRule, ...]:
    if not isinstance(value, Iterable):
        raise InvalidValue("rules", value, "must be a sequence of RoutingRule")
    rules = tuple(value)
    for rule in rules:
        if not isinstance(rule, RoutingRule):
            raise InvalidValue("rules", rule, "each item must be a RoutingRule")
    names = [rule.name for rule in rules]
    if len(set(names)) != len(names):
        raise InvalidValue("rules", names, "rule names must be unique")
    return rules


@frozen
class RoutingRules:
    """The default routing policy: an ordered list of rules, first match wins.

    Attributes:
        rules: Tried in this order.
        default_queue: Where a case no rule matches goes.
        default_priority: The priority it gets there.
    """

    rules: tuple[RoutingRule, ...] = field(converter=_rules)
    default_queue: str = field(validator=non_empty_str, kw_only=True)
    default_priority: Priority = field(
        default=Priority.MEDIUM, validator=enum_member(Priority), kw_only=True
    )

    def decide(self, facts: CaseFacts) -> RoutingDecision:
        """The first matching rule's queue and priority, else the default."""
        for rule in self.rules:
            if rule.matches(facts):
                return RoutingDecision(rule.queue, rule.priority, rule.name)
        return RoutingDecision(self.default_queue, self.default_priority)


def route(facts: CaseFacts, policy: RoutingPolicy) -> RoutingDecision:
    """The queue and priority *policy* gives the case described by *facts*.

    Raises:
        InvalidValue: *facts* is not a :class:`CaseFacts`.
        PolicyError: the policy answered something other than a
            :class:`RoutingDecision`.
    """
    if not isinstance(facts, CaseFacts):
        raise InvalidValue("facts", facts, "must be a CaseFacts")
    decision = policy.decide(facts)
    if not isinstance(decision, RoutingDecision):
        raise PolicyError("policy", decision, "decide() must return a RoutingDecision")
    return decision
