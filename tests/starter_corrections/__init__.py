"""Statements in the starter content that a review held to their sources (docs/fact-check.md,
"Uncited statements" and the reviews after it), each as the page a reader sees it on, what it
said before and what it says now. `before` is gone from the page and `after` is on it; both
are plain text that also stands in the starter file, so a test can put `before` back to play
a database loaded from the earlier files. An empty `before` is a statement the page lacked;
an empty `after`, one it dropped. A later review's rewording inside a sentence an earlier one
added (its `after` within that one's, in the same file) is undone with that sentence; one that
rewrote an earlier correction's `after` (that `after` is its `before`) is undone first, and
the earlier one is then held to its `before` alone. The corrections are kept by review, one
module each."""

import re
import shutil
from collections import Counter
from collections.abc import Iterable
from contextlib import ExitStack, contextmanager
from pathlib import Path
from unittest.mock import patch

import articles.loader
import comparisons.loader
import evidence.loader
import interactions.loader
from tests.helpers import visible_text
from tests.starter_corrections import (
    earlier_reviews,
    eighth_review,
    eleventh_review,
    fifteenth_review,
    fifth_review,
    fourteenth_review,
    ninth_review,
    seventh_review,
    sixth_review,
    tenth_review,
    thirteenth_review,
    twelfth_review,
)
from tests.starter_corrections.pages import CELLS, Correction

__all__ = ["CORRECTIONS", "Correction", "earlier_starter_files", "of_app", "still_wrong"]

CORRECTIONS = [
    *earlier_reviews.CORRECTIONS,
    *fifth_review.CORRECTIONS,
    *sixth_review.CORRECTIONS,
    *seventh_review.CORRECTIONS,
    *eighth_review.CORRECTIONS,
    *ninth_review.CORRECTIONS,
    *tenth_review.CORRECTIONS,
    *eleventh_review.CORRECTIONS,
    *twelfth_review.CORRECTIONS,
    *thirteenth_review.CORRECTIONS,
    *fourteenth_review.CORRECTIONS,
    *fifteenth_review.CORRECTIONS,
]


def still_wrong(client, corrections: Iterable[Correction]) -> list[str]:
    """The ids of the corrections a reader does not see: `before` still on the page, or
    `after` missing, unless a later review corrected that `after` in its turn (it is that
    correction's `before`, and its own `after` is what the page shows). Each page is read
    once."""
    rewritten = {(c.file, c.before) for c in CORRECTIONS if c.before}
    pages, wrong = {}, []
    for c in corrections:
        text = pages.setdefault(c.url, visible_text(client.get(c.url)))
        gone = c.after and c.after not in text and (c.file, c.after) not in rewritten
        if (c.before and c.before in text) or gone:
            wrong.append(c.id)
    return wrong


def of_app(app: str) -> list[Correction]:
    return [c for c in CORRECTIONS if c.file.startswith(f"{app}/")]


# What the reviews changed besides the wording in CORRECTIONS, as (file, now, before): the
# grades and directions of cells (citrate for constipation; the fifth, sixth and eighth
# reviews', the eighth's with their counts and sources), orotate's absorption rating (the
# sixth's), threonate's dose (the seventh's), and, below, the hubs' main articles (`main_for`),
# threonate's `dose_basis` and the forms' `cautions_refs`, which the earlier files did not have.
EARLIER_VALUES = [
    (
        CELLS,
        'grade = "none"\ndirection = "unclear"\nsummary = "We found no trial of citrate',
        'grade = "limited"\ndirection = "benefit"\nhuman_trials = 1\n'
        'summary = "We found no trial of citrate',
    ),
    *fifth_review.EARLIER_VALUES,
    *sixth_review.EARLIER_VALUES,
    # Before the seventh's: threonate's dose went 166, then 144 to 166, then 144.
    *twelfth_review.EARLIER_VALUES,
    *seventh_review.EARLIER_VALUES,
    *eighth_review.EARLIER_VALUES,
    *ninth_review.EARLIER_VALUES,
    *tenth_review.EARLIER_VALUES,
    *eleventh_review.EARLIER_VALUES,
    *fourteenth_review.EARLIER_VALUES,
    *fifteenth_review.EARLIER_VALUES,
]


def _within_another(undone: tuple[str, str, str]) -> bool:
    """Whether a correction's `after` lies inside a longer `after` of another correction of the
    same file, which takes it out with the rest (thirteenth_review.py)."""
    file, now, _before = undone
    return any(c.file == file and now in c.after and now != c.after for c in CORRECTIONS)


@contextmanager
def earlier_starter_files(tmp_path: Path):
    """The starter files of the articles, the forms, the evidence matrix and the medicines
    with the corrections undone."""
    copies = {}
    with ExitStack() as stack:
        for module in (articles.loader, comparisons.loader, evidence.loader, interactions.loader):
            app = module.__name__.split(".")[0]
            copies[app] = tmp_path / app
            shutil.copytree(module.STARTER_DIR, copies[app])
            stack.enter_context(patch.object(module, "STARTER_DIR", copies[app]))

        def copy_of(file: str) -> Path:
            app, _starter, rest = file.split("/", 2)
            return copies[app] / rest

        # A sentence several records of a file were given is one correction for each page
        # showing it (sixth_review.py): it stands in the file once for each.
        # Newest first: a statement two reviews corrected goes back one review at a time.
        undo = Counter((c.file, c.after, c.before) for c in reversed(CORRECTIONS) if c.after)
        undo = Counter({key: times for key, times in undo.items() if not _within_another(key)})
        for (file, now, before), times in [*((v, 1) for v in EARLIER_VALUES), *undo.items()]:
            path = copy_of(file)
            text = path.read_text()
            assert text.count(now) == times, now
            path.write_text(text.replace(now, before))
        for path in (copies["articles"] / "articles").glob("*.md"):
            path.write_text(re.sub(r"^main_for = .*\n", "", path.read_text(), flags=re.M))
        # Threonate's dose was first loaded with no `dose_basis` (the fifth review added it),
        # the forms' cautions with no sources (`cautions_refs`, the sixth), and the forms with
        # no review dates (the fifteenth).
        forms = copies["comparisons"] / "forms.toml"
        names = ("dose_basis", "cautions_refs", *fifteenth_review.ADDED_TO_FORMS)
        added_later = rf"^(?:{'|'.join(names)}) = .*\n"
        forms.write_text(re.sub(added_later, "", forms.read_text(), flags=re.M))
        yield
