from django.apps import AppConfig


class ComparisonsConfig(AppConfig):
    name = "comparisons"
    verbose_name = "Forms, comparisons and foods"

    def ready(self) -> None:
        # The renderer lives in `articles` and must not import this app, so this app tells
        # it how to resolve the link kinds it owns, and that its saves change content.
        from articles.signals import track_content_of
        from comparisons.links import register

        register()
        track_content_of(self.label)
