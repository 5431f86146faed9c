"""The knowledge base's suggestions: BM25 ranking through an inverted index,
the language filter, the calibrated confidence and the answer policy.

Rules (issue 17): "ranked suggestions for a customer message (pure Python
text ranking, e.g. BM25), with a score"; "articles with a language only
match queries in that language (exact tag then base language)"; confidence
is "a normalized value in [0, 1], so that one threshold means the same
thing for every query"; "the threshold decides between answer and hand to a
human".
"""

import math

import attrs
import pytest

from carekit.errors import InvalidValue
from carekit.knowledge import (
    DEFAULT_MINIMUM_CONFIDENCE,
    OKAPI,
    Answer,
    AnswerPolicy,
    Article,
    Bm25,
    ConfidenceThreshold,
    HandOff,
    KnowledgeBase,
    Suggestion,
    Words,
)


def make(
    ident: str, title: str, language: str | None = "en", body: str = ""
) -> Article:
    return Article(ident, title, body=body, language=language, answer=f"See {ident}.")


FILLER = [
    make(f"f{i}", topic)
    for i, topic in enumerate(["store hours", "gift cards", "careers", "press"])
]
ARTICLES = [
    make("refund-en", "Refund to your card", body="Refunds take five days."),
    make("refund-mx", "Reembolso a tu tarjeta", "es-MX", "Reembolso en cinco días."),
    make("refund-es", "Reembolso a la tarjeta", "es-ES", "Reembolso en cinco días."),
    make("envio-es", "Envío y entrega", "es", "El envío tarda dos días."),
    make("password", "Reset your password", None, "Use the reset link."),
    *FILLER,
]
KB = KnowledgeBase.of(ARTICLES)


def ids(found: tuple[Suggestion, ...]) -> list[str]:
    return [s.article.id for s in found]


def test_the_best_matching_article_comes_first() -> None:
    found = KB.suggest("I want a refund on my card", language="en-US")
    assert "refund-en" == found[0].article.id
    assert found[0].score > 0.0
    assert 0.0 < found[0].confidence <= 1.0


def test_an_article_with_a_language_only_matches_that_language() -> None:
    """An English article never answers a Spanish or an unlabelled message."""
    assert "refund-en" not in ids(KB.suggest("refund card", language="es"))
    assert "refund-en" not in ids(KB.suggest("refund card"))


def test_an_article_without_a_language_matches_every_message() -> None:
    for language in (None, "en", "es-MX", "de"):
        assert ["password"] == ids(KB.suggest("reset password", language=language))


def test_the_exact_tag_comes_before_the_base_language() -> None:
    """An es-MX message gets the es-MX article, not its es-ES twin; es-AR
    has no article of its own and gets both es ones, in order."""
    assert ["refund-mx"] == ids(KB.suggest("reembolso tarjeta", language="es-MX"))
    assert ["refund-mx"] == ids(KB.suggest("reembolso tarjeta", language="ES-mx"))
    assert {"refund-mx", "refund-es"} == set(
        ids(KB.suggest("reembolso tarjeta", language="es-AR"))
    )


def test_the_base_language_serves_when_no_exact_article_matches() -> None:
    """No es-MX article is about shipping: the generic es one answers."""
    assert ["envio-es"] == ids(KB.suggest("envío", language="es-MX"))


def test_only_positive_scores_are_suggested_up_to_the_limit() -> None:
    assert () == KB.suggest("weather tomorrow", language="en")
    assert () == KB.suggest("", language="en")
    found = KB.suggest("refund card reset password", language="en", limit=1)
    assert 1 == len(found)


def test_ties_keep_the_knowledge_base_order() -> None:
    twins = [make("b", "same words"), make("a", "same words"), *FILLER]
    assert ["b", "a"] == ids(KnowledgeBase.of(twins).suggest("same", language="en"))


