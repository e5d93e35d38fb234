from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "evidence"
    verbose_name = "Evidence matrix"

    def ready(self) -> None:
        # The renderer lives in `articles` and must not import this app, so this app tells
        # it how to resolve `[[evidence:<outcome>]]` links.
        from evidence.links import register

        register()
