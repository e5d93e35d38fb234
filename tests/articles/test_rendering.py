import re

import pytest
from markdown.treeprocessors import PrettifyTreeprocessor

from articles.rendering import render_markdown, sanitize
from tests.factories import ArticleFactory, TopicFactory


def test_render_markdown_keeps_headings_lists_tables_and_links():
    html = render_markdown(
        "## Dose\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[NIH](https://ods.od.nih.gov/)"
    ).html
    assert '<h2 id="dose">Dose</h2>' in html
    assert "<li>one</li>" in html
    assert '<table tabindex="0">' in html and "<td>1</td>" in html
    assert 'href="https://ods.od.nih.gov/"' in html


def test_a_table_takes_keyboard_focus_so_a_keyboard_can_scroll_it_on_a_phone():
    """On a phone a table that is not drawn as cards (one or two columns, or an editor's own
    HTML) scrolls sideways in its own box: the intake table's breastfeeding column could not
    be reached from the keyboard before that table became cards (test_table_cards.py)."""
    html = render_markdown(
        '| a |\n|---|\n| 1 |\n\n<table tabindex="5" onclick="x()"><tr><td>2</td></tr></table>'
    ).html
    assert html.count('<table tabindex="0">') == 2
    assert 'tabindex="5"' not in html and "onclick" not in html


def test_render_markdown_strips_script_tags_and_their_content():
    html = render_markdown("Hello <script>alert(1)</script> world").html
    assert "<script" not in html
    assert "alert(1)" not in html
    assert "Hello" in html


def test_render_markdown_drops_javascript_links():
    html = render_markdown("[click](javascript:alert(1)) [x](JaVaScRiPt:alert(1))").html
    assert "javascript:" not in html.lower()
    assert "click" in html


def test_render_markdown_strips_event_handlers():
    html = render_markdown(
        '<img src="x.png" onerror="alert(1)"> <a href="/" onclick="x()">a</a>'
    ).html
    assert "onerror" not in html
    assert "onclick" not in html


@pytest.mark.parametrize(
    "raw",
    [
        "<iframe src='https://evil.example'></iframe>",
        "<style>body{display:none}</style>",
        "<object data='x.swf'></object>",
        "<svg onload='alert(1)'><circle/></svg>",
        "<div style='position:fixed'>x</div>",
    ],
)
def test_render_markdown_strips_raw_html_outside_the_allow_list(raw):
    html = render_markdown(raw).html
    for bad in ("<iframe", "<style", "<object", "<svg", "style=", "onload"):
        assert bad not in html


def test_render_markdown_allows_relative_and_mailto_links_only_among_schemes():
    html = render_markdown(
        "[a](/forms/) [b](mailto:editor@example.org) [c](data:text/html;base64,PHNjcmlwdD4=)"
    ).html
    assert 'href="/forms/"' in html
    assert 'href="mailto:editor@example.org"' in html
    assert "data:" not in html


def test_render_markdown_turns_h1_into_h2_so_the_page_keeps_one_h1():
    html = render_markdown("# Big\n\ntext").html
    assert "<h1" not in html
    assert "<h2" in html


def test_render_markdown_builds_a_table_of_contents():
    rendered = render_markdown("## One\n\n### One point one\n\n## Two")
    assert 'href="#one"' in rendered.toc_html
    assert 'href="#one-point-one"' in rendered.toc_html
    assert 'href="#two"' in rendered.toc_html


def test_citations_are_numbered_by_first_use():
    rendered = render_markdown("A [@b-key]. B [@a-key; @b-key]. C [@a-key].")
    assert rendered.citations == ["b-key", "a-key"]
    assert 'href="#ref-1"' in rendered.html
    assert 'href="#ref-2"' in rendered.html
    assert rendered.html.count('class="cite"') == 3


def test_sanitize_escapes_text_that_looks_like_html():
    assert "<b>" not in sanitize("&lt;b&gt;x")


@pytest.mark.django_db
def test_internal_links_render_with_the_targets_current_title():
    ArticleFactory(slug="signs-of-low-magnesium", title="Signs of low magnesium")
    TopicFactory(slug="burning-feet", name="Burning feet")
    rendered = render_markdown(
        "See [[article:signs-of-low-magnesium]], [[article:signs-of-low-magnesium|this]] "
        "and [[topic:burning-feet]]."
    )
    assert re.search(
        r'<a class="internal-link" href="/articles/signs-of-low-magnesium/"[^>]*>'
        r"Signs of low magnesium</a>",
        rendered.html,
    )
    assert ">this</a>" in rendered.html
    assert re.search(r'href="/topics/burning-feet/"[^>]*>Burning feet</a>', rendered.html)
    assert rendered.broken_links == []


@pytest.mark.django_db
def test_internal_link_to_a_missing_page_is_reported_and_not_linked():
    rendered = render_markdown("See [[article:nope]].")
    assert rendered.broken_links == ["[[article:nope]]"]
    assert 'href="/articles/nope/"' not in rendered.html


def test_reading_time_is_at_least_a_minute():
    assert render_markdown("short").reading_minutes == 1
    assert render_markdown("word " * 1000).reading_minutes == 5


def test_a_heading_never_takes_an_id_the_page_uses_itself():
    """A heading "Ref 1" took citation [1]'s jump to the reference list, and "Main" the skip
    link's target: each is given its own id, and the contents list follows it."""
    rendered = render_markdown("## Ref 1\n\n## Main\n\n## Sources heading\n\n## Dose\n")
    for heading in ("ref-1-section", "main-section", "sources-heading-section", "dose"):
        assert f'id="{heading}"' in rendered.html
        assert f'href="#{heading}"' in rendered.toc_html
    assert 'id="ref-1"' not in rendered.html and 'id="main"' not in rendered.html


def test_the_contents_list_names_a_heading_without_its_citation_numbers():
    """A heading that cites read "Dose with a citation 1" in the contents list."""
    rendered = render_markdown("## Dose with a citation [@kirkland-2018]\n\n### Sub [@a; @b]")
    assert ">Dose with a citation</a>" in rendered.toc_html
    assert ">Sub</a>" in rendered.toc_html
    assert 'class="cite-ref"' in rendered.html  # the heading itself still cites


def test_typographic_quotes_are_set_before_blocks_get_their_line_breaks(monkeypatch):
    """Python-Markdown sets them after "prettify" has given every row of a table a
    line-break tail, which the quotes pass then looks up among the row's siblings: 40,000
    rows took 26 seconds, growing with the square of the rows. (Not timed here: machines are
    too noisy; what was still to do when the line breaks came is checked instead.)"""
    seen = []
    prettify = PrettifyTreeprocessor.run

    def spy(self, root):
        seen.append("".join(root.itertext()))
        return prettify(self, root)

    monkeypatch.setattr(PrettifyTreeprocessor, "run", spy)
    html = render_markdown('| a | b |\n|---|---|\n| it\'s | "so" |\n').html
    assert "<td>it\u2019s</td>" in html and "<td>“so”</td>" in html
    assert "'" not in seen[0] and '"' not in seen[0]
