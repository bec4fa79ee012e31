"""One app process for the rate-limit tests: `python -m tests.rate_limit_server PORT`.

Settings come from the environment as in production (BRYGGA_RATELIMIT_STORAGE_URI,
BRYGGA_PROXY_HOPS, …) plus the test database in BRYGGA_TEST_DATABASE (JSON: uri, schema).
"""

from __future__ import annotations

import json
import os
import sys

from sqlalchemy.pool import NullPool
from werkzeug.serving import make_server

from portal import create_app


def main() -> None:
    port = int(sys.argv[1])
    database = json.loads(os.environ["BRYGGA_TEST_DATABASE"])
    if database["uri"].startswith("sqlite"):
        engine = {"poolclass": NullPool}
    else:
        engine = {"connect_args": {"options": f"-csearch_path={database['schema']}"}, "pool_pre_ping": True}
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database["uri"],
            "SQLALCHEMY_ENGINE_OPTIONS": engine,
            "WTF_CSRF_ENABLED": False,
        }
    )
    server = make_server("127.0.0.1", port, app, threaded=False)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
