; Khối Desktop — Inno Setup script for the Windows installer (Vietnamese wizard).
;
; Build the PyInstaller bundle first (dist\KhoiDesktop, see packaging\README.md), then:
;   ISCC packaging\installer.iss                     version read from dist\KhoiDesktop\KhoiDesktop.exe
;   ISCC /DAppVersion=0.1.0 packaging\installer.iss  or given explicitly
; Output: dist\KhoiDesktop-Setup-<version>.exe. Needs Inno Setup 6.3 or later.
;
; Language: Inno Setup ships no official Vietnamese translation. Rather than bundle the
; unofficial, third-party Vietnamese.isl (whose licence we have not verified), the
; Vietnamese texts below are our own translation, under this project's licence: the
; messages a clerk meets (wizard pages, buttons, progress, common errors, uninstall) are
; translated in [Messages]; any message not listed falls back to Inno Setup's English.
; Message names change between Inno Setup versions: ISCC warns about, and ignores, names
; it does not know, so a few are given under both their old and new names.
;
; User data: the database, backups, logs and settings live in %LOCALAPPDATA%\KhoiDesktop and
; HKCU\Software\KhoiDesktop, outside {app}. Nothing here deletes them: there is deliberately
; no [UninstallDelete] entry for them, and the uninstall messages say the data is kept.
; This file is UTF-8 with a byte order mark; keep it so (ISCC needs the mark for Vietnamese).

#define AppName "Khối Desktop"
#define AppExeName "KhoiDesktop.exe"
#define BundleDir AddBackslash(SourcePath) + "..\dist\KhoiDesktop"
#define IconFile AddBackslash(SourcePath) + "..\build\khoi.ico"

#if !FileExists(BundleDir + "\" + AppExeName)
  #error "dist\KhoiDesktop\KhoiDesktop.exe is missing: build packaging\khoi_desktop.spec first."
