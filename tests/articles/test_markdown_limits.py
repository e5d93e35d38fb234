"""Markdown that would take too long to render is refused, saying what to change, and the
editor's text stays in the form; ordinary long articles are shown. Nothing here is timed:
machines are too noisy. The timings behind the limits are in articles/markdown_limits.py."""

import pytest

from articles.markdown_limits import MAX_CHARACTERS, MAX_MARKS, WORK_LIMIT
from tests.factories import ArticleFactory, ReferenceFactory
from tests.helpers import change_form_data, change_url

pytestmark = pytest.mark.django_db


def preview(client, text: str) -> str:
    return client.post("/markdownx/markdownify/", {"content": text}).content.decode()


def test_a_text_longer_than_a_page_may_be_is_refused_saying_to_split_it(staff_client):
    text = "Plain words in a long page. " * 10_000
    assert len(text) > MAX_CHARACTERS
    html = preview(staff_client, text)
    assert f"To fix:</strong> This text is {len(text):,} characters long; a page" in html
    assert f"may be up to {MAX_CHARACTERS:,}" in html
    assert "split it into two pages" in html
    assert "<p>Plain words" not in html


def test_a_paragraph_of_too_many_marks_is_refused_saying_to_separate_paragraphs(staff_client):
    """Python-Markdown's time grows with the square of the elements in one paragraph:
    40,000 "*a*" in one paragraph took 29 seconds."""
    text = "Pasted from a list of names without blank lines: " + "*a* _b_ " * 3_000
    html = preview(staff_client, text)
    assert "To fix:</strong> A paragraph of this text, the one starting “Pasted from" in html
    assert "holds 12,000 marks of Markdown (emphasis, code, links, citations" in html
    assert f"a paragraph may hold up to {MAX_MARKS:,}" in html
    assert "Separate its paragraphs with a blank line" in html


def test_a_text_of_too_many_pieces_of_markdown_is_refused_saying_to_split_it(staff_client):
    """Each paragraph and mark costs time, however short: 83,000 one-letter paragraphs
    (250 KB) took 6 seconds to render, and a save renders twice."""
    text = "\n\n".join(["A *short* _one_."] * 11_000)
    assert len(text) < MAX_CHARACTERS
    html = preview(staff_client, text)
    assert "To fix:</strong> This text holds too much Markdown to show within a page" in html
    # 11,000 paragraphs of four marks each: "*", "*", "_", "_".
    assert f"come to about 55,000, and a page may hold up to {WORK_LIMIT:,}" in html
    assert "split it into two pages" in html


def test_the_same_marks_in_many_paragraphs_are_shown(staff_client):
    text = "\n\n".join(["Words *a* _b_ " * 10] * 600)
    html = preview(staff_client, text)
    assert "To fix" not in html
    assert html.count("<em>a</em>") == 6_000


def test_a_pasted_html_table_is_shown_however_many_its_tags(staff_client):
    """Markdown keeps a block of HTML as it is, reading nothing in it: a pasted table of
    1,500 rows was refused as a paragraph of 15,000 marks, and told to split it with blank
    lines, which would have changed what it means."""
    rows = "".join(f'<tr><td class="x">Row {n}</td><td>{n} mg</td></tr>\n' for n in range(1_500))
    html = preview(staff_client, f"Intro.\n\n<table>\n{rows}</table>\n\nAfter.")
    assert "To fix" not in html
    assert html.count("<tr>") == 1_500


def ordinary_article() -> str:
    """200 KB of ordinary paragraphs, links, citations and tables."""
    paragraph = (
        "Magnesium's role in nerve signalling is well described [@ods-magnesium-hp]; see "
        "[the forms table](/forms/) for how the forms compare, or the "
        '[fact sheet](https://ods.od.nih.gov/factsheets/Magnesium/ "NIH"). Doses are given '
        "as *elemental* magnesium (for example 200 to 400 mg a day), not as the compound."
    )
    table = "| Form | Share | Dose |\n|---|---|---|\n" + "".join(
        f"| Citrate, row {n} | 16.2% [@ods-magnesium-hp] | {100 + n} mg |\n" for n in range(40)
    )
    sections = []
    while sum(map(len, sections)) < 200_000:
        sections.append(f"## Section {len(sections) + 1}\n\n" + "\n\n".join([paragraph] * 8))
        sections.append(table)
    return "\n\n".join(sections)


def test_an_ordinary_article_of_200_kb_is_shown(staff_client):
    ReferenceFactory(key="ods-magnesium-hp")
    text = ordinary_article()
    assert 200_000 <= len(text) <= MAX_CHARACTERS
    html = preview(staff_client, text)
    assert "To fix" not in html
    assert html.count('title="NIH"') == text.count('"NIH"')
    assert html.count("<table") == text.count("| Form |")


def test_a_body_too_long_to_show_is_refused_and_kept_in_the_form(editor_client):
    article = ArticleFactory(body="Old body.")
    body = " ".join(["Plain words in a long page."] * 10_000)
    response = editor_client.post(change_url(article), change_form_data(article, body=body))
    [error] = response.context["adminform"].form.errors["body"]
    assert error.startswith(f"This text is {len(body):,} characters long")
    assert response.context["adminform"].form["body"].value() == body
    article.refresh_from_db()
    assert article.body == "Old body."
