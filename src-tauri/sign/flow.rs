//! Signing as a user asks for it on this PC, shared by the app's "Ký số…" dialog and
//! `baocao ky`: the certificates as the user chooses among them (the token's, through its
//! PKCS#11 library, or on Windows the store's), one signature made with a PIN that lives only
//! as long as the call (or that Windows asks itself), and the name of the signed file.
//!
//! No Tauri here: the app's commands (app/sign.rs) only pick files and pass the answers on.

use chrono::{DateTime, FixedOffset};
use secrecy::SecretString;
use serde::Serialize;

use super::cert::CertInfo;
use super::token::Module;
use super::{cert, cert_store, sign_pdf, RawSigner, Role, SignRequest};
use crate::error::{Error, Result};

/// A certificate of the token as the dialog lists it, in Vietnamese.
#[derive(Debug, Clone, Serialize)]
pub struct CertChoice {
    /// The token's label for it: what signing asks for.
    pub label: String,
    pub name: String,
    pub issuer: String,
    /// "31/12/2027".
    pub expiry: String,
    /// "ca-nhan" or "co-quan": the role it signs in.
    pub role: &'static str,
    /// "cá nhân" or "cơ quan".
    pub role_text: &'static str,
    /// Why it cannot sign today (expired, not yet valid, key too short); `None` when it can.
    pub problem: Option<String>,
}

pub fn role_code(r: Role) -> &'static str {
    match r {
        Role::CaNhan => "ca-nhan",
        Role::CoQuan => "co-quan",
    }
}

fn role_text(r: Role) -> &'static str {
    match r {
        Role::CaNhan => "cá nhân",
        Role::CoQuan => "cơ quan",
    }
}

/// How the dialog shows the certificate labelled `label` at `now`.
fn choice_of(label: &str, info: &CertInfo, now: DateTime<FixedOffset>) -> CertChoice {
    CertChoice {
        label: label.to_string(),
        name: info.name.clone(),
        issuer: info.issuer.clone(),
        expiry: info.not_after.format("%d/%m/%Y").to_string(),
        role: role_code(info.role),
        role_text: role_text(info.role),
        problem: info.check_before_signing(now).err().map(|e| e.message),
    }
}

/// The certificates a document is signed with (the authorities' certificates a token also
/// carries are left out), the organisation's after the persons'.
fn signing_choices<'a>(
    certs: impl Iterator<Item = (&'a str, &'a CertInfo)>,
    now: DateTime<FixedOffset>,
) -> Vec<CertChoice> {
    let mut out: Vec<CertChoice> = certs
        .filter(|(_, info)| info.for_signing)
        .map(|(label, info)| choice_of(label, info, now))
        .collect();
    out.sort_by_key(|c| (c.role != "ca-nhan", c.name.clone()));
    out
}

/// The certificates of `module`'s tokens a document is signed with.
pub fn choices(module: &Module, now: DateTime<FixedOffset>) -> Result<Vec<CertChoice>> {
    let certs = module.certificates()?;
    Ok(signing_choices(
        certs.iter().map(|c| (c.label.as_str(), &c.info)),
        now,
    ))
}

/// The certificates with a private key in the user's Windows store a document is signed with.
pub fn store_choices(now: DateTime<FixedOffset>) -> Result<Vec<CertChoice>> {
    let certs = cert_store::certificates()?;
    Ok(signing_choices(
        certs.iter().map(|c| (c.label.as_str(), &c.info)),
        now,
    ))
}

/// What one signature needs besides the token.
pub struct Signing<'a> {
    /// The PDF to sign (sign-ready, or already signed by the person).
    pub pdf: &'a [u8],
    /// The token's label of the certificate to sign with.
    pub label: &'a str,
    pub role: Role,
    /// The signature or seal image (PNG); none for an appendix signed by the organisation.
    pub image: Option<&'a [u8]>,
    /// More certificates of the chain, from a file the user gave.
    pub extra_chain: Vec<Vec<u8>>,
    pub time: DateTime<FixedOffset>,
}

