"""Forms taken more than one way: a form's preparations, each with its route, shown on the
form's page, found by the forms table's `route` filter and listed in the exports' `routes`."""

import csv
import io
import textwrap

import pytest
from django.core.cache import cache
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.loader import StarterContentError, StarterLoader
from comparisons import loader as comparisons_loader
from comparisons.models import MagnesiumCompound, Preparation
from tests.comparisons.conftest import table_slugs
from tests.factories import MagnesiumCompoundFactory, ReferenceFactory, with_sources
from tests.helpers import load_starter_content

pytestmark = pytest.mark.django_db


def prepare(compound, name: str, route: str, **fields) -> Preparation:
    refs = fields.pop("refs", [])
    preparation = Preparation.objects.create(
        compound=compound,
        slug=name.lower().replace(" ", "-"),
        name=name,
        route=route,
        use=fields.pop("use", f"How {name.lower()} is used."),
        **fields,
    )
    preparation.refs.set(refs)
    return preparation


@pytest.fixture
def glycinate_two_ways(forms):
    """Glycinate (main route oral) also sold as two topical products."""
    glycinate = forms["magnesium-glycinate"]
    prepare(glycinate, "Tablets", "oral")
    prepare(glycinate, "Cream", "topical")
    prepare(glycinate, "Spray", "topical")
    return glycinate


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


# ---- the route filter over preparations ----


def test_route_topical_finds_forms_by_any_topical_preparation_once(client, glycinate_two_ways):
    response = client.get("/forms/?route=topical")
    assert response.status_code == 200
    # Epsom salt by its main route, glycinate by its two topical preparations, each once.
    assert table_slugs(response) == ["magnesium-glycinate", "magnesium-sulfate"]


def test_route_oral_still_finds_forms_by_their_main_route(client, glycinate_two_ways):
    slugs = table_slugs(client.get("/forms/?route=oral"))
    assert "magnesium-glycinate" in slugs and "magnesium-sulfate" not in slugs
    assert len(slugs) == len(set(slugs)) == 5


def test_exports_filter_by_route_over_preparations_without_duplicates(client, glycinate_two_ways):
    rows = client.get("/forms.json?route=topical").json()
    assert [row["slug"] for row in rows] == ["magnesium-glycinate", "magnesium-sulfate"]
    csv_rows = read_csv(client.get("/forms.csv?route=topical"))
    assert [row["slug"] for row in csv_rows] == ["magnesium-glycinate", "magnesium-sulfate"]


def test_exports_list_every_route_right_after_the_main_route(client, glycinate_two_ways):
    rows = {row["slug"]: row for row in client.get("/forms.json").json()}
    glycinate = rows["magnesium-glycinate"]
    assert glycinate["route"] == "oral"
    assert glycinate["routes"] == ["oral", "topical"]
    assert list(glycinate).index("routes") == list(glycinate).index("route") + 1
    # A form without preparations is taken its main way only.
    assert rows["magnesium-sulfate"]["routes"] == ["topical"]

    response = client.get("/forms.csv")
    header = response.content.decode().splitlines()[0].split(",")
    assert header[3:5] == ["route", "routes"]
    by_slug = {row["slug"]: row for row in read_csv(response)}
    assert by_slug["magnesium-glycinate"]["routes"] == "oral|topical"
    assert by_slug["magnesium-citrate"]["routes"] == "oral"


def test_table_says_when_a_form_is_also_taken_another_way(client, glycinate_two_ways):
    html = client.get("/forms/?route=topical").content.decode()
    assert "(also topical)" in html


def test_table_query_count_does_not_grow_with_preparations(client, forms):
    def queries(url: str) -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    prepare(forms["magnesium-citrate"], "Tablets", "oral")
    few = queries("/forms/?route=topical")
    for compound in MagnesiumCompound.objects.all():
        for index in range(4):
            prepare(compound, f"Way {index}", "topical" if index % 2 else "oral")
    assert queries("/forms/?route=topical") == few
    assert queries("/forms.json?route=topical") == queries("/forms.json?route=oral")


