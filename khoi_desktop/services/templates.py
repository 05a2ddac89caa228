"""Use cases for meeting templates: the agenda a new meeting of each kind starts from.

New databases get one template per kind (migration ``m0003``) with the typical order of
business of the domain brief; the clerk edits, adds and deletes them. When no template of
a kind is stored any more, the built-in default is used.
"""

from __future__ import annotations

from khoi_desktop.domain.enums import MeetingKind
from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.meetings import MeetingTemplate, default_template
from khoi_desktop.domain.models import Changes
from khoi_desktop.domain.vntext import clean
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.storage import meetings_repo as repo


class TemplateService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db

    def list(self, kind: MeetingKind | None = None) -> list[MeetingTemplate]:
        return repo.templates(self._db, kind)

    def get(self, template_id: int) -> MeetingTemplate:
        template = repo.get_template(self._db, template_id)
        if template is None:
            raise NotFoundError(f"Không có mẫu chương trình mã số {template_id}.")
        return template

    def for_kind(self, kind: MeetingKind, template_id: int | None = None) -> MeetingTemplate:
        """The chosen template (it must be of ``kind``), else the first stored one, else the default."""
        if template_id is not None:
            template = self.get(template_id)
            if template.kind is not kind:
                raise ValidationError("template_id", f"Mẫu “{template.name}” dành cho {template.kind.label.lower()}, "
                                      f"không dùng cho {kind.label.lower()}.")
            return template
        stored = self.list(kind)
        return stored[0] if stored else default_template(kind)

    def save(self, template: MeetingTemplate) -> Changes:
        """Add (``template.id`` None) or replace a template; empty agenda lines are dropped."""
        cleaned = _clean(template)
        with self._db.atomic():
            if cleaned.id is None:
                template_id = repo.insert_template(self._db, cleaned)
            else:
                self.get(cleaned.id)
                template_id = cleaned.id
                repo.update_template(self._db, template_id, cleaned)
            self._ctx.audit("save", "meeting_template", template_id, f"Lưu mẫu chương trình “{cleaned.name}”",
                            {"kind": cleaned.kind.value, "agenda": list(cleaned.agenda)})
        return Changes(settings=True, ids=(template_id,))

    def delete(self, template_id: int) -> Changes:
        with self._db.atomic():
            template = self.get(template_id)
            repo.delete_template(self._db, template_id)
            self._ctx.audit("delete", "meeting_template", template_id, f"Xóa mẫu chương trình “{template.name}”")
        return Changes(settings=True, ids=(template_id,))


def _clean(template: MeetingTemplate) -> MeetingTemplate:
    name = clean(template.name)
    agenda = tuple(line for line in (clean(item) for item in template.agenda) if line)
    if not name:
        raise ValidationError("name", "Tên mẫu chương trình không được để trống.")
    if not agenda:
        raise ValidationError("agenda", "Mẫu chương trình cần ít nhất một nội dung.")
    if any(len(line) > 500 for line in agenda):
        raise ValidationError("agenda", "Mỗi nội dung tối đa 500 ký tự.")
    return MeetingTemplate(kind=MeetingKind(template.kind), name=name, agenda=agenda, id=template.id)
