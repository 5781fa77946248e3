"""What the deployment tests share: PostgreSQL databases of their own beside the pass's,
the `pathways` command run as an operator would run it, and a small browser: cookies, CSRF
and forms over plain HTTP, with the headers a TLS proxy adds."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
from contextlib import contextmanager
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import dj_database_url
from cryptography.fernet import Fernet


def postgres_settings() -> dict:
    """The pass's PostgreSQL server, from PATHWAYS_DATABASE_URL as tests/run.py sets it."""
    url = os.environ.get("PATHWAYS_DATABASE_URL") or os.environ.get("DATABASE_URL") or ""
    return dj_database_url.parse(url)


def database_url(name: str) -> str:
    """The pass's server and account, another database."""
    server = postgres_settings()
    account = server["USER"] + (f":{server['PASSWORD']}" if server.get("PASSWORD") else "")
    return f"postgres://{account}@{server['HOST']}:{server['PORT'] or 5432}/{name}"


def connect(name: str):
    import psycopg

    return psycopg.connect(database_url(name).replace("postgres://", "postgresql://", 1),
                           autocommit=True)


@contextmanager
def fresh_database(suffix: str):
    """A new empty database named after the pass's (``d1`` gives ``d1_deploy``), dropped
    afterwards: parallel runs on one server, each with its own name, do not meet."""
    name = f"{postgres_settings()['NAME']}_{suffix}"
    with connect("postgres") as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with connect("postgres") as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def operator_env(tmp_path, database: str, **extra: str) -> dict[str, str]:
    """The environment of a new installation: its own database, key, var and static
    folders. PYTHONPATH and the rest of the test's environment are kept."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PATHWAYS_") and k not in {"DATABASE_URL",
                                                         "DJANGO_SETTINGS_MODULE"}}
    return {**env, "PATHWAYS_DATABASE_URL": database_url(database),
            "PATHWAYS_FIELD_KEY": Fernet.generate_key().decode(),
            "PATHWAYS_VAR_DIR": str(tmp_path / "var"),
            "PATHWAYS_STATIC_ROOT": str(tmp_path / "static"), **extra}


def pathways(env: dict[str, str], *args: str, ok: bool = True,
             timeout: int = 300) -> subprocess.CompletedProcess:
    """`pathways ARGS` in a process of its own, as the docs have an operator type it."""
    done = subprocess.run([sys.executable, "-m", "pathways.cli", *args], env=env,
                          capture_output=True, text=True, timeout=timeout, check=False)
    if ok:
        assert done.returncode == 0, f"pathways {' '.join(args)}:\n{done.stdout}{done.stderr}"
    return done


def table_counts(name: str) -> dict[str, int]:
    """Rows in every table of the database's public schema."""
    with connect(name) as db:
        tables = [row[0] for row in db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_type = 'BASE TABLE' ORDER BY table_name")]
        return {table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
                for table in tables}


class Form(HTMLParser):
    """The fields of the first form on the page at ``path`` that posts to ``action``, with
    their default values, so that a post sends what a browser would (hidden fields, text
    areas, the selected options of every select, the admin's inline forms)."""

    def __init__(self, html: str, path: str, action: str) -> None:
        super().__init__()
        self.path, self.action = path, urlsplit(action).path
        self.fields: dict[str, list[str]] = {}
        self._inside = self._done = False
        self._select = self._textarea = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self._done:
            posts_to = urlsplit(attrs.get("action") or "").path or urlsplit(self.path).path
            self._inside = posts_to == self.action
        if not self._inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            if kind not in {"submit", "button", "file", "image", "reset"}:
                self.fields.setdefault(name, []).append(attrs.get("value") or
                                                        ("on" if kind == "checkbox" else ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields.setdefault(name, []).append("")
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select].append(attrs.get("value", ""))

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            value = self.fields[self._textarea][-1]  # a browser drops the first newline
            self.fields[self._textarea][-1] = value[1:] if value.startswith("\n") else value
            self._textarea = None
        elif tag == "form" and self._inside:
            self._inside, self._done = False, True


class Browser:
    """One visitor's session against a server behind a TLS proxy: every request says it
    came over HTTPS (X-Forwarded-Proto), so secure cookies and the CSRF referer check
    apply as they would in production."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None,
                referer: str = "") -> tuple[int, dict[str, str], str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https",
                   "Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers.update({"Content-Type": "application/x-www-form-urlencoded",
                            "Origin": self.origin, "Referer": self.origin + (referer or path)})
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        content = response.read().decode("utf-8", "replace")
        result = response.status, {k.lower(): v for k, v in response.getheaders()}, content
        connection.close()
        return result

    def get(self, path: str) -> tuple[int, dict[str, str], str]:
        return self.request("GET", path)

    def submit(self, path: str, values: dict[str, str | list[str]],
               action: str = "") -> tuple[int, str]:
        """Open the page with the form, fill it in, post it; (status, where it redirects)."""
        status, _, html = self.get(path)
        assert status == 200, (path, status)
        fields = {**Form(html, path, action or path).fields, **values}
        if "/admin/" in path:
            fields.setdefault("_save", "Save")
        assert "csrfmiddlewaretoken" in fields, f"no form with a CSRF token at {path}"
        status, headers, content = self.request("POST", action or path, fields, referer=path)
        errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>(.*?)<', content)
        assert status == 302, (path, status, errors[:5])
        return status, urlsplit(headers["location"]).path
