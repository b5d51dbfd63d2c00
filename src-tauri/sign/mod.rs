//! Ký số: the finished PDF signed as Nghị định 30/2020 describes (Điều 5, 13, 32; Phụ lục I,
//! II.7.d and II.8), offline, at the PAdES-B-B level.
//!
//! Signing is not painting: it works on the bytes of a PDF already written (by the painter or
//! anyone), and adds to them by an incremental update, so that a second signature (the
//! organisation's, after the person's) leaves the first one valid.
//!
//! - [`token`]: the USB token through its vendor's PKCS#11 library;
//! - [`cert_store`]: on Windows, the token's certificate in the Windows store, signed through
//!   CNG (the second way);
//! - [`cms`]: the CMS SignedData (`/SubFilter /ETSI.CAdES.detached`, SHA-256, RSASSA-PSS);
//! - [`incremental`]: the update written by hand after the untouched earlier bytes;
//! - [`appearance`]: the signature and seal images in their fields;
//! - [`cert`]: what a certificate says, in Vietnamese, and the checks before signing;
//! - [`verify`]: who signed, when, whether the document changed after each signature, and
//!   whether the chain reaches a trusted root.

pub mod appearance;
pub mod cert;
pub mod cert_store;
pub mod cms;
pub mod flow;
pub mod incremental;
pub mod token;
pub mod verify;

use chrono::{DateTime, FixedOffset};
use lopdf::{dictionary, Dictionary, Object, ObjectId, StringFormat};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use cert::CertInfo;
use incremental::Update;
pub use token::RawSigner;

/// The person's signature field (ô 7c), left by the sign-ready PDF.
pub const FIELD_CA_NHAN: &str = "ChuKyCaNhan";
/// The organisation's signature field (the seal, ô 8).
pub const FIELD_CO_QUAN: &str = "ChuKyCoQuan";

/// The private entry of an appendix's organisation field holding the number and symbol its
/// stamp prints (written by the sign-ready export).
pub const STAMP_NUMBER_KEY: &str = "BaoCaoSoKyHieu";

/// The signing time as the stamp prints it: ISO 8601 with Vietnam's offset,
/// "2026-12-05T17:30:00+07:00".
pub fn iso_time(t: &DateTime<FixedOffset>) -> String {
    t.with_timezone(&cert::vietnam())
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// Bytes kept for the CMS in `/Contents`: a signer's certificate with a two-level chain is
/// under 6 KB; 16 KB leaves room for a long chain.
pub const CONTENTS_BYTES: usize = 16 * 1024;

/// Who signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The person with authority (first; the handwritten signature image).
    CaNhan,
    /// The organisation (second; the seal image, or no image on an appendix).
    CoQuan,
}

impl Role {
    pub fn field(self) -> &'static str {
        match self {
            Role::CaNhan => FIELD_CA_NHAN,
            Role::CoQuan => FIELD_CO_QUAN,
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "ca-nhan" => Some(Role::CaNhan),
            "co-quan" => Some(Role::CoQuan),
            _ => None,
        }
    }
    /// Vietnamese, for messages.
    pub fn label(self) -> &'static str {
        match self {
            Role::CaNhan => "người có thẩm quyền",
            Role::CoQuan => "cơ quan",
        }
    }
}

/// What to sign with.
pub struct SignRequest<'a> {
    pub role: Role,
    /// The signature image (person) or the seal image (organisation), PNG.
    pub image: Option<&'a [u8]>,
    /// The signer's certificate first, then the rest of its chain as far as known.
    pub chain: Vec<Vec<u8>>,
    /// The signing time, Vietnam time: written in the signature dictionary's `/M`.
    pub time: DateTime<FixedOffset>,
}

fn bad_pdf(e: impl std::fmt::Display) -> Error {
    Error::input(format!(
        "Không đọc được tệp PDF ({e}). Hãy chọn tệp PDF do Báo cáo xuất ra, còn nguyên vẹn."
    ))
}

/// The PDF date of `t`: `D:YYYYMMDDHHmmSS+07'00'`.
pub fn pdf_date(t: &DateTime<FixedOffset>) -> String {
    let off = t.offset().local_minus_utc();
    let sign = if off < 0 { '-' } else { '+' };
    let off = off.abs();
    format!(
        "D:{}{sign}{:02}'{:02}'",
        t.format("%Y%m%d%H%M%S"),
        off / 3600,
        off % 3600 / 60
    )
}

/// A field of the AcroForm: its object id and dictionary.
struct Field {
    id: ObjectId,
    dict: Dictionary,
}

fn deref<'a>(doc: &'a lopdf::Document, o: &'a Object) -> Option<&'a Object> {
    match o {
        Object::Reference(id) => doc.get_object(*id).ok(),
        o => Some(o),
    }
}

