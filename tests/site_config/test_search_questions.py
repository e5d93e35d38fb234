"""What readers ask search: medicines by any name, forms and amounts, questions, other
spellings and misspellings."""

import re

import pytest

from site_config.search import clean_query
from tests.factories import ArticleFactory, TopicFactory
from tests.helpers import load_starter_content, visible_text

pytestmark = pytest.mark.django_db


def test_search_finds_a_medicine_by_any_of_its_names(client):
    from tests.interactions.factories import MedicineFactory

    MedicineFactory(
        name="Quinolone antibiotics",
        slug="quinolones",
        aliases=["ciprofloxacin", "Cipro"],
        summary="Take the antibiotic 2 hours before or 6 hours after magnesium.",
    )
    for query in ["cipro", "CIPROFLOXACIN", "quinolone", "magnesium cípro"]:
        html = client.get("/search/", {"q": query}).content.decode()
        assert "Medicines and magnesium" in html, query
        assert 'href="/interactions/quinolones/"' in html, query
        assert "6 hours after magnesium" in html, query
    assert "/interactions/quinolones/" not in client.get("/search/?q=ci").content.decode()


def test_a_search_that_finds_nothing_offers_the_topics(client):
    topic = TopicFactory(name="Topical use", slug="topical-use")
    ArticleFactory(title="Soaks and sprays", body="Magnesium oil on the skin.", topics=[topic])
    html = client.get("/search/", {"q": "zinc lozenges"}).content.decode()
    assert "Nothing matched" in html
    assert 'href="/topics/topical-use/"' in html


def test_a_question_no_page_holds_word_for_word_finds_pages_with_some_of_its_words(client):
    ArticleFactory(title="Soaks and sprays", body="Magnesium oil on the skin.")
    ArticleFactory(title="Night cramps", body="Stretching helps.")
    html = client.get("/search/", {"q": "does magnesium oil spray work vs pills"}).content.decode()
    assert "No page holds every word of" in html
    assert "Soaks and sprays" in html
    assert "Night cramps" not in html
    assert "Nothing matched" not in html


def test_pages_with_more_of_a_questions_words_come_first(client):
    ArticleFactory(title="Oil", body="Magnesium oil.")
    ArticleFactory(title="Oil spray on the skin", body="Magnesium oil spray.")
    html = client.get("/search/", {"q": "oil spray versus tablets"}).content.decode()
    assert html.index("Oil spray on the skin") < html.index(">Oil<")


def test_words_that_only_ask_a_question_find_nothing_on_their_own(client):
    ArticleFactory(title="What is magnesium", body="How it works and why it matters.")
    html = client.get("/search/", {"q": "what is why zzyzx"}).content.decode()
    assert "Nothing matched" in html


def test_a_search_with_results_does_not_list_the_topics(client):
    topic = TopicFactory(name="Topical use", slug="topical-use")
    ArticleFactory(title="Soaks and sprays", body="Magnesium oil on the skin.", topics=[topic])
    html = client.get("/search/", {"q": "oil"}).content.decode()
    assert "Soaks and sprays" in html
    assert "Or start from a topic" not in html


def test_searching_for_chemotherapy_nerve_damage_finds_the_burning_feet_guide(client):
    load_starter_content()
    html = client.get("/search/", {"q": "chemotherapy neuropathy"}).content.decode()
    assert 'href="/articles/burning-feet-and-neuropathic-pain/' in html  # at a section, or its top
    page = client.get("/articles/burning-feet-and-neuropathic-pain/").content.decode()
    assert "tell your cancer team before you add magnesium" in page


def test_a_medicine_named_by_one_word_does_not_hide_pages_holding_the_others(client):
    from tests.interactions.factories import MedicineFactory

    MedicineFactory(name="Penicillamine", slug="penicillamine", aliases=["Cuprimine"])
    ArticleFactory(title="Epsom salt soaks", body="A bath of Epsom salt.")
    html = client.get("/search/", {"q": "how much is in a cup of epsom salt"}).content.decode()
    assert "Epsom salt soaks" in html
    assert 'href="/interactions/penicillamine/"' in html
    assert "No page holds every word of" in html


