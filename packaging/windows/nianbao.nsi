; NSIS script of the nianbao installer for Windows 10/11 x64: a per-user install, no administrator rights.
;
; Built on Linux by packaging/windows/build (makensis -INPUTCHARSET UTF8 -DVERSION=… -DSTAGE=… -DOUTFILE=…),
; from the folder packaging/windows/stage.py lays out; tried under Wine by packaging/windows/ci.
;
; Installs to %LOCALAPPDATA%\Programs\nianbao: nianbao.exe (the window), nianbao-cli.exe (the command
; line), python\ (the embeddable CPython) and lib\ (PySide6, reportlab, openpyxl, the application and
; its fonts).  Adds the Start-menu entry 政府信息公开年报, associates *.nianbao under HKCU\Software\Classes,
; and registers the uninstaller in Apps & Features (HKCU).  Nothing is downloaded.  The uninstaller
; removes only what the installer put there; the clerk's reports, settings and autosaves (in
; %APPDATA%\nianbao) stay.  Silent: nianbao-setup-<version>.exe /S [/D=folder], uninstall.exe /S.

Target amd64-unicode   ; a 64-bit installer for a 64-bit program (and Wine without its 32-bit half runs it)
!include "MUI2.nsh"
!include "x64.nsh"
!include "WinVer.nsh"
!include "FileFunc.nsh"

!ifndef VERSION
  !error "makensis -DVERSION=x.y.z -DSTAGE=folder -DOUTFILE=setup.exe"
!endif
!define APPNAME "政府信息公开年报"
!define APPKEY "nianbao"
!define PROGID "nianbao.report"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPKEY}"
!define ICON "${STAGE}\nianbao.ico"

Name "${APPNAME}"
Caption "${APPNAME} ${VERSION} 安装"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APPKEY}"
InstallDirRegKey HKCU "Software\${APPKEY}" "InstallDir"
SetCompressor /SOLID lzma
SetCompressorDictSize 32
ManifestDPIAware true
ManifestSupportedOS all
BrandingText "nianbao ${VERSION}"
SetDateSave off

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "GPL-3.0-or-later"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\nianbao.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
    MessageBox MB_ICONSTOP "${APPNAME} 需要 64 位 Windows 10 或 Windows 11。" /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
  SetRegView 64
FunctionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

Section "install"
  SetOutPath "$INSTDIR"
  ; An update replaces the runtime and the libraries whole: no file of an older version stays behind.
  RMDir /r "$INSTDIR\python"
  RMDir /r "$INSTDIR\lib"
  File /r "${STAGE}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\nianbao.exe" "" "$INSTDIR\nianbao.ico" 0

  WriteRegStr HKCU "Software\${APPKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "Software\Classes\.nianbao" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "政府信息公开工作年度报告"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\nianbao.ico"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\nianbao.exe" "%1"'

  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "nianbao"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\nianbao.ico"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0
  ; Tell Explorer about the new association.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "uninstall"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  ; The .nianbao extension is released only if it still points at us.
  ReadRegStr $0 HKCU "Software\Classes\.nianbao" ""
  ${If} $0 == "${PROGID}"
    DeleteRegKey HKCU "Software\Classes\.nianbao"
  ${EndIf}
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "Software\${APPKEY}"
  ; Only what the installer put there: a folder chosen by the clerk keeps anything else it holds.
  RMDir /r "$INSTDIR\python"
  RMDir /r "$INSTDIR\lib"
  Delete "$INSTDIR\nianbao.exe"
  Delete "$INSTDIR\nianbao-cli.exe"
  Delete "$INSTDIR\nianbao.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
