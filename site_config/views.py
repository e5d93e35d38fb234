"""Pages that compose the apps: home, search, topic hubs, about, robots.txt and uploaded
media. The health check is in site_config/health.py."""

import re
from pathlib import PurePosixPath
from urllib.parse import urlencode, urlsplit

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from articles.citations import PageCitations
from articles.http import cache_unless_ignored, reader_page, reads_only
from articles.models import Article, Topic
from articles.pagination import (
    PAGE_PARAM,
    PageNotFound,
    canonical_page_redirect,
    page_links,
    paginate,
    requested_page,
    without_page,
)
from articles.structured_data import breadcrumb_list
from articles.views import ARTICLES_PER_PAGE
from comparisons.calculator_fields import (
    MAX_AMOUNT_MG,
    SMALLEST_PLAIN_MG,
    parse_amount,
    two_readings,
)
from comparisons.magnesium_names import forms_named_as_medicines
from comparisons.models import FoodGroup, MagnesiumCompound
from comparisons.views.pages import COMPARE_MAX, COMPARE_MIN
from interactions.magnesium_names import label_salts_source
from site_config.medicine_caution import asks_about_medicines, may_name_a_medicine
from site_config.search import search as site_search
from site_config.search_kinds import (
    MEDICINES,
    NamedForm,
    forms_named,
    site_kinds,
    words_and_numbers,
)
from site_config.search_words import (
    NERVE_PAIN,
    NERVE_PAIN_TOPIC,
    PLANT_DIET_WORDS,
    SITE_WIDE_WORDS,
    condition_named,
)
from site_config.spelling import corrected


@reader_page
@reads_only()
def home(request: HttpRequest) -> HttpResponse:
    published = Article.objects.published()
    return render(
        request,
        "home.html",
        {
            "featured": published.filter(featured=True).prefetch_related("topics")[:4],
            "latest": published[:6],
            "topics": Topic.objects.with_published_articles(),
        },
    )


# "500 mg", "500mg", "1,000 mg", "62.5 mg", "2 g": an amount of a product, as on its label.
AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d{1,5}(?:\.\d{1,2})?"
# Not after a minus sign or a dash ("-5 mg", "5-10 mg"): no amount to offer.
LABEL_AMOUNT = re.compile(
    rf"(?<![\w.,\-\u2212\u2013])((?:{AMOUNT}) ?(?:mg|g|grams?))\b", re.IGNORECASE
)


def _calculator_mg(text: str) -> str | None:
    """An amount as the calculator takes it ("1,000" is 1000), if it takes that amount: not
    "1.000", which may mean 1 or 1,000 (the calculator asks which)."""
    if two_readings(text):
        return None
    amount = parse_amount(text)
    if amount is None or not 0 < amount <= MAX_AMOUNT_MG:
        return None
    return f"{amount.normalize():f}"


def _bare_amount(tokens: list[str], names: tuple[str, ...]) -> str | None:
    """ "glycinate 500", "500 magnesium glycinate": a number without a unit, read as mg where
    nothing else can be meant. It is the query's only number and it stands next to the
    form's name: last, straight after the name, or straight before it ("glycinate 2 hours",
    "glycinate 120 capsules" and "glycinate b12 500" offer nothing)."""
    numbers = [at for at, token in enumerate(tokens) if token[0].isdigit()]
    if len(numbers) != 1:
        return None
    at = numbers[0]
    for name in names:
        words = name.split()
        after = at == len(tokens) - 1 and tokens[at - len(words) : at] == words
        before = tokens[at + 1 : at + 1 + len(words)] == words or (
            tokens[at + 1 : at + 2 + len(words)] == ["magnesium", *words]
        )
        # A small number without a unit may be a label's grams: the calculator asks which.
        if (
            (after or before)
            and (mg := _calculator_mg(tokens[at]))
            and float(mg) >= SMALLEST_PLAIN_MG
        ):
            return mg
    return None


