"""Log filters the settings' LOGGING names."""

import logging


class OneLine(logging.Filter):
    """Drops a record's traceback: for refusals whose cause the message already names."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True
