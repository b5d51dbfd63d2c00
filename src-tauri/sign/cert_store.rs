//! The second way to sign on Windows: the certificates the token's own software has put in the
//! user's Windows certificate store ("Personal", `CurrentUser\MY`), the way Word and Acrobat
//! sign. The key stays where the vendor's key storage provider keeps it (the token, through
//! its minidriver); Windows itself asks for the PIN in its own window, so the app never sees
//! it.
//!
//! Only keys reached through CNG (`NCryptSignHash`) can sign RSASSA-PSS, which Thông tư
//! 15/2025/TT-BKHCN asks for; a key held by an old CryptoAPI provider (CSP) is refused with a
//! message that points to the PKCS#11 way, never signed with PKCS#1 v1.5 behind the user's back.
//!
//! Elsewhere than Windows the store does not exist: [`AVAILABLE`] is false and every call says
//! so in Vietnamese.

use super::cert::CertInfo;
use crate::error::{Error, Result};

/// Whether this system has a Windows certificate store (the app offers the way only then).
pub const AVAILABLE: bool = cfg!(windows);

/// A certificate of the store that has a private key, with the label that names it: its
/// SHA-1 thumbprint in capitals, as Windows' own certificate window shows it.
#[derive(Debug, Clone)]
pub struct StoreCert {
    pub label: String,
    pub info: CertInfo,
}

/// The store's certificate labelled `label` (its thumbprint, spaces and case ignored), or
/// whose holder's name is `label`.
pub fn certificate(label: &str) -> Result<StoreCert> {
    let all = certificates()?;
    let wanted: String = label
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    all.iter()
        .find(|c| c.label == wanted)
        .or_else(|| all.iter().find(|c| c.info.name == label))
        .cloned()
        .ok_or_else(|| {
            Error::input(format!(
                "Không có chứng thư “{label}” trong kho chứng thư của Windows. Hãy cắm thiết bị ký số (phần mềm của nhà cung cấp đưa chứng thư vào kho khi thiết bị được cắm) rồi gõ “baocao ky --danh-sach --kho-windows” để xem."
            ))
        })
}

#[cfg(not(windows))]
mod imp {
    use super::*;

    fn absent() -> Error {
        Error::input(
            "Kho chứng thư của Windows chỉ có trên Windows. Hãy ký bằng thư viện PKCS#11 của thiết bị ký số.",
        )
    }

    pub fn certificates() -> Result<Vec<StoreCert>> {
        Err(absent())
    }

    pub fn issuers_of(_: &StoreCert) -> Vec<Vec<u8>> {
        Vec::new()
    }

    pub struct StoreSigner(());

    pub fn signer(_: &StoreCert, _: Option<isize>) -> Result<StoreSigner> {
        Err(absent())
    }

    impl super::super::RawSigner for StoreSigner {
        fn sign_pss_sha256(&mut self, _: &[u8]) -> Result<Vec<u8>> {
            Err(absent())
        }
    }
}

#[cfg(windows)]
mod imp {
    use super::*;
    use sha2::{Digest, Sha256};
    use windows::core::w;
    use windows::Win32::Security::Cryptography::*;

    /// The user's "Personal" store, closed when dropped.
    struct Store(HCERTSTORE);

    impl Store {
        fn open() -> Result<Store> {
            // SAFETY: a system store opened by name; the handle is closed in Drop.
            unsafe {
                CertOpenStore(
                    CERT_STORE_PROV_SYSTEM_W,
                    CERT_QUERY_ENCODING_TYPE(0),
                    None,
                    CERT_OPEN_STORE_FLAGS(CERT_SYSTEM_STORE_CURRENT_USER | CERT_STORE_READONLY_FLAG.0),
                    Some(w!("MY").as_ptr() as *const core::ffi::c_void),
                )
            }
            .map(Store)
            .map_err(|e| {
                Error::io(format!(
                    "Không mở được kho chứng thư của Windows ({}). Hãy thử lại, hoặc ký bằng thư viện PKCS#11 của thiết bị.",
                    code(&e)
                ))
            })
        }

