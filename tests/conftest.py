"""Shared test set-up: the session-scoped deck artifacts of tests/_deckfixtures.py."""

pytest_plugins = ["_deckfixtures"]
