//! Ký số end to end with a real PKCS#11 module (SoftHSM2) and a test CA made here: the sample
//! rendered sign-ready, signed by the person then by the organisation through `baocao ky`, and
//! checked by independent validators (poppler's `pdfsig`, pyHanko) as well as our own.

#[path = "support/softhsm.rs"]
mod softhsm;
#[path = "support/tools.rs"]
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md"
);

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("baocao-ky-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn baocao(token: &softhsm::Token, pin: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_baocao"));
    c.args(args)
        .env("BAOCAO_BUNDLED_FONTS", "1")
        .env("SOFTHSM2_CONF", &token.conf)
        .env_remove("BAOCAO_PIN");
    if let Some(p) = pin {
        c.env("BAOCAO_PIN", p);
    }
    c.output().expect("baocao runs")
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The signed sample: (token, folder, sign-ready PDF, signed by the person, signed by both).
fn signed_sample(name: &str) -> Option<(softhsm::Token, PathBuf, PathBuf, PathBuf, PathBuf)> {
    let dir = folder(name);
    let token = softhsm::make(&dir.join("hsm"))?;
    let m = s(&token.module).to_string();
    let ready = dir.join("mau.pdf");
    let rendered = baocao(
        &token,
        None,
        &["render", SAMPLE, "-o", s(&ready), "--ky-so"],
    );
    ok(&rendered);
    // The sample leaves the number and the date blank for the văn thư: said, not refused.
    let said = String::from_utf8_lossy(&rendered.stderr);
    assert!(
        said.contains("Lưu ý: Báo cáo đang soạn chưa có số và ngày tháng ban hành."),
        "{said}"
    );
    std::fs::write(dir.join("chu-ky.png"), softhsm::png(240, 120, [0, 0, 200])).unwrap();
    std::fs::write(dir.join("con-dau.png"), softhsm::png(300, 300, [220, 0, 0])).unwrap();
    let one = dir.join("mau-ca-nhan.pdf");
    let both = dir.join("mau-da-ky.pdf");
    ok(&baocao(
        &token,
        Some(softhsm::PIN),
        &[
            "ky",
            s(&ready),
            "-o",
            s(&one),
            "--module",
            &m,
            "--nhan",
            "canhan",
            "--vai",
            "ca-nhan",
            "--anh",
            s(&dir.join("chu-ky.png")),
        ],
    ));
    ok(&baocao(
        &token,
        Some(softhsm::PIN),
        &[
            "ky",
            s(&one),
            "-o",
            s(&both),
            "--module",
            &m,
            "--nhan",
            "coquan",
            "--vai",
            "co-quan",
            "--anh",
            s(&dir.join("con-dau.png")),
        ],
    ));
    Some((token, dir, ready, one, both))
}

fn pdfsig(file: &Path) -> Option<String> {
    tools::require("pdfsig", "apt-get install poppler-utils")?;
    let o = Command::new("pdfsig").arg(file).output().unwrap();
    Some(String::from_utf8_lossy(&o.stdout).into_owned())
}

fn pyhanko() -> Option<PathBuf> {
    let home = std::env::var_os("HOME")?;
    let p = PathBuf::from(home).join(".cache/baocao-tools/pyhanko/bin/pyhanko");
    if p.is_file() {
        Some(p)
    } else {
        tools::missing(
            "pyHanko",
            "scripts/setup.sh makes ~/.cache/baocao-tools/pyhanko",
        )
    }
}

