"""What the starter forms, preparations and comparison table tell readers, held to their sources
(docs/fact-check.md): each test reads a page as a reader sees it after `load_content`."""

import pytest
from django.utils import timezone

import feedback.loader
from articles.loader import read_toml
from comparisons.models import MagnesiumCompound
from interactions.models import Medicine
from tests.helpers import visible_text
from tests.starter_corrections import of_app, still_wrong
from tests.starter_corrections.sixth_review import ORAL_FORMS

pytestmark = pytest.mark.usefixtures("starter_content")


def test_topical_vs_oral_table_states_the_kidney_risk_the_way_its_source_does(client):
    # Van Laecke 2023: overload occurs "almost uniformly" in severe kidney failure exposed to
    # magnesium. That is not the same as overload occurring almost only then: very large
    # laxative or antacid doses have caused it with healthy kidneys too (ODS), as the safety
    # guide says.
    text = visible_text(client.get("/compare/topical-vs-oral/"))
    assert "in severe kidney failure, magnesium supplements, laxatives or antacids almost" in text
    assert "almost only when failing kidneys" not in text


def test_taurate_gives_its_magnesium_one_way_and_no_unsourced_limit(client):
    # The 3.3 g "limit" for taurate was a Wikipedia editor's own approximation, with no source
    # (and it is not in research/facts.md); the 350 mg upper limit is the one with a source.
    text = visible_text(client.get("/forms/magnesium-taurate/"))
    assert "about 1,120 mg of taurate holds 100 mg" in text
    assert "1,121" not in text
    assert "3.3 g" not in text and "300 mg of magnesium" not in text
    assert "350 mg" in text


def test_forms_without_tolerability_trials_are_not_called_well_tolerated(client):
    # No trial compares glycinate's or threonate's tolerability with other forms; the site
    # says what is known (not on the NIH's list of forms most often causing diarrhoea).
    for slug in ("magnesium-glycinate", "magnesium-l-threonate"):
        text = visible_text(client.get(f"/forms/{slug}/")).lower()
        assert "well tolerated" not in text, slug
        # Said by the record (threonate) or by the tolerance box's meaning (glycinate).
        assert (
            "not among the forms most often reported to cause diarrhoea" in text
            or "does not name the form among those most often reported to cause diarrhoea" in text
        ), slug
    # Nor is glycinate "reputed to be gentle": the record says what the NIH list says.
    text = visible_text(client.get("/forms/magnesium-glycinate/"))
    assert "gentle on the stomach" not in text


def test_milk_of_magnesia_gives_the_childrens_limits_next_to_the_adult_one(client):
    # The 350 mg upper limit is for ages 9 and over (FNB 1997); milk of magnesia is a product
    # parents reach for, so its page names the far lower limits for young children.
    text = visible_text(client.get("/forms/magnesium-hydroxide/"))
    assert "350 mg from the age of 9, but only 65 mg at 1 to 3 years and 110 mg at 4 to 8" in text
    assert "Dietary Reference Intakes" in text  # the source of those limits is cited


def test_skin_preparations_do_not_report_a_rise_the_cream_trial_did_not_show(client):
    # Kass 2017: serum magnesium 0.82 to 0.89 mmol/L, p = 0.29; significant only in a subgroup.
    for slug in ("magnesium-sulfate", "magnesium-chloride"):
        text = visible_text(client.get(f"/forms/{slug}/"))
        assert "slight rise" not in text, slug
        assert (
            "found no significant rise in blood magnesium overall, only in one subgroup" in text
        ), slug


def test_orotate_page_gives_the_compound_needed_for_200_mg_one_way(client):
    # 200 / 0.072 = 2,778 mg: the dose note, the body and the tablets' use all say 2.8 g.
    text = visible_text(client.get("/forms/magnesium-orotate/"))
    assert "close to 3 g" not in text
    assert text.count("roughly 2.8 g") == 3


def test_form_records_state_what_the_review_corrected(client):
    assert not still_wrong(client, of_app("comparisons"))


