"""The twelfth review (docs/fact-check.md, "Twelfth review (cross-page consistency)"): a
reader's audit of pages that said different things about one fact. Nerve pain was still
"conflicting" in the topical-vs-oral table when the matrix graded it "Limited (no effect)"; the
children's upper limits were "far lower" on pages that never said that from 9 years the limit
is the adults' 350 mg; the kidney cut-off of a UK label was not tied to the CKD stages readers
know; two dose examples named only kidney disease among those who should ask first; the
mechanisms article's bottom line called the myelin claim plausible where its body calls it
unconfirmed; the nerve-pain cell gave Park 2020's "equivocal" to its three nerve-pain trials,
where the review said it of all nine; and threonate's one suggested amount showed as a range.

Each wording change is a correction as readers see it (plain text, without the links and
citations around it). Where a sentence gained sources or a link after the corrected words,
`EARLIER_VALUES` takes them out first, as (file, now, before) for `earlier_starter_files`,
so the earlier files read as they did."""

from tests.starter_corrections.pages import (
    BURNING,
    CELLS,
    FORMS,
    GLYCINATE,
    MIGRAINE,
    PREPARATIONS,
    SAFELY,
    TOPICAL_TABLE,
    TOPICS,
    WORKS,
    Correction,
    article_page,
)
from tests.starter_corrections.tenth_review import CAUTIONED_FORMS

THREONATE = "/forms/magnesium-l-threonate/"

# The forms whose dose note gave only the younger children's limits: the oral forms but
# hydroxide, whose note already gave 350 mg from 9 (Epsom salt's follows a laxative label).
DOSED_FORMS = [form for form in CAUTIONED_FORMS if form != "hydroxide"]

