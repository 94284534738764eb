import os

# Playwright's sync API runs an event loop in the test thread (see tests/web/conftest.py).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.submissions.conftest import fast_passwords, office  # noqa: E402,F401  (fixtures)
from tests.web.browser import page  # noqa: E402,F401  (fixture)
