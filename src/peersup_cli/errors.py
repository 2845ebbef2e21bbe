"""The exception family. Each error carries a plain-language message and an exit code.

Domain modules raise these; only ``peersup_cli.cli.app.main`` turns them into a line on stderr
and an exit code, so nobody ever sees a traceback for bad input.
"""

from __future__ import annotations

# Exit codes, as click uses them: 1 for a failure while doing the job, 2 for bad input.
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for Ctrl-C


class PeersupError(Exception):
    """Base class: ``str(error)`` is the sentence the person sees."""

    exit_code = EXIT_FAILURE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(PeersupError):
    """The person asked for something that does not exist or does not fit."""

    exit_code = EXIT_USAGE


class GuidelinesError(PeersupError):
    """A guidelines file could not be read or is not valid; one line per problem."""

    exit_code = EXIT_USAGE

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class StorageError(PeersupError):
    """A file could not be written or read (disk full, no permission, missing directory)."""


class ConfigError(UsageError):
    """The config file or a config value is not valid."""


class AnswersFileError(UsageError):
    """An ``--answers`` file does not fit the framework."""


class JournalError(PeersupError):
    """A journal could not be found or read."""

    exit_code = EXIT_USAGE


class NoTerminalError(UsageError):
    """A prompt was needed but standard input is not a terminal."""


class Interrupted(PeersupError):
    """Ctrl-C where the command has something particular to say (a session's draft is kept)."""

    exit_code = EXIT_INTERRUPTED


class InputEnded(PeersupError):
    """End of input during a session (Ctrl-D, a closed terminal)."""


class SessionStopped(Exception):
    """The person chose to save and stop; the session is kept as partial."""


class InputClosed(Exception):
    """Input ended (Ctrl-D, closed terminal) while a question was open."""


class DraftError(PeersupError):
    """A draft file cannot be used (unreadable, malformed, or pointing outside the folder)."""


class SessionOpenElsewhere(PeersupError):
    """The unfinished session is open in another window (its draft is locked)."""
