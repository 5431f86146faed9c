"""Routing rules: "an ordered list of rules over language, channel, keywords,
tags, customer attributes and sentiment label yields a queue and a priority.
The first match wins, each decision names the rule that matched, and no
match falls to a default queue." """

import pytest

from carekit.conversations import Channel
from carekit.errors import InvalidValue, PolicyError
from carekit.routing import (
    CaseFacts,
    RoutingDecision,
    RoutingRule,
    RoutingRules,
    base_language,
    language_match,
    route,
)
from carekit.routing.languages import LanguageFit
from carekit.tickets import Priority

RULES = RoutingRules(
    (
        RoutingRule("angry-vip", "urgent", priority=Priority.URGENT,
                    tags=("vip",), sentiments=("negative",)),
        RoutingRule("payments", "payments", priority=Priority.HIGH,
                    keywords=("refund", "charged twice")),
        RoutingRule("spanish", "es-care", languages=("es",)),
        RoutingRule("gold-twitter", "gold", channels=(Channel.TWITTER_PUBLIC,),
                    attributes={"tier": "gold"}),
    ),
    default_queue="general",
    default_priority=Priority.LOW,
)  # fmt: skip


def facts(**kwargs: object) -> CaseFacts:
    return CaseFacts("c1", Channel.MESSENGER, **kwargs)  # type: ignore[arg-type]


def test_first_match_wins_and_is_named() -> None:
    """A VIP Spanish complaint matches three rules; the first one decides."""
    case = facts(language="es-MX", tags=("vip",), sentiment="negative", text="refund")
    assert RoutingDecision("urgent", Priority.URGENT, "angry-vip") == route(case, RULES)


def test_no_match_falls_to_the_default_queue_naming_no_rule() -> None:
    assert RoutingDecision("general", Priority.LOW, None) == route(facts(), RULES)


def test_keywords_match_whole_words_ignoring_case() -> None:
    assert "payments" == route(facts(text="I was CHARGED TWICE!"), RULES).rule
    assert None is route(facts(text="refunds"), RULES).rule


def test_language_rule_takes_regional_tags_of_its_base() -> None:
    """The rule tag ``es`` takes ``es-MX``; a rule for ``es-MX`` does not take
    ``es-ES`` (RFC 4647 basic filtering)."""
    assert "spanish" == route(facts(language="es-MX"), RULES).rule
    mexico = RoutingRules((RoutingRule("mx", "mx", languages=("es-MX",)),),
                          default_queue="general")  # fmt: skip
    assert None is route(facts(language="es-ES"), mexico).rule
    assert "mx" == route(facts(language="ES-mx"), mexico).rule
    assert None is route(facts(), mexico).rule


def test_every_condition_of_a_rule_must_hold() -> None:
    gold_dm = CaseFacts("c", Channel.TWITTER_DM, attributes={"tier": "gold"})
    gold_public = CaseFacts("c", Channel.TWITTER_PUBLIC, attributes={"tier": "gold"})
    assert None is route(gold_dm, RULES).rule
    assert "gold-twitter" == route(gold_public, RULES).rule


def test_rule_names_are_unique() -> None:
    with pytest.raises(InvalidValue, match="rule names must be unique") as info:
        RoutingRules((RoutingRule("a", "q"), RoutingRule("a", "r")), default_queue="q")
    assert "rules" == info.value.field


def test_bad_facts_name_the_field() -> None:
    with pytest.raises(InvalidValue) as info:
        CaseFacts("c", Channel.MESSENGER, language="not a tag")
    assert "language" == info.value.field
    with pytest.raises(InvalidValue) as info:
        CaseFacts("c", Channel.MESSENGER, attributes={"tier": ""})
    assert "value" == info.value.field


def test_a_users_own_policy_works_and_must_answer_a_decision() -> None:
    class Everything:
        def decide(self, facts: CaseFacts) -> RoutingDecision:
            return RoutingDecision("all", Priority.MEDIUM, "mine")

    class Broken:
        def decide(self, facts: CaseFacts) -> RoutingDecision:
            return "all"  # type: ignore[return-value]

    assert "all" == route(facts(), Everything()).queue
    with pytest.raises(PolicyError):
        route(facts(), Broken())


def test_language_match_exact_then_base() -> None:
    """ "Exact tags first, then base language." """
    assert LanguageFit.EXACT == language_match("es-MX", ["es-ES", "es-mx"])
    assert LanguageFit.BASE == language_match("es-MX", ["es", "en"])
    assert LanguageFit.NONE == language_match("es-MX", ["en-US"])
    assert "es" == base_language("ES-419")