/// The AcroForm's top-level fields.
fn fields(doc: &lopdf::Document) -> Vec<Field> {
    let Ok(cat) = doc.catalog() else {
        return Vec::new();
    };
    let Some(form) = cat
        .get(b"AcroForm")
        .ok()
        .and_then(|f| deref(doc, f))
        .and_then(|f| f.as_dict().ok())
    else {
        return Vec::new();
    };
    let Some(list) = form
        .get(b"Fields")
        .ok()
        .and_then(|f| deref(doc, f))
        .and_then(|f| f.as_array().ok())
    else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|f| match f {
            Object::Reference(id) => {
                doc.get_object(*id)
                    .ok()
                    .and_then(|o| o.as_dict().ok())
                    .map(|d| Field {
                        id: *id,
                        dict: d.clone(),
                    })
            }
            _ => None,
        })
        .collect()
}

fn field_name(d: &Dictionary) -> String {
    d.get(b"T")
        .ok()
        .and_then(|t| t.as_str().ok())
        .map(|b| lopdf::decode_text_string(&Object::string_literal(b.to_vec())).unwrap_or_default())
        .unwrap_or_default()
}

/// Whether the organisation's signature on `pdf` draws the seal: the document has the seal's
/// field (ô 8), not an appendix's stamp field, which prints the number and the time instead.
/// An organisation signing without its seal image there would leave the seal's place empty.
pub fn wants_seal_image(pdf: &[u8]) -> bool {
    let Ok(doc) = lopdf::Document::load_mem(pdf) else {
        return false;
    };
    fields(&doc).iter().any(|f| {
        field_name(&f.dict) == FIELD_CO_QUAN
            && !is_signed(&f.dict)
            && f.dict.get(STAMP_NUMBER_KEY.as_bytes()).is_err()
    })
}

fn is_signed(d: &Dictionary) -> bool {
    d.get(b"V").is_ok()
}

