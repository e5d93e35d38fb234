"""The fifteenth review (docs/fact-check.md, "Fifteenth review (review dates, Epsom salt's and the
topical-vs-oral table's medicine gaps, the kidney limit's unit)"):

- the forms' pages gave no review date, while their lists of changes said they were reviewed
  on 6, 7 or 8 December 2026: each starter form now has the date of the latest review that changed
  it, as its change notes give it (8 December 2026 for every form), and the next review a year
  later. The earlier files had neither field (`ADDED_TO_FORMS`, which `earlier_starter_files`
  takes out of forms.toml as it takes out `dose_basis` and `cautions_refs`);
- Epsom salt's cautions and the topical-vs-oral table's "Who should be careful" gave no number
  for bisphosphonates, levothyroxine or digoxin: they now give the gaps the medicines' entries
  and the thirteen oral forms give, for magnesium by mouth (none for the skin). Both rewrite a
  sentence the sixth review added (its `after` is their `before`), so they are undone first.
  The table's citations after the new sentences are in `EARLIER_VALUES`;
- the safety guide tied the UK label's "GFR below 30 ml/min" to KDIGO's stages 4 and 5, which
  are set in ml/min/1.73 m²: a sentence now says so and sends the reader to their doctor. The
  guide's review date moves to this review's (`EARLIER_VALUES`), as its change notes say 8
  December 2026.

As elsewhere, a sentence whose citations follow it is matched up to them: `before` and
`after` are the text a reader sees, which the markup of a citation is not."""

from tests.starter_corrections.pages import (
    FORMS,
    SAFELY,
    TOPICAL_TABLE,
    Correction,
    article_page,
)
from tests.starter_corrections.sixth_review import SULFATE, TOPICAL_VS_ORAL

# Fields the starter forms were given after sites had loaded them (comparisons/loader.py's
# `added`).
ADDED_TO_FORMS = ("last_reviewed", "next_review_due")

# The hours are the medicines entries' (interactions/starter/medicines.toml), as in the oral
# forms' cautions (thirteenth_review.py, fourteenth_review.py).
EPSOM_SALT_BY_MOUTH = (
    " By mouth, magnesium can cut the absorption of some medicines. Keep bisphosphonates at "
    "least 2 hours apart (one UK label says 3 to 4; our timeline uses 4). Keep thyroid tablets "
    "(levothyroxine) and digoxin about 4 hours apart (for levothyroxine, a thyroid label's "
    "antacid gap) and ask your pharmacist. No label gives digoxin a gap: tell its prescriber "
    "before you start or stop magnesium. With a water tablet that spares potassium (amiloride, "
    "spironolactone), magnesium leaves the body more slowly: ask a pharmacist or doctor first."
)
TABLE_BISPHOSPHONATES = (
    " People taking bisphosphonates: keep them at least 2 hours apart from magnesium; one UK "
    "label asks for 3 to 4 hours, so our timeline uses 4 hours"
)
TABLE_LEVOTHYROXINE_DIGOXIN = (
    "magnesium can lower how much of them is absorbed, so keep them about 4 hours apart and ask "
    "your pharmacist. For levothyroxine, 4 hours is the gap a US label sets for antacids, which "
    "we apply to supplements, as no label names them; no label gives digoxin a gap, so tell the "
    "doctor who prescribes it before you start or stop magnesium"
)

KIDNEY_UNITS = (
    " The kidney guideline's stages are in ml/min/1.73 m², while the label gives its limit in "
    "plain ml/min: check which unit your result is given in, and ask your doctor which figure "
    "the label's limit means for you"
)

CORRECTIONS = [
    Correction(
        "sulfate-cautions-by-mouth-the-medicines-gaps",
        FORMS,
        SULFATE,
        # The sixth review's sentence (sixth_review.py).
        " By mouth, magnesium can also lower how much thyroid tablets (levothyroxine) and "
        "digoxin are absorbed, and with a water tablet that spares potassium (amiloride, "
        "spironolactone) it leaves the body more slowly: ask a pharmacist or doctor first.",
        EPSOM_SALT_BY_MOUTH,
    ),
    Correction(
        "topical-table-bisphosphonates-out-of-the-spacing-list",
        TOPICAL_TABLE,
        TOPICAL_VS_ORAL,
        "People taking bisphosphonates, gabapentin or HIV integrase inhibitors",
        "People taking gabapentin or HIV integrase inhibitors",
    ),
    Correction(
        "topical-table-bisphosphonates-2-hours-timeline-4",
        TOPICAL_TABLE,
        TOPICAL_VS_ORAL,
        "",
        TABLE_BISPHOSPHONATES,
    ),
    Correction(
        "topical-table-levothyroxine-digoxin-4-hours",
        TOPICAL_TABLE,
        TOPICAL_VS_ORAL,
        # The sixth review's sentence (sixth_review.py, "levothyroxine-digoxin").
        "magnesium can lower how much of them is absorbed, so ask your pharmacist how to time them",
        TABLE_LEVOTHYROXINE_DIGOXIN,
    ),
    Correction(
        "safety-guide-kdigo-units-against-the-labels-ml-min",
        SAFELY,
        article_page(SAFELY),
        "",
        KIDNEY_UNITS,
    ),
]

EARLIER_VALUES = [
    (
        SAFELY,
        "last_reviewed = 2026-12-08\nnext_review_due = 2027-12-08",
        "last_reviewed = 2026-12-07\nnext_review_due = 2027-12-07",
    ),
    (
        SAFELY,
        "means for you [@kdigo-2012; @uk-magnaspartate-label].",
        "means for you",
    ),
    (
        TOPICAL_TABLE,
        "so our timeline uses 4 hours [@ods-magnesium-hp; @uk-smpc-magnesium].",
        "so our timeline uses 4 hours",
    ),
    (
        TOPICAL_TABLE,
        "start or stop magnesium [@fda-synthroid-2008; @levothyroxine-label; "
        "@uk-smpc-magnesium-antacid; @uk-smpc-magnesium].",
        "start or stop magnesium [@uk-smpc-magnesium-antacid].",
    ),
]