def calculator_offers(query: str, named: list[NamedForm]) -> list[dict]:
    """ "glycinate 500 mg" asks what the calculator answers: how much of that is magnesium.
    One offer for each form the query names (`named`, by its name or another name) with an
    amount in mg, or with a number next to its name that can only be one (`_bare_amount`)."""
    label = LABEL_AMOUNT.search(query)
    stated = _calculator_mg(label[1]) if label else None
    tokens = words_and_numbers(query)
    offers = []
    for form in named:
        mg = stated or (None if label else _bare_amount(tokens, form.names_used))
        if mg:
            # A small amount keeps its unit, which the reader gave: the calculator asks
            # about one without it ("5" may be a label's grams).
            given = f"{mg} mg" if float(mg) < SMALLEST_PLAIN_MG else mg
            query_string = urlencode({"form": form.slug, "mg": given})
            offers.append(
                {
                    "form": form.name,
                    "mg": mg,
                    "url": f"{reverse('comparisons:calculator')}?{query_string}",
                }
            )
    return offers


def compare_offer(named: list[NamedForm]) -> dict | None:
    """ "oxide vs citrate" asks what the compare page answers: the two to four forms the
    query names, side by side, in the order it names them."""
    if not COMPARE_MIN <= len(named) <= COMPARE_MAX:
        return None
    slugs = ",".join(form.slug for form in named)
    return {
        "names": [form.name for form in named],
        "url": f"{reverse('comparisons:compare_forms')}?forms={slugs}",
    }


# The foods table's groups that are plants, by their names.
PLANT_GROUPS = (
    FoodGroup.SEEDS_NUTS,
    FoodGroup.LEGUMES,
    FoodGroup.GRAINS,
    FoodGroup.VEGETABLES,
    FoodGroup.FRUIT,
)


def plant_foods(words: list[str]) -> dict | None:
    """ "vegetarian", "vegan", "plant based": the foods table has no filter for a diet, but
    its groups of plant foods, together, are one of its filters."""
    if not PLANT_DIET_WORDS.intersection(words):
        return None
    groups = ",".join(PLANT_GROUPS)
    return {
        "groups": [group.label.lower() for group in PLANT_GROUPS],
        "url": f"{reverse('comparisons:food_list')}?group={groups}#foods-filter",
    }


@reader_page
def search(request: HttpRequest) -> HttpResponse:
    number = requested_page(request)
    if redirect := canonical_page_redirect(request, number):
        return redirect
    kinds = site_kinds()
    results = site_search(request.GET.get("q", ""), kinds, page=number)
    if number > 1 and not results.total:
        # As any list's page past its last: the 404 says so and links to the first page.
        raise PageNotFound(
            "This search has no more results."
            if results.words
            else "An empty search has only one page, which lists nothing."
        )
    named = forms_named(results.query) if number == 1 else []
    ignored = [
        f"“{name[:40]}” is not something search understands"
        for name in request.GET
        if name not in ("q", PAGE_PARAM)
    ]
    if len(request.GET.getlist("q")) > 1:
        ignored.append("The link held more than one search: only the last is shown")
    # Results without a medicine may answer a question about one with unrelated pages, and
    # a search that found nothing may have named one: the pharmacist caution stands beside
    # them then, if a word may be a medicine's ("pills", "lyrica", "capsaicin"; not a word the
    # site's subjects hold, "glycinate", nor one readers bring, "coffee", "sciatica"). A word
    # for medicines ("antibiotics") keeps it beside the listed ones: the reader's may be none.
    no_medicine = not any(name == MEDICINES for name, _hits in results.groups)
    medicine_caution = bool(results.words) and (
        asks_about_medicines(results.words) or (no_medicine and may_name_a_medicine(results.words))
    )
    citations = PageCitations()
    topics = Topic.objects.with_published_articles()
    response = render(
        request,
        "search.html",
        {
            "results": results,
            "ignored": ignored,
            "calculator_offers": calculator_offers(results.query, named),
            "medicine_caution": medicine_caution,
            # Beside it, that some antacids and laxatives hold magnesium, with its source.
            "label_salts_cites": citations.cite(label_salts_source()) if medicine_caution else [],
            # "milk of magnesia", the whole query, is magnesium itself (not when it names a
            # medicine: "esomeprazole magnesium").
            "magnesium": magnesium_named_by(results.query)
            if number == 1 and results.words and no_medicine
            else None,
            # What a search that found nothing may have named: "ozempic", not "ozempic and
            # magnesium".
            "asked_about": " ".join(w for w in results.words if w not in SITE_WIDE_WORDS)
            or results.query,
            "compare_offer": compare_offer(named),
            "plant_foods": plant_foods(results.words) if number == 1 else None,
            # Only where a search found nothing, or pages holding some of its words.
            "did_you_mean": corrected(results.query, results.words, kinds)
            if number == 1 and (results.some_words or not results.total)
            else None,
            "page_links": results.page_links(urlencode(without_page(request))),
            # When nothing matches, the topics give readers somewhere to go (queried only
            # when shown).
            "topics": topics,
            "no_page_on": no_page_on(results.words, topics) if not results.total else None,
            "references": citations.references(),
        },
    )
    return cache_unless_ignored(response, ignored)


