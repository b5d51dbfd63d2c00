//! `baocao drafts …`, `baocao backup`, `baocao restore`: the store from the command line, for
//! tests and for administrators. All honour `BAOCAO_DATA_DIR`.

use std::io::Write;
use std::path::Path;

use baocao::model::Report;
use baocao::store::{self, Query, Store};
use baocao::Error;

use crate::Args;

/// Hidden subcommand for the crash test: saves a draft in a loop and prints each save once it
/// has been committed. Not in the usage text: it is no use to a person.
pub const CRASH_SAVER: &str = "__luu-lien-tuc";

pub fn drafts(args: &[String]) -> Result<(), Error> {
    let Some(sub) = args.first() else {
        return Err(Error::input(
            "Thiếu lệnh con: “baocao drafts list”, “baocao drafts import TỆP” hoặc “baocao drafts export MÃ -o TỆP”.",
        ));
    };
    let rest = &args[1..];
    match sub.as_str() {
        "list" => list(rest),
        "import" => import(rest),
        "export" => export(rest),
        other => Err(Error::input(format!(
            "Không có lệnh “drafts {other}”. Dùng “list”, “import” hoặc “export”."
        ))),
    }
}

/// One draft per line, its id first, then status, last change, title and period, separated by
/// tabs so that a script can cut the columns.
fn list(args: &[String]) -> Result<(), Error> {
    let a = Args::parse(args, &["--tim"])?;
    let store = Store::open_default()?;
    let drafts = if a.flag("--thung-rac") {
        store.list_trash()?
    } else {
        store.list_drafts(&Query {
            search: a.opt("--tim").unwrap_or_default().to_string(),
            ..Query::default()
        })?
    };
    let mut out = std::io::stdout().lock();
    for d in drafts {
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            d.id,
            d.status.label(),
            store::format_time(d.modified),
            d.title,
            d.period
        );
    }
    Ok(())
}

fn import(args: &[String]) -> Result<(), Error> {
    let a = Args::parse(args, &[])?;
    let file = a.one("tệp cần nhập")?;
    let path = Path::new(file);
    let bytes = std::fs::read(path).map_err(|e| Error::from_io("đọc", path, &e))?;
    let mut store = Store::open_default()?;
    let info = if store::is_draft_file(&bytes) {
        store.import_draft(&bytes)?
    } else {
        let report = crate::report_file::report_from_bytes(&bytes)?;
        let title = if report.trich_yeu.trim().is_empty() {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        } else {
            report.trich_yeu.clone()
        };
        store.create_draft_from_report(&title, "", &report)?
    };
    println!("{}", info.id);
    Ok(())
}

fn export(args: &[String]) -> Result<(), Error> {
    let a = Args::parse(args, &["-o"])?;
    let id = a.one("mã bản nháp")?;
    let out = a
        .opt("-o")
        .ok_or_else(|| Error::input("Thiếu tệp ra: “baocao drafts export MÃ -o TỆP”."))?;
    let store = Store::open_default()?;
    store.export_draft_to(id, Path::new(out), !a.flag("--chi-ban-hien-tai"))?;
    println!("{out}");
    Ok(())
}

/// `baocao backup -o FILE_OR_FOLDER`: prints the file written.
pub fn backup(args: &[String]) -> Result<(), Error> {
    let a = Args::parse(args, &["-o"])?;
    let dest = a
        .opt("-o")
        .ok_or_else(|| Error::input("Thiếu nơi lưu: “baocao backup -o TỆP” (hoặc một thư mục)."))?;
    let store = Store::open_default()?;
    let file = store.backup_now(Path::new(dest))?;
    println!("{}", file.display());
    Ok(())
}

/// `baocao restore FILE`: replaces the store by a backup, after backing the current one up.
pub fn restore(args: &[String]) -> Result<(), Error> {
    let a = Args::parse(args, &[])?;
    let file = a.one("tệp sao lưu")?;
    let mut store = Store::open_default()?;
    let before = store.restore_backup(Path::new(file))?;
    println!(
        "Đã khôi phục từ “{file}”. Dữ liệu trước đó được sao lưu ở “{}”.",
        before.display()
    );
    Ok(())
}

/// The report of the draft whose id is `id`, if the store has one. Looks only when a store
/// exists, so that a mistyped file name does not create a data folder.
pub fn load_draft_report(id: &str) -> Result<Option<Report>, Error> {
    let dir = store::default_dir()?;
    if !dir.join(store::DB_FILE).is_file() {
        return Ok(None);
    }
    let store = Store::open(&dir)?;
    match store.load_draft(id) {
        Ok(r) => Ok(Some(r)),
        Err(e) if e.kind == baocao::ErrorKind::Input => Ok(None),
        Err(e) => Err(e),
    }
}

/// The crash test's child: `baocao __luu-lien-tuc MÃ SỐ_ĐẦU`. Saves draft MÃ over and over,
/// writing save number n into the trích yếu and into the first paragraph, and prints n once
/// `save_draft` has returned, i.e. once the save is committed.
pub fn crash_saver(args: &[String]) -> Result<(), Error> {
    let (Some(id), Some(from)) = (args.first(), args.get(1)) else {
        return Err(Error::input("Cách dùng: baocao __luu-lien-tuc MÃ SỐ_ĐẦU"));
    };
    let from: u64 = from
        .parse()
        .map_err(|_| Error::input("SỐ_ĐẦU phải là số."))?;
    let mut store = Store::open_default()?;
    let mut report = store.load_draft(id)?;
    let mut out = std::io::stdout().lock();
    for n in from.. {
        report.trich_yeu = format!("lần lưu {n}");
        if let Some(baocao::model::Block::Paragraph { runs }) = report.intro.first_mut() {
            if let Some(run) = runs.first_mut() {
                run.text = format!("Đoạn văn của lần lưu {n}.");
            }
        }
        store.save_draft(id, &report)?;
        if writeln!(out, "{n}").and_then(|()| out.flush()).is_err() {
            break;
        }
    }
    Ok(())
}