CORRECTIONS = [
    # Nerve pain in the topical-vs-oral table, as the matrix grades it (the tenth review).
    Correction(
        "topical-table-nerve-pain-limited-not-conflicting",
        TOPICAL_TABLE,
        "/compare/topical-vs-oral/",
        "conflicting for neuropathic pain",
        "limited for neuropathic pain, where the one trial by mouth found no benefit over placebo",
    ),
    Correction(
        "topical-table-nerve-pain-one-oral-trial",
        TOPICAL_TABLE,
        "/compare/topical-vs-oral/",
        "For nerve pain the trials conflict",
        "For nerve pain, the one trial by mouth found no benefit over placebo",
    ),
    # Children's upper limits: 65 mg at 1 to 3 years, 110 mg at 4 to 8, and from 9 years the
    # adults' 350 mg (fnb-1997), the same on every page.
    *(
        Correction(
            f"{form}-dose-note-childrens-limits-from-9-the-adults",
            FORMS,
            f"/forms/magnesium-{form}/",
            "These amounts are for adults: the upper limit for children is far lower (65 mg a "
            "day at 1 to 3 years, 110 mg at 4 to 8 years), so give a child magnesium only on a "
            "doctor's advice.",
            "These amounts are for adults. A child's upper limit for magnesium from supplements "
            "is 65 mg a day at 1 to 3 years and 110 mg at 4 to 8 years; from 9 years it is 350 "
            "mg, as for adults. Give a child magnesium only on a doctor's advice.",
        )
        for form in DOSED_FORMS
    ),
    Correction(
        "safety-guide-childrens-limits-from-9-the-adults",
        SAFELY,
        article_page(SAFELY),
        "Children's limits are much lower than adults', so adult products are not suitable for "
        "children unless a doctor says so.",
        "From the age of 9 the limit is the adults' 350 mg; below it, it is much lower, 65 mg a "
        "day at 1 to 3 years and 110 mg at 4 to 8",
    ),
    Correction(
        "migraine-childrens-limits-from-9-the-adults",
        MIGRAINE,
        article_page(MIGRAINE),
        "Children's upper limits are far lower, 65 mg a day at 1 to 3 years and 110 mg at 4 to 8",
        "A child's upper limit is 65 mg a day at 1 to 3 years, 110 mg at 4 to 8 and, from 9 "
        "years, the adults' 350 mg",
    ),
    # The eighth review's and the sixth's sentences, corrected again.
    Correction(
        "constipation-hub-childrens-limits-from-9-the-adults",
        TOPICS,
        "/topics/constipation/",
        "Give a child magnesium only on a doctor's advice: the upper limit for magnesium from "
        "supplements and medicines is far lower for children, 65 mg a day at 1 to 3 years and "
        "110 mg at 4 to 8, and each form's page gives it beside the dose",
        "Give a child magnesium only on a doctor's advice: the upper limit for magnesium from "
        "supplements and medicines is 65 mg a day at 1 to 3 years, 110 mg at 4 to 8 and, from 9 "
        "years, the adults' 350 mg; each form's page gives it beside the dose",
    ),
    Correction(
        "topical-table-childrens-limits-from-9-the-adults",
        TOPICAL_TABLE,
        "/compare/topical-vs-oral/",
        "Children: their limits are far lower (65 mg a day at 1 to 3 years, 110 mg at 4 to 8), "
        "so give magnesium only on a doctor's advice",
        "Children: their limits are 65 mg a day at 1 to 3 years and 110 mg at 4 to 8, and from 9 "
        "years the adults' 350 mg; give magnesium only on a doctor's advice",
    ),
    # The label's GFR below 30 is CKD stages 4 and 5 (kdigo-2012).
    Correction(
        "safety-guide-label-kidney-limit-as-ckd-stages",
        SAFELY,
        article_page(SAFELY),
        "",
        "Your blood test or clinic letter may give your kidney function as an estimated GFR "
        "(eGFR) or as a CKD stage: in the international kidney guideline's staging, a GFR of 15 "
        "to 29 is stage 4 (G4) and below 15 is stage 5 (G5, kidney failure), so the label's "
        "limit rules out both",
    ),
    # Dose examples name everyone the safety guide asks to see a doctor first.
    Correction(
        "burning-feet-example-dose-who-asks-first",
        BURNING,
        article_page(BURNING),
        "Check for interactions and kidney problems first:",
        "Do not take it on your own if you have kidney disease, a heart-conduction problem such "
        "as heart block or a slow heartbeat, or myasthenia gravis: ask your doctor first, and "
        "in pregnancy or while breastfeeding, your doctor or midwife",
    ),
    Correction(
        "glycinate-article-using-it-sensibly-who-asks-first",
        GLYCINATE,
        article_page(GLYCINATE),
        "Check interactions and kidney health first",
        "Ask your doctor before taking it if you have kidney disease, a heart-conduction problem "
        "such as heart block or a slow heartbeat, or myasthenia gravis",
    ),
    # The mechanisms article's bottom line, as its body grades the claims.
    Correction(
        "works-bottom-line-myelin-unconfirmed-gaba-not-shown",
        WORKS,
        article_page(WORKS),
        "Claims about myelin and GABA are plausible but unproven.",
        "The claim that it supports myelin is unconfirmed, and a role in GABA's calming signal "
        "rests on laboratory work and has not been shown in people.",
    ),
    # Park 2020 judged the evidence of all nine trials equivocal, not its three in nerve pain.
    Correction(
        "nerve-pain-cell-park-equivocal-across-nine-trials",
        CELLS,
        "/evidence/neuropathic-pain/",
        "and a systematic review judged the three trials equivocal",
        "and a systematic review of nine trials in chronic pain, three of them in nerve pain, "
        "judged the evidence of pain relief across all nine equivocal",
    ),
    # Threonate: one suggested amount, 2,000 mg, whose magnesium the maker states as 144 mg.
    Correction(
        "threonate-dose-the-makers-figure-not-a-range",
        FORMS,
        THREONATE,
        "The range shown is the magnesium in the maker's suggested amount, not a dose "
        "established by trials: the maker suggests 2,000 mg of the compound a day, which holds "
        "144 mg of magnesium by the maker's own figure (7.2%), or about 166 mg by formula "
        "(8.3%).",
        "The figure shown is the magnesium in the maker's suggested amount, not a dose "
        "established by trials: the maker suggests 2,000 mg of the compound a day and states "
        "that it holds 144 mg of magnesium (7.2%). By formula (8.3%) the same weight would hold "
        "about 166 mg, but the maker's figure is the one for its product",
    ),
    Correction(
        "citrate-laxative-solution-young-childrens-limits",
        PREPARATIONS,
        "/forms/magnesium-citrate/",
        # The tenth review's sentence, whole: its `after` is this one's `before`.
        "With kidney disease or in older age, use it only with medical advice: failing kidneys "
        "cannot clear the extra magnesium, and UK labels for other magnesium laxatives ask for "
        "care in older people. Give it to a child only on a doctor's advice, as children's "
        "upper limits are far lower.",
        "With kidney disease or in older age, use it only with medical advice: failing kidneys "
        "cannot clear the extra magnesium, and UK labels for other magnesium laxatives ask for "
        "care in older people. Give it to a child only on a doctor's advice: young children's "
        "upper limits are far lower (65 mg a day at 1 to 3 years, 110 mg at 4 to 8).",
    ),
    Correction(
        "threonate-body-makers-figure-first",
        FORMS,
        THREONATE,
        "supplies about 166 mg of elemental magnesium by formula (8.3%), or 144 mg by the "
        "maker's own figure",
        "supplies 144 mg of elemental magnesium by the maker's own figure",
    ),
    Correction(
        "threonate-capsules-makers-figure-not-a-range",
        PREPARATIONS,
        THREONATE,
        "supplies roughly 144 to 166 mg of elemental magnesium, depending on whose figure is used;",
        "supplies 144 mg of elemental magnesium by the maker's own figure (about 166 mg by "
        "formula);",
    ),
]

