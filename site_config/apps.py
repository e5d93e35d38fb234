from django.apps import AppConfig


class SiteConfigConfig(AppConfig):
    name = "site_config"
    verbose_name = "Site"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from articles.models.publishing import content_version_bumped
        from site_config.editors import sync_after_migrate
        from site_config.fixed_links import declare_all
        from site_config.middleware import announce_content_change

        # After the apps' own post_migrate work (content types, permissions).
        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="editors_group")
        content_version_bumped.connect(announce_content_change, dispatch_uid="page_cache_token")
        declare_all()
