from django.core.management.base import BaseCommand

from articles.loader import rerender_all


class Command(BaseCommand):
    help = "Re-render every stored Markdown body with the current renderer."

    def handle(self, *args, **options):
        # By record: each record's problems, in words (rerender_all).
        for problems in rerender_all().values():
            for problem in problems:
                self.stderr.write(self.style.WARNING(problem))
        self.stdout.write(self.style.SUCCESS("Re-rendered all Markdown bodies."))
