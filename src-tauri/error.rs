//! One error type for the whole engine: what went wrong, said in Vietnamese for the user.
//!
//! Every message a user can see says what is wrong and what to do. The CLI prints it on one
//! line; the app shows it in the window.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The user's input (a file, a field) is wrong; the message says how to fix it.
    Input,
    /// Reading or writing a file failed.
    Io,
    /// The database failed or is damaged.
    Storage,
    /// A bug: something the program should never do. Still reported, never a panic.
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    /// Vietnamese, one line, says what to do.
    pub message: String,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
        }
    }
    pub fn input(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Input, message)
    }
    pub fn io(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Io, message)
    }
    pub fn storage(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Storage, message)
    }
    pub fn internal(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Internal, message)
    }

    /// An I/O failure on `path`, in Vietnamese, keeping the system's reason for the expert.
    pub fn from_io(action: &str, path: &std::path::Path, e: &std::io::Error) -> Error {
        Error::from_io_cause(action, path, e, io_cause(e, false))
    }

    /// [`Error::from_io`] for a rename over an existing `path`: there Windows answers "access
    /// denied" (5) when another program holds the target open.
    pub fn from_io_replacing(action: &str, path: &std::path::Path, e: &std::io::Error) -> Error {
        Error::from_io_cause(action, path, e, io_cause(e, path.exists()))
    }

    /// Refusing to replace `path`, a file marked read-only.
    pub fn read_only_file(action: &str, path: &std::path::Path) -> Error {
        Error::io(format!(
            "Không {action} được “{}”: tệp này được đặt là chỉ đọc (Read-only) nên Báo cáo không ghi đè. Hãy lưu với tên khác, hoặc bỏ thuộc tính chỉ đọc của tệp (chuột phải → Properties) rồi thử lại.",
            path.display()
        ))
    }

    fn from_io_cause(
        action: &str,
        path: &std::path::Path,
        e: &std::io::Error,
        cause: IoCause,
    ) -> Error {
        let hint = match cause {
            IoCause::InUse => {
                return Error::io(format!(
                    "Không {action} được “{}”. Tệp đang được mở trong chương trình khác (ví dụ trình đọc PDF). Hãy đóng tệp đó rồi thử lại. ({e})",
                    path.display()
                ))
            }
            IoCause::DiskFull => "ổ đĩa đã đầy; hãy giải phóng chỗ trống hoặc chọn ổ khác",
            IoCause::ReadOnly => "ổ đĩa chỉ cho đọc (USB khóa ghi?); hãy chọn ổ khác",
            IoCause::DriveGone => {
                "không tới được ổ đĩa (USB đã rút, hoặc ổ mạng mất kết nối); hãy cắm lại hoặc chọn ổ khác"
            }
            IoCause::NotFound => "không tìm thấy tệp hoặc thư mục; hãy kiểm tra lại đường dẫn",
            IoCause::NoPermission => {
                "không có quyền truy cập; hãy chọn thư mục khác hoặc hỏi quản trị máy"
            }
            IoCause::Exists => "tệp đã có; hãy chọn tên khác",
            IoCause::Other => "hãy kiểm tra ổ đĩa và thử lại",
        };
        Error::io(format!(
            "Không {action} được “{}”: {hint} ({e}).",
            path.display()
        ))
    }
}

/// What a failed file operation means for the user. The one place where raw OS error codes
/// (Windows' and the Unix ones) become something a user can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoCause {
    /// Another program holds the file (a PDF reader, an antivirus, OneDrive).
    InUse,
    DiskFull,
    /// A write-protected or read-only drive.
    ReadOnly,
    /// The drive is gone (a USB stick pulled out, a network drive disconnected).
    DriveGone,
    NotFound,
    NoPermission,
    Exists,
    Other,
}

/// The cause of `e`. `replacing`: the operation renames over an existing file, where Windows
/// says "access denied" when another program holds the target.
pub fn io_cause(e: &std::io::Error, replacing: bool) -> IoCause {
    use std::io::ErrorKind as K;
    let raw = e.raw_os_error().and_then(|code| {
        if cfg!(windows) {
            windows_cause(code, replacing)
        } else {
            unix_cause(code)
        }
    });
    if let Some(cause) = raw {
        return cause;
    }
    match e.kind() {
        K::NotFound => IoCause::NotFound,
        K::PermissionDenied => IoCause::NoPermission,
        K::AlreadyExists => IoCause::Exists,
        K::StorageFull => IoCause::DiskFull,
        K::ReadOnlyFilesystem => IoCause::ReadOnly,
        _ => IoCause::Other,
    }
}

