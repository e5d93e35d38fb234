"""The matrix (/evidence/), an outcome's page (/evidence/<slug>/), the form page's row, the
rows of the forms compared, the topic hub's column and `[[evidence:...]]` links."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evidence.models import EvidenceCell
from tests.evidence.factories import EvidenceCellFactory, OutcomeFactory
from tests.factories import (
    ArticleFactory,
    DraftMagnesiumCompoundFactory,
    MagnesiumCompoundFactory,
    ReferenceFactory,
    TopicFactory,
)
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def matrix():
    """Migraine and cramps; magnesium in general and citrate graded; glycinate 'none'."""
    migraine_topic = TopicFactory(slug="migraine", name="Migraine")
    migraine = OutcomeFactory(
        slug="migraine", name="Migraine prevention", short_name="Migraine", topic=migraine_topic
    )
    cramps = OutcomeFactory(slug="muscle-cramps", name="Muscle cramps", short_name="Cramps")
    citrate = MagnesiumCompoundFactory(name="Magnesium citrate", slug="magnesium-citrate")
    glycinate = MagnesiumCompoundFactory(name="Magnesium glycinate", slug="magnesium-glycinate")
    trial = ReferenceFactory(key="peikert-1996", title="Prophylaxis of migraine trial")
    EvidenceCellFactory(
        outcome=migraine, grade="moderate", summary="Fewer attacks in trials.", references=[trial]
    )
    EvidenceCellFactory(
        outcome=migraine,
        compound=citrate,
        summary="Citrate used in the trials.",
        references=[trial],
    )
    EvidenceCellFactory(
        outcome=migraine, compound=glycinate, grade="none", summary="Never tested in migraine."
    )
    EvidenceCellFactory(
        outcome=cramps, grade="against", direction="no-effect", summary="No better than placebo."
    )
    return {"migraine": migraine, "cramps": cramps, "citrate": citrate, "glycinate": glycinate}


def test_matrix_is_a_table_with_forms_as_rows_and_outcomes_as_columns(client, matrix):
    html = client.get("/evidence/").content.decode()
    assert "<caption" in html
    assert '<th scope="col"><a href="/evidence/migraine/">Migraine</a></th>' in html
    assert '<th scope="row"><a href="/forms/magnesium-citrate/">Magnesium citrate</a></th>' in html
    assert '<th scope="row">Magnesium in general</th>' in html
    assert 'href="/evidence/migraine/#cell-magnesium-citrate"' in html
    assert 'role="region"' in html and 'tabindex="0"' in html
    # No ARIA roles on the table's own cells (the HTML checker rejects them).
    assert 'role="cell"' not in html and 'role="row"' not in html


def test_matrix_says_not_assessed_where_a_pairing_has_no_cell(client, matrix):
    html = client.get("/evidence/").content.decode()
    assert "not assessed" in html  # citrate has no cramps cell


def test_matrix_filters_by_outcome_and_form(client, matrix):
    html = client.get("/evidence/?outcome=muscle-cramps").content.decode()
    assert "No better than placebo." not in html  # summaries live on the detail page
    assert '<th scope="col"><a href="/evidence/muscle-cramps/">Cramps</a></th>' in html
    assert ">Migraine</a></th>" not in html
    html = client.get("/evidence/?form=magnesium-citrate").content.decode()
    assert ">Magnesium citrate</a></th>" in html
    assert ">Magnesium glycinate</a></th>" not in html
    assert '<th scope="row">Magnesium in general</th>' not in html
    html = client.get("/evidence/?form=any").content.decode()
    assert '<th scope="row">Magnesium in general</th>' in html
    assert ">Magnesium citrate</a></th>" not in html


@pytest.mark.parametrize(
    "query",
    [
        "outcome=MIGRAINE",
        "outcome=muscle-cramps,migraine",
        "outcome=migraine&outcome=migraine",
        "outcome=migraine&form=",
        "form=any&outcome=migraine",
    ],
)
def test_a_matrix_query_written_another_way_redirects_to_the_canonical_url(client, matrix, query):
    canonical = "/evidence/?outcome=migraine"
    if "muscle-cramps" in query:
        canonical = "/evidence/?outcome=migraine&outcome=muscle-cramps"
    if "form=any" in query:
        canonical += "&form=any"
    response = client.get(f"/evidence/?{query}")
    assert response.status_code == 302 and response["Location"] == canonical
    assert client.get(canonical).status_code == 200


def test_upper_case_slugs_are_understood_by_the_open_data_too(client, matrix):
    assert client.get("/evidence.json?outcome=MIGRAINE&form=ANY").status_code == 200


def test_several_outcomes_and_forms_in_a_link_stay_chosen_in_the_filter_form(client, matrix):
    """A single-choice list cannot show two choices: one option stands for the link's set,
    and sending the form again keeps it."""
    link = "/evidence/?outcome=migraine,muscle-cramps&form=any,magnesium-citrate"
    html = client.get(link, follow=True).content.decode()
    assert html.count(" selected>") == 2
    assert '<option value="migraine,muscle-cramps" selected>' in html
    assert '<option value="any,magnesium-citrate" selected>' in html
    again = client.get(
        "/evidence/", {"outcome": "migraine,muscle-cramps", "form": "any"}, follow=True
    )
    assert ">Migraine</a></th>" in again.content.decode()


@pytest.mark.parametrize(
    "query, shown",
    [
        ("outcome=unicorns", "outcome=unicorns"),
        ("form=magnesium-kryptonite", "form=magnesium-kryptonite"),
        ("colour=blue", "colour"),
        ("outcome=%00%ff", "outcome="),
    ],
)
def test_unknown_filter_values_are_ignored_with_a_notice(client, matrix, query, shown):
    response = client.get(f"/evidence/?{query}")
    assert response.status_code in {200, 400}
    if response.status_code == 200:
        html = response.content.decode()
        assert "Part of this link was ignored." in html
        assert shown in visible_text(response)
        assert ">Magnesium citrate</a></th>" in html  # the whole matrix still shows


def test_a_draft_form_is_not_a_row_nor_a_filter_value(client, matrix):
    draft = DraftMagnesiumCompoundFactory(name="Magnesium secret", slug="magnesium-secret")
    EvidenceCellFactory(outcome=matrix["migraine"], compound=draft, summary="Hidden.")
    assert "Magnesium secret" not in client.get("/evidence/").content.decode()
    html = client.get("/evidence/?form=magnesium-secret").content.decode()
    assert "Part of this link was ignored." in html
    assert "Hidden." not in client.get("/evidence/migraine/").content.decode()


def test_outcome_page_lists_every_forms_cell_with_its_studies(client, matrix):
    html = client.get("/evidence/migraine/").content.decode()
    assert "<h1>Evidence: Migraine prevention</h1>" in html
    for text in ["Magnesium in general", "Magnesium citrate", "Magnesium glycinate"]:
        assert text in html
    assert html.index("Magnesium in general") < html.index("Magnesium citrate")
    assert "Fewer attacks in trials." in html and "Never tested in migraine." in html
    assert 'id="cell-magnesium-citrate"' in html
    assert "Prophylaxis of migraine trial" in html  # the reference list
    assert "2 trials, 1 review" in html
    assert 'href="/topics/migraine/"' in html


def test_unknown_outcome_is_a_404(client, matrix):
    assert client.get("/evidence/no-such-outcome/").status_code == 404


@pytest.mark.parametrize("path", ["/evidence/", "/evidence/migraine/"])
def test_matrix_pages_refuse_other_methods_and_set_no_cookies(client, matrix, path):
    response = client.get(path)
    assert response.status_code == 200
    assert not response.cookies
    assert client.post(path).status_code == 405


def test_form_page_shows_its_row(client, matrix):
    html = client.get("/forms/magnesium-citrate/").content.decode()
    assert "What the studies show for Magnesium citrate" in html
    assert 'href="/evidence/migraine/#cell-magnesium-citrate"' in html
    assert "Citrate used in the trials." in html
    assert "No better than placebo." not in html  # another row's cell


def test_forms_compared_side_by_side_show_their_grades_outcome_by_outcome(client, matrix):
    """Which of two forms helps a migraine is what a reader comparing them came for: the
    compare page showed absorption and doses, and no grade."""
    html = client.get(
        "/forms/compare/", {"forms": "magnesium-glycinate,magnesium-citrate"}
    ).content.decode()
    section = html.split('id="compared-evidence-heading"')[1].split("</section>")[0]
    headings = re.findall(r'<th scope="col">([^<]+)</th>', section)
    assert headings == [
        "Outcome",
        "Magnesium in general",
        "Magnesium glycinate",
        "Magnesium citrate",
    ]
    migraine = section.split('href="/evidence/migraine/">Migraine prevention</a>')[1]
    migraine = migraine.split("</tr>")[0]
    assert re.findall(r'grade--(\w+)"', migraine) == ["moderate", "none", "moderate"]
    assert 'href="/evidence/migraine/#cell-magnesium-citrate"' in migraine
    # Cramps are graded for magnesium in general only: no row for these two forms.
    assert "Muscle cramps" not in section


def test_each_grade_link_is_named_for_its_form_and_outcome_for_screen_readers(client, matrix):
    """A list of links read "No evidence", "No evidence", … each to another cell; and a form's
    page had two links named "Migraine prevention", its topic and its evidence cell."""
    compare = client.get(
        "/forms/compare/", {"forms": "magnesium-glycinate,magnesium-citrate"}
    ).content.decode()
    hidden = '<span class="visually-hidden">: Magnesium citrate, Migraine prevention</span></a>'
    assert hidden in compare
    form_page = client.get("/forms/magnesium-citrate/").content.decode()
    row = form_page.split('id="evidence-row-heading"')[1].split("</section>")[0]
    assert 'Migraine prevention<span class="visually-hidden">, the studies</span></a>' in row


def test_forms_compared_with_no_grades_have_no_evidence_section(client):
    MagnesiumCompoundFactory(name="Magnesium one", slug="magnesium-one")
    MagnesiumCompoundFactory(name="Magnesium two", slug="magnesium-two")
    html = client.get("/forms/compare/", {"forms": "magnesium-one,magnesium-two"})
    assert html.status_code == 200
    assert "What the studies show" not in html.content.decode()


def test_form_page_without_cells_has_no_evidence_section(client):
    MagnesiumCompoundFactory(slug="magnesium-plain")
    html = client.get("/forms/magnesium-plain/").content.decode()
    assert "What the studies show" not in html


def test_topic_hub_shows_its_outcomes_column(client, matrix):
    html = client.get("/topics/migraine/").content.decode()
    assert "Evidence for migraine prevention, form by form" in html
    assert "Fewer attacks in trials." in html and "Citrate used in the trials." in html
    assert html.index("Magnesium in general") < html.index("Magnesium citrate")
    assert "No better than placebo." not in html


def test_a_hub_links_its_forms_in_the_table_with_its_outcomes_grades_and_the_calculator(
    client, matrix
):
    """The burning-feet hub had no way to the forms table or the calculator: a reader asking
    "which one, and how much?" had to find both themselves. Every hub links both, near its
    top: the table narrowed to the forms taken for the hub's topic, with the grades for its
    outcome."""
    matrix["citrate"].uses.add(matrix["migraine"].topic)
    html = client.get("/topics/migraine/").content.decode()
    tools = html.split('<nav class="topic-tools"')[1].split("</nav>")[0]
    assert 'href="/forms/?use=migraine&amp;outcome=migraine#forms-results"' in tools
    assert "Compare the forms often taken for migraine" in tools
    assert 'href="/calculator/"' in tools
    assert html.index("topic-tools") < html.index('id="topic-articles"')
    # The outcome's own column links its grades in the table too.
    assert 'href="/forms/?outcome=migraine">these grades beside' in html


def test_a_hub_no_form_is_taken_for_links_the_table_by_its_outcomes_evidence(client, matrix):
    html = client.get("/topics/migraine/").content.decode()
    tools = html.split('<nav class="topic-tools"')[1].split("</nav>")[0]
    assert 'href="/forms/?outcome=migraine#forms-results"' in tools
    assert "Compare the forms by their evidence for migraine prevention" in tools
    assert "use=" not in tools


def test_a_hub_without_forms_or_outcome_still_links_the_table_and_calculator(client):
    TopicFactory(slug="safety", name="Safety")
    tools = client.get("/topics/safety/").content.decode().split('class="topic-tools"')[1]
    assert 'href="/forms/">Compare the forms of magnesium</a>' in tools
    assert 'href="/calculator/"' in tools


def test_evidence_link_in_an_article_points_at_the_outcome_page(client, matrix):
    article = ArticleFactory(body="See [[evidence:migraine]] and [[evidence:migraine|the grades]].")
    html = client.get(article.get_absolute_url()).content.decode()
    link = '<a class="internal-link" href="/evidence/migraine/" rel="noopener noreferrer">'
    assert f"{link}Evidence: Migraine prevention</a>" in html
    assert f"{link}the grades</a>" in html


def test_evidence_link_to_an_unknown_outcome_is_a_save_time_problem(matrix):
    article = ArticleFactory.build(body="See [[evidence:unicorns]].")
    assert any("[[evidence:unicorns]]" in p for p in article.markdown_problems())


def test_renaming_an_outcome_updates_pages_linking_to_it(client, matrix):
    article = ArticleFactory(body="See [[evidence:migraine]].")
    matrix["migraine"].name = "Preventing migraine"
    matrix["migraine"].save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Evidence: Preventing migraine" in html


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize(
    "path", ["/evidence/", "/evidence/?outcome=grow-0&form=any", "/evidence/grow-0/"]
)
def test_matrix_queries_stay_constant_as_cells_grow(client, path):
    outcomes = [OutcomeFactory(slug=f"grow-{n}") for n in range(10)]
    references = [ReferenceFactory() for _ in range(3)]

    def add_cells(count: int) -> None:
        forms = MagnesiumCompoundFactory.create_batch(count // len(outcomes))
        cells = [
            EvidenceCell(outcome=outcome, compound=form, grade="moderate", summary="Graded.")
            for form in forms
            for outcome in outcomes
        ]
        created = EvidenceCell.objects.bulk_create(cells)
        EvidenceCell.references.through.objects.bulk_create(
            EvidenceCell.references.through(evidencecell_id=cell.pk, reference_id=ref.pk)
            for cell in created
            for ref in references
        )

    add_cells(10)
    small = _queries(client, path)
    add_cells(490)
    assert EvidenceCell.objects.count() == 500
    assert _queries(client, path) == small
    assert small <= 12


def test_sitemap_lists_the_matrix_and_each_outcome_page(client, matrix):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/evidence/</loc>" in xml
    assert "<loc>http://testserver/evidence/migraine/</loc>" in xml
    assert "<loc>http://testserver/evidence/muscle-cramps/</loc>" in xml


def test_outcome_page_and_form_filter_list_forms_alphabetically_ignoring_capitals(client, matrix):
    threonate = MagnesiumCompoundFactory(name="Magnesium L-threonate", slug="magnesium-l-threonate")
    EvidenceCellFactory(outcome=matrix["migraine"], compound=threonate, summary="Rats only.")
    for path in ("/evidence/migraine/", "/evidence/"):
        html = client.get(path).content.decode()
        if path == "/evidence/":
            html = html[html.index('id="evidence-form"') :]
        assert html.index("Magnesium citrate") < html.index("Magnesium glycinate"), path
        assert html.index("Magnesium glycinate") < html.index("Magnesium L-threonate"), path
