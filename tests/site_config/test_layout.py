"""The layout every page shares (base.html and its includes): the header marks the section
the page is in, and every link follows the script prefix the site is mounted under."""

import re

import pytest
from django.templatetags.static import static
from django.urls import set_script_prefix

# Each request must draw its page, not take it from the page cache.
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
        ("/evidence/", ["Evidence"]),
        ("/interactions/", ["Medicines"]),
        ("/search/", []),
        ("/forms/", ["Forms table"]),  # again, after other sections were drawn
        ("/", []),
    ],
)
def test_header_marks_only_the_section_the_page_is_in(client, url, current):
    assert current_nav(client.get(url).content.decode()) == current


def test_links_follow_the_script_prefix_of_each_request(client):
    """The header's and the head's links, the table's form and open-data links and the
    script all point under the prefix the request came in with, and only that request's."""
    # The test client does not set the prefix from SCRIPT_NAME as a WSGI server does.
    set_script_prefix("/mg/")
    try:
        mounted = client.get("/forms/").content.decode()
        mounted_script = static("js/forms-table.js")
        mounted_sheet = static("css/site.css")
    finally:
        set_script_prefix("/")
    for link in [
        'href="/mg/articles/"',
        'href="/mg/feed/"',
        'action="/mg/forms/#forms-results"',
        "mg/forms.csv",
    ]:
        assert link in mounted
    assert 'action="/mg/search/"' in mounted
    assert f'<link rel="stylesheet" href="{mounted_sheet}">' in mounted
    assert f'<script src="{mounted_script}" defer>' in mounted
    plain = client.get("/forms/").content.decode()
    for link in [
        'href="/articles/"',
        'href="/feed/"',
        'action="/forms/#forms-results"',
        'href="/forms.csv',
    ]:
        assert link in plain
    assert f'<script src="{static("js/forms-table.js")}" defer>' in plain
    assert "/mg/" not in plain
