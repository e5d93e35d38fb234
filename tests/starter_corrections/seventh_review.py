"""The seventh review (docs/fact-check.md, "Seventh review (7 December 2026)"): threonate's
"maker's suggested amount" showed 166 mg, the formula's figure, where the maker itself states
144 mg for the same 2,000 mg of compound. The dose is now the range, and its note says whose
figure each end is. Two statements said more than their source: the form guide's "no form is
likely to help" ordinary cramps (the review is of night-time leg cramps, mostly in older
adults), and the sleep hub's "good trials in people with normal magnesium levels are few" (the
trials were of older adults with insomnia, not grouped by magnesium level). Each wording
change is a correction as readers see it; the dose itself is in `EARLIER_VALUES`, as (file,
now, before) for `earlier_starter_files`."""

from tests.starter_corrections.pages import CHOOSING, FORMS, TOPICS, Correction, article_page

THREONATE = "/forms/magnesium-l-threonate/"

CORRECTIONS = [
    Correction(
        "cramps-say-what-the-trials-were-of",
        CHOOSING,
        article_page(CHOOSING),
        "no form is likely to help; a Cochrane review found magnesium unlikely to prevent "
        "night-time leg cramps in older adults",
        "in trials of night-time leg cramps, mostly in older adults, magnesium did not make "
        "cramps less frequent than a placebo did, and a Cochrane review judged it unlikely to "
        "prevent them in older adults; no form has been shown to do better. For cramps in "
        "pregnancy the evidence is weak and conflicting",
    ),
    Correction(
        "sleep-hub-says-who-the-trials-were-in",
        TOPICS,
        "/topics/sleep/",
        "but good trials in people with normal magnesium levels are few.",
        "but the trials are few and small (those of magnesium in general were in older adults "
        "with insomnia) and judged low or very low in quality; the evidence below gives the "
        "details.",
    ),
    Correction(
        "threonate-dose-range-names-whose-figure",
        FORMS,
        THREONATE,
        "The figure shown is the maker's suggested amount, not a dose established by trials: "
        "the maker suggests 2,000 mg of the compound a day, about 166 mg of elemental "
        "magnesium by formula (8.3%), and itself states 144 mg for that amount (7.2%).",
        "The range shown is the magnesium in the maker's suggested amount, not a dose "
        "established by trials: the maker suggests 2,000 mg of the compound a day, which holds "
        "144 mg of magnesium by the maker's own figure (7.2%), or about 166 mg by formula "
        "(8.3%).",
    ),
]

EARLIER_VALUES = [
    (
        FORMS,
        "dose_low_mg = 144\ndose_high_mg = 166\ndose_basis",
        "dose_low_mg = 166\ndose_high_mg = 166\ndose_basis",
    ),
]
