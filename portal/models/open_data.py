"""The published open data (issue 13, item 5): one row per ecosystem, region, year and
measure, the value already suppressed where it must be (services/open_data.py). Rebuilt
whole once a day by ``flask reminders send``: the page and the downloads read it as it is,
never the tables it comes from."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db


class OpenDataCell(db.Model):
    """A published figure (None: not published)."""

    __tablename__ = "open_data_cells"
    __table_args__ = (UniqueConstraint("ecosystem", "region", "year", "measure"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ecosystem: Mapped[str] = mapped_column(String(60))  # the ecosystem's slug
    region: Mapped[str] = mapped_column(String(10))  # a region code, or "total"
    year: Mapped[int] = mapped_column(Integer)
    measure: Mapped[str] = mapped_column(String(40))
    value: Mapped[int | None] = mapped_column(Integer)
    computed_on: Mapped[date] = mapped_column(Date)
