"""One page of a list, whatever page number was asked for, at any size of the data.

Lists are paginated in SQL on an indexed order. Their counts are bounded: the rows are
counted up to ``COUNT_LIMIT`` (a count that stops early costs a few milliseconds however
large the table), beyond which the list says "more than N" and invites the reader to narrow
it with the filters; the pages reachable are those of the counted rows, so no page number
makes the database skip more than ``COUNT_LIMIT`` rows. Exports, not pages, give every row.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy import Select
from sqlalchemy.orm import lazyload

from portal.bounds import INT_MAX
from portal.extensions import db

COUNT_LIMIT = 2_000


def count_up_to(statement: Select, limit: int) -> int:
    """The number of rows of ``statement``, counted up to ``limit + 1`` at most: a result of
    ``limit + 1`` means "more than ``limit``"."""
    counted = statement.options(lazyload("*")).order_by(None)
    if not counted._distinct and not counted._group_by_clauses:
        # Only the rows' existence matters: selecting a constant lets the database count
        # through an index that covers the filter without reading the rows (the columns of a
        # whole entity made it read up to ``limit`` table rows, tens of milliseconds).
        counted = counted.with_only_columns(sa.literal(1), maintain_column_froms=True)
    bounded = counted.limit(limit + 1).subquery()
    return db.session.execute(sa.select(sa.func.count()).select_from(bounded)).scalar_one()


class BoundedPagination(SelectPagination):
    """A page whose total is counted up to ``count_limit`` rows.

    ``total`` is the exact number of rows when ``more`` is false; otherwise the list holds
    more than ``count_limit`` rows (``total`` is then ``count_limit``), and ``pages`` covers
    the counted rows only.
    """

    more: bool = False

    def _query_count(self) -> int:
        limit = self._query_args["count_limit"]
        counted = count_up_to(self._query_args["select"], limit)
        self.more = counted > limit
        return min(counted, limit)


def paginate(
    statement: Select, *, page: int, per_page: int, count_limit: int = COUNT_LIMIT
) -> BoundedPagination:
    """The ``page``-th page of the statement's rows, paginated in SQL.

    A page number below 1 is the first page, and one past the last reachable page shows that
    page (as a person who typed a large number expects), never an error or a blank list.
    """
    page = max(1, min(page, INT_MAX, -(-count_limit // per_page)))
    pagination = _page(statement, page, per_page, count_limit)
    if page > 1 and not pagination.items and pagination.total:
        pagination = _page(statement, pagination.pages, per_page, count_limit)
    return pagination


def _page(statement: Select, page: int, per_page: int, count_limit: int) -> BoundedPagination:
    return BoundedPagination(
        page=page,
        per_page=per_page,
        max_per_page=None,
        error_out=False,
        select=statement,
        session=db.session,
        count_limit=count_limit,
    )
