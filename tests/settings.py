"""Test settings: the real settings with a fixed key, a fast hasher and plain static storage."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "tests-only-secret-key-not-for-production-use-0123456789"
)

from site_config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Uploads go to a folder of the test run's own, never the checkout's media/ (whose images the
# migration that records uploaded images would otherwise find), removed when the run ends.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="magnesium-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
# Serve static files straight from the app folders (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The live server of the browser tests answers requests in several threads at once (a page
# and the Markdown editor's preview, say). An in-memory SQLite test database is one
# connection shared by all of them, which SQLite refuses ("bad parameter or other API
# misuse"); a file gives each thread its own connection. pytest-xdist adds a suffix per worker.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import hashlib
    import tempfile

    checkout = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:8]  # noqa: F405

    DATABASES["default"]["TEST"] = {  # noqa: F405
        # One per checkout, so test runs in two clones do not share a file.
        "NAME": os.path.join(
            tempfile.gettempdir(),
            f"magnesium-tests-{checkout}.sqlite3",
        )
    }