/// Signs `pdf` as `req` says, with `signer` making the RSASSA-PSS signature, and returns the
/// whole signed file: `pdf`'s bytes unchanged, followed by the update.
pub fn sign_pdf(pdf: &[u8], req: &SignRequest, signer: &mut dyn RawSigner) -> Result<Vec<u8>> {
    let info = CertInfo::from_der(req.chain.first().ok_or_else(|| {
        Error::internal("Không có chứng thư để ký. Hãy chọn chứng thư trong thiết bị ký số.")
    })?)?;
    info.check_before_signing(req.time)?;
    let doc = lopdf::Document::load_mem(pdf).map_err(bad_pdf)?;
    if doc.is_encrypted() {
        return Err(Error::input(
            "Tệp PDF có mật khẩu (mã hóa); không ký được. Hãy xuất lại PDF từ Báo cáo.",
        ));
    }
    let prev = incremental::previous_xref(pdf)?;
    let fields = fields(&doc);
    let find = |name: &str| fields.iter().find(|f| field_name(&f.dict) == name);

    // The decree's order: the person first, then the organisation.
    if let Some(f) = find(req.role.field()) {
        if is_signed(&f.dict) {
            return Err(Error::input(format!(
                "Văn bản đã có chữ ký của {} rồi. Tệp đã ký không cần ký lại ở ô này.",
                req.role.label()
            )));
        }
    }
    if req.role == Role::CoQuan {
        if let Some(f) = find(FIELD_CA_NHAN) {
            if !is_signed(&f.dict) {
                return Err(Error::input(
                    "Văn bản chưa có chữ ký của người có thẩm quyền. Theo Nghị định 30, người có thẩm quyền ký trước, sau đó cơ quan ký (đóng dấu).",
                ));
            }
        }
    }
    if req.role == Role::CaNhan && find(FIELD_CA_NHAN).is_none() {
        return Err(Error::input(
            "Tệp PDF chưa có ô chữ ký của người có thẩm quyền. Hãy xuất bản PDF để ký số (baocao render --ky-so, hoặc “Xuất PDF để ký số” trong Báo cáo) rồi ký tệp đó.",
        ));
    }
    let existing = find(req.role.field()).map(|f| (f.id, f.dict.clone()));
    if existing.is_none() && req.image.is_some() {
        return Err(Error::input(
            "Tệp PDF không có ô cho hình con dấu. Văn bản kèm theo (phụ lục riêng) được cơ quan ký không kèm hình ảnh: bỏ --anh.",
        ));
    }
    let picture = req.image.map(appearance::decode_png).transpose()?;

    let mut next = doc
        .trailer
        .get(b"Size")
        .ok()
        .and_then(|s| s.as_i64().ok())
        .unwrap_or(0)
        .max(doc.max_id as i64 + 1) as u32;
    let mut new_id = || {
        let id = (next, 0u16);
        next += 1;
        id
    };
    let mut up = Update::new(pdf);

    // The signature dictionary first, so its placeholders are found at known offsets.
    let sig_id = new_id();
    let sig_at = up.bytes.len();
    let sig = signature_dictionary(&info, &req.time);
    up.object(sig_id, &Object::Dictionary(sig));
    let (contents_at, byte_range_at) = placeholders(&mut up.bytes, sig_at)
        .ok_or_else(|| Error::internal("Không tạo được chỗ cho chữ ký trong PDF."))?;

    // The appearance: the image XObject (and its mask), the form drawing it.
    let mut ap = None;
    if let (Some(pic), Some((_, d))) = (&picture, &existing) {
        let rect = rect_of(d);
        let (w, h) = (rect[2] - rect[0], rect[3] - rect[1]);
        let img_id = new_id();
        let mask_id = pic.alpha.as_ref().map(|_| new_id());
        let (img, mask) = appearance::image_objects(pic, mask_id);
        up.object(img_id, &Object::Stream(img));
        if let (Some(id), Some(m)) = (mask_id, mask) {
            up.object(id, &Object::Stream(m));
        }
        let form_id = new_id();
        up.object(
            form_id,
            &Object::Stream(appearance::form(pic, img_id, w.max(1.0), h.max(1.0))),
        );
        ap = Some(form_id);
    }

    // The appendix's stamp: the organisation signing a field that carries a number and symbol.
    if let (None, Some((_, d))) = (&picture, &existing) {
        if let Ok(n) = d.get(STAMP_NUMBER_KEY.as_bytes()) {
            let number = lopdf::decode_text_string(n).unwrap_or_default();
            let rect = rect_of(d);
            let lines = crate::layout::closing::stamp_lines_for(&number, &iso_time(&req.time));
            let (form, copied) = appearance::stamp_form(
                &lines,
                (rect[2] - rect[0]).max(1.0),
                (rect[3] - rect[1]).max(1.0),
                &mut new_id,
            )?;
            for (id, o) in copied {
                up.object(id, &o);
            }
            let form_id = new_id();
            up.object(form_id, &Object::Stream(form));
            ap = Some(form_id);
        }
    }

    let mut new_fields = Vec::new();
    match existing {
        Some((id, mut d)) => {
            d.set("V", Object::Reference(sig_id));
            d.set("F", 4);
            if let Some(form_id) = ap {
                d.set("AP", dictionary! { "N" => Object::Reference(form_id) });
            }
            up.object(id, &Object::Dictionary(d));
        }
        None => {
            // An invisible signature (the appendix signed by the organisation, or any PDF
            // without fields): a new field on the first page.
            let page_id = *doc
                .get_pages()
                .get(&1)
                .ok_or_else(|| bad_pdf("không có trang"))?;
            let field_id = new_id();
            let field = dictionary! {
                "Type" => "Annot",
                "Subtype" => "Widget",
                "FT" => "Sig",
                "T" => Object::string_literal(req.role.field()),
                "F" => 132,
                "Rect" => vec![0.into(), 0.into(), 0.into(), 0.into()],
                "P" => Object::Reference(page_id),
                "V" => Object::Reference(sig_id),
            };
            up.object(field_id, &Object::Dictionary(field));
            let mut page = doc
                .get_object(page_id)
                .and_then(|p| p.as_dict())
                .map_err(bad_pdf)?
                .clone();
            let mut annots = page
                .get(b"Annots")
                .ok()
                .and_then(|a| deref(&doc, a))
                .and_then(|a| a.as_array().ok())
                .cloned()
                .unwrap_or_default();
            annots.push(Object::Reference(field_id));
            page.set("Annots", annots);
            up.object(page_id, &Object::Dictionary(page));
            new_fields.push(Object::Reference(field_id));
        }
    }
    update_acroform(&doc, &mut up, new_fields)?;

    let size = next;
    let mut trailer = Dictionary::new();
    for key in [&b"Root"[..], b"Info", b"ID"] {
        if let Ok(v) = doc.trailer.get(key) {
            trailer.set(key.to_vec(), v.clone());
        }
    }
    let mut out = up.finish(trailer, prev, size);

    // The byte ranges: everything but the hex string of /Contents (its delimiters included
    // in the gap, as ISO 32000-1 12.8.1 describes).
    let gap_start = contents_at;
    let gap_end = contents_at + 2 + 2 * CONTENTS_BYTES;
    let ranges = [0, gap_start, gap_end, out.len() - gap_end];
    let text = format!("[{} {} {} {}]", ranges[0], ranges[1], ranges[2], ranges[3]);
    let slot = &mut out[byte_range_at..byte_range_at + BYTE_RANGE_SLOT.len()];
    if text.len() > slot.len() {
        return Err(Error::internal("Tệp PDF quá lớn để ký."));
    }
    slot.fill(b' ');
    slot[..text.len()].copy_from_slice(text.as_bytes());

    let mut h = Sha256::new();
    h.update(&out[..gap_start]);
    h.update(&out[gap_end..]);
    let digest = h.finalize();
    let signer_cert = cert::parse(&req.chain[0])?;
    let attrs = cms::signed_attributes(&digest, &signer_cert, &req.chain[0])?;
    let tbs = cms::to_be_signed(&attrs)?;
    let signature = signer.sign_pss_sha256(&tbs)?;
    let cms = cms::signed_data(attrs, &signature, &req.chain)?;
    if cms.len() > CONTENTS_BYTES {
        return Err(Error::internal(format!(
            "Chữ ký ({} byte) lớn hơn chỗ dành cho nó ({CONTENTS_BYTES} byte): chuỗi chứng thư quá dài.",
            cms.len()
        )));
    }
    let hex: String = cms.iter().map(|b| format!("{b:02X}")).collect();
    out[gap_start + 1..gap_start + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(out)
}

/// What `/ByteRange` holds until the ranges are known: room for four numbers of 10 digits.
const BYTE_RANGE_SLOT: &str =
    "[0 0000000000 0000000000 0000000000]                                      ";

fn signature_dictionary(info: &CertInfo, time: &DateTime<FixedOffset>) -> Dictionary {
    dictionary! {
        "Type" => "Sig",
        "Filter" => "Adobe.PPKLite",
        "SubFilter" => "ETSI.CAdES.detached",
        "ByteRange" => Object::Name(b"BYTERANGE_SLOT".to_vec()),
        "Contents" => Object::String(vec![0; CONTENTS_BYTES], StringFormat::Hexadecimal),
        "M" => Object::string_literal(pdf_date(time)),
        "Name" => lopdf::text_string(&info.name),
    }
}

/// Replaces the byte range's stand-in name in the signature object just written at `from`
/// (the last object of `bytes`) by its slot, and returns the offsets of `/Contents`'s `<` and
/// of the slot.
fn placeholders(bytes: &mut Vec<u8>, from: usize) -> Option<(usize, usize)> {
    let find = |bytes: &[u8], needle: &[u8]| {
        bytes[from..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|p| p + from)
    };
    let stand_in = b"/BYTERANGE_SLOT";
    let b = find(bytes, stand_in)?;
    bytes.splice(b..b + stand_in.len(), BYTE_RANGE_SLOT.bytes());
    let c = find(bytes, b"/Contents <")? + b"/Contents ".len();
    Some((c, b))
}

fn rect_of(d: &Dictionary) -> [f32; 4] {
    let mut r = [0.0; 4];
    if let Ok(a) = d.get(b"Rect").and_then(|a| a.as_array()) {
        for (i, v) in a.iter().take(4).enumerate() {
            r[i] = v.as_float().unwrap_or(0.0);
        }
    }
    [
        r[0].min(r[2]),
        r[1].min(r[3]),
        r[0].max(r[2]),
        r[1].max(r[3]),
    ]
}

/// Makes sure the AcroForm says the document has signatures (`/SigFlags 3`) and lists
/// `new_fields`; writes the AcroForm (or the catalog holding it) again only if it changes.
fn update_acroform(doc: &lopdf::Document, up: &mut Update, new_fields: Vec<Object>) -> Result<()> {
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(|r| r.as_reference())
        .map_err(bad_pdf)?;
    let catalog = doc.catalog().map_err(bad_pdf)?.clone();
    let (form_id, mut form) = match catalog.get(b"AcroForm") {
        Ok(Object::Reference(id)) => (
            Some(*id),
            doc.get_object(*id)
                .and_then(|o| o.as_dict())
                .map_err(bad_pdf)?
                .clone(),
        ),
        Ok(Object::Dictionary(d)) => (None, d.clone()),
        _ => (None, Dictionary::new()),
    };
    let flags_ok = form.get(b"SigFlags").and_then(|f| f.as_i64()).unwrap_or(0) & 3 == 3;
    if flags_ok && new_fields.is_empty() {
        return Ok(());
    }
    form.set("SigFlags", 3);
    if !new_fields.is_empty() {
        let mut list = form
            .get(b"Fields")
            .ok()
            .and_then(|f| deref(doc, f))
            .and_then(|f| f.as_array().ok())
            .cloned()
            .unwrap_or_default();
        list.extend(new_fields);
        form.set("Fields", list);
    }
    match form_id {
        Some(id) => up.object(id, &Object::Dictionary(form)),
        None => {
            let mut cat = catalog;
            cat.set("AcroForm", form);
            up.object(root, &Object::Dictionary(cat));
        }
    }
    Ok(())
}
