from django.contrib import admin
from django.urls import include, path

from articles import views as article_views
from articles.http import reader_page, reads_only
from site_config import health, views
from site_config.feeds import ArticleFeed
from site_config.invitations import SetPasswordView
from site_config.sitemaps import sitemap_xml

# Editors see the site's name, not "Django administration" (the browser tab too).
admin.site.site_header = "Magnesium & Nerve Health: editing"
admin.site.site_title = "Magnesium & Nerve Health editing"
admin.site.index_title = "What to edit"

handler400 = "articles.http.bad_request"
handler404 = "articles.http.page_not_found"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("search/", views.search, name="search"),
    path("about/", views.about, name="about"),
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Django's own views answer any method; a reader's page answers GET and HEAD only.
    path("feed/", reader_page(reads_only()(ArticleFeed())), name="feed"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("media/<path:path>", views.media_file, name="media_file"),
    path("", include("articles.urls")),
    path("", include("comparisons.urls")),
    path("", include("feedback.urls")),
    path("", include("evidence.urls")),
    path("", include("interactions.urls")),
    # markdownx's own urls accept anonymous users; these two routes are staff-only.
    path("markdownx/markdownify/", article_views.markdown_preview, name="markdownx_markdownify"),
    path("markdownx/upload/", article_views.image_upload, name="markdownx_upload"),
    # The link `manage.py add_editor` prints, where a new editor chooses a password.
    path(
        "admin/password/set/<uidb64>/<token>/",
        SetPasswordView.as_view(),
        name="password_set",
    ),
    path("admin/", admin.site.urls),
]
