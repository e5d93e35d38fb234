from django.core.management.base import BaseCommand

from articles.uploads import record_stored_images


class Command(BaseCommand):
    help = (
        "List in the admin's 'Uploaded images' the image files in the uploads folder that have "
        "no record yet: for media mounted, restored or copied in after the site migrated. Files "
        "already listed are left alone, so it is safe to run again."
    )

    def handle(self, *args, **options):
        added = record_stored_images()
        for image in added:
            self.stdout.write(f"Recorded {image.file}")
        self.stdout.write(f"{len(added)} image file(s) recorded.")
