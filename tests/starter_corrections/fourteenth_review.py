"""The fourteenth review (docs/fact-check.md, "Fourteenth review (levothyroxine's 4-hour gap)"):
the site said that no label gives a gap between levothyroxine and magnesium, and that its 4
hours were borrowed from the US label's gap for calcium and iron. The FDA's summary of the
Synthroid label's 2008 information for patients (fda-synthroid-2008) keeps levothyroxine 4 hours
from antacids, and magnesium hydroxide, carbonate and oxide are antacids; what no label names is
magnesium supplements. Three places changed for readers:

- the levothyroxine entry (/interactions/levothyroxine/): its summary and why;
- the cautions of the thirteen oral forms: the 4 hours are a thyroid label's gap for antacids,
  and no label gives digoxin a gap (the sixth review's sentence, which sixth_review.py's
  `MEDICINES_IN_CAUTIONS` holds in this wording, so `earlier_starter_files` takes these out with
  it);
- the safety guide's levothyroxine row, whose wording the thirteenth review had given: these
  corrections rewrite two of its corrections' `after`, and are undone before them.

The entry's and the row's new source is in `EARLIER_VALUES`, as (file, now, before)."""

from tests.starter_corrections.pages import FORMS, MEDICINES, SAFELY, Correction, article_page
from tests.starter_corrections.sixth_review import ORAL_FORMS

GUIDE = article_page(SAFELY)
LEVOTHYROXINE = "/interactions/levothyroxine/"

CORRECTIONS = [
    Correction(
        "levothyroxine-summary-the-label-gap-for-antacids",
        MEDICINES,
        LEVOTHYROXINE,
        "No label gives a gap for magnesium itself.",
        "The US label keeps levothyroxine 4 hours from antacids, magnesium antacids among them.",
    ),
    Correction(
        "levothyroxine-summary-applied-to-supplements",
        MEDICINES,
        LEVOTHYROXINE,
        "We use the 4 hours the US label sets between levothyroxine and calcium or iron products",
        "No label names magnesium supplements, and we use the same 4 hours for them: keep "
        "levothyroxine and magnesium about 4 hours apart",
    ),
    Correction(
        "levothyroxine-why-the-label-gap-for-antacids",
        MEDICINES,
        LEVOTHYROXINE,
        "The US label sets a 4-hour gap for calcium and iron products and lists magnesium "
        "antacids without a gap of their own",
        "The US label lists magnesium antacids among the medicines that lower its absorption, "
        "and its information for patients asks for 4 hours between levothyroxine and antacids, "
        "iron or calcium supplements",
    ),
    Correction(
        "levothyroxine-why-applied-to-supplements",
        MEDICINES,
        LEVOTHYROXINE,
        "; the timeline uses the same 4 hours.",
        " No label names magnesium supplements, so the timeline applies the same 4 hours to them.",
    ),
    *(
        Correction(
            f"{form}-cautions-levothyroxine-4-hours-the-gap-for-antacids",
            FORMS,
            f"/forms/magnesium-{form}/",
            "(no label gives either its own gap for magnesium)",
            "(a thyroid label's antacid gap) and ask your pharmacist. No label gives digoxin a gap",
        )
        for form in ORAL_FORMS
    ),
    Correction(
        "safety-guide-levothyroxine-no-label-names-supplements",
        SAFELY,
        GUIDE,
        "No label gives a gap for magnesium itself",
        "No label names magnesium supplements",
    ),
    Correction(
        "safety-guide-levothyroxine-the-label-gap-for-antacids",
        SAFELY,
        GUIDE,
        "we use the 4 hours the US levothyroxine label asks for between it and calcium or iron "
        "products",
        "we apply to them the 4 hours the US levothyroxine label asks for between it and "
        "antacids, magnesium antacids among them",
    ),
]

EARLIER_VALUES = [
    (
        MEDICINES,
        'references = ["fda-synthroid-2008", "levothyroxine-label", "uk-smpc-magnesium-antacid"]\n'
        "published = 2026-12-04\nlast_reviewed = 2026-12-07",
        'references = ["levothyroxine-label", "uk-smpc-magnesium-antacid"]\n'
        "published = 2026-12-04\nlast_reviewed = 2026-12-06",
    ),
    (SAFELY, "[@fda-synthroid-2008; @levothyroxine-label]", "[@levothyroxine-label]"),
]
