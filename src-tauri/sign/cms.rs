//! The CMS SignedData of a PAdES-B-B signature (ETSI EN 319 142-1, `/SubFilter
//! /ETSI.CAdES.detached`): detached content, SHA-256, RSASSA-PSS, and exactly the signed
//! attributes the baseline asks for — content type, message digest, signing certificate v2.
//! No signing-time attribute: PAdES puts the time in the signature dictionary's `/M`.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{ObjectIdentifier as Oid, OctetString, SetOfVec};
use der::{Any, Decode, Encode};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::Certificate;

use crate::error::{Error, Result};

pub const OID_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
pub const OID_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
pub const OID_CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
pub const OID_MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
pub const OID_SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
pub const OID_SIGNING_CERT_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");
pub const OID_SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
pub const OID_SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.2");
pub const OID_SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");
pub const OID_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
pub const OID_RSA_PSS: Oid = Oid::new_unwrap("1.2.840.113549.1.1.10");
pub const OID_SHA256_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
pub const OID_SHA384_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.12");
pub const OID_SHA512_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.13");

/// Salt length of our RSASSA-PSS signatures: the hash's length (RFC 4055).
pub const PSS_SALT: usize = 32;

/// RSASSA-PSS-params for SHA-256, MGF1 with SHA-256, salt 32, trailer 1 (RFC 4055), in DER.
const PSS_SHA256_PARAMS: [u8; 54] = [
    0x30, 0x34, // SEQUENCE
    0xa0, 0x0f, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, // [0] sha256
    0xa1, 0x1c, 0x30, 0x1a, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08, 0x30,
    0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, // [1] mgf1(sha256)
    0xa2, 0x03, 0x02, 0x01, 0x20, // [2] salt 32
];

fn internal(what: &str, e: impl std::fmt::Display) -> Error {
    Error::internal(format!(
        "Không tạo được chữ ký ({what}: {e}). Hãy thử lại; nếu vẫn lỗi, hãy báo cho người hỗ trợ."
    ))
}

fn sha256_alg() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: OID_SHA256,
        parameters: None,
    }
}

pub fn pss_alg() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: OID_RSA_PSS,
        parameters: Some(Any::from_der(&PSS_SHA256_PARAMS).expect("fixed PSS parameters")),
    }
}

fn attr(oid: Oid, value: Any) -> Result<Attribute> {
    let mut values = SetOfVec::new();
    values
        .insert(value)
        .map_err(|e| internal("thuộc tính", e))?;
    Ok(Attribute { oid, values })
}

/// A DER TLV with a short or long length.
fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = body.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(body);
    out
}

/// SigningCertificateV2 (RFC 5035) naming `cert` by its SHA-256 hash (the default algorithm,
/// so left out) and its issuer and serial number.
fn signing_certificate_v2(cert: &Certificate, cert_der: &[u8]) -> Result<Any> {
    let hash = Sha256::digest(cert_der);
    let issuer = cert
        .tbs_certificate
        .issuer
        .to_der()
        .map_err(|e| internal("tên nơi cấp", e))?;
    let serial = cert
        .tbs_certificate
        .serial_number
        .to_der()
        .map_err(|e| internal("số hiệu", e))?;
    // GeneralNames ::= SEQUENCE OF GeneralName; directoryName is [4] EXPLICIT Name.
    let general_names = tlv(0x30, &tlv(0xa4, &issuer));
    let issuer_serial = tlv(0x30, &[general_names, serial].concat());
    let ess_cert_id = tlv(0x30, &[tlv(0x04, &hash), issuer_serial].concat());
    let certs = tlv(0x30, &ess_cert_id);
    let v2 = tlv(0x30, &certs);
    Any::from_der(&v2).map_err(|e| internal("chứng thư ký", e))
}

