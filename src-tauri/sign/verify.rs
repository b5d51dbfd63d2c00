//! Verification of a signed PDF, told in Vietnamese: who signed, when, whether the document
//! changed after each signature, and whether the certificate chain reaches a root the user
//! trusts.
//!
//! "Changed after" is decided the way a reader of the decree would: every byte after a
//! signature must belong to later updates that only add signatures (a signature dictionary, its
//! field filled, its images, the page's list of annotations, the form's list of fields).
//! Anything else — a page's text, a content stream, the catalog's pages — is a change.

use chrono::{DateTime, FixedOffset};
use der::{Decode, Encode};
use lopdf::{Dictionary, Object};
use x509_cert::Certificate;

use super::cert::{self, CertInfo};
use super::cms;
use crate::error::{Error, Result};

/// How the document stands after one signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum After {
    /// The signature covers the whole file.
    Nothing,
    /// Later updates only add signatures (the organisation's after the person's).
    OnlySignatures,
    /// The document was changed after this signature: what changed.
    Changed(String),
}

/// Where the chain of the signer's certificate ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chain {
    /// At this trusted root.
    Trusted(String),
    /// Not at a trusted root: why.
    Untrusted(String),
}

/// One signature's verification.
#[derive(Debug, Clone)]
pub struct SignatureReport {
    pub field: String,
    pub signer: Option<CertInfo>,
    /// `/M`, as written (Vietnam time when Báo cáo signed).
    pub time: Option<DateTime<FixedOffset>>,
    /// The signed bytes hash to the signed digest and the signature verifies with the
    /// certificate's key.
    pub intact: bool,
    /// Why not intact.
    pub problem: Option<String>,
    pub after: After,
    pub chain: Chain,
    pub sub_filter: String,
}

impl SignatureReport {
    /// Valid in itself and nothing but signatures added after it.
    pub fn ok(&self) -> bool {
        self.intact && !matches!(self.after, After::Changed(_))
    }
}

fn bad(e: impl std::fmt::Display) -> Error {
    Error::input(format!(
        "Không đọc được tệp PDF ({e}). Hãy chọn tệp PDF đã ký, còn nguyên vẹn."
    ))
}

/// Parses a PDF date `D:YYYYMMDDHHmmSS+07'00'`.
pub fn parse_pdf_date(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits: String = s.chars().take(14).collect();
    let rest = &s[digits.len().min(s.len())..];
    let naive = chrono::NaiveDateTime::parse_from_str(&digits, "%Y%m%d%H%M%S").ok()?;
    let off = match rest.chars().next() {
        Some(c @ ('+' | '-')) => {
            let n: String = rest[1..].chars().filter(|c| c.is_ascii_digit()).collect();
            let h: i32 = n.get(0..2)?.parse().ok()?;
            let m: i32 = n.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0);
            let secs = (h * 3600 + m * 60) * if c == '-' { -1 } else { 1 };
            FixedOffset::east_opt(secs)?
        }
        _ => FixedOffset::east_opt(0)?,
    };
    naive.and_local_timezone(off).single()
}

/// The signature dictionaries of `doc` with their field names, in the order of the file.
fn signatures(doc: &lopdf::Document) -> Vec<(String, Dictionary)> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (_, o) in doc.objects.iter() {
        let Ok(d) = o.as_dict() else { continue };
        let is_sig_field = d.get(b"FT").and_then(|f| f.as_name()).ok() == Some(&b"Sig"[..]);
        if !is_sig_field {
            continue;
        }
        let Ok(Object::Reference(v)) = d.get(b"V") else {
            continue;
        };
        if !seen.insert(*v) {
            continue;
        }
        let Ok(sig) = doc.get_object(*v).and_then(|s| s.as_dict()) else {
            continue;
        };
        let name = d
            .get(b"T")
            .ok()
            .and_then(|t| lopdf::decode_text_string(t).ok())
            .unwrap_or_default();
        out.push((name, sig.clone()));
    }
    out.sort_by_key(|(_, s)| byte_range(s).map(|r| r[2] + r[3]).unwrap_or(0));
    out
}

fn byte_range(sig: &Dictionary) -> Option<[usize; 4]> {
    let a = sig.get(b"ByteRange").ok()?.as_array().ok()?;
    if a.len() != 4 {
        return None;
    }
    let mut r = [0usize; 4];
    for (i, v) in a.iter().enumerate() {
        r[i] = usize::try_from(v.as_i64().ok()?).ok()?;
    }
    Some(r)
}

/// Verifies every signature of `pdf`; `trusted` are the roots the user trusts (DER).
pub fn verify_pdf(pdf: &[u8], trusted: &[Vec<u8>]) -> Result<Vec<SignatureReport>> {
    let doc = lopdf::Document::load_mem(pdf).map_err(bad)?;
    let sigs = signatures(&doc);
    let mut out = Vec::new();
    for (field, sig) in sigs {
        out.push(verify_one(pdf, &doc, field, &sig, trusted));
    }
    Ok(out)
}

