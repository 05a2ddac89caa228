"""FakePrompts: canned answers for every modal question, and a record of what was asked."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class FakePrompts:
    confirm_answers: list[bool] = field(default_factory=list)
    open_paths: list[Path | None] = field(default_factory=list)
    save_paths: list[Path | None] = field(default_factory=list)
    directories: list[Path | None] = field(default_factory=list)
    asked: list[tuple[str, str]] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)

    def confirm(self, title: str, question: str, yes_text: str = "Đồng ý", no_text: str = "Hủy") -> bool:
        self.asked.append(("confirm", question))
        return self.confirm_answers.pop(0) if self.confirm_answers else False

    def inform(self, title: str, text: str) -> None:
        self.asked.append(("inform", text))

    def warn(self, title: str, text: str) -> None:
        self.asked.append(("warn", text))

    def show_error(self, exc: BaseException, doing: str = "") -> None:
        self.errors.append(exc)
        self.asked.append(("error", str(exc)))

    def ask_open_path(self, title: str, file_filter: str) -> Path | None:
        self.asked.append(("open", title))
        return self.open_paths.pop(0) if self.open_paths else None

    def ask_open_paths(self, title: str, file_filter: str) -> list[Path]:
        self.asked.append(("open_many", title))
        return [p for p in self.open_paths if p is not None]

    def ask_save_path(self, title: str, suggested: str, file_filter: str) -> Path | None:
        self.asked.append(("save", suggested))
        return self.save_paths.pop(0) if self.save_paths else None

    def ask_directory(self, title: str) -> Path | None:
        self.asked.append(("directory", title))
        return self.directories.pop(0) if self.directories else None
