"""The long tail: several hundred distinct URLs, as readers spread over the site.

Built from public URLs only: the pages the sitemap lists (every article, topic hub, form
page and comparison), the fixed pages, and a seeded sample of what readers type or click:
filter and sort combinations of the forms table (its grammar: comparisons/filters/),
calculator inputs, search queries, foods filters and form comparisons. Table and foods
URLs are spelled canonically (parameters in the table's order, one value each, the default
sort left out), so none of them is answered with a redirect.
"""

from __future__ import annotations

import random
import re
import urllib.parse
import urllib.request
from urllib.parse import urlencode

FIXED = ["/", "/articles/", "/forms/", "/foods/", "/calculator/", "/search/"]
TABLE_COMBINATIONS = 120
CALCULATOR_INPUTS = 80
FORM_COMPARISONS = 12

BIOAVAILABILITY = ["low", "moderate", "good", "high"]
ROUTES = ["oral", "topical"]
TOLERANCES = ["gentle", "moderate", "laxative"]
TABLE_SORTS = ["name", "route", "elemental_percent", "bioavailability", "evidence", "tolerance"]
TABLE_SORTS += ["dose"]
FOOD_GROUPS = ["seeds-nuts", "legumes", "grains", "vegetables", "fruit", "dairy-soy"]
FOOD_GROUPS += ["fish-meat", "sweets"]
FOOD_SORTS = ["", "name", "-name", "group", "mg"]  # "" is the default, -mg
SEARCHES = [
    "magnesium", "glycinate", "citrate", "oxide", "threonate", "taurate", "malate",
    "chloride", "sulfate", "epsom salt", "burning feet", "neuropathy", "nerve pain",
    "neuropathic pain", "sleep", "anxiety", "cramps", "muscle cramps", "migraine",
    "headache", "constipation", "diarrhea", "kidney", "dose", "upper limit", "deficiency",
    "low magnesium", "signs of deficiency", "food", "spinach", "almonds", "pumpkin seeds",
    "topical", "magnesium oil", "spray", "absorption", "bioavailability", "pregnancy",
    "diabetes", "b6", "calcium", "tingling", "numbness",
]  # fmt: skip
AMOUNTS = [100, 120, 200, 250, 300, 400, 500, 600, 750, 1000, 1500]
AGES = ["", "19-30", "31-50", "51-plus", "14-18"]


def sitemap_paths(base: str) -> list[str]:
    """Every public page the sitemap lists, as paths."""
    xml = urllib.request.urlopen(base + "/sitemap.xml").read().decode()
    urls = re.findall(r"<loc>([^<]+)</loc>", xml)
    return sorted({urllib.parse.urlsplit(url).path for url in urls})


def slugs(paths: list[str], prefix: str) -> list[str]:
    return [m.group(1) for p in paths if (m := re.fullmatch(rf"{prefix}([^/]+)/", p))]


def _query(pairs: list[tuple[str, str]]) -> str:
    return urlencode([(name, value) for name, value in pairs if value])


def table_paths(rng: random.Random, topics: list[str], count: int) -> list[str]:
    """Filter and sort combinations of /forms/, each spelled the way the table spells it."""
    seen: set[str] = set()
    while len(seen) < count:
        sort = rng.choice(["", "-"]) + rng.choice(TABLE_SORTS)
        pairs = [
            ("bioavailability", rng.choice(["", *BIOAVAILABILITY])),
            ("route", rng.choice(["", *ROUTES])),
            ("use", rng.choice(["", "", *topics])),
            ("tolerance", rng.choice(["", *TOLERANCES])),
            ("sort", "" if sort == "name" else sort),  # the default sort is left out
        ]
        seen.add("/forms/?" + _query(pairs) if _query(pairs) else "/forms/")
    return sorted(seen - {"/forms/"})


def calculator_paths(rng: random.Random, forms: list[str], count: int) -> list[str]:
    seen: set[str] = set()
    while len(seen) < count:
        age = rng.choice(AGES)
        pairs = [
            ("form", rng.choice(forms)),
            ("mg", str(rng.choice(AMOUNTS))),
            ("servings", str(rng.choice([1, 1, 2, 3]))),
            ("age", age),
            ("sex", rng.choice(["female", "male"]) if age else ""),
        ]
        seen.add("/calculator/?" + _query(pairs))
    return sorted(seen)


def food_paths() -> list[str]:
    return [
        "/foods/?" + _query([("group", group), ("sort", sort)])
        for group in ["", *FOOD_GROUPS]
        for sort in FOOD_SORTS
        if group or sort
    ]


def comparison_paths(rng: random.Random, forms: list[str], count: int) -> list[str]:
    seen: set[str] = set()
    while len(seen) < min(count, len(forms) * (len(forms) - 1) // 2):
        picked = sorted(rng.sample(forms, 2))
        seen.add("/forms/compare/?forms=" + ",".join(picked))
    return sorted(seen)


def search_paths() -> list[str]:
    return ["/search/?" + urlencode({"q": q}) for q in SEARCHES]


def long_tail(base: str, seed: int = 21) -> list[str]:
    """The distinct paths, shuffled (seeded), so neighbours in the walk are unlike pages."""
    rng = random.Random(seed)
    listed = sitemap_paths(base)
    forms = slugs(listed, "/forms/")
    topics = slugs(listed, "/topics/")
    paths = {
        *FIXED,
        *listed,
        *table_paths(rng, topics, TABLE_COMBINATIONS),
        *calculator_paths(rng, forms, CALCULATOR_INPUTS),
        *search_paths(),
        *food_paths(),
        *comparison_paths(rng, forms, FORM_COMPARISONS),
    }
    ordered = sorted(paths)
    rng.shuffle(ordered)
    return ordered


def kinds(paths: list[str]) -> dict[str, int]:
    """How many paths of each kind, for the report."""
    counts: dict[str, int] = {}
    for path in paths:
        kind = re.sub(r"/[^/?]+/$", "/…/", path.split("?")[0])
        kind += "?…" if "?" in path else ""
        counts[kind] = counts.get(kind, 0) + 1
    return counts
