"""Filters for settings.LOGGING."""

from __future__ import annotations

import logging


class ClientErrorsInOneLine(logging.Filter):
    """A refused or missing page (4xx) is routine: one line with its path, not a traceback.

    Django logs every 403 and 404 with the exception attached; on `yuqing up` (waitress sets up the
    root logger) each refusal printed a full traceback. Server errors (5xx) keep theirs.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
