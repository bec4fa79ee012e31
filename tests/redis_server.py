"""The real Redis the rate-limit tests share: started when it is down, one database number of this suite's own."""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest
import redis

# Database 12 is this suite's; tests flush only it.
REDIS_URL = os.environ.get("BRYGGA_TEST_REDIS_URL", "redis://127.0.0.1:6379/12")


def ensure_redis(url: str = REDIS_URL) -> redis.Redis:
    """A client of the Redis at url, starting a local redis-server on its port when nothing answers."""
    client = redis.Redis.from_url(url)
    try:
        client.ping()
        return client
    except redis.ConnectionError:
        pass
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail(f"Redis does not answer at {url} and redis-server is not installed (apt-get install redis-server)")
    port = str(client.connection_pool.connection_kwargs.get("port", 6379))
    subprocess.run(
        [server, "--daemonize", "yes", "--bind", "127.0.0.1", "--port", port, "--save", "", "--appendonly", "no"],
        check=True,
    )
    for _ in range(50):
        try:
            client.ping()
            return client
        except redis.ConnectionError:
            time.sleep(0.1)
    pytest.fail(f"redis-server was started but does not answer at {url}")
