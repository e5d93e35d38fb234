"""/feed/: an Atom feed of the newest published articles."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from articles.models import Article
from feedback.models import with_last_change


class ArticleFeed(Feed):
    feed_type = Atom1Feed
    title = "Magnesium & Nerve Health"
    subtitle = "New and updated evidence-based articles about magnesium and the nervous system."
    link = reverse_lazy("articles:article_list")
    feed_url = reverse_lazy("feed")

    def items(self):
        return with_last_change(Article.objects.published()).order_by("-published_at")[:20]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        # When readers were last told of a change, as the article's header says.
        return article.last_change

    def item_author_name(self, article):
        return article.author
