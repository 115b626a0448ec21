"""Blueprints, one package per domain: ``__init__`` (bp), ``routes`` (thin), ``forms``."""
