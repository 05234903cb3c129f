"""Errors that carry a message meant for the runner: what went wrong and what to do."""


class IngestError(Exception):
    """A file that cannot be read. The message names the problem; the caller adds the file."""


class UnsupportedFormat(IngestError):
    """A file whose format Runstrong does not know."""