def test_words_that_only_ask_are_left_out_of_the_search():
    assert clean_query("How much is in a cup of Epsom salt?")[1] == ["cup", "epsom", "salt"]
    assert clean_query("what is")[1] == []
    # As PostgreSQL's English stop words leave it out, so does the SQLite fallback.
    assert clean_query("can I take magnesium while pregnant")[1] == [
        "take",
        "magnesium",
        "pregnant",
    ]


def test_an_amount_is_searched_as_pages_write_it():
    assert clean_query("glycinate 500mg")[1] == ["glycinate", "500", "mg"]
    assert clean_query("vitamin B12")[1] == ["vitamin", "b12"]


def test_a_search_naming_a_form_and_an_amount_offers_the_calculator(client):
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(
        name="Magnesium sulfate (Epsom salt)", slug="magnesium-sulfate", other_names="Epsom salt"
    )
    MagnesiumCompoundFactory(name="Magnesium glycinate", slug="magnesium-glycinate")
    html = client.get("/search/", {"q": "epsom salt 250mg"}).content.decode()
    assert "How much magnesium is in 250&nbsp;mg of Magnesium sulfate (Epsom salt)?" in html
    assert 'href="/calculator/?form=magnesium-sulfate&amp;mg=250"' in html
    assert "of Magnesium glycinate?" not in html
    assert "How much magnesium is in" not in client.get("/search/?q=epsom+salt").content.decode()


@pytest.mark.parametrize(
    "query, mg",
    [
        ("glycinate 500", "500"),
        ("500 magnesium glycinate", "500"),
        ("how much magnesium is in magnesium glycinate 400?", "400"),
        ("glycinate 1,000 mg", "1000"),  # the calculator was offered "000"
        ("glycinate 1,000", "1000"),
        ("glycinate 62.5", "62.5"),
        # Grams, as the calculator reads them.
        ("glycinate 2 g", "2000"),
        ("1.5g glycinate", "1500"),
        ("2 grams of magnesium glycinate", "2000"),
        # No number next to the name that can only be milligrams, or none the calculator takes.
        ("glycinate 2 hours apart", None),
        ("glycinate 120 capsules", None),
        ("glycinate b12 500", None),
        ("glycinate study 2024 results", None),
        ("glycinate 0 mg", None),
        ("glycinate 60000", None),
        # 1 mg or 1,000 mg as some countries write a thousand: the calculator asks which.
        ("glycinate 1.000", None),
        # Under 10 without a unit: the calculator asks whether it was grams.
        ("glycinate 0.5", None),
        ("glycinate 5", None),
    ],
)
def test_a_number_next_to_a_forms_name_offers_the_calculator_where_it_can_only_be_mg(
    client, query, mg
):
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(name="Magnesium glycinate", slug="magnesium-glycinate")
    html = client.get("/search/", {"q": query}).content.decode()
    if mg:
        assert f"How much magnesium is in {mg}&nbsp;mg of Magnesium glycinate?" in html
        assert f'href="/calculator/?form=magnesium-glycinate&amp;mg={mg}"' in html
    else:
        assert "How much magnesium is in" not in html


def test_a_small_amount_with_its_unit_is_offered_with_its_unit_so_the_calculator_reads_it(
    client,
):
    """The calculator asks about a number under 10 without its unit; "glycinate 5 mg" was
    offered a link without it, which the calculator then questioned."""
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(name="Magnesium glycinate", slug="magnesium-glycinate")
    html = client.get("/search/", {"q": "glycinate 5 mg"}).content.decode()
    assert "How much magnesium is in 5&nbsp;mg of Magnesium glycinate?" in html
    link = "/calculator/?form=magnesium-glycinate&mg=5+mg"
    assert f'href="{link.replace("&", "&amp;")}"' in html
    answer = visible_text(client.get(link))
    assert "very little for a label" not in answer
    assert "of elemental magnesium a day" in answer


