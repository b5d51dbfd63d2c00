//! Ký số through the Windows certificate store (issue 19, the second way), on Windows only:
//! a test certificate with its key is put in the user's "Personal" store the way a token's
//! software does (its key in CNG's software key storage provider), listed by `baocao ky
//! --danh-sach --kho-windows`, and the sample signed through the store by `baocao ky
//! --kho-windows`; then it is taken out of the store again.
//!
//! On Windows (the GitHub workflow) the signature must validate against the test CA. Under Wine
//! (this project's CI) the listing runs for real, but Wine 8's `CryptAcquireCertificatePrivateKey`
//! ignores `CRYPT_ACQUIRE_ONLY_NCRYPT_KEY_FLAG` and hands back a CryptoAPI provider, which cannot
//! sign RSASSA-PSS: there the test asserts the message a user with such a key would read, and
//! that no file was written.
//!
//! The fixture (tests/fixtures/ky-so/kho-windows.pfx, password 1234, and the CA's certificate
//! beside it) was made once with openssl: an RSA-2048 CA and signer, keyUsage digitalSignature +
//! nonRepudiation, valid until 2046.
#![cfg(windows)]

#[path = "support/softhsm.rs"]
mod softhsm;
#[path = "support/tools.rs"]
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use windows::core::{s, w};
use windows::Win32::Security::Cryptography::*;
use windows::Win32::System::LibraryLoader::{GetModuleHandleW, GetProcAddress};

const PFX: &[u8] = include_bytes!("fixtures/ky-so/kho-windows.pfx");
const CA_PEM: &[u8] = include_bytes!("fixtures/ky-so/kho-windows-ca.pem");
/// The signer's SHA-1 thumbprint (`openssl x509 -fingerprint -sha1`).
const THUMBPRINT: &str = "75CEA28F6CA0EC79FA43DD5CDE121DFB6CFEEBC6";
const NAME: &str = "Nguyễn Văn An (kho Windows)";
const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md"
);

fn under_wine() -> bool {
    // SAFETY: looking up an export of ntdll, which every process has loaded.
    unsafe {
        GetModuleHandleW(w!("ntdll.dll"))
            .map(|m| GetProcAddress(m, s!("wine_get_version")).is_some())
            .unwrap_or(false)
    }
}

/// The test certificate in `CurrentUser\MY` while alive (the CA's beside it, with no key, for
/// the chain); taken out, key included, when dropped.
/// One test at a time has the certificate in the store (the other would see it vanish).
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

struct InStore {
    my: HCERTSTORE,
    added: Vec<*const CERT_CONTEXT>,
    _turn: std::sync::MutexGuard<'static, ()>,
}

impl InStore {
    fn put() -> InStore {
        let turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let blob = CRYPT_INTEGER_BLOB {
            cbData: PFX.len() as u32,
            pbData: PFX.as_ptr() as *mut u8,
        };
        // SAFETY: Win32 calls with live buffers; every context added is kept to be deleted.
        unsafe {
            // Windows puts the key in CNG's software provider; Wine knows no such flag and
            // puts it in its CryptoAPI provider.
            let pfx =
                PFXImportCertStore(&blob, w!("1234"), CRYPT_USER_KEYSET | PKCS12_ALWAYS_CNG_KSP)
                    .or_else(|e| {
                        if under_wine() {
                            PFXImportCertStore(&blob, w!("1234"), CRYPT_USER_KEYSET)
                        } else {
                            Err(e)
                        }
                    })
                    .expect("the test PFX imports");
            let my = CertOpenStore(
                CERT_STORE_PROV_SYSTEM_W,
                CERT_QUERY_ENCODING_TYPE(0),
                None,
                CERT_OPEN_STORE_FLAGS(CERT_SYSTEM_STORE_CURRENT_USER),
                Some(w!("MY").as_ptr() as *const core::ffi::c_void),
            )
            .expect("the Personal store opens");
            let mut added = Vec::new();
            let mut prev: Option<*const CERT_CONTEXT> = None;
            loop {
                let c = CertEnumCertificatesInStore(pfx, prev);
                if c.is_null() {
                    break;
                }
                let mut kept: *mut CERT_CONTEXT = std::ptr::null_mut();
                CertAddCertificateContextToStore(
                    Some(my),
                    c,
                    CERT_STORE_ADD_REPLACE_EXISTING,
                    Some(&mut kept),
                )
                .expect("the certificate goes into the Personal store");
                added.push(kept as *const CERT_CONTEXT);
                prev = Some(c);
            }
            let _ = CertCloseStore(Some(pfx), 0);
            // Windows writes the store at once; Wine's registry store only when told (or closed),
            // and `baocao.exe` reads it from another process.
            CertControlStore(
                my,
                CERT_CONTROL_STORE_FLAGS(0),
                CERT_STORE_CTRL_COMMIT,
                None,
            )
            .expect("the Personal store is written");
            InStore {
                my,
                added,
                _turn: turn,
            }
        }
    }
}

