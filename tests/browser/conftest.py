"""Browser tests: Playwright for Python driving Debian's Chromium (never a downloaded one).

Without Chromium these tests are skipped with a warning; with REQUIRE_BROWSER=1 (CI) a
missing browser fails the run instead. CHROMIUM_PATH names another build of Debian's, such as
/usr/bin/chromium-headless-shell (the engine without the desktop browser, as CI drives).
"""

import io
import os
import re
import shutil
import warnings

import pytest

from tests.helpers import load_starter_content

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# itself (fixtures, assertions) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _browser_missing_reason() -> str | None:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (make test installs it)"
    return None


@pytest.fixture(scope="session")
def browser():
    if reason := _browser_missing_reason():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
        warnings.warn(f"BROWSER TESTS SKIPPED: {reason}", stacklevel=1)
        pytest.skip(f"BROWSER TESTS SKIPPED: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


# Chromium reports a CSP violation twice: as a console error (even with JavaScript off) and as a
# `securitypolicyviolation` event, which names the directive and the blocked resource. The event
# is forwarded to Python as it happens, so it is recorded even if the page navigates away.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCspViolation(
    `CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}` +
    ` at ${event.sourceFile || document.URL}:${event.lineNumber}`
  );
});
"""


def failed(request) -> bool:
    """A request that went wrong, not one the browser dropped because the page moved on.

    Leaving a page cancels what it still had in flight with net::ERR_ABORTED: a markdownx
    preview fetch when the editor clicks Save, the favicon when a test opens the next page.
    That is no fault of the site. An error status is reported as a response, below; a request
    the CSP blocked or a server that is down fails with another error and still counts.
    """
    return request.failure != "net::ERR_ABORTED"


@pytest.fixture
def page_factory(browser):
    """Open pages at a given width, with or without JavaScript; collect what went wrong.

    `page.problems` gathers console errors, uncaught exceptions, CSP violations, requests that
    failed and responses with an error status.
    """
    contexts = []

    def make(width: int = 1280, javascript: bool = True, color_scheme: str = "light"):
        context = browser.new_context(
            viewport={"width": width, "height": 900},
            java_script_enabled=javascript,
            color_scheme=color_scheme,
        )
        contexts.append(context)
        page = context.new_page()
        page.problems = []
        if javascript:
            context.expose_binding(
                "__reportCspViolation", lambda _source, text: page.problems.append(text)
            )
            context.add_init_script(CSP_LISTENER)
        page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        page.on(
            "requestfailed",
            lambda r: failed(r) and page.problems.append(f"failed ({r.failure}): {r.url}"),
        )
        page.on(
            "response",
            lambda r: r.status >= 400 and page.problems.append(f"HTTP {r.status}: {r.url}"),
        )
        return page

    yield make
    for context in contexts:
        context.close()


def has_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def table_roles(page) -> list[str]:
    """The roles under each table in Chromium's own accessibility tree, the one screen
    readers get. Playwright's role locators compute roles from the markup themselves, so they
    would not show a table that the browser no longer exposes as a table."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    session.detach()
    by_id = {node["nodeId"]: node for node in nodes}

    def roles_under(node) -> list[str]:
        found = [node["role"]["value"]]
        for child in node.get("childIds", []):
            if child in by_id:
                found += roles_under(by_id[child])
        return found

    return [roles_under(node) for node in nodes if node["role"]["value"] == "table"]


def calculator_path() -> str | None:
    """The calculator's URL, or None while the site has no calculator yet."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("comparisons:calculator")
    except NoReverseMatch:
        return None


# axe-core comes bundled with the axe-playwright-python package: nothing is fetched at test time.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def axe_violations(page, context: dict | None = None) -> list[str]:
    """Run axe-core on the page (or the part `context` selects); one line per failing node."""
    from axe_playwright_python.base import AXE_SCRIPT

    # page.evaluate runs through the DevTools protocol, so our CSP does not block the injection.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate(
        "([context, options]) => axe.run(context || document, options)", [context, AXE_OPTIONS]
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
        f"      at {' '.join(node['target'])}: {node['html'][:160]}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


def assert_no_axe_violations(page, where: str, context: dict | None = None) -> None:
    violations = axe_violations(page, context)
    assert not violations, f"axe found {len(violations)} problem(s) on {where}:\n  " + (
        "\n  ".join(violations)
    )


@pytest.fixture
def starter_content(live_server):
    """The starter content, as `load_content` writes it, in the live server's database."""
    load_starter_content()


EDITOR_PASSWORD = "a-long-password-for-the-editor-tests"


@pytest.fixture
def log_in_editor(live_server, page_factory, django_user_model, starter_content):
    """Open a browser page logged in as a new editor (created and given the group by the
    `add_editor` command, as an operator would)."""

    from django.core.management import call_command

    from site_config.editors import sync_editor_permissions

    # A transactional test's flush empties the group table; migrate would refill it.
    sync_editor_permissions()

    def log_in(username: str = "writer", full_name: str = "Wren Writer", width: int = 1280):
        first, last = full_name.split()
        django_user_model.objects.create_user(
            username, password=EDITOR_PASSWORD, first_name=first, last_name=last
        )
        call_command("add_editor", username, stdout=io.StringIO())
        page = page_factory(width=width)
        page.goto(live_server.url + "/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(EDITOR_PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(re.compile(r"/admin/$"))
        return page

    return log_in


def add_another_row(page) -> None:
    """Press an inline's "Add another" once the page is still: each Markdown box's first
    preview arrives after the page loads and changes the rows' heights, moving the button
    (once, in CI, the press missed it)."""
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name=re.compile("Add another")).click()


def save(page, button: str = "Save") -> None:
    """Press a save button once the editor's live preview has had its answer (leaving the page
    with a preview request open would abort it, which counts as a failed request)."""
    page.wait_for_load_state("networkidle")
    # A published page asks for a change note (feedback/change_notes.py).
    note = page.locator("#id_change_note")
    if note.count() and not note.input_value():
        note.fill("Edited in a browser test.")
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state("networkidle")
