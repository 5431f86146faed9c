"""Public test helpers for code that uses carekit.

``carekit.testing.strategies`` holds a Hypothesis strategy for every public
model; it needs the ``testing`` extra (``pip install carekit[testing]``).
"""
