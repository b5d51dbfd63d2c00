//! "Ký số…" and "Kiểm tra chữ ký số…": thin commands over `baocao::sign` (the token, the
//! signature, the verification) and the store (the images kept with the presets). They pick
//! files (the system's dialogs, or the test seams), keep the token's module and the trusted
//! roots in the prefs, and write the signed file whole where the user says.
//!
//! The PIN arrives from the dialog's password field, goes straight into a `SecretString` that
//! is dropped once the token has accepted it, and is never stored, logged or put in a message.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use baocao::sign::flow::{self, CertChoice};
use baocao::sign::token::Module;
use baocao::sign::verify::SignatureView;
use baocao::sign::{cert, cert_store, Role};
use baocao::Error;

use super::commands::{save_path, CmdResult};
use super::seams;
use super::state::AppState;

/// The token's module, loaded once and kept while the app runs (a PKCS#11 library is
/// initialised once per process), and the file signed last (offered for the next signature).
#[derive(Default)]
pub struct SignState {
    module: Mutex<Option<Module>>,
    last_signed: Mutex<Option<PathBuf>>,
}

const PREF_MODULE: &str = "ky_so_thu_vien";
/// Where the certificates come from: "thiet-bi" (the token's PKCS#11 library) or, on Windows,
/// "kho-windows" (the Windows certificate store).
const PREF_SOURCE: &str = "ky_so_nguon";
const SOURCE_TOKEN: &str = "thiet-bi";
const SOURCE_STORE: &str = "kho-windows";
const PREF_ROOTS: &str = "ky_so_goc_tin_cay";

/// What the dialog shows when it opens.
#[derive(Debug, Serialize, Default)]
pub struct SignDialog {
    /// The module kept in the prefs.
    pub module: Option<String>,
    /// Why it does not load (Vietnamese), when it does not.
    pub module_error: Option<String>,
    pub certs: Vec<CertChoice>,
    pub chu_ky: Option<ImageInfo>,
    pub con_dau: Option<ImageInfo>,
    /// The file signed last in this session: the organisation signs it next.
    pub last_signed: Option<String>,
    /// The open report has appendices: they may be signed as a file of their own.
    pub has_appendix: bool,
    /// What the open report leaves blank for the văn thư (number, date), said before signing
    /// a sign-ready copy of it.
    pub blanks: Option<String>,
    /// "thiet-bi" or "kho-windows": where the certificates listed come from.
    pub nguon: &'static str,
    /// The Windows certificate store can be chosen (on Windows only).
    pub store_available: bool,
}

/// An image kept with a preset, as the dialog tells it.
#[derive(Debug, Serialize)]
pub struct ImageInfo {
    /// "Đã có hình chữ ký (240 × 120 điểm ảnh), lưu cùng mẫu “Nguyễn Văn An”."
    pub text: String,
}

fn role_of(code: &str) -> Result<Role, Error> {
    Role::parse(code).ok_or_else(|| Error::input(format!("Vai trò ký “{code}” không có.")))
}

fn image_info(img: &baocao::store::SignImage, role: Role) -> ImageInfo {
    let what = match role {
        Role::CaNhan => "hình chữ ký",
        Role::CoQuan => "hình con dấu",
    };
    let size = baocao::sign::appearance::decode_png(&img.png)
        .map(|p| format!(" ({} × {} điểm ảnh)", p.width, p.height))
        .unwrap_or_default();
    ImageInfo {
        text: format!(
            "Đã có {what}{size}, lưu cùng mẫu thiết lập “{}”.",
            img.preset_name
        ),
    }
}

fn images(state: &AppState) -> (Option<ImageInfo>, Option<ImageInfo>) {
    let inner = state.lock();
    let Some(open) = inner.open.as_ref() else {
        return (None, None);
    };
    let get = |role| {
        inner
            .drafts
            .sign_image(&open.report, role)
            .ok()
            .flatten()
            .map(|i| image_info(&i, role))
    };
    (get(Role::CaNhan), get(Role::CoQuan))
}

