//! Windows paths for real: these tests run only on Windows, which here means the
//! x86_64-pc-windows-gnu build under Wine (scripts/test-windows.sh, in CI on every run; the
//! prefix scripts/wine/setup.sh makes has a user named "Nguyễn Văn An", a second local drive
//! E: and a mapped network drive N:). On Linux the file holds one test saying so.
//!
//! Each case is one a Windows office PC meets: the user's profile has Vietnamese letters and
//! spaces, the store under %LOCALAPPDATA%, a backup to another drive letter, a file held open by
//! another program when the store or an export replaces it (sharing violation), a read-only
//! target, a path longer than 260 characters, a network path. In every one nothing is lost.

#[cfg(not(windows))]
#[test]
fn windows_only_these_run_under_wine_in_scripts_test_windows_sh() {
    eprintln!(
        "tests/windows_paths.rs: Windows only (scripts/test-windows.sh runs them under Wine)."
    );
}

#[cfg(windows)]
mod common;

#[cfg(windows)]
mod on_windows {
    use std::fs::{File, OpenOptions};
    use std::os::windows::fs::OpenOptionsExt;
    use std::path::{Path, PathBuf};
    use std::process::{Command, Output};
    use std::time::{Duration, Instant};

    use baocao::store::{location, Query, Store};

    use super::common;

    /// Windows' FILE_SHARE_READ alone: how a PDF reader or an antivirus holds a file: others
    /// may read it, nobody may delete, rename over or write it.
    const FILE_SHARE_READ: u32 = 1;

    /// Set by scripts/wine/setup.sh: the prefix's user, whose name has Vietnamese letters and
    /// spaces. Absent on a real Windows PC, where only what holds for any user is checked.
    fn wine_user() -> Option<String> {
        std::env::var("BAOCAO_WINE_USER")
            .ok()
            .filter(|u| !u.is_empty())
    }

    fn baocao(args: &[&std::ffi::OsStr], data: Option<&Path>) -> Output {
        let mut c = Command::new(env!("CARGO_BIN_EXE_baocao"));
        c.args(args);
        match data {
            Some(d) => c.env(location::DATA_DIR_ENV, d),
            None => c.env_remove(location::DATA_DIR_ENV),
        };
        c.output().expect("baocao.exe runs")
    }

    fn os(s: &str) -> &std::ffi::OsStr {
        std::ffi::OsStr::new(s)
    }

    fn stderr(o: &Output) -> String {
        String::from_utf8_lossy(&o.stderr).into_owned()
    }

    fn sample_file(dir: &Path) -> PathBuf {
        let p = dir.join("Báo cáo 6 tháng đầu năm.md");
        std::fs::write(&p, common::SAMPLE_MD).unwrap();
        p
    }

