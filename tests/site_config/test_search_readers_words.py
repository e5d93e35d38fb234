"""Words readers type that the pages spell or say otherwise, and searches about a medicine
that find other pages."""

import re

import pytest

from interactions.models import MedicineAlias
from site_config.medicine_caution import (
    asks_about_medicines,
    has_medicine_ending,
    may_name_a_medicine,
)
from site_config.search import clean_query
from site_config.search_words import variants
from tests.factories import ArticleFactory, TopicFactory
from tests.interactions.factories import MedicineFactory

pytestmark = pytest.mark.django_db


def titles(client, query: str) -> list[str]:
    html = client.get("/search/", {"q": query}).content.decode()
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a><p>', html)


def test_blood_level_words_find_their_other_spelling():
    assert variants("hypermagnesemia") == ("hypermagnesemia", "hypermagnesaemia")
    assert variants("hypomagnesaemia") == ("hypomagnesaemia", "hypomagnesemia")
    assert variants("paediatric") == ("paediatric", "pediatric", "children")
    assert "paediatric" in variants("children") and "kids" in variants("children")


def test_the_safety_and_low_magnesium_pages_answer_either_spelling(client, starter_content):
    safety = "Using magnesium safely: doses, upper limits, interactions and kidney disease"
    assert safety in titles(client, "hypermagnesemia")[:2]
    assert safety in titles(client, "hypermagnesaemia")[:2]
    low = [t for t in titles(client, "hypomagnesaemia")[:3] if "low magnesium" in t.lower()]
    assert low, titles(client, "hypomagnesaemia")
    assert safety in titles(client, "paediatric")


def test_an_accent_does_not_stop_a_search(client, starter_content):
    assert titles(client, "magnésium glycinate")[0] == titles(client, "magnesium glycinate")[0]


def test_insomnia_leads_with_the_sleep_hub(client, starter_content):
    assert titles(client, "insomnia")[0] == "Sleep"


def test_results_without_a_medicine_say_one_not_listed_may_still_interact(client, starter_content):
    caution = "Asking about a medicine? If it is not on"
    assert caution in client.get("/search/", {"q": "metformin"}).content.decode()
    assert caution in client.get("/search/", {"q": "blood thinners"}).content.decode()
    assert caution not in client.get("/search/", {"q": "cipro"}).content.decode()


def test_results_for_the_sites_own_subjects_carry_no_medicine_caution(client, starter_content):
    """Above the results of nearly every search, the caution pushed them down a phone's
    screen and taught readers to skip it."""
    caution = "Asking about a medicine?"
    for query in [
        "glycinate",
        "kidney",
        "cramps",
        "migraines",
        "magnesium for sleep",
        "glycinate 500 mg",
    ]:
        html = client.get("/search/", {"q": query}).content.decode()
        assert "result" in html and caution not in html, query
    # Nor for the words readers with nerve symptoms bring, which no name of a subject holds.
    for query in [
        "insomnia",
        "numb feet",
        "peripheral neuropathy",
        "leg cramps",
        "foot pain",
        "diabetic foot",
        "tingling hands",
        "numbness in toes",
        "soak",
    ]:
        assert caution not in client.get("/search/", {"q": query}).content.decode(), query
    # A word beside them that no name holds may still be a medicine's, as may one that only
    # the pages' text holds ("pregabalin"), and a word for medicines.
    for query in ["sleep zolpidem", "lyrica", "sleeping pills", "anxiety medication"]:
        assert caution in client.get("/search/", {"q": query}).content.decode(), query


def test_a_search_that_found_nothing_names_the_word_not_the_question(client, starter_content):
    html = client.get("/search/", {"q": "ozempic and magnesium"}).content.decode()
    assert "If “ozempic” is a medicine, it is not on" in html


def test_words_of_a_medicines_bracketed_qualifier_do_not_name_it(client, starter_content):
    for query in ["foods high in magnesium", "glycinate dose"]:
        assert "Zinc (high doses)" not in titles(client, query), query
    assert "Zinc (high doses)" in titles(client, "zinc")


def test_a_condition_no_page_names_is_not_answered_as_a_medicine(client, starter_content):
    """ "sciatica" found nothing and was answered "If “sciatica” is a medicine, it is not on
    our list": a nerve condition read as a medicine's name."""
    for query in ["sciatica", "trigeminal neuralgia", "carpal tunnel"]:
        html = client.get("/search/", {"q": query}).content.decode()
        assert "Nothing matched" in html, query
        assert "is a medicine" not in html and "Did you mean" not in html, query
        assert "Or start from a topic" in html, query
    # A name that is no condition and no subject of the site may still be a medicine's.
    html = client.get("/search/", {"q": "ozempic"}).content.decode()
    assert "If “ozempic” is a medicine, it is not on" in html


