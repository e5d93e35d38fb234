"""The layout every page shares (site_config/templatetags/layout.py): drawn once per variant
and reused, so these check that no variant leaks into a page it does not belong to."""

import re

import pytest
from django.templatetags.static import static
from django.urls import set_script_prefix

# Each request must draw its layout, not come from the page cache.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def current_nav(html: str) -> list[str]:
    header = html.split('<header class="site-header">')[1].split("</header>")[0]
    return re.findall(r'aria-current="page">([^<]+)</a>', header)


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/", []),
        ("/articles/", ["Articles"]),
        ("/forms/", ["Forms table"]),
        ("/foods/", ["Foods"]),
        ("/calculator/", ["Calculator"]),
        ("/search/", []),
        ("/forms/", ["Forms table"]),  # again, after other sections were drawn
        ("/", []),
    ],
)
def test_header_marks_only_the_section_the_page_is_in(client, url, current):
    assert current_nav(client.get(url).content.decode()) == current


def test_links_drawn_once_follow_the_script_prefix_of_each_request(client):
    """The header, the head's links and routes reversed once (the table's form and its
    open-data links) are kept per script prefix."""
    # The test client does not set the prefix from SCRIPT_NAME as a WSGI server does.
    set_script_prefix("/mg/")
    try:
        mounted = client.get("/forms/").content.decode()
        mounted_script = static("js/forms-table.js")
    finally:
        set_script_prefix("/")
    for link in ['href="/mg/articles/"', 'href="/mg/feed/"', 'action="/mg/forms/"', "mg/forms.csv"]:
        assert link in mounted
    assert f'<script src="{mounted_script}" defer>' in mounted
    plain = client.get("/forms/").content.decode()
    for link in ['href="/articles/"', 'href="/feed/"', 'action="/forms/"', 'href="/forms.csv']:
        assert link in plain
    assert f'<script src="{static("js/forms-table.js")}" defer>' in plain
    assert "/mg/" not in plain


def test_layout_follows_a_settings_change(client, settings):
    client.get("/forms/")
    settings.STATIC_URL = "/assets/"
    html = client.get("/forms/").content.decode()
    assert 'href="/assets/css/site' in html
    assert 'src="/assets/js/forms-table' in html
