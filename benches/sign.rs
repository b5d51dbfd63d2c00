//! Ký số of the sample with a real PKCS#11 module (SoftHSM2, an RSA-2048 key): the sample
//! exported sign-ready once, then each signature as the user's "Ký" makes it — the token's
//! certificates read, the certificate checked, the PIN given, the incremental update written,
//! hashed and signed with RSASSA-PSS on the token, the token logged out. The median of each
//! must stay under 200 ms.
//!
//! `cargo bench --no-default-features --bench sign` (needs `softhsm2`, `opensc` and `openssl`,
//! which scripts/setup.sh installs) prints the medians and fails when a budget is missed.

#[path = "../tests/support/softhsm.rs"]
mod softhsm;
#[path = "../tests/support/tools.rs"]
mod tools;

#[path = "timing.rs"]
mod timing;

use std::time::Duration;

use baocao::sign::flow::{self, Signing};
use baocao::sign::token::Module;
use baocao::sign::Role;
use secrecy::SecretString;

const BUDGET: Duration = Duration::from_millis(200);
const SAMPLE: &str =
    include_str!("../assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md");

fn main() {
    let dir = std::env::temp_dir().join(format!("baocao-bench-ky-so-{}", std::process::id()));
    let Some(token) = softhsm::make(&dir) else {
        std::process::exit(2);
    };
    std::env::set_var("SOFTHSM2_CONF", &token.conf);

    let report = baocao::import::import_text(SAMPLE).expect("the sample imports");
    let fonts = baocao::text::FontSet::get();
    let measurer = baocao::text::Measurer::new(fonts);
    let doc = baocao::layout::layout(&report, &measurer);
    let fields = baocao::paint::pdf::signature_fields(&doc, fonts);
    let ready = baocao::paint::pdf::write_pdf_with_fields(
        &doc,
        fonts,
        chrono::NaiveDate::from_ymd_opt(2026, 6, 20)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap_or_default(),
        &fields,
    )
    .expect("the sign-ready PDF");
    let chu_ky = softhsm::png(240, 120, [0, 0, 200]);
    let con_dau = softhsm::png(300, 300, [220, 0, 0]);
    let module = Module::load(&token.module).expect("SoftHSM2 loads");

    let sign = |pdf: &[u8], label: &str, role, image: &[u8]| {
        flow::sign_with_token(
            &module,
            SecretString::from(softhsm::PIN.to_string()),
            Signing {
                pdf,
                label,
                role,
                image: Some(image),
                extra_chain: Vec::new(),
                time: flow::now(),
            },
        )
        .expect("signed")
    };
    let one = sign(&ready, "canhan", Role::CaNhan, &chu_ky);
    let both = sign(&one, "coquan", Role::CoQuan, &con_dau);
    let person = timing::median(
        || {
            std::hint::black_box(sign(&ready, "canhan", Role::CaNhan, &chu_ky));
        },
        21,
    );
    let agency = timing::median(
        || {
            std::hint::black_box(sign(&one, "coquan", Role::CoQuan, &con_dau));
        },
        21,
    );
    let _ = std::fs::remove_dir_all(&dir);

    println!("| what | measured | target |");
    println!("|---|---|---|");
    println!(
        "| sign the sample as the person (SoftHSM2, RSA-2048, PSS) | {:.1} ms | ≤ 200 ms |",
        person.as_secs_f64() * 1e3
    );
    println!(
        "| then as the organisation (seal, second incremental update) | {:.1} ms | ≤ 200 ms |",
        agency.as_secs_f64() * 1e3
    );
    println!(
        "| sample: sign-ready {} KB, signed twice {} KB | | |",
        ready.len() / 1024,
        both.len() / 1024
    );
    if person > BUDGET || agency > BUDGET {
        eprintln!("Ký số chậm hơn {} ms.", BUDGET.as_millis());
        std::process::exit(1);
    }
}