# ---- the form's page ----


def test_form_page_shows_each_preparation_with_its_route_cautions_and_sources(client, forms):
    sulfate = forms["magnesium-sulfate"]
    skin = ReferenceFactory(key="grober-2017", title="Transdermal magnesium review")
    prepare(
        sulfate,
        "Foot soak",
        "topical",
        use="Dissolved in warm water; skin uptake is unproven.",
        cautions="Not for people with diabetes or numb feet.",
        refs=[skin],
    )
    prepare(sulfate, "Oral laxative", "oral", tolerance="Strongly laxative.")
    html = client.get(sulfate.get_absolute_url()).content.decode()
    assert "Ways it is taken" in html
    assert "Foot soak" in html and "(topical)" in html
    assert "Oral laxative" in html and "(oral)" in html
    assert "Not for people with diabetes or numb feet." in html
    assert "Strongly laxative." in html
    # The preparation's source is cited and listed with the page's references.
    assert "Transdermal magnesium review" in html
    assert 'href="/forms/?route=oral"' in html and 'href="/forms/?route=topical"' in html
    # The route fact names the main route and the other one.
    assert "also oral" in html


def test_form_page_without_preparations_has_no_empty_section(client, forms):
    html = client.get(forms["magnesium-citrate"].get_absolute_url()).content.decode()
    assert "Ways it is taken" not in html


def test_form_page_query_count_does_not_grow_with_preparations(client):
    compound = MagnesiumCompoundFactory()

    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(compound.get_absolute_url()).status_code == 200
        return len(captured)

    prepare(compound, "Tablets", "oral", refs=[ReferenceFactory()])
    one = queries()
    for index in range(12):
        prepare(compound, f"Way {index}", "topical", refs=[ReferenceFactory(), ReferenceFactory()])
    assert queries() == one


# ---- the admin ----


