"""The fifteenth review (docs/fact-check.md, "Fifteenth review (review dates, Epsom salt's and the
topical-vs-oral table's medicine gaps, the kidney limit's unit)"):

- the forms' pages gave no review date, while their lists of changes said they were reviewed
  on 7 or 8 December 2026: each starter form now has the date of the latest review that changed
  it, as its change notes give it (8 December 2026 for every form), and the next review a year
  later. The earlier files had neither field (`ADDED_TO_FORMS`, which `earlier_starter_files`
  takes out of forms.toml as it takes out `dose_basis` and `cautions_refs`)."""

# Fields the starter forms were given after sites had loaded them (comparisons/loader.py's
# `added`).
ADDED_TO_FORMS = ("last_reviewed", "next_review_due")

CORRECTIONS = []

EARLIER_VALUES = []
