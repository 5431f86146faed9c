"""Readable durations for decision reasons ("6 min 30 s", "2 h 5 min")."""

from __future__ import annotations

__all__ = ["duration_text"]

_UNITS = (("d", 86400), ("h", 3600), ("min", 60), ("s", 1))


def duration_text(seconds: float) -> str:
    """Render *seconds* to 0.1 s under an hour, else with its two largest units.

    >>> duration_text(390), duration_text(299.5), duration_text(7500)
    ('6 min 30 s', '4 min 59.5 s', '2 h 5 min')
    """
    tenths = round(seconds * 10)
    if tenths < 36000:
        minutes, rest = divmod(tenths, 600)
        text = f"{rest / 10:g} s" if rest or not minutes else ""
        return f"{minutes} min {text}".strip() if minutes else text
    rest = round(seconds)
    parts: list[str] = []
    for name, size in _UNITS:
        count, rest = divmod(rest, size)
        if count or parts:
            parts.append(f"{count} {name}")
    return " ".join(part for part in parts[:2] if not part.startswith("0 "))