def test_preparations_are_added_on_the_forms_admin_page(staff_client, forms):
    citrate = with_sources(forms["magnesium-citrate"])
    ref = ReferenceFactory(key="wikipedia-mg-citrate")
    url = reverse("admin:comparisons_magnesiumcompound_change", args=[citrate.pk])
    page = staff_client.get(url).content.decode()
    assert 'name="preparations-TOTAL_FORMS"' in page

    data = {
        name: value
        for name, value in model_to_dict(citrate).items()
        if value is not None and name not in {"id", "published_at", "body_html", "citations"}
    }
    for name in ["uses", "elemental_refs", "bioavailability_refs", "dose_refs", "cautions_refs"]:
        data[name] = [str(obj.pk) for obj in data.get(name, [])]
    published = timezone.localtime(citrate.published_at)
    data |= {
        "published_at_0": published.strftime("%Y-%m-%d"),
        "published_at_1": published.strftime("%H:%M:%S"),
        "edit_token_seen": str(citrate.edit_token),
        "change_note": "Added the laxative solution.",
        "salts-TOTAL_FORMS": "0",
        "salts-INITIAL_FORMS": "0",
        "preparations-TOTAL_FORMS": "1",
        "preparations-INITIAL_FORMS": "0",
        "preparations-0-name": "Oral solution",
        "preparations-0-slug": "oral-solution",
        "preparations-0-route": "oral",
        "preparations-0-use": "A laxative, by the label.",
        "preparations-0-tolerance": "",
        "preparations-0-cautions": "Not with kidney disease.",
        "preparations-0-position": "0",
        "preparations-0-refs": [str(ref.pk)],
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    preparation = citrate.preparations.get()
    assert (preparation.name, preparation.route) == ("Oral solution", "oral")
    assert list(preparation.refs.all()) == [ref]

    # A second preparation with an unknown route is refused, with the field named.
    data |= {
        "preparations-TOTAL_FORMS": "2",
        "preparations-INITIAL_FORMS": "1",
        "preparations-0-id": str(preparation.pk),
        "preparations-0-compound": str(citrate.pk),
        "preparations-1-name": "Nasal spray",
        "preparations-1-slug": "nasal-spray",
        "preparations-1-route": "nasal",
        "preparations-1-use": "Sprayed.",
        "preparations-1-position": "1",
        "edit_token_seen": str(MagnesiumCompound.objects.get(pk=citrate.pk).edit_token),
    }
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert citrate.preparations.count() == 1


# ---- starter data ----

PREPARATIONS = """
[[preparation]]
form = "magnesium-glycinate"
slug = "tablets"
name = "Tablets"
route = "oral"
use = "Swallowed."
refs = ["fnb-1997"]

[[preparation]]
form = "magnesium-glycinate"
slug = "cream"
name = "Cream"
route = "topical"
use = "Rubbed in; uptake unproven."
cautions = "Not on broken skin."
"""


def write(tmp_path, text: str):
    path = tmp_path / "preparations.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_starter_preparations_load_in_order_with_their_sources(tmp_path):
    glycinate = MagnesiumCompoundFactory(slug="magnesium-glycinate")
    ReferenceFactory(key="fnb-1997")
    comparisons_loader.load_preparations(StarterLoader(), write(tmp_path, PREPARATIONS))
    tablets, cream = glycinate.preparations.all()
    assert (tablets.name, tablets.position, cream.name, cream.position) == (
        "Tablets",
        0,
        "Cream",
        1,
    )
    assert [ref.key for ref in tablets.refs.all()] == ["fnb-1997"]
    assert cream.cautions == "Not on broken skin."
    assert glycinate.routes() == ["oral", "topical"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('route = "topical"', 'route = "nasal"', "unknown route 'nasal'"),
        ('form = "magnesium-glycinate"\nslug = "cream"', 'form = "nope"\nslug = "cream"', "nope"),
        ('slug = "cream"', 'slug = "tablets"', "appears twice"),
        ('use = "Swallowed."', "", "missing 'use'"),
    ],
)
def test_a_bad_preparations_file_is_a_clear_error_and_writes_nothing(tmp_path, old, new, message):
    MagnesiumCompoundFactory(slug="magnesium-glycinate")
    ReferenceFactory(key="fnb-1997")
    path = write(tmp_path, PREPARATIONS.replace(old, new))
    with pytest.raises(StarterContentError, match=message):
        comparisons_loader.load_preparations(StarterLoader(), path)
    assert not Preparation.objects.exists()


def test_every_starter_form_has_sourced_preparations_and_topical_ones_say_who_should_not(client):
    load_starter_content()
    for compound in MagnesiumCompound.objects.all():
        preparations = list(compound.preparations.all())
        assert preparations, compound.slug
        for preparation in preparations:
            assert preparation.refs.exists(), preparation
    topical = Preparation.objects.filter(route="topical")
    assert {p.compound.slug for p in topical} == {"magnesium-chloride", "magnesium-sulfate"}
    for preparation in topical:
        # Skin uptake is unproven, and the sources the site uses say so.
        assert "unproven" in preparation.use or "not been shown" in preparation.use, preparation
        assert {"grober-2017", "kass-2017"} <= set(preparation.refs.values_list("key", flat=True))
        assert "skin" in preparation.cautions, preparation
    for soak in topical.filter(slug__in=["bath-soak", "bath-flakes"]):
        assert "diabetes" in soak.cautions and "warm, " in soak.cautions
    assert set(
        Preparation.objects.filter(compound__slug="magnesium-sulfate").values_list(
            "route", flat=True
        )
    ) == {"oral", "topical"}
    slugs = table_slugs(client.get("/forms/?route=topical"))
    assert slugs == ["magnesium-chloride", "magnesium-sulfate"]


def test_topical_vs_oral_comparison_links_to_the_forms_behind_each_column(client):
    load_starter_content()
    html = client.get("/compare/topical-vs-oral/").content.decode()
    assert 'href="/forms/?route=topical"' in html
    assert 'href="/forms/?route=oral"' in html
    assert 'href="/forms/magnesium-chloride/"' in html
    assert 'href="/forms/magnesium-sulfate/"' in html
