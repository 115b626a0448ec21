"""The app of ``gunicorn wsgi:app`` and of the ``flask`` commands (``FLASK_APP=wsgi.py``)."""

import click

from portal import create_app

# The commands (``flask db upgrade``) need the migrations; a server does not load Alembic.
app = create_app(migrations=click.get_current_context(silent=True) is not None)