        /// Each certificate of the store, as a context the caller owns.
        fn each(&self, mut f: impl FnMut(*const CERT_CONTEXT)) {
            let mut prev: Option<*const CERT_CONTEXT> = None;
            loop {
                // SAFETY: the enumeration frees the previous context it is given.
                let c = unsafe { CertEnumCertificatesInStore(self.0, prev) };
                if c.is_null() {
                    break;
                }
                f(c);
                prev = Some(c);
            }
        }
    }

    impl Drop for Store {
        fn drop(&mut self) {
            // SAFETY: the store opened in `open`, closed once.
            let _ = unsafe { CertCloseStore(Some(self.0), 0) };
        }
    }

    fn code(e: &windows::core::Error) -> String {
        format!("mã {:#010X}", e.code().0 as u32)
    }

    /// The DER bytes of a context.
    ///
    /// SAFETY: `c` is a live certificate context.
    unsafe fn der_of(c: *const CERT_CONTEXT) -> Vec<u8> {
        let c = &*c;
        std::slice::from_raw_parts(c.pbCertEncoded, c.cbCertEncoded as usize).to_vec()
    }

    /// The SHA-1 thumbprint Windows shows for `c`, in capitals.
    ///
    /// SAFETY: `c` is a live certificate context.
    unsafe fn thumbprint(c: *const CERT_CONTEXT) -> String {
        let mut hash = [0u8; 20];
        let mut size = hash.len() as u32;
        if CertGetCertificateContextProperty(
            c,
            CERT_SHA1_HASH_PROP_ID,
            Some(hash.as_mut_ptr() as *mut core::ffi::c_void),
            &mut size,
        )
        .is_err()
        {
            return String::new();
        }
        hash[..size as usize]
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect()
    }

    /// Whether Windows knows a private key for `c` (the vendor's provider, a token's key).
    ///
    /// SAFETY: `c` is a live certificate context.
    unsafe fn has_key(c: *const CERT_CONTEXT) -> bool {
        let mut size = 0u32;
        CertGetCertificateContextProperty(c, CERT_KEY_PROV_INFO_PROP_ID, None, &mut size).is_ok()
            && size > 0
    }

    pub fn certificates() -> Result<Vec<StoreCert>> {
        let store = Store::open()?;
        let mut out = Vec::new();
        store.each(|c| {
            // SAFETY: `c` is live until the next step of the enumeration.
            let (der, key, label) = unsafe { (der_of(c), has_key(c), thumbprint(c)) };
            if !key {
                return;
            }
            if let Ok(info) = CertInfo::from_der(&der) {
                out.push(StoreCert { label, info });
            }
        });
        Ok(out)
    }

    /// A duplicate of the store's context for `cert`, freed when dropped.
    struct Context(*const CERT_CONTEXT);

    impl Drop for Context {
        fn drop(&mut self) {
            // SAFETY: a context duplicated in `find`, freed once.
            let _ = unsafe { CertFreeCertificateContext(Some(self.0)) };
        }
    }

    fn find(cert: &StoreCert) -> Result<Context> {
        let store = Store::open()?;
        let mut found = None;
        store.each(|c| {
            // SAFETY: `c` is live here; the duplicate outlives the enumeration.
            if found.is_none() && unsafe { der_of(c) } == cert.info.der {
                found = Some(Context(unsafe { CertDuplicateCertificateContext(Some(c)) }));
            }
        });
        found.ok_or_else(|| {
            Error::io(format!(
                "Chứng thư của “{}” không còn trong kho chứng thư của Windows: thiết bị ký số có thể đã bị rút ra. Hãy cắm lại thiết bị rồi ký lại. Tệp chưa ký vẫn giữ nguyên.",
                cert.info.name
            ))
        })
    }

    /// The certificates Windows chains `cert` to (its issuer, the issuer's issuer…), from the
    /// stores the token's software filled: the chain put in the signature. Nothing fetched
    /// from the network (the PC has none).
    pub fn issuers_of(cert: &StoreCert) -> Vec<Vec<u8>> {
        let Ok(ctx) = find(cert) else {
            return Vec::new();
        };
        let para = CERT_CHAIN_PARA {
            cbSize: std::mem::size_of::<CERT_CHAIN_PARA>() as u32,
            ..Default::default()
        };
        let mut chain: *mut CERT_CHAIN_CONTEXT = std::ptr::null_mut();
        // SAFETY: the chain context is read while alive and freed below.
        unsafe {
            if CertGetCertificateChain(
                None,
                ctx.0,
                None,
                None,
                &para,
                CERT_CHAIN_CACHE_ONLY_URL_RETRIEVAL,
                None,
                &mut chain,
            )
            .is_err()
                || chain.is_null()
            {
                return Vec::new();
            }
            let mut out = Vec::new();
            let cc = &*chain;
            if cc.cChain > 0 {
                let simple = &**cc.rgpChain;
                let elements =
                    std::slice::from_raw_parts(simple.rgpElement, simple.cElement as usize);
                for e in elements.iter().skip(1) {
                    let der = der_of((**e).pCertContext);
                    // The root trusted by Windows is put in too: the verifier finds it either way.
                    out.push(der);
                }
            }
            CertFreeCertificateChain(chain);
            out
        }
    }

