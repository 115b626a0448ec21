"""Tests of the conventions domain: pages, progress, documents, report and export."""