def test_a_search_naming_two_to_four_forms_offers_them_side_by_side(client):
    """ "magnesium oxide vs citrate" asks what the compare page answers, in its order."""
    from tests.factories import MagnesiumCompoundFactory

    for name in ("citrate", "oxide", "glycinate", "malate", "taurate"):
        MagnesiumCompoundFactory(name=f"Magnesium {name}", slug=f"magnesium-{name}")
    html = client.get("/search/", {"q": "magnesium oxide vs citrate"}).content.decode()
    assert (
        '<a href="/forms/compare/?forms=magnesium-oxide,magnesium-citrate">'
        "Magnesium oxide and Magnesium citrate</a>"
    ) in html
    for query in ("citrate", "citrate oxide glycinate malate taurate"):
        assert "Compare side by side" not in client.get("/search/", {"q": query}).content.decode()


def test_a_name_inside_another_forms_longer_name_does_not_name_that_form(client):
    """ "Milk of magnesia" is magnesium hydroxide; "magnesia" alone is the oxide."""
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(
        name="Magnesium hydroxide", slug="magnesium-hydroxide", other_names="milk of magnesia"
    )
    MagnesiumCompoundFactory(name="Magnesium oxide", slug="magnesium-oxide", other_names="magnesia")
    html = client.get("/search/", {"q": "milk of magnesia 400 mg"}).content.decode()
    assert "of Magnesium hydroxide?" in html
    assert "of Magnesium oxide?" not in html
    html = client.get("/search/", {"q": "magnesia 400 mg"}).content.decode()
    assert "of Magnesium oxide?" in html


def test_a_medicine_named_outright_comes_before_the_articles_that_mention_it(client):
    """Its own page holds the answer (the rule, the picture of the day, the source); on a
    phone the articles above it pushed it screens down."""
    from tests.interactions.factories import MedicineFactory

    MedicineFactory(name="Levothyroxine", slug="levothyroxine", drug_class="Thyroid hormone")
    ArticleFactory(title="Using magnesium safely", body="Space it from levothyroxine.")
    html = client.get("/search/", {"q": "magnesium and levothyroxine"}).content.decode()
    assert html.index('href="/interactions/levothyroxine/"') < html.index("Using magnesium safely")


def test_a_form_named_outright_comes_before_the_articles_that_mention_it(client):
    """ "glycinate dose": the form's page gives the dose with its sources; on a phone the
    articles above it pushed it screens down. Other forms that mention it come after it."""
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(
        name="Magnesium glycinate", slug="magnesium-glycinate", dose_note="Split the dose."
    )
    MagnesiumCompoundFactory(
        name="Magnesium aspartate", slug="magnesium-aspartate", body="Unlike glycinate, dose..."
    )
    ArticleFactory(title="A glycinate dose guide", body="The glycinate dose, in detail.")
    html = client.get("/search/", {"q": "glycinate dose"}).content.decode()
    glycinate = html.index('href="/forms/magnesium-glycinate/"')
    assert glycinate < html.index('href="/forms/magnesium-aspartate/"')
    assert glycinate < html.index("A glycinate dose guide")


def test_a_form_named_outright_is_found_without_the_other_words(client):
    """ "citrate side effects": the citrate page gives its tolerance and cautions, in words
    other than "side effects". It is the first form listed, above another form's page that
    holds every word, but it does not lead the articles that hold them all."""
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(
        name="Magnesium citrate", slug="magnesium-citrate", side_effects="Loose stools."
    )
    MagnesiumCompoundFactory(
        name="Magnesium oxide", slug="magnesium-oxide", body="Side effects, like citrate's."
    )
    MagnesiumCompoundFactory(name="Magnesium taurate", slug="magnesium-taurate")
    ArticleFactory(title="Using magnesium safely", body="Citrate has side effects.")
    html = client.get("/search/", {"q": "citrate side effects"}).content.decode()
    assert "No page holds every word" not in html
    citrate = html.index('href="/forms/magnesium-citrate/"')
    assert html.index("Using magnesium safely") < citrate
    assert citrate < html.index('href="/forms/magnesium-oxide/"')
    assert 'href="/forms/magnesium-taurate/"' not in html


def test_a_medicine_named_outright_comes_before_a_form_named_outright(client):
    """ "glycinate and gabapentin" asks when to take them apart: the medicine's rule."""
    from tests.factories import MagnesiumCompoundFactory
    from tests.interactions.factories import MedicineFactory

    MagnesiumCompoundFactory(
        name="Magnesium glycinate", slug="magnesium-glycinate", body="Space it from gabapentin."
    )
    MedicineFactory(name="Gabapentin", slug="gabapentin")
    html = client.get("/search/", {"q": "glycinate and gabapentin"}).content.decode()
    assert html.index('href="/interactions/gabapentin/"') < html.index(
        'href="/forms/magnesium-glycinate/"'
    )


