"""The benchmark run: dataset, gunicorn, sign-ins, ``wrk``, exports, one table, JSON.

    python -m bench                      # SQLite, the default scale, generated once under .bench/
    python -m bench --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench
    python -m bench --quick              # a smoke run: a few pages, one repetition of 1 s

Every process it starts (gunicorn and its workers, wrk) runs in its own process group and
is stopped on the way out, on success, failure or Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench import dataset
from bench.app import BARE_PATH
from bench.pages import (
    ACCOUNTS,
    ANONYMOUS,
    BASELINE,
    DEEP,
    DEEP_MAX_P99_MS,
    ECOSYSTEM,
    EXPORT,
    LIST,
    LIST_MAX_P99_MS,
    LIST_MIN_RATIO,
    PAGES,
    SUMMARY_MAX_P50_MS,
    WORKER_MAX_MB,
    Page,
    roles_used,
)

ROOT = dataset.ROOT
HOST = "127.0.0.1"


# --- processes ---------------------------------------------------------------------------

_started: list[subprocess.Popen] = []


def _spawn(command: list[str], **kwargs: Any) -> subprocess.Popen:
    """Start a process in its own group, remembered so that it is stopped at the end."""
    process = subprocess.Popen(command, start_new_session=True, **kwargs)  # noqa: S603
    _started.append(process)
    return process


def _stop(process: subprocess.Popen, grace: float = 10.0) -> None:
    """Stop a process group started here: TERM, then KILL after the grace period."""
    if process.poll() is not None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # leftovers of the group, if any
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def stop_everything() -> None:
    while _started:
        _stop(_started.pop())


def _terminate(signum: int, _frame: Any) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# --- /proc -------------------------------------------------------------------------------


def workers_of(master: int) -> list[int]:
    """The gunicorn workers (the master's children)."""
    try:
        text = Path(f"/proc/{master}/task/{master}/children").read_text()
    except OSError:
        return []
    return sorted(int(pid) for pid in text.split())


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM (peak) of a process, in MB."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024
    except OSError:
        pass
    return values


def reset_peak(pid: int) -> bool:
    """Reset a process's VmHWM (Linux ≥ 4.0, ``clear_refs`` 5), so it then gives the peak
    of what follows; False when not allowed."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


def open_connections(port: int) -> int:
    """Connections to the server's port not yet answered and closed (accept queue
    included): ESTABLISHED, SYN_RECV or CLOSE_WAIT on the server side."""
    wanted = f":{port:04X}"
    count = 0
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(name).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if len(parts) > 3 and parts[1].endswith(wanted) and parts[3] in ("01", "03", "08"):
                count += 1
    return count


# --- HTTP --------------------------------------------------------------------------------


class Client:
    """Plain HTTP/1.1 to the server, with a cookie jar of one account."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def _keep_cookies(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def request(
        self, method: str, path: str, body: dict[str, str] | None = None, timeout: float = 120
    ) -> tuple[int, dict[str, str], bytes, float]:
        """One request; answers status, headers, body and seconds taken."""
        connection = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        headers = {"Accept-Language": "fr"}
        if self.cookies:
            headers["Cookie"] = self.cookie_header()
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            content = response.read()
            self._keep_cookies(response)
            return response.status, dict(response.headers), content, time.perf_counter() - started
        finally:
            connection.close()