/// The signed attributes for a document whose signed ranges hash to `digest`.
pub fn signed_attributes(
    digest: &[u8],
    cert: &Certificate,
    cert_der: &[u8],
) -> Result<SetOfVec<Attribute>> {
    let mut attrs = SetOfVec::new();
    let content_type = Any::encode_from(&OID_DATA).map_err(|e| internal("loại nội dung", e))?;
    let md = OctetString::new(digest).map_err(|e| internal("mã băm", e))?;
    let md = Any::encode_from(&md).map_err(|e| internal("mã băm", e))?;
    for a in [
        attr(OID_CONTENT_TYPE, content_type)?,
        attr(OID_MESSAGE_DIGEST, md)?,
        attr(OID_SIGNING_CERT_V2, signing_certificate_v2(cert, cert_der)?)?,
    ] {
        attrs.insert(a).map_err(|e| internal("thuộc tính", e))?;
    }
    Ok(attrs)
}

/// What the key signs: the DER of the signed attributes as a SET OF (RFC 5652 5.4).
pub fn to_be_signed(attrs: &SetOfVec<Attribute>) -> Result<Vec<u8>> {
    attrs.to_der().map_err(|e| internal("thuộc tính", e))
}

/// The ContentInfo (DER) of the finished signature: `signature` made by the key of
/// `chain[0]` over `attrs`; every certificate of `chain` included.
pub fn signed_data(
    attrs: SetOfVec<Attribute>,
    signature: &[u8],
    chain: &[Vec<u8>],
) -> Result<Vec<u8>> {
    let signer = Certificate::from_der(&chain[0]).map_err(|e| internal("chứng thư", e))?;
    let mut certs = SetOfVec::new();
    for der in chain {
        let c = Certificate::from_der(der).map_err(|e| internal("chứng thư", e))?;
        // A chain given twice (the token's and the file's) holds each certificate once.
        let _ = certs.insert(CertificateChoices::Certificate(c));
    }
    let mut digests = SetOfVec::new();
    digests
        .insert(sha256_alg())
        .map_err(|e| internal("thuật toán băm", e))?;
    let info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: signer.tbs_certificate.issuer.clone(),
            serial_number: signer.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: sha256_alg(),
        signed_attrs: Some(attrs),
        signature_algorithm: pss_alg(),
        signature: OctetString::new(signature).map_err(|e| internal("chữ ký", e))?,
        unsigned_attrs: None,
    };
    let mut infos = SetOfVec::new();
    infos.insert(info).map_err(|e| internal("người ký", e))?;
    let sd = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: digests,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: OID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(certs)),
        crls: None,
        signer_infos: SignerInfos(infos),
    };
    let ci = ContentInfo {
        content_type: OID_SIGNED_DATA,
        content: Any::encode_from(&sd).map_err(|e| internal("SignedData", e))?,
    };
    ci.to_der().map_err(|e| internal("ContentInfo", e))
}

/// A parsed signature: what verification needs.
pub struct Parsed {
    pub signed_data: SignedData,
}

/// Reads the ContentInfo at the start of `contents` (the `/Contents` string, zero-padded).
pub fn parse(contents: &[u8]) -> Result<Parsed> {
    let bad = |e: &dyn std::fmt::Display| {
        Error::input(format!(
            "Chữ ký trong tệp không đọc được ({e}): tệp có thể đã hỏng hoặc không phải chữ ký PAdES/CMS."
        ))
    };
    let len = der_length(contents).ok_or_else(|| bad(&"độ dài"))?;
    let ci = ContentInfo::from_der(&contents[..len]).map_err(|e| bad(&e))?;
    if ci.content_type != OID_SIGNED_DATA {
        return Err(bad(&"không phải SignedData"));
    }
    let sd: SignedData = ci.content.decode_as().map_err(|e| bad(&e))?;
    Ok(Parsed { signed_data: sd })
}

/// Length of the DER element at the start of `b` (header and body), if it fits in `b`.
fn der_length(b: &[u8]) -> Option<usize> {
    let first = *b.get(1)?;
    let (len, header) = if first < 0x80 {
        (first as usize, 2)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for i in 0..n {
            len = (len << 8) | *b.get(2 + i)? as usize;
        }
        (len, 2 + n)
    };
    let total = header.checked_add(len)?;
    (total <= b.len()).then_some(total)
}

