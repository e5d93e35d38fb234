from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Reader reports and change notes"

    def ready(self) -> None:
        from feedback import signals

        signals.connect()
