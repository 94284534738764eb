"""The one small tree of errors. Every message says what to do about it."""


class YuqingError(Exception):
    """Base of every error yuqing raises on purpose."""


class ConfigError(YuqingError):
    """A setting is missing or wrong: fix the environment variable named in the message."""


class InputError(YuqingError):
    """User input (a file, a query, a form) cannot be used as given."""


class QueryError(InputError):
    """A query or rule does not parse. Carries the position of the problem."""

    def __init__(self, message: str, position: int, message_zh: str = "") -> None:
        super().__init__(message)
        self.position = position
        self.message_zh = message_zh or message


class FetchError(YuqingError):
    """A source could not be fetched; the message is shown on the source's health page."""


class PipelineError(YuqingError):
    """The analysis pipeline is mis-assembled (a stage reads a field nothing writes)."""


class WorkflowError(YuqingError):
    """A workflow action is not allowed in the current state or for this user."""
