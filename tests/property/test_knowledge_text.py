"""Properties of the tokenizer and of the language filter.

Rules (issue 17): tokens are "NFKC-normalized, casefolded and split on
non-letters"; "articles with a language only match queries in that language
(exact tag then base language)".
"""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from carekit.knowledge import DEFAULT_TOKENIZER, Article, KnowledgeBase, Words
from carekit.routing import base_language
from carekit.testing import strategies as cks

PLAIN = Words()
LANGUAGES = st.none() | cks.routing_tags()


@given(st.text(max_size=60))
def test_tokens_are_folded_letters_or_ascii_digits(text: str) -> None:
    """Each term is a letter and letters or marks, in folded form, or a run
    of ASCII digits; folding the text first changes nothing."""
    terms = PLAIN.tokenize(text)
    for term in terms:
        if term.isascii() and term.isdigit():
            continue
        assert unicodedata.category(term[0]).startswith("L")
        assert all(unicodedata.category(c)[0] in "LM" for c in term)
    assert terms == PLAIN.tokenize(text.upper().casefold())


@given(st.text(max_size=60))
def test_tokenizing_the_terms_again_gives_the_terms(text: str) -> None:
    terms = PLAIN.tokenize(text)
    assert terms == PLAIN.tokenize(" ".join(terms))


@given(cks.knowledge_texts(), LANGUAGES)
def test_no_stop_word_survives(text: str, language: str | None) -> None:
    base = DEFAULT_TOKENIZER.base_of(language)
    listed = DEFAULT_TOKENIZER.stop_words
    stops = (
        set(listed.get(base, ()))
        if base is not None
        else {w for words in listed.values() for w in words}
    )
    assert not stops & set(DEFAULT_TOKENIZER.tokenize(text, language=language))


@given(cks.knowledge_bases(), cks.knowledge_texts(), LANGUAGES)
def test_suggestions_are_in_the_messages_language(
    kb: KnowledgeBase, text: str, language: str | None
) -> None:
    """Every suggested article is without a language or shares the message's
    base language; an exact-tag match leaves out the base-only ones."""
    found = kb.suggest(text, language=language, limit=len(kb) or 1)
    tags = [s.article.language for s in found if s.article.language is not None]
    if language is None:
        assert [] == tags
        return
    assert all(base_language(t) == base_language(language) for t in tags)
    if any(t.lower() == language.lower() for t in tags):
        assert all(t.lower() == language.lower() for t in tags)


@given(cks.article_lists(), cks.knowledge_texts(), LANGUAGES)
def test_the_same_articles_give_the_same_suggestions(
    articles: list[Article], text: str, language: str | None
) -> None:
    """Deterministic: two knowledge bases of the same articles are equal and
    answer alike."""
    first, second = KnowledgeBase.of(articles), KnowledgeBase.of(list(articles))
    assert first == second
    assert first.suggest(text, language=language) == second.suggest(
        text, language=language
    )
