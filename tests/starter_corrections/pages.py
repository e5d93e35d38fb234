"""What a correction is, and the starter files and pages the corrections name."""

from typing import NamedTuple


class Correction(NamedTuple):
    id: str
    file: str  # the starter file, from the repository root
    url: str
    before: str
    after: str


GLYCINATE = "articles/starter/articles/magnesium-glycinate-and-nerve-function.md"
SIGNS = "articles/starter/articles/signs-of-low-magnesium.md"
TOPICAL = "articles/starter/articles/topical-vs-oral-magnesium.md"
BURNING = "articles/starter/articles/burning-feet-and-neuropathic-pain.md"
WORKS = "articles/starter/articles/how-magnesium-works-in-nerves.md"
FOOD = "articles/starter/articles/magnesium-in-food.md"
MIGRAINE = "articles/starter/articles/magnesium-and-migraine.md"
CHOOSING = "articles/starter/articles/choosing-a-form-of-magnesium.md"
SAFELY = "articles/starter/articles/using-magnesium-safely.md"
TOPICS = "articles/starter/topics.toml"
CELLS = "evidence/starter/cells.toml"
FORMS = "comparisons/starter/forms.toml"
OUTCOMES = "evidence/starter/outcomes.toml"
TOPICAL_TABLE = "comparisons/starter/comparisons/topical-vs-oral.toml"
PREPARATIONS = "comparisons/starter/preparations.toml"
MEDICINES = "interactions/starter/medicines.toml"


def article_page(file: str) -> str:
    return "/articles/" + file.rsplit("/", 1)[1].removesuffix(".md") + "/"