#endif
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(BundleDir + "\" + AppExeName, "ProductVersion")
#endif
#if AppVersion == ""
  #error "No version: KhoiDesktop.exe has no version information; pass /DAppVersion=x.y.z."
#endif
#define NumericVersion GetVersionNumbersString(BundleDir + "\" + AppExeName)

[Setup]
; AppId identifies the program for updates and uninstall: never change it.
AppId={{D0B0459E-091E-4249-9103-1F5A8EC47DCE}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Khối Desktop
AppCopyright=© Khối Desktop
DefaultDirName={autopf}\KhoiDesktop
DisableProgramGroupPage=yes
; Administrators install for all users into Program Files; a clerk without admin rights
; can choose "only for me" (installs into %LOCALAPPDATA%\Programs\KhoiDesktop).
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ShowLanguageDialog=no
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
SetupLogging=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExeName}
OutputDir=..\dist
OutputBaseFilename=KhoiDesktop-Setup-{#AppVersion}
#if FileExists(IconFile)
SetupIconFile={#IconFile}
#endif
Compression=lzma2
SolidCompression=yes
VersionInfoVersion={#NumericVersion}
VersionInfoProductVersion={#NumericVersion}
VersionInfoProductTextVersion={#AppVersion}
VersionInfoCompany=Khối Desktop
VersionInfoProductName={#AppName}
VersionInfoDescription=Chương trình cài đặt {#AppName}

[Languages]
Name: "vi"; MessagesFile: "compiler:Default.isl"

[LangOptions]
; Language options must name their language (ISCC refuses them for "all languages").
vi.LanguageName=Ti<1EBF>ng Vi<1EC7>t
vi.LanguageID=$042A
vi.LanguageCodePage=0

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An update replaces the whole bundle, so files dropped from a newer build do not linger.
; Only the program folder: the user's data is elsewhere and is never touched.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
; runasoriginaluser: the first start must create the data folder of the clerk, not of the
; administrator account that ran Setup.
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent runasoriginaluser

[CustomMessages]
NameAndVersion=%1 phiên bản %2
AdditionalIcons=Lối tắt:
CreateDesktopIcon=Tạo lối tắt trên &màn hình nền (Desktop)
UninstallProgram=Gỡ bỏ %1
LaunchProgram=Mở %1 ngay
AppComment=Quản lý công tác đảng của chi bộ, đảng bộ cơ sở (không cần Internet)

[Messages]
; --- What this program says about the user's data ---
ConfirmUninstall=Bạn có chắc muốn gỡ bỏ %1 khỏi máy tính?%n%nDỮ LIỆU CỦA BẠN ĐƯỢC GIỮ NGUYÊN: cơ sở dữ liệu, các bản sao lưu và nhật ký trong thư mục %%LOCALAPPDATA%%\KhoiDesktop của từng người dùng không bị xóa. Khi cài lại, phần mềm mở lại đúng dữ liệu đó.
UninstalledAll=Đã gỡ bỏ %1 khỏi máy tính.%n%nDữ liệu của bạn vẫn nằm trong thư mục %%LOCALAPPDATA%%\KhoiDesktop (ví dụ C:\Users\(tên người dùng)\AppData\Local\KhoiDesktop). Chỉ xóa thư mục đó bằng tay khi chắc chắn không cần nữa, và nên chép một bản sao lưu ra nơi khác trước.
UninstalledMost=Đã gỡ bỏ %1.%n%nMột số tệp của chương trình không xóa được; bạn có thể tự xóa chúng. Dữ liệu của bạn trong %%LOCALAPPDATA%%\KhoiDesktop được giữ nguyên.
; --- Titles ---
SetupAppTitle=Cài đặt
SetupWindowTitle=Cài đặt – %1
UninstallAppTitle=Gỡ bỏ
UninstallAppFullTitle=Gỡ bỏ %1
InformationTitle=Thông tin
ConfirmTitle=Xác nhận
ErrorTitle=Lỗi
; --- Start-up ---
SetupLdrStartupMessage=Chương trình sẽ cài đặt %1. Bạn có muốn tiếp tục không?
LdrCannotCreateTemp=Không tạo được tệp tạm. Đã dừng cài đặt
LdrCannotExecTemp=Không chạy được tệp trong thư mục tạm. Đã dừng cài đặt
SetupFileMissing=Thiếu tệp %1 trong thư mục cài đặt. Hãy lấy lại bản cài đặt khác.
SetupFileCorrupt=Các tệp cài đặt bị hỏng. Hãy lấy lại bản cài đặt khác.
SetupFileCorruptOrWrongVer=Các tệp cài đặt bị hỏng hoặc không hợp với phiên bản chương trình cài đặt này. Hãy lấy lại bản cài đặt khác.
SetupAlreadyRunning=Chương trình cài đặt đang chạy.
WindowsVersionNotSupported=Chương trình này không chạy trên phiên bản Windows của máy tính này.
WinVersionTooLowError=Chương trình này cần %1 phiên bản %2 trở lên.
OnlyOnTheseArchitectures=Chương trình này chỉ cài được trên Windows dành cho các loại bộ xử lý sau:%n%n%1
AdminPrivilegesRequired=Bạn cần đăng nhập bằng tài khoản quản trị (administrator) để cài đặt chương trình này.
SetupAppRunningError=%1 đang chạy.%n%nHãy đóng phần mềm, rồi bấm OK để tiếp tục, hoặc Hủy để thoát.
UninstallAppRunningError=%1 đang chạy.%n%nHãy đóng phần mềm, rồi bấm OK để tiếp tục, hoặc Hủy để thoát.
PrivilegesRequiredOverrideInstruction=Chọn cách cài đặt
PrivilegesRequiredOverrideTaskDialogText1=%1 có thể được cài cho mọi người dùng trên máy (cần quyền quản trị), hoặc chỉ cho riêng bạn.
PrivilegesRequiredOverrideMsgBoxText1=%1 có thể được cài cho mọi người dùng trên máy (nên chọn, nhưng cần quyền quản trị), hoặc chỉ cho riêng bạn.%n%nCài cho mọi người dùng?
PrivilegesRequiredOverrideTaskDialogText2=%1 có thể được cài chỉ cho riêng bạn, hoặc cho mọi người dùng trên máy (cần quyền quản trị).
PrivilegesRequiredOverrideMsgBoxText2=%1 có thể được cài chỉ cho riêng bạn (nên chọn), hoặc cho mọi người dùng trên máy (cần quyền quản trị).%n%nChỉ cài cho riêng bạn?
PrivilegesRequiredOverrideAllUsers=Cài cho &mọi người dùng
PrivilegesRequiredOverrideCurrentUser=Chỉ cài cho &riêng tôi
PrivilegesRequiredOverrideRecommended=%1 (nên chọn)
; (Inno Setup 6.1–6.4 names of the same dialog; each version ignores the names it does not know)
PrivilegesRequiredOverrideTitle=Chọn cách cài đặt
PrivilegesRequiredOverrideText1=%1 có thể được cài cho mọi người dùng trên máy (cần quyền quản trị), hoặc chỉ cho riêng bạn.
PrivilegesRequiredOverrideText2=%1 có thể được cài chỉ cho riêng bạn, hoặc cho mọi người dùng trên máy (cần quyền quản trị).
PrivilegesRequiredOverrideAllUsersRecommended=Cài cho &mọi người dùng (nên chọn)
PrivilegesRequiredOverrideCurrentUserRecommended=Chỉ cài cho &riêng tôi (nên chọn)
ErrorCreatingDir=Không tạo được thư mục "%1"
; --- Common ---
ExitSetupTitle=Thoát cài đặt
ExitSetupMessage=Việc cài đặt chưa xong. Nếu thoát bây giờ, phần mềm sẽ không được cài.%n%nBạn có thể chạy lại chương trình cài đặt vào lúc khác.%n%nThoát cài đặt?
AboutSetupMenuItem=&Về chương trình cài đặt...
AboutSetupTitle=Về chương trình cài đặt
ButtonBack=< &Quay lại
ButtonNext=&Tiếp >
ButtonInstall=&Cài đặt
ButtonOK=OK
ButtonCancel=Hủy
ButtonYes=&Có
ButtonYesToAll=Có với &tất cả
ButtonNo=&Không
ButtonNoToAll=K&hông với tất cả
ButtonFinish=&Xong
ButtonBrowse=&Chọn...
ButtonWizardBrowse=C&họn...
ButtonNewFolder=&Tạo thư mục mới
SelectLanguageTitle=Chọn ngôn ngữ cài đặt
SelectLanguageLabel=Chọn ngôn ngữ dùng trong khi cài đặt:
ClickNext=Bấm Tiếp để tiếp tục, hoặc Hủy để thoát.
BrowseDialogTitle=Chọn thư mục
BrowseDialogLabel=Chọn một thư mục trong danh sách dưới đây, rồi bấm OK.
NewFolderName=Thư mục mới
; --- Wizard pages ---
WelcomeLabel1=Chào mừng bạn đến với chương trình cài đặt [name]
WelcomeLabel2=Chương trình sẽ cài [name/ver] vào máy tính của bạn.%n%nBạn nên đóng các phần mềm khác trước khi tiếp tục.
WizardSelectDir=Chọn nơi cài đặt
SelectDirDesc=Cài [name] vào đâu?
SelectDirLabel3=[name] sẽ được cài vào thư mục sau.
SelectDirBrowseLabel=Bấm Tiếp để tiếp tục. Nếu muốn chọn thư mục khác, bấm Chọn.
DiskSpaceMBLabel=Cần ít nhất [mb] MB dung lượng trống trên ổ đĩa.
DiskSpaceGBLabel=Cần ít nhất [gb] GB dung lượng trống trên ổ đĩa.
CannotInstallToNetworkDrive=Không thể cài vào ổ mạng.
CannotInstallToUNCPath=Không thể cài vào đường dẫn mạng (UNC).
InvalidPath=Hãy nhập đường dẫn đầy đủ có tên ổ đĩa, ví dụ:%n%nC:\APP%n%nhoặc đường dẫn mạng dạng:%n%n\\server\share
InvalidDrive=Ổ đĩa hoặc thư mục chia sẻ bạn chọn không có hoặc không truy cập được. Hãy chọn nơi khác.
DiskSpaceWarningTitle=Không đủ dung lượng đĩa
DiskSpaceWarning=Cần ít nhất %1 KB dung lượng trống để cài đặt, nhưng ổ đĩa đã chọn chỉ còn %2 KB.%n%nBạn vẫn muốn tiếp tục?
DirNameTooLong=Tên thư mục hoặc đường dẫn quá dài.
InvalidDirName=Tên thư mục không hợp lệ.
BadDirName32=Tên thư mục không được chứa các ký tự sau:%n%n%1
DirExistsTitle=Thư mục đã có
DirExists=Thư mục:%n%n%1%n%nđã có. Bạn vẫn muốn cài vào thư mục đó?
DirDoesntExistTitle=Thư mục chưa có
DirDoesntExist=Thư mục:%n%n%1%n%nchưa có. Bạn có muốn tạo thư mục này không?
WizardSelectTasks=Chọn việc làm thêm
SelectTasksDesc=Bạn muốn làm thêm những việc nào?
SelectTasksLabel2=Chọn các việc muốn làm thêm khi cài [name], rồi bấm Tiếp.
WizardReady=Sẵn sàng cài đặt
ReadyLabel1=Đã sẵn sàng cài [name] vào máy tính của bạn.
ReadyLabel2a=Bấm Cài đặt để bắt đầu, hoặc bấm Quay lại nếu muốn xem lại hay thay đổi lựa chọn.
ReadyLabel2b=Bấm Cài đặt để bắt đầu.
ReadyMemoDir=Nơi cài đặt:
ReadyMemoGroup=Thư mục trong menu Start:
ReadyMemoTasks=Việc làm thêm:
WizardPreparing=Chuẩn bị cài đặt
PreparingDesc=Đang chuẩn bị cài [name] vào máy tính của bạn.
PreviousInstallNotCompleted=Lần cài đặt hoặc gỡ bỏ một phần mềm trước đó chưa hoàn tất. Cần khởi động lại máy tính để hoàn tất việc đó.%n%nSau khi khởi động lại, hãy chạy lại chương trình cài đặt để cài [name].
CannotContinue=Không thể tiếp tục cài đặt. Bấm Hủy để thoát.
ApplicationsFound=Các phần mềm sau đang dùng những tệp cần cập nhật. Nên để chương trình cài đặt tự đóng chúng.
ApplicationsFound2=Các phần mềm sau đang dùng những tệp cần cập nhật. Nên để chương trình cài đặt tự đóng chúng. Cài xong, chương trình cài đặt sẽ thử mở lại chúng.
CloseApplications=&Tự động đóng các phần mềm này
DontCloseApplications=&Không đóng các phần mềm này
ErrorCloseApplications=Không tự đóng được tất cả các phần mềm. Trước khi tiếp tục, hãy tự đóng các phần mềm đang dùng những tệp cần cập nhật.
WizardInstalling=Đang cài đặt
InstallingLabel=Vui lòng chờ trong khi [name] được cài vào máy tính của bạn.
FinishedHeadingLabel=Đã cài xong [name]
FinishedLabelNoIcons=[name] đã được cài vào máy tính của bạn.
FinishedLabel=[name] đã được cài vào máy tính của bạn. Có thể mở phần mềm bằng lối tắt trong menu Start hoặc trên màn hình nền.
ClickFinish=Bấm Xong để kết thúc.
FinishedRestartLabel=Để cài xong [name], cần khởi động lại máy tính. Bạn có muốn khởi động lại ngay không?
FinishedRestartMessage=Để cài xong [name], cần khởi động lại máy tính.%n%nBạn có muốn khởi động lại ngay không?
YesRadio=&Có, khởi động lại máy ngay
NoRadio=&Không, tôi sẽ khởi động lại sau
RunEntryExec=Mở %1
RunEntryShellExec=Xem %1
; --- Installing ---
SetupAborted=Việc cài đặt chưa hoàn tất.%n%nHãy khắc phục sự cố rồi chạy lại chương trình cài đặt.
AbortRetryIgnoreChooseAction=Chọn cách xử lý
AbortRetryIgnoreRetry=Thử lại
AbortRetryIgnoreProceedAnyway=Vẫn tiếp tục
AbortRetryIgnoreCancel=Hủy cài đặt
AbortRetryIgnoreSelectAction=Chọn cách xử lý
AbortRetryIgnoreIgnore=&Bỏ qua lỗi và tiếp tục
StatusClosingApplications=Đang đóng các phần mềm...
StatusCreateDirs=Đang tạo thư mục...
StatusExtractFiles=Đang chép tệp...
StatusCreateIcons=Đang tạo lối tắt...
StatusCreateIniEntries=Đang ghi tệp cấu hình...
StatusCreateRegistryEntries=Đang ghi registry...
StatusRegisterFiles=Đang đăng ký tệp...
StatusSavingUninstall=Đang lưu thông tin gỡ bỏ...
StatusRunProgram=Đang hoàn tất cài đặt...
StatusRestartingApplications=Đang mở lại các phần mềm...
StatusRollback=Đang hoàn tác các thay đổi...
ErrorInternal2=Lỗi nội bộ: %1
ErrorFunctionFailedNoCode=%1 không thành công
ErrorFunctionFailed=%1 không thành công; mã %2
ErrorFunctionFailedWithMessage=%1 không thành công; mã %2.%n%3
ErrorExecutingProgram=Không chạy được tệp:%n%1
FileAbortRetryIgnoreSkipNotRecommended=Bỏ qua tệp này (không nên)
FileAbortRetryIgnoreProceedAnywayNotRecommended=Vẫn tiếp tục (không nên)
FileAbortRetryIgnoreIgnoreNotRecommended=&Bỏ qua lỗi và tiếp tục (không nên)
SourceIsCorrupted=Tệp nguồn bị hỏng
SourceDoesntExist=Không có tệp nguồn "%1"
ExistingFileReadOnly=Tệp hiện có đang ở chế độ chỉ đọc.
ExistingFileReadOnly2=Không thay được tệp hiện có vì nó đang ở chế độ chỉ đọc.
ExistingFileReadOnlyRetry=Bỏ chế độ chỉ đọc rồi thử lại
ExistingFileReadOnlySkip=Bỏ qua tệp này
ErrorReadingExistingDest=Có lỗi khi đọc tệp hiện có:
FileExists=Tệp đã có.%n%nBạn có muốn ghi đè không?
ExistingFileNewer=Tệp hiện có mới hơn tệp sắp cài. Nên giữ tệp hiện có.%n%nGiữ tệp hiện có?
ErrorChangingAttr=Có lỗi khi thay đổi thuộc tính của tệp hiện có:
ErrorCreatingTemp=Có lỗi khi tạo tệp trong thư mục cài đặt:
ErrorReadingSource=Có lỗi khi đọc tệp nguồn:
ErrorCopying=Có lỗi khi chép tệp:
ErrorReplacingExistingFile=Có lỗi khi thay tệp hiện có:
ErrorRenamingTemp=Có lỗi khi đổi tên tệp trong thư mục cài đặt:
ErrorRestartingComputer=Không khởi động lại được máy tính. Hãy tự khởi động lại.
UninstallDisplayNameMarkAllUsers=Mọi người dùng
UninstallDisplayNameMarkCurrentUser=Người dùng hiện tại
; --- Uninstall ---
UninstallNotFound=Không có tệp "%1". Không gỡ bỏ được.
UninstallOpenError=Không mở được tệp "%1". Không gỡ bỏ được
UninstallUnsupportedVer=Tệp nhật ký gỡ bỏ "%1" có định dạng mà chương trình gỡ bỏ này không đọc được. Không gỡ bỏ được
UninstallUnknownEntry=Gặp mục không rõ (%1) trong nhật ký gỡ bỏ
OnlyAdminCanUninstall=Chỉ người dùng có quyền quản trị mới gỡ bỏ được bản cài đặt này.
UninstallStatusLabel=Vui lòng chờ trong khi %1 được gỡ khỏi máy tính của bạn.
UninstalledAndNeedsRestart=Để gỡ xong %1, cần khởi động lại máy tính.%n%nBạn có muốn khởi động lại ngay không?
UninstallDataCorrupted=Tệp "%1" bị hỏng. Không gỡ bỏ được
WizardUninstalling=Tình trạng gỡ bỏ
StatusUninstalling=Đang gỡ bỏ %1...
ShutdownBlockReasonInstallingApp=Đang cài đặt %1.
ShutdownBlockReasonUninstallingApp=Đang gỡ bỏ %1.
