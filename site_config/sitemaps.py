"""/sitemap.xml: every published page with the date it last changed for readers: its newest
change note for readers, else its publication (feedback's `with_last_change`), as its header
says. Not the record's last save, which a load of the starter content moves too."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from articles.http import not_for_page_cache, reader_page, reads_only
from articles.models import Article, Topic
from comparisons.models import Comparison, MagnesiumCompound
from evidence.models import Outcome
from feedback.models import with_last_change
from interactions.models import Medicine


class LastChangeSitemap(Sitemap):
    def lastmod(self, page):
        return page.last_change


class ArticleSitemap(LastChangeSitemap):
    priority = 0.8

    def items(self):
        return with_last_change(Article.objects.published().only("slug")).order_by("slug")


class TopicSitemap(Sitemap):
    priority = 0.5

    def items(self):
        return Topic.objects.filter(articles__in=Article.objects.published()).distinct()

    def lastmod(self, topic):
        return None


class FormSitemap(LastChangeSitemap):
    priority = 0.7

    def items(self):
        pages = MagnesiumCompound.objects.published().only("slug")
        return with_last_change(pages).order_by("slug")


class ComparisonSitemap(Sitemap):
    """Tables keep no change notes: their last save is the only date they have."""

    priority = 0.6

    def items(self):
        return Comparison.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, comparison):
        return comparison.updated_at


class EvidenceSitemap(LastChangeSitemap):
    """Each outcome's page of the evidence matrix: its cells' changes are noted on it. An
    outcome is never a draft, so without a note it has no lastmod."""

    priority = 0.6

    def items(self):
        return with_last_change(Outcome.objects.all()).order_by("slug")


class MedicineSitemap(LastChangeSitemap):
    """Each medicine's page of /interactions/."""

    priority = 0.5

    def items(self):
        return with_last_change(Medicine.objects.public().only("slug")).order_by("slug")


class PageSitemap(Sitemap):
    """The fixed pages, each as new as the newest published record it shows."""

    priority = 0.6

    def items(self):
        return [
            "home",
            "articles:article_list",
            "comparisons:forms_table",
            "comparisons:food_list",
            "comparisons:calculator",
            "evidence:matrix",
            "interactions:medicine_list",
            "about",
        ]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        sources = {
            "home": Article.objects.published(),
            "articles:article_list": Article.objects.published(),
            "comparisons:forms_table": MagnesiumCompound.objects.published(),
            "comparisons:calculator": MagnesiumCompound.objects.published(),
            "evidence:matrix": Outcome.objects.all(),
            "interactions:medicine_list": Medicine.objects.public(),
        }
        # Foods keep no time of change, nor does the page on how the site works, so their
        # pages have no lastmod.
        if name not in sources:
            return None
        return with_last_change(sources[name]).aggregate(newest=Max("last_change"))["newest"]


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "forms": FormSitemap,
    "comparisons": ComparisonSitemap,
    "evidence": EvidenceSitemap,
    "medicines": MedicineSitemap,
}


@reader_page
@reads_only("p")
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """Django's sitemap view, whose `p` pages the sitemap (50,000 addresses a page, the
    protocol's limit; the site's fit on the first). A `p` that names no page (not a whole
    number, 0, empty, past the last page) is ignored, silently as the sitemap ignores any
    other parameter (docs/public-surface.md), rather than Django's 404: the first page is
    served, and not kept in the page cache, where each made-up `p` would add an entry."""
    try:
        return sitemap(request, sitemaps=SITEMAPS)
    except Http404:  # Django's answer to a `p` that names no page; the view has no other
        if "p" not in request.GET:
            raise
    request.GET = request.GET.copy()
    del request.GET["p"]
    return not_for_page_cache(sitemap(request, sitemaps=SITEMAPS))
