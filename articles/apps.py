from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles and topics"

    def ready(self) -> None:
        from articles import signals
        from articles.links import register

        register()
        signals.connect()