    /// Holds `path` open the way another program does: reading, sharing read only.
    fn hold(path: &Path) -> File {
        OpenOptions::new()
            .read(true)
            .share_mode(FILE_SHARE_READ)
            .open(path)
            .unwrap()
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn the_store_lives_under_localappdata_of_a_user_with_vietnamese_letters_and_spaces() {
        let local = dirs::data_local_dir().expect("the local app-data folder");
        let env_local = PathBuf::from(std::env::var_os("LOCALAPPDATA").unwrap());
        assert_eq!(local, env_local);
        if std::env::var_os(location::DATA_DIR_ENV).is_none() {
            assert_eq!(
                location::default_dir().unwrap(),
                local.join(location::DATA_FOLDER)
            );
        }
        let Some(user) = wine_user() else {
            return;
        };
        assert!(user.contains(' ') && !user.is_ascii(), "{user}");
        assert!(
            local.to_string_lossy().contains(&user),
            "{} is not under the profile of {user}",
            local.display()
        );
        // The CLI, with no data folder given, keeps its store there; a draft goes in and
        // comes back out with every Vietnamese letter.
        let dir = local.join(location::DATA_FOLDER);
        let _ = std::fs::remove_dir_all(&dir);
        let tmp = tempfile::tempdir_in(&local).unwrap();
        let sample = sample_file(tmp.path());
        let out = baocao(&[os("drafts"), os("import"), sample.as_os_str()], None);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(dir.join("baocao.db").is_file());
        let out = baocao(&[os("drafts"), os("list")], None);
        assert!(out.status.success(), "{}", stderr(&out));
        let list = String::from_utf8_lossy(&out.stdout);
        assert!(list.contains("06 tháng đầu năm"), "{list}");
        let store = Store::open(&dir).unwrap();
        assert_eq!(store.list_drafts(&Query::default()).unwrap().len(), 1);
        drop(store);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_backup_goes_to_another_drive_letter_and_comes_back() {
        let e = Path::new(r"E:\");
        if !e.is_dir() {
            assert!(wine_user().is_none(), "the test prefix has no drive E:");
            eprintln!("BỎ QUA: máy này không có ổ E:.");
            return;
        }
        assert_eq!(location::drive_kind('E'), location::DriveKind::Local);
        let (_tmp, dir) = common::data_dir();
        let mut store = Store::open(&dir).unwrap();
        let draft = store
            .create_draft_from_report("Báo cáo 6 tháng", "", &common::sample_report())
            .unwrap();
        let on_e = tempfile::tempdir_in(e).unwrap();
        let folder = on_e.path().join("Sao lưu của An");
        std::fs::create_dir(&folder).unwrap();
        store.set_chosen_backup_folder(Some(&folder)).unwrap();
        let chosen = store
            .chosen_backup_dir()
            .unwrap()
            .expect("the chosen folder");
        assert!(chosen.starts_with(on_e.path()));
        let backup = store.backup_into(&chosen).unwrap();
        assert!(backup.to_string_lossy().starts_with(r"E:\"), "{backup:?}");
        assert!(
            store.list_backups().iter().any(|b| b.path == backup),
            "the backup on E: is listed"
        );
        // Lost on C: (deleted for good), back from E:.
        store.trash(&draft.id).unwrap();
        store.delete_forever(&draft.id).unwrap();
        store.restore_backup(&backup).unwrap();
        assert!(store.load_draft(&draft.id).is_ok());
        // The CLI writes one there too, and the data folder may itself be on E:.
        let file = on_e.path().join("bản sao lưu.db");
        let out = baocao(&[os("backup"), os("-o"), file.as_os_str()], Some(&dir));
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(file.is_file());
        assert!(location::check_data_dir(&on_e.path().join("BaoCao")).is_ok());
    }

    #[test]
    fn a_file_held_open_by_another_program_is_not_replaced_and_nothing_is_lost() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("Báo cáo đang mở.pdf");
        std::fs::write(&path, b"%PDF old").unwrap();
        let held = hold(&path);
        // Replacing it is refused after the retries, with what to do; the old file stays and
        // no temporary file is left.
        let started = Instant::now();
        let e = baocao::files::write_atomically(&path, b"%PDF new").unwrap_err();
        assert!(
            e.message.contains("đang được mở trong chương trình khác"),
            "{}",
            e.message
        );
        assert!(started.elapsed() >= Duration::from_millis(500), "retried");
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF old");
        assert_eq!(names_in(tmp.path()), ["Báo cáo đang mở.pdf"]);
        // A program that lets go while the write retries: the write goes through.
        let t = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            drop(held);
        });
        baocao::files::write_atomically(&path, b"%PDF new").unwrap();
        t.join().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF new");
        assert_eq!(names_in(tmp.path()), ["Báo cáo đang mở.pdf"]);
    }

    #[test]
    fn an_export_or_a_backup_over_a_file_held_by_this_process_fails_in_baocao_exe() {
        let tmp = tempfile::tempdir().unwrap();
        let sample = sample_file(tmp.path());
        let (_d, data) = common::data_dir();
        // The PDF the export replaces is held here, in another process than baocao.exe.
        let pdf = tmp.path().join("Báo cáo.pdf");
        std::fs::write(&pdf, b"%PDF signed copy").unwrap();
        let held = hold(&pdf);
        let out = baocao(
            &[os("render"), sample.as_os_str(), os("-o"), pdf.as_os_str()],
            Some(&data),
        );
        assert!(!out.status.success());
        assert!(
            stderr(&out).contains("Hãy đóng tệp đó rồi thử lại"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read(&pdf).unwrap(), b"%PDF signed copy");
        // The store's backup over a held file: the same.
        let db = tmp.path().join("sao lưu.db");
        std::fs::write(&db, b"old backup").unwrap();
        let held_db = hold(&db);
        let out = baocao(&[os("backup"), os("-o"), db.as_os_str()], Some(&data));
        assert!(!out.status.success());
        assert!(
            stderr(&out).contains("chương trình khác"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read(&db).unwrap(), b"old backup");
        drop((held, held_db));
        assert_eq!(
            names_in(tmp.path()),
            ["Báo cáo 6 tháng đầu năm.md", "Báo cáo.pdf", "sao lưu.db"]
        );
        // Closed, the same export goes through.
        let out = baocao(
            &[os("render"), sample.as_os_str(), os("-o"), pdf.as_os_str()],
            Some(&data),
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    }

    #[test]
    fn a_read_only_target_is_kept_and_the_message_says_what_to_do() {
        let tmp = tempfile::tempdir().unwrap();
        let sample = sample_file(tmp.path());
        let pdf = tmp.path().join("Bản đã ký.pdf");
        std::fs::write(&pdf, b"%PDF signed").unwrap();
        let mut p = std::fs::metadata(&pdf).unwrap().permissions();
        p.set_readonly(true);
        std::fs::set_permissions(&pdf, p).unwrap();
        let (_d, data) = common::data_dir();
        let out = baocao(
            &[os("render"), sample.as_os_str(), os("-o"), pdf.as_os_str()],
            Some(&data),
        );
        assert!(!out.status.success());
        assert!(stderr(&out).contains("chỉ đọc"), "{}", stderr(&out));
        assert_eq!(std::fs::read(&pdf).unwrap(), b"%PDF signed");
        assert_eq!(names_in(tmp.path()).len(), 2);
    }

    #[test]
    fn a_path_longer_than_260_characters_works_for_exports_and_the_store() {
        let tmp = tempfile::tempdir().unwrap();
        let mut deep = tmp.path().to_path_buf();
        while deep.as_os_str().len() < 300 {
            deep.push("Báo cáo tình hình kinh tế xã hội phường Bạch Mai");
        }
        std::fs::create_dir_all(&deep).unwrap();
        let sample = sample_file(&deep);
        let pdf = deep.join("Báo cáo 6 tháng đầu năm 2026 của Ủy ban nhân dân phường.pdf");
        assert!(pdf.as_os_str().len() > 260, "{}", pdf.as_os_str().len());
        let data = deep.join("Dữ liệu");
        let out = baocao(
            &[os("render"), sample.as_os_str(), os("-o"), pdf.as_os_str()],
            Some(&data),
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
        // The store in a folder that deep: it works, or says so clearly; nothing half made.
        match Store::open(&data) {
            Ok(mut store) => {
                let d = store
                    .create_draft_from_report("Báo cáo 6 tháng", "", &common::sample_report())
                    .unwrap();
                drop(store);
                let store = Store::open(&data).unwrap();
                assert!(store.load_draft(&d.id).is_ok());
            }
            Err(e) => panic!("the store in a long path: {}", e.message),
        }
    }

    #[test]
    fn network_paths_are_refused_with_a_clear_message() {
        let started = Instant::now();
        for dir in [
            r"\\may-chu\chia-se\BaoCao",
            r"\\?\UNC\may-chu\chia-se\BaoCao",
        ] {
            let out = baocao(&[os("drafts"), os("list")], Some(Path::new(dir)));
            assert!(!out.status.success(), "{dir}");
            let err = stderr(&out);
            assert!(
                err.contains("ổ mạng") && err.contains("ổ C:"),
                "{dir}: {err}"
            );
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no wait on the network"
        );
        // A mapped network drive (N: in the test prefix) is refused too.
        if wine_user().is_some() {
            assert_eq!(location::drive_kind('N'), location::DriveKind::Network);
            let out = baocao(&[os("drafts"), os("list")], Some(Path::new(r"N:\BaoCao")));
            assert!(!out.status.success());
            assert!(stderr(&out).contains("ổ mạng"), "{}", stderr(&out));
        }
        assert_eq!(location::drive_kind('C'), location::DriveKind::Local);
    }
}