def test_threonate_dose_is_called_the_makers_suggestion_wherever_it_is_shown(client):
    # 144 mg is what the maker's suggested 2,000 mg of compound holds, by the maker's own
    # figure (nutridetector-threonate); not a dose trials established: the table, the compare
    # view, the form's page and the open data say so, and none calls it a typical dose. It read
    # 166 mg alone, the formula's figure beside the maker's name (the seventh review), then
    # 144 to 166 mg, one amount worked out two ways as if it were a range (the twelfth).
    table = visible_text(client.get("/forms/", {"q": "threonate"}))
    assert "144 mg a day maker's suggested amount" in table
    compare = visible_text(
        client.get("/forms/compare/", {"forms": "magnesium-l-threonate,magnesium-glycinate"})
    )
    assert (
        "144 mg elemental a day: the maker's suggested amount, not a dose established "
        "by trials" in compare
    )
    assert compare.count("not a dose established by trials") == 1  # glycinate's is typical
    page = visible_text(client.get("/forms/magnesium-l-threonate/"))
    assert "Maker's suggested amount 144 mg of elemental magnesium a day" in page
    assert "166 mg" in page  # the formula's figure, named as such in the note
    assert "Typical dose" not in page
    rows = {row["slug"]: row for row in client.get("/forms.json").json()}
    assert rows["magnesium-l-threonate"]["dose_basis"] == "maker"
    assert {row["dose_basis"] for slug, row in rows.items() if "threonate" not in slug} <= {
        "typical",
        None,
    }


@pytest.mark.parametrize(
    "url",
    [
        "/forms/",
        "/forms/compare/?forms=magnesium-glycinate,magnesium-citrate",
        "/forms/magnesium-glycinate/",
        "/forms/magnesium-citrate/",
    ],
)
def test_dose_advice_names_kidney_disease(client, url):
    """The table and the compare page said it beside the doses; a form's page, where readers
    with kidney disease read a dose, said it only thousands of pixels further down."""
    text = visible_text(client.get(url))
    if not url.startswith("/forms/magnesium-"):
        assert "with kidney disease take magnesium only on a doctor's advice" in text
        return
    dose = text[text.index("Typical dose") :]
    kidney = "With kidney disease, take magnesium only on a doctor's advice (see kidneys and "
    assert dose.index(kidney + "magnesium in our safety guide).") < dose.index("In pregnancy")
    html = client.get(url).content.decode()
    guide = "/articles/using-magnesium-safely/#kidney-disease-the-most-important-caution"
    assert f'href="{guide}"' in html
    # The section it links to is there.
    page, anchor = guide.split("#")
    assert f'id="{anchor}"' in client.get(page).content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/forms/",
        "/forms/compare/?forms=magnesium-glycinate,magnesium-citrate",
        "/forms/magnesium-glycinate/",
        "/forms/magnesium-l-threonate/",
    ],
)
def test_dose_advice_names_pregnancy_and_breastfeeding(client, url):
    # The upper limit stays 350 mg in pregnancy and lactation (FNB 1997); wherever a dose is
    # given, the safety guide's advice goes with it: only with the doctor's or midwife's
    # agreement.
    text = visible_text(client.get(url))
    assert (
        "In pregnancy or while breastfeeding, take a supplement only with your doctor's or "
        "midwife's agreement, as our safety guide explains." in text
    )
    html = client.get(url).content.decode()
    assert 'href="/articles/using-magnesium-safely/#migraine-doses-pregnancy-and-vitamin-d"' in html
    guide = visible_text(client.get("/articles/using-magnesium-safely/"))
    assert "Take supplements only with your doctor's or midwife's agreement." in guide


def test_oral_forms_give_the_medicines_pages_gaps_and_cite_their_labels(client):
    # The thirteenth review: the cautions said "at least 2 hours" for bisphosphonates and
    # "ask your pharmacist how to time them" for levothyroxine and digoxin, while /interactions/
    # and the calculator's timeline keep all three 4 hours from magnesium. The hours in the
    # cautions are the medicines entries' own, and the labels they rest on are cited.
    hours = {
        m.slug: (m.before_hours, m.after_hours)
        for m in Medicine.objects.filter(slug__in=["bisphosphonates", "levothyroxine", "digoxin"])
    }
    assert hours == dict.fromkeys(["bisphosphonates", "levothyroxine", "digoxin"], (4, 4))
    for form in ORAL_FORMS:
        response = client.get(f"/forms/magnesium-{form}/")
        page, text = response.content.decode(), visible_text(response)
        cautions = page[page.index("<strong>Cautions.</strong>") : page.index("</aside>")]
        assert "at least 2 hours apart (one UK label says 3 to 4; our timeline uses 4)" in text
        assert "keep them about 4 hours apart" in text and "ask your pharmacist" in text
        assert "tell its prescriber before you start or stop magnesium" in text
        assert "how to time them" not in text, form
        for label in (
            "US prescribing information, sections 2 and 7",  # levothyroxine-label
            "(emc product 2678)",  # uk-smpc-magnesium: 3 to 4 hours, digoxin toxicity
        ):
            assert label in cautions, (form, label)


