"""Hostile values shared by the tests that feed junk to carekit."""


def nested(depth: int) -> list[object]:
    """A list nested *depth* deep, ``[[[...]]]``: ``repr`` of it recurses
    past Python's limit."""
    root: list[object] = []
    for _ in range(depth):
        root = [root]
    return root
