from django.apps import AppConfig


class InteractionsConfig(AppConfig):
    name = "interactions"
    verbose_name = "Medicines and magnesium"

    def ready(self) -> None:
        # The renderer lives in `articles` and must not import this app, so this app tells
        # it how to resolve `[[medicine:<slug>]]` links, and that its saves change content.
        from articles.signals import track_content_of
        from interactions.links import register

        register()
        track_content_of(self.label)
