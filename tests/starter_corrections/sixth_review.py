"""The sixth review (docs/fact-check.md, "Sixth review (6 December 2026): advice and who it is
not safe for"): each correction of wording as a reader sees it, and, in `EARLIER_VALUES`, the
grade and the absorption rating it changed, as (file, now, before) for `earlier_starter_files`.

A sentence added to several records of one file (the medicines every oral form's cautions now
name) is one correction per page that shows it; `earlier_starter_files` takes it out of each."""

from tests.starter_corrections.pages import (
    BURNING,
    CELLS,
    CHOOSING,
    FOOD,
    FORMS,
    GLYCINATE,
    MIGRAINE,
    PREPARATIONS,
    TOPICAL,
    TOPICAL_TABLE,
    TOPICS,
    WORKS,
    Correction,
    article_page,
)

TOPICAL_VS_ORAL = "/compare/topical-vs-oral/"
SULFATE = "/forms/magnesium-sulfate/"
ORAL_FORMS = [
    "glycinate",
    "l-threonate",
    "citrate",
    "oxide",
    "malate",
    "chloride",
    "taurate",
    "carbonate",
    "lactate",
    "aspartate",
    "orotate",
    "gluconate",
    "hydroxide",
]
# The three medicines the safety guide and /interactions/ name that the cautions left out
# (uk-smpc-magnesium-antacid: levothyroxine, digoxin; ods-magnesium-hp: potassium-sparing
# diuretics), as the sentence reads since the thirteenth review gave it the medicines' 4 hours
# (it said "so ask your pharmacist how to time them" until then: thirteenth_review.py) and the
# fourteenth said where levothyroxine's come from (fourteenth_review.py).
MEDICINES_IN_CAUTIONS = (
    " Magnesium can cut the absorption of thyroid tablets (levothyroxine) and digoxin: keep them "
    "about 4 hours apart (a thyroid label's antacid gap) and ask your pharmacist. No label gives "
    "digoxin a gap: tell its prescriber before you start or stop magnesium. A potassium-sparing "
    "water tablet (amiloride, spironolactone) lets less magnesium leave in the urine: ask your "
    "doctor first."
)
NO_SOAK = "foot-care advice is that soaking damages the skin, and a foot that cannot feel heat "

