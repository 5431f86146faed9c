"""Pieces shared by every strategy module: the one id strategy."""

from __future__ import annotations

from hypothesis import strategies as st

__all__ = ["identifiers"]

#: Characters of generated ids: what platform ids and user handles use.
ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-_"


def identifiers() -> st.SearchStrategy[str]:
    """Short non-blank ids of 1–12 characters, shrinking to ``"a"``.

    Every carekit strategy draws its ids (conversations, customers, payments,
    accounts...) from this one strategy.
    """
    return st.text(ID_ALPHABET, min_size=1, max_size=12)