fn module_pref() -> Option<String> {
    super::prefs::load()
        .get(PREF_MODULE)
        .and_then(|v| v.as_str())
        .map(str::to_string)
        .filter(|s| !s.is_empty())
}

/// The module at `path`, loaded into `sign` unless it already is.
fn ensure_module(sign: &SignState, path: &str) -> Result<(), Error> {
    let mut m = sign.module.lock().unwrap_or_else(|e| e.into_inner());
    if m.as_ref().is_some_and(|m| m.path() == path) {
        return Ok(());
    }
    // The old module is finalised before the new one is initialised.
    *m = None;
    *m = Some(Module::load(Path::new(path))?);
    Ok(())
}

/// The source kept in the prefs; the token's library unless the store was chosen on Windows.
fn source_pref() -> &'static str {
    let kept = super::prefs::load()
        .get(PREF_SOURCE)
        .and_then(|v| v.as_str())
        .map(str::to_string);
    if cert_store::AVAILABLE && kept.as_deref() == Some(SOURCE_STORE) {
        SOURCE_STORE
    } else {
        SOURCE_TOKEN
    }
}

/// The dialog's certificates from `source`: the store's, or the kept module's.
fn list_from(d: &mut SignDialog, sign: &SignState, source: &'static str) {
    d.nguon = source;
    d.store_available = cert_store::AVAILABLE;
    d.certs.clear();
    d.module_error = None;
    let listed = if source == SOURCE_STORE {
        flow::store_choices(flow::now()).and_then(|c| {
            if c.is_empty() {
                Err(Error::input(
                    "Kho chứng thư của Windows không có chứng thư nào có khóa để ký. Hãy cắm thiết bị ký số (phần mềm của nhà cung cấp đưa chứng thư vào kho), rồi chọn lại “Kho chứng thư của Windows”.",
                ))
            } else {
                Ok(c)
            }
        })
    } else if let Some(path) = d.module.clone() {
        ensure_module(sign, &path).and_then(|_| certs(sign))
    } else {
        Ok(Vec::new())
    };
    match listed {
        Ok(c) => d.certs = c,
        Err(e) => d.module_error = Some(e.message),
    }
}

fn certs(sign: &SignState) -> Result<Vec<CertChoice>, Error> {
    let m = sign.module.lock().unwrap_or_else(|e| e.into_inner());
    match m.as_ref() {
        Some(m) => flow::choices(m, flow::now()),
        None => Ok(Vec::new()),
    }
}

/// "Ký số…" opens: the module kept in the prefs loaded and its certificates listed, the
/// images kept for the open draft's signer and agency.
#[tauri::command(async)]
pub fn ky_so_mo(state: State<'_, AppState>, sign: State<'_, SignState>) -> SignDialog {
    let (chu_ky, con_dau) = images(&state);
    let (has_appendix, blanks) = state
        .lock()
        .open
        .as_ref()
        .map(|o| {
            (
                !o.report.appendices.is_empty(),
                flow::blanks_before_signing(&o.report),
            )
        })
        .unwrap_or_default();
    let mut d = SignDialog {
        module: module_pref(),
        has_appendix,
        blanks,
        chu_ky,
        con_dau,
        last_signed: sign
            .last_signed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .map(|p| p.to_string_lossy().into_owned()),
        ..SignDialog::default()
    };
    list_from(&mut d, &sign, source_pref());
    d
}

