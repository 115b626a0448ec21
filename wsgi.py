"""The app of ``gunicorn wsgi:app`` and of the ``flask`` commands (``FLASK_APP=wsgi.py``)."""

import click

from portal import create_app, settle_heap

# The commands (``flask db upgrade``) need the migrations; a server does not load Alembic.
command = click.get_current_context(silent=True) is not None
app = create_app(migrations=command)
if not command:
    settle_heap()  # each gunicorn worker, once its app is built
