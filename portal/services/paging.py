"""One page of a list, whatever page number was asked for."""

from __future__ import annotations

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select

from portal.bounds import INT_MAX
from portal.extensions import db


def paginate(statement: Select, *, page: int, per_page: int) -> Pagination:
    """The ``page``-th page of the statement's rows, paginated in SQL.

    A page number below 1 is the first page, and one past the end shows the last page (as
    a person who typed a large number expects), never an error or a blank list.
    """
    page = max(1, min(page, INT_MAX))
    pagination = db.paginate(statement, page=page, per_page=per_page, error_out=False)
    if page > 1 and not pagination.items and pagination.total:
        pagination = db.paginate(
            statement, page=pagination.pages, per_page=per_page, error_out=False
        )
    return pagination