/// The hash `oid` names, applied to `data`; None for a hash we do not check.
pub fn digest_with(oid: &Oid, data: &[&[u8]]) -> Option<Vec<u8>> {
    use sha2::{Sha384, Sha512};
    fn run<D: Digest>(data: &[&[u8]]) -> Vec<u8> {
        let mut h = D::new();
        for d in data {
            h.update(d);
        }
        h.finalize().to_vec()
    }
    match *oid {
        OID_SHA256 => Some(run::<Sha256>(data)),
        OID_SHA384 => Some(run::<Sha384>(data)),
        OID_SHA512 => Some(run::<Sha512>(data)),
        _ => None,
    }
}

/// Whether `signature` over `message` verifies with `key` under `alg` (RSASSA-PSS with
/// SHA-256/384/512 and MGF1 of the same hash, or PKCS#1 v1.5 with SHA-2).
pub fn verify_rsa(
    key: &rsa::RsaPublicKey,
    alg: &AlgorithmIdentifierOwned,
    digest_oid: &Oid,
    message: &[u8],
    signature: &[u8],
) -> bool {
    use rsa::{Pkcs1v15Sign, Pss};
    use sha2::{Sha384, Sha512};
    match alg.oid {
        OID_RSA_PSS => {
            let (hash, salt) = pss_params(alg);
            let Some(h) = digest_with(&hash, &[message]) else {
                return false;
            };
            let scheme = match hash {
                OID_SHA384 => Pss::new_with_salt::<Sha384>(salt),
                OID_SHA512 => Pss::new_with_salt::<Sha512>(salt),
                _ => Pss::new_with_salt::<Sha256>(salt),
            };
            key.verify(scheme, &h, signature).is_ok()
        }
        OID_SHA256_RSA | OID_SHA384_RSA | OID_SHA512_RSA | OID_RSA => {
            let hash = match alg.oid {
                OID_SHA384_RSA => OID_SHA384,
                OID_SHA512_RSA => OID_SHA512,
                OID_SHA256_RSA => OID_SHA256,
                _ => *digest_oid,
            };
            let Some(h) = digest_with(&hash, &[message]) else {
                return false;
            };
            let scheme = match hash {
                OID_SHA384 => Pkcs1v15Sign::new::<Sha384>(),
                OID_SHA512 => Pkcs1v15Sign::new::<Sha512>(),
                _ => Pkcs1v15Sign::new::<Sha256>(),
            };
            key.verify(scheme, &h, signature).is_ok()
        }
        _ => false,
    }
}

/// The hash and salt length of RSASSA-PSS parameters (defaults SHA-1 and 20 are refused by
/// falling back to SHA-256/32, which then fails to verify: SHA-1 is not accepted).
fn pss_params(alg: &AlgorithmIdentifierOwned) -> (Oid, usize) {
    let mut hash = OID_SHA256;
    let mut salt = PSS_SALT;
    let Some(p) = alg.parameters.as_ref().and_then(|a| a.to_der().ok()) else {
        return (hash, salt);
    };
    // SEQUENCE { [0] AlgorithmIdentifier, [1] MGF, [2] INTEGER, [3] INTEGER }
    let Some(total) = der_length(&p) else {
        return (hash, salt);
    };
    let mut i = if p[1] < 0x80 {
        2
    } else {
        2 + (p[1] & 0x7f) as usize
    };
    while i < total {
        let Some(n) = der_length(&p[i..]) else { break };
        let el = &p[i..i + n];
        let inner_start = if el[1] < 0x80 {
            2
        } else {
            2 + (el[1] & 0x7f) as usize
        };
        let inner = &el[inner_start..];
        match el[0] {
            0xa0 => {
                if let Ok(a) = AlgorithmIdentifierOwned::from_der(inner) {
                    hash = a.oid;
                }
            }
            0xa2 => {
                if let Ok(v) = u32::from_der(inner) {
                    salt = v as usize;
                }
            }
            _ => {}
        }
        i += n;
    }
    (hash, salt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pss_parameters_read_back_as_sha256_and_32() {
        let (h, s) = pss_params(&pss_alg());
        assert_eq!(h, OID_SHA256);
        assert_eq!(s, 32);
    }

    #[test]
    fn a_padded_contents_string_is_cut_at_its_der_length() {
        let mut b = tlv(0x30, &[1u8; 300]);
        let n = b.len();
        b.extend([0u8; 50]);
        assert_eq!(der_length(&b), Some(n));
        assert_eq!(der_length(&b[..10]), None);
    }
}
