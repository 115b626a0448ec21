"""What the database plans to do for the queries of a page: list queries must read through
an index in the order they show, never scan a whole table nor sort a whole result (issue 11).

``plan_problems(run)`` runs ``run`` (a page request, a service call), then asks the database
for the plan of every SELECT it sent, exactly as it was sent (soft-deletion filters and
bound values included), and returns the steps that would read or sort every row: on SQLite,
``SCAN <table>`` without an index (unless read in the order of its key, as asked) and
``USE TEMP B-TREE FOR ORDER BY``; on PostgreSQL,
``Seq Scan`` and ``Sort`` nodes, the planner being told to avoid both (so one that remains
has no index to use) — test tables are small, and a planner left free would rightly scan.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import event

from portal.extensions import db

# Tables bounded by the schema, not by the data, that any page may read whole: the version
# tokens (one row per table), read once per request by services/cache.py.
SCHEMA_SIZED = ("data_versions",)

_SQLITE_FULL_SCAN = re.compile(r"^SCAN (?!.*\bUSING\b)")
_SQLITE_SORT = re.compile(r"USE TEMP B-TREE FOR (ORDER BY|RIGHT PART OF ORDER BY)")


def captured_selects(run: Callable[[], Any]) -> list[tuple[str, Any]]:
    """The SELECT statements (with their parameters) sent while ``run`` runs."""
    sent: list[tuple[str, Any]] = []

    def before_cursor_execute(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            sent.append((statement, parameters))

    engine = db.engine
    event.listen(engine, "before_cursor_execute", before_cursor_execute)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", before_cursor_execute)
    return sent


def plan_lines(statement: str, parameters: Any) -> list[str]:
    """The plan of one statement as sent, one line per step."""
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
        return [row[-1] for row in rows]
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    connection.exec_driver_sql("SET LOCAL enable_sort = off")
    try:
        document = connection.exec_driver_sql(
            f"EXPLAIN (FORMAT JSON) {statement}", parameters
        ).scalar_one()
    finally:
        connection.exec_driver_sql("RESET enable_seqscan")
        connection.exec_driver_sql("RESET enable_sort")
    plan = document if isinstance(document, list) else json.loads(document)
    lines: list[str] = []

    def walk(node: dict) -> None:
        relation = node.get("Relation Name", "")
        index = node.get("Index Name", "")
        keys = ", ".join(node.get("Sort Key", []))
        parts = (node["Node Type"], relation, index, keys)
        lines.append(" ".join(part for part in parts if part))
        for child in node.get("Plans", []):
            walk(child)

    walk(plan[0]["Plan"])
    return lines


def _is_problem(line: str, sqlite: bool, statement: str) -> bool:
    if not sqlite:
        return line.startswith(("Seq Scan", "Sort"))
    if _SQLITE_SORT.search(line):
        return True
    if _SQLITE_FULL_SCAN.search(line):
        # A table read in the order of its own key (rowid), as the statement asks: the read
        # stops at the page's last row; it is not a whole-table scan.
        table = line.split()[1]
        return not re.search(rf"ORDER BY {table}\.id\b", statement)
    return False


def plan_problems(
    run: Callable[[], Any], allowed: tuple[str, ...] = (), matching: str = ""
) -> dict[str, list[str]]:
    """For each SELECT sent by ``run`` (those containing ``matching``, if given), the steps
    that read a whole table or sort a whole result, except those naming one of ``allowed``
    (small reference tables, e.g. ``"ecosystems"``); statements without any are left out."""
    sqlite = db.session.get_bind().dialect.name == "sqlite"
    found: dict[str, list[str]] = {}
    for statement, parameters in captured_selects(run):
        if matching and matching not in statement:
            continue
        bad = [
            line
            for line in plan_lines(statement, parameters)
            if _is_problem(line, sqlite, statement)
            and not any(re.search(rf"\b{name}\b", line) for name in (*allowed, *SCHEMA_SIZED))
        ]
        if bad:
            found[" ".join(statement.split())[:300]] = bad
    return found