def test_a_form_a_word_names_does_not_lead_pages_holding_only_some_of_the_words(client):
    """When no page holds every word, no page is plainly about the form one word names
    ("oil" names magnesium chloride): the pages holding the most words stay first."""
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(
        name="Magnesium chloride",
        slug="magnesium-chloride",
        other_names="magnesium oil (topical)",
        body="Sold as an oil.",
    )
    ArticleFactory(title="Sprays or pills", body="Magnesium oil spray against pills.")
    html = client.get("/search/", {"q": "does magnesium oil spray work vs pills"}).content.decode()
    assert "No page holds every word" in html
    assert html.index("Sprays or pills") < html.index('href="/forms/magnesium-chloride/"')


@pytest.mark.parametrize(
    "query, slugs",
    [
        ("antibiotics", ["quinolones", "tetracyclines"]),
        ("magnesium antibiotic", ["quinolones", "tetracyclines"]),
        ("diuretics", ["loop-diuretics"]),
        ("thyroid tablets", ["levothyroxine"]),
        ("water tablets", ["loop-diuretics"]),
    ],
)
def test_search_finds_medicines_by_their_kind(client, query, slugs):
    """Readers who say what the medicine is for, not its name, still reach its rule."""
    from tests.interactions.factories import MedicineFactory

    MedicineFactory(name="Quinolone antibiotics", slug="quinolones", drug_class="Antibiotic")
    MedicineFactory(name="Tetracycline antibiotics", slug="tetracyclines", drug_class="Antibiotic")
    MedicineFactory(
        name="Loop diuretics", slug="loop-diuretics", drug_class="Diuretic (water tablet)"
    )
    MedicineFactory(name="Levothyroxine", slug="levothyroxine", drug_class="Thyroid hormone")
    html = client.get("/search/", {"q": query}).content.decode()
    found = sorted(set(re.findall(r'href="/interactions/([\w-]+)/"', html)))
    assert found == slugs


def test_a_search_that_finds_nothing_says_a_medicine_not_listed_is_not_safe_by_default(client):
    html = client.get("/search/", {"q": "amlodipine"}).content.decode()
    assert "If “amlodipine” is a medicine, it is not on" in html
    assert "That does not make it safe to take with magnesium: ask your pharmacist." in html


def test_a_food_is_found_when_the_search_says_magnesium_too(client):
    """Readers ask "how much magnesium in almonds"; the foods table never says "magnesium"
    in a row, so asking for that word too lost the food."""
    from tests.factories import FoodFactory

    FoodFactory(name="Almonds, dry roasted", mg=80)
    ArticleFactory(title="Magnesium in food", body="Almonds and magnesium.")
    html = client.get("/search/", {"q": "how much magnesium in almonds"}).content.decode()
    assert "Almonds, dry roasted" in html
    assert "80 mg" in html
    assert "Magnesium in food" in html
    assert "No page holds every word" not in html


def test_a_food_is_not_found_by_the_word_a_search_names_a_form_with(client):
    """ "magnesium oil" listed "Peanuts, oil roasted": the search names the oil (magnesium
    chloride), and a food sharing only the word "oil" with it answers nothing asked. A food
    named by its other words is still found, beside the form."""
    from tests.factories import FoodFactory, MagnesiumCompoundFactory

    MagnesiumCompoundFactory(
        name="Magnesium chloride",
        slug="magnesium-chloride",
        other_names="magnesium flakes\nmagnesium oil (topical)",
    )
    FoodFactory(name="Peanuts, oil roasted", mg=50)
    for query in ["magnesium oil", "is magnesium oil any good", "magnesium flakes", "oil"]:
        html = client.get("/search/", {"q": query}).content.decode()
        assert 'href="/forms/magnesium-chloride/"' in html, query
        assert "Peanuts, oil roasted" not in html, query
    html = client.get("/search/", {"q": "oil roasted peanuts"}).content.decode()
    assert "Peanuts, oil roasted" in html
    assert "Peanuts, oil roasted" in client.get("/search/", {"q": "peanuts"}).content.decode()