impl Drop for InStore {
    fn drop(&mut self) {
        // SAFETY: the contexts added in `put`, each deleted once (which frees it), then the store.
        unsafe {
            for c in self.added.drain(..) {
                let mut key = HCRYPTPROV_OR_NCRYPT_KEY_HANDLE::default();
                let mut spec = CERT_KEY_SPEC::default();
                if CryptAcquireCertificatePrivateKey(
                    c,
                    CRYPT_ACQUIRE_ONLY_NCRYPT_KEY_FLAG | CRYPT_ACQUIRE_SILENT_FLAG,
                    None,
                    &mut key,
                    Some(&mut spec),
                    None,
                )
                .is_ok()
                    && spec == CERT_NCRYPT_KEY_SPEC
                {
                    let _ = NCryptDeleteKey(NCRYPT_KEY_HANDLE(key.0), 0);
                }
                let _ = CertDeleteCertificateFromStore(c);
            }
            let _ = CertControlStore(
                self.my,
                CERT_CONTROL_STORE_FLAGS(0),
                CERT_STORE_CTRL_COMMIT,
                None,
            );
            let _ = CertCloseStore(Some(self.my), 0);
        }
    }
}

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("baocao-kho-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn baocao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .env("BAOCAO_BUNDLED_FONTS", "1")
        .env_remove("BAOCAO_PIN")
        .output()
        .expect("baocao runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The store's certificate is listed by its thumbprint with its holder, issuer and expiry; the
/// CA's certificate beside it, which has no key, is not offered for signing.
#[test]
fn the_stores_certificate_with_a_key_is_listed() {
    let _in = InStore::put();
    let listed = baocao(&["ky", "--danh-sach", "--kho-windows"]);
    let out = text(&listed);
    assert!(listed.status.success(), "{out}");
    let line = out
        .lines()
        .find(|l| l.starts_with(THUMBPRINT))
        .unwrap_or_else(|| panic!("the test certificate is not listed:\n{out}"));
    assert!(
        line.contains(NAME)
            && line.contains("cấp bởi CA Thử nghiệm Báo cáo (kho Windows)")
            && line.contains("hiệu lực đến 01/12/2046"),
        "{line}"
    );
    assert!(
        !out.lines().any(|l| l.contains("\tCA Thử nghiệm")),
        "the CA (no key) is listed:\n{out}"
    );
    let now = baocao::sign::flow::now();
    let choices = baocao::sign::flow::store_choices(now).unwrap();
    let mine = choices.iter().find(|c| c.label == THUMBPRINT).unwrap();
    assert_eq!(mine.role, "ca-nhan");
    assert_eq!(mine.problem, None);
}

/// The sample signed through the store as the person: on Windows a signature that validates up
/// to the test CA; under Wine the CSP message and no file.
#[test]
fn the_sample_signed_through_the_store() {
    let _in = InStore::put();
    let dir = folder("ky");
    let ready = dir.join("mau.pdf");
    let made = baocao(&["render", SAMPLE, "-o", p(&ready), "--ky-so"]);
    assert!(made.status.success(), "{}", text(&made));
    std::fs::write(dir.join("chu-ky.png"), softhsm::png(240, 120, [0, 0, 200])).unwrap();
    let signed = dir.join("mau - đã ký.pdf");
    let run = baocao(&[
        "ky",
        p(&ready),
        "-o",
        p(&signed),
        "--kho-windows",
        "--nhan",
        // As Windows' certificate window shows it: in pairs, lower case.
        "75 ce a2 8f 6c a0 ec 79 fa 43 dd 5c de 12 1d fb 6c fe eb c6",
        "--vai",
        "ca-nhan",
        "--anh",
        p(&dir.join("chu-ky.png")),
    ]);
    let out = text(&run);
    if under_wine() {
        assert_eq!(run.status.code(), Some(2), "{out}");
        assert!(
            out.contains("trình cung cấp mật mã kiểu cũ (CSP)")
                && out.contains("Hãy ký bằng thư viện PKCS#11 của thiết bị")
                && out.contains("Tệp chưa ký vẫn giữ nguyên."),
            "{out}"
        );
        assert!(!signed.exists(), "a file was written after a failure");
        return;
    }
    assert!(run.status.success(), "{out}");
    let pdf = std::fs::read(&signed).unwrap();
    let original = std::fs::read(&ready).unwrap();
    assert!(pdf.starts_with(&original), "not an incremental update");
    let roots = baocao::sign::cert::read_certificates(CA_PEM);
    let reports = baocao::sign::verify::verify_pdf(&pdf, &roots).unwrap();
    assert_eq!(reports.len(), 1);
    let described = baocao::sign::verify::describe_reports(&reports);
    assert!(reports[0].ok(), "{described}");
    assert!(described.contains(NAME), "{described}");
    assert!(
        matches!(&reports[0].chain, baocao::sign::verify::Chain::Trusted(root) if root.contains("CA Thử nghiệm Báo cáo")),
        "{described}"
    );
    let checked = baocao(&["ky", "--kiem-tra", p(&signed)]);
    assert!(text(&checked).contains(NAME), "{}", text(&checked));
}
