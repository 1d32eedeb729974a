; Duebook's Windows installer. Built on Linux with NSIS by `make installer`:
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DBUILD=1 -DEXE=Duebook.exe [-DICON=Duebook.ico]
;            -DOUTFILE=Duebook-Setup-0.1.0.exe duebook.nsi
; It installs for the current user only (no administrator rights): the program goes to
; %LocalAppData%\Programs\Duebook, the owner's book stays in %AppData%\Duebook, which neither
; installing nor uninstalling ever touches.

Unicode true
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!ifndef VERSION
  !error "pass -DVERSION=x.y.z -DBUILD=n -DEXE=path/to/Duebook.exe -DOUTFILE=path/to/setup.exe"
!endif
!ifndef BUILD
  !error "pass -DVERSION=x.y.z -DBUILD=n -DEXE=path/to/Duebook.exe -DOUTFILE=path/to/setup.exe"
!endif
!ifndef EXE
  !error "pass -DVERSION=x.y.z -DBUILD=n -DEXE=path/to/Duebook.exe -DOUTFILE=path/to/setup.exe"
!endif
!ifndef OUTFILE
  !error "pass -DVERSION=x.y.z -DBUILD=n -DEXE=path/to/Duebook.exe -DOUTFILE=path/to/setup.exe"
!endif

!define APP "Duebook"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"

!include "MUI2.nsh"
!include "FileFunc.nsh"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.${BUILD}"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}.${BUILD}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} ${VERSION} Setup"
VIAddVersionKey /LANG=0 "LegalCopyright" "${APP}"

!define MUI_ABORTWARNING
!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP}.exe"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
; The last page of the uninstaller says where the book and letters remain.
!define MUI_FINISHPAGE_TITLE "$(KeptTitle)"
!define MUI_FINISHPAGE_TEXT "$(KeptText)"
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "German"

LangString RunNow ${LANG_ENGLISH} "Open Duebook now"
LangString RunNow ${LANG_GERMAN} "Duebook jetzt öffnen"
LangString SecProgram ${LANG_ENGLISH} "Duebook and a Start menu entry"
LangString SecProgram ${LANG_GERMAN} "Duebook und ein Eintrag im Startmenü"
LangString SecDesktop ${LANG_ENGLISH} "A shortcut on the desktop"
LangString SecDesktop ${LANG_GERMAN} "Eine Verknüpfung auf dem Desktop"
LangString KeptTitle ${LANG_ENGLISH} "Duebook is removed; your book is kept"
LangString KeptTitle ${LANG_GERMAN} "Duebook ist entfernt; Ihre Buchhaltung bleibt erhalten"
LangString KeptText ${LANG_ENGLISH} "The program is gone. Your book and its backups are still in$\r$\n$APPDATA\${APP}$\r$\nand your printed letters in$\r$\n$DOCUMENTS\${APP}.$\r$\n$\r$\nInstall Duebook again to carry on where you left off, or delete those folders yourself once you no longer need them."
LangString KeptText ${LANG_GERMAN} "Das Programm ist entfernt. Ihre Buchhaltung und ihre Sicherungen liegen weiter in$\r$\n$APPDATA\${APP}$\r$\nund Ihre gedruckten Briefe in$\r$\n$DOCUMENTS\${APP}.$\r$\n$\r$\nInstallieren Sie Duebook erneut, um dort weiterzumachen, oder löschen Sie diese Ordner selbst, wenn Sie sie nicht mehr brauchen."

Section "$(SecProgram)" SecProgram
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "/oname=${APP}.exe" "${EXE}"
  WriteUninstaller "$INSTDIR\Uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${APP}.exe"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP}.exe"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

Section "$(SecDesktop)" SecDesktop
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\${APP}.exe"
SectionEnd

; Only what the installer put there is removed: never the book, its backups or the letters.
Section "Uninstall"
  SetShellVarContext current
  Delete "$DESKTOP\${APP}.lnk"
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$INSTDIR\${APP}.exe"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DetailPrint "$(KeptText)"
SectionEnd