def test_a_food_found_by_search_opens_the_foods_table_at_its_group(client):
    from tests.factories import FoodFactory

    FoodFactory(name="Pumpkin seeds, roasted", group="seeds-nuts", mg=156)
    html = client.get("/search/", {"q": "pumpkin"}).content.decode()
    assert 'href="/foods/?group=seeds-nuts#foods-filter"' in html
    assert 'id="foods-filter"' in client.get("/foods/?group=seeds-nuts").content.decode()


def test_words_that_weigh_up_a_form_do_not_hide_its_page(client):
    """ "Is magnesium oxide any good?" is a question about oxide: its page need not say
    "good" (it says "poorly absorbed")."""
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(
        name="Magnesium oxide", slug="magnesium-oxide", summary="Poorly absorbed.", body="Cheap."
    )
    html = client.get("/search/", {"q": "is magnesium oxide any good"}).content.decode()
    assert 'href="/forms/magnesium-oxide/"' in html
    assert clean_query("best magnesium for sleep")[1] == ["magnesium", "sleep"]
    assert clean_query("is an epsom soak worth it")[1] == ["epsom", "soak"]


def test_a_forms_dose_and_side_effects_are_searched(client):
    """ "glycinate dose": the form's page gives its dose in "At a glance", not in its body."""
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(
        name="Magnesium glycinate", dose_note="Split doses.", side_effects="Loose stools."
    )
    # A page holding every word, so the form is not found only among pages holding some.
    ArticleFactory(title="Glycinate in practice", body="The dose of glycinate; loose stools.")
    for query in ["glycinate dose", "glycinate loose stools"]:
        html = client.get("/search/", {"q": query}).content.decode()
        assert "/forms/magnesium-form-" in html, query
        assert "No page holds every word" not in html


@pytest.mark.parametrize("query", ["magnesium while pregnant", "ckd", "dialysis"])
def test_pregnancy_and_kidney_searches_find_the_safety_guide(client, query):
    """Readers type "pregnant" and "CKD"; the guide said only "pregnancy" and "chronic
    kidney disease" (PostgreSQL stems "pregnant" and "pregnancy" apart)."""
    load_starter_content()
    html = client.get("/search/", {"q": query}).content.decode()
    assert 'href="/articles/using-magnesium-safely/' in html  # at a section, or its top
    assert "No page holds every word" not in html


@pytest.mark.parametrize(
    "query, shown",
    [
        ("magnesium before bed", "before bed"),
        ("best time to take magnesium", "Morning or night?"),
        ("morning or night", "Morning or night?"),
    ],
)
def test_questions_of_when_to_take_it_find_the_safety_guides_answer_first(client, query, shown):
    """No page said when in the day to take magnesium: "magnesium before bed" found nothing
    on PostgreSQL, and pages saying "absorbed" on SQLite."""
    load_starter_content()
    html = client.get("/search/", {"q": query}).content.decode()
    results = html.split('class="search-hits"', 1)[1]
    first = results.split("<li", 2)[1]
    assert 'href="/articles/using-magnesium-safely/' in first  # at a section, or its top
    assert shown in first


def test_the_safety_guides_pregnancy_advice_is_sourced_and_named_in_its_contents(client):
    load_starter_content()
    html = client.get("/articles/using-magnesium-safely/").content.decode()
    contents = html.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    assert "pregnancy" in contents
    advice = html.split("<strong>Pregnancy and breastfeeding.</strong>", 1)[1].split("</li>", 1)[0]
    assert 'class="cite"' in advice


def test_a_misspelt_search_offers_the_spelling_the_site_uses(client):
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(name="Magnesium glycinate", slug="magnesium-glycinate")
    ArticleFactory(title="Sleep and magnesium", body="Glycine may calm.")
    for query, fixed in [
        ("glycinte", "glycinate"),
        ("magnisium glycinate for sleep", "magnesium glycinate for sleep"),
    ]:
        html = client.get("/search/", {"q": query}).content.decode()
        assert f'Did you mean <a href="/search/?q={fixed.replace(" ", "%20")}">{fixed}</a>?' in html
    # A word the pages hold is not a mistake, however close to a name it is.
    assert "Did you mean" not in client.get("/search/", {"q": "glycine zzzz"}).content.decode()
    # Nor is one on a search that found pages holding every word.
    assert "Did you mean" not in client.get("/search/", {"q": "glycinate"}).content.decode()