def test_a_condition_no_page_names_is_said_to_have_no_page_and_nerve_pain_points_to_its_hub(
    client, starter_content
):
    """ "sciatica" said only "Nothing matched" and listed the topics. The site has no page on
    it; sciatica is pain from a nerve, and the nearest page is the hub on nerve pain in
    general, which says nothing of sciatica (nor that magnesium helps it)."""
    nearest = (
        'The nearest it has is on nerve pain in general: <a href="/topics/neuropathic-pain/">'
        "Neuropathic pain</a>."
    )
    for query, condition in [
        ("sciatica", "sciatica"),
        ("magnesium for trigeminal neuralgia", "trigeminal neuralgia"),
    ]:
        html = client.get("/search/", {"q": query}).content.decode()
        assert "Nothing matched" in html, query
        assert f"This site has no page on {condition}. {nearest}" in html, query
    # A condition that is no nerve pain has no page either, and no nearest one.
    html = client.get("/search/", {"q": "tinnitus"}).content.decode()
    assert "This site has no page on tinnitus.</p>" in html
    # Where pages name it, they answer it.
    ArticleFactory(title="Back pain and the nerves", body="Sciatica is pain along a nerve.")
    assert "no page on" not in client.get("/search/", {"q": "sciatica"}).content.decode()


def test_results_for_a_condition_the_pages_mention_carry_no_medicine_caution(
    client, starter_content
):
    """A condition the pages hold is answered by the pages on it, without the caution for
    medicines: "neuropathy" is in a hub's summary, "sciatica" in an article's body."""
    ArticleFactory(title="Back pain and the nerves", body="Sciatica is pain along a nerve.")
    for query in ["sciatica", "neuropathy", "sciatica and magnesium"]:
        html = client.get("/search/", {"q": query}).content.decode()
        assert "result" in html and "Asking about a medicine?" not in html, query
    assert "Back pain and the nerves" in titles(client, "sciatica")
    # Beside a name that is no condition, the caution stays.
    html = client.get("/search/", {"q": "sciatica pregabalin"}).content.decode()
    assert "Asking about a medicine?" in html


def test_a_condition_word_that_is_a_listed_medicine_misspelt_keeps_the_caution(db):
    """A word read as a condition may still be a medicine's name with a letter wrong."""
    assert not may_name_a_medicine(["sciatica"])
    medicine = MedicineFactory(name="Gabapentin")
    MedicineAlias.objects.create(medicine=medicine, name="Sciatol")
    assert not may_name_a_medicine(["sciatica"])
    MedicineAlias.objects.create(medicine=medicine, name="Sciatika")
    assert may_name_a_medicine(["sciatica"])
    MedicineAlias.objects.create(medicine=MedicineFactory(name="Omeprazole"), name="PPI")
    assert not may_name_a_medicine(["pain"])  # two letters from "ppi", but no misspelling


def test_a_medicine_a_hubs_summary_names_keeps_the_caution(db):
    """The hubs' summaries are an editor's words, and may name a medicine off the list."""
    TopicFactory(summary="Nerve pain, and how magnesium compares with gabapentin.")
    assert may_name_a_medicine(["gabapentin"])


CAUTIONS = ("Asking about a medicine?", "is a medicine, it is not on")


def cautions(client, query: str) -> bool:
    html = client.get("/search/", {"q": query}).content.decode()
    return any(caution in html for caution in CAUTIONS)


def test_everyday_searches_carry_no_medicine_caution(client, starter_content):
    """A reader audit found the caution above nearly every search, where readers learn to
    skip it: the words readers bring, and the words the pages use, name no medicine."""
    for query in [
        "pregnant",
        "side effects",
        "dialysis",
        "CKD",
        "kidney failure",
        "magnesium for kids",
        "cramps at night",
        "diabetic neuropathy",
        "colour",
        "breast feeding",
        "elderly",
        "best time to take magnesium",
        "coffee",
        "anaemia",
    ]:
        assert not cautions(client, query), query