#[test]
fn the_sample_signed_by_the_person_then_the_organisation_validates_everywhere() {
    let Some((token, _dir, ready, one, both)) = signed_sample("hai-chu-ky") else {
        return;
    };
    // The earlier files are untouched, and each signature only adds bytes.
    let (r, o, b) = (
        std::fs::read(&ready).unwrap(),
        std::fs::read(&one).unwrap(),
        std::fs::read(&both).unwrap(),
    );
    assert!(o.starts_with(&r) && b.starts_with(&o));

    // Our own verification.
    let out = baocao(
        &token,
        None,
        &["ky", "--kiem-tra", s(&both), "--tin-cay", s(&token.ca_pem)],
    );
    let text = ok(&out);
    assert!(
        text.contains(&format!(
            "Chữ ký 1 — người có thẩm quyền: {}",
            softhsm::PERSON
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("Chữ ký 2 — cơ quan: {}", softhsm::AGENCY)),
        "{text}"
    );
    assert_eq!(
        text.matches("chữ ký hợp lệ, nội dung đúng như lúc ký")
            .count(),
        2,
        "{text}"
    );
    assert!(
        text.contains("chỉ thêm chữ ký sau, nội dung không thay đổi"),
        "{text}"
    );
    assert!(
        text.contains("Sau khi ký: tài liệu không thay đổi"),
        "{text}"
    );
    assert_eq!(
        text.matches(&format!("đến gốc tin cậy “{}”", softhsm::CA_NAME))
            .count(),
        2,
        "{text}"
    );
    assert!(text.contains("+07:00"), "{text}");

    // poppler.
    if let Some(sig) = pdfsig(&both) {
        assert_eq!(sig.matches("Signature is Valid").count(), 2, "{sig}");
        assert!(
            sig.contains("ETSI.CAdES.detached") && sig.contains("SHA-256"),
            "{sig}"
        );
        // The last signature covers the whole file: nothing changed after it.
        let last = sig.split("Signature #2").nth(1).unwrap();
        assert!(last.contains("Total document signed"), "{sig}");
    }
    // pyHanko, with the test CA as the trust root and its difference analysis.
    if let Some(py) = pyhanko() {
        let o = Command::new(py)
            .args([
                "sign",
                "validate",
                "--pretty-print",
                "--no-revocation-check",
                "--trust",
            ])
            .arg(&token.ca_pem)
            .arg(&both)
            .output()
            .unwrap();
        let t = String::from_utf8_lossy(&o.stdout);
        assert!(
            o.status.success(),
            "{t}{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(t.matches("The signature is judged VALID").count(), 2, "{t}");
        assert!(
            t.contains("All modifications relate to signing and form filling"),
            "{t}"
        );
        assert_eq!(
            t.matches("The signer's certificate is trusted").count(),
            2,
            "{t}"
        );
    }
}

#[test]
fn one_flipped_byte_in_a_signed_range_fails_validation() {
    let Some((token, dir, _ready, _one, both)) = signed_sample("mot-byte") else {
        return;
    };
    let mut b = std::fs::read(&both).unwrap();
    // A byte of the first page's content, inside both signatures' first range.
    let at = b.len() / 4;
    b[at] ^= 0x01;
    let bad = dir.join("hong.pdf");
    std::fs::write(&bad, &b).unwrap();
    let out = baocao(&token, None, &["ky", "--kiem-tra", s(&bad)]);
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("KHÔNG HỢP LỆ"), "{text}");
    if let Some(sig) = pdfsig(&bad) {
        assert!(!sig.contains("Signature is Valid"), "{sig}");
    }
}

/// The fields' rectangles (x1, y1, x2, y2) by name, read back with lopdf.
fn field_rects(pdf: &Path) -> Vec<(String, [f32; 4])> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let mut out = Vec::new();
    for o in doc.objects.values() {
        let Ok(d) = o.as_dict() else { continue };
        if d.get(b"FT").and_then(|f| f.as_name()).ok() != Some(&b"Sig"[..]) {
            continue;
        }
        let name = lopdf::decode_text_string(d.get(b"T").unwrap()).unwrap();
        let r: Vec<f32> = d
            .get(b"Rect")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_float().unwrap())
            .collect();
        out.push((name, [r[0], r[1], r[2], r[3]]));
    }
    out
}

#[test]
fn the_seal_covers_the_left_third_of_the_signature() {
    let Some((_token, _dir, _ready, _one, both)) = signed_sample("con-dau") else {
        return;
    };
    let rects = field_rects(&both);
    let get = |n: &str| rects.iter().find(|(k, _)| k == n).unwrap().1;
    let person = get("ChuKyCaNhan");
    let seal = get("ChuKyCoQuan");
    let width = person[2] - person[0];
    assert!(seal[0] < person[0], "the seal starts left of the signature");
    let overlap = (seal[2].min(person[2]) - seal[0].max(person[0])) / width;
    assert!((overlap - 1.0 / 3.0).abs() <= 0.03, "overlap {overlap}");
    // Vertically, the seal is centred on the signature's room.
    let (pc, sc) = ((person[1] + person[3]) / 2.0, (seal[1] + seal[3]) / 2.0);
    assert!((pc - sc).abs() < 0.5);
}

#[test]
fn an_appendix_issued_alone_carries_the_organisations_stamp() {
    let dir = folder("phu-luc");
    let Some(token) = softhsm::make(&dir.join("hsm")) else {
        return;
    };
    // The sample with a number and one appendix.
    let json = dir.join("bao-cao.json");
    ok(&baocao(&token, None, &["import", SAMPLE, "-o", s(&json)]));
    let mut f: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let r = &mut f["report"];
    r["number"] = 15.into();
    let intro = r["intro"][0].clone();
    r["appendices"] = serde_json::json!([{
        "id": "pl1", "title": "Danh sách các tổ dân phố", "intro": [intro], "body": [],
        "landscape": false
    }]);
    std::fs::write(&json, f.to_string()).unwrap();
    let main = dir.join("bao-cao.pdf");
    let pl = dir.join("phu-luc.pdf");
    ok(&baocao(
        &token,
        None,
        &[
            "render",
            s(&json),
            "-o",
            s(&main),
            "--ky-so",
            "--phu-luc-rieng",
            s(&pl),
        ],
    ));
    let signed = dir.join("phu-luc-da-ky.pdf");
    let m = s(&token.module).to_string();
    // The appendix is signed by the organisation alone, with no image.
    ok(&baocao(
        &token,
        Some(softhsm::PIN),
        &[
            "ky",
            s(&pl),
            "-o",
            s(&signed),
            "--module",
            &m,
            "--nhan",
            "coquan",
            "--vai",
            "co-quan",
        ],
    ));
    if tools::require("pdftotext", "apt-get install poppler-utils").is_none() {
        return;
    }
    let o = Command::new("pdftotext")
        .args(["-f", "1", "-l", "1", "-layout"])
        .arg(&signed)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // Number and symbol, then the time in ISO 8601 with Vietnam's offset, first on the page.
    assert_eq!(lines[0], "15/BC-UBND", "{text}");
    let t = lines[1];
    assert!(
        t.len() == 25 && t.ends_with("+07:00") && chrono::DateTime::parse_from_rfc3339(t).is_ok(),
        "{text}"
    );
    // At the top right: the stamp's box ends at the right margin, above the text.
    let rects = field_rects(&signed);
    let stamp = rects[0].1;
    assert!(stamp[2] > 500.0 && stamp[3] > 780.0, "{stamp:?}");
    // Times New Roman (here Liberation Serif, its metric twin), 10 pt: read from the stamp's
    // form by pdffonts (the font is embedded in the signature's appearance).
    let fonts = Command::new("pdffonts").arg(&signed).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(
        fonts.contains("LiberationSerif") || fonts.contains("TimesNewRoman"),
        "{fonts}"
    );
    if let Some(sig) = pdfsig(&signed) {
        assert!(sig.contains("Signature is Valid"), "{sig}");
        assert!(sig.contains("Total document signed"), "{sig}");
    }
}