class _HiddenFields(HTMLParser):
    """The hidden inputs of the page's forms (the CSRF token among them)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "input" and values.get("type") == "hidden" and values.get("name"):
            self.fields[values["name"] or ""] = values.get("value") or ""


def sign_in(port: int, email: str, password: str) -> Client:
    """Sign in through the real form (its CSRF token), checked by opening the home page."""
    client = Client(port)
    status, _headers, body, _ = client.request("GET", "/auth/login")
    if status != 200:
        raise RuntimeError(f"GET /auth/login answered {status}")
    parser = _HiddenFields()
    parser.feed(body.decode("utf-8", "replace"))
    form = dict(parser.fields, email=email, password=password)
    status, _headers, _body, _ = client.request("POST", "/auth/login", body=form)
    if status not in (302, 303):
        raise RuntimeError(f"signing in as {email} answered {status} (expected a redirect)")
    status, _headers, _body, _ = client.request("GET", "/home")
    if status != 200:
        raise RuntimeError(f"{email} signed in, but /home answered {status}")
    return client


# --- wrk ---------------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


@dataclass
class Measure:
    """One wrk run."""

    rps: float = 0.0
    p50_ms: float | None = None
    p99_ms: float | None = None
    requests: int = 0
    non_2xx_3xx: int = 0
    socket_errors: int = 0


def parse_wrk(output: str) -> Measure:
    """Requests per second, p50, p99, answers outside 2xx/3xx and socket errors."""
    result = Measure()
    if match := re.search(r"Requests/sec:\s+([\d.]+)", output):
        result.rps = float(match.group(1))
    if match := re.search(r"^\s+50%\s+(\S+)", output, re.M):
        result.p50_ms = _ms(match.group(1))
    if match := re.search(r"^\s+99%\s+(\S+)", output, re.M):
        result.p99_ms = _ms(match.group(1))
    if match := re.search(r"(\d+) requests in", output):
        result.requests = int(match.group(1))
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        result.non_2xx_3xx = int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        result.socket_errors = sum(int(n) for n in match.groups())
    if result.requests == 0:
        result.p50_ms = result.p99_ms = None
    return result


def run_wrk(
    wrk: str, url: str, cookie: str, connections: int, threads: int, seconds: float
) -> tuple[Measure, str]:
    command = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
        "--timeout",
        "30s",
        "-H",
        "Accept-Language: fr",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(url)
    process = _spawn(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        output, _ = process.communicate(timeout=seconds + 60)
    finally:
        _stop(process)
        _started.remove(process)
    return parse_wrk(output), output


# --- the run -----------------------------------------------------------------------------


@dataclass
class Row:
    """A page's result for one connection count: medians of the repetitions."""

    page: str
    path: str
    role: str
    kind: str
    target: str
    connections: int
    repetitions: list[dict[str, Any]] = field(default_factory=list)
    rps: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    ratio: float | None = None
    errors: int = 0
    warm_ms: float | None = None  # the fastest warm-up request, alone
    first_ms: float | None = None  # the first one (a kept page or figure is computed there)
    result: str = ""
    note: str = ""


@dataclass
class ExportRow:
    page: str
    path: str
    role: str
    status: int | None = None
    seconds: float | None = None
    first_byte_seconds: float | None = None
    megabytes: float = 0.0
    lines: int = 0
    worker_peak_mb: float | None = None
    worker_growth_mb: float | None = None  # the peak less the larger resident size before
    result: str = ""
    note: str = ""


