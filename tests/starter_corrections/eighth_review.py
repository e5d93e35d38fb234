"""The eighth review (docs/fact-check.md, "Eighth review (7 December 2026)"): a reader's audit
of labels that said more than their sources. Threonate was "Limited (benefit)" for
memory and thinking on two trials, one of a product with other ingredients in it, while
magnesium in general read "No evidence" though a trial of threonate is a trial of magnesium.
Magnesium in general for restoring low magnesium was "Moderate (benefit)" on a review that
says its finding cannot be assured for people whose levels were low, where every form with
the same kind of data reads "Limited (unclear)". And the 200-400 mg a day that supplement
trials typically use was stated as a finding on the page of every form with a typical dose and
in three articles, though its only source is a consumer guide (suppco-dose-guide): each now
says whose figure it is, and that we found no primary source for a typical range; the About
page no longer claims that every figure is cited to its original (a template, tested in
tests/site_config/test_discovery.py). The constipation hub named kidney disease but not the
children's far lower limits (given only on the forms' pages), and no source on file says when
constipation needs a doctor: it now gives the limits, and says it lists no warning signs.

Each wording change is a correction as readers see it; the grades, directions, counts and
sources the review changed are in `EARLIER_VALUES`, as (file, now, before) for
`earlier_starter_files`."""

from tests.starter_corrections.pages import (
    BURNING,
    CELLS,
    FORMS,
    GLYCINATE,
    SAFELY,
    TOPICS,
    Correction,
    article_page,
)

# The articles' reference library: Pardo 2021's note now gives the limit of its conclusion,
# which the low-magnesium grade rests on, and shows it in that page's list of references.
REFERENCES = "articles/starter/references.toml"
COGNITION = "/evidence/cognition/"
LOW_MAGNESIUM = "/evidence/low-magnesium/"

NO_PRIMARY = "we found no primary source that gives a typical range"
# The forms whose dose note gave the range in one of two shared phrasings; a sentence several
# records of a file were given is one correction for each page that shows it.
TRIALS_TYPICALLY = ("oxide", "chloride", "carbonate")
TRIALS_OF_GENERAL_SUPPLEMENTATION = ("taurate", "lactate", "aspartate", "orotate", "gluconate")