EARLIER_VALUES = [
    # Threonate's dose was the range 144 to 166 mg (the seventh review's). Listed before the
    # seventh review's values, which take it back from there to 166 mg.
    (
        FORMS,
        "dose_low_mg = 144\ndose_high_mg = 144\ndose_basis",
        "dose_low_mg = 144\ndose_high_mg = 166\ndose_basis",
    ),
    (
        FORMS,
        " [@nutridetector-threonate], or about 166 mg by formula (8.3%) [@case-2020];",
        " [@nutridetector-threonate];",
    ),
    (FORMS, "; use your label's own figure when it gives one. Count it toward", " Count it toward"),
    # The sources and links that came after the corrected words.
    (
        SAFELY,
        "and 110 mg at 4 to 8 [@fnb-1997]. Adult products are not suitable for children unless "
        "a doctor says so.",
        "and 110 mg at 4 to 8",
    ),
    (SAFELY, "rules out both [@kdigo-2012]. That is", "rules out bothThat is"),
    (
        BURNING,
        " [@van-laecke-2023; @uk-magnaspartate-label; @uk-smpc-mgso4-injection]. "
        "[[article:using-magnesium-safely]] says why, and which medicines to keep apart from "
        "magnesium.",
        " [[article:using-magnesium-safely]].",
    ),
    (
        GLYCINATE,
        " [@van-laecke-2023; @uk-magnaspartate-label; @uk-smpc-mgso4-injection].\n"
        "- Check interactions first:",
        ":",
    ),
    (
        GLYCINATE,
        "[@ods-magnesium-hp]. [[article:using-magnesium-safely]] explains both.",
        "[@ods-magnesium-hp]. More in [[article:using-magnesium-safely]].",
    ),
    # The depression row pointed to the anxiety topic, which does not cover depression.
    (
        WORKS,
        "| Depression | Strong data suggest a role for magnesium | (not covered here) |",
        "| Depression | Strong data suggest a role for magnesium | [[topic:anxiety-stress]] |",
    ),
]
