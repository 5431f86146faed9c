"""The default tokenizer: "tokens are NFKC-normalized, casefolded and split
on non-letters, with an optional stop-word list per language; stemming sits
behind an extra" (issue 17)."""

import builtins
from typing import Any

import pytest

from carekit.errors import InvalidValue
from carekit.knowledge import (
    DEFAULT_TOKENIZER,
    ENGLISH_STOP_WORDS,
    SPANISH_STOP_WORDS,
    Tokenizer,
    Words,
)

PLAIN = Words()


def test_text_is_nfkc_normalized_and_casefolded() -> None:
    """Full-width letters, ligatures and case fold to one form."""
    assert ("refund", "refund", "file", "strasse") == PLAIN.tokenize(
        "Ｒｅｆｕｎｄ REFUND ﬁle STRASSE"
    )
    assert PLAIN.tokenize("Straße") == PLAIN.tokenize("STRASSE")


def test_text_splits_on_everything_but_letters() -> None:
    """Apostrophes, hyphens and punctuation split; marks stay in the word."""
    assert ("don", "t", "e", "mail", "हिन्दी", "ça") == PLAIN.tokenize(
        "don't e-mail! हिन्दी, ça."
    )


def test_digit_runs_are_terms_of_their_own_in_ascii() -> None:
    """Digits split from letters, so ``iPhone12`` meets ``iphone 12``."""
    assert ("iphone", "12", "404", "2") == PLAIN.tokenize("iPhone12 ٤٠٤ ²")
    assert PLAIN.tokenize("iPhone12") == PLAIN.tokenize("iphone 12")
    assert ("error",) == Words(digits=False).tokenize("error 404")


def test_stop_words_apply_by_base_language() -> None:
    text = "Where is my refund? Mi reembolso"
    assert ("refund", "mi", "reembolso") == DEFAULT_TOKENIZER.tokenize(
        text, language="en-GB"
    )
    assert ("where", "is", "my", "refund", "reembolso") == DEFAULT_TOKENIZER.tokenize(
        text, language="es"
    )
    assert ("where", "is", "my", "refund", "mi", "reembolso") == Words(
        stop_words={"en": ENGLISH_STOP_WORDS}
    ).tokenize(text, language="de")
    assert ("reembolso",) == DEFAULT_TOKENIZER.tokenize(
        "¿Dónde está mi reembolso?", language="es-MX"
    )


def test_stop_words_are_folded_like_the_text() -> None:
    words = Words(stop_words={"de": ["STRASSE"]})
    assert ("weg",) == words.tokenize("Straße weg", language="de-AT")
    assert {"de": ("strasse",)} == dict(words.stop_words)


def test_text_without_a_language_loses_every_listed_stop_word() -> None:
    """Its language is unknown: the stop words of every listed language go."""
    assert ("refund", "reembolso") == DEFAULT_TOKENIZER.tokenize(
        "Where is my refund? Mi reembolso"
    )
    assert ("where", "is") == Words().tokenize("Where is")


def test_a_default_language_serves_text_without_one() -> None:
    words = Words(stop_words={"en": ENGLISH_STOP_WORDS}, default_language="en")
    assert ("refund",) == words.tokenize("my refund")
    assert ("mi", "refund") == words.tokenize("mi refund", language="es")


def test_stemming_reduces_words_to_their_snowball_stem() -> None:
    pytest.importorskip("snowballstemmer")
    stems = Words(stemming=True)
    assert ("refund", "run", "card") == stems.tokenize(
        "Refunds running cards", language="en-US"
    )
    assert ("reembols",) == stems.tokenize("reembolsos", language="es")
    assert ("refunds",) == stems.tokenize("refunds")  # no language: no stemmer
    assert ("refunds",) == stems.tokenize("refunds", language="ja")  # no algorithm


def test_stemming_without_the_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The import is lazy: carekit loads without snowballstemmer, and only a
    tokenizer that asks for stemming needs it."""
    real_import = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "snowballstemmer":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)
    with pytest.raises(InvalidValue, match=r"carekit\[stemming\]") as caught:
        Words(stemming=True)
    assert "stemming" == caught.value.field
    assert ("refunds",) == Words().tokenize("refunds", language="en")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"stop_words": {"en-US": ["a"]}}, "stop_words"),
        ({"stop_words": {"en": "the"}}, "stop_words"),
        ({"stop_words": {"en": [" "]}}, "stop_words"),
        ({"stop_words": "en"}, "stop_words"),
        ({"stop_words": 3}, "stop_words"),
        ({"digits": 1}, "digits"),
        ({"stemming": "yes"}, "stemming"),
        ({"default_language": "??"}, "default_language"),
    ],
)
def test_bad_settings_are_refused_naming_the_field(
    changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidValue) as caught:
        Words(**changes)
    assert field == caught.value.field


def test_text_must_be_a_string() -> None:
    with pytest.raises(InvalidValue, match="text"):
        PLAIN.tokenize(b"bytes")  # type: ignore[arg-type]


def test_the_shipped_lists_are_folded_and_sorted() -> None:
    for words in (ENGLISH_STOP_WORDS, SPANISH_STOP_WORDS):
        assert tuple(sorted(set(words))) == words
        assert all(PLAIN.tokenize(word) == (word,) for word in words)


def test_words_is_a_tokenizer() -> None:
    assert isinstance(DEFAULT_TOKENIZER, Tokenizer)


@pytest.mark.parametrize("language", [5, "", "!!", "english please"])
def test_the_language_must_be_a_bcp_47_tag(language: object) -> None:
    """A text's language is a BCP 47 tag or ``None``, as everywhere in
    carekit: anything else is refused naming ``language``."""
    with pytest.raises(InvalidValue) as caught:
        Words().tokenize("x", language=language)  # type: ignore[arg-type]
    assert "language" == caught.value.field
    with pytest.raises(InvalidValue) as caught:
        Words().base_of(language)  # type: ignore[arg-type]
    assert "language" == caught.value.field