CORRECTIONS = [
    Correction(
        "cognition-threonate-counts-one-trial-of-threonate-alone",
        CELLS,
        COGNITION,
        "in one small maker-funded trial of 44 older adults thinking scores improved more than "
        "on placebo, and a larger trial mixed it with other ingredients.",
        "in the one trial of threonate alone in people that we found, the thinking scores of 44 "
        "older adults improved more than on placebo; but three of its five authors worked for "
        "the company developing it, and one small trial is too little to tell whether the form "
        "helps (a larger trial is not counted, as its product also held other ingredients).",
    ),
    Correction(
        "cognition-in-general-counts-the-threonate-trial",
        CELLS,
        COGNITION,
        "We found no trial of ordinary magnesium supplements for memory or thinking;",
        "The only trial of magnesium alone for memory or thinking that we found is of "
        "threonate, one small trial three of whose five authors worked for the company "
        "developing it, too little to tell whether magnesium helps; we found none of other "
        "forms,",
    ),
    Correction(
        "low-magnesium-in-general-graded-as-the-forms-are",
        CELLS,
        LOW_MAGNESIUM,
        "we grade it moderate, not strong, because that finding is about keeping normal levels "
        "in healthy people rather than correcting low ones.",
        "but the review says this cannot be assured for people whose levels were low to begin "
        "with, so, as for each form, these studies cannot tell whether supplements correct low "
        "magnesium.",
    ),
    Correction(
        "pardo-note-gives-the-limit-of-its-conclusion",
        REFERENCES,
        LOW_MAGNESIUM,
        "",
        " Its conclusion, in our words: every form studied can keep magnesium levels normal in "
        "healthy people with no earlier shortfall, but that cannot be assured for older "
        "people, people who are ill, or people whose levels were already low.",
    ),
    # The typical range of doses, on the forms' pages and in the articles.
    Correction(
        "glycinate-form-dose-range-credited-to-a-consumer-guide",
        FORMS,
        "/forms/magnesium-glycinate/",
        "Elemental magnesium per day. Trials of general supplementation typically use 200-400 "
        "mg; we cap",
        "Elemental magnesium per day. A consumer guide says trials of general supplementation "
        f"typically use 200-400 mg, and {NO_PRIMARY}; we cap",
    ),
    Correction(
        "citrate-form-dose-range-credited-to-a-consumer-guide",
        FORMS,
        "/forms/magnesium-citrate/",
        "for general use; trials typically use 200-400 mg and the adult supplemental upper "
        "limit is 350 mg.",
        "for general use; a consumer guide says trials typically use 200-400 mg "
        f"({NO_PRIMARY}), and the adult supplemental upper limit is 350 mg.",
    ),
    Correction(
        "malate-form-dose-range-credited-to-a-consumer-guide",
        FORMS,
        "/forms/magnesium-malate/",
        "Elemental magnesium per day. Trials of general supplementation typically use 200-400 "
        "mg; the adult upper limit",
        "Elemental magnesium per day. A consumer guide says trials of general supplementation "
        f"typically use 200-400 mg, and {NO_PRIMARY}; the adult upper limit",
    ),
    *(
        Correction(
            f"{form}-form-dose-range-credited-to-a-consumer-guide",
            FORMS,
            f"/forms/magnesium-{form}/",
            "(trials typically 200-400 mg; adult supplemental upper limit 350 mg)",
            "(adult supplemental upper limit 350 mg). A consumer guide says trials typically "
            f"use 200-400 mg; {NO_PRIMARY}",
        )
        for form in TRIALS_TYPICALLY
    ),
    *(
        Correction(
            f"{form}-form-dose-range-credited-to-a-consumer-guide",
            FORMS,
            f"/forms/magnesium-{form}/",
            "(trials of general supplementation typically 200-400 mg; adult supplemental upper "
            "limit 350 mg)",
            "(adult supplemental upper limit 350 mg). A consumer guide says trials of general "
            f"supplementation typically use 200-400 mg; {NO_PRIMARY}",
        )
        for form in TRIALS_OF_GENERAL_SUPPLEMENTATION
    ),
    # In the articles the citation sits between the two additions, so each is one correction.
    *(
        Correction(f"{name}-dose-range-{what}", file, article_page(file), "", added)
        for name, file in (("safety", SAFELY), ("glycinate-article", GLYCINATE), ("feet", BURNING))
        for what, added in (
            ("credited-to-a-consumer-guide", ", says a consumer guide"),
            ("has-no-primary-source", f", though {NO_PRIMARY}"),
        )
    ),
    # The constipation hub: the children's limits, and no warning signs we have a source for
    # (the hub's new paragraph; its citation sits between the two parts).
    Correction(
        "constipation-hub-gives-childrens-limits",
        TOPICS,
        "/topics/constipation/",
        "",
        "Give a child magnesium only on a doctor's advice: the upper limit for magnesium from "
        "supplements and medicines is far lower for children, 65 mg a day at 1 to 3 years and "
        "110 mg at 4 to 8, and each form's page gives it beside the dose",
    ),
    Correction(
        "constipation-hub-says-it-lists-no-warning-signs",
        TOPICS,
        "/topics/constipation/",
        "",
        ". None of our sources says when constipation needs a doctor's check, so this page "
        "lists no warning signs: if you are unsure whether yours does, ask a doctor or "
        "pharmacist. The safety guide listed below covers side effects, the medicines to keep "
        "apart from magnesium, and who should ask before taking it.",
    ),
]


def _general(outcome: str, grade: str, direction: str) -> str:
    return f'outcome = "{outcome}"\nform = "any"\ngrade = "{grade}"\ndirection = "{direction}"\n'


EARLIER_VALUES = [
    # Threonate for cognition: one trial of threonate alone, not two, and a direction one
    # small trial cannot settle.
    (
        CELLS,
        'form = "magnesium-l-threonate"\ngrade = "limited"\ndirection = "unclear"\n'
        "human_trials = 1\nlab_studies = 1\n",
        'form = "magnesium-l-threonate"\ngrade = "limited"\ndirection = "benefit"\n'
        "human_trials = 2\nlab_studies = 1\n",
    ),
    # Magnesium in general for cognition counts that trial, and cites it.
    (
        CELLS,
        _general("cognition", "limited", "unclear") + "human_trials = 1\n",
        _general("cognition", "none", "unclear"),
    ),
    (CELLS, 'references = ["liu-2016", "kirkland-2018"]', 'references = ["kirkland-2018"]'),
    # Magnesium in general for restoring low magnesium, by the rule of the forms' cells.
    (
        CELLS,
        _general("low-magnesium", "limited", "unclear"),
        _general("low-magnesium", "moderate", "benefit"),
    ),
]