    /// The private key of a store certificate, through CNG.
    pub struct StoreSigner {
        key: NCRYPT_KEY_HANDLE,
        free: bool,
        name: String,
    }

    /// The key of `cert`. `owner` is the app's window: Windows' PIN window opens in front of
    /// it, not behind it where the user would think the app hung.
    pub fn signer(cert: &StoreCert, owner: Option<isize>) -> Result<StoreSigner> {
        let ctx = find(cert)?;
        let mut handle = HCRYPTPROV_OR_NCRYPT_KEY_HANDLE::default();
        let mut spec = CERT_KEY_SPEC::default();
        let mut free = windows::core::BOOL::default();
        // SAFETY: out-parameters of the right types; the key is freed in Drop when asked.
        let got = unsafe {
            CryptAcquireCertificatePrivateKey(
                ctx.0,
                CRYPT_ACQUIRE_ONLY_NCRYPT_KEY_FLAG | CRYPT_ACQUIRE_COMPARE_KEY_FLAG,
                None,
                &mut handle,
                Some(&mut spec),
                Some(&mut free),
            )
        };
        let legacy = || {
            Error::input(format!(
                "Khóa của chứng thư “{}” do trình cung cấp mật mã kiểu cũ (CSP) của Windows giữ, không ký được theo RSASSA-PSS như Thông tư 15/2025/TT-BKHCN yêu cầu. Hãy ký bằng thư viện PKCS#11 của thiết bị (nút “Chọn thư viện của thiết bị…”). Tệp chưa ký vẫn giữ nguyên.",
                cert.info.name
            ))
        };
        match got {
            Ok(()) if spec == CERT_NCRYPT_KEY_SPEC => {
                let key = NCRYPT_KEY_HANDLE(handle.0);
                tell_the_pin_window(key, owner);
                Ok(StoreSigner {
                    key,
                    free: free.as_bool(),
                    name: cert.info.name.clone(),
                })
            }
            Ok(()) => {
                // A CryptoAPI provider's handle (Windows without the flag honoured: Wine).
                if free.as_bool() {
                    // SAFETY: the legacy provider handle just acquired, released once.
                    let _ = unsafe { CryptReleaseContext(handle.0, 0) };
                }
                Err(legacy())
            }
            Err(e)
                if e.code() == windows::Win32::Foundation::NTE_BAD_PROVIDER
                    || e.code() == windows::Win32::Foundation::NTE_PROV_TYPE_NOT_DEF =>
            {
                Err(legacy())
            }
            Err(e) => Err(store_error(&cert.info.name, &e)),
        }
    }

    /// What the token's PIN window shows: in front of the app's window, saying what the PIN is
    /// for. Best effort: a provider without these properties (a software key) asks nothing.
    fn tell_the_pin_window(key: NCRYPT_KEY_HANDLE, owner: Option<isize>) {
        let handle = NCRYPT_HANDLE(key.0);
        if let Some(hwnd) = owner {
            // SAFETY: the property's value is the window handle's bytes, copied by the call.
            let _ = unsafe {
                NCryptSetProperty(
                    handle,
                    NCRYPT_WINDOW_HANDLE_PROPERTY,
                    &hwnd.to_ne_bytes(),
                    NCRYPT_FLAGS(0),
                )
            };
        }
        let context: Vec<u8> = "Báo cáo: ký số văn bản"
            .encode_utf16()
            .chain(std::iter::once(0))
            .flat_map(u16::to_le_bytes)
            .collect();
        // SAFETY: a NUL-terminated UTF-16 string, copied by the call.
        let _ = unsafe {
            NCryptSetProperty(
                handle,
                NCRYPT_USE_CONTEXT_PROPERTY,
                &context,
                NCRYPT_FLAGS(0),
            )
        };
    }

