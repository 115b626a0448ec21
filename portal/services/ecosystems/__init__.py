"""Ecosystems and their members: the ecosystem records (``records``) and the import of
member companies from a table (``member_import``, with its columns, first-user invitations
and the upload kept between the report and the confirmation)."""
