; Counter 综合窗口受理台: Windows installer (NSIS 3, Unicode, Simplified Chinese UI).
;
; Packs a PyInstaller one-folder build ("Counter", see installer/counter.spec) into one
; setup .exe: per-machine install under Program Files (64-bit), Start-menu and desktop
; shortcuts, an entry in "Apps & features", and an uninstaller that removes the program
; only: the data folders (database, settings, printed PDFs) are never touched.
;
;   makensis -INPUTCHARSET UTF8 -DAPP_DIR=dist\Counter -DVERSION=0.1.0 ^
;            -DOUTFILE=dist\Counter-0.1.0-setup.exe installer\windows\counter.nsi
; (installer/build_nsis.sh and installer/build_windows.ps1 pass these for you.)

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel admin

!ifndef APP_DIR
  !error "pass -DAPP_DIR=<the PyInstaller one-folder Counter directory>"
!endif
!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef VERSION4
  !define VERSION4 "${VERSION}.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "Counter-${VERSION}-setup.exe"
!endif
!ifndef ICON
  !define ICON "${__FILEDIR__}/../../resources/icons/counter.ico"
!endif

!define APP_NAME "综合窗口受理台"
!define APP_FULLNAME "Counter 综合窗口受理台"
!define PUBLISHER "罗山县政务服务和大数据管理局"
!define APP_EXE "counter-app.exe"
!define ADMIN_EXE "counter-admin.exe"
!define UNINSTALL_EXE "uninstall.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Counter"
!define SM_FOLDER "$SMPROGRAMS\${APP_FULLNAME}"

Name "${APP_FULLNAME}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\Counter"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP_FULLNAME} ${VERSION}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "启动${APP_NAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${APP_FULLNAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${APP_FULLNAME} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "${PUBLISHER}"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APP_NAME}需要 64 位 Windows（Windows 10 或更新版本）。"
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "!${APP_NAME}（必选）" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program's own files; nothing else in the folder is touched.
  RMDir /r "$INSTDIR\_internal"
  File /r "${APP_DIR}/*"
  WriteUninstaller "$INSTDIR\${UNINSTALL_EXE}"

  CreateDirectory "${SM_FOLDER}"
  CreateShortcut "${SM_FOLDER}\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  CreateShortcut "${SM_FOLDER}\卸载${APP_NAME}.lnk" "$INSTDIR\${UNINSTALL_EXE}"

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_FULLNAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALL_EXE}"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALL_EXE}" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "桌面快捷方式" SecDesktop
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecMain} "程序文件、开始菜单快捷方式和卸载程序。"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "在桌面上放一个${APP_NAME}的快捷方式。"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; The uninstaller removes exactly what the installer put in place. Each Windows user's data
; folder (%LOCALAPPDATA%\LuoshanHall\Counter, or whatever --data-dir / COUNTER_DATA_DIR
; names) is left alone, and $INSTDIR itself goes only if nothing else is left in it.
Section "Uninstall"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  Delete "${SM_FOLDER}\${APP_NAME}.lnk"
  Delete "${SM_FOLDER}\卸载${APP_NAME}.lnk"
  RMDir "${SM_FOLDER}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${ADMIN_EXE}"
  Delete "$INSTDIR\${UNINSTALL_EXE}"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd
