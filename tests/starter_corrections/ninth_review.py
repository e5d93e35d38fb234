"""The ninth review (docs/fact-check.md, "Ninth review (December 2026)"): a clinician's read
of the live site. The constipation trial of magnesium oxide was cited without its dose (1.5 g
of oxide a day, about 905 mg of magnesium, well above the 350 mg upper limit); glycinate was
said to be untested for cramps, though one small trial tested it in pregnancy; the pregnancy
cramp trials were all said to be at high risk of bias, where the Cochrane review judged one of
three not to be; the absorption data of oxide, citrate and Epsom salt were graded one way on
the forms' pages and another in the evidence matrix; carbonate's solubility figure had no
source on file; the glycinate article described an experimental glycine tripeptide as if it
were glycinate and made an uncited claim about GABA; and two reviews' studies were counted as
controlled trials.

Each wording change is a correction as readers see it; the grades, ratings, counts and
sources the review changed are in `EARLIER_VALUES`, as (file, now, before) for
`earlier_starter_files`."""

from tests.starter_corrections.pages import (
    CELLS,
    CHOOSING,
    FORMS,
    GLYCINATE,
    SAFELY,
    TOPICAL_TABLE,
    Correction,
    article_page,
)

CONSTIPATION = "/evidence/constipation/"
CRAMPS = "/evidence/muscle-cramps/"
OXIDE = "/forms/magnesium-oxide/"
LAXATIVE_DOSE = "1.5 g of oxide a day, about 905 mg of magnesium, well above the"
GLYCINATE_CRAMPS = (
    "Pregnancy only: in one trial of 86 pregnant women, leg cramps halved in more women on "
    "300 mg of magnesium a day as bisglycinate than on placebo (86% against 61%), but a trial "
    "of another form found no effect and a Cochrane review rates the pregnancy evidence very "
    "uncertain; take it in pregnancy only with your doctor's or midwife's agreement."
)