def test_medicines_the_site_does_not_list_keep_the_caution(client, starter_content):
    """Generic names the articles mention ("pregabalin"), brands and generics they do not
    ("tylenol", "amlodipine"), a brand search reads as a generic name ("lyrica"), a
    listed medicine's name misspelt and words for medicines."""
    for query in [
        "pregabalin",
        "duloxetine",
        "amitriptyline",
        "metformin",
        "lyrica",
        "ozempic",
        "tylenol",
        "amlodipine",
        "metformn",
        "pills",
        "sleeping pills",
        "chemotherapy neuropathy",
    ]:
        assert cautions(client, query), query


def test_a_medicine_the_pages_mention_keeps_the_caution(db):
    """The articles mention medicines that are not on the list: the burning-feet article's
    "capsaicin cream" lost the caution when any word of a page's text counted as ordinary.
    Only the names of the site's subjects, and the words readers bring, are ordinary."""
    ArticleFactory(
        title="Kidneys and cramps",
        body="On dialysis in April, capsaicin cream, aspirin, duloxetine and ramipril.",
    )
    for word in ["kidneys", "cramps", "dialysis"]:
        assert not may_name_a_medicine([word]), word
    assert not has_medicine_ending("april")  # too short for a "-pril" medicine
    for word in ["capsaicin", "aspirin", "duloxetine", "ramipril", "statins", "zzyzx"]:
        assert may_name_a_medicine([word]), word
    assert may_name_a_medicine(["dialysis", "capsaicin"])


def test_the_caution_reads_the_subjects_names_once_however_many_words(
    db, django_assert_max_num_queries
):
    ArticleFactory(title="Dialysis and colour")
    words = ["dialysis", "colour", "wordone", "wordtwo", "wordthree"]
    with django_assert_max_num_queries(4):  # forms, articles, topics, outcomes
        assert may_name_a_medicine(words)
    with django_assert_max_num_queries(4):
        assert not may_name_a_medicine(["kidney", "coffee", "dialysis", "colour"])


# Questions readers bring that name no medicine, from a reader audit: "cause", "limit",
# "elemental", "nuts", "brain" and "fog" each set off the caution, and so did "overdose",
# the word search reads "too much" as.
READERS_QUESTIONS = [
    "can magnesium cause diarrhea how much is too much",
    "how much elemental magnesium is in 500 mg glycinate",
    "400 mg citrate and nuts over the limit",
    "threonate brain fog",
    "is magnesium good for anxiety and sleep",
    "does magnesium help sleep",
    "magnesium for restless legs at night",
    "best magnesium for leg cramps in pregnancy",
    "is it safe for seniors to take magnesium citrate daily",
    "magnesium and coffee at the same time",
    "how long does magnesium take to work",
    "magnesium glycinate vs citrate for constipation",
    "what happens if you take too much magnesium",
    "magnesium before bed or in the morning",
    "is 800 mg of magnesium too much",
    "magnesium deficiency symptoms tingling",
    "can magnesium help with nerve pain in feet",
    "magnesium for migraine prevention dose",
    "epsom salt bath for sore muscles",
    "magnesium oil spray on skin does it work",
    "magnesium and kidney disease stage 3",
    "can kids take magnesium gummies",
    "is magnesium safe while breastfeeding",
    "magnesium for eyelid twitching",
    "magnesium side effects upset stomach",
    "which magnesium is best absorbed",
    "magnesium spray for restless legs",
    "magnesium and blood pressure",
    "magnesium for heart palpitations",
    "can a blood test miss low magnesium",
    "does magnesium help with panic attacks",
    "magnesium for tired legs after running",
    "magnesium l-threonate for memory",
    "magnesium taurate for the heart",
    "how much magnesium in almonds",
    "foods high in magnesium for vegetarians",
    "magnesium for diabetic neuropathy burning feet",
    "can i drink alcohol with magnesium",
    "should i take magnesium every day",
    "magnesium makes me sleepy in the day",
    "magnesium for headache relief",
    "magnesium and weight loss",
    "magnesium for hot flashes in menopause",
    "magnesium for period cramps",
    "magnesium for pins and needles in hands",
    "magnesium malate for fatigue and muscle pain",
    "magnesium with food or on an empty stomach",
    "magnesium chloride flakes foot soak",
    "how many mg of magnesium per day for women over 50",
    "how fast does magnesium oxide work",
    "magnesium glycinate for stress at bedtime",
    "magnesium for muscle recovery after a workout",
    "can magnesium cause heart problems",
    "signs of magnesium toxicity",
    "citrate powder dissolve in water",
    "magnesium for children with adhd",
    "magnesium bisglycinate chelate",
    "threonate dosage for sleep",
    "magnesium for sciatica pain",
    "magnesium lotion for leg cramps",
]


