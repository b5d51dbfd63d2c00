//! The app's test seams: environment variables that answer a dialog or slow a step down so that
//! the end-to-end tests can drive the real window. Read here only, and only in debug builds: the
//! app a user installs (a release build) never looks at them, so a stray variable on an office
//! PC cannot redirect an export or a restore.

use std::path::PathBuf;

/// Exports and "Lưu bản nháp ra tệp…" go to this folder instead of the save dialog.
pub const EXPORT_DIR: &str = "BAOCAO_EXPORT_DIR";
/// The folder picked for the backups ("Chọn thư mục…").
pub const BACKUP_FOLDER: &str = "BAOCAO_BACKUP_FOLDER";
/// The backup file picked to restore ("Khôi phục từ tệp…").
pub const RESTORE_FILE: &str = "BAOCAO_RESTORE_FILE";
/// Printing goes to this PDF file (the system's print-to-file printer) instead of a printer.
pub const PRINT_TO_FILE: &str = "BAOCAO_PRINT_TO_FILE";
/// Milliseconds the day's backup into the chosen folder waits before it starts (a slow USB
/// stick).
pub const SLOW_BACKUP_MS: &str = "BAOCAO_TEST_SLOW_BACKUP_MS";
/// "Tổng hợp": the template picked ("Chọn mẫu…").
pub const CHON_MAU: &str = "BAOCAO_TEST_CHON_MAU";
/// "Tổng hợp": the units' files picked ("Chọn báo cáo các đơn vị…"), joined like `PATH`.
pub const CHON_DON_VI: &str = "BAOCAO_TEST_CHON_DON_VI";
/// "Ký số": the token's PKCS#11 library picked ("Chọn thư viện…").
pub const CHON_THU_VIEN: &str = "BAOCAO_TEST_CHON_THU_VIEN";
/// "Ký số": the signature image picked ("Chọn hình chữ ký…").
pub const CHON_HINH_CHU_KY: &str = "BAOCAO_TEST_CHON_HINH_CHU_KY";
/// "Ký số": the seal image picked ("Chọn hình con dấu…").
pub const CHON_HINH_CON_DAU: &str = "BAOCAO_TEST_CHON_HINH_CON_DAU";
/// "Ký số" and "Kiểm tra chữ ký số": the PDF picked.
pub const CHON_PDF: &str = "BAOCAO_TEST_CHON_PDF";
/// "Thêm chứng thư gốc tin cậy…": the root certificate file picked.
pub const CHON_GOC: &str = "BAOCAO_TEST_CHON_GOC";
/// The panic of a window that cannot be made, on demand.
pub const PANIC_AT_START: &str = "BAOCAO_TEST_PANIC_AT_START";

/// The value of seam `var` when it is set and not empty, in a debug build; else `None`.
pub fn value(var: &str) -> Option<std::ffi::OsString> {
    if !cfg!(debug_assertions) {
        return None;
    }
    std::env::var_os(var).filter(|v| !v.is_empty())
}

/// [`value`] as a path.
pub fn path(var: &str) -> Option<PathBuf> {
    value(var).map(PathBuf::from)
}

/// Whether seam `var` is set (debug builds only).
pub fn is_set(var: &str) -> bool {
    value(var).is_some()
}

/// [`value`] as a number of milliseconds.
pub fn millis(var: &str) -> Option<u64> {
    value(var)?.to_str()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seams_are_read_only_by_debug_builds() {
        std::env::set_var("BAOCAO_TEST_SEAM_PROBE", "/tmp/x");
        let got = path("BAOCAO_TEST_SEAM_PROBE");
        if cfg!(debug_assertions) {
            assert_eq!(got, Some(PathBuf::from("/tmp/x")));
        } else {
            assert_eq!(got, None);
        }
        std::env::set_var("BAOCAO_TEST_SEAM_PROBE", "");
        assert_eq!(path("BAOCAO_TEST_SEAM_PROBE"), None);
    }
}
