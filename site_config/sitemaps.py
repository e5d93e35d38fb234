"""/sitemap.xml: every published page with the date it last changed."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from articles.models import Article, Topic
from comparisons.models import Comparison, MagnesiumCompound
from evidence.models import EvidenceCell, Outcome
from interactions.models import Medicine


class ArticleSitemap(Sitemap):
    priority = 0.8

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, article):
        return article.updated_at


class TopicSitemap(Sitemap):
    priority = 0.5

    def items(self):
        return Topic.objects.filter(articles__in=Article.objects.published()).distinct()

    def lastmod(self, topic):
        return None


class FormSitemap(Sitemap):
    priority = 0.7

    def items(self):
        return MagnesiumCompound.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, compound):
        return compound.updated_at


class ComparisonSitemap(Sitemap):
    priority = 0.6

    def items(self):
        return Comparison.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, comparison):
        return comparison.updated_at


class EvidenceSitemap(Sitemap):
    """Each outcome's page of the evidence matrix, as new as its newest cell."""

    priority = 0.6

    def items(self):
        return Outcome.objects.annotate(last_change=Max("cells__updated_at")).order_by("slug")

    def lastmod(self, outcome):
        return outcome.last_change


class MedicineSitemap(Sitemap):
    """Each medicine's page of /interactions/."""

    priority = 0.5

    def items(self):
        return Medicine.objects.public().only("slug", "updated_at").order_by("slug")

    def lastmod(self, medicine):
        return medicine.updated_at


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
            "evidence:matrix": EvidenceCell.objects.public(),
            "interactions:medicine_list": Medicine.objects.public(),
        }
        # Foods keep no time of change, nor does the page on how the site works, so their
        # pages have no lastmod.
        if name not in sources:
            return None
        return sources[name].aggregate(newest=Max("updated_at"))["newest"]


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "forms": FormSitemap,
    "comparisons": ComparisonSitemap,
    "evidence": EvidenceSitemap,
    "medicines": MedicineSitemap,
}