def test_of_two_near_names_the_one_the_site_uses_far_more_is_offered(client):
    """ "magnesio" (Spanish, Italian) is one letter from "magnesia" (milk of magnesia) and two
    from "magnesium", which the site's names use 25 times as often."""
    load_starter_content()
    html = client.get("/search/", {"q": "magnesio"}).content.decode()
    assert 'Did you mean <a href="/search/?q=magnesium">magnesium</a>?' in html
    html = client.get("/search/", {"q": "magnesiun"}).content.decode()
    assert 'Did you mean <a href="/search/?q=magnesium">magnesium</a>?' in html


def test_a_misspelt_everyday_word_or_outcome_is_put_right(client):
    """Readers misspell the words they bring ("insomina"), not only the site's names."""
    from tests.evidence.factories import OutcomeFactory

    OutcomeFactory(name="Burning feet", description="Its causes range from diabetes to B12.")
    ArticleFactory(title="Sleep", body="For sleep.")
    for query, fixed in [("insomina", "insomnia"), ("diabetis feet", "diabetes feet")]:
        html = client.get("/search/", {"q": query}).content.decode()
        assert f'Did you mean <a href="/search/?q={fixed.replace(" ", "%20")}">{fixed}</a>?' in html


def test_another_medicine_spelt_alike_is_not_offered_as_a_correction(client):
    """ "moxifloxacin" was offered "ofloxacin", whose rule its own label does not follow."""
    from tests.interactions.factories import MedicineFactory

    MedicineFactory(name="Quinolone antibiotics", aliases=["ciprofloxacin", "ofloxacin"])
    html = client.get("/search/", {"q": "moxifloxacin"}).content.decode()
    assert "Nothing matched" in html and "Did you mean" not in html
    html = client.get("/search/", {"q": "oflaxacin"}).content.decode()
    assert 'Did you mean <a href="/search/?q=ofloxacin">ofloxacin</a>?' in html


@pytest.mark.parametrize("query", ["diarrhea", "diarrhoea", "oxide diarrhea"])
def test_a_word_finds_its_other_spelling(client, query):
    """The site writes British English, but labels quoted from US sources say "diarrhea",
    and readers type either."""
    ArticleFactory(title="Oxide and the gut", body="Oxide often causes diarrhoea.")
    ArticleFactory(title="A US label", body="May cause diarrhea.")
    ArticleFactory(title="Sleep", body="Nothing about the gut.")
    html = client.get("/search/", {"q": query}).content.decode()
    assert "Oxide and the gut" in html
    assert ("A US label" in html) == ("oxide" not in query)
    assert "Sleep</a>" not in html
    assert "No page holds every word" not in html


@pytest.mark.parametrize(
    ("query", "found", "count"),
    [
        ("magnesium for kids", "The upper limit is lower for children.", "1 result for"),
        ("magnesium while pregnant", "In pregnancy, ask your midwife.", "2 results for"),
        ("pregnancy", "Pregnant women need more.", "2 results for"),
        ("magnesium pills", "Tablets and capsules.", "1 result for"),
        ("magnesium overdose", "Signs of toxicity.", "1 result for"),
        ("magnesium when anxious", "Living with anxiety.", "1 result for"),
        ("charley horse at night", "Night cramp: what helps.", "1 result for"),
        ("lyrica and magnesium", "Pain medicine: pregabalin.", "1 result for"),
    ],
)
def test_a_word_finds_the_word_the_pages_use_for_the_same_thing(client, query, found, count):
    """ "kids" found nothing, as the pages say "children"; PostgreSQL stems "pregnant" and
    "pregnancy" apart."""
    for body in [
        "The upper limit is lower for children.",
        "In pregnancy, ask your midwife.",
        "Pregnant women need more.",
        "Tablets and capsules.",
        "Signs of toxicity.",
        "Living with anxiety.",
        "Night cramp: what helps.",
        "Pain medicine: pregabalin.",
    ]:
        ArticleFactory(title=body.split()[1].title(), body=body, summary=body)
    html = client.get("/search/", {"q": query}).content.decode()
    assert "No page holds every word" not in html
    assert found in html
    assert count in html


