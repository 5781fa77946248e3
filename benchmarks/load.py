"""Load on the production server against the development server, in one run.

    python benchmarks/load.py [--duration 120] [--only prod|dev]

Builds a fresh PostgreSQL database (PATHWAYS_LOAD_POSTGRES_URL, default
postgres://postgres@127.0.0.1:5432/pathways_load: dropped and created again) with the
reference subset and the demo region, then drives each server with wrk (Debian's `wrk`;
closed loop: every connection sends its next request as soon as the last one is answered,
no think time):

- public pages (home, a pathway page, an occupation page, in turn), 50 connections;
- staff pages (the caseload, a participant's record, the measures dashboard), 20
  connections signed in as the demo navigator and analyst;
- writes: 10 connections recording milestones on one participant through the form.

Targets (issue 16, production server): public p95 under 100 ms, staff p95 under 300 ms,
writes without errors. The development server (`make run`'s `runserver`, DEBUG on) is the
baseline. Results go to stdout as a table and as JSON (last line); docs/benchmarks.md
keeps them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/pathways_load"
PASSWORD = "pathways-demo"

LUA = r"""
local paths = {}
for p in string.gmatch(os.getenv("LOAD_PATHS") or "/", "[^,]+") do paths[#paths + 1] = p end
local body = os.getenv("LOAD_BODY")
local headers = {}
for pair in string.gmatch(os.getenv("LOAD_HEADERS") or "", "[^\n]+") do
  local k, v = string.match(pair, "^([^:]+):%s*(.*)$")
  if k then headers[k] = v end
end
local i = 0
request = function()
  i = i % #paths + 1
  if body then return wrk.format("POST", paths[i], headers, body) end
  return wrk.format("GET", paths[i], headers)
end
done = function(summary, latency, requests)
  io.write(string.format(
    '\nRESULT {"requests": %d, "seconds": %.2f, "p50_ms": %.2f, "p95_ms": %.2f, '
    .. '"p99_ms": %.2f, "max_ms": %.2f, "status_errors": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
"""


def run(args: list[str], env: dict, **kwargs) -> None:
    subprocess.run(args, env=env, check=True, cwd=ROOT, **kwargs)


def fresh_database(url: str) -> None:
    import psycopg

    name = urllib.parse.urlparse(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin.replace("postgres://", "postgresql://", 1),
                         autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare(env: dict) -> None:
    pathways = str(BIN / "pathways")
    run([pathways, "manage", "migrate", "--noinput", "-v", "0"], env)
    run([pathways, "reference", "load"], env, stdout=subprocess.DEVNULL)
    run([pathways, "demo", "load"], env, stdout=subprocess.DEVNULL)


def wait_for(base: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server at {base} stopped (exit {process.returncode})")
        try:
            with urllib.request.urlopen(base + "/", timeout=5):  # noqa: S310 - local
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise RuntimeError(f"the server at {base} did not answer in {seconds} s")


def secure(base: str) -> str:
    """The address as the browser sees it behind the TLS proxy (CSRF checks the Referer)."""
    return base.replace("http://", "https://", 1)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def cookies_of(headers) -> dict[str, str]:
    found = {}
    for line in headers.get_all("Set-Cookie") or []:
        name, value = line.split(";", 1)[0].split("=", 1)
        found[name.strip()] = value.strip()
    return found


def log_in(base: str, username: str) -> dict[str, str]:
    """Sign in through the real form; the session and CSRF cookies (they are marked Secure
    in production, so they are read off the headers rather than kept by a cookie jar)."""
    opener = urllib.request.build_opener(NoRedirect)
    with opener.open(base + "/accounts/login/", timeout=30) as page:
        jar = cookies_of(page.headers)
        html = page.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({"username": username, "password": PASSWORD,
                                   "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(base + "/accounts/login/", data=data, headers={
        "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
        "Referer": secure(base) + "/accounts/login/", "X-Forwarded-Proto": "https"})
    try:
        opener.open(request, timeout=30)
    except urllib.error.HTTPError as answer:  # the 302 after a successful login
        jar.update(cookies_of(answer.headers))
    if not any(name.endswith("sessionid") for name in jar):
        raise RuntimeError(f"could not sign in as {username}")
    return jar


def csrf_token(jar: dict[str, str]) -> str:
    """The CSRF cookie (named ``__Host-csrftoken`` in production)."""
    return next((v for k, v in jar.items() if k.endswith("csrftoken")), "")


def wrk(base: str, paths: list[str], connections: int, seconds: int, headers: dict,
        body: str | None = None) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA)
    env = {**os.environ, "LOAD_PATHS": ",".join(paths),
           "LOAD_HEADERS": "\n".join(f"{k}: {v}" for k, v in headers.items())}
    if body is not None:
        env["LOAD_BODY"] = body
    try:
        out = subprocess.run(
            ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d",
             f"{seconds}s", "--timeout", "30s", "-s", script.name, base],
            env=env, capture_output=True, text=True, check=True)
    finally:
        os.unlink(script.name)
    line = next(x for x in out.stdout.splitlines() if x.startswith("RESULT "))
    result = json.loads(line[len("RESULT "):])
    result["rps"] = round(result["requests"] / result["seconds"], 1)
    return result


def scenarios(base: str, seconds: int, ids: dict) -> dict[str, dict]:
    proxy = {"X-Forwarded-Proto": "https"}
    public = ["/", f"/pathways/{ids['pathway']}/", f"/occupations/{ids['occupation']}/"]
    navigator = log_in(base, "navigator")
    analyst = log_in(base, "analyst")

    def cookie(jar: dict) -> dict:
        return {**proxy, "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())}

    results = {"public pages, 50 connections": wrk(base, public, 50, seconds, proxy)}
    staff = wrk(base, ["/cases/", f"/cases/participants/{ids['participant']}/"], 20,
                seconds // 2, cookie(navigator))
    dashboard = wrk(base, [f"/measures/{ids['partnership']}/"], 20, seconds // 2,
                    cookie(analyst))
    results["staff pages (caseload, record), 20 connections"] = staff
    results["measures dashboard, 20 connections"] = dashboard
    write = {**cookie(navigator), "Content-Type": "application/x-www-form-urlencoded",
             "Referer": secure(base) + "/"}
    body = urllib.parse.urlencode({
        "kind": "employed", "on": time.strftime("%Y-%m-%d"), "source": "employer",
        "employer": "Load Test Co", "hourly_wage": "18.50",
        "csrfmiddlewaretoken": csrf_token(navigator)})
    results["writes (milestones), 10 connections"] = wrk(
        base, [f"/cases/participants/{ids['participant']}/milestones/new/"], 10,
        max(10, seconds // 4), write, body)
    return results


def ids_of(env: dict) -> dict:
    code = ("import json; from pathways.commands._django import setup_django; setup_django();"
            "from pathways.apps.catalog.models import Pathway, Occupation;"
            "from pathways.apps.cases.models import Participant;"
            "from pathways.demo.region import demo_partnership;"
            "p = Pathway.objects.filter(status='published').order_by('slug').first();"
            "print(json.dumps({'pathway': p.slug,"
            " 'occupation': p.exit_points.order_by('pk').first().occupation.code,"
            " 'participant': Participant.objects.get(first_name='Marco').pk,"
            " 'partnership': demo_partnership().pk}))")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def serve(kind: str, env: dict, port: int, static: Path) -> subprocess.Popen:
    pathways = str(BIN / "pathways")
    if kind == "dev":
        args = [pathways, "manage", "runserver", f"127.0.0.1:{port}", "--noreload"]
        server_env = env
    else:
        server_env = {**env, "PATHWAYS_PROFILE": "production",
                      "PATHWAYS_SECRET_KEY": "load-test-" + "k" * 50,
                      "PATHWAYS_ALLOWED_HOSTS": "127.0.0.1,localhost",
                      "PATHWAYS_SSL_REDIRECT": "false", "PATHWAYS_STATIC_ROOT": str(static),
                      "PATHWAYS_FIELD_KEY": env["PATHWAYS_FIELD_KEY"]}
        run([pathways, "manage", "collectstatic", "--noinput", "-v", "0"], server_env)
        args = [pathways, "serve", "--bind", f"127.0.0.1:{port}"]
    return subprocess.Popen(args, env=server_env, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=120,
                        help="seconds of the public-page run (staff runs take half)")
    parser.add_argument("--only", choices=["prod", "dev"])
    options = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is needed: apt-get install wrk", file=sys.stderr)
        return 2
    url = os.environ.get("PATHWAYS_LOAD_POSTGRES_URL", DEFAULT_DB)
    from cryptography.fernet import Fernet

    env = {**os.environ, "PATHWAYS_DATABASE_URL": url,
           "PATHWAYS_FIELD_KEY": Fernet.generate_key().decode(), "PATHWAYS_PROFILE": "local"}
    report = {}
    with tempfile.TemporaryDirectory() as static:
        for kind, port in (("dev", 8101), ("prod", 8102)):
            if options.only and options.only != kind:
                continue
            # Each server starts from the same fresh region: the write scenario adds
            # milestones that would make the next server's record pages longer.
            fresh_database(url)
            prepare(env)
            ids = ids_of(env)
            server = serve(kind, env, port, Path(static))
            try:
                base = f"http://127.0.0.1:{port}"
                wait_for(base, server)
                report[kind] = scenarios(base, options.duration, ids)
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)
    names = {"dev": "development server", "prod": "production server"}
    print(f"\n{'scenario':52} {'server':20} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'p99 ms':>8} {'errors':>7}")
    for kind, results in report.items():
        for name, r in results.items():
            print(f"{name:52} {names[kind]:20} {r['rps']:>8} {r['p50_ms']:>8} {r['p95_ms']:>8} "
                  f"{r['p99_ms']:>8} {r['status_errors'] + r['socket_errors']:>7}")
    print(json.dumps({"cpus": os.cpu_count(), "duration": options.duration, **report}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
