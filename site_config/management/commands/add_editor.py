from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from site_config.editors import GROUP_NAME


class Command(BaseCommand):
    help = "Give a user the Editors group (and staff status, so they can log in to /admin/)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(
                f"No user called {username!r}. Create one first: manage.py createsuperuser "
                "is for administrators; for an editor, create the user in /admin/ or with "
                "manage.py shell."
            ) from None
        group = Group.objects.get(name=GROUP_NAME)
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        user.groups.add(group)
        self.stdout.write(self.style.SUCCESS(f"{username} is now an editor."))
