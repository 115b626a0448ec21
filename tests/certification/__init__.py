"""Certification support: support cases, diagnostics and action plans, audits, certificates."""
