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
        use std::io::ErrorKind as K;
        let hint = match e.kind() {
            K::NotFound => "không tìm thấy tệp hoặc thư mục; hãy kiểm tra lại đường dẫn",
            K::PermissionDenied => {
                "không có quyền truy cập; hãy chọn thư mục khác hoặc hỏi quản trị máy"
            }
            K::AlreadyExists => "tệp đã có; hãy chọn tên khác",
            _ => "hãy kiểm tra ổ đĩa và thử lại",
        };
        Error::io(format!(
            "Không {action} được “{}”: {hint} ({e}).",
            path.display()
        ))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
