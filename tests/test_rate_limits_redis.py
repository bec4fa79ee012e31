"""The limits hold across processes: two app servers in their own processes share the real Redis.

Old main kept the counts in memory per process, so two processes gave 10 + 10 tries. Each test
flushes only this suite's Redis database (tests/redis_server.py). The servers trust one proxy
(BRYGGA_PROXY_HOPS=1), so X-Forwarded-For names the client, as behind the TLS proxy.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlencode

import pytest

from tests import factories
from tests.conftest import ROOT, free_port
from tests.redis_server import REDIS_URL, ensure_redis

PASSWORD = factories.DEFAULT_PASSWORD


@pytest.fixture(scope="module")
def redis_db():
    client = ensure_redis()
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


@contextmanager
def app_processes(count: int, database: dict, tmp_path_factory, storage_uri: str = REDIS_URL) -> Iterator[list[int]]:
    """`count` app processes on free ports, on the test database, counting in storage_uri."""
    env = {
        **os.environ,
        "BRYGGA_RATELIMIT_STORAGE_URI": storage_uri,
        "BRYGGA_PROXY_HOPS": "1",
        "BRYGGA_SECRET_KEY": "rate-limit-test-secret",
        "BRYGGA_MAIL_DIRECTORY": str(tmp_path_factory.mktemp("mail")),
        "BRYGGA_TEST_DATABASE": json.dumps({"uri": database["SQLALCHEMY_DATABASE_URI"], "schema": database["schema"]}),
    }
    env.pop("BRYGGA_ENV", None)
    ports = [free_port() for _ in range(count)]
    logs = [tmp_path_factory.mktemp("server") / "log.txt" for _ in ports]
    processes = []
    for port, log in zip(ports, logs, strict=True):
        with log.open("w") as output:  # the child keeps its own copy of the file
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "tests.rate_limit_server", str(port)],
                    cwd=ROOT,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                )
            )
    try:
        for process, port, log in zip(processes, ports, logs, strict=True):
            _wait_until_serving(process, port, log)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="module")
def two_servers(database, app, redis_db, tmp_path_factory) -> Iterator[list[int]]:
    """Two app processes sharing the test database and Redis database 12."""
    with app_processes(2, database, tmp_path_factory) as ports:
        yield ports


def _wait_until_serving(process: subprocess.Popen, port: int, log) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the app process on port {port} stopped: {log.read_text()}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            try:
                connection.request("GET", "/healthz")
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    return
            finally:
                connection.close()
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the app process on port {port} did not answer within 60 s")


@pytest.fixture
def servers(two_servers, redis_db) -> list[int]:
    redis_db.flushdb()
    return two_servers


def post(port: int, path: str, data: dict, client_address: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request(
        "POST",
        path,
        body=urlencode(data),
        headers={"Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": client_address},
    )
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_failed_sign_ins_from_one_address_are_counted_across_both_processes(servers, db):
    """Old main: 10 tries in each process (20 in all) before a 429. Now 10 in all."""
    answers = [
        post(servers[n % 2], "/sign-in", {"email": f"p{n}@example.se", "password": "wrong password!"}, "192.0.2.1").status
        for n in range(12)
    ]
    assert answers == [422] * 10 + [429, 429]
    response = post(servers[0], "/sign-in", {"email": "x@example.se", "password": "wrong password!"}, "192.0.2.1")
    assert response.status == 429
    assert 1 <= int(response.getheader("Retry-After")) <= 60
    # Another client behind the same proxy is not locked out.
    assert post(servers[1], "/sign-in", {"email": "x@example.se", "password": "wrong"}, "192.0.2.2").status == 422


def test_failed_sign_ins_against_one_account_are_counted_across_processes_and_addresses(servers, db, redis_db):
    """Old main: 12 addresses against one account all got through. Now the account's 11th failure is a 429, in either process."""
    user = factories.make_user(email="eva@example.se")
    db.session.commit()
    answers = [
        post(servers[n % 2], "/sign-in", {"email": "Eva@example.se", "password": "wrong password!"}, f"192.0.2.{n + 10}").status
        for n in range(12)
    ]
    assert answers == [422] * 10 + [429, 429]
    refused = post(servers[1], "/sign-in", {"email": user.email, "password": PASSWORD}, "192.0.2.99")
    assert refused.status == 429
    assert 14 * 60 < int(refused.getheader("Retry-After")) <= 15 * 60
    keys = [key.decode() for key in redis_db.keys("*")]
    assert keys, "the counts are in Redis"
    assert any("/account:" in key for key in keys), keys
    assert not any("eva" in key.lower() for key in keys), "keys name no e-mail address"


def test_password_reset_mails_per_account_are_counted_across_processes(servers, db):
    factories.make_user(email="eva@example.se")
    db.session.commit()
    answers = [
        post(servers[n % 2], "/password/forgot", {"email": "eva@example.se"}, f"192.0.2.{n + 30}").status for n in range(7)
    ]
    assert answers == [200] * 5 + [429, 429]


def test_a_right_password_signs_in_through_either_process(servers, db):
    user = factories.make_user(email="olle@example.se")
    db.session.commit()
    for port in servers:
        assert post(port, "/sign-in", {"email": user.email, "password": PASSWORD}, "192.0.2.200").status == 303


def test_while_redis_does_not_answer_each_process_still_limits(database, app, db, tmp_path_factory):
    """Sign-in keeps working (no 500) and is still limited, in memory, while the storage is down."""
    unreachable = f"redis://127.0.0.1:{free_port()}/12"
    with app_processes(1, database, tmp_path_factory, storage_uri=unreachable) as (port,):
        answers = [
            post(port, "/sign-in", {"email": f"p{n}@example.se", "password": "wrong password!"}, "192.0.2.1").status
            for n in range(11)
        ]
    assert answers == [422] * 10 + [429]