/// Signs `s.pdf` with the certificate labelled `s.label`: the certificate is checked before
/// the PIN is used (an expired one never costs a try of the PIN), the PIN is dropped as soon as
/// the token has accepted it, and the token logs out when the signature is made. Returns the
/// whole signed file; nothing is written here.
pub fn sign_with_token(module: &Module, pin: SecretString, s: Signing) -> Result<Vec<u8>> {
    let cert = module.certificate(s.label)?;
    cert.info.check_before_signing(s.time)?;
    let mut chain = vec![cert.info.der.clone()];
    chain.extend(module.issuers_of(&cert)?);
    let mut signer = module.signer(&cert, &pin)?;
    drop(pin);
    sign_with(s, chain, &mut signer)
}

/// The signature of `s` made by `signer`, with the signer's `chain` and the user's extra
/// certificates in it.
fn sign_with(s: Signing, mut chain: Vec<Vec<u8>>, signer: &mut dyn RawSigner) -> Result<Vec<u8>> {
    chain.extend(s.extra_chain);
    let req = SignRequest {
        role: s.role,
        image: s.image,
        chain,
        time: s.time,
    };
    sign_pdf(s.pdf, &req, signer)
}

/// Signs `s.pdf` with the certificate of the Windows store labelled `s.label` (its thumbprint):
/// checked before the key is touched, the PIN asked by Windows itself (the token's own
/// window, in front of `owner`, the app's window, when given), the chain taken from the
/// stores. Returns the whole signed file; nothing is written here.
pub fn sign_with_store(s: Signing, owner: Option<isize>) -> Result<Vec<u8>> {
    let cert = cert_store::certificate(s.label)?;
    cert.info.check_before_signing(s.time)?;
    let mut chain = vec![cert.info.der.clone()];
    for der in cert_store::issuers_of(&cert) {
        if !chain.contains(&der) {
            chain.push(der);
        }
    }
    let mut signer = cert_store::signer(&cert, owner)?;
    sign_with(s, chain, &mut signer)
}

/// What the open report still leaves blank for the văn thư's pen (the number, the day or the
/// month of "ngày … tháng … năm"), said before a sign-ready copy of it is signed: once signed,
/// the blank cannot be filled by hand, and the electronic document would be issued without it.
/// `None` when nothing is blank.
pub fn blanks_before_signing(report: &crate::model::Report) -> Option<String> {
    let mut blank = Vec::new();
    if report.number.is_none() {
        blank.push("số");
    }
    if report.date.day.is_none() || report.date.month.is_none() {
        blank.push("ngày tháng");
    }
    if blank.is_empty() {
        return None;
    }
    let what = blank.join(" và ");
    Some(format!(
        "Báo cáo đang soạn chưa có {what} ban hành. Văn bản đã ký số không điền tay được nữa: hãy nhờ văn thư cấp {what}, điền vào báo cáo rồi mới ký (trừ khi hệ thống quản lý văn bản của cơ quan tự cấp khi ký)."
    ))
}

/// The time a signature made now carries: Vietnam time.
pub fn now() -> DateTime<FixedOffset> {
    chrono::Utc::now().with_timezone(&cert::vietnam())
}

/// The signed file's name from the signed one's: "X - 05-06-2026.pdf" becomes
/// "X - 05-06-2026 - đã ký.pdf" after the person and "X - 05-06-2026 - đã ký, đóng dấu.pdf"
/// after the organisation (the person's mark replaced, not repeated).
pub fn signed_name(input: &str, role: Role) -> String {
    let stem = input
        .strip_suffix(".pdf")
        .or_else(|| input.strip_suffix(".PDF"))
        .unwrap_or(input);
    let stem = stem
        .strip_suffix(" - đã ký, đóng dấu")
        .or_else(|| stem.strip_suffix(" - đã ký"))
        .unwrap_or(stem);
    match role {
        Role::CaNhan => format!("{stem} - đã ký.pdf"),
        Role::CoQuan => format!("{stem} - đã ký, đóng dấu.pdf"),
    }
}

