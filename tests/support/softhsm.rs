//! A SoftHSM2 token made for one test: a test CA (openssl), two RSA-2048 keys with their
//! certificates — the person ("canhan") and the organisation ("coquan") — and the CA's
//! certificate, on a token labelled "baocao" with user PIN 1234. Debian's `softhsm2` and
//! `opensc` (`pkcs11-tool`) and `openssl` make it (scripts/setup.sh installs them).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub const PIN: &str = "1234";
pub const CA_NAME: &str = "CA Thử nghiệm Báo cáo";
pub const PERSON: &str = "Nguyễn Văn An";
pub const AGENCY: &str = "UBND phường Bạch Mai";

/// Where Debian puts SoftHSM2's PKCS#11 module.
pub fn module_path() -> Option<PathBuf> {
    [
        "/usr/lib/softhsm/libsofthsm2.so",
        "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/local/lib/softhsm/libsofthsm2.so",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.is_file())
}

pub struct Token {
    pub dir: PathBuf,
    /// The SOFTHSM2_CONF file to set for every process using the token.
    pub conf: PathBuf,
    pub module: PathBuf,
    /// The CA's certificate (PEM): the trusted root of the tests.
    pub ca_pem: PathBuf,
}

fn run(cmd: &mut Command) {
    let out = cmd.output().expect("tool runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn openssl(dir: &Path, args: &[&str]) {
    run(Command::new("openssl").current_dir(dir).args(args));
}

/// Makes the CA, the keys, the certificates and the token in `dir`; None when a tool is
/// missing (after `tools::missing`'s rules: a failure under CI).
pub fn make(dir: &Path) -> Option<Token> {
    let module = match module_path() {
        Some(m) => m,
        None => return super::tools::missing("SoftHSM2", "apt-get install softhsm2"),
    };
    super::tools::require("softhsm2-util", "apt-get install softhsm2")?;
    super::tools::require("pkcs11-tool", "apt-get install opensc")?;
    super::tools::require("openssl", "apt-get install openssl")?;
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("tokens")).unwrap();
    let conf = dir.join("softhsm2.conf");
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
            dir.join("tokens").display()
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("ext.cnf"),
        "[ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n\
         [signer]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n\
         subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
    )
    .unwrap();
    let rsa = ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"];
    openssl(dir, &[&["genpkey"][..], &rsa, &["-out", "ca.key"]].concat());
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-new",
            "-utf8",
            "-key",
            "ca.key",
            "-days",
            "3650",
            "-sha256",
            "-subj",
            &format!("/C=VN/O=Báo cáo thử nghiệm/CN={CA_NAME}"),
            "-extensions",
            "ca",
            "-config",
            "ext.cnf",
            "-out",
            "ca.pem",
        ],
    );
    for (label, cn) in [("canhan", PERSON), ("coquan", AGENCY)] {
        let key = format!("{label}.key");
        openssl(dir, &[&["genpkey"][..], &rsa, &["-out", &key]].concat());
        openssl(
            dir,
            &[
                "req",
                "-new",
                "-utf8",
                "-key",
                &key,
                "-subj",
                &format!("/C=VN/O=UBND phường Bạch Mai/CN={cn}"),
                "-out",
                &format!("{label}.csr"),
            ],
        );
        openssl(
            dir,
            &[
                "x509",
                "-req",
                "-in",
                &format!("{label}.csr"),
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "730",
                "-sha256",
                "-extfile",
                "ext.cnf",
                "-extensions",
                "signer",
                "-outform",
                "DER",
                "-out",
                &format!("{label}.der"),
            ],
        );
    }
    openssl(
        dir,
        &["x509", "-in", "ca.pem", "-outform", "DER", "-out", "ca.der"],
    );
    run(Command::new("softhsm2-util")
        .env("SOFTHSM2_CONF", &conf)
        .args([
            "--init-token",
            "--free",
            "--label",
            "baocao",
            "--pin",
            PIN,
            "--so-pin",
            "123456",
        ]));
    for (label, id) in [("canhan", "01"), ("coquan", "02")] {
        run(Command::new("softhsm2-util")
            .current_dir(dir)
            .env("SOFTHSM2_CONF", &conf)
            .args([
                "--import",
                &format!("{label}.key"),
                "--token",
                "baocao",
                "--label",
                label,
                "--id",
                id,
                "--pin",
                PIN,
            ]));
    }
    for (label, id) in [("canhan", "01"), ("coquan", "02"), ("ca", "99")] {
        run(Command::new("pkcs11-tool")
            .current_dir(dir)
            .env("SOFTHSM2_CONF", &conf)
            .arg("--module")
            .arg(&module)
            .args([
                "--token-label",
                "baocao",
                "--login",
                "--pin",
                PIN,
                "--write-object",
                &format!("{label}.der"),
                "--type",
                "cert",
                "--id",
                id,
                "--label",
                label,
            ]));
    }
    Some(Token {
        dir: dir.to_path_buf(),
        conf,
        module,
        ca_pem: dir.join("ca.pem"),
    })
}

/// A transparent PNG of `w` × `h` pixels in `rgb` (a disc, like a seal or a stroke).
pub fn png(w: u32, h: u32, rgb: [u8; 3]) -> Vec<u8> {
    let mut data = Vec::with_capacity((w * h * 4) as usize);
    let (cx, cy, r) = (w as f32 / 2.0, h as f32 / 2.0, w.min(h) as f32 / 2.0);
    for y in 0..h {
        for x in 0..w {
            let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt();
            let a = if d < r { 255 } else { 0 };
            data.extend([rgb[0], rgb[1], rgb[2], a]);
        }
    }
    let mut out = Vec::new();
    let mut e = png::Encoder::new(&mut out, w, h);
    e.set_color(png::ColorType::Rgba);
    e.set_depth(png::BitDepth::Eight);
    e.write_header().unwrap().write_image_data(&data).unwrap();
    out
}
