"""Ecosystems and their members: the ecosystem records (``records``), memberships and the
decisions on them (``memberships``), their figures (``summaries``), and the import of member
companies from a table (``member_import``, with ``import_columns``, ``import_invitations`` for
the first users and ``import_store`` for the file kept between the report and the
confirmation)."""