CORRECTIONS = [
    # Epsom salt in the matrix: who must not soak, and no hint that warm water helps.
    Correction(
        "paresthesia-sulfate-no-soak-for-numb-feet",
        CELLS,
        "/evidence/paresthesia/",
        "",
        f" If you have diabetes or numb feet, do not soak them at all: {NO_SOAK}will not warn "
        "you of a burn.",
    ),
    Correction(
        "cramps-sulfate-no-soak-and-no-credit-to-warm-water",
        CELLS,
        "/evidence/muscle-cramps/",
        "; any relief may come from the warm water.",
        ", so any comfort from a warm bath cannot be put down to the magnesium. With diabetes "
        f"or numb feet, do not soak your feet: {NO_SOAK}will not warn you of a burn.",
    ),
    Correction(
        "low-magnesium-sulfate-no-study-of-a-soak",
        CELLS,
        "/evidence/low-magnesium/",
        "A review found no good evidence that soaking in Epsom salt raises the body's "
        "magnesium, and",
        "No study has measured how much magnesium an Epsom salt soak puts into the body, and "
        "no trial has tested one; a review found the claims for absorption through the skin "
        "unsupported, and",
    ),
    # The topical-vs-oral table.
    Correction(
        "topical-table-oral-absorption-differs-between-forms",
        TOPICAL_TABLE,
        TOPICAL_VS_ORAL,
        "Measured, and it depends on the form and the dose.",
        "Measured, and it differs from one form to another.",
    ),
    Correction(
        "topical-table-constipation-says-what-the-grades-support",
        TOPICAL_TABLE,
        TOPICAL_VS_ORAL,
        "Some forms relieve",
        "salts the gut absorbs poorly hold water in the bowel",
    ),
    Correction(
        "topical-table-constipation-citrate-and-hydroxide-untested",
        TOPICAL_TABLE,
        TOPICAL_VS_ORAL,
        "",
        "while citrate and hydroxide, though sold as laxatives, have no constipation trial in "
        "our sources",
    ),
    *(
        Correction(f"topical-table-oral-careful-{who}", TOPICAL_TABLE, TOPICAL_VS_ORAL, "", text)
        for who, text in [
            (
                "pregnancy",
                "Pregnant or breastfeeding: take a supplement only with your doctor's or "
                "midwife's agreement; the upper limit stays 350 mg a day",
            ),
            (
                "children",
                "Children: their limits are far lower (65 mg a day at 1 to 3 years, 110 mg at "
                "4 to 8), so give magnesium only on a doctor's advice",
            ),
            (
                "myasthenia-heart-block",
                # "as labels for injected magnesium warn about both" until the tenth review
                # found the heart-conduction warning in a label for magnesium by mouth.
                "Myasthenia gravis or a heart-conduction problem such as heart block: ask a "
                "doctor first: a UK label for magnesium taken by mouth rules it out with a "
                "heart-conduction disorder such as a slow heartbeat, and a label for injected "
                "magnesium warns that it can worsen myasthenia",
            ),
            (
                "levothyroxine-digoxin",
                "magnesium can lower how much of them is absorbed, so ask your pharmacist how "
                "to time them",
            ),
            (
                "potassium-sparing-diuretics",
                "less magnesium leaves in the urine, so ask your doctor before starting",
            ),
        ]
    ),
    # The topical-vs-oral article.
    Correction(
        "topical-oral-route-studied-not-known-to-work",
        TOPICAL,
        article_page(TOPICAL),
        "is the route that is known to work",
        "is the route that has been studied, and how much of it is absorbed has been measured",
    ),
    Correction(
        "topical-oral-heading-the-studied-route",
        TOPICAL,
        article_page(TOPICAL),
        "Oral magnesium: the route that works",
        "Oral magnesium: the studied route",
    ),
    Correction(
        "topical-dose-dependence-said-of-citrate",
        TOPICAL,
        article_page(TOPICAL),
        "and how much depends on the form and the dose",
        "how much differs between forms, and for citrate it also depends on the dose",
    ),
    Correction(
        "topical-table-row-dose-dependence-said-of-citrate",
        TOPICAL,
        article_page(TOPICAL),
        "Established; amount absorbed depends on form and dose",
        "Measured; differs between forms, and with the dose for citrate",
    ),
    # Where the search takes its excerpt for "epsom foot".
    Correction(
        "topical-products-start-with-no-soak",
        TOPICAL,
        article_page(TOPICAL),
        "",
        "If you have diabetes or numb feet, do not use any of these in a foot soak: soaking "
        "damages the skin of such feet (see below).",
    ),
    Correction(
        "migraine-summary-better-not-best-supported",
        MIGRAINE,
        article_page(MIGRAINE),
        "best-supported uses of magnesium, but",
        "better-supported uses of magnesium, but",
    ),
    Correction(
        "migraine-no-unsourced-build-up",
        MIGRAINE,
        article_page(MIGRAINE),
        "Build up gradually and split the dose",
        "Split the dose",
    ),
    Correction(
        "burning-feet-summary-guideline-not-proven",
        BURNING,
        article_page(BURNING),
        "Proven treatments exist",
        "Guideline-recommended medicines exist",
    ),
    Correction(
        "burning-feet-food-no-uncited-side-effect-claim",
        BURNING,
        article_page(BURNING),
        "raise magnesium intake without the digestive side effects of supplements",
        "are the richest food sources",
    ),
    Correction(
        "burning-feet-food-kidney-diet",
        BURNING,
        article_page(BURNING),
        "",
        "If you have kidney disease, plan your diet with your kidney team, as your kidneys may "
        "not clear extra magnesium well",
    ),
    Correction(
        "burning-feet-diabetes-link-reported-not-established",
        BURNING,
        article_page(BURNING),
        "",
        "Reported in reviews; type 2 diabetes is a recognised risk group",
    ),
    Correction(
        "food-kidney-disease-needs-more-care",
        FOOD,
        article_page(FOOD),
        "are the exception to",
        "People with kidney disease need more care.",
    ),
    # Glycinate's absorption label, and glycine's role, which no source on file covers.
    Correction(
        "glycinate-high-absorption-is-sold-not-endorsed",
        GLYCINATE,
        article_page(GLYCINATE),
        "That may well be true, but we found",
        "We found no human study that measured it against other forms: our",
    ),
    Correction(
        "glycinate-high-absorption-sold-as",
        GLYCINATE,
        article_page(GLYCINATE),
        "Glycinate is often described as having",
        "Glycinate is often sold as having",
    ),
    Correction(
        "glycinate-no-unsourced-calming-messenger",
        GLYCINATE,
        article_page(GLYCINATE),
        "Glycine does act as a calming messenger in the spinal cord and brainstem",
        "None of our sources covers what glycine itself does in the nerves, so we make no "
        "claim about it",
    ),
    Correction(
        "glycinate-bottom-line-absorption-not-plausible",
        GLYCINATE,
        article_page(GLYCINATE),
        "Its reputation for superior absorption is plausible but has not been measured in "
        "people, and its special calming effects have not been shown in people.",
        "Its reputation for superior absorption has not been measured in people, and no "
        "calming effect of its own has been shown in people.",
    ),
    Correction(
        "choosing-no-unsourced-calming-messenger",
        CHOOSING,
        article_page(CHOOSING),
        "Glycine is itself a calming messenger in the nervous system",
        "It is also sold on the idea that glycine calms the nerves; no trial has tested "
        "whether the glycine in a capsule adds anything",
    ),
    Correction(
        "choosing-glycinate-absorption-not-plausible",
        CHOOSING,
        article_page(CHOOSING),
        "rating is plausible, but",
        "so our rating is inferred from its class",
    ),
    Correction(
        "works-no-unsourced-calming-messenger",
        WORKS,
        article_page(WORKS),
        "Glycine is another calming messenger, acting mainly in the brainstem and spinal cord",
        "Glycine is also said to calm nerve signalling; none of our sources covers its role, "
        "so we do not state it as fact",
    ),
    # The hub keeps its slug and name (a public filter value) and claims nothing.
    Correction(
        "nerve-support-hub-claims-no-support",
        TOPICS,
        "/topics/nerve-support/",
        "the forms people choose when they want to support nerve health",
        "We know of no study showing that any form of magnesium protects or repairs nerves in "
        "people",
    ),
    Correction(
        "nerve-support-hub-summary-signalling",
        TOPICS,
        "/topics/nerve-support/",
        "What magnesium does for nerve cells",
        "The part magnesium plays in nerve signalling",
    ),
    # Forms.
    *(
        Correction(
            f"{form}-cautions-name-levothyroxine-digoxin-potassium-sparing",
            FORMS,
            f"/forms/magnesium-{form}/",
            "",
            MEDICINES_IN_CAUTIONS,
        )
        for form in ORAL_FORMS
    ),
    Correction(
        "sulfate-cautions-name-levothyroxine-digoxin-potassium-sparing",
        FORMS,
        SULFATE,
        "",
        " By mouth, magnesium can also lower how much thyroid tablets (levothyroxine) and "
        "digoxin are absorbed, and with a water tablet that spares potassium (amiloride, "
        "spironolactone) it leaves the body more slowly: ask a pharmacist or doctor first.",
    ),
    Correction(
        "sulfate-cautions-kidney-disease-and-soaks",
        FORMS,
        SULFATE,
        "",
        " If you have kidney disease, ask your doctor before regular or large soaks too.",
    ),
    Correction(
        "sulfate-bath-soak-kidney-disease",
        PREPARATIONS,
        SULFATE,
        "",
        " With kidney disease, ask your doctor before regular or large soaks.",
    ),
    Correction(
        "chloride-bath-flakes-kidney-disease",
        PREPARATIONS,
        "/forms/magnesium-chloride/",
        "",
        " If you have kidney disease, ask your doctor before bathing in it regularly or in "
        "large amounts.",
    ),
    Correction(
        "glycinate-record-no-unsourced-glycine-claim",
        FORMS,
        "/forms/magnesium-glycinate/",
        "are plausible but, as far as we know, untested in trials of the supplement",
        "are untested in trials of the supplement, and none of our sources covers what glycine "
        "does in the nerves",
    ),
    Correction(
        "chloride-one-study-not-a-rule-about-solubility",
        FORMS,
        "/forms/magnesium-chloride/",
        "Solubility seems to matter more than whether a salt is organic",
        "That one study shows that an inorganic salt can be absorbed as well as organic ones",
    ),
    Correction(
        "orotate-absorption-note-by-the-carbonate-rule",
        FORMS,
        "/forms/magnesium-orotate/",
        "Rated 'good' only on the finding that organic magnesium salts are generally absorbed "
        "better than inorganic ones; it is only slightly soluble in water.",
        "It is organic (a class generally absorbed better than inorganic salts) but only "
        "slightly soluble in water, so the two point different ways: we place it in the middle "
        "and flag the rating as an inference.",
    ),
    Correction(
        "orotate-body-by-the-carbonate-rule",
        FORMS,
        "/forms/magnesium-orotate/",
        "rests only on the general finding that organic magnesium salts are absorbed better",
        "Two things point different ways: organic magnesium salts are generally absorbed "
        "better than inorganic ones",
    ),
    # Found after the review: the link took the form's full name inside the brackets.
    Correction(
        "epsom-salt-named-once",
        BURNING,
        article_page(BURNING),
        "soaks are often suggested for burning feet",
        "(magnesium sulfate) are often suggested for burning feet",
    ),
    Correction(
        "lactate-not-singled-out-for-low-magnesium",
        FORMS,
        "/forms/magnesium-lactate/",
        "It is a reasonable, less-marketed option for correcting low intake",
        "lactate has not been tested in people whose magnesium is low",
    ),
]

# Epsom salt for restoring low magnesium was graded from a cream trial: no study of a soak is
# "No evidence", as the legend defines it. Orotate's absorption follows carbonate's rule: an
# organic salt that dissolves poorly sits in the middle.
EARLIER_VALUES = [
    (
        CELLS,
        'outcome = "low-magnesium"\nform = "magnesium-sulfate"\ngrade = "none"\n'
        'direction = "unclear"\n',
        'outcome = "low-magnesium"\nform = "magnesium-sulfate"\ngrade = "limited"\n'
        'direction = "no-effect"\nhuman_trials = 1\nhuman_reviews = 1\n',
    ),
    (
        FORMS,
        'bioavailability = "moderate"\nevidence = "inferred"\n'
        'evidence_note = "No human absorption study or comparison',
        'bioavailability = "good"\nevidence = "inferred"\n'
        'evidence_note = "No human absorption study or comparison',
    ),
]
