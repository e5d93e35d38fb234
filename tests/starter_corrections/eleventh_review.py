"""The eleventh review (docs/fact-check.md, "Eleventh review (7 December 2026)"): open
questions checked in the stored sources. Three things changed for readers:

- the Cochrane cramps review (Garrison 2020) has five trials in pregnant women; the three the
  site described are the ones its summary table compares with placebo, and the evidence cell
  and the review's note now say so;
- emc 4841, cited as "an oral magnesium-salt medicine", is the label of Epsom Salts BP (its
  stored copy names it), and its section 4.5 says magnesium salts taken by mouth strengthen
  competitive neuromuscular blockers, muscle relaxants used in anaesthesia;
- the safety guide's table of medicines gains a row for those muscle relaxants: tell the
  anaesthetist about any magnesium before an operation.

Each wording change is a correction as readers see it; the label's publisher and year, which
the reference lacked, are in `EARLIER_VALUES`, as (file, now, before) for
`earlier_starter_files`."""

from tests.starter_corrections.pages import CELLS, SAFELY, Correction, article_page

REFERENCES = "articles/starter/references.toml"
CRAMPS = "/evidence/muscle-cramps/"
GUIDE = article_page(SAFELY)

CORRECTIONS = [
    Correction(
        "cramps-cell-pregnancy-trials-against-placebo",
        CELLS,
        CRAMPS,
        "of three trials in pregnancy",
        "of three placebo-controlled trials in pregnancy",
    ),
    Correction(
        "garrison-note-pregnancy-trials-against-placebo",
        REFERENCES,
        CRAMPS,
        "For cramps in pregnancy its three trials",
        "For cramps in pregnancy, the three trials its summary table compares with placebo",
    ),
    Correction(
        "emc-4841-named-epsom-salts",
        REFERENCES,
        GUIDE,
        "Summary of Product Characteristics for an oral magnesium-salt medicine (emc product 4841)",
        "Epsom Salts BP (magnesium sulfate): Summary of Product Characteristics (emc product 4841)",
    ),
    Correction(
        "emc-4841-note-product-confirmed",
        REFERENCES,
        GUIDE,
        "Product name and revision year not confirmed.",
        "The product is Epsom Salts BP, a laxative taken by mouth (last updated on emc 3 March "
        "2016)",
    ),
    Correction(
        "emc-4841-note-neuromuscular-blockers",
        REFERENCES,
        GUIDE,
        "",
        "magnesium salts taken by mouth strengthen the effect of competitive neuromuscular "
        "blocking drugs, muscle relaxants given in anaesthesia, such as tubocurarine",
    ),
    Correction(
        "safety-guide-muscle-relaxants-in-anaesthesia",
        SAFELY,
        GUIDE,
        "",
        "Muscle relaxants used in anaesthesia (competitive neuromuscular blockers, such as "
        "tubocurarine)",
    ),
    Correction(
        "safety-guide-tell-the-anaesthetist",
        SAFELY,
        GUIDE,
        "",
        "Before an operation, tell the anaesthetist about any magnesium you take, antacids and "
        "laxatives included",
    ),
]

EARLIER_VALUES = [
    (
        REFERENCES,
        'publisher = "Thornton & Ross; electronic medicines compendium (emc), medicines.org.uk"\n'
        "year = 2016",
        'publisher = "electronic medicines compendium (emc), medicines.org.uk"\nyear = 0',
    ),
]
