"""The digestive-tolerance labels say only what their sources support, and say where that is.

"gentle" means a form is not on the NIH fact sheet's list of forms most often reported to cause
diarrhoea, not that any trial found it gentle; the table, the filter, the compare view and a
form's page say so, with the source. The stored values, and so the URLs and exports, stay.
"""

import pytest

from tests.comparisons.conftest import table_slugs
from tests.factories import MagnesiumCompoundFactory, ReferenceFactory
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db

NIH_TITLE = "Magnesium: Fact Sheet for Health Professionals"
NOT_LISTED = "Not on NIH diarrhoea list"
HIGH_DOSES = "Loose stools at high doses"
LINKED = "Often linked to diarrhoea"
OLD_LABELS = ("Gentle", "Laxative")


@pytest.fixture
def sources():
    return {
        "ods-magnesium-hp": ReferenceFactory(key="ods-magnesium-hp", title=NIH_TITLE),
        "peikert-1996": ReferenceFactory(key="peikert-1996", title="Prophylaxis of migraine"),
        "wikipedia-mg-citrate": ReferenceFactory(
            key="wikipedia-mg-citrate", title="Magnesium citrate"
        ),
        "wikipedia-mg-preparation": ReferenceFactory(
            key="wikipedia-mg-preparation", title="Magnesium preparation"
        ),
    }


@pytest.fixture
def three_forms(sources):
    return [
        MagnesiumCompoundFactory(name="Magnesium oxide", slug="oxide", tolerance="laxative"),
        MagnesiumCompoundFactory(name="Magnesium citrate", slug="citrate", tolerance="moderate"),
        MagnesiumCompoundFactory(name="Magnesium glycinate", slug="glycinate", tolerance="gentle"),
    ]


def assert_no_old_label(text: str) -> None:
    for old in OLD_LABELS:
        assert old not in text, old


def test_forms_table_shows_what_each_label_rests_on_with_its_source(client, three_forms):
    response = client.get("/forms/")
    text = visible_text(response)
    html = response.content.decode()
    for label in (NOT_LISTED, HIGH_DOSES, LINKED):
        assert label in text
    assert_no_old_label(text)
    assert (
        "The NIH fact sheet does not name the form among those most often reported to cause "
        "diarrhoea. That is all it means: no trial has compared how often different forms "
        "upset the stomach." in text
    )
    assert "Carbonate, chloride, gluconate and oxide are the forms the NIH fact sheet" in text
    # Each meaning links to its numbered source in the page's reference list.
    assert 'href="#ref-1" title="' + NIH_TITLE + '"' in html
    assert NIH_TITLE in text.split("References", 1)[1]
    assert 'aria-describedby="tolerance-note"' in html and 'id="tolerance-note"' in html


def test_sorting_by_tolerance_runs_from_least_to_most_linked_to_diarrhoea(client, three_forms):
    response = client.get("/forms/?sort=tolerance")
    assert table_slugs(response) == ["glycinate", "citrate", "oxide"]
    assert "sorted by tolerance, least linked to diarrhoea first" in visible_text(response)
    response = client.get("/forms/?sort=-tolerance")
    assert table_slugs(response) == ["oxide", "citrate", "glycinate"]
    assert "sorted by tolerance, most linked to diarrhoea first" in visible_text(response)


def test_tolerance_filter_keeps_its_values_and_shows_the_honest_labels(client, three_forms):
    response = client.get("/forms/?tolerance=gentle")
    assert table_slugs(response) == ["glycinate"]
    html = response.content.decode()
    assert f'value="gentle" id="id_tolerance_0" checked> {NOT_LISTED}</label>' in html
    assert f'value="laxative" id="id_tolerance_2"> {LINKED}</label>' in html
    text = visible_text(response)
    assert f"Digestive tolerance: {NOT_LISTED}" in text  # the active filter's chip
    assert "Not being on the NIH list does not make a form proven gentle." in text
    assert table_slugs(client.get("/forms/?tolerance=moderate,laxative")) == ["citrate", "oxide"]


def test_exports_keep_the_raw_tolerance_values(client, three_forms):
    rows = client.get("/forms.json?sort=tolerance").json()
    assert [row["tolerance"] for row in rows] == ["gentle", "moderate", "laxative"]
    csv_text = client.get("/forms.csv?tolerance=gentle").content.decode()
    assert ",gentle," in csv_text and NOT_LISTED not in csv_text


def test_compare_view_shows_the_labels_with_their_meaning_and_source(client, three_forms):
    response = client.get("/forms/compare/?forms=glycinate,oxide")
    text = visible_text(response)
    assert NOT_LISTED in text and LINKED in text
    assert_no_old_label(text)
    assert "no trial has compared how often different forms upset the stomach" in text
    assert "hydroxide (milk of magnesia) and sulfate (Epsom salt) are sold as laxatives" in text
    references = text.split("References", 1)[1]
    assert NIH_TITLE in references and "Magnesium preparation" in references


def test_form_page_says_what_its_tolerance_label_means_and_cites_it(client, three_forms):
    response = client.get("/forms/citrate/")
    text = visible_text(response)
    assert f"Digestive tolerance {HIGH_DOSES}" in text
    assert "18.6% of people taking 600 mg of magnesium a day as a citrate salt" in text
    assert "Moderate" not in text.split("Digestive tolerance", 1)[1].split("Typical dose")[0]
    references = text.split("References", 1)[1]
    assert "Prophylaxis of migraine" in references and "Magnesium citrate" in references
    glycinate = visible_text(client.get("/forms/glycinate/"))
    assert f"Digestive tolerance {NOT_LISTED}" in glycinate
    assert_no_old_label(glycinate)
