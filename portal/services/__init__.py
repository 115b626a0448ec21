"""Writes and workflows: state changes, audit entries, notifications."""
