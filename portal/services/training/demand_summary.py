"""The demand summary (``training_demand_cells``): validated needs by ecosystem, topic, region
and quarter with their people, distinct companies and number, so that the demand pages read
a few hundred summary rows instead of aggregating a million needs on every request.

It is kept exact in the transaction that changes the needs: after every flush that writes a
training need (validated, declined, merged, planned, edited, deleted, or created by any
service, the demo seed or a factory), the cells that need was in before and is in after are
recomputed from the needs themselves (a few dozen rows each, read through the cell index).
Each cell's row is locked first (an upsert), so two transactions changing the same cell on
PostgreSQL take turns and the second recomputes from what the first committed.

Bulk writes that bypass the ORM (``flask demo generate``) call ``rebuild_demand_summary()``
afterwards; the migration that created the table filled it the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, delete, event, func, insert, literal, select, update
from sqlalchemy.orm import Session, attributes

from portal.models import NeedStatus, TrainingNeed
from portal.models.training import ALL_ECOSYSTEMS, TrainingDemandCell
from portal.services.cache import bump_on
from portal.services.training.common import DEMAND_STATUSES

needs_table = TrainingNeed.__table__
cells_table = TrainingDemandCell.__table__

# What places a need in a cell, or changes what it adds to it.
_TRACKED = (
    "status",
    "people",
    "organisation_id",
    "ecosystem_id",
    "topic_id",
    "region",
    "quarter",
    "deleted_at",
)
_CELL = ("ecosystem_id", "topic_id", "region", "quarter")
_PRIMARY_KEY = ("ecosystem_id", "region", "topic_id", "quarter")

CellKey = tuple[int, int, str, str]  # ecosystem (or ALL_ECOSYSTEMS), topic, region, quarter


def _cell(need: TrainingNeed, **values: Any) -> tuple[int, str, str, int]:
    return tuple(values.get(name, getattr(need, name)) for name in _CELL)  # type: ignore[return-value]


def _cells_of(ecosystem_id: int, topic_id: int, region: str, quarter: str) -> list[CellKey]:
    return [
        (ecosystem_id, topic_id, region, quarter),
        (ALL_ECOSYSTEMS, topic_id, region, quarter),
    ]


def touched_cells(session: Session) -> set[CellKey]:
    """The demand cells the needs written by this flush were in or are now in: a new
    validated need's, and for a changed or deleted need the cell it was in and the one it is
    in now, whatever its status (recomputing a cell is exact whatever happened to it)."""
    cells: set[CellKey] = set()
    for need in session.new:
        if isinstance(need, TrainingNeed) and need.status in (None, *DEMAND_STATUSES):
            cells.update(_cells_of(*_cell(need)))
    for need in session.dirty:
        if not isinstance(need, TrainingNeed) or need in session.new:
            continue
        state = attributes.instance_state(need)
        histories = {name: state.attrs[name].history for name in _TRACKED}
        if not any(history.has_changes() for history in histories.values()):
            continue
        # The cell attributes keep their previous value (active_history on the model).
        before = {name: histories[name].deleted[0] for name in _CELL if histories[name].deleted}
        cells.update(_cells_of(*_cell(need, **before)))
        cells.update(_cells_of(*_cell(need)))
    for need in session.deleted:
        if isinstance(need, TrainingNeed):
            state = attributes.instance_state(need)
            before = {
                name: state.committed_state[name] for name in _CELL if name in state.committed_state
            }
            cells.update(_cells_of(*_cell(need, **before)))
    return cells


def _aggregate(ecosystem_ids: Iterable[int] | None):
    """SELECT of people, distinct companies and needs of validated needs (grouped by the
    caller), within the ecosystems if given."""
    conditions = [
        needs_table.c.status == NeedStatus.VALIDATED,
        needs_table.c.deleted_at.is_(None),
    ]
    if ecosystem_ids is not None:
        conditions.append(needs_table.c.ecosystem_id.in_(list(ecosystem_ids)))
    return conditions, (
        func.sum(needs_table.c.people),
        func.count(func.distinct(needs_table.c.organisation_id)),
        func.count(needs_table.c.id),
    )


def refresh_cells(connection: Any, cells: Iterable[CellKey]) -> None:
    """Recompute the summary rows of the cells from the needs (in the caller's transaction)."""
    dialect = connection.dialect.name
    for ecosystem_id, topic_id, region, quarter in sorted(cells):
        key = {
            "ecosystem_id": ecosystem_id,
            "topic_id": topic_id,
            "region": region,
            "quarter": quarter,
        }
        # Lock the row (creating it if need be): concurrent changes to the cell take turns.
        upsert = _upsert(dialect, key)
        connection.execute(upsert)
        conditions, figures = _aggregate(None if ecosystem_id == ALL_ECOSYSTEMS else [ecosystem_id])
        people, companies, needs = connection.execute(
            select(*figures).where(
                *conditions,
                needs_table.c.topic_id == topic_id,
                needs_table.c.region == region,
                needs_table.c.quarter == quarter,
            )
        ).one()
        where = and_(*(cells_table.c[name] == value for name, value in key.items()))
        if needs:
            connection.execute(
                update(cells_table)
                .where(where)
                .values(people=people or 0, companies=companies, needs=needs)
            )
        else:
            connection.execute(delete(cells_table).where(where))
    # Written with Core: the figures and views read from the summary are computed again.
    bump_on(connection, [cells_table.name])


def _upsert(dialect: str, key: dict[str, Any]):
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    statement = dialect_insert(cells_table).values(**key, people=0, companies=0, needs=0)
    # A no-op update on conflict: it takes the row's lock.
    return statement.on_conflict_do_update(
        index_elements=[cells_table.c[name] for name in _PRIMARY_KEY],
        set_={"needs": cells_table.c.needs},
    )


@event.listens_for(Session, "after_flush")
def _keep_demand_summary(session: Session, flush_context: Any) -> None:
    """Recompute the demand cells the flushed needs left or entered (same transaction)."""
    cells = touched_cells(session)
    if cells:
        refresh_cells(session.connection(), cells)


def summary_select(ecosystem_key: int | None):
    """SELECT of the summary rows, computed afresh from the needs: every ecosystem's rows
    (``ecosystem_key`` None) or the all-ecosystems rows (``ALL_ECOSYSTEMS``)."""
    conditions, figures = _aggregate(None)
    cell = (needs_table.c.region, needs_table.c.topic_id, needs_table.c.quarter)
    if ecosystem_key is None:
        return (
            select(needs_table.c.ecosystem_id, *cell, *figures)
            .where(*conditions)
            .group_by(needs_table.c.ecosystem_id, *cell)
        )
    return (
        select(literal(ALL_ECOSYSTEMS).label("ecosystem_id"), *cell, *figures)
        .where(*conditions)
        .group_by(*cell)
    )


def rebuild_demand_summary(connection: Any) -> None:
    """Fill the summary afresh from the needs, set-based (after bulk writes)."""
    columns = ["ecosystem_id", "region", "topic_id", "quarter", "people", "companies", "needs"]
    connection.execute(delete(cells_table))
    for key in (None, ALL_ECOSYSTEMS):
        connection.execute(insert(cells_table).from_select(columns, summary_select(key)))
    bump_on(connection, [cells_table.name])
