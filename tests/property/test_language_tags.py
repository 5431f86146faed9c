"""Language tags are well-formed BCP 47 (RFC 5646, section 2.1): tags built
from the ABNF are accepted in any letter case, and a tag with an empty
subtag, a subtag longer than 8 characters or a character outside ASCII
letters, digits and hyphens is refused. No registry check."""

import string

from hypothesis import given
from hypothesis import strategies as st

from carekit._validate import is_language_tag

ALPHA = string.ascii_letters
ALNUM = string.ascii_letters + string.digits


def subtag(alphabet: str, low: int, high: int) -> st.SearchStrategy[str]:
    return st.text(alphabet, min_size=low, max_size=high)


def joined(*parts: st.SearchStrategy[list[str]]) -> st.SearchStrategy[str]:
    return st.tuples(*parts).map(lambda lists: "-".join(p for ps in lists for p in ps))


def optional(part: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(part, max_size=1)


language = st.one_of(
    st.tuples(subtag(ALPHA, 2, 3), st.lists(subtag(ALPHA, 3, 3), max_size=3)).map(
        lambda t: "-".join([t[0], *t[1]])
    ),
    subtag(ALPHA, 4, 8),
)
script = subtag(ALPHA, 4, 4)
region = subtag(ALPHA, 2, 2) | subtag(string.digits, 3, 3)
variant = subtag(ALNUM, 5, 8) | st.builds(
    str.__add__, subtag(string.digits, 1, 1), subtag(ALNUM, 3, 3)
)
singleton = st.sampled_from([c for c in ALNUM if c not in "xX"])
extension = st.builds(
    lambda s, rest: "-".join([s, *rest]), singleton,
    st.lists(subtag(ALNUM, 2, 8), min_size=1, max_size=2),
)  # fmt: skip
private_use = st.lists(subtag(ALNUM, 1, 8), min_size=1, max_size=3).map(
    lambda rest: "-".join(["x", *rest])
)
langtags = joined(
    st.lists(language, min_size=1, max_size=1),
    optional(script),
    optional(region),
    st.lists(variant, max_size=2),
    st.lists(extension, max_size=2),
    optional(private_use),
)


@given(langtags | private_use)
def test_a_tag_built_from_the_abnf_is_well_formed(tag: str) -> None:
    """``langtag`` and ``privateuse`` productions are accepted."""
    assert is_language_tag(tag)
    assert is_language_tag(tag.upper())
    assert is_language_tag(tag.lower())


@given(langtags, st.integers(min_value=0, max_value=20), st.sampled_from(["", "x" * 9]))
def test_an_empty_or_overlong_subtag_is_refused(tag: str, where: int, bad: str) -> None:
    parts = tag.split("-")
    parts.insert(where % (len(parts) + 1), bad)
    assert not is_language_tag("-".join(parts))


@given(langtags, st.characters(exclude_characters=ALNUM + "-"), st.integers(0, 40))
def test_a_character_outside_ascii_alphanumerics_is_refused(
    tag: str, char: str, where: int
) -> None:
    index = where % (len(tag) + 1)
    assert not is_language_tag(tag[:index] + char + tag[index:])
