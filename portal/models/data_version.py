"""The version of each table's data, changed in the same transaction as the data: what a
cached figure was computed from (``services/cache.py``)."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db


class DataVersion(db.Model):
    """One table's data version: a new random token at every committed change."""

    __tablename__ = "data_versions"

    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    token: Mapped[str] = mapped_column(String(32))
