"""Errors the CLI turns into one-line messages (never a traceback)."""


class CleanupError(Exception):
    """A problem the user can fix; str(error) is the whole message."""


class InputError(CleanupError):
    """The input cannot be read as text."""


class RuleFileError(CleanupError):
    """A rule file is broken; the message names file, line and field."""
