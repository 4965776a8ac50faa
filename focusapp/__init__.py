"""Focusapp: focus sessions, limits and a pause before the urge to check for likes."""

__version__ = "0.1.0"