def test_messages_are_tokenized_per_language_group() -> None:
    """With stemming, an English message meets an English article by stem,
    and an article without a language by its surface words."""
    pytest.importorskip("snowballstemmer")
    kb = KnowledgeBase.of(
        [make("en", "Refunds"), make("any", "refunds", None), *FILLER],
        tokenizer=Words(stemming=True),
    )
    assert {"en", "any"} == set(ids(kb.suggest("refunds", language="en")))
    assert ["en"] == ids(kb.suggest("refunding", language="en"))


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: KB.suggest(3), "text"),  # type: ignore[arg-type]
        (lambda: KB.suggest("x", language="not a tag"), "language"),
        (lambda: KB.suggest("x", limit=0), "limit"),
        (lambda: KB.suggest("x", limit=True), "limit"),
        (lambda: KnowledgeBase.of([ARTICLES[0], ARTICLES[0]]), "articles"),
        (lambda: KnowledgeBase.of(["not an article"]), "articles"),  # type: ignore[list-item]
        (lambda: KnowledgeBase.of("abc"), "articles"),  # type: ignore[arg-type]
        (lambda: KnowledgeBase.of([], bm25=1.5), "bm25"),  # type: ignore[arg-type]
        (lambda: KnowledgeBase.of([], tokenizer=str.split), "tokenizer"),  # type: ignore[arg-type]
        (lambda: Bm25(k1=-1.0), "k1"),
        (lambda: Bm25(b=1.5), "b"),
        (lambda: Bm25(epsilon=float("nan")), "epsilon"),
        (lambda: Bm25(k1=True), "k1"),
        # Bounded so the weights stay finite: no OverflowError, no inf.
        (lambda: Bm25(k1=10**400), "k1"),
        (lambda: Bm25(k1=1e308), "k1"),
        (lambda: Bm25(epsilon=1e308), "epsilon"),
        (lambda: Bm25(b=10**400), "b"),
        # Terms are tokens: a str is a text, not a sequence of terms.
        (lambda: KB.scores("refund"), "terms"),
        (lambda: KB.scores(None), "terms"),  # type: ignore[arg-type]
        (lambda: KB.attainable(None), "terms"),  # type: ignore[arg-type]
        (lambda: KB.attainable([5]), "terms"),  # type: ignore[list-item]
        (lambda: KB.idf([1]), "term"),  # type: ignore[arg-type]
        (lambda: KB.idf(None), "term"),  # type: ignore[arg-type]
        (lambda: ConfidenceThreshold().decide(None), "suggestions"),  # type: ignore[arg-type]
        (lambda: ConfidenceThreshold().decide(5), "suggestions"),  # type: ignore[arg-type]
        (lambda: KnowledgeBase(), "articles"),
    ],
)
def test_bad_input_is_refused_naming_the_field(call: object, field: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        call()  # type: ignore[operator]
    assert field == caught.value.field


def test_an_empty_knowledge_base_suggests_nothing() -> None:
    empty = KnowledgeBase.of([])
    assert () == empty.suggest("refund", language="en")
    assert () == empty.scores(["refund"])
    assert 0 == len(empty)


def test_the_knowledge_base_is_an_immutable_value() -> None:
    """It belongs to the engine's configuration: shared, never changed."""
    # As every carekit model (a frozen attrs class) refuses a change.
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        KB._articles = ()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        KB.x = 1
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del KB._articles
    with pytest.raises(InvalidValue, match=r"KnowledgeBase\.of"):
        KnowledgeBase()
    assert KnowledgeBase.of(ARTICLES) == KB
    assert hash(KnowledgeBase.of(ARTICLES)) == hash(KB)
    assert KnowledgeBase.of(ARTICLES[:3]) != KB
    assert tuple(ARTICLES) == KB.articles == tuple(KB)
    assert OKAPI == KB.bm25 == Bm25(1.5, 0.75, epsilon=0.25)


# -- confidence -----------------------------------------------------------------


def repeated(word: str, times: int, bm25: Bm25 = OKAPI) -> KnowledgeBase:
    return KnowledgeBase.of(
        [make("perfect", " ".join([word] * times)), *FILLER], bm25=bm25
    )


def test_confidence_approaches_1_for_a_perfect_match() -> None:
    """An article made of nothing but the message's word, repeated: the
    confidence grows toward 1 with the repeats."""
    confidences = [
        repeated("refund", n).suggest("refund", language="en")[0].confidence
        for n in (1, 3, 10, 100, 1000)
    ]
    assert confidences == sorted(confidences)
    assert confidences[-1] > 0.99
    assert all(c <= 1.0 for c in confidences)


def test_confidence_is_exactly_1_when_the_bound_is_reached() -> None:
    """With b = 1 the bound is reached by an article of one repeated word."""
    found = repeated("refund", 5, Bm25(b=1.0)).suggest("refund", language="en")
    assert pytest.approx(1.0, abs=1e-12) == found[0].confidence


def test_confidence_falls_with_words_the_article_lacks() -> None:
    """Monotone where it should be: every extra word of the message that the
    best article lacks lowers its confidence."""
    confidences = [
        KB.suggest(text, language="en")[0].confidence
        for text in ("refund", "refund careers", "refund careers press")
    ]
    assert confidences == sorted(confidences, reverse=True)
    assert len(set(confidences)) == 3


def test_the_divisor_is_the_attainable_score() -> None:
    """Σ max(idf, 0) · (k1 + 1) / (1 + k1·b/avgdl), a word no article holds
    counting with the idf it would have in one article, ln(N − 0.5) − ln(1.5)."""
    lengths = [
        len(KB.tokenizer.tokenize(a.indexed_text, language=a.language))
        for a in ARTICLES
    ]
    factor = 2.5 / (1 + 1.5 * 0.75 / (sum(lengths) / len(lengths)))
    unseen = math.log(len(ARTICLES) - 0.5) - math.log(1.5)
    terms = ["refund", "card", "nowhere"]
    expected = (KB.idf("refund") + KB.idf("card") + unseen) * factor
    assert pytest.approx(expected, rel=1e-12) == KB.attainable(terms)
    assert 0.0 == KB.idf("nowhere")
    assert max(KB.scores(terms)) <= KB.attainable(terms)


def test_a_number_no_article_holds_leaves_the_confidence() -> None:
    """Customers quote order and card numbers: a number no article holds is
    not a topic the knowledge base fails to explain."""
    plain = KB.suggest("refund card", language="en")[0]
    with_number = KB.suggest("refund card, #55123", language="en")[0]
    assert plain == with_number
    assert 0.0 == KB.attainable(["55123"])
    assert KB.attainable(["refund", "kb"]) > KB.attainable(["refund", "12"])


# -- answer policy --------------------------------------------------------------


def test_a_confident_match_is_answered() -> None:
    found = repeated("refund", 50).suggest("refund", language="en")
    decision = ConfidenceThreshold().decide(found)
    assert Answer(found[0]) == decision


def test_a_weak_match_goes_to_a_human_with_the_best_suggestion() -> None:
    found = KB.suggest("refund careers press shipping", language="en")
    decision = ConfidenceThreshold(minimum=0.99).decide(found)
    assert isinstance(decision, HandOff)
    assert found[0] == decision.best
    assert "below 0.99" in decision.reason


def test_a_margin_hands_off_a_close_call() -> None:
    """Two articles equally close: with a margin, a human decides."""
    twins = [make("b", "refund refund"), make("a", "refund refund"), *FILLER]
    found = KnowledgeBase.of(twins).suggest("refund", language="en")
    assert Answer(found[0]) == ConfidenceThreshold(minimum=0.1).decide(found)
    decision = ConfidenceThreshold(minimum=0.1, margin=0.05).decide(found)
    assert isinstance(decision, HandOff)
    assert "within 0.05 of the next one" in decision.reason
    assert Answer(found[0]) == ConfidenceThreshold(margin=0.05).decide(found[:1])
    with pytest.raises(InvalidValue, match="margin"):
        ConfidenceThreshold(margin=1.0)


def test_no_match_goes_to_a_human() -> None:
    assert HandOff("no article matches the message") == ConfidenceThreshold().decide(())


def test_the_threshold_is_a_setting_with_a_default() -> None:
    assert DEFAULT_MINIMUM_CONFIDENCE == ConfidenceThreshold().minimum
    assert 0.8 == attrs.evolve(ConfidenceThreshold(), minimum=0.8).minimum
    for bad in (0.0, 1.5, 1, float("nan"), True):
        with pytest.raises(InvalidValue, match="minimum"):
            ConfidenceThreshold(minimum=bad)


def test_a_users_own_policy_fits_the_protocol() -> None:
    class AlwaysHuman:
        def decide(self, suggestions: object) -> HandOff:
            return HandOff("humans only")

    assert isinstance(AlwaysHuman(), AnswerPolicy)
    assert isinstance(ConfidenceThreshold(), AnswerPolicy)


def test_decisions_and_suggestions_are_validated() -> None:
    article = ARTICLES[0]
    with pytest.raises(InvalidValue, match="confidence"):
        Suggestion(article, 1.0, 1.5)
    with pytest.raises(InvalidValue, match="score"):
        Suggestion(article, float("inf"), 0.5)
    with pytest.raises(InvalidValue, match="article"):
        Suggestion("a", 1.0, 0.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="suggestion"):
        Answer(article)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="reason"):
        HandOff(" ")
    with pytest.raises(InvalidValue, match="suggestions"):
        ConfidenceThreshold().decide([article])  # type: ignore[list-item]
