"""Shared test set-up: the session-scoped deck artifacts of tests/_deckfixtures.py, and the
hypothesis profile: on CI (CI set) property tests run derandomized, so a run is repeatable and
a landing never depends on luck; locally they explore new examples each time."""

import os

from hypothesis import settings

pytest_plugins = ["_deckfixtures"]

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
