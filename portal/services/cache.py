"""Figures that cost an aggregate over large tables, computed once and kept until the data
behind them changes.

A set of figures names the tables it is computed from (``Figures("ecosystem-summary",
depends_on=(Membership, Organisation))``, declared at import time). Every flush that adds,
changes or deletes rows of a watched table gives that table a new random version token, in
the same transaction (``data_versions``): a figure is cached under the tokens of its tables,
so it is recomputed after any committed change and never after a rolled-back one, in every
worker. Values are JSON (dicts, lists, numbers, text) and live in Redis when ``REDIS_URL``
is set (shared by the workers), else in a bounded store of the process.

Reading a figure costs one indexed query (the tokens) plus, on a miss, its computation.
Statements that bypass the ORM's unit of work (bulk ``insert()`` of the data generator,
``UPDATE`` run through ``db.session.execute``) are caught for ORM-enabled statements; a
tool that writes with Core calls ``forget_all()``.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import event, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import ORMExecuteState, Session

from portal.extensions import db
from portal.models import DataVersion

# Tables some figures depend on: only their changes are versioned.
WATCHED: set[str] = set()

LOCAL_ENTRIES = 2_048
TIME_TO_LIVE = 24 * 3600  # seconds: a safety net, the tokens do the work


@dataclass(frozen=True)
class Figures:
    """A named set of figures and the tables they are computed from."""

    name: str
    depends_on: tuple[type, ...]

    def __post_init__(self) -> None:
        WATCHED.update(self.tables)

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(sorted(model.__table__.name for model in self.depends_on))

    def get(self, key: Iterable[Any], compute: Callable[[], Any]) -> Any:
        """The figures for ``key`` (e.g. an ecosystem's id), from the cache when the tables
        have not changed since they were computed, else computed and kept."""
        tokens = _tokens(self.tables)
        cache_key = ":".join(["figures", self.name, *map(str, key), *tokens])
        found = _store().get(cache_key)
        if found is not None:
            return json.loads(found)
        value = compute()
        _store().set(cache_key, json.dumps(value))
        return value


def _tokens(tables: tuple[str, ...]) -> list[str]:
    rows = dict(
        db.session.execute(
            select(DataVersion.table_name, DataVersion.token).where(
                DataVersion.table_name.in_(tables)
            )
        ).all()
    )
    return [rows.get(table, "-") for table in tables]


def bump(session: Session, tables: Iterable[str]) -> None:
    """New version tokens for these tables, in the session's transaction."""
    tables = sorted(set(tables) & WATCHED)
    if not tables:
        return
    connection = session.connection()
    token = uuid.uuid4().hex
    changed = connection.execute(
        update(DataVersion.__table__)
        .where(DataVersion.__table__.c.table_name.in_(tables))
        .values(token=token)
    ).rowcount
    if changed < len(tables):
        # First change of a table: its row is created (by one transaction if two race).
        dialect = connection.dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        connection.execute(
            insert(DataVersion.__table__)
            .values([{"table_name": table, "token": token} for table in tables])
            .on_conflict_do_nothing(index_elements=["table_name"])
        )


def forget_all() -> None:
    """New tokens for every watched table (after writing with Core, e.g. generated data)."""
    bump(db.session, WATCHED)


def _changed_tables(session: Session) -> set[str]:
    tables = set()
    for instance in (*session.new, *session.deleted):
        tables.add(instance.__table__.name)
    for instance in session.dirty:
        if session.is_modified(instance, include_collections=False):
            tables.add(instance.__table__.name)
    return tables


def register_versioning() -> None:
    """Version the watched tables at every flush and ORM bulk statement (once per process)."""
    if getattr(register_versioning, "done", False):
        return
    register_versioning.done = True

    @event.listens_for(Session, "after_flush")
    def version_changes(session: Session, _context: Any) -> None:
        # After the flush, before its bookkeeping: new, dirty and deleted still say what
        # was written.
        tables = _changed_tables(session) & WATCHED
        if tables:
            bump(session, tables)

    @event.listens_for(Session, "do_orm_execute")
    def version_bulk_statements(state: ORMExecuteState) -> None:
        if (state.is_update or state.is_delete or state.is_insert) and state.bind_mapper:
            table = state.bind_mapper.local_table.name
            if table in WATCHED:
                bump(state.session, [table])


# --- stores -------------------------------------------------------------------------------


class _LocalStore:
    """The process's own store: the least recently used entries go first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[str, str] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def set(self, key: str, value: str) -> None:
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


class _RedisStore:
    def __init__(self, url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url)

    def get(self, key: str) -> str | None:
        value = self.client.get(key)
        return value.decode() if value is not None else None

    def set(self, key: str, value: str) -> None:
        self.client.set(key, value, ex=TIME_TO_LIVE)


def _store() -> _LocalStore | _RedisStore:
    extensions = current_app.extensions
    if "figures_store" not in extensions:
        url = current_app.config.get("REDIS_URL")
        extensions["figures_store"] = _RedisStore(url) if url else _LocalStore(LOCAL_ENTRIES)
    return extensions["figures_store"]
