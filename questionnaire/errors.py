"""The one error type a user sees: a plain message that names the file and what is wrong."""

from __future__ import annotations


class UserError(Exception):
    """Bad input from a user or a file. The CLI prints it as one line and exits with `exit_code`."""

    def __init__(self, message: str, *, path: str | None = None, exit_code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.exit_code = exit_code

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def lines(self) -> list[str]:
        """What the CLI prints, one line each (a subclass may have several findings to name)."""
        return [str(self)]
