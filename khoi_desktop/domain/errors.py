"""Errors the user may see: each carries a Vietnamese message that says what and where."""

from __future__ import annotations


class UserFacingError(Exception):
    """Base of every error whose message is written for the clerk, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(UserFacingError):
    """Input that breaks a rule; ``field`` names the form field (code name) at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(UserFacingError):
    """A record the user asked for does not exist (wrong id, or retired)."""


class StorageError(UserFacingError):
    """The database file cannot be used as it is; nothing was changed."""


class NewerDatabaseError(StorageError):
    """The file was written by a newer version of the app."""


class NetworkPathError(StorageError):
    """The file lives on a network share, where SQLite's locking is not safe."""


class NotADatabaseError(StorageError):
    """The file is not a Khối Desktop database (or not SQLite at all)."""


class CorruptDatabaseError(StorageError):
    """quick_check found damage."""


class OperationCancelled(UserFacingError):
    """The user pressed Hủy; nothing was changed and the temporary files are gone."""