    /// A CNG or smart-card failure in Vietnamese, saying what to do.
    fn store_error(name: &str, e: &windows::core::Error) -> Error {
        use windows::Win32::Foundation::*;
        let c = e.code();
        let hint = if c == NTE_USER_CANCELLED || c == SCARD_W_CANCELLED_BY_USER {
            return Error::input("Đã hủy nhập mã PIN nên chưa ký. Tệp chưa ký vẫn giữ nguyên.");
        } else if c == SCARD_W_WRONG_CHV {
            return Error::input(
                "Mã PIN không đúng. Hãy ký lại và nhập đúng mã PIN; lưu ý thiết bị sẽ bị khóa nếu nhập sai nhiều lần.",
            );
        } else if c == SCARD_W_CHV_BLOCKED {
            return Error::input(
                "Thiết bị ký số đã bị khóa vì nhập sai mã PIN nhiều lần. Hãy liên hệ nhà cung cấp để mở khóa.",
            );
        } else if c == SCARD_E_NO_SMARTCARD
            || c == SCARD_W_REMOVED_CARD
            || c == SCARD_E_READER_UNAVAILABLE
            || c == SCARD_E_NO_READERS_AVAILABLE
            || c == NTE_DEVICE_NOT_READY
        {
            "thiết bị ký số đã bị rút ra hoặc không phản hồi; hãy cắm lại thiết bị rồi ký lại"
        } else if c == NTE_NO_KEY || c == NTE_BAD_KEYSET {
            "Windows không tìm thấy khóa bí mật của chứng thư này; hãy cắm thiết bị ký số chứa nó, hoặc chọn chứng thư khác"
        } else {
            "hãy kiểm tra thiết bị ký số đã cắm và phần mềm của nhà cung cấp đã cài, rồi thử lại"
        };
        Error::io(format!(
            "Không thể ký bằng chứng thư “{name}” trong kho của Windows: {hint}. Tệp chưa ký vẫn giữ nguyên. ({})",
            code(e)
        ))
    }

    impl super::super::RawSigner for StoreSigner {
        fn sign_pss_sha256(&mut self, message: &[u8]) -> Result<Vec<u8>> {
            let digest = Sha256::digest(message);
            let padding = BCRYPT_PSS_PADDING_INFO {
                pszAlgId: BCRYPT_SHA256_ALGORITHM,
                cbSalt: super::super::cms::PSS_SALT as u32,
            };
            let pad = Some(&padding as *const _ as *const core::ffi::c_void);
            let mut len = 0u32;
            // SAFETY: the two-call pattern: the size first, then a buffer of that size; the
            // padding info lives across both calls.
            unsafe {
                NCryptSignHash(self.key, pad, &digest, None, &mut len, NCRYPT_PAD_PSS_FLAG)
                    .map_err(|e| store_error(&self.name, &e))?;
                let mut sig = vec![0u8; len as usize];
                NCryptSignHash(
                    self.key,
                    pad,
                    &digest,
                    Some(&mut sig),
                    &mut len,
                    NCRYPT_PAD_PSS_FLAG,
                )
                .map_err(|e| store_error(&self.name, &e))?;
                sig.truncate(len as usize);
                Ok(sig)
            }
        }
    }

    impl Drop for StoreSigner {
        fn drop(&mut self) {
            if self.free {
                // SAFETY: the key acquired in `signer`, freed once.
                let _ = unsafe { NCryptFreeObject(NCRYPT_HANDLE(self.key.0)) };
            }
        }
    }
}

pub use imp::{certificates, issuers_of, signer, StoreSigner};

/// On Windows the store is tested for real: tests/sign_windows_store.rs.
#[cfg(all(test, not(windows)))]
mod tests {
    use super::*;

    #[test]
    fn elsewhere_than_windows_the_store_says_it_is_absent() {
        let e = certificates().err().unwrap();
        assert!(e.message.contains("chỉ có trên Windows"), "{}", e.message);
        let e = certificate("ABC").err().unwrap();
        assert!(e.message.contains("chỉ có trên Windows"), "{}", e.message);
    }
}
