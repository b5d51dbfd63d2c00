//! What a certificate says, told in Vietnamese, and the checks made before a key signs
//! (Thông tư 15/2025/TT-BKHCN: a certificate check before signing; RSA keys of at least 2048 bits).

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use der::{Decode, Encode, Tagged};
use rsa::pkcs8::DecodePublicKey;
use rsa::traits::PublicKeyParts;
use x509_cert::Certificate;

use crate::error::{Error, Result};

/// Vietnam's time zone (UTC+07:00, no daylight saving): signing times are told in it.
pub fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+07:00 is a valid offset")
}

/// A certificate read once: the DER and what the user is told about it.
#[derive(Debug, Clone)]
pub struct CertInfo {
    pub der: Vec<u8>,
    /// The subject's common name (the person or the agency).
    pub name: String,
    /// The issuer's common name (the certification authority).
    pub issuer: String,
    pub not_before: DateTime<FixedOffset>,
    pub not_after: DateTime<FixedOffset>,
    /// Bits of the RSA modulus; 0 for a key that is not RSA.
    pub rsa_bits: usize,
    /// Whom it was issued to: a person or an organisation ([`holder_role`]).
    pub role: super::Role,
    /// A certificate to sign with, not an authority's ([`is_for_signing`]).
    pub for_signing: bool,
}

/// The certificate parsed from `der`, or a message saying the token gave something unreadable.
pub fn parse(der: &[u8]) -> Result<Certificate> {
    Certificate::from_der(der).map_err(|e| {
        Error::input(format!(
            "Chứng thư số không đọc được ({e}). Hãy kiểm tra thiết bị ký số hoặc tệp chứng thư."
        ))
    })
}

/// The first common name (or, lacking one, the whole distinguished name) of `name`.
pub fn common_name(name: &x509_cert::name::Name) -> String {
    const CN: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("2.5.4.3");
    for rdn in name.0.iter() {
        for atv in rdn.0.iter() {
            if atv.oid == CN {
                if let Some(s) = any_text(&atv.value) {
                    return s;
                }
            }
        }
    }
    name.to_string()
}

/// Every value of attribute `oid` in `name`, as text.
fn attribute_values(name: &x509_cert::name::Name, oid: der::oid::ObjectIdentifier) -> Vec<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(|atv| atv.oid == oid)
        .filter_map(|atv| any_text(&atv.value))
        .collect()
}

/// Whom a certificate was issued to, as Vietnamese certification authorities write it: a
/// person's certificate carries an identity number in its UID ("CMND:…", "CCCD:…", "HC:…"), an
/// organisation's its tax or budget code ("MST:…", "MNS:…"); lacking both, a certificate whose
/// common name is its organisation's name is the organisation's.
pub fn holder_role(c: &Certificate) -> super::Role {
    const UID: der::oid::ObjectIdentifier =
        der::oid::ObjectIdentifier::new_unwrap("0.9.2342.19200300.100.1.1");
    const O: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("2.5.4.10");
    let subject = &c.tbs_certificate.subject;
    for uid in attribute_values(subject, UID) {
        let u = uid.trim().to_uppercase();
        if ["CMND", "CCCD", "HC", "CMT"]
            .iter()
            .any(|p| u.starts_with(p))
        {
            return super::Role::CaNhan;
        }
        if ["MST", "MNS", "MQHNS"].iter().any(|p| u.starts_with(p)) {
            return super::Role::CoQuan;
        }
    }
    let cn = common_name(subject);
    if attribute_values(subject, O)
        .iter()
        .any(|o| o.trim() == cn.trim())
    {
        super::Role::CoQuan
    } else {
        super::Role::CaNhan
    }
}

/// Whether `c` is a certificate to sign documents with, not an authority's: not self-signed,
/// not a CA, and a key usage (when it says) that allows signing.
pub fn is_for_signing(c: &Certificate) -> bool {
    const BC: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("2.5.29.19");
    let tbs = &c.tbs_certificate;
    if tbs.subject == tbs.issuer {
        return false;
    }
    let is_ca = tbs
        .extensions
        .as_ref()
        .and_then(|x| x.iter().find(|e| e.extn_id == BC))
        .and_then(|e| {
            x509_cert::ext::pkix::BasicConstraints::from_der(e.extn_value.as_bytes()).ok()
        })
        .is_some_and(|b| b.ca);
    if is_ca {
        return false;
    }
    key_usage(c).is_none_or(|ku| ku.digital_signature() || ku.non_repudiation())
}

/// The text of a directory string (UTF8String, PrintableString, IA5String, BMPString).
fn any_text(v: &der::Any) -> Option<String> {
    match v.tag() {
        der::Tag::Utf8String | der::Tag::PrintableString | der::Tag::Ia5String => {
            String::from_utf8(v.value().to_vec()).ok()
        }
        der::Tag::BmpString => {
            let units: Vec<u16> = v
                .value()
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16(&units).ok()
        }
        _ => None,
    }
}