def _median(values: list[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.secret_key = secrets.token_urlsafe(48)
        self.password = "bench-" + secrets.token_urlsafe(18)
        self.port = free_port()
        self.gunicorn: subprocess.Popen | None = None
        self.log_path: Path | None = None
        self.clients: dict[str, Client] = {}
        self.values: dict[str, str] = {}
        self.rows: list[Row] = []
        self.exports: list[ExportRow] = []
        self.notes: list[str] = []
        self.check_failures: list[str] = []
        self.first_seconds: dict[str, float] = {}  # each page's first warm-up request
        self.respawned = 0
        self.load_at_start = os.getloadavg()
        self._known_workers: set[int] | None = None

    # dataset and accounts ------------------------------------------------------------

    def pages(self) -> list[Page]:
        pages = [page for page in PAGES if page.quick or not self.args.quick]
        if self.args.page:
            wanted = [text.lower() for text in self.args.page]
            pages = [
                page
                for page in pages
                if page.kind == BASELINE or any(text in page.name.lower() for text in wanted)
            ]
        return pages

    def prepare_accounts(self, database_url: str, roles: list[str]) -> None:
        """Give the accounts a password of this run (the dataset's were derived from the
        key it was generated with) and read the values the paths need."""
        from sqlalchemy import select

        from portal import clock, create_app
        from portal.extensions import db
        from portal.models import Certificate, Convention, Ecosystem, SurveyOccasion
        from portal.services.accounts import find_user_by_email, reset_password
        from portal.services.surveys import active_survey

        app = create_app(
            "development",
            {
                "SQLALCHEMY_DATABASE_URI": database_url,
                "SECRET_KEY": self.secret_key,
                "UPLOAD_DIR": str(self.upload_dir),
            },
        )
        with app.app_context():
            for role in roles:
                user = find_user_by_email(ACCOUNTS[role])
                if user is None:
                    raise SystemExit(f"The dataset has no account {ACCOUNTS[role]} (demo seed).")
                reset_password(user, self.password)
            db.session.commit()
            convention = db.session.execute(select(func_min(Convention.id))).scalar()
            number = db.session.execute(
                select(Certificate.number).order_by(Certificate.id.desc()).limit(1)
            ).scalar()
            ecosystem = db.session.execute(
                select(Ecosystem.id).where(Ecosystem.slug == ECOSYSTEM)
            ).scalar()
            annual = active_survey(SurveyOccasion.ANNUAL, ecosystem)
            session_survey = active_survey(SurveyOccasion.TRAINING_SESSION, None)
            self.values = {
                "convention": str(convention or 1),
                "certificate": number or "X",
                "annual_survey": str(annual.id if annual else 0),
                "session_survey": str(session_survey.id if session_survey else 0),
                "year": str(clock.today().year),
            }
            db.session.remove()
            db.engine.dispose()

    @property
    def upload_dir(self) -> Path:
        return self.args.data / "uploads"

    # gunicorn ------------------------------------------------------------------------

    def start_server(self, database_url: str) -> None:
        env = dict(os.environ)
        env.update(
            PORTAL_ENV="production",
            SECRET_KEY=self.secret_key,
            DATABASE_URL=database_url,
            UPLOAD_DIR=str(self.upload_dir),
            PYTHONPATH=str(ROOT),
        )
        if self.args.redis_url:
            env["REDIS_URL"] = self.args.redis_url
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.log_path = self.args.data / f"gunicorn-{stamp}.log"
        log = self.log_path.open("w")
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(self.args.workers),
            "--worker-class",
            "sync",
            "--bind",
            f"{HOST}:{self.port}",
            "--timeout",
            str(int(self.args.export_timeout) + 60),
            "--graceful-timeout",
            "5",
            "--chdir",
            str(ROOT),
            "bench.app:create_bench_app()",
        ]
        print(f"$ {' '.join(command[2:])}   (log: {self.log_path})", flush=True)
        self.gunicorn = _spawn(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        log.close()
        self.wait_ready()

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        client = Client(self.port)
        while time.monotonic() < deadline:
            if self.gunicorn is not None and self.gunicorn.poll() is not None:
                raise RuntimeError(f"gunicorn stopped; see {self.log_path}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                status, *_ = client.request("GET", BARE_PATH, timeout=5)
                if status == 200 and len(self.workers()) == self.args.workers:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn not ready after {timeout:.0f} s; see {self.log_path}")

    def workers(self) -> list[int]:
        return workers_of(self.gunicorn.pid) if self.gunicorn else []

    def drain(self, timeout: float = 600) -> None:
        """Wait until the workers have answered every request wrk left behind (a slow page
        leaves its queue to the next measurement otherwise)."""
        deadline = time.monotonic() + timeout
        quiet = 0
        while time.monotonic() < deadline:
            quiet = quiet + 1 if open_connections(self.port) == 0 else 0
            if quiet >= 3:
                return
            time.sleep(0.05)
        self.notes.append("a measurement's queue did not drain in time")

    # measuring -----------------------------------------------------------------------

    def url(self, page: Page) -> str:
        return page.path.format(**self.values)

    def cookie(self, page: Page) -> str:
        return "" if page.role == ANONYMOUS else self.clients[page.role].cookie_header()

    def check(self, page: Page) -> float | None:
        """Warm-up: two or three requests alone (two when the page is slow), which must
        answer 200 (not a redirect to the sign-in page). Answers the fastest one's seconds,
        None when the page fails; the first one's is kept in ``first_seconds``.

        The second request is always sent: a page that keeps what it computes (figures,
        lists' HTML, until their tables change) computes it on the first visit of each
        worker, and whether that first visit took 1.5 or 2.5 s says how fast the machine
        is, not whether the page serves its next visitors from what it kept."""
        client = self.clients.get(page.role, Client(self.port))
        times: list[float] = []
        slow = self.args.slow_seconds
        for attempt in range(3):
            try:
                status, _headers, _body, seconds = client.request("GET", self.url(page))
            except (OSError, http.client.HTTPException) as error:
                self.check_failures.append(f"{page.name}: {error}")
                return None
            if status != 200:
                self.check_failures.append(f"{page.name}: {self.url(page)} answered {status}")
                return None
            times.append(seconds)
            if attempt >= 1 and min(times) > slow:
                break
        self.first_seconds[page.name] = times[0]
        self.drain()
        return min(times)

    def measure(self, pages: list[Page]) -> None:
        rows: dict[tuple[str, int], Row] = {}
        measured = [page for page in pages if page.kind != EXPORT]
        slow: set[str] = set()
        skipped: dict[str, float] = {}
        warm: dict[str, float] = {}
        for page in measured:
            seconds = self.check(page)
            if seconds is None:
                slow.add(page.name)
                continue
            warm[page.name] = seconds * 1000
            first = self.first_seconds[page.name] * 1000
            print(
                f"  warm: {page.name:<34} {seconds * 1000:8.1f} ms (first {first:.1f})", flush=True
            )
            if seconds > self.args.slow_seconds:
                skipped[page.name] = seconds
        for repetition in range(self.args.repetitions):
            print(f"Repetition {repetition + 1} of {self.args.repetitions}", flush=True)
            for page in measured:
                failed = any(f.startswith(page.name + ":") for f in self.check_failures)
                if failed or page.name in skipped or (repetition > 0 and page.name in slow):
                    continue
                counts = [self.args.connections]
                if page.one_connection:
                    counts.append(1)
                for connections in counts:
                    threads = min(self.args.threads, connections)
                    measure, _output = run_wrk(
                        self.args.wrk,
                        f"http://{HOST}:{self.port}{self.url(page)}",
                        self.cookie(page),
                        connections,
                        threads,
                        self.args.duration,
                    )
                    self.drain()
                    self.check_workers()
                    row = rows.setdefault(
                        (page.name, connections),
                        Row(
                            page.name,
                            self.url(page),
                            page.role,
                            page.kind,
                            page.target,
                            connections,
                        ),
                    )
                    row.repetitions.append(
                        {
                            **asdict(measure),
                            "workers_rss_mb": [
                                round(memory_mb(pid).get("VmRSS", 0.0), 1) for pid in self.workers()
                            ],
                        }
                    )
                    if measure.requests == 0:
                        row.note = (
                            f"no answer within {self.args.duration:g} s "
                            f"(one request alone: {warm[page.name]:.0f} ms)"
                        )
                    print(
                        f"    {page.name:<34} c{connections:<3} {measure.rps:9.1f} rps"
                        f"  p50 {_fmt(measure.p50_ms):>8}  p99 {_fmt(measure.p99_ms):>8}"
                        f"  errors {measure.non_2xx_3xx + measure.socket_errors}",
                        flush=True,
                    )
                    if (
                        measure.p50_ms is not None
                        and measure.p50_ms > 1000 * self.args.slow_seconds
                    ):
                        slow.add(page.name)
        for row in rows.values():
            row.warm_ms = warm.get(row.page)
            row.first_ms = 1000 * self.first_seconds[row.page]
            reps = row.repetitions
            row.rps = statistics.median(r["rps"] for r in reps)
            row.p50_ms = _median([r["p50_ms"] for r in reps])
            row.p99_ms = _median([r["p99_ms"] for r in reps])
            row.errors = sum(r["non_2xx_3xx"] + r["socket_errors"] for r in reps)
            if row.page in slow and len(reps) < self.args.repetitions:
                row.note = row.note or f"slow: {len(reps)} repetition(s)"
        bare = rows.get(("bare route", self.args.connections))
        for row in rows.values():
            if bare and bare.rps and row.connections == self.args.connections:
                row.ratio = row.rps / bare.rps
            row.result = verdict(row)
        for page in pages:
            for failure in self.check_failures:
                if failure.startswith(page.name + ":") and page.kind != EXPORT:
                    self.rows.append(
                        Row(
                            page.name,
                            self.url(page),
                            page.role,
                            page.kind,
                            page.target,
                            self.args.connections,
                            errors=1,
                            result="FAIL",
                            note=failure.split(": ", 1)[1],
                        )
                    )
            if page.name in skipped:
                seconds = skipped[page.name]
                self.rows.append(
                    Row(
                        page.name,
                        self.url(page),
                        page.role,
                        page.kind,
                        page.target,
                        1,
                        p50_ms=seconds * 1000,
                        warm_ms=seconds * 1000,
                        first_ms=1000 * self.first_seconds[page.name],
                        result="FAIL",
                        note=f"one request alone took {seconds:.1f} s: not put under load",
                    )
                )
            for key in ((page.name, self.args.connections), (page.name, 1)):
                if key in rows:
                    self.rows.append(rows[key])

    def check_workers(self) -> None:
        """Count workers gunicorn had to replace (a worker killed or timed out)."""
        if self.gunicorn is None:
            return
        current = set(self.workers())
        known = self._known_workers
        if known is not None:
            self.respawned += len(current - known)
        self._known_workers = current

    def export(self, page: Page) -> ExportRow:
        """Download once, the bytes read and dropped; the worker's peak memory meanwhile
        (VmHWM reset before, sampled every 50 ms, the worker killed above the cap)."""
        row = ExportRow(page.name, self.url(page), page.role)
        workers = self.workers()
        reset = all(reset_peak(pid) for pid in workers)
        before = {pid: memory_mb(pid).get("VmRSS", 0.0) for pid in workers}
        ticks = {pid: cpu_ticks(pid) for pid in workers}
        sampled = dict.fromkeys(workers, 0.0)
        killed: list[int] = []
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.05):
                for pid in workers:
                    rss = memory_mb(pid).get("VmRSS")
                    if rss is None or pid in killed:
                        continue
                    sampled[pid] = max(sampled[pid], rss)
                    if rss > self.args.memory_cap:
                        with contextlib.suppress(ProcessLookupError):
                            os.kill(pid, signal.SIGKILL)
                        killed.append(pid)

        def busiest() -> int | None:
            """The worker that served the export: the one that used the most CPU."""
            if killed:
                return killed[0]
            return max(workers, key=lambda pid: cpu_ticks(pid) - ticks[pid], default=None)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        cookie = self.cookie(page)
        connection = http.client.HTTPConnection(HOST, self.port, timeout=self.args.export_timeout)
        started = time.perf_counter()
        busy = None
        try:
            connection.request("GET", row.path, headers={"Cookie": cookie, "Accept-Language": "fr"})
            response = connection.getresponse()
            row.status = response.status
            size = lines = 0
            while True:
                chunk = response.read1(65536)
                if not chunk:
                    break
                if row.first_byte_seconds is None:
                    row.first_byte_seconds = time.perf_counter() - started
                size += len(chunk)
                lines += chunk.count(b"\n")
                if time.perf_counter() - started > self.args.export_timeout:
                    raise TimeoutError
            row.seconds = time.perf_counter() - started
            row.megabytes = size / 1e6
            row.lines = lines if page.path.split("?")[0].endswith(".csv") else 0
            busy = busiest()
        except (OSError, http.client.HTTPException, TimeoutError) as error:
            row.note = f"{type(error).__name__} after {time.perf_counter() - started:.0f} s"
            busy = busiest()
            if busy is not None and not killed:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(busy, signal.SIGKILL)
                row.note += "; its worker stopped"
        finally:
            connection.close()
            done.set()
            sampler.join()
        if busy is not None:
            peak = sampled.get(busy, 0.0)
            if reset and not killed:
                peak = max(peak, memory_mb(busy).get("VmHWM", 0.0))
            row.worker_peak_mb = peak
            row.worker_growth_mb = peak - before.get(busy, 0.0)
        if killed:
            row.note = f"worker stopped above {self.args.memory_cap:.0f} MB; " + row.note
        if killed or row.note:
            self.wait_ready()
            self.check_workers()
        ok = row.status == 200 and not row.note and (row.worker_peak_mb or 0) < WORKER_MAX_MB
        row.result = "PASS" if ok else "FAIL"
        self.drain()
        return row

    def server_errors(self) -> dict[str, Any]:
        """What the workers logged: unhandled errors per path, and how many were SQLite's
        "database is locked"."""
        if self.log_path is None or not self.log_path.exists():
            return {}
        text = self.log_path.read_text(errors="replace")
        per_path: dict[str, int] = {}
        for match in re.finditer(r"ERROR Unhandled error on \w+ (\S+)", text):
            per_path[match.group(1)] = per_path.get(match.group(1), 0) + 1
        return {
            "unhandled": sum(per_path.values()),
            "database_is_locked": text.count("sqlite3.OperationalError: database is locked"),
            "worker_timeouts": text.count("WORKER TIMEOUT"),
            "per_path": per_path,
        }

    def memory(self) -> list[dict[str, Any]]:
        return [{"pid": pid, **memory_mb(pid)} for pid in self.workers()]

    # the whole run -------------------------------------------------------------------

    def run(self) -> int:
        args = self.args
        pages = self.pages()
        started = datetime.now(UTC)
        self.load_at_start = os.getloadavg()
        database_url = dataset.prepare(
            args.database_url, args.scale, args.data, self.secret_key, generate=args.generate
        )
        counts = dataset.table_counts(database_url)
        print("Dataset: " + ", ".join(f"{n:,} {name}" for name, n in counts.items()), flush=True)
        roles = [role for role in roles_used(pages) if role != ANONYMOUS]
        self.prepare_accounts(database_url, roles)
        self.start_server(database_url)
        self.check_workers()
        at_start = self.memory()
        for role in roles:
            self.clients[role] = sign_in(self.port, ACCOUNTS[role], self.password)
        print(f"Signed in as {', '.join(roles)}", flush=True)
        self.measure(pages)
        after_pages = self.memory()
        for page in pages:
            if page.kind == EXPORT:
                row = self.export(page)
                print(
                    f"  export {row.page:<22} {row.status} {_fmt(row.seconds, 1)} s "
                    f"{row.megabytes:.1f} MB peak {_fmt(row.worker_peak_mb, 0)} MB {row.note}",
                    flush=True,
                )
                self.exports.append(row)
        after_exports = self.memory()
        report = self.report(
            started,
            database_url,
            counts,
            {"at_start": at_start, "after_pages": after_pages, "after_exports": after_exports},
            pages=len(pages),
        )
        path = self.write(report)
        print_report(report)
        print(f"\nResults: {path}")
        return 0 if report["verdict"] == "PASS" else 1

    def report(
        self,
        started: datetime,
        database_url: str,
        counts: dict[str, int],
        memory: dict[str, list[dict[str, Any]]],
        pages: int,
    ) -> dict[str, Any]:
        after_exports = memory["after_exports"]
        errors = sum(row.errors for row in self.rows) + sum(
            1 for row in self.exports if row.status != 200 or row.note
        )
        memory_ok = bool(after_exports) and all(
            worker.get("VmRSS", 0) < WORKER_MAX_MB for worker in after_exports
        )
        failed = [row.page for row in self.rows if row.result == "FAIL"]
        failed += [row.page for row in self.exports if row.result == "FAIL"]
        verdict_ok = not failed and errors == 0 and memory_ok and not self.respawned
        return {
            "started": started.isoformat(timespec="seconds"),
            "seconds": round((datetime.now(UTC) - started).total_seconds()),
            "command": shlex.join(["python", "-m", "bench", *self.args.argv]),
            "commit": _git_commit(),
            "database": dataset.redact(database_url),
            "dialect": database_url.split(":", 1)[0].split("+", 1)[0],
            "scale": self.args.scale,
            "dataset": counts,
            "machine": {
                "cpus": os.cpu_count(),
                "load_average_at_start": self.load_at_start,
                "load_average_at_end": os.getloadavg(),
            },
            "settings": {
                "workers": self.args.workers,
                "connections": self.args.connections,
                "threads": self.args.threads,
                "duration_seconds": self.args.duration,
                "repetitions": self.args.repetitions,
                "wrk": self.args.wrk,
                "redis": bool(self.args.redis_url),
                "pages": pages,
            },
            "targets": {
                "list_min_ratio": LIST_MIN_RATIO,
                "list_max_p99_ms": LIST_MAX_P99_MS,
                "deep_max_p99_ms": DEEP_MAX_P99_MS,
                "summary_max_p50_ms_one_connection": SUMMARY_MAX_P50_MS,
                "worker_max_mb": WORKER_MAX_MB,
            },
            "pages": [asdict(row) for row in self.rows],
            "exports": [asdict(row) for row in self.exports],
            "workers": memory,
            "workers_respawned": self.respawned,
            "server_log": self.server_errors(),
            "errors": errors,
            "memory_ok": memory_ok,
            "failed": failed,
            "notes": self.notes,
            "gunicorn_log": str(self.log_path),
            "verdict": "PASS" if verdict_ok else "FAIL",
        }

    def write(self, report: dict[str, Any]) -> Path:
        directory = self.args.results
        directory.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        path = directory / f"{report['dialect']}-{stamp}.json"
        path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        return path


def func_min(column: Any) -> Any:
    from sqlalchemy import func

    return func.min(column)


def verdict(row: Row) -> str:
    """PASS or FAIL against the page kind's target (— for the references and for the
    16-connection run of a page whose target is measured with one connection)."""
    if row.errors:
        return "FAIL"
    if row.kind == BASELINE or (row.connections > 1 and row.kind not in (LIST, DEEP)):
        return "—"
    if row.p50_ms is None:
        return "FAIL"
    if row.kind == LIST and row.connections > 1:
        ok = (row.ratio or 0) >= LIST_MIN_RATIO and (row.p99_ms or 1e9) < LIST_MAX_P99_MS
        return "PASS" if ok else "FAIL"
    if row.kind == DEEP and row.connections > 1:
        return "PASS" if (row.p99_ms or 1e9) < DEEP_MAX_P99_MS else "FAIL"
    if row.connections == 1:
        return "PASS" if (row.p50_ms or 1e9) < SUMMARY_MAX_P50_MS else "FAIL"
    return "—"


def _fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _git_commit() -> str | None:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def print_report(report: dict[str, Any]) -> None:
    """The table: one line per page and connection count, then exports and workers."""
    counts = ", ".join(f"{n:,} {name}" for name, n in report["dataset"].items())
    settings = report["settings"]
    print(
        f"\n{report['dialect']} · scale {report['scale']} · {counts}\n"
        f"gunicorn {settings['workers']} sync workers · wrk {settings['threads']} threads, "
        f"{settings['connections']} connections (and 1 for homes and aggregates), "
        f"{settings['duration_seconds']:g} s × {settings['repetitions']} (medians) · "
        f"commit {report['commit']} · {report['machine']['cpus']} CPUs, load average "
        f"{report['machine']['load_average_at_start'][0]:.1f} at the start, "
        f"{report['machine']['load_average_at_end'][0]:.1f} at the end\n"
    )
    header = (
        f"{'page':<32} {'role':<10} {'conn':>4} {'rps':>9} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'ratio':>7} {'errors':>6}  {'target':<24} result"
    )
    print(header)
    print("-" * len(header))
    for row in report["pages"]:
        ratio = "—" if row["ratio"] is None else f"{row['ratio']:.1%}"
        print(
            f"{row['page'][:32]:<32} {row['role'][:10]:<10} {row['connections']:>4} "
            f"{_fmt(row['rps']):>9} {_fmt(row['p50_ms']):>8} {_fmt(row['p99_ms']):>8} "
            f"{ratio:>7} {row['errors']:>6}  {row['target']:<24} {row['result']}"
            + (f"  ({row['note']})" if row["note"] else "")
        )
    if report["exports"]:
        header = (
            f"\n{'export':<22} {'role':<10} {'status':>6} {'seconds':>8} {'MB':>8} "
            f"{'lines':>9} {'peak MB':>8} {'growth':>7}  result"
        )
        print(header)
        print("-" * (len(header) - 1))
        for row in report["exports"]:
            print(
                f"{row['page']:<22} {row['role']:<10} {row['status'] or '—':>6} "
                f"{_fmt(row['seconds']):>8} {row['megabytes']:>8.2f} {row['lines'] or '—':>9} "
                f"{_fmt(row['worker_peak_mb'], 0):>8} {_fmt(row['worker_growth_mb'], 0):>7}  "
                f"{row['result']}" + (f"  ({row['note']})" if row["note"] else "")
            )
    print(f"\nworkers (target: each < {WORKER_MAX_MB:.0f} MB resident after the run)")
    for label, workers in report["workers"].items():
        for worker in workers:
            print(
                f"  {label.replace('_', ' '):<14} pid {worker['pid']:<8} "
                f"RSS {_fmt(worker.get('VmRSS'), 0):>5} MB  peak (VmHWM) "
                f"{_fmt(worker.get('VmHWM'), 0):>5} MB"
            )
    log = report["server_log"]
    if log.get("unhandled") or log.get("worker_timeouts"):
        print(
            f"  server log: {log['unhandled']} unhandled errors "
            f"({log['database_is_locked']} 'database is locked'), "
            f"{log['worker_timeouts']} worker timeouts: "
            + ", ".join(f"{path} {n}" for path, n in sorted(log["per_path"].items()))
        )
    if report["workers_respawned"]:
        print(f"  workers replaced by gunicorn during the run: {report['workers_respawned']}")
    for note in report["notes"]:
        print(f"  note: {note}")
    print(
        f"\nerrors (answers outside 2xx/3xx, socket errors, failed checks and exports): "
        f"{report['errors']}\nverdict: {report['verdict']}"
        + (f" — {len(report['failed'])} failing" if report["failed"] else "")
        + f" · {report['seconds']} s"
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--database-url",
        help="run on this database (reused when it holds the generated data, else upgraded, "
        "seeded and generated); default: a SQLite file generated once under --data",
    )
    parser.add_argument("--scale", default="1", help="flask demo generate --scale (default 1)")
    parser.add_argument(
        "--data",
        type=Path,
        default=ROOT / ".bench",
        help="directory of the generated SQLite files and the logs (default .bench/)",
    )
    parser.add_argument(
        "--no-generate",
        dest="generate",
        action="store_false",
        help="no generated data: the database as it is, the demo seed alone if it is empty "
        "(to try the harness on a small dataset)",
    )
    parser.add_argument("--quick", action="store_true", help="a few pages, 1 repetition of 1 s")
    parser.add_argument(
        "--page", action="append", help="only pages whose name contains this (repeatable)"
    )
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--duration", type=float, default=3.0, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL") or None)
    parser.add_argument(
        "--slow-seconds",
        type=float,
        default=1.0,
        help="a page slower than this alone is not put under load (it fails with that time); "
        "one slower under load (p50) is not repeated",
    )
    parser.add_argument(
        "--export-timeout", type=float, default=120.0, help="seconds an export may take"
    )
    parser.add_argument(
        "--memory-cap",
        type=float,
        default=1024.0,
        help="MB: a worker above this during an export is killed (the export fails)",
    )
    parser.add_argument("--wrk", default=shutil.which("wrk") or "wrk")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    if args.quick:
        args.repetitions = 1
        args.duration = 1.0
    args.data = args.data.resolve()
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not shutil.which(args.wrk):
        print("wrk not found: apt-get install wrk (make bench installs it)", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _terminate)
    # Also when started in the background, where the shell leaves SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    bench = Bench(args)
    try:
        return bench.run()
    except subprocess.CalledProcessError as error:
        print(
            f"\nFailed: {' '.join(map(str, error.cmd))} (exit {error.returncode})", file=sys.stderr
        )
        return 1
    except KeyboardInterrupt:
        print("\nInterrupted; stopping.", file=sys.stderr)
        return 130
    finally:
        stop_everything()