def no_page_on(words: list[str], topics: QuerySet[Topic]) -> dict | None:
    """The condition a search that found nothing names ("sciatica"), which no page of the site
    is on, and, where it is pain from a nerve, the hub on nerve pain in general among the
    `topics` listed below it (no query of its own)."""
    if (condition := condition_named(words)) is None:
        return None
    nearest = [topic for topic in topics if topic.slug == NERVE_PAIN_TOPIC]
    return {
        "condition": condition,
        "nearest": nearest[0] if condition in NERVE_PAIN and nearest else None,
    }


def magnesium_named_by(query: str) -> dict | None:
    """The form of magnesium a whole query names, as the medicine finder reads a name
    (comparisons/magnesium_names.py), with the calculator's link adding it as a product."""
    if (form := forms_named_as_medicines([query]).get(query)) is None:
        return None
    return {"form": form, "add_link": form.add_link()}


@reader_page
@reads_only()
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "about.html")


@reader_page
@reads_only()
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /markdownx/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@reader_page
@reads_only(PAGE_PARAM)
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A topic hub: its articles and the forms of magnesium used for it."""
    topic = get_object_or_404(Topic, slug=slug)
    number = requested_page(request)
    if redirect := canonical_page_redirect(request, number):
        return redirect
    articles = Article.objects.published().for_topic(topic).main_first(topic)
    page = paginate(articles, number, ARTICLES_PER_PAGE)
    return render(
        request,
        "articles/topic_detail.html",
        {
            "topic": topic,
            "articles": page.object_list,
            "page_obj": page,
            "page_links": page_links(page, urlencode(without_page(request))),
            # On a hub about one way of taking magnesium (the skin), by absorption that way.
            "forms": MagnesiumCompound.objects.published()
            .filter(uses=topic)
            .by_absorption(topic.route),
            "references": topic.cited_references(),
            "breadcrumbs": breadcrumb_list(
                [
                    ("Home", request.build_absolute_uri(reverse("home"))),
                    ("Articles", request.build_absolute_uri(reverse("articles:article_list"))),
                    (topic.name, request.build_absolute_uri(topic.get_absolute_url())),
                ]
            ),
        },
    )


MEDIA_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}


@reader_page
def media_file(request: HttpRequest, path: str) -> HttpResponse:
    """Editor uploads, from the configured storage, so every app server can serve them.

    Only the image types the upload accepts are served, always with nosniff; names are
    random, so a file never changes and may be cached for a long time. When the storage has
    URLs of its own (an object storage bucket or its CDN), /media/ links go there instead.
    """
    suffix = PurePosixPath(path).suffix.lower()
    parts = PurePosixPath(path).parts
    if suffix not in MEDIA_TYPES or ".." in parts or not path.startswith("uploads/"):
        raise Http404("No such file.")
    try:
        storage_url = default_storage.url(path)
    except SuspiciousFileOperation:
        raise Http404("No such file.") from None
    if urlsplit(storage_url).netloc:
        # Temporary, so moving media back to a shared folder never strands a cached redirect.
        response = HttpResponseRedirect(storage_url)
        response["Cache-Control"] = "public, max-age=86400"
        return response
    try:
        handle = default_storage.open(path, "rb")
    except (FileNotFoundError, SuspiciousFileOperation, OSError):
        raise Http404("No such file.") from None
    response = FileResponse(handle, content_type=MEDIA_TYPES[suffix])
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
