"""With REDIS_URL set, two worker processes share the failed-login count (as gunicorn
workers do): failures counted by one make the other refuse with 429."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("TEST_REDIS_URL")

WORKER = """
import json, sys
from portal import create_app
from portal.extensions import db
from flask_migrate import upgrade
from sqlalchemy import select
url, redis_url, email, attempts = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
app = create_app("test", {"SQLALCHEMY_DATABASE_URI": url, "REDIS_URL": redis_url,
                          "WTF_CSRF_ENABLED": False, "UPLOAD_DIR": sys.argv[5]})
with app.app_context():
    upgrade()
client = app.test_client()
statuses = [client.post("/auth/login", data={"email": email, "password": "wrong password!"})
            .status_code for _ in range(attempts)]
print(json.dumps({"statuses": statuses, "storage": app.config["RATELIMIT_STORAGE_URI"]}))
"""


def run_worker(tmp_path, email, attempts):
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            WORKER,
            f"sqlite:///{tmp_path / 'db.sqlite3'}",
            REDIS_URL,
            email,
            str(attempts),
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not REDIS_URL, reason="TEST_REDIS_URL is not set (CI sets it)")
def test_failed_logins_are_counted_across_worker_processes(tmp_path):
    email = f"shared-{uuid.uuid4().hex}@example.org"
    first = run_worker(tmp_path, email, 5)
    assert first["storage"] == REDIS_URL
    assert first["statuses"] == [401] * 5
    second = run_worker(tmp_path, email, 1)
    assert second["statuses"] == [429]
