"""Demonstration dataset: ``flask demo seed``."""
