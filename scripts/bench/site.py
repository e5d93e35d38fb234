"""A production-like copy of the site to measure: its own database and cache, static files
collected into a temp folder, gunicorn (gunicorn.conf.py) with DEBUG off on a free port."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import timeit
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
# Settings the site reads that a set-up chooses itself; never inherited from the shell.
OWN_SETTINGS = ("DATABASE_URL", "REDIS_URL", "DJANGO_PAGE_CACHE", "DJANGO_DEBUG")


@dataclass
class Setup:
    """One configuration to measure: a label, and the environment the site runs with."""

    name: str
    cache: str
    env: dict
    cleanups: list = field(default_factory=list)


def base_env(workdir: Path) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k != "PYTHONDONTWRITEBYTECODE" and k not in OWN_SETTINGS
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "site_config.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "perf-run-" + "x" * 50),
            "DJANGO_STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
        }
    )
    return env


def manage(env: dict, *args: str) -> None:
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True)
    if done.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{done.stderr.decode()[-3000:]}")


def install(env: dict) -> None:
    """migrate, load_content and collectstatic, as a release does (docs/deploy.md)."""
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "load_content", "--verbosity", "0")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")


def sqlite_setup(workdir: Path) -> Setup:
    env = base_env(workdir)
    env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    return Setup(
        "SQLite + local-memory cache",
        "local memory, one per worker; the content version is read from the database",
        env,
    )


def postgres_redis_setup(workdir: Path) -> Setup:
    """A scratch PostgreSQL database of the run's own (PERF_DATABASE, default
    magnesium_bench, on the server PERF_POSTGRES_URL names) and a Redis database of its own
    (PERF_REDIS_DB, default 9, on PERF_REDIS_URL), both emptied first and at the end."""
    server = os.environ.get("PERF_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = os.environ.get("PERF_DATABASE", "magnesium_bench")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"PERF_DATABASE must be a plain lower-case name, not {name!r}")
    redis_url = with_path(
        os.environ.get("PERF_REDIS_URL", "redis://127.0.0.1:6379"),
        "/" + os.environ.get("PERF_REDIS_DB", "9"),
    )
    setup = Setup(
        "PostgreSQL + Redis",
        f"Redis {redis_url} (shared by the workers)",
        base_env(workdir),
    )
    flush_redis(redis_url)  # first: if Redis is down, no database is left behind
    setup.cleanups.append(lambda: flush_redis(redis_url))
    recreate_database(server, name)
    setup.cleanups.append(lambda: drop_database(server, name))
    setup.env["DATABASE_URL"] = with_path(server, "/" + name)
    setup.env["REDIS_URL"] = redis_url
    return setup


def with_path(url: str, path: str) -> str:
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path=path))


def _admin(server: str):
    import psycopg

    return psycopg.connect(server, autocommit=True, connect_timeout=5)


def recreate_database(server: str, name: str) -> None:
    with _admin(server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(server: str, name: str) -> None:
    with _admin(server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url, socket_connect_timeout=5).flushdb()


def prepare_sqlite(workdir: Path, name: str) -> dict:
    """Production settings with a SQLite database and static files of their own, migrated
    and loaded with the starter content: what the HTML checker and Lighthouse read."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", f"{name}-run-" + "x" * 50),
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "DATABASE_URL": f"sqlite:///{workdir / f'{name}.sqlite3'}",
    }
    env.pop("REDIS_URL", None)
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "load_content", "--verbosity", "0")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def server(env: dict, workers: int = 2, page_cache: bool = True):
    """gunicorn with the project's gunicorn.conf.py; yields its base URL. The HTML checker
    turns the page cache off, so every page it reads is rendered for it."""
    command = [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "site_config.wsgi"]
    env = {**env, "DJANGO_PAGE_CACHE": "1" if page_cache else "0"}
    with serve(command, ROOT, env, workers) as base:
        yield base


@contextlib.contextmanager
def serve(command: list[str], cwd: Path, env: dict, workers: int, ready: str = "/healthz"):
    """A gunicorn command on a free port, without an access log; yields its base URL once
    `ready` answers."""
    port = free_port()
    env = {**env, "PORT": str(port), "WEB_CONCURRENCY": str(workers)}
    log_path = Path(env["MEDIA_ROOT"]).parent / f"gunicorn-{port}.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null"],
        cwd=cwd,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + ready, timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    tail = log_path.read_text()[-2000:]
                    raise SystemExit(f"gunicorn did not start:\n{tail}") from None
                time.sleep(0.2)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
        log.close()


def static_path(base: str) -> str:
    """The hashed stylesheet every page links to: the reference file WhiteNoise serves."""
    html = urllib.request.urlopen(base + "/").read().decode()
    match = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', html)
    if not match:
        raise SystemExit("could not find the hashed stylesheet on the home page")
    return match.group(1)


def machine() -> str:
    """The machine's size, speed and how busy it is: a load above its CPUs makes every
    figure noisy, the ratios included, since wrk and the server compete for the cores. The
    speed is a fixed loop of plain Python, so that the times in milliseconds (the cold
    renders) of runs on different machines can be compared: they scale with it."""
    averages = os.getloadavg()
    load = ", ".join(f"{n:.2f}" for n in averages)
    busy = " (busy: figures are noisy)" if averages[0] > (os.cpu_count() or 1) else ""
    loop_ms = min(timeit.repeat("sum(range(10**6))", number=5, repeat=5)) / 5 * 1000
    return (
        f"{os.cpu_count()} CPUs, load average {load}{busy}; sum(range(10**6)) in {loop_ms:.1f} ms"
    )
