from django.core.management.base import BaseCommand

from articles.models import publish_due_pages


class Command(BaseCommand):
    help = (
        "Bring scheduled pages in: re-render the pages that link to those whose publish time "
        "has come and refresh the page cache. Run it every minute from a timer (cron, a "
        "systemd timer or the platform's scheduler)."
    )

    def handle(self, *args, **options):
        if due := publish_due_pages():
            self.stdout.write(f"Published the pages scheduled for {due.isoformat()}.")
        else:
            self.stdout.write("Nothing scheduled is due.")
