import os

# Playwright's sync API runs an event loop in the test thread; Django's async-safety check
# would then refuse ORM calls made by the test itself.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.web.browser import page  # noqa: E402,F401  (fixture)
