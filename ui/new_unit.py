"""Tạo đơn vị mới: the wizard asking for the root organisation, and the job creating its database.

Used at first start and from the Tệp menu ("Tạo cơ sở dữ liệu mới").
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget, QWizard, QWizardPage

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import OrganizationInput
from khoi_desktop.domain.validation import clean_organization
from khoi_desktop.services.app import Services
from ui.database_jobs import Opener, remove_database
from ui.forms import FieldForm
from ui.pages.organizations.organization_dialogs import OrganizationFields
from ui.style import app_icon
from ui.tasks import TaskControl

PAGE_FIELDS = (
    ("Tổ chức của bạn", "Tên tổ chức đảng mà bạn làm công tác văn phòng.", ("name", "kind", "agency_name")),
    ("Ghi trên văn bản", "Những thông tin in trên biên bản, nghị quyết; có thể sửa sau ở trang Tổ chức.",
     ("superior_name", "place_name", "doc_code")),
)


class _FieldsPage(QWizardPage):
    """One wizard page holding some of the organisation's fields."""

    def __init__(self, title: str, subtitle: str, fields: OrganizationFields, names: tuple[str, ...]) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self._fields = fields
        self.form = FieldForm()
        fields.place(self.form, names)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        """Check what has been typed so far; an error on this page keeps the user here."""
        self._fields.clear_errors()
        try:
            clean_organization(self._fields.value(None))
        except ValidationError as error:
            return not self.form.show_error(error.field, error.message)
        return True


class NewUnitWizard(QWizard):
    """Tạo đơn vị mới: the organisation's name and kind, then what goes on its documents."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tạo đơn vị mới")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setMinimumSize(640, 440)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, app_icon().pixmap(48, 48))
        for button, text in ((QWizard.WizardButton.BackButton, "Quay lại"),
                             (QWizard.WizardButton.NextButton, "Tiếp theo"),
                             (QWizard.WizardButton.FinishButton, "Tạo đơn vị"),
                             (QWizard.WizardButton.CancelButton, "Hủy")):
            self.setButtonText(button, text)
        self.fields = OrganizationFields()
        self.fields.set_kind(OrgKind.BASE_COMMITTEE)
        self.pages = [_FieldsPage(title, subtitle, self.fields, names) for title, subtitle, names in PAGE_FIELDS]
        for page in self.pages:
            self.addPage(page)

    def organization(self) -> OrganizationInput:
        return self.fields.value(None)

    @classmethod
    def ask(cls, parent: QWidget | None) -> OrganizationInput | None:
        """Run the wizard modally; the organisation to create, or None when cancelled."""
        wizard = cls(parent)
        accepted = wizard.exec() == QDialog.DialogCode.Accepted
        return wizard.organization() if accepted else None


def create_unit_job(target: Path, data: OrganizationInput,
                    opener: Opener) -> Callable[[TaskControl], Services]:
    """A worker job creating the database at ``target`` with ``data`` as its root organisation.

    On failure a file it created is removed again, so nothing half-made is left behind.
    """
    def job(_control: TaskControl) -> Services:
        existed = target.exists()
        target.parent.mkdir(parents=True, exist_ok=True)
        services = opener(target)
        try:
            services.organizations.create(data)
        except BaseException:
            services.close()
            if not existed:
                remove_database(target)
            raise
        return services

    return job