def test_an_outcomes_evidence_page_is_found_by_its_name_and_description(client):
    """The graded evidence answers "does magnesium help with insomnia" better than any
    article that mentions sleep."""
    from tests.evidence.factories import OutcomeFactory

    OutcomeFactory(
        name="Sleep",
        slug="sleep",
        description="Falling asleep sooner, including in people with insomnia.",
    )
    OutcomeFactory(name="Migraine prevention", description="Fewer attacks.")
    html = client.get("/search/", {"q": "magnesium insomnia"}).content.decode()
    assert "Evidence graded by outcome" in html
    assert '<a href="/evidence/sleep/">Sleep</a>' in html
    assert "people with insomnia" in html
    assert "Migraine prevention" not in html


def test_a_medicine_typed_without_its_last_letters_comes_first_but_not_one_of_a_kind(client):
    """ "levothyroxin" means levothyroxine; "nerve" asks about nerves, though gabapentin is a
    nerve pain medicine."""
    from tests.interactions.factories import MedicineFactory

    MedicineFactory(name="Levothyroxine", slug="levothyroxine", drug_class="Thyroid hormone")
    MedicineFactory(name="Gabapentin", slug="gabapentin", drug_class="Nerve pain medicine")
    ArticleFactory(title="Using magnesium safely", body="Space it from levothyroxine. Nerves.")
    html = client.get("/search/", {"q": "levothyroxin"}).content.decode()
    assert html.index('href="/interactions/levothyroxine/"') < html.index("Using magnesium safely")
    html = client.get("/search/", {"q": "nerve"}).content.decode()
    assert html.index("Using magnesium safely") < html.index('href="/interactions/gabapentin/"')


@pytest.mark.parametrize("query", ["cramps", "magnesium for cramp", "Cramps"])
def test_a_topic_the_query_names_leads_the_results(client, query):
    """Its hub gathers every page on it; it came after every article that said the word."""
    topic = TopicFactory(name="Muscle cramps", slug="muscle-cramps", body="Night cramps.")
    for number in range(3):
        ArticleFactory(title=f"Article {number}", body="Cramps, cramps and more cramps.")
    ArticleFactory(title="Cramps at night", body="Cramps.", topics=[topic])
    html = client.get("/search/", {"q": query}).content.decode()
    assert html.index('href="/topics/muscle-cramps/"') < html.index("Article 0"), query


def test_the_water_pills_a_reader_names_are_the_diuretics(client):
    from tests.interactions.factories import MedicineFactory

    MedicineFactory(name="Loop diuretics", slug="loop", drug_class="Diuretic (water tablet)")
    ArticleFactory(title="Soaks", body="Water, and pills that dissolve in it.")
    html = client.get("/search/", {"q": "water pills"}).content.decode()
    assert html.index('href="/interactions/loop/"') < html.index("Soaks")


@pytest.mark.parametrize(
    "query, page_says",
    [("elderly", "older adults"), ("medication", "medicine"), ("dosage", "dose")],
)
def test_an_everyday_word_finds_the_pages_word(client, query, page_says):
    ArticleFactory(title="The answer", body=f"What the {page_says} should be.")
    assert "The answer" in client.get("/search/", {"q": query}).content.decode()


def test_elderly_does_not_find_an_older_study(client):
    ArticleFactory(title="The answer", body="An older study found this.")
    assert "The answer" not in client.get("/search/", {"q": "elderly"}).content.decode()


def test_did_you_mean_offers_only_the_words_that_were_searched(client):
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(name="Magnesium glycinate", slug="magnesium-glycinate")
    words = " ".join(f"word{letter}" for letter in "abcdefghijklmnopqrstuvwxyz")
    html = client.get("/search/", {"q": f"glycinte {words}"}).content.decode()
    assert "Only the first 8 words were used." in html
    fixed = "glycinate worda wordb wordc wordd worde wordf wordg"
    assert f'Did you mean <a href="/search/?q={fixed.replace(" ", "%20")}">{fixed}</a>?' in html