/// The PNG check for a signature or seal image the user picks: a PNG that decodes, with a
/// transparent background (an image without transparency would cover the text under the seal).
pub fn check_image(bytes: &[u8], role: Role) -> Result<()> {
    let what = match role {
        Role::CaNhan => "chữ ký",
        Role::CoQuan => "con dấu",
    };
    let pic = super::appearance::decode_png(bytes).map_err(|_| {
        Error::input(format!(
            "Hình {what} phải là tệp PNG đọc được. Hãy chọn tệp .png có nền trong suốt."
        ))
    })?;
    if pic.alpha.is_none() {
        return Err(Error::input(format!(
            "Hình {what} không có nền trong suốt nên sẽ che chữ bên dưới. Hãy chọn tệp PNG có nền trong suốt."
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_module_that_is_missing_or_not_pkcs11_is_refused_in_vietnamese() {
        let dir = tempfile::tempdir().unwrap();
        let missing = Module::load(&dir.path().join("khong-co.so")).err().unwrap();
        assert!(
            missing.message.starts_with("Không tìm thấy thư viện ký số"),
            "{}",
            missing.message
        );
        let fake = dir.path().join("khong-phai-pkcs11.dll");
        std::fs::write(&fake, b"MZ not a library").unwrap();
        let wrong = Module::load(&fake).err().unwrap();
        assert!(
            wrong.message.starts_with("Không nạp được thư viện ký số")
                && wrong.message.contains("PKCS#11 của nhà cung cấp"),
            "{}",
            wrong.message
        );
    }

    #[test]
    fn only_a_document_with_the_seals_field_wants_the_seal_image() {
        let report = crate::import::import_text(include_str!(
            "../../assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md"
        ))
        .unwrap();
        let fonts = crate::text::FontSet::get();
        let doc = crate::layout::layout(&report, &crate::text::Measurer::new(fonts));
        let at = chrono::NaiveDate::from_ymd_opt(2026, 6, 20)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap();
        let ready = crate::paint::pdf::write_pdf_with_fields(
            &doc,
            fonts,
            at,
            &crate::paint::pdf::signature_fields(&doc, fonts),
        )
        .unwrap();
        assert!(super::super::wants_seal_image(&ready));
        let plain = crate::paint::pdf::write_pdf_with_fields(&doc, fonts, at, &[]).unwrap();
        assert!(!super::super::wants_seal_image(&plain));
        let stamp = crate::paint::pdf::write_pdf_with_fields(
            &doc,
            fonts,
            at,
            &crate::paint::pdf::stamp_field(&report, &doc),
        )
        .unwrap();
        assert!(!super::super::wants_seal_image(&stamp));
    }

    #[test]
    fn the_blanks_left_for_the_van_thu_are_said_before_signing() {
        let mut report = crate::import::import_text(include_str!(
            "../../assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md"
        ))
        .unwrap();
        // The sample, as printed for the wet signature: "Số:   /BC-UBND", "ngày   tháng   năm 2026".
        let said = blanks_before_signing(&report).unwrap();
        assert!(
            said.starts_with("Báo cáo đang soạn chưa có số và ngày tháng ban hành.")
                && said.contains("hãy nhờ văn thư cấp số và ngày tháng"),
            "{said}"
        );
        report.number = Some(125);
        let said = blanks_before_signing(&report).unwrap();
        assert!(said.contains("chưa có ngày tháng ban hành"), "{said}");
        report.date = crate::model::DocDate::from_ymd(2026, 6, 20);
        assert_eq!(blanks_before_signing(&report), None);
        report.number = None;
        assert!(blanks_before_signing(&report)
            .unwrap()
            .contains("chưa có số ban hành"));
    }

    #[test]
    fn signed_names_say_who_signed_without_repeating() {
        let a = signed_name("Báo cáo Tình hình - 05-06-2026.pdf", Role::CaNhan);
        assert_eq!(a, "Báo cáo Tình hình - 05-06-2026 - đã ký.pdf");
        let b = signed_name(&a, Role::CoQuan);
        assert_eq!(b, "Báo cáo Tình hình - 05-06-2026 - đã ký, đóng dấu.pdf");
        assert_eq!(
            signed_name("phu-luc.PDF", Role::CoQuan),
            "phu-luc - đã ký, đóng dấu.pdf"
        );
    }
}