CORRECTIONS = [
    # Mori 2019's dose, wherever the trial is cited.
    Correction(
        "constipation-oxide-cell-gives-the-laxative-dose",
        CELLS,
        CONSTIPATION,
        "placebo; a review adds that people with weak kidneys risk high magnesium levels.",
        f"placebo, at {LAXATIVE_DOSE} 350 mg supplement upper limit: use a laxative only for a "
        "short time, as its label directs, take that much every day only on a doctor's advice, "
        "and with kidney disease or in older age only with medical advice, as a review warns.",
    ),
    Correction(
        "constipation-general-cell-gives-the-laxative-dose",
        CELLS,
        CONSTIPATION,
        "support their use as laxatives.",
        "support their use as laxatives, but the trial gave 1.5 g of oxide a day, about 905 mg "
        "of magnesium, well above the 350 mg supplement upper limit, so use a laxative only for "
        "a short time, as its label directs, and take that much every day only on a doctor's "
        "advice.",
    ),
    Correction(
        "oxide-dose-note-gives-the-laxative-dose",
        FORMS,
        OXIDE,
        "Laxative and antacid doses follow the product label; our sources give no separate figure.",
        f"The constipation trial we cite used far more: {LAXATIVE_DOSE} upper limit. Use an oxide "
        "laxative only for a short time, as its label directs; take that much every day only on "
        "a doctor's advice, and with kidney disease or in older age only with medical advice. "
        "Antacid products carry their own dosing on the label.",
    ),
    Correction(
        "oxide-body-gives-the-laxative-dose",
        FORMS,
        OXIDE,
        "",
        "In one small trial in women with constipation, oxide helped more than a placebo, but "
        f"at a laxative dose: {LAXATIVE_DOSE} 350 mg upper limit for supplements and medicines",
    ),
    Correction(
        "choosing-constipation-gives-the-laxative-dose",
        CHOOSING,
        article_page(CHOOSING),
        "",
        ", but that trial gave 1.5 g of oxide a day, about 905 mg of magnesium, well above the "
        "350 mg upper limit",
    ),
    Correction(
        "topical-table-constipation-gives-the-laxative-dose",
        TOPICAL_TABLE,
        "/compare/topical-vs-oral/",
        "",
        f", but at {LAXATIVE_DOSE} 350 mg upper limit, a dose to take every day only on a "
        "doctor's advice (a shop laxative is for short-term use, as its label directs)",
    ),
    # Glycinate and cramps: one trial, in pregnancy.
    Correction(
        "cramps-glycinate-cell-names-the-pregnancy-trial",
        CELLS,
        CRAMPS,
        "Sold for cramps, but no trial has tested glycinate, and trials of other forms found no "
        "benefit for ordinary night cramps.",
        GLYCINATE_CRAMPS,
    ),
    Correction(
        "cramps-general-cell-says-what-the-review-found-in-pregnancy",
        CELLS,
        CRAMPS,
        "trials in pregnancy disagree and were at high risk of bias.",
        # From "one found": the trials' own words, "of three placebo-controlled trials in
        # pregnancy", are the eleventh review's correction (eleventh_review.py).
        "one found a benefit, one could not be interpreted and the only one not judged at high "
        "risk of bias leaned towards placebo, so that evidence is very uncertain.",
    ),
    Correction(
        "glycinate-article-names-the-pregnancy-cramp-trial",
        GLYCINATE,
        article_page(GLYCINATE),
        "we found none of it gathered with glycinate itself.",
        "only one trial we found, of leg cramps in pregnancy, used glycinate itself.",
    ),
    Correction(
        "glycinate-article-cramps-in-pregnancy",
        GLYCINATE,
        article_page(GLYCINATE),
        "",
        "One small trial tested glycinate, in pregnancy only: among 86 women with leg "
        "cramps, more had their cramps halved on 300 mg of magnesium a day as bisglycinate than "
        "on placebo",
    ),
    Correction(
        "safety-guide-pregnancy-cramp-trials-as-the-review-judged-them",
        SAFELY,
        article_page(SAFELY),
        "the trials disagree and were at high risk of bias,",
        "the trials disagree: of the three in a Cochrane review, one found a benefit, one could "
        "not be interpreted and the only one not judged at high risk of bias leaned towards "
        "placebo, and the review rates that evidence very uncertain",
    ),
    # The glycinate article's laboratory lines.
    Correction(
        "glycinate-article-tripeptide-is-an-experimental-compound",
        GLYCINATE,
        article_page(GLYCINATE),
        "Laboratory work on a glycine-based chelate showed better uptake into gut cells than "
        "some common supplements, but that was in cell culture, not in people",
        "One laboratory study made a new, experimental compound, magnesium held by a chain of "
        "three glycines rather than the bisglycinate sold in shops, and found gut cells grown "
        "in a dish took it up better than some common supplements",
    ),
    Correction(
        "glycinate-article-makes-no-uncited-gaba-claim",
        GLYCINATE,
        article_page(GLYCINATE),
        "Magnesium may support GABA signalling, but this rests on laboratory work.",
        "None of our sources shows what magnesium, or glycinate, does to GABA signalling, so we "
        "make no claim about it.",
    ),
    # Absorption data graded as the matrix grades the same studies.
    Correction(
        "choosing-citrate-data-limited-from-healthy-people",
        CHOOSING,
        article_page(CHOOSING),
        "",
        ", from studies of healthy people",
    ),
    Correction(
        "citrate-not-among-the-best-studied",
        FORMS,
        "/forms/magnesium-citrate/",
        "Citrate is among the best-studied forms.",
        "Two reviews favour citrate for absorption, though the studies behind them were of "
        "healthy people, so we call the data limited.",
    ),
    Correction(
        "citrate-summary-not-better-studied",
        FORMS,
        "/forms/magnesium-citrate/",
        "One of the better-studied forms for absorption;",
        "Two reviews of absorption studies favour it;",
    ),
    Correction(
        "topical-table-absorption-limited-as-the-matrix-grades-it",
        TOPICAL_TABLE,
        "/compare/topical-vs-oral/",
        "Moderate for the absorption of the best-studied forms (several human comparisons and "
        "reviews",
        "Limited for absorption, as the evidence matrix grades each form: a few human "
        "comparisons and reviews of them, in healthy people",
    ),
    Correction(
        "topical-table-does-not-promise-to-correct-a-deficiency",
        TOPICAL_TABLE,
        "/compare/topical-vs-oral/",
        "Correcting low intake or a diagnosed deficiency",
        "Making up a low intake from food",
    ),
    # Carbonate: no solubility figure on file, and a rating from its class and solubility.
    Correction(
        "carbonate-no-unsourced-solubility-figure",
        FORMS,
        "/forms/magnesium-carbonate/",
        "it dissolves only slightly in water (0.18 g per 100 mL)",
        "it dissolves poorly in water",
    ),
    Correction(
        "carbonate-not-said-far-more-soluble-than-oxide",
        FORMS,
        "/forms/magnesium-carbonate/",
        "On the other hand, it is far more soluble than oxide",
        "One study found an inorganic salt, chloride, absorbed well",
    ),
    # Studies a review counted, not trials.
    Correction(
        "anxiety-general-cell-says-some-studies-added-other-ingredients",
        CELLS,
        "/evidence/anxiety-stress/",
        "prone to anxiety found hints",
        "prone to anxiety, some of magnesium given with other ingredients, found hints",
    ),
]