def test_oral_forms_say_the_thyroid_gap_is_the_labels_for_antacids(client):
    # The fourteenth review: the cautions said no label gives levothyroxine or digoxin a gap
    # for magnesium, but the US levothyroxine label keeps it 4 hours from antacids, magnesium
    # antacids among them. The cautions say so, cite the FDA's page, and keep digoxin's "no
    # label gives a gap", in a sentence no longer than before.
    for form in ORAL_FORMS:
        response = client.get(f"/forms/magnesium-{form}/")
        page, text = response.content.decode(), visible_text(response)
        cautions = page[page.index("<strong>Cautions.</strong>") : page.index("</aside>")]
        assert "keep them about 4 hours apart (a thyroid label's antacid gap)" in text, form
        assert "No label gives digoxin a gap" in text
        assert "no label gives either its own gap" not in text
        start = text.index("Magnesium can cut the absorption of thyroid tablets")
        end = text.index("start or stop magnesium.", start) + len("start or stop magnesium.")
        assert end - start <= 253  # the sentence's length before, without the space before it
        assert "safety labeling changes approved by FDA, April 2008" in cautions, form


def test_each_form_gives_the_date_of_the_latest_review_that_changed_it(client):
    # The fifteenth review: the forms' pages gave no review date, while their lists of changes
    # said they were reviewed on 6, 7 or 8 December 2026. Each page now gives the date of the
    # latest of its change notes, never one to come, and the next review a year later.
    latest = {}
    for note in read_toml(feedback.loader.NOTES)["note"]:
        if note["model"] == "comparisons.magnesiumcompound":
            latest[note["key"]] = max(note["date"], latest.get(note["key"], note["date"]))
    forms = MagnesiumCompound.objects.all()
    assert {form.slug for form in forms} <= set(latest)
    for form in forms:
        last = form.last_reviewed
        assert last == latest[form.slug] <= timezone.localdate(), form.slug
        assert form.next_review_due == last.replace(year=last.year + 1), form.slug
        page = client.get(form.get_absolute_url()).content.decode()
        shown = f'<time datetime="{last.isoformat()}">{last.day} {last:%b %Y}</time>'
        assert f"<dt>Last reviewed</dt><dd>{shown}" in page, form.slug


def test_epsom_salt_and_the_topical_vs_oral_table_give_the_medicines_gaps(client):
    # The fifteenth review: Epsom salt's cautions said only "ask a pharmacist or doctor first"
    # of levothyroxine and digoxin and left out bisphosphonates; the table said "ask your
    # pharmacist how to time them" and named bisphosphonates among medicines that "need
    # spacing". Both now give the medicines entries' gaps, for magnesium by mouth, and cite the
    # labels they rest on; nothing gives a gap for magnesium on the skin.
    hours = {
        m.slug: (m.before_hours, m.after_hours)
        for m in Medicine.objects.filter(slug__in=["bisphosphonates", "levothyroxine", "digoxin"])
    }
    assert hours == dict.fromkeys(["bisphosphonates", "levothyroxine", "digoxin"], (4, 4))
    labels = (
        "safety labeling changes approved by FDA, April 2008",  # fda-synthroid-2008
        "US prescribing information, sections 2 and 7",  # levothyroxine-label
        "(emc product 2678)",  # uk-smpc-magnesium: 3 to 4 hours, digoxin toxicity
    )

    response = client.get("/forms/magnesium-sulfate/")
    page, text = response.content.decode(), visible_text(response)
    cautions = page[page.index("<strong>Cautions.</strong>") : page.index("</aside>")]
    gaps = text[text.index("By mouth, magnesium can cut the absorption of some medicines.") :]
    assert "Keep bisphosphonates at least 2 hours apart (one UK label says 3 to 4; our " in gaps
    assert "Keep thyroid tablets (levothyroxine) and digoxin about 4 hours apart" in gaps
    assert "No label gives digoxin a gap: tell its prescriber before you start or stop" in gaps
    for label in labels:
        assert label in cautions, label

    response = client.get("/compare/topical-vs-oral/")
    page, text = response.content.decode(), visible_text(response)
    careful = text[text.index("Who should be careful") :]
    skin, mouth = careful.split("People with kidney disease: in severe kidney failure")
    assert "hour" not in skin
    assert "People taking bisphosphonates: keep them at least 2 hours apart from magnesium" in mouth
    assert "so keep them about 4 hours apart and ask your pharmacist" in mouth
    assert "tell the doctor who prescribes it before you start or stop magnesium" in mouth
    assert "how to time them" not in mouth
    for label in labels:
        assert label in page, label  # cited in the row, so in the list of sources
