from django.core.management.base import BaseCommand

from articles.models import publish_due_pages


class Command(BaseCommand):
    help = (
        "Bring scheduled pages in: re-render the pages that link to those whose publish time "
        "has come and refresh the page cache. Run it every minute from a timer (docs/deploy.md, "
        "'Scheduled publication'). Quiet when nothing is due, so cron mails only news; "
        "-v 2 says so."
    )

    def handle(self, *args, verbosity: int = 1, **options):
        if due := publish_due_pages():
            if verbosity:
                self.stdout.write(f"Published the pages scheduled for {due.isoformat()}.")
        elif verbosity >= 2:
            self.stdout.write("Nothing scheduled is due.")