EARLIER_VALUES = [
    # Glycinate for cramps: graded on the pregnancy trial, with its sources.
    (
        CELLS,
        'form = "magnesium-glycinate"\ngrade = "limited"\ndirection = "unclear"\n'
        "human_trials = 1\nsummary",
        'form = "magnesium-glycinate"\ngrade = "none"\ndirection = "unclear"\nsummary',
    ),
    (
        CELLS,
        'references = ["supakatisant-2015", "nygaard-2008", "garrison-2020"]',
        'references = ["garrison-2020"]',
    ),
    # The reviews' studies were counted as trials.
    (
        CELLS,
        'human_reviews = 1\nsummary = "A systematic review of 18 studies',
        'human_trials = 18\nhuman_reviews = 1\nsummary = "A systematic review of 18 studies',
    ),
    (
        CELLS,
        'human_reviews = 1\nsummary = "Supplements raise magnesium',
        'human_trials = 14\nhuman_reviews = 1\nsummary = "Supplements raise magnesium',
    ),
    # The absorption data of oxide, citrate and Epsom salt, and carbonate's rating.
    (
        FORMS,
        'evidence = "limited"\nevidence_note = "In a human comparison of four US products',
        'evidence = "moderate"\nevidence_note = "In a human comparison of four US products',
    ),
    (
        FORMS,
        'evidence = "limited"\nevidence_note = "A review of bioavailability studies found citrate',
        'evidence = "moderate"\nevidence_note = "A review of bioavailability studies found citrate',
    ),
    (
        FORMS,
        'evidence = "inferred"\nevidence_note = "This entry describes the bath-salt product.',
        'evidence = "limited"\nevidence_note = "This entry describes the bath-salt product.',
    ),
    (
        FORMS,
        'bioavailability = "low"\nevidence = "inferred"\nevidence_note = "No direct human '
        "comparison in our sources. It is inorganic",
        'bioavailability = "moderate"\nevidence = "inferred"\nevidence_note = "No direct human '
        "comparison in our sources. It is inorganic",
    ),
    (
        FORMS,
        'dose_refs = ["suppco-dose-guide", "fnb-1997", "ods-magnesium-hp", "mori-2019", '
        '"mori-2021"]',
        'dose_refs = ["suppco-dose-guide", "fnb-1997", "ods-magnesium-hp"]',
    ),
]