def test_an_invisible_character_inside_a_word_does_not_split_it(client):
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(name="Magnesium glycinate", slug="magnesium-glycinate")
    html = client.get("/search/", {"q": "g\u200blycinate"}).content.decode()
    assert "Did you mean" not in html
    assert 'href="/forms/magnesium-glycinate/"' in html


@pytest.mark.parametrize("query", ["glycinate -5 mg", "glycinate \u22125 mg", "glycinate 5-10 mg"])
def test_a_negative_amount_or_a_range_offers_no_calculator(client, query):
    from tests.factories import MagnesiumCompoundFactory

    MagnesiumCompoundFactory(name="Magnesium glycinate", slug="magnesium-glycinate")
    html = client.get("/search/", {"q": query}).content.decode()
    assert "How much magnesium is in" not in html


def test_hubs_and_evidence_named_by_a_word_are_listed_after_the_pages_holding_every_word(client):
    """ "is magnesium good for anxiety and sleep" listed three pages holding both words, but
    not the Anxiety or Sleep hubs nor the evidence on sleep, which each hold one: a hub or an
    outcome whose name holds a word of the query is what a reader asking it is looking for."""
    from tests.evidence.factories import OutcomeFactory

    TopicFactory(name="Sleep", slug="sleep", summary="Rest at night.")
    TopicFactory(name="Anxiety and stress", slug="anxiety", summary="Worry; sleep too.")
    TopicFactory(name="Migraine", slug="migraine", summary="Headaches.")
    OutcomeFactory(name="Sleep", slug="sleep", description="Falling asleep sooner.")
    OutcomeFactory(name="Migraine prevention", slug="migraine", description="Fewer attacks.")
    ArticleFactory(title="Calm nights", body="Anxiety and sleep.")
    html = client.get("/search/", {"q": "is magnesium good for anxiety and sleep"}).content
    html = html.decode()
    assert "No page holds every word" not in html
    article = html.index(">Calm nights</a>")
    # The hub holding every word comes first of the hubs, then the one named by a word.
    assert article < html.index('href="/topics/anxiety/"') < html.index('href="/topics/sleep/"')
    assert article < html.index('href="/evidence/sleep/"')
    assert "/migraine/" not in html


def test_asking_whether_magnesium_helps_does_not_ask_the_pages_to_say_help(client):
    """ "does magnesium help sleep" lost the evidence on sleep, whose description does not say
    "help"."""
    from tests.evidence.factories import OutcomeFactory

    OutcomeFactory(name="Sleep", slug="sleep", description="Falling asleep sooner.")
    for query in ["does magnesium help sleep", "can magnesium helps sleep", "is it helpful sleep"]:
        html = client.get("/search/", {"q": query}).content.decode()
        assert 'href="/evidence/sleep/"' in html, query
        assert "No page holds every word" not in html, query
    assert clean_query("could or would magnesium help")[1] == ["magnesium"]


@pytest.mark.parametrize("query", ["vegetarian", "vegan", "plant based", "foods for vegans"])
def test_a_plant_diet_is_pointed_to_the_plant_food_groups_of_the_foods_table(client, query):
    """ "vegetarian", "vegan" and "plant based" found nothing, though the foods table lists
    plant foods; it has no filter for a diet, and the line does not claim one."""
    from tests.factories import FoodFactory

    FoodFactory(name="Black beans, cooked", group="legumes", mg=60)
    FoodFactory(name="Halibut, cooked", group="fish-meat", mg=24)
    html = client.get("/search/", {"q": query}).content.decode()
    link = "/foods/?group=seeds-nuts,legumes,grains,vegetables,fruit#foods-filter"
    assert (
        "The foods table has no filter for that, but you can show its plant food groups together: "
        f'<a href="{link}">seeds and nuts, legumes, grains, vegetables and fruit</a>.'
    ) in html
    assert "is a medicine" not in html and "Asking about a medicine?" not in html
    table = client.get(link.split("#")[0])
    assert table.status_code == 200
    assert "Black beans, cooked" in table.content.decode()
    assert "Halibut, cooked" not in table.content.decode()
    assert "plant foods" not in client.get("/search/", {"q": "beans"}).content.decode()
