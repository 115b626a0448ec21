"""The benchmark's dataset: made once with ``flask demo generate``, then reused.

- SQLite (the default): ``<data>/national.sqlite3`` for scale 1 (``national-scale<N>``
  otherwise). Built under a temporary name and renamed when complete, so a file that
  exists is a finished dataset.
- Any ``--database-url`` (PostgreSQL, or a SQLite file of your own): reused when it holds
  the generated organisations (at least 90 % of 100,000 × scale), else upgraded, seeded and
  generated in place.
- ``--no-generate``: the database as it is, or the demo seed alone when it is empty (or,
  without ``--database-url``, ``<data>/demo.sqlite3``): a small dataset to try the harness.

Either way the schema is brought to the branch's head (``flask db upgrade``) before each
run, so new indexes reach a reused dataset.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, func, inspect, select, table

ROOT = Path(__file__).resolve().parent.parent
ORGANISATIONS_AT_SCALE_1 = 100_000
# Tables whose sizes the results record (the sizes of issue 11 at scale 1).
COUNTED_TABLES = (
    "organisations",
    "memberships",
    "training_needs",
    "support_cases",
    "certificates",
    "conventions",
    "audit_entries",
    "service_requests",
    "training_sessions",
    "complaints",
    "survey_invitations",
)


def sqlite_path(data_dir: Path, scale: str, generate: bool = True) -> Path:
    """Where the SQLite file of a scale is kept (``demo`` without the generated data)."""
    if not generate:
        return data_dir / "demo.sqlite3"
    name = "national" if float(scale) == 1 else f"national-scale{scale}"
    return data_dir / f"{name}.sqlite3"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"


def flask_env(database_url: str, secret_key: str, upload_dir: Path) -> dict[str, str]:
    """The environment of ``flask`` commands on the benchmark's database."""
    env = dict(os.environ)
    env.update(
        FLASK_APP="wsgi.py",
        PORTAL_ENV="development",
        DATABASE_URL=database_url,
        SECRET_KEY=secret_key,
        UPLOAD_DIR=str(upload_dir),
    )
    return env


def run_flask(args: list[str], env: dict[str, str]) -> None:
    """Run one ``flask`` command in the checkout, its output shown, failing loudly."""
    started = time.monotonic()
    print(f"$ flask {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, "-m", "flask", *args], cwd=ROOT, env=env, check=True)  # noqa: S603
    print(f"  ({time.monotonic() - started:.0f} s)", flush=True)


def table_counts(database_url: str) -> dict[str, int]:
    """Rows in the tables the results record (absent tables are left out)."""
    engine = create_engine(database_url)
    try:
        names = set(inspect(engine).get_table_names())
        counts = {}
        with engine.connect() as connection:
            for name in COUNTED_TABLES:
                if name in names:
                    counts[name] = connection.execute(
                        select(func.count()).select_from(table(name))
                    ).scalar_one()
        return counts
    finally:
        engine.dispose()


def build(scale: str, env: dict[str, str], generate: bool = True) -> None:
    """Schema, demo seed, then the national-scale data on top."""
    run_flask(["db", "upgrade"], env)
    run_flask(["demo", "seed"], env)
    if generate:
        run_flask(["demo", "generate", "--scale", scale], env)


def prepare(
    database_url: str | None,
    scale: str,
    data_dir: Path,
    secret_key: str,
    generate: bool = True,
) -> str:
    """The URL of a database holding the dataset, made if needed, schema up to date.

    Without ``generate``, the database is used as it is (the demo seed only when it is
    empty): a small dataset for trying the harness."""
    data_dir.mkdir(parents=True, exist_ok=True)
    upload_dir = data_dir / "uploads"
    what = f"the dataset (scale {scale})" if generate else "the demo dataset"
    if database_url is None:
        path = sqlite_path(data_dir, scale, generate)
        if path.exists():
            print(f"Reusing {path}", flush=True)
        else:
            partial = path.with_name(path.name + ".partial")
            partial.unlink(missing_ok=True)
            print(f"Making {what} in {path} ...", flush=True)
            build(scale, flask_env(sqlite_url(partial), secret_key, upload_dir), generate)
            partial.rename(path)
        database_url = sqlite_url(path)
    else:
        organisations = table_counts(database_url).get("organisations", 0)
        wanted = int(0.9 * ORGANISATIONS_AT_SCALE_1 * float(scale)) if generate else 1
        if organisations >= wanted:
            print(f"Reusing {redact(database_url)} ({organisations:,} organisations)", flush=True)
        else:
            print(f"Making {what} in {redact(database_url)} ...", flush=True)
            build(scale, flask_env(database_url, secret_key, upload_dir), generate)
    run_flask(["db", "upgrade"], flask_env(database_url, secret_key, upload_dir))
    return database_url


def redact(url: str) -> str:
    """The URL without its password, for printing and the results."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