/// Windows' system error codes (`GetLastError`) that std maps to no specific `ErrorKind`, or to
/// one that says too little.
pub fn windows_cause(code: i32, replacing: bool) -> Option<IoCause> {
    match code {
        // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION, ERROR_USER_MAPPED_FILE.
        32 | 33 | 1224 => Some(IoCause::InUse),
        // ERROR_ACCESS_DENIED: on a rename over an existing file, a reader holding it open.
        5 if replacing => Some(IoCause::InUse),
        // ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL.
        39 | 112 => Some(IoCause::DiskFull),
        // ERROR_WRITE_PROTECT.
        19 => Some(IoCause::ReadOnly),
        // ERROR_NOT_READY, ERROR_BAD_NETPATH, ERROR_NETNAME_DELETED, ERROR_BAD_NET_NAME,
        // ERROR_DEV_NOT_EXIST, ERROR_UNEXP_NET_ERR, ERROR_NETWORK_UNREACHABLE.
        21 | 53 | 64 | 67 | 55 | 59 | 1231 => Some(IoCause::DriveGone),
        _ => None,
    }
}

/// The Unix `errno` values with a cause of their own (same numbers on Linux and macOS).
pub fn unix_cause(code: i32) -> Option<IoCause> {
    match code {
        // EBUSY, ETXTBSY.
        16 | 26 => Some(IoCause::InUse),
        // ENOSPC.
        28 => Some(IoCause::DiskFull),
        // EROFS.
        30 => Some(IoCause::ReadOnly),
        // ENXIO, ENODEV: the device went away.
        6 | 19 => Some(IoCause::DriveGone),
        _ => None,
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn windows_sharing_and_lock_violations_say_which_program_to_close() {
        assert_eq!(windows_cause(32, false), Some(IoCause::InUse));
        assert_eq!(windows_cause(33, false), Some(IoCause::InUse));
        // "Access denied" means a held file only when renaming over one.
        assert_eq!(windows_cause(5, true), Some(IoCause::InUse));
        assert_eq!(windows_cause(5, false), None);
        assert_eq!(windows_cause(112, false), Some(IoCause::DiskFull));
        assert_eq!(windows_cause(39, false), Some(IoCause::DiskFull));
        assert_eq!(windows_cause(19, false), Some(IoCause::ReadOnly));
        assert_eq!(windows_cause(21, false), Some(IoCause::DriveGone));
        assert_eq!(windows_cause(53, false), Some(IoCause::DriveGone));
        assert_eq!(windows_cause(2, false), None);
        let e = Error::from_io_cause(
            "ghi",
            Path::new("Báo cáo.pdf"),
            &std::io::Error::other("os error 32"),
            IoCause::InUse,
        );
        assert!(
            e.message.contains(
                "Tệp đang được mở trong chương trình khác (ví dụ trình đọc PDF). Hãy đóng tệp đó rồi thử lại."
            ),
            "{}",
            e.message
        );
    }

    #[test]
    fn unix_codes_and_std_kinds_map_the_same_way() {
        assert_eq!(unix_cause(16), Some(IoCause::InUse));
        assert_eq!(unix_cause(28), Some(IoCause::DiskFull));
        assert_eq!(unix_cause(30), Some(IoCause::ReadOnly));
        assert_eq!(unix_cause(2), None);
        #[cfg(unix)]
        {
            let full = std::io::Error::from_raw_os_error(28);
            assert_eq!(io_cause(&full, false), IoCause::DiskFull);
            let e = Error::from_io("ghi", Path::new("/media/usb/a.db"), &full);
            assert!(e.message.contains("ổ đĩa đã đầy"), "{}", e.message);
            let missing = std::io::Error::from_raw_os_error(2);
            assert_eq!(io_cause(&missing, false), IoCause::NotFound);
        }
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(io_cause(&denied, false), IoCause::NoPermission);
    }

    /// Runs on the Windows workflow: the errors std really gives there.
    #[cfg(windows)]
    #[test]
    fn windows_raw_errors_reach_the_user_as_what_to_do() {
        let held = std::io::Error::from_raw_os_error(32);
        assert_eq!(io_cause(&held, false), IoCause::InUse);
        let e = Error::from_io("ghi", Path::new(r"D:\Báo cáo.pdf"), &held);
        assert!(
            e.message.contains("Hãy đóng tệp đó rồi thử lại"),
            "{}",
            e.message
        );
        let denied = std::io::Error::from_raw_os_error(5);
        assert_eq!(io_cause(&denied, true), IoCause::InUse);
        assert_eq!(io_cause(&denied, false), IoCause::NoPermission);
        let full = std::io::Error::from_raw_os_error(112);
        assert_eq!(io_cause(&full, false), IoCause::DiskFull);
    }
}
