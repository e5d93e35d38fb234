from django.apps import AppConfig


class InteractionsConfig(AppConfig):
    name = "interactions"
    verbose_name = "Medicines and magnesium"

    def ready(self) -> None:
        # The renderer lives in `articles` and must not import this app, so this app tells
        # it how to resolve `[[medicine:<slug>]]` links.
        from interactions.links import register

        register()