def test_readers_questions_that_name_no_medicine_carry_no_medicine_caution(client, starter_content):
    assert len(set(READERS_QUESTIONS)) == 60
    wrongly = []
    for query in READERS_QUESTIONS:
        words = clean_query(query)[1]
        if asks_about_medicines(words) or may_name_a_medicine(words):
            wrongly.append(query)
    assert not wrongly
    for query in READERS_QUESTIONS[:4]:  # as the audit saw them, on the page
        assert not cautions(client, query), query
    # A supplement the list of medicines does not hold still may be one the reader takes.
    assert cautions(client, "can i take magnesium with vitamin d")


@pytest.mark.parametrize(
    ("query", "page_says"),
    [
        ("breast feeding", "While breastfeeding, ask first."),
        ("breast-feeding", "While breastfeeding, ask first."),
        ("lactation", "While breastfeeding, ask first."),
        ("nursing", "While breastfeeding, ask first."),
        ("seniors", "Trials in older adults."),
        ("haemodialysis", "People on dialysis."),
        ("hemodialysis", "People on dialysis."),
    ],
)
def test_a_readers_word_finds_the_pages_word_for_it(client, query, page_says):
    """ "breast feeding" was offered "breast feeling", "lactation", "seniors" and
    "haemodialysis" found nothing: the pages say "breastfeeding", "older adults", "dialysis"."""
    for title, body in [
        ("Breastfeeding", "While breastfeeding, ask first."),
        ("Older adults", "Trials in older adults."),
        ("The kidneys", "People on dialysis."),
        ("Lactate", "Magnesium lactate is a salt."),
    ]:
        ArticleFactory(title=title, body=body)
    html = client.get("/search/", {"q": query}).content.decode()
    assert page_says in html
    assert "Magnesium lactate" not in html  # PostgreSQL stems "lactation" as "lactate"
    assert "Did you mean" not in html and "No page holds every word" not in html


@pytest.mark.parametrize("query", ["1000 mg", "1,000 mg", "1000mg"])
def test_an_amount_finds_the_pages_writing_it_with_a_thousands_separator(client, query):
    """The pages write "1,000 mg"; "1000 mg" found only pages holding "mg"."""
    ArticleFactory(title="Reading a label", body="1,000 mg of citrate gives 162 mg.")
    ArticleFactory(title="Doses", body="Take 1 tablet of 500 mg; 000 is no amount.")
    assert titles(client, query) == ["Reading a label"]
    assert variants("1000") == ("1000", "1,000")
    assert variants("250") == ("250",)


def test_an_everyday_word_is_never_corrected_into_another_word(client):
    """ "nursing" was offered "Did you mean using?", "feeding" "feeling": words readers bring,
    spelt right, that only look like a name the site uses."""
    ArticleFactory(title="Using magnesium safely", body="Doses.")
    ArticleFactory(title="Feeling tired", body="Fatigue.")
    for query in ["nursing", "feeding", "nursing cramps", "coffee"]:
        html = client.get("/search/", {"q": query}).content.decode()
        assert "Did you mean" not in html, query
    # A misspelt one is still put right.
    html = client.get("/search/", {"q": "cofee"}).content.decode()
    assert 'Did you mean <a href="/search/?q=coffee">coffee</a>?' in html


def test_a_word_for_medicines_keeps_the_caution_beside_the_listed_ones(client):
    """ "antibiotics" lists the antibiotics on the list; the reader's may not be one of them,
    and a list without it does not make it safe."""
    MedicineFactory(name="Quinolone antibiotics", slug="quinolones", drug_class="Antibiotic")
    MedicineFactory(name="Cipro", slug="cipro", drug_class="Antibiotic")
    html = client.get("/search/", {"q": "antibiotics"}).content.decode()
    assert 'href="/interactions/quinolones/"' in html
    assert "Asking about a medicine? If it is not on" in html
    # A medicine named outright is the answer.
    html = client.get("/search/", {"q": "cipro"}).content.decode()
    assert 'href="/interactions/cipro/"' in html
    assert "Asking about a medicine?" not in html


IS_MAGNESIUM = "by mouth? It is magnesium itself: add it as a product in the calculator"


