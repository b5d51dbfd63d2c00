; Báo cáo: the installer's hooks (tauri.conf.json > bundle > windows > nsis > installerHooks).
;
; The user's drafts and backups live in $LOCALAPPDATA\BaoCao: a folder NOT named after the bundle
; identifier, so that the uninstaller's "delete app data" checkbox (shown on uninstall and on an
; upgrade; it removes $APPDATA\vn.gov.baocao and $LOCALAPPDATA\vn.gov.baocao, where WebView2
; keeps its profile) never reaches them. Uninstalling keeps the drafts and the backups.
;
; Saved as UTF-8 with a byte-order mark: Tauri's template includes this file without naming a
; character set, and only the mark tells makensis that the Vietnamese text is UTF-8.
; Compiled on Debian by tests/windows_ci.rs.

!include "LogicLib.nsh"
!include "WinVer.nsh"
!include "x64.nsh"

!define BAOCAO_DATA "$LOCALAPPDATA\BaoCao"
!define BAOCAO_OLD_DATA "$APPDATA\vn.gov.baocao"

; A store left by an older Báo cáo in the roaming folder is copied to the new folder before the
; checkbox can delete it (the app moves it itself at its first start otherwise; see
; src-tauri/store/location.rs). The app is closed while this runs, so the database and its WAL
; are copied together.
!macro BAOCAO_KEEP_OLD_STORE
  ${If} ${FileExists} "${BAOCAO_OLD_DATA}\baocao.db"
  ${AndIfNot} ${FileExists} "${BAOCAO_DATA}\baocao.db"
    CreateDirectory "${BAOCAO_DATA}"
    CopyFiles /SILENT "${BAOCAO_OLD_DATA}\*.*" "${BAOCAO_DATA}"
  ${EndIf}
!macroend

; Windows 7, 8 and 8.1 cannot run current Rust builds nor current WebView2, and the app is
; built for x64 only: the installer says so in Vietnamese and stops before it copies anything,
; rather than leaving an app that fails to start.
!macro BAOCAO_REQUIRE_WINDOWS_10_X64
  ${If} ${RunningX64}
  ${AndIf} ${AtLeastWin10}
  ${Else}
    MessageBox MB_OK|MB_ICONSTOP "Báo cáo cần Windows 10 hoặc Windows 11 bản 64-bit (x64).$\r$\n$\r$\nMáy này đang chạy Windows 7, 8, 8.1 hoặc Windows bản 32-bit nên không cài được. Hãy cài Báo cáo trên một máy Windows 10/11 64-bit, hoặc nhờ người phụ trách máy tính nâng cấp Windows." /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
!macroend

!macro NSIS_HOOK_PREINSTALL
  !insertmacro BAOCAO_REQUIRE_WINDOWS_10_X64
  !insertmacro BAOCAO_KEEP_OLD_STORE
!macroend

!macro NSIS_HOOK_PREUNINSTALL
  !insertmacro BAOCAO_KEEP_OLD_STORE
!macroend

; After an uninstall (not an upgrade), the user is told where the drafts are kept.
!macro NSIS_HOOK_POSTUNINSTALL
  ${If} $UpdateMode <> 1
  ${AndIf} ${FileExists} "${BAOCAO_DATA}\baocao.db"
    MessageBox MB_OK|MB_ICONINFORMATION "Các bản nháp và bản sao lưu của Báo cáo vẫn được giữ trong thư mục:$\r$\n${BAOCAO_DATA}$\r$\n$\r$\nCài lại Báo cáo là thấy lại toàn bộ báo cáo. Muốn xóa hẳn thì xóa thư mục đó." /SD IDOK
  ${EndIf}
!macroend
