"""Shared pytest configuration: Hypothesis profiles.

``dev`` (default) keeps the suite fast; ``ci`` (selected when ``CI=true``)
runs many more examples. Choose one explicitly with
``pytest --hypothesis-profile=ci``.
"""

import os

from hypothesis import HealthCheck, settings

# too_slow is suppressed: the first draws load IANA zone files, which says
# nothing about the strategies' speed.
settings.register_profile(
    "dev",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# ci: 200 examples a property. The suite holds about 5,400 tests and CI has
# 2 cores and 20 minutes: a fresh-clone run took 10 minutes in all (7 at 100
# examples); the money-conservation properties get 2 * 10**4 on their own
# (tests/property/test_payments.py).
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")