def plain_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize(
    "query, slug",
    [
        ("milk of magnesia", "magnesium-hydroxide"),
        ("Epsom  Salt", "magnesium-sulfate"),
        ("magnesium oxide", "magnesium-oxide"),
    ],
)
def test_a_search_for_a_form_by_name_says_it_counts_as_magnesium(
    client, starter_content, query, slug
):
    """A reader who takes milk of magnesia may not know it is magnesium: it counts towards
    the upper limit, and the list's rules apply to it, as to any magnesium."""
    html = client.get("/search/", {"q": query}).content.decode()
    assert f"Taking “{' '.join(query.split())}” {IS_MAGNESIUM}" in plain_text(html)
    assert f'<a href="/calculator/?form={slug}#product-1">add it as a product' in html
    assert "for keeping medicines apart from magnesium apply to it too" in html


def test_only_a_search_that_is_a_forms_name_carries_the_magnesium_line(client, starter_content):
    """Read as the medicine finder reads a name, a strength after it and all. Not a search
    naming a form among other words, nor a medicine on the list: "esomeprazole magnesium"
    is answered by its own rule."""
    html = client.get("/search/", {"q": "Magnesium Oxide 400 mg"}).content.decode()
    assert IS_MAGNESIUM in plain_text(html)
    for query in ["glycinate dose", "milk of magnesia dose", "esomeprazole magnesium", "cramps"]:
        assert IS_MAGNESIUM not in client.get("/search/", {"q": query}).content.decode(), query


def test_a_medicine_not_on_the_list_may_be_an_antacid_holding_magnesium(client, starter_content):
    line = (
        "Some antacids and laxatives contain magnesium themselves{cite}: if your medicine's "
        "label lists a magnesium salt, such as magnesium hydroxide, oxide or carbonate, count it "
        "as magnesium and add it as a product in the calculator."
    )
    for query in ["maalox", "sleeping pills"]:
        text = plain_text(client.get("/search/", {"q": query}).content.decode())
        assert line.format(cite="reference 1") in text, query
        references = text.split("References")[-1]
        assert "Magnesium: Fact Sheet for Health Professionals" in references, query
    html = client.get("/search/", {"q": "cipro"}).content.decode()
    assert "Some antacids" not in html and "References" not in html


def test_the_cautions_source_is_listed_without_its_long_note(client, starter_content):
    """The fact sheet's note, what every page of the site takes from it, ran to 30 lines on a
    phone under a caution that takes one line from it: the search lists the source alone."""
    html = client.get("/search/", {"q": "maalox"}).content.decode()
    references = plain_text(html.split('id="references-heading"', 1)[1])
    assert "Magnesium: Fact Sheet for Health Professionals." in references
    assert 'href="https://ods.od.nih.gov/' in html.split('id="references-heading"', 1)[1]
    assert "Statements this site takes from it" not in references
    page = client.get("/articles/using-magnesium-safely/").content.decode()
    assert "Statements this site takes from it" in page


def test_ages_and_kidney_stages_carry_no_medicine_caution(client, starter_content):
    """ "CKD stage 4" and "10 year old" were answered "Asking about a medicine?", and "stage 4"
    "If “stage” is a medicine": "stage", "year" and "old" were neither a subject's name nor a
    word readers bring, so each was weighed as a possible medicine's name."""
    for query in [
        "CKD stage 4",
        "stage 4",
        "eGFR",
        "eGFR 25",
        "10 year old",
        "dose for a 4-year-old",
        "70 year old",
        "type 2 diabetes",
        "child dose",
    ]:
        assert not cautions(client, query), query
    # A medicine's name beside them still asks about a medicine.
    assert cautions(client, "ozempic stage 4")


def test_a_childs_age_and_a_kidney_stage_find_the_safety_guide(client, starter_content):
    """The safety guide gives the upper limits by age and ties the label's kidney limit to
    the CKD stages: a reader's words for either find it first."""
    safety = "Using magnesium safely: doses, upper limits, interactions and kidney disease"
    for query in ["10 year old", "a 4-year-old", "child dose", "CKD stage 4", "eGFR", "stage 4"]:
        assert titles(client, query)[:1] == [safety], query
    html = client.get("/search/", {"q": "10 year old"}).content.decode()
    assert "9 years and over" in html  # the excerpt shows the table of limits


def test_only_a_childs_age_is_read_as_children():
    assert clean_query("10 year old")[1] == ["children"]
    assert clean_query("my 17-years-old son")[1] == ["children", "son"]
    assert clean_query("70 year old")[1] == ["70", "year", "old"]
    assert clean_query("18 year old")[1] == ["18", "year", "old"]
