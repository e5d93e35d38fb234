import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "For a local run: create an 'admin' superuser with a random password if there is no "
        "superuser yet, and say how to log in."
    )

    def handle(self, *args, **options):
        users = get_user_model()
        if users.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "Admin: log in at /admin/ with your superuser. Forgot the password? "
                "Run: .venv/bin/python manage.py changepassword admin"
            )
            return
        password = secrets.token_urlsafe(12)
        users.objects.create_superuser("admin", email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                "Created a local admin. Log in at /admin/ as 'admin' with this password: "
                f"{password}\n(It is shown only now. To change it later: "
                ".venv/bin/python manage.py changepassword admin)"
            )
        )
