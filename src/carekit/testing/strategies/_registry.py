"""The default strategy of every public model, gathered from the concept
modules."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from . import (
    _adapters,
    _analytics,
    _conversations,
    _customers,
    _events,
    _money,
    _payments,
    _posts,
    _privacy,
    _responsiveness,
    _routing,
    _sla,
    _tickets,
    _time,
    _trust,
)

__all__ = ["by_type"]


def by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each public model, as ``st.from_type`` finds it.

    The ``hypothesis`` entry point registers these lazily, so
    ``st.from_type(Money)`` works in any test without importing this module.
    """
    return {
        **_time.strategies_by_type(),
        **_money.strategies_by_type(),
        **_conversations.strategies_by_type(),
        **_customers.strategies_by_type(),
        **_responsiveness.strategies_by_type(),
        **_payments.strategies_by_type(),
        **_tickets.strategies_by_type(),
        **_events.strategies_by_type(),
        **_posts.strategies_by_type(),
        **_routing.strategies_by_type(),
        **_privacy.strategies_by_type(),
        **_trust.strategies_by_type(),
        **_adapters.strategies_by_type(),
        **_sla.strategies_by_type(),
        **_analytics.strategies_by_type(),
    }