/// "Nguồn chứng thư" changed: the token's library or the Windows certificate store, kept in the
/// prefs, and the certificates of that source listed.
#[tauri::command(async)]
pub fn ky_so_nguon(
    state: State<'_, AppState>,
    sign: State<'_, SignState>,
    nguon: String,
) -> CmdResult<SignDialog> {
    let source = match nguon.as_str() {
        SOURCE_STORE if cert_store::AVAILABLE => SOURCE_STORE,
        SOURCE_TOKEN => SOURCE_TOKEN,
        _ => {
            return Err(Error::input(
                "Kho chứng thư của Windows chỉ có trên Windows. Hãy ký bằng thư viện PKCS#11 của thiết bị.",
            )
            .into())
        }
    };
    let mut prefs = super::prefs::load();
    prefs[PREF_SOURCE] = source.into();
    super::prefs::save(&prefs)?;
    let (chu_ky, con_dau) = images(&state);
    let mut d = SignDialog {
        module: module_pref(),
        chu_ky,
        con_dau,
        ..SignDialog::default()
    };
    list_from(&mut d, &sign, source);
    Ok(d)
}

/// "Chọn thư viện của thiết bị…": the vendor's PKCS#11 library picked, checked that it loads
/// and kept in the prefs only then. Returns the dialog's new state, or `None` when cancelled.
#[tauri::command(async)]
pub fn ky_so_chon_thu_vien(
    app: AppHandle,
    state: State<'_, AppState>,
    sign: State<'_, SignState>,
) -> CmdResult<Option<SignDialog>> {
    let path = match seams::path(seams::CHON_THU_VIEN) {
        Some(p) => Some(p),
        None => app
            .dialog()
            .file()
            .set_title("Chọn thư viện PKCS#11 của thiết bị ký số")
            .add_filter("Thư viện PKCS#11", &["dll", "so", "dylib"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(path) = path else { return Ok(None) };
    let path = path.to_string_lossy().into_owned();
    ensure_module(&sign, &path)?;
    let certs = certs(&sign)?;
    let mut prefs = super::prefs::load();
    prefs[PREF_MODULE] = path.clone().into();
    prefs[PREF_SOURCE] = SOURCE_TOKEN.into();
    super::prefs::save(&prefs)?;
    let (chu_ky, con_dau) = images(&state);
    Ok(Some(SignDialog {
        module: Some(path),
        certs,
        chu_ky,
        con_dau,
        nguon: SOURCE_TOKEN,
        store_available: cert_store::AVAILABLE,
        ..SignDialog::default()
    }))
}

/// "Chọn hình chữ ký…" / "Chọn hình con dấu…": a transparent PNG kept with the open draft's
/// signer (or agency) preset. `None` when cancelled.
#[tauri::command(async)]
pub fn ky_so_chon_hinh(
    app: AppHandle,
    state: State<'_, AppState>,
    vai: String,
) -> CmdResult<Option<ImageInfo>> {
    let role = role_of(&vai)?;
    let (seam, title) = match role {
        Role::CaNhan => (
            seams::CHON_HINH_CHU_KY,
            "Chọn hình chữ ký (PNG nền trong suốt)",
        ),
        Role::CoQuan => (
            seams::CHON_HINH_CON_DAU,
            "Chọn hình con dấu (PNG nền trong suốt)",
        ),
    };
    let path = match seams::path(seam) {
        Some(p) => Some(p),
        None => app
            .dialog()
            .file()
            .set_title(title)
            .add_filter("Ảnh PNG", &["png"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(path) = path else { return Ok(None) };
    let png = read_limited(&path)?;
    flow::check_image(&png, role)?;
    let mut inner = state.lock();
    let report = inner.open_draft()?.report.clone();
    let kept = inner.drafts.keep_sign_image(&report, role, &png)?;
    Ok(Some(image_info(&kept, role)))
}

/// A file the user picked, refused above 64 MB (no signed report comes near).
fn read_limited(path: &Path) -> Result<Vec<u8>, Error> {
    const MAX: u64 = 64 * 1024 * 1024;
    let len = std::fs::metadata(path)
        .map_err(|e| Error::from_io("đọc", path, &e))?
        .len();
    if len > MAX {
        return Err(Error::input(format!(
            "Tệp “{}” quá lớn ({} MB). Hãy chọn đúng tệp.",
            path.display(),
            len / 1024 / 1024
        )));
    }
    std::fs::read(path).map_err(|e| Error::from_io("đọc", path, &e))
}

fn pick_pdf(app: &AppHandle, title: &str) -> Option<PathBuf> {
    match seams::path(seams::CHON_PDF) {
        Some(p) => Some(p),
        None => app
            .dialog()
            .file()
            .set_title(title)
            .add_filter("Tệp PDF", &["pdf"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok()),
    }
}

/// "Chọn tệp PDF khác…": a PDF to sign (a separate appendix, a file the person signed on
/// another computer). `None` when cancelled.
#[tauri::command(async)]
pub fn ky_so_chon_pdf(app: AppHandle, state: State<'_, AppState>) -> Option<String> {
    let path = pick_pdf(&app, "Chọn tệp PDF cần ký")?;
    state.remember_picked(&path);
    Some(path.to_string_lossy().into_owned())
}

/// What "Ký" sends. `tep` is a file picked or written in this session; without it, the open
/// draft is exported sign-ready and signed.
#[derive(Deserialize)]
pub struct SignAsk {
    pub tep: Option<String>,
    /// With no `tep`: the open report's appendices as a file of their own (the organisation
    /// signs it alone, with the stamp at the top right), rather than the report.
    #[serde(default)]
    pub phu_luc: bool,
    pub nhan: String,
    pub vai: String,
    /// Empty when signing through the Windows store (Windows asks the PIN itself).
    #[serde(default)]
    pub pin: String,
    /// "kho-windows" to sign with a certificate of the Windows store; else the token's library.
    #[serde(default)]
    pub nguon: String,
}

/// "Ký": signs and writes the signed file whole where the user says (the save dialog, or
/// `BAOCAO_EXPORT_DIR`). Nothing is written when the PIN is wrong, the token was pulled out or
/// anything else fails. Returns the file written, or `None` when the user cancelled.
#[tauri::command(async)]
pub fn ky_so_ky(
    app: AppHandle,
    state: State<'_, AppState>,
    sign: State<'_, SignState>,
    ask: SignAsk,
) -> CmdResult<Option<String>> {
    let SignAsk {
        tep,
        phu_luc,
        nhan,
        vai,
        pin,
        nguon,
    } = ask;
    let pin = SecretString::from(pin);
    let role = role_of(&vai)?;
    let (pdf, input, name, image) = {
        let mut inner = state.lock();
        let report = inner.open.as_ref().map(|o| o.report.clone());
        let image = match &report {
            Some(r) => inner.drafts.sign_image(r, role)?.map(|i| i.png),
            None => None,
        };
        match &tep {
            Some(t) => {
                let p = PathBuf::from(t);
                if !state.was_picked(&p) && !state.was_written(&p) {
                    return Err(Error::input(
                        "Chỉ ký được tệp đã chọn trong hộp thoại “Ký số”. Hãy bấm “Chọn tệp PDF khác…”.",
                    )
                    .into());
                }
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "van-ban.pdf".into());
                (read_limited(&p)?, Some(p), name, image)
            }
            None => {
                let report = report.clone().ok_or_else(|| {
                    Error::input("Chưa mở báo cáo nào để ký. Hãy mở báo cáo hoặc chọn tệp PDF.")
                })?;
                inner.open_draft()?;
                let name = super::commands::export_file_name(&report, super::commands::Export::Pdf);
                if phu_luc {
                    if role != Role::CoQuan {
                        return Err(Error::input(
                            "Phụ lục xuất thành tệp riêng chỉ do cơ quan ký số, không có chữ ký của người ký. Hãy chọn vai trò “Cơ quan”.",
                        )
                        .into());
                    }
                    let pdf = super::engine::appendix_pdf_to_sign(&report, &inner.measurer)?
                        .ok_or_else(|| {
                            Error::input(
                                "Báo cáo đang soạn không có phụ lục. Hãy chọn văn bản khác để ký.",
                            )
                        })?;
                    let name = match name.strip_suffix(".pdf") {
                        Some(stem) => format!("{stem} - Phụ lục.pdf"),
                        None => format!("{name} - Phụ lục"),
                    };
                    (pdf, None, name, None)
                } else {
                    let doc = super::engine::layout(&report, &inner.measurer);
                    let pdf = super::engine::pdf_to_sign(&doc)?;
                    (pdf, None, name, image)
                }
            }
        }
    };
    if role == Role::CaNhan && image.is_none() {
        return Err(Error::input(
            "Chưa có hình chữ ký của người ký. Hãy bấm “Chọn hình chữ ký…” (ảnh PNG nền trong suốt) rồi ký lại.",
        )
        .into());
    }
    if role == Role::CoQuan && image.is_none() && baocao::sign::wants_seal_image(&pdf) {
        return Err(Error::input(
            "Chưa có hình con dấu của cơ quan. Hãy bấm “Chọn hình con dấu…” (ảnh PNG nền trong suốt) rồi ký lại.",
        )
        .into());
    }
    let signing = flow::Signing {
        pdf: &pdf,
        label: &nhan,
        role,
        image: image.as_deref(),
        extra_chain: Vec::new(),
        time: flow::now(),
    };
    let signed = if nguon == SOURCE_STORE {
        drop(pin);
        flow::sign_with_store(signing, owner_window(&app))?
    } else {
        let module_path = module_pref().ok_or_else(|| {
            Error::input("Chưa chọn thư viện của thiết bị ký số. Hãy bấm “Chọn thư viện…”.")
        })?;
        ensure_module(&sign, &module_path)?;
        let m = sign.module.lock().unwrap_or_else(|e| e.into_inner());
        let module = m
            .as_ref()
            .ok_or_else(|| Error::internal("Thư viện ký số chưa được nạp."))?;
        flow::sign_with_token(module, pin, signing)?
    };
    let out_name = flow::signed_name(&name, role);
    let Some(out) = save_path(&app, "Lưu tệp đã ký số", &out_name, ("Tệp PDF", "pdf"))
    else {
        return Ok(None);
    };
    if let Some(input) = &input {
        if same_file(input, &out) {
            return Err(Error::input(
                "Tệp đã ký phải là một tệp mới: hãy đặt tên khác với tệp đang ký.",
            )
            .into());
        }
    }
    baocao::files::write_atomically(&out, &signed)?;
    state.remember_written(&out);
    *sign.last_signed.lock().unwrap_or_else(|e| e.into_inner()) = Some(out.clone());
    Ok(Some(out.to_string_lossy().into_owned()))
}

/// The app's window, for Windows' PIN window to open in front of it.
#[cfg(windows)]
fn owner_window(app: &AppHandle) -> Option<isize> {
    use tauri::Manager;
    let w = app.get_webview_window("main")?;
    w.hwnd().ok().map(|h| h.0 as isize)
}

#[cfg(not(windows))]
fn owner_window(_: &AppHandle) -> Option<isize> {
    None
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// A root the user trusts, as the verification view lists it.
#[derive(Debug, Serialize)]
pub struct RootInfo {
    pub name: String,
    pub expiry: String,
}

/// The trusted roots kept in the prefs (PEM), as DER.
fn roots() -> Vec<Vec<u8>> {
    super::prefs::load()
        .get(PREF_ROOTS)
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|p| p.as_str())
                .flat_map(|p: &str| cert::read_certificates(p.as_bytes()))
                .collect()
        })
        .unwrap_or_default()
}

fn root_infos() -> Vec<RootInfo> {
    roots()
        .iter()
        .filter_map(|d| cert::CertInfo::from_der(d).ok())
        .map(|c| RootInfo {
            name: c.name,
            expiry: c.not_after.format("%d/%m/%Y").to_string(),
        })
        .collect()
}

/// A verified file, as the view shows it.
#[derive(Debug, Serialize)]
pub struct Verified {
    pub path: String,
    /// One sentence for the whole file.
    pub summary: String,
    pub signatures: Vec<SignatureView>,
    pub roots: Vec<RootInfo>,
}

fn verify_file(path: &Path) -> Result<Verified, Error> {
    let pdf = read_limited(path)?;
    let reports = baocao::sign::verify::verify_pdf(&pdf, &roots())?;
    let views = baocao::sign::verify::views(&reports);
    let summary = if views.is_empty() {
        "Tệp không có chữ ký số nào.".to_string()
    } else if views.iter().all(|v| v.ok && v.trusted) {
        format!(
            "Tệp có {} chữ ký số, tất cả hợp lệ; nội dung không thay đổi sau khi ký; chứng thư đến gốc tin cậy.",
            views.len()
        )
    } else if views.iter().all(|v| v.ok) {
        format!(
            "Tệp có {} chữ ký số hợp lệ, nội dung không thay đổi sau khi ký; nhưng có chứng thư chưa đến gốc tin cậy của máy này (hãy thêm chứng thư gốc của nhà cung cấp).",
            views.len()
        )
    } else {
        format!(
            "CẢNH BÁO: tệp có {} chữ ký số nhưng có chữ ký không hợp lệ hoặc tài liệu đã bị sửa sau khi ký.",
            views.len()
        )
    };
    Ok(Verified {
        path: path.to_string_lossy().into_owned(),
        summary,
        signatures: views,
        roots: root_infos(),
    })
}

/// "Kiểm tra chữ ký số…": a signed PDF picked and verified. `None` when cancelled.
#[tauri::command(async)]
pub fn kiem_tra_chu_ky(app: AppHandle, state: State<'_, AppState>) -> CmdResult<Option<Verified>> {
    let Some(path) = pick_pdf(&app, "Chọn tệp PDF đã ký số cần kiểm tra") else {
        return Ok(None);
    };
    state.remember_picked(&path);
    Ok(Some(verify_file(&path)?))
}

/// The file verified again (after a root was added); only a file picked or written here.
#[tauri::command(async)]
pub fn kiem_tra_lai(state: State<'_, AppState>, path: String) -> CmdResult<Verified> {
    let p = PathBuf::from(&path);
    if !state.was_picked(&p) && !state.was_written(&p) {
        return Err(Error::input("Hãy chọn lại tệp cần kiểm tra.").into());
    }
    Ok(verify_file(&p)?)
}

/// The roots the user trusts.
#[tauri::command]
pub fn goc_tin_cay() -> Vec<RootInfo> {
    root_infos()
}

/// "Thêm chứng thư gốc tin cậy…": a root certificate file (PEM or DER, .cer/.crt/.pem) kept in
/// the prefs. Returns the roots now trusted, or `None` when cancelled.
#[tauri::command(async)]
pub fn them_goc_tin_cay(app: AppHandle) -> CmdResult<Option<Vec<RootInfo>>> {
    let path = match seams::path(seams::CHON_GOC) {
        Some(p) => Some(p),
        None => app
            .dialog()
            .file()
            .set_title("Chọn chứng thư gốc tin cậy")
            .add_filter("Chứng thư số", &["cer", "crt", "pem", "der"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(path) = path else { return Ok(None) };
    let bytes = read_limited(&path)?;
    let found = cert::read_certificates(&bytes);
    if found.is_empty() {
        return Err(Error::input(format!(
            "“{}” không phải tệp chứng thư số (PEM hoặc DER). Hãy chọn tệp .cer, .crt hoặc .pem của nhà cung cấp dịch vụ chứng thực.",
            path.display()
        ))
        .into());
    }
    let mut prefs = super::prefs::load();
    let mut list: Vec<serde_json::Value> = prefs
        .get(PREF_ROOTS)
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    let have = roots();
    for der in found {
        if have.contains(&der) {
            continue;
        }
        list.push(cert::to_pem(&der)?.into());
    }
    prefs[PREF_ROOTS] = list.into();
    super::prefs::save(&prefs)?;
    Ok(Some(root_infos()))
}
