"""Benchmark harness for carekit's responsiveness engine (``make bench``).

Not part of the installed package: pandas, polars and numpy come from the
``bench`` extra and are never runtime dependencies of carekit.
"""
