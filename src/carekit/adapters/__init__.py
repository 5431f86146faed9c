"""Adapters: what the platforms send, and what their exports hold, as carekit
models and inputs. Pure functions from parsed JSON or rows; no I/O.

Re-exports only; see ``docs/adapters.md``.
"""
