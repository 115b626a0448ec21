"""The benchmark's harness (bench/), without running it: its table of pages still matches
the app's routes, its extra routes live in the benchmark app only, and it reads wrk's
output right. Nothing here is timed."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from bench.app import BARE_PATH, TEMPLATE_PATH, create_bench_app
from bench.pages import ACCOUNTS, ANONYMOUS, EXAMPLE_VALUES, PAGES, TARGETS, roles_used
from bench.run import Bench, Row, parse_args, parse_wrk, verdict
from portal.demo.data import DEMO_USERS
from portal.services.directory import SORTS

BENCH_ENDPOINTS = {"bench.bare", "bench.template_only"}


@pytest.fixture(scope="module")
def bench_app(tmp_path_factory):
    # An empty in-memory database: the two routes of the benchmark must need no query.
    tmp_dir = tmp_path_factory.mktemp("bench")
    return create_bench_app(
        "test", {"SQLALCHEMY_DATABASE_URI": "sqlite://", "UPLOAD_DIR": str(tmp_dir)}
    )


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_every_page_resolves_to_its_endpoint(bench_app, page):
    url = urlsplit(page.path.format(**EXAMPLE_VALUES))
    endpoint, _args = bench_app.url_map.bind("localhost").match(url.path, method="GET")
    assert endpoint == page.endpoint
    assert page.kind in TARGETS
    assert page.role == ANONYMOUS or page.role in ACCOUNTS


def test_the_sorts_measured_are_sorts_the_lists_offer():
    # A sort the list does not know falls back to the default one without a word: the
    # benchmark would measure the first page twice.
    for page in PAGES:
        for sort in parse_qs(urlsplit(page.path).query).get("sort", []):
            assert sort in SORTS, (page.name, sort)


def test_page_names_are_unique_and_the_accounts_are_demo_accounts():
    names = [page.name for page in PAGES]
    assert len(names) == len(set(names))
    demo_emails = {user["email"] for user in DEMO_USERS}
    assert set(ACCOUNTS.values()) <= demo_emails
    assert set(roles_used(PAGES)) == set(ACCOUNTS)


def test_the_benchmark_routes_exist_in_the_bench_app_only(app, bench_app):
    bench_endpoints = {rule.endpoint for rule in bench_app.url_map.iter_rules()}
    portal_rules = list(app.url_map.iter_rules())
    assert bench_endpoints >= BENCH_ENDPOINTS
    assert not BENCH_ENDPOINTS & {rule.endpoint for rule in portal_rules}
    assert not [rule.rule for rule in portal_rules if rule.rule.startswith("/_bench")]
    portal_endpoints = {rule.endpoint for rule in portal_rules}
    assert bench_endpoints - portal_endpoints == BENCH_ENDPOINTS


def test_the_bare_and_template_pages_answer_without_the_database(bench_app):
    client = bench_app.test_client()
    bare = client.get(BARE_PATH)
    assert bare.status_code == 200
    assert bare.mimetype == "text/plain"
    page = client.get(TEMPLATE_PATH)
    assert page.status_code == 200
    assert b"<nav" in page.data  # through the base layout


def test_quick_runs_a_few_pages_once():
    args = parse_args(["--quick"])
    assert (args.repetitions, args.duration) == (1, 1.0)
    quick = [page for page in PAGES if page.quick]
    assert {"bare route", "template only"} <= {page.name for page in quick}
    assert 3 < len(quick) < len(PAGES) / 3


class _TimedClient:
    """Answers 200 after the given times, one per request (the last one repeated)."""

    def __init__(self, seconds: list[float]) -> None:
        self.seconds = seconds
        self.sent = 0

    def request(self, method: str, path: str) -> tuple[int, dict, bytes, float]:
        seconds = self.seconds[min(self.sent, len(self.seconds) - 1)]
        self.sent += 1
        return 200, {}, b"", seconds


@pytest.mark.parametrize(
    ("seconds", "sent", "fastest"),
    [
        ([2.6, 0.01, 0.01], 3, 0.01),  # computed on the first visit, kept after: measured
        ([0.02, 0.01, 0.01], 3, 0.01),
        ([5.0, 4.0], 2, 4.0),  # slow every time: two requests, then not put under load
    ],
)
def test_the_warm_up_sends_a_second_request_after_a_slow_first_one(seconds, sent, fastest):
    bench = Bench(parse_args([]))
    page = next(page for page in PAGES if page.name == "cockpit")
    client = _TimedClient(seconds)
    bench.clients[page.role] = client
    bench.drain = lambda: None
    assert bench.check(page) == fastest
    assert client.sent == sent
    assert bench.first_seconds[page.name] == seconds[0]


WRK_OUTPUT = """\
Running 3s test @ http://127.0.0.1:8000/_bench/bare
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.10ms    3.20ms  40.00ms   80.00%
    Req/Sec   520.00     40.00   600.00     70.00%
  Latency Distribution
     50%   11.80ms
     75%   13.00ms
     90%   15.00ms
     99%    1.20s
  3120 requests in 3.00s, 0.60MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   1040.00
