"""What every browser test checks on a page: it fits a phone, axe-core finds nothing
serious, and the page broke no rule of its Content-Security-Policy."""

from __future__ import annotations

SERIOUS = {"serious", "critical"}
# axe-core runs every rule on by default, plus target-size (WCAG 2.2 SC 2.5.8: a control at
# least 24 by 24 CSS px, or spaced so), which is off by default: people tap with thumbs.
AXE_OPTIONS = {"rules": {"target-size": {"enabled": True}}}


def reader_context(browser, width: int, language: str):
    """A fresh browser context ``width`` px wide whose reader asks for ``language``."""
    return browser.new_context(viewport={"width": width, "height": 900},
                               extra_http_headers={"Accept-Language": language})


def no_sideways_scroll(page) -> bool:
    # On an emulated phone Chrome zooms out to show wide content, so window.innerWidth grows
    # with it; the layout width (clientWidth) stays the phone's 360 px.
    return page.evaluate("document.documentElement.scrollWidth"
                         " <= document.documentElement.clientWidth + 1")


def csp_violations(page) -> list[str]:
    """What the page reported breaking its CSP (tests/conftest.py's WATCH_CSP records it)."""
    found = page.evaluate("window.__cspViolations")
    assert found is not None, "this page's browser context does not watch for CSP violations"
    return [f"CSP: {v}" for v in found]


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical findings, and every CSP violation, on the page."""
    from axe_playwright_python.sync_playwright import Axe

    blocked = csp_violations(page)  # before axe runs, so only the page's own doings count
    results = Axe().run(page, options=AXE_OPTIONS)
    return blocked + [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}"
                      for v in results.response["violations"] if v.get("impact") in SERIOUS]


def check_page(page) -> None:
    assert no_sideways_scroll(page), page.url
    found = serious_violations(page)
    assert found == [], (page.url, found)


def log_in(page, base: str, username: str, password: str) -> None:
    """Through the real login form."""
    page.goto(base + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