fn time(t: &x509_cert::time::Time) -> DateTime<FixedOffset> {
    let secs = t.to_unix_duration().as_secs() as i64;
    Utc.timestamp_opt(secs, 0)
        .single()
        .unwrap_or_default()
        .with_timezone(&vietnam())
}

/// The RSA public key of `cert`, if it has one.
pub fn rsa_key(cert: &Certificate) -> Option<rsa::RsaPublicKey> {
    let spki = cert.tbs_certificate.subject_public_key_info.to_der().ok()?;
    rsa::RsaPublicKey::from_public_key_der(&spki).ok()
}

impl CertInfo {
    pub fn from_der(der: &[u8]) -> Result<CertInfo> {
        let c = parse(der)?;
        let tbs = &c.tbs_certificate;
        Ok(CertInfo {
            der: der.to_vec(),
            name: common_name(&tbs.subject),
            issuer: common_name(&tbs.issuer),
            not_before: time(&tbs.validity.not_before),
            not_after: time(&tbs.validity.not_after),
            rsa_bits: rsa_key(&c).map(|k| k.size() * 8).unwrap_or(0),
            role: holder_role(&c),
            for_signing: is_for_signing(&c),
        })
    }

    /// One line for the user: "Nguyễn Văn A — cấp bởi CA X — hiệu lực đến 31/12/2027".
    pub fn describe(&self) -> String {
        format!(
            "{} — cấp bởi {} — hiệu lực đến {}",
            self.name,
            self.issuer,
            self.not_after.format("%d/%m/%Y")
        )
    }

    /// The checks before signing at `now`: in its validity period, an RSA key of at least 2048
    /// bits (the only kind this version signs with), a key usage that allows signing.
    pub fn check_before_signing(&self, now: DateTime<FixedOffset>) -> Result<()> {
        if now > self.not_after {
            return Err(Error::input(format!(
                "Chứng thư số của “{}” đã hết hạn ngày {}. Hãy gia hạn chứng thư với nhà cung cấp dịch vụ chữ ký số rồi ký lại.",
                self.name,
                self.not_after.format("%d/%m/%Y")
            )));
        }
        if now < self.not_before {
            return Err(Error::input(format!(
                "Chứng thư số của “{}” chỉ có hiệu lực từ ngày {}. Hãy kiểm tra đồng hồ của máy hoặc chờ đến ngày đó.",
                self.name,
                self.not_before.format("%d/%m/%Y")
            )));
        }
        if self.rsa_bits == 0 {
            return Err(Error::input(format!(
                "Khóa của chứng thư “{}” không phải khóa RSA; phiên bản này chỉ ký bằng khóa RSA. Hãy chọn chứng thư khác.",
                self.name
            )));
        }
        if self.rsa_bits < 2048 {
            return Err(Error::input(format!(
                "Khóa của chứng thư “{}” chỉ dài {} bit; quy định yêu cầu khóa RSA từ 2048 bit. Hãy đề nghị nhà cung cấp cấp chứng thư mới.",
                self.name, self.rsa_bits
            )));
        }
        let c = parse(&self.der)?;
        if let Some(ku) = key_usage(&c) {
            if !ku.digital_signature() && !ku.non_repudiation() {
                return Err(Error::input(format!(
                    "Chứng thư “{}” không được dùng để ký (mục đích sử dụng khóa). Hãy chọn chứng thư ký số.",
                    self.name
                )));
            }
        }
        Ok(())
    }
}

fn key_usage(c: &Certificate) -> Option<x509_cert::ext::pkix::KeyUsage> {
    const KU: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("2.5.29.15");
    c.tbs_certificate
        .extensions
        .as_ref()?
        .iter()
        .find(|e| e.extn_id == KU)
        .and_then(|e| x509_cert::ext::pkix::KeyUsage::from_der(e.extn_value.as_bytes()).ok())
}

/// `der` as PEM text (how the app keeps a trusted root in its prefs).
pub fn to_pem(der: &[u8]) -> Result<String> {
    use der::EncodePem;
    parse(der)?
        .to_pem(der::pem::LineEnding::LF)
        .map_err(|e| Error::internal(format!("Không ghi được chứng thư ({e}).")))
}

/// Certificates read from a file: PEM (one or more) or a single DER.
pub fn read_certificates(bytes: &[u8]) -> Vec<Vec<u8>> {
    if let Ok(certs) = Certificate::load_pem_chain(bytes) {
        return certs.iter().filter_map(|c| c.to_der().ok()).collect();
    }
    if Certificate::from_der(bytes).is_ok() {
        return vec![bytes.to_vec()];
    }
    Vec::new()
}