Transfer/sec:    200.00KB
"""


def test_wrk_output_is_read():
    measure = parse_wrk(WRK_OUTPUT)
    assert measure.rps == 1040.0
    assert measure.p50_ms == pytest.approx(11.8)
    assert measure.p99_ms == pytest.approx(1200.0)
    assert measure.requests == 3120
    assert (measure.non_2xx_3xx, measure.socket_errors) == (4, 3)
    assert parse_wrk("Running 1s test\n  0 requests in 1.00s\nRequests/sec: 0.00\n").p50_ms is None


def test_verdicts_follow_the_kind_of_page():
    def row(kind, connections, **values):
        return Row("p", "/", "ministry", kind, TARGETS[kind], connections, **values)

    assert verdict(row("list", 16, ratio=0.2, p50_ms=5, p99_ms=30)) == "PASS"
    assert verdict(row("list", 16, ratio=0.1, p50_ms=5, p99_ms=30)) == "FAIL"
    assert verdict(row("list", 16, ratio=0.2, p50_ms=5, p99_ms=30, errors=1)) == "FAIL"
    assert verdict(row("deep", 16, ratio=0.01, p50_ms=20, p99_ms=49)) == "PASS"
    assert verdict(row("home", 16, ratio=0.01, p50_ms=200, p99_ms=400)) == "—"
    assert verdict(row("home", 1, p50_ms=9, p99_ms=40)) == "PASS"
    assert verdict(row("aggregate", 1, p50_ms=11, p99_ms=12)) == "FAIL"
    assert verdict(row("baseline", 16, p50_ms=1, p99_ms=2)) == "—"
    # nothing answered within the measurement: a list fails, an aggregate's target is
    # measured with one connection
    assert verdict(row("list", 16)) == "FAIL"
    assert verdict(row("aggregate", 16)) == "—"
    assert verdict(row("aggregate", 1)) == "FAIL"


def test_a_production_worker_takes_what_starting_made_out_of_the_collector_s_reach(tmp_path):
    # A full collection walked the ~180,000 objects of the app's start, 90-145 ms during which
    # a worker answered no one (issue 11); wsgi.py and the benchmark's app freeze them.
    gc.unfreeze()
    try:
        create_bench_app(
            "production",
            {
                "SECRET_KEY": "k" * 48,
                "SQLALCHEMY_DATABASE_URI": "sqlite://",
                "UPLOAD_DIR": str(tmp_path),
            },
        )
        assert gc.get_freeze_count() > 100_000
    finally:
        gc.unfreeze()


def test_the_server_s_entry_point_freezes_its_start_and_a_flask_command_does_not(tmp_path):
    # gunicorn imports wsgi.py in each worker; the flask commands import it too (no freeze).
    root = Path(__file__).resolve().parents[1]
    env = dict(
        os.environ,
        PORTAL_ENV="production",
        SECRET_KEY="k" * 48,
        DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        UPLOAD_DIR=str(tmp_path / "uploads"),
    )
    served = subprocess.run(
        [sys.executable, "-c", "import gc, wsgi; print(gc.get_freeze_count())"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(served.stdout.split()[-1]) > 100_000
    command = subprocess.run(
        [
            sys.executable,
            "-c",
            "import click, gc\n"
            "with click.Context(click.Command('x')):\n"
            "    import wsgi\n"
            "print(gc.get_freeze_count())",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(command.stdout.split()[-1]) == 0