fn verify_one(
    pdf: &[u8],
    doc: &lopdf::Document,
    field: String,
    sig: &Dictionary,
    trusted: &[Vec<u8>],
) -> SignatureReport {
    let time = sig
        .get(b"M")
        .ok()
        .and_then(|m| m.as_str().ok())
        .and_then(|m| parse_pdf_date(&String::from_utf8_lossy(m)));
    let sub_filter = sig
        .get(b"SubFilter")
        .ok()
        .and_then(|s| s.as_name().ok())
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .unwrap_or_default();
    let mut report = SignatureReport {
        field,
        signer: None,
        time,
        intact: false,
        problem: None,
        after: After::Nothing,
        chain: Chain::Untrusted("không có chứng thư".into()),
        sub_filter,
    };
    let Some(r) = byte_range(sig) else {
        report.problem = Some("chữ ký không có vùng ký (ByteRange) hợp lệ".into());
        return report;
    };
    let end = r[2].saturating_add(r[3]);
    if r[0] != 0 || r[1] >= r[2] || end > pdf.len() {
        report.problem = Some("vùng ký (ByteRange) không khớp với tệp".into());
        return report;
    }
    // The gap must be exactly the hex string of /Contents.
    if pdf[r[1]] != b'<' || pdf[r[2] - 1] != b'>' {
        report.problem = Some("vùng không ký không phải là chữ ký: tệp đã bị sửa".into());
        return report;
    }
    let hex = &pdf[r[1] + 1..r[2] - 1];
    let contents: Vec<u8> = hex
        .chunks(2)
        .filter_map(|p| u8::from_str_radix(std::str::from_utf8(p).ok()?, 16).ok())
        .collect();
    match check_cms(&pdf[..r[1]], &pdf[r[2]..end], &contents, time, trusted) {
        Ok((info, chain)) => {
            report.signer = Some(info);
            report.chain = chain;
            report.intact = true;
        }
        Err(e) => {
            let (info, why) = *e;
            report.signer = info;
            report.problem = Some(why);
        }
    }
    report.after = if end == pdf.len() {
        After::Nothing
    } else {
        changes_after(&pdf[..end], doc)
    };
    report
}

type Checked = std::result::Result<(CertInfo, Chain), Box<(Option<CertInfo>, String)>>;

