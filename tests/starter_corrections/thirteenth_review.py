"""The thirteenth review (docs/fact-check.md, "Thirteenth review (medicine timing in the forms'
cautions)"): a reader's audit found the forms' cautions giving other gaps than /interactions/
and the calculator's day timeline. Two things changed for readers:

- the cautions of the thirteen oral forms keep bisphosphonates at least 2 hours apart and add
  one UK label's 3 to 4 hours, the timeline's 4; for levothyroxine and digoxin they give the
  entries' 4 hours (no label gives either its own gap for magnesium), keep "ask your
  pharmacist", and say to tell the digoxin prescriber before starting or stopping magnesium;
- the safety guide's levothyroxine row says one thing (no gap of magnesium's own, so the US
  label's 4 hours for calcium and iron) where it said "ask your pharmacist about timing" and
  then gave 4 hours for other products; its bisphosphonates row says we use 4 hours.

The levothyroxine and digoxin sentence is one the sixth review added (sixth_review.py's
`MEDICINES_IN_CAUTIONS`, which now holds its new wording): `earlier_starter_files` takes the
whole sentence out for that review, and the rewording with it. The cautions' new sources are
in their `cautions_refs`, which the earlier files lack altogether (the sixth review's)."""

from tests.starter_corrections.pages import FORMS, SAFELY, Correction, article_page
from tests.starter_corrections.sixth_review import MEDICINES_IN_CAUTIONS, ORAL_FORMS

GUIDE = article_page(SAFELY)

# The hours below are the medicines entries' (interactions/starter/medicines.toml):
# bisphosphonates, levothyroxine and digoxin are each 4 hours each way on the timeline.
BISPHOSPHONATES = (
    "or they may not work; keep bisphosphonates at least 2 hours apart (one UK label says 3 to "
    "4; our timeline uses 4)."
)
# The sixth review's sentence on levothyroxine, digoxin and potassium-sparing water tablets,
# in the wording this review gave it.
LEVOTHYROXINE_DIGOXIN = MEDICINES_IN_CAUTIONS.strip()

CORRECTIONS = [
    *(
        Correction(
            f"{form}-cautions-bisphosphonates-3-to-4-hours-timeline-4",
            FORMS,
            f"/forms/magnesium-{form}/",
            "or the antibiotic may not work, and keep bisphosphonates at least 2 hours apart.",
            BISPHOSPHONATES,
        )
        for form in ORAL_FORMS
    ),
    *(
        Correction(
            f"{form}-cautions-levothyroxine-digoxin-4-hours",
            FORMS,
            f"/forms/magnesium-{form}/",
            "so ask your pharmacist how to time them",
            LEVOTHYROXINE_DIGOXIN,
        )
        for form in ORAL_FORMS
    ),
    Correction(
        "safety-guide-levothyroxine-no-gap-of-magnesiums-own",
        SAFELY,
        GUIDE,
        "Ask your pharmacist about timing",
        "No label gives a gap for magnesium itself",
    ),
    Correction(
        "safety-guide-levothyroxine-4-hours-borrowed-from-its-label",
        SAFELY,
        GUIDE,
        "the US levothyroxine label asks for 4 hours between it and calcium or iron products",
        "we use the 4 hours the US levothyroxine label asks for between it and calcium or iron "
        "products",
    ),
    Correction(
        "safety-guide-levothyroxine-about-4-hours-and-the-pharmacist",
        SAFELY,
        GUIDE,
        "",
        ", so keep them about 4 hours apart and ask your pharmacist",
    ),
    Correction(
        "safety-guide-bisphosphonates-we-use-4-hours",
        SAFELY,
        GUIDE,
        "",
        ", so we use 4 hours",
    ),
]
