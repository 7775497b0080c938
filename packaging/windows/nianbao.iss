; Inno Setup script for nianbao on Windows 10/11 — a per-user install, no administrator rights.
;
; Build on Windows (it cannot be built on our Linux machines, so it is kept small and
; reviewed rather than tested in CI):
;   1. py -3.11 -m pip install . "pyinstaller>=6.3"
;   2. py -3.11 -m PyInstaller --noconfirm --clean --distpath dist packaging\nianbao.spec
;      → dist\nianbao\ with nianbao.exe (the window) and nianbao-cli.exe (the command line)
;   3. "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\nianbao.iss
; Result: dist\nianbao-setup-<version>.exe.  Before shipping, try it on a clean Windows 10
; user account: install without administrator rights, open a *.nianbao file by double
; click, export a PDF, uninstall.
;
; What it does: installs dist\nianbao\ to %LOCALAPPDATA%\Programs\nianbao, adds a Start menu
; entry (and optionally a desktop icon), associates *.nianbao with the application
; under HKCU\Software\Classes, and uninstalls cleanly.  The user's reports, settings and
; autosave files (in %APPDATA%\nianbao\nianbao) are left in place on uninstall.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "政府信息公开年报"
#define AppExe "nianbao.exe"

[Setup]
AppId={{6B0E5E2C-2F5B-4C1E-9D8B-6E3C1B0A2024}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=nianbao
DefaultDirName={autopf}\nianbao
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=nianbao-setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\nianbao.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\nianbao\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA is HKCU for a per-user install: no administrator rights needed.
Root: HKA; Subkey: "Software\Classes\.nianbao"; ValueType: string; ValueName: ""; ValueData: "nianbao.report"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\nianbao.report"; ValueType: string; ValueName: ""; ValueData: "政府信息公开工作年度报告"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\nianbao.report\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\nianbao.report\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
