"""Figures that cost an aggregate over large tables, computed once and kept until the data
behind them changes.

A set of figures names the tables it is computed from (``Figures("ecosystem-summary",
depends_on=(Membership, Organisation))``, declared at import time). Every flush that adds,
changes or deletes rows of a watched table gives that table a new random version token, in
the same transaction (``data_versions``): a figure is cached under the tokens of its tables,
so it is recomputed after any committed change and never after a rolled-back one, in every
worker. Values are JSON (dicts, lists, numbers, text) and live in Redis when ``REDIS_URL``
is set (shared by the workers), else in a bounded store of the process.

Reading a figure costs the tokens (one query per request, whatever the number of figures
and views the page reads) plus, on a miss, its computation.

A ``View`` is the same for a read-model whose tables are not known in advance (a home's work
queues, which read what the user's role needs): the tables are the ones its computation
actually read (every ORM statement's tables, and the tables of the figures it used), kept
with the tokens they had before it ran. Every table is versioned but ``UNVERSIONED``, the
tables that change on every visit or action and that no view reads.
Statements that bypass the ORM's unit of work (bulk ``insert()`` of the data generator,
``UPDATE`` run through ``db.session.execute``) are caught for ORM-enabled statements; a
tool that writes with Core calls ``forget_all(connection)``.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import current_app, g, has_request_context
from sqlalchemy import Connection, event, inspect, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql.util import find_tables

from portal.extensions import db
from portal.models import DataVersion

# Tables some figures depend on: their changes are versioned.
WATCHED: set[str] = set()
# Tables whose changes are not versioned (unless a figure depends on them): written at every
# visit or action, read by no view. A view that reads one of them is not kept.
UNVERSIONED = frozenset(
    {
        "data_versions",
        "login_sessions",
        "form_submissions",
        "audit_entries",
        "outbound_emails",
        "reminders_sent",
    }
)

# The tables read by the view being computed, if one is.
_reading: ContextVar[set[str] | None] = ContextVar("reading", default=None)

LOCAL_ENTRIES = 2_048
LOCAL_CHARACTERS = 8_000_000  # a home's queues are a few kilobytes: a worker keeps a few MB
TIME_TO_LIVE = 24 * 3600  # seconds: a safety net, the tokens do the work
# The prefix of a view's keys, changed with the way a view is kept: values written by an
# earlier release, in a Redis that outlives it, are not read.
VIEW_FORMAT = "view2"
# Starts a kept value that is text, not JSON (``View._dumps``): no JSON value starts with it.
TEXT_MARK = "\x1etext\x1e"


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
        _note_read(self.tables)
        tokens = _tokens(self.tables)
        cache_key = ":".join(["figures", self.name, *map(str, key), *tokens])
        found = _store().get(cache_key)
        if found is not None:
            return json.loads(found)
        value = compute()
        _store().set(cache_key, json.dumps(value))
        return value


@dataclass(frozen=True)
class View:
    """A read-model kept until one of the tables its computation read changes.

    ``get(key, compute)`` returns what ``compute()`` returned for this key (the user, the
    language and the day a home is computed for): JSON values, dates, and instances of the
    dataclasses named in ``types`` (a home's sections, items and links), kept as JSON. A kept
    value is served while every table it read has the token it had before it was computed,
    and the tables of ``depends_on`` (what was read before: the user, their organisation). A
    hit costs the request's tokens (one query, shared with the other figures and views)."""

    name: str
    depends_on: tuple[type, ...] = ()
    types: tuple[type, ...] = ()
    # Tables only ever added to (never changed nor deleted from) that the view may read
    # without a token, although written at every action (the audit trail): the caller puts
    # their newest id in the key, which then says which rows there are.
    append_only: tuple[type, ...] = ()

    def get(self, key: Iterable[Any], compute: Callable[[], Any]) -> Any:
        cache_key = ":".join([VIEW_FORMAT, self.name, *map(str, key)])
        found = _store().get(cache_key)
        if found is not None:
            kept_tokens, value = self._loads(found)
            tables = tuple(kept_tokens)
            _note_read(tables)  # a view computed with this one depends on its tables too
            if _tokens(tables) == [kept_tokens[table] for table in tables]:
                return value
        before = _all_tokens()
        with _recording() as read:
            read.update(model.__table__.name for model in self.depends_on)
            value = compute()
        read -= {model.__table__.name for model in self.append_only}
        if not read & UNVERSIONED - WATCHED:
            tokens = {table: before.get(table, "-") for table in sorted(read)}
            _store().set(cache_key, self._dumps(tokens, value))
        return value

    # A kept value is its tokens as one line of JSON, then the value. Text (a part of a page:
    # tens of kilobytes of HTML, Arabic included) follows as it is, after TEXT_MARK: written
    # and read back without JSON's escapes, which cost a list page a fifth of a millisecond.
    def _dumps(self, tokens: dict[str, str], value: Any) -> str:
        head = json.dumps(tokens, ensure_ascii=False)
        if isinstance(value, str):
            return f"{head}\n{TEXT_MARK}{value}"
        return f"{head}\n{json.dumps(value, default=self._encode, ensure_ascii=False)}"

    def _loads(self, kept: str) -> tuple[dict[str, str], Any]:
        head, _, body = kept.partition("\n")
        if body.startswith(TEXT_MARK):
            return json.loads(head), body[len(TEXT_MARK) :]
        return json.loads(head), json.loads(body, object_hook=self._decode)

    def _encode(self, value: Any) -> Any:
        if type(value) in self.types:
            return {"$type": type(value).__name__, "fields": vars(value)}
        return _date_as_json(value)

    def _decode(self, value: dict[str, Any]) -> Any:
        if "$type" in value:
            types = {cls.__name__: cls for cls in self.types}
            return types[value["$type"]](**value["fields"])
        return _dates_back(value)


def _date_as_json(value: Any) -> dict[str, str]:
    """A view's dates and times, as ISO text tagged with their type."""
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    raise TypeError(f"{type(value).__name__} cannot be kept in a view")


def _dates_back(value: dict[str, Any]) -> Any:
    if "$datetime" in value:
        return datetime.fromisoformat(value["$datetime"])
    if "$date" in value:
        return date.fromisoformat(value["$date"])
    return value


@contextmanager
def _recording() -> Iterator[set[str]]:
    read: set[str] = set()
    outer = _reading.get()
    marker = _reading.set(read)
    try:
        yield read
    finally:
        _reading.reset(marker)
        if outer is not None:
            outer.update(read)


def _note_read(tables: Iterable[str]) -> None:
    read = _reading.get()
    if read is not None:
        read.update(tables)


def _is_versioned(table: str) -> bool:
    return table in WATCHED or table not in UNVERSIONED


def _all_tokens() -> dict[str, str]:
    """Every table's token (a few dozen rows), read once per request — a page checks several
    figures and views — and again after this process gave a table a new one."""
    if not has_request_context():
        return _read_tokens()
    if "data_versions" not in g:
        g.data_versions = _read_tokens()
    return g.data_versions


def _read_tokens() -> dict[str, str]:
    # Every page reads them: on the session's connection and transaction, without the ORM's
    # statement handling (a tenth of a millisecond), a statement compiled once per process.
    return dict(db.session.connection().execute(_TOKENS).all())


_TOKENS = select(DataVersion.__table__.c.table_name, DataVersion.__table__.c.token)


def _tokens(tables: tuple[str, ...]) -> list[str]:
    tokens = _all_tokens()
    return [tokens.get(table, "-") for table in tables]


def bump(session: Session, tables: Iterable[str]) -> None:
    """New version tokens for these tables, in the session's transaction."""
    tables = {table for table in tables if _is_versioned(table)}
    if tables:
        bump_on(session.connection(), tables)


def bump_on(connection: Connection, tables: Iterable[str]) -> None:
    """New version tokens for these tables, in the connection's transaction."""
    tables = sorted(set(tables))
    token = uuid.uuid4().hex
    if has_request_context():
        g.pop("data_versions", None)  # read again: this transaction has new tokens
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


def forget_all(connection: Connection) -> None:
    """New tokens for every table, in the connection's transaction: what a tool that wrote
    with Core (the data generator) calls, so no figure computed before is served after."""
    bump_on(connection, db.metadata.tables)


def _changed_tables(session: Session) -> set[str]:
    """The tables of the rows the flush added, deleted or changed. A row whose changes are
    all bookkeeping the audit trail ignores too (``__audit_ignored__``: the last sign-in, the
    version counter) leaves its table's version alone: every sign-in would otherwise make
    every home computed again. No figure or view shows those attributes."""
    tables = set()
    for instance in (*session.new, *session.deleted):
        tables.add(instance.__table__.name)
    for instance in session.dirty:
        if instance.__table__.name in tables:
            continue
        ignored = set(getattr(instance, "__audit_ignored__", ()))
        changed = {
            attribute.key
            for attribute in inspect(instance).attrs
            if attribute.key not in ignored and attribute.history.has_changes()
        }
        if changed - _collection_keys(instance):  # a collection's rows are in its own table
            tables.add(instance.__table__.name)
    return tables


def _collection_keys(instance: Any) -> set[str]:
    relationships = inspect(instance).mapper.relationships
    return {relationship.key for relationship in relationships if relationship.uselist}


def register_versioning() -> None:
    """Version the tables at every flush and ORM bulk statement, and record what a view being
    computed reads (once per process)."""
    if getattr(register_versioning, "done", False):
        return
    register_versioning.done = True

    @event.listens_for(Session, "after_flush")
    def version_changes(session: Session, _context: Any) -> None:
        # After the flush, before its bookkeeping: new, dirty and deleted still say what
        # was written.
        tables = _changed_tables(session)
        if tables:
            bump(session, tables)

    @event.listens_for(Session, "do_orm_execute")
    def version_bulk_statements(state: ORMExecuteState) -> None:
        if state.is_update or state.is_delete or state.is_insert:
            # The statement's table, an entity's or a Core table written through the session.
            table = getattr(state.statement, "table", None)
            if getattr(table, "name", None):
                bump(state.session, [table.name])
        elif _reading.get() is not None:
            # A view is being computed: the tables this statement reads are what it depends on.
            _note_read(
                table.name
                for table in find_tables(state.statement, include_aliases=True, include_joins=True)
                if hasattr(table, "fullname") and table.name != DataVersion.__tablename__
            )


# --- stores -------------------------------------------------------------------------------


class _LocalStore:
    """The process's own store: the least recently used entries go first, past a number of
    entries or of characters."""

    def __init__(self, size: int, characters: int = LOCAL_CHARACTERS) -> None:
        self.size = size
        self.characters = characters
        self.used = 0
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
            self.used -= len(self.entries.pop(key, ""))
            self.entries[key] = value
            self.used += len(value)
            while len(self.entries) > self.size or self.used > self.characters:
                _key, dropped = self.entries.popitem(last=False)
                self.used -= len(dropped)


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
