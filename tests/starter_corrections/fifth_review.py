"""The fifth review (docs/fact-check.md, "Fifth review (6 December 2026): every figure against
its source"): each correction of wording as a reader sees it, and, in `EARLIER_VALUES`, the
grades and directions it changed, as (file, now, before) for `earlier_starter_files`."""

from tests.starter_corrections.pages import (
    BURNING,
    CELLS,
    CHOOSING,
    FORMS,
    GLYCINATE,
    OUTCOMES,
    SAFELY,
    TOPICAL_TABLE,
    Correction,
    article_page,
)

LOW_MAGNESIUM = "/evidence/low-magnesium/"
TOPICAL_VS_ORAL = "/compare/topical-vs-oral/"
SULFATE = "/forms/magnesium-sulfate/"
HYDROXIDE = "/forms/magnesium-hydroxide/"
CITRATE = "/forms/magnesium-citrate/"
OXIDE = "/forms/magnesium-oxide/"

CORRECTIONS = [
    Correction(
        "low-magnesium-citrate-not-graded-on-absorption-reviews",
        CELLS,
        LOW_MAGNESIUM,
        "Reviews find citrate among the better-absorbed forms, though the share absorbed falls "
        "as the dose goes up.",
        "Two reviews find citrate among the better-absorbed forms, and how much of it is "
        "absorbed depends on the dose; but they compared absorption, not the correction of low "
        "magnesium, and the systematic review's finding on levels is about healthy people.",
    ),
    *(
        Correction(
            f"low-magnesium-{form}-study-was-in-healthy-volunteers",
            CELLS,
            LOW_MAGNESIUM,
            f"we found, it was absorbed as well as {others}",
            "we found, in healthy volunteers rather than people with low magnesium, it was "
            f"absorbed as well as {others}",
        )
        for form, others in [
            ("chloride", "lactate and aspartate"),
            ("lactate", "chloride and aspartate"),
            ("aspartate", "chloride and lactate"),
        ]
    ),
    Correction(
        "choosing-low-intake-review-said-for-what-it-found",
        CHOOSING,
        article_page(CHOOSING),
        "almost any reasonably absorbed form works. A review of 14 studies concluded that any "
        "form can keep magnesium levels normal in healthy people",
        "know what the absorption studies can tell you. A review of 14 studies found that any "
        "form kept magnesium levels normal in healthy people",
    ),
    Correction(
        "choosing-low-intake-no-study-in-people-who-are-low",
        CHOOSING,
        article_page(CHOOSING),
        "",
        "That is a finding about healthy people; we found no study comparing forms in people "
        "whose magnesium was low.",
    ),
    Correction(
        "choosing-citrate-absorption-is-data-not-evidence",
        CHOOSING,
        article_page(CHOOSING),
        "whose good absorption has moderate evidence",
        # "moderate data" until the ninth review made it "limited", as the matrix grades it.
        "whose good absorption has limited data behind it",
    ),
    Correction(
        "topical-table-cream-trial-in-the-settled-words",
        TOPICAL_TABLE,
        TOPICAL_VS_ORAL,
        "In a small pilot of a magnesium cream (25 adults, 56 mg a day for 2 weeks), blood "
        "magnesium rose only slightly, and the change was significant only in a subgroup of "
        "non-athletes",
        "A small pilot of a magnesium cream (25 adults, 56 mg a day for 2 weeks) found no "
        "significant rise in blood magnesium overall, only in one subgroup, of non-athletes",
    ),
    Correction(
        "sulfate-body-cream-trial-found-no-rise-overall",
        FORMS,
        SULFATE,
        "for two weeks) found a rise in blood magnesium that was statistically significant only "
        "in a subgroup of non-athletes",
        "for two weeks) found no significant rise in blood magnesium overall, only in one "
        "subgroup, of non-athletes",
    ),
    Correction(
        "sulfate-absorption-note-cream-trial-found-no-rise-overall",
        FORMS,
        SULFATE,
        "a small pilot of a magnesium cream found a serum rise that was significant only in a "
        "subgroup.",
        "a small pilot of a magnesium cream found no significant rise in blood magnesium "
        "overall, only in one subgroup.",
    ),
    Correction(
        "low-magnesium-sulfate-cream-trial-found-no-rise-overall",
        CELLS,
        LOW_MAGNESIUM,
        "a small pilot of a magnesium cream found a rise only in a subgroup.",
        "a small pilot of a magnesium cream found no significant rise in blood magnesium "
        "overall, only in one subgroup.",
    ),
    Correction(
        "hydroxide-sold-as-a-laxative-not-tested-as-one",
        FORMS,
        HYDROXIDE,
        "it draws water into the bowel and softens stools. That is helpful for occasional",
        "we found no trial of it in people with constipation, and the trial evidence for a "
        "magnesium laxative is for oxide",
    ),
    Correction(
        "nerve-pain-outcome-no-uncited-painkiller-claim",
        OUTCOMES,
        "/evidence/neuropathic-pain/",
        "burning, shooting or electric pain that ordinary painkillers often do not ease.",
        "burning, shooting or electric pain.",
    ),
    Correction(
        "oxide-no-uncited-multivitamin-claim",
        FORMS,
        OXIDE,
        "Its compactness, high magnesium content and low cost make it the usual choice in "
        "multivitamins",
        "Some products sold as glycinate are blended with it, which raises their magnesium per "
        "capsule",
    ),
    Correction(
        "topical-table-no-uncited-cost",
        TOPICAL_TABLE,
        TOPICAL_VS_ORAL,
        "Epsom salt is an inexpensive household product, but a soak takes time",
        "A soak takes time",
    ),
    Correction(
        "topical-table-row-says-no-more-than-its-cells",
        TOPICAL_TABLE,
        TOPICAL_VS_ORAL,
        "Cost and practicality",
        "Practicality",
    ),
    Correction(
        "glycinate-buffer-not-called-cheaper",
        GLYCINATE,
        article_page(GLYCINATE),
        "blended with a cheaper, more concentrated salt",
        "blended with a more concentrated salt",
    ),
    Correction(
        "glycinate-opening-no-uncited-popularity",
        GLYCINATE,
        article_page(GLYCINATE),
        "Ask in any pharmacy or forum which magnesium is",
        "Ask which magnesium is",
    ),
    Correction(
        "glycinate-opening-one-common-answer",
        GLYCINATE,
        article_page(GLYCINATE),
        "and the answer is usually",
        ", and one common answer is",
    ),
    Correction(
        "glycinate-record-no-head-to-head-trial",
        FORMS,
        "/forms/magnesium-glycinate/",
        "rests on chemistry more than on head-to-head human trials",
        "rests on chemistry, and no head-to-head human trial has tested it",
    ),
    # Kirkland 2018 grades no treatment (its reference note says so); the matrix's sources for
    # sleep and anxiety are Mah 2021 and Boyle 2017.
    Correction(
        "glycinate-anxiety-evidence-from-the-matrix-review",
        GLYCINATE,
        article_page(GLYCINATE),
        "reviews call it emerging for anxiety",
        "A systematic review of studies in people prone to anxiety found hints of benefit but "
        "judged the studies poor",
    ),
    Correction(
        "glycinate-sleep-evidence-from-the-matrix-review",
        GLYCINATE,
        article_page(GLYCINATE),
        "",
        "In three small trials in older adults with insomnia, people taking magnesium fell "
        "asleep a little sooner, but the reviewers judged the evidence low to very low in quality",
    ),
    Correction(
        "glycinate-record-anxiety-evidence-from-the-matrix-review",
        FORMS,
        "/forms/magnesium-glycinate/",
        "the evidence for magnesium in anxiety is described as emerging",
        "a review of the anxiety studies found hints of benefit but judged the studies poor",
    ),
    # Pardo 2021 says citrate's absorption is dose-dependent: no direction, and of no other form.
    Correction(
        "topical-table-absorption-depends-on-the-dose-for-citrate",
        TOPICAL_TABLE,
        TOPICAL_VS_ORAL,
        "the share absorbed falls as the dose rises",
        "how much citrate is absorbed depends on the dose",
    ),
    Correction(
        "citrate-absorption-note-depends-on-the-dose",
        FORMS,
        CITRATE,
        "with citrate's percentage absorption falling as the dose rises.",
        "with citrate's absorption depending on the dose.",
    ),
    Correction(
        "citrate-body-absorption-depends-on-the-dose",
        FORMS,
        CITRATE,
        "noted that the share of citrate absorbed shrinks as the dose grows",
        "noted that how much citrate is absorbed depends on the dose",
    ),
    Correction(
        "citrate-body-no-split-dose-reason-from-a-direction",
        FORMS,
        CITRATE,
        "one reason to split larger amounts through the day",
        "",
    ),
    Correction(
        "glycinate-dose-dependence-said-of-citrate",
        GLYCINATE,
        article_page(GLYCINATE),
        "and noted that absorption depends on the dose",
        "and noted that citrate's absorption depends on the dose",
    ),
    Correction(
        "choosing-dose-dependence-said-of-citrate",
        CHOOSING,
        article_page(CHOOSING),
        "inorganic ones, and absorption depends on the dose",
        "inorganic ones, and citrate's absorption depends on the dose",
    ),
    Correction(
        "safely-dose-dependence-said-of-citrate",
        SAFELY,
        article_page(SAFELY),
        "the share of magnesium absorbed depends on the dose",
        "for citrate at least, how much is absorbed depends on the dose",
    ),
    Correction(
        "burning-feet-no-cooling-tip-beside-numb-feet",
        BURNING,
        article_page(BURNING),
        "Some readers say cooler feet burn less at night",
        "",
    ),
    Correction(
        "choosing-matching-form-to-goal-names-pregnancy",
        CHOOSING,
        article_page(CHOOSING),
        "",
        "If you are pregnant or breastfeeding, take a supplement only with your",
    ),
]


def _cell(form: str, grade: str, direction: str) -> str:
    return (
        f'outcome = "low-magnesium"\nform = "{form}"\ngrade = "{grade}"\ndirection = "{direction}"'
    )


# Restoring low magnesium: studies in healthy volunteers leave the direction unclear, as for
# oxide since the third review, and two absorption reviews with no trial are no more than
# limited.
EARLIER_VALUES = [
    (
        CELLS,
        _cell("magnesium-citrate", "limited", "unclear"),
        _cell("magnesium-citrate", "moderate", "benefit"),
    ),
    *(
        (CELLS, _cell(form, "limited", "unclear"), _cell(form, "limited", "benefit"))
        for form in ("magnesium-chloride", "magnesium-lactate", "magnesium-aspartate")
    ),
]