#[test]
fn a_wrong_pin_or_a_missing_token_writes_nothing_and_says_so() {
    let dir = folder("loi");
    let Some(token) = softhsm::make(&dir.join("hsm")) else {
        return;
    };
    let m = s(&token.module).to_string();
    let ready = dir.join("mau.pdf");
    ok(&baocao(
        &token,
        None,
        &["render", SAMPLE, "-o", s(&ready), "--ky-so"],
    ));
    let before = std::fs::read(&ready).unwrap();
    let out = dir.join("da-ky.pdf");
    let o = baocao(
        &token,
        Some("0000"),
        &[
            "ky",
            s(&ready),
            "-o",
            s(&out),
            "--module",
            &m,
            "--nhan",
            "canhan",
            "--vai",
            "ca-nhan",
        ],
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("Mã PIN không đúng"));
    assert!(!out.exists());
    // The token gone (its store removed, as when the USB token is pulled out).
    std::fs::remove_dir_all(token.dir.join("tokens")).unwrap();
    std::fs::create_dir_all(token.dir.join("tokens")).unwrap();
    let o = baocao(
        &token,
        Some(softhsm::PIN),
        &[
            "ky",
            s(&ready),
            "-o",
            s(&out),
            "--module",
            &m,
            "--nhan",
            "canhan",
            "--vai",
            "ca-nhan",
        ],
    );
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("thiết bị"), "{err}");
    assert!(!out.exists());
    assert_eq!(std::fs::read(&ready).unwrap(), before);
    // The PIN appears nowhere in what was said.
    assert!(!err.contains(softhsm::PIN));
    // Signing in place is refused.
    let o = baocao(
        &token,
        Some(softhsm::PIN),
        &[
            "ky",
            s(&ready),
            "-o",
            s(&ready),
            "--module",
            &m,
            "--nhan",
            "canhan",
            "--vai",
            "ca-nhan",
        ],
    );
    assert!(!o.status.success());
    assert_eq!(std::fs::read(&ready).unwrap(), before);
}

/// The role the app's dialog shows for a certificate, as Vietnamese CAs write their subjects:
/// the UID's identity number (a person) or tax code (an organisation) decides, even against
/// the names; without one, a common name equal to the organisation's name is the organisation.
#[test]
fn a_certificates_role_follows_its_uid_then_its_names() {
    use baocao::sign::{cert::CertInfo, Role};
    if tools::require("openssl", "apt-get install openssl").is_none() {
        return;
    }
    let dir = folder("vai-tro");
    let make = |name: &str, subj: &str| -> Role {
        let out = dir.join(format!("{name}.der"));
        let o = Command::new("openssl")
            .current_dir(&dir)
            .args([
                "req", "-x509", "-new", "-utf8", "-newkey", "rsa:2048", "-nodes", "-keyout",
            ])
            .arg(dir.join(format!("{name}.key")))
            .args(["-days", "30", "-subj", subj, "-outform", "DER", "-out"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        CertInfo::from_der(&std::fs::read(&out).unwrap())
            .unwrap()
            .role
    };
    assert_eq!(
        make(
            "cccd",
            "/C=VN/O=UBND phường Bạch Mai/CN=UBND phường Bạch Mai/UID=CCCD:001080012345"
        ),
        Role::CaNhan
    );
    assert_eq!(
        make("mst", "/C=VN/O=Công ty A/CN=Văn thư/UID=MST:0101234567"),
        Role::CoQuan
    );
    assert_eq!(
        make(
            "ten",
            "/C=VN/O=UBND phường Bạch Mai/CN=UBND phường Bạch Mai"
        ),
        Role::CoQuan
    );
    assert_eq!(
        make("nguoi", "/C=VN/O=UBND phường Bạch Mai/CN=Trần Thị Bình"),
        Role::CaNhan
    );
}
