"""A link or citation an editor mistypes is named on save, with the spelling the site reads:
never published as brackets readers would see as typed."""

import pytest

from articles.rendering import render_markdown
from tests.factories import ArticleFactory, MagnesiumCompoundFactory, ReferenceFactory

pytestmark = pytest.mark.django_db


def problems(body: str) -> list[str]:
    return ArticleFactory.build(body=body).markdown_problems()


@pytest.mark.parametrize(
    ("typed", "meant", "what"),
    [
        ("[[article: the-target]]", "[[article:the-target]]", "a link"),
        ("[[Article:The Target|this page]]", "[[article:the-target|this page]]", "a link"),
        ("[[article:the-target]", "[[article:the-target]]", "a link"),
        ("[article:the-target]]", "[[article:the-target]]", "a link"),
        ("[@smith-2020, @jones-2021]", "[@smith-2020; @jones-2021]", "a citation"),
        ("[@ smith-2020]", "[@smith-2020]", "a citation"),
    ],
)
def test_a_link_or_citation_written_another_way_is_refused_with_the_spelling_the_site_reads(
    typed, meant, what
):
    ArticleFactory(slug="the-target")
    ReferenceFactory(key="smith-2020")
    ReferenceFactory(key="jones-2021")
    [problem] = problems(f"See {typed}.")
    assert problem.startswith(f"“{typed}” is not written as {what}, so readers would see it")
    assert f"here {meant}." in problem


def test_a_link_cut_by_a_table_cell_says_to_leave_out_the_words():
    ArticleFactory(slug="the-target")
    [problem] = problems("| a | b |\n|---|---|\n| [[article:the-target|words]] | x |")
    assert "here [[article:the-target]]. In a table, leave out “|your words”." in problem


def test_a_misspelt_page_or_key_suggests_the_nearest_one():
    ArticleFactory(slug="magnesium-and-sleep")
    ReferenceFactory(key="kirkland-2018")
    found = problems("See [[article:magnesium-and-slep]] [@kirkland-2081].")
    assert found[0].endswith("Did you mean [[article:magnesium-and-sleep]]?")
    assert found[1].endswith("Did you mean [@kirkland-2018]?")


def test_nothing_is_suggested_when_no_name_is_near():
    ArticleFactory(slug="magnesium-and-sleep")
    [problem] = problems("See [[article:calcium]].")
    assert "Did you mean" not in problem


def test_an_unknown_kind_of_link_names_the_kinds():
    [problem] = problems("See [[artcle:some-page]].")
    assert problem.startswith("[[artcle:some-page]]: “artcle” is not a kind of link.")
    assert "article, compare, evidence, form, medicine, topic" in problem
    assert problem.endswith("Did you mean [[article:some-page]]?")


def test_the_mistyped_text_is_kept_as_typed():
    rendered = render_markdown("See [[form: magnesium-citrate]] & [@a, @b].")
    assert "<p>See [[form: magnesium-citrate]] &amp; [@a, @b].</p>" in rendered.html


def test_code_and_ordinary_markdown_links_are_not_taken_for_mistakes():
    body = (
        "Write `[[form: x]]` or `[@a, @b]`. [[1]](https://example.org/) [note][n]\n\n[n]: /foods/"
    )
    assert problems(body) == []
    assert '<a href="https://example.org/" rel="noopener noreferrer">[1]</a>' in (
        render_markdown(body).html
    )


@pytest.mark.parametrize(
    "link",
    [
        "[@magnesium_org](https://example.org/)",
        "[@magnesium org](https://example.org/)",
        "[@magnesium_org][site]\n\n[site]: https://example.org/",
    ],
)
def test_a_markdown_link_whose_text_starts_with_an_at_sign_is_a_link_not_a_citation(link):
    assert problems(f"Follow {link} for news.") == []
    assert '<a href="https://example.org/" rel="noopener noreferrer">@magnesium' in (
        render_markdown(link).html
    )


def test_a_key_cited_in_capitals_is_the_lower_case_key():
    """Keys are lower case only; one saved in capitals was lower-cased by the capitals
    migration, and a body citing it as it was still cites its source."""
    ReferenceFactory(key="kirkland-2018")
    assert not problems("Blocks it [@Kirkland-2018].")
    assert render_markdown("Blocks it [@Kirkland-2018].").citations == ["kirkland-2018"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("[form:magnesium-glycinate]", "here [[form:magnesium-glycinate]]."),
        ("[Form:magnesium-glycinate|glycinate]", "here [[form:magnesium-glycinate|glycinate]]."),
        (
            "[the calculator] (/calculator/)",
            "Take out the space: here [the calculator](/calculator/).",
        ),
        (
            "[the NIH sheet]  (https://ods.od.nih.gov/)",
            "here [the NIH sheet](https://ods.od.nih.gov/).",
        ),
        ("[the table](/forms/ for the figures", "straight after it: here [the table](/forms/)."),
    ],
)
def test_a_link_with_one_bracket_a_space_before_its_address_or_no_end_is_refused(typed, meant):
    """They were saved and shown to readers as typed."""
    MagnesiumCompoundFactory(slug="magnesium-glycinate")
    body = f"Compare {typed}\n\nNext paragraph."
    [problem] = problems(body)
    assert problem.startswith(f"“{typed}” is not written as a link, so readers would see it")
    assert meant in problem
    assert "In a table" not in problem
    assert typed in render_markdown(body).html.replace("&amp;", "&")


@pytest.mark.parametrize(
    "text",
    [
        "[Update: 2024] the figures changed.",
        "[Note:see-below] for the dose.",
        "In 2019 [1] (2019) a trial found.",
        "[sic] (as in the label).",
        "Use [the calculator](/calculator/) and [[form:magnesium-glycinate]].",
        "[form:magnesium-glycinate](/forms/magnesium-glycinate/) is a link.",
        "Write `[form:x]` and `[a] (/b/)` in code.",
    ],
)
def test_brackets_that_are_text_or_real_links_are_not_taken_for_mistyped_links(text):
    MagnesiumCompoundFactory(slug="magnesium-glycinate")
    assert problems(text) == []


@pytest.mark.parametrize("bullet", ["•\t", "• ", "◦\t", "▪ ", "\u2013\t"])
def test_lines_of_a_list_pasted_from_a_document_say_how_to_make_a_list(bullet, staff_client):
    """They ran together as one paragraph, "• Stretch before bed • Drink water"."""
    body = f"Before bed:\n{bullet}Stretch before bed\n{bullet}Drink water"
    [problem] = problems(body)
    assert problem.startswith(f"2 lines start with “{bullet[0]}”, as a list pasted from a document")
    assert "Start each line with “- ” (a hyphen and a space)" in problem
    assert "e.g. “- Stretch before bed”" in problem
    html = staff_client.post("/markdownx/markdownify/", {"content": body}).content.decode()
    assert "To fix:</strong> 2 lines start with" in html
    fixed = "Before bed:\n\n- Stretch before bed\n- Drink water"
    assert problems(fixed) == []
    assert "<li>Stretch before bed</li>" in render_markdown(fixed).html


def test_a_line_that_only_starts_with_a_dash_or_a_lone_bullet_is_not_a_pasted_list():
    assert (
        problems("Magnesium \u2013 the mineral \u2013 matters.\n\u2013 a dash then a space") == []
    )
    assert problems("• One bullet alone in its paragraph.\n\nNext paragraph.") == []
