//! The USB token through its vendor's PKCS#11 library (`cryptoki`): load the module, list its
//! certificates, log in with the PIN and sign with RSASSA-PSS (SHA-256) on the token.
//!
//! The PIN lives in a `SecretString` only as long as the session: never stored, never logged,
//! never put in a message. A token pulled out mid-signing is an error from the module like any
//! other, told in Vietnamese; the caller has written nothing yet.

use std::path::Path;

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::mechanism::rsa::{PkcsMgfType, PkcsPssParams};
use cryptoki::mechanism::{Mechanism, MechanismType};
use cryptoki::object::{Attribute, AttributeType, CertificateType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::slot::Slot;
use secrecy::SecretString;

use super::cert::CertInfo;
use crate::error::{Error, Result};

/// A loaded PKCS#11 module.
pub struct Module {
    ctx: Pkcs11,
    path: String,
}

/// A certificate on a token, with the label that names it (`--nhan`).
#[derive(Debug, Clone)]
pub struct TokenCert {
    pub slot: u64,
    pub token: String,
    pub label: String,
    pub id: Vec<u8>,
    pub info: CertInfo,
}

/// A module's error in Vietnamese, saying what to do.
pub fn token_error(action: &str, e: &CkError) -> Error {
    let rv = match e {
        CkError::Pkcs11(rv, _) => Some(*rv),
        _ => None,
    };
    let hint = match rv {
        Some(RvError::PinIncorrect) => {
            return Error::input(
                "Mã PIN không đúng. Hãy nhập lại; lưu ý thiết bị sẽ bị khóa nếu nhập sai nhiều lần.",
            )
        }
        Some(RvError::PinLocked) => {
            return Error::input(
                "Thiết bị ký số đã bị khóa vì nhập sai mã PIN nhiều lần. Hãy liên hệ nhà cung cấp để mở khóa.",
            )
        }
        Some(RvError::PinExpired) => {
            return Error::input(
                "Mã PIN của thiết bị đã hết hạn. Hãy đổi mã PIN bằng phần mềm của nhà cung cấp rồi ký lại.",
            )
        }
        Some(
            RvError::DeviceRemoved
            | RvError::TokenNotPresent
            | RvError::SessionHandleInvalid
            | RvError::SessionClosed
            | RvError::SlotIdInvalid
            | RvError::DeviceError,
        ) => "thiết bị ký số đã bị rút ra hoặc không phản hồi; hãy cắm lại thiết bị rồi ký lại",
        _ => "hãy kiểm tra thiết bị ký số đã cắm và thư viện của nhà cung cấp, rồi thử lại",
    };
    let kept = if action.starts_with("ký") {
        " Tệp chưa ký vẫn giữ nguyên."
    } else {
        ""
    };
    // The module's own code, short, for whoever helps the user (cryptoki's text of a code is a
    // long English sentence).
    let code = match e {
        CkError::Pkcs11(rv, f) => format!("{f:?}: {rv:?}"),
        other => other.to_string(),
    };
    Error::io(format!(
        "Không thể {action}: {hint}.{kept} (PKCS#11 {code})"
    ))
}

impl Module {
    /// Loads and initialises the vendor's library at `path`.
    pub fn load(path: &Path) -> Result<Module> {
        if !path.is_file() {
            return Err(Error::input(format!(
                "Không tìm thấy thư viện ký số “{}”. Hãy chọn tệp thư viện PKCS#11 của nhà cung cấp thiết bị (ví dụ tệp .dll trong thư mục cài đặt của token).",
                path.display()
            )));
        }
        let ctx = Pkcs11::new(path).map_err(|e| {
            Error::input(format!(
                "Không nạp được thư viện ký số “{}” ({e}). Hãy chọn đúng tệp thư viện PKCS#11 của nhà cung cấp (cùng loại 64 bit với Báo cáo).",
                path.display()
            ))
        })?;
        match ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
            Ok(()) | Err(CkError::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {}
            Err(e) => return Err(token_error("khởi động thư viện ký số", &e)),
        }
        Ok(Module {
            ctx,
            path: path.display().to_string(),
        })
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    fn slots(&self) -> Result<Vec<Slot>> {
        let slots = self
            .ctx
            .get_slots_with_initialized_token()
            .map_err(|e| token_error("đọc thiết bị ký số", &e))?;
        if slots.is_empty() {
            return Err(Error::input(
                "Không thấy thiết bị ký số nào. Hãy cắm thiết bị (USB token) rồi thử lại.",
            ));
        }
        Ok(slots)
    }

    /// Every certificate on every token of the module, readable without the PIN.
    pub fn certificates(&self) -> Result<Vec<TokenCert>> {
        let mut out = Vec::new();
        for slot in self.slots()? {
            let token = self
                .ctx
                .get_token_info(slot)
                .map(|t| t.label().trim().to_string())
                .unwrap_or_default();
            let session = self
                .ctx
                .open_ro_session(slot)
                .map_err(|e| token_error("mở thiết bị ký số", &e))?;
            for (label, id, der) in certs_in(&session)? {
                if let Ok(info) = CertInfo::from_der(&der) {
                    out.push(TokenCert {
                        slot: slot.id(),
                        token: token.clone(),
                        label,
                        id,
                        info,
                    });
                }
            }
        }
        Ok(out)
    }

    /// The certificate labelled `label` (or, when no label matches, whose subject's name is
    /// `label`).
    pub fn certificate(&self, label: &str) -> Result<TokenCert> {
        let all = self.certificates()?;
        all.iter()
            .find(|c| c.label == label)
            .or_else(|| all.iter().find(|c| c.info.name == label))
            .cloned()
            .ok_or_else(|| {
                let names: Vec<String> = all.iter().map(|c| format!("“{}”", c.label)).collect();
                Error::input(format!(
                    "Không có chứng thư “{label}” trong thiết bị ký số. Các chứng thư có: {}. Gõ “baocao ky --danh-sach --module …” để xem.",
                    if names.is_empty() { "không có".to_string() } else { names.join(", ") }
                ))
            })
    }

    /// The certificates on `cert`'s token that issued it, its issuer's issuer and so on (a
    /// token often carries its CA's certificates): the chain put in the signature.
    pub fn issuers_of(&self, cert: &TokenCert) -> Result<Vec<Vec<u8>>> {
        let all: Vec<(TokenCert, x509_cert::Certificate)> = self
            .certificates()?
            .into_iter()
            .filter(|c| c.slot == cert.slot)
            .filter_map(|c| {
                let parsed = super::cert::parse(&c.info.der).ok()?;
                Some((c, parsed))
            })
            .collect();
        let mut out = Vec::new();
        let mut current = super::cert::parse(&cert.info.der)?;
        for _ in 0..8 {
            let tbs = &current.tbs_certificate;
            if tbs.issuer == tbs.subject {
                break;
            }
            let Some((c, parsed)) = all
                .iter()
                .find(|(_, p)| p.tbs_certificate.subject == tbs.issuer)
            else {
                break;
            };
            out.push(c.info.der.clone());
            current = parsed.clone();
        }
        Ok(out)
    }

    /// Logs in to `cert`'s token with `pin` and returns a signer for its private key.
    pub fn signer(&self, cert: &TokenCert, pin: &SecretString) -> Result<TokenSigner> {
        let slot = self
            .slots()?
            .into_iter()
            .find(|s| s.id() == cert.slot)
            .ok_or_else(|| {
                Error::io(
                    "Thiết bị ký số đã bị rút ra. Hãy cắm lại thiết bị rồi ký lại. Tệp chưa ký vẫn giữ nguyên.",
                )
            })?;
        let session = self
            .ctx
            .open_ro_session(slot)
            .map_err(|e| token_error("mở thiết bị ký số", &e))?;
        match session.login(UserType::User, Some(pin)) {
            Ok(()) | Err(CkError::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => {}
            Err(e) => return Err(token_error("đăng nhập thiết bị ký số", &e)),
        }
        let mut template = vec![Attribute::Class(ObjectClass::PRIVATE_KEY)];
        if !cert.id.is_empty() {
            template.push(Attribute::Id(cert.id.clone()));
        } else {
            template.push(Attribute::Label(cert.label.as_bytes().to_vec()));
        }
        let key = session
            .find_objects(&template)
            .map_err(|e| token_error("tìm khóa ký", &e))?
            .into_iter()
            .next()
            .ok_or_else(|| {
                Error::input(format!(
                    "Thiết bị không có khóa bí mật đi cùng chứng thư “{}”. Hãy chọn chứng thư khác.",
                    cert.label
                ))
            })?;
        Ok(TokenSigner { session, key })
    }
}

/// A certificate object's label, id and DER.
type CertObject = (String, Vec<u8>, Vec<u8>);

fn certs_in(session: &Session) -> Result<Vec<CertObject>> {
    let handles = session
        .find_objects(&[
            Attribute::Class(ObjectClass::CERTIFICATE),
            Attribute::CertificateType(CertificateType::X_509),
        ])
        .map_err(|e| token_error("đọc chứng thư trong thiết bị", &e))?;
    let mut out = Vec::new();
    for h in handles {
        out.push(read_cert(session, h)?);
    }
    Ok(out)
}

fn read_cert(session: &Session, h: ObjectHandle) -> Result<CertObject> {
    let attrs = session
        .get_attributes(
            h,
            &[
                AttributeType::Label,
                AttributeType::Id,
                AttributeType::Value,
            ],
        )
        .map_err(|e| token_error("đọc chứng thư trong thiết bị", &e))?;
    let (mut label, mut id, mut value) = (String::new(), Vec::new(), Vec::new());
    for a in attrs {
        match a {
            Attribute::Label(l) => label = String::from_utf8_lossy(&l).trim().to_string(),
            Attribute::Id(i) => id = i,
            Attribute::Value(v) => value = v,
            _ => {}
        }
    }
    Ok((label, id, value))
}

/// Something that signs bytes with RSASSA-PSS, SHA-256, MGF1-SHA-256, salt 32: the token, or a
/// test's key.
pub trait RawSigner {
    fn sign_pss_sha256(&mut self, message: &[u8]) -> Result<Vec<u8>>;
}

/// A logged-in session and the private key it signs with. Logs out when dropped.
pub struct TokenSigner {
    session: Session,
    key: ObjectHandle,
}

impl RawSigner for TokenSigner {
    fn sign_pss_sha256(&mut self, message: &[u8]) -> Result<Vec<u8>> {
        let params = PkcsPssParams {
            hash_alg: MechanismType::SHA256,
            mgf: PkcsMgfType::MGF1_SHA256,
            s_len: cryptoki::types::Ulong::try_from(super::cms::PSS_SALT)
                .map_err(|e| token_error("ký bằng thiết bị ký số", &e))?,
        };
        self.session
            .sign(&Mechanism::Sha256RsaPkcsPss(params), self.key, message)
            .map_err(|e| token_error("ký bằng thiết bị ký số", &e))
    }
}

impl Drop for TokenSigner {
    fn drop(&mut self) {
        let _ = self.session.logout();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cryptoki::context::Function;

    /// The message of a token pulled out while signing reads as Vietnamese does ("Không thể
    /// …"), says to plug it back in, that the unsigned file is as it was, and keeps the module's
    /// code short for whoever helps.
    #[test]
    fn a_token_pulled_out_while_signing_is_told_plainly() {
        let e = token_error(
            "ký bằng thiết bị ký số",
            &CkError::Pkcs11(RvError::DeviceRemoved, Function::Sign),
        );
        assert_eq!(
            e.message,
            "Không thể ký bằng thiết bị ký số: thiết bị ký số đã bị rút ra hoặc không phản hồi; hãy cắm lại thiết bị rồi ký lại. Tệp chưa ký vẫn giữ nguyên. (PKCS#11 Sign: DeviceRemoved)"
        );
        let pin = token_error(
            "đăng nhập thiết bị ký số",
            &CkError::Pkcs11(RvError::PinIncorrect, Function::Login),
        );
        assert!(
            pin.message.starts_with("Mã PIN không đúng."),
            "{}",
            pin.message
        );
    }
}
