from django.apps import AppConfig


class SiteConfigConfig(AppConfig):
    name = "site_config"
    verbose_name = "Site"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from site_config.editors import sync_after_migrate

        # After the apps' own post_migrate work (content types, permissions).
        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="editors_group")