fn check_cms(
    before: &[u8],
    after: &[u8],
    contents: &[u8],
    time: Option<DateTime<FixedOffset>>,
    trusted: &[Vec<u8>],
) -> Checked {
    let parsed = cms::parse(contents).map_err(|e| Box::new((None, e.message)))?;
    let sd = parsed.signed_data;
    let certs: Vec<Certificate> = sd
        .certificates
        .as_ref()
        .map(|c| {
            c.0.iter()
                .filter_map(|c| match c {
                    cms_cert::CertificateChoices::Certificate(c) => Some(c.clone()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let si = sd
        .signer_infos
        .0
        .iter()
        .next()
        .ok_or_else(|| Box::new((None, "chữ ký không có người ký".to_string())))?;
    let signer = match &si.sid {
        ::cms::signed_data::SignerIdentifier::IssuerAndSerialNumber(ias) => {
            certs.iter().find(|c| {
                c.tbs_certificate.issuer == ias.issuer
                    && c.tbs_certificate.serial_number == ias.serial_number
            })
        }
        _ => certs.first(),
    }
    .ok_or_else(|| Box::new((None, "chữ ký không kèm chứng thư của người ký".to_string())))?;
    let signer_der = signer
        .to_der()
        .map_err(|e| Box::new((None, e.to_string())))?;
    let info = CertInfo::from_der(&signer_der).map_err(|e| Box::new((None, e.message)))?;
    let fail = |why: &str| Box::new((Some(info.clone()), why.to_string()));
    let attrs = si
        .signed_attrs
        .as_ref()
        .ok_or_else(|| fail("chữ ký không có thuộc tính ký"))?;
    let digest = cms::digest_with(&si.digest_alg.oid, &[before, after])
        .ok_or_else(|| fail("thuật toán băm không được hỗ trợ"))?;
    let md = attrs
        .iter()
        .find(|a| a.oid == cms::OID_MESSAGE_DIGEST)
        .and_then(|a| a.values.iter().next())
        .and_then(|v| v.decode_as::<der::asn1::OctetString>().ok())
        .ok_or_else(|| fail("chữ ký thiếu mã băm của tài liệu"))?;
    if md.as_bytes() != digest.as_slice() {
        return Err(fail(
            "nội dung đã bị thay đổi sau khi ký (mã băm không khớp)",
        ));
    }
    let key = cert::rsa_key(signer).ok_or_else(|| fail("khóa của chứng thư không phải RSA"))?;
    let tbs = attrs.to_der().map_err(|e| fail(&e.to_string()))?;
    if !cms::verify_rsa(
        &key,
        &si.signature_algorithm,
        &si.digest_alg.oid,
        &tbs,
        si.signature.as_bytes(),
    ) {
        return Err(fail(
            "chữ ký không khớp với chứng thư (chữ ký giả hoặc hỏng)",
        ));
    }
    if let Some(t) = time {
        if t > info.not_after || t < info.not_before {
            return Err(fail(
                "chứng thư không còn hiệu lực vào thời điểm ghi trong chữ ký",
            ));
        }
    }
    Ok((info, chain_to_root(signer, &certs, trusted)))
}

// The crate's certificate choices (the module `cms` above is ours).
use ::cms::cert as cms_cert;

/// Whether `child`'s signature verifies with `issuer`'s key.
fn issued_by(child: &Certificate, issuer: &Certificate) -> bool {
    if child.tbs_certificate.issuer != issuer.tbs_certificate.subject {
        return false;
    }
    let (Some(key), Ok(tbs)) = (cert::rsa_key(issuer), child.tbs_certificate.to_der()) else {
        return false;
    };
    let Some(sig) = child.signature.as_bytes() else {
        return false;
    };
    cms::verify_rsa(
        &key,
        &child.signature_algorithm,
        &cms::OID_SHA256,
        &tbs,
        sig,
    )
}

/// Walks from `signer` up through `pool` (the signature's certificates) and `trusted`.
fn chain_to_root(signer: &Certificate, pool: &[Certificate], trusted: &[Vec<u8>]) -> Chain {
    let trusted: Vec<Certificate> = trusted
        .iter()
        .filter_map(|d| Certificate::from_der(d).ok())
        .collect();
    let mut current = signer.clone();
    for _ in 0..8 {
        if trusted.iter().any(|t| t == &current) {
            return Chain::Trusted(cert::common_name(&current.tbs_certificate.subject));
        }
        if let Some(root) = trusted.iter().find(|t| issued_by(&current, t)) {
            return Chain::Trusted(cert::common_name(&root.tbs_certificate.subject));
        }
        let self_signed = current.tbs_certificate.issuer == current.tbs_certificate.subject;
        if self_signed {
            return Chain::Untrusted(format!(
                "gốc “{}” không nằm trong danh sách gốc tin cậy",
                cert::common_name(&current.tbs_certificate.subject)
            ));
        }
        match pool
            .iter()
            .find(|c| *c != &current && issued_by(&current, c))
        {
            Some(next) => current = next.clone(),
            None => {
                return Chain::Untrusted(format!(
                    "không tìm thấy chứng thư của nơi cấp “{}”",
                    cert::common_name(&current.tbs_certificate.issuer)
                ))
            }
        }
    }
    Chain::Untrusted("chuỗi chứng thư quá dài".into())
}

/// Keys a later update may change on an object that existed when the signature was made,
/// when it only adds signatures.
const SIGNATURE_KEYS: [&[u8]; 6] = [b"V", b"AP", b"Annots", b"Fields", b"SigFlags", b"F"];

fn without_signature_keys(d: &Dictionary) -> Dictionary {
    let mut d = d.clone();
    for k in SIGNATURE_KEYS {
        d.remove(k);
    }
    d
}

/// What later updates changed in the objects of the revision `signed` (the bytes a signature
/// covers), compared with the whole document `now`.
fn changes_after(signed: &[u8], now: &lopdf::Document) -> After {
    let Ok(then) = lopdf::Document::load_mem(signed) else {
        return After::Changed("không đọc được bản đã ký".into());
    };
    for (id, old) in then.objects.iter() {
        let Some(new) = now.objects.get(id) else {
            return After::Changed(format!("đối tượng {} đã bị xóa", id.0));
        };
        if old == new {
            continue;
        }
        let same = match (old, new) {
            (Object::Dictionary(a), Object::Dictionary(b)) => {
                let acroform = |d: &Dictionary| {
                    let mut d = without_signature_keys(d);
                    if let Ok(Object::Dictionary(f)) = d.get(b"AcroForm") {
                        d.set("AcroForm", without_signature_keys(f));
                    }
                    d
                };
                let was_empty_field = a.get(b"V").is_err();
                let only_sig = acroform(a) == acroform(b);
                only_sig && (was_empty_field || a.get(b"V").ok() == b.get(b"V").ok())
            }
            _ => false,
        };
        if !same {
            return After::Changed(describe(old, id.0));
        }
    }
    After::OnlySignatures
}

fn describe(o: &Object, n: u32) -> String {
    let kind = match o {
        Object::Stream(s) => {
            if s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(&b"Image"[..]) {
                "một hình ảnh"
            } else {
                "nội dung trang"
            }
        }
        Object::Dictionary(d) => match d.get(b"Type").and_then(|t| t.as_name()).ok() {
            Some(b"Page") => "một trang",
            Some(b"Catalog") => "cấu trúc tài liệu",
            _ => "một đối tượng",
        },
        _ => "một đối tượng",
    };
    format!("{kind} (đối tượng {n}) đã bị sửa sau khi ký")
}

/// One line of a signature's verification as the user reads it: what is told, the text, and
/// whether it is good news (the app marks the bad ones).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Line {
    pub label: &'static str,
    pub text: String,
    pub ok: bool,
}

/// One signature told in Vietnamese: the title ("Chữ ký 1 — người có thẩm quyền: Nguyễn Văn An")
/// and its lines (certificate, time, integrity, changes after it, chain). The command line
/// prints it, the app shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SignatureView {
    pub title: String,
    pub lines: Vec<Line>,
    /// Valid and nothing but signatures added after it.
    pub ok: bool,
    /// The chain reaches a root the user trusts.
    pub trusted: bool,
}

/// Each signature of `reports`, told in Vietnamese.
pub fn views(reports: &[SignatureReport]) -> Vec<SignatureView> {
    reports
        .iter()
        .enumerate()
        .map(|(i, r)| view(i, r))
        .collect()
}

fn view(i: usize, r: &SignatureReport) -> SignatureView {
    let who = r
        .signer
        .as_ref()
        .map(|c| c.name.clone())
        .unwrap_or_else(|| "(không rõ)".into());
    let role = match r.field.as_str() {
        super::FIELD_CA_NHAN => " — người có thẩm quyền",
        super::FIELD_CO_QUAN => " — cơ quan",
        _ => "",
    };
    let mut lines = Vec::new();
    if let Some(c) = &r.signer {
        lines.push(Line {
            label: "Chứng thư",
            text: format!(
                "cấp bởi {}, hiệu lực {} – {}",
                c.issuer,
                c.not_before.format("%d/%m/%Y"),
                c.not_after.format("%d/%m/%Y")
            ),
            ok: true,
        });
    }
    lines.push(match &r.time {
        Some(t) => Line {
            label: "Thời điểm ký",
            text: format!(
                "{} (giờ Việt Nam UTC+07:00)",
                t.with_timezone(&cert::vietnam())
                    .format("%d/%m/%Y %H:%M:%S")
            ),
            ok: true,
        },
        None => Line {
            label: "Thời điểm ký",
            text: "không ghi".into(),
            ok: false,
        },
    });
    lines.push(Line {
        label: "Toàn vẹn",
        text: match (&r.intact, &r.problem) {
            (true, _) => "chữ ký hợp lệ, nội dung đúng như lúc ký.".into(),
            (false, Some(p)) => format!("KHÔNG HỢP LỆ — {p}."),
            (false, None) => "KHÔNG HỢP LỆ.".into(),
        },
        ok: r.intact,
    });
    lines.push(Line {
        label: "Sau khi ký",
        text: match &r.after {
            After::Nothing => "tài liệu không thay đổi.".into(),
            After::OnlySignatures => "chỉ thêm chữ ký sau, nội dung không thay đổi.".into(),
            After::Changed(w) => format!("ĐÃ BỊ SỬA — {w}."),
        },
        ok: !matches!(r.after, After::Changed(_)),
    });
    let trusted = matches!(r.chain, Chain::Trusted(_));
    lines.push(Line {
        label: "Chuỗi chứng thư",
        text: match &r.chain {
            Chain::Trusted(root) => format!("đến gốc tin cậy “{root}”."),
            Chain::Untrusted(why) => format!("chưa đến gốc tin cậy — {why}."),
        },
        ok: trusted,
    });
    SignatureView {
        title: format!("Chữ ký {}{role}: {who}", i + 1),
        lines,
        ok: r.ok(),
        trusted,
    }
}

/// The report in Vietnamese, one block per signature.
pub fn describe_reports(reports: &[SignatureReport]) -> String {
    if reports.is_empty() {
        return "Tệp không có chữ ký số nào.\n".to_string();
    }
    let mut s = String::new();
    for v in views(reports) {
        s.push_str(&v.title);
        s.push('\n');
        for l in v.lines {
            s.push_str(&format!("  {}: {}\n", l.label, l.text));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_keep_their_zone() {
        let t = parse_pdf_date("D:20261205173000+07'00'").unwrap();
        assert_eq!(t.offset().local_minus_utc(), 7 * 3600);
        assert_eq!(super::super::pdf_date(&t), "D:20261205173000+07'00'");
    }
}
