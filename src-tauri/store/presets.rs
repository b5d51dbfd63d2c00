//! Presets: what a ward types once and every new draft takes: the agency profile (chủ quản line,
//! agency name lines, symbol suffix, place), signer blocks, named recipient lists, the archive
//! unit and the default layout settings. One preset of each kind may be the default.
//!
//! The agency's dictionary ("Thêm vào từ điển của cơ quan": place names, unit names, words the
//! spelling checks would otherwise question) is a preset too: a list of words, which the checks
//! of every draft read and an exported draft carries.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{storage_err, Store};
use crate::error::{Error, Result};
use crate::model::{Archive, LayoutSettings, Report, Signer};
use crate::text::nfc;

/// The issuing body as a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct AgencyProfile {
    /// Tên cơ quan chủ quản, e.g. "UBND THÀNH PHỐ HÀ NỘI"; `None` when there is none.
    pub parent: Option<String>,
    /// Agency name, one entry per printed line: ["ỦY BAN NHÂN DÂN", "PHƯỜNG BẠCH MAI"].
    pub name_lines: Vec<String>,
    /// The issuing body's part of the symbol, e.g. "UBND" (a report's symbol is "BC-UBND").
    pub symbol_suffix: String,
    /// Địa danh, e.g. "Bạch Mai".
    pub place: String,
}

/// A preset of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum Preset {
    Agency(AgencyProfile),
    Signer(Signer),
    /// A named list of recipients for "Nơi nhận".
    Recipients(Vec<String>),
    Archive(Archive),
    Layout(LayoutSettings),
    /// Words the spelling checks accept in every draft (lower case).
    Dictionary(Vec<String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PresetKind {
    Agency,
    Signer,
    Recipients,
    Archive,
    Layout,
    Dictionary,
}

impl PresetKind {
    pub fn code(self) -> &'static str {
        match self {
            PresetKind::Agency => "agency",
            PresetKind::Signer => "signer",
            PresetKind::Recipients => "recipients",
            PresetKind::Archive => "archive",
            PresetKind::Layout => "layout",
            PresetKind::Dictionary => "dictionary",
        }
    }
}

impl Preset {
    pub fn kind(&self) -> PresetKind {
        match self {
            Preset::Agency(_) => PresetKind::Agency,
            Preset::Signer(_) => PresetKind::Signer,
            Preset::Recipients(_) => PresetKind::Recipients,
            Preset::Archive(_) => PresetKind::Archive,
            Preset::Layout(_) => PresetKind::Layout,
            Preset::Dictionary(_) => PresetKind::Dictionary,
        }
    }

    /// Puts this preset into `report`: the agency into the issuer, symbol and place; a signer,
    /// recipient list, archive line or layout in place of the report's own.
    pub fn apply_to(&self, report: &mut Report) {
        match self.normalized() {
            Preset::Agency(a) => {
                report.issuer.parent = a.parent;
                report.issuer.name_lines = a.name_lines;
                if !a.symbol_suffix.is_empty() {
                    report.issuer.symbol = format!("BC-{}", a.symbol_suffix);
                }
                report.place = a.place;
            }
            Preset::Signer(s) => report.signer = s,
            Preset::Recipients(r) => report.noi_nhan.recipients = r,
            Preset::Archive(a) => report.noi_nhan.archive = a,
            Preset::Layout(s) => report.settings = s,
            // The dictionary is read by the checks, not copied into reports.
            Preset::Dictionary(_) => {}
        }
    }

    /// NFC texts, settings within the decree's ranges.
    fn normalized(&self) -> Preset {
        let mut p = match serde_json::to_value(self)
            .ok()
            .map(nfc_value)
            .and_then(|v| serde_json::from_value::<Preset>(v).ok())
        {
            Some(p) => p,
            None => self.clone(),
        };
        match &mut p {
            Preset::Layout(s) => *s = s.clamped(),
            Preset::Dictionary(words) => *words = clean_words(words.iter()),
            _ => {}
        }
        p
    }
}

fn nfc_value(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::String(s) => Value::String(nfc(&s)),
        Value::Array(a) => Value::Array(a.into_iter().map(nfc_value).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, nfc_value(v))).collect()),
        other => other,
    }
}

/// Words as the dictionary keeps them: trimmed, lower case, each once, sorted; blanks dropped.
fn clean_words<'a>(words: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut out: Vec<String> = words
        .map(|w| nfc(w.trim()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The agency's dictionary read from the store in `dir` without opening it for work (no
/// migration, no upkeep, no backup): what `baocao check` on a file uses. Empty when `dir` holds
/// no store or a store from before presets.
pub fn agency_words_in(dir: &std::path::Path) -> Result<Vec<String>> {
    let path = dir.join(super::DB_FILE);
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let conn = rusqlite::Connection::open_with_flags(
        &path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| storage_err("đọc từ điển của cơ quan", &e))?;
    let has_presets: bool = conn
        .query_row(
            "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'presets')",
            [],
            |r| r.get(0),
        )
        .map_err(|e| storage_err("đọc từ điển của cơ quan", &e))?;
    if !has_presets {
        return Ok(Vec::new());
    }
    let mut stmt = conn
        .prepare("SELECT data FROM presets WHERE kind = ?1")
        .map_err(|e| storage_err("đọc từ điển của cơ quan", &e))?;
    let rows = stmt
        .query_map([PresetKind::Dictionary.code()], |r| r.get::<_, String>(0))
        .map_err(|e| storage_err("đọc từ điển của cơ quan", &e))?;
    let mut words = Vec::new();
    for row in rows {
        let data = row.map_err(|e| storage_err("đọc từ điển của cơ quan", &e))?;
        if let Ok(Preset::Dictionary(w)) = serde_json::from_str::<Preset>(&data) {
            words.extend(w);
        }
    }
    Ok(clean_words(words.iter()))
}

/// The name of the dictionary "Thêm vào từ điển" makes when there is none.
pub const DICTIONARY_NAME: &str = "Từ điển của cơ quan";

/// The most words the agency's dictionaries hold together: far more than an office adds by hand,
/// and a bound on what an imported draft can bring.
pub const MAX_DICTIONARY_WORDS: usize = 20_000;

/// Can `w` be a word of the dictionary? One word (no space), 1 to 60 characters.
pub fn is_dictionary_word(w: &str) -> bool {
    let w = w.trim();
    !w.is_empty() && w.chars().count() <= 60 && !w.chars().any(char::is_whitespace)
}

/// A stored preset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PresetEntry {
    pub id: i64,
    /// The user's name for it, e.g. "Chủ tịch ký" or "Gửi UBND Thành phố".
    pub name: String,
    pub is_default: bool,
    pub preset: Preset,
}

fn no_preset(id: i64) -> Error {
    Error::input(format!(
        "Không có mẫu thiết lập số {id}. Hãy chọn lại trong danh sách."
    ))
}

impl Store {
    /// Presets, of one kind or all, by kind then name.
    pub fn list_presets(&self, kind: Option<PresetKind>) -> Result<Vec<PresetEntry>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, name, is_default, data FROM presets
                 WHERE ?1 IS NULL OR kind = ?1 ORDER BY kind, name, id",
            )
            .map_err(|e| storage_err("đọc mẫu thiết lập", &e))?;
        let rows = stmt
            .query_map([kind.map(PresetKind::code)], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .map_err(|e| storage_err("đọc mẫu thiết lập", &e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, name, is_default, data) =
                row.map_err(|e| storage_err("đọc mẫu thiết lập", &e))?;
            // A preset this build cannot read (written by a newer one) is skipped, not fatal.
            if let Ok(preset) = serde_json::from_str::<Preset>(&data) {
                out.push(PresetEntry {
                    id,
                    name,
                    is_default,
                    preset,
                });
            }
        }
        Ok(out)
    }

    /// Stores a new preset; the first of its kind becomes the default. Returns its id.
    pub fn add_preset(&mut self, name: &str, preset: &Preset) -> Result<i64> {
        let preset = preset.normalized();
        let kind = preset.kind().code();
        let data = serde_json::to_string(&preset)
            .map_err(|e| Error::internal(format!("Không lưu được mẫu thiết lập ({e}).")))?;
        let first: bool = self
            .conn
            .query_row(
                "SELECT NOT EXISTS(SELECT 1 FROM presets WHERE kind = ?1)",
                [kind],
                |r| r.get(0),
            )
            .map_err(|e| storage_err("lưu mẫu thiết lập", &e))?;
        self.conn
            .execute(
                "INSERT INTO presets(kind, name, data, is_default) VALUES(?1, ?2, ?3, ?4)",
                params![kind, nfc(name.trim()), data, first],
            )
            .map_err(|e| storage_err("lưu mẫu thiết lập", &e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Replaces preset `id` (its kind may not change).
    pub fn update_preset(&mut self, id: i64, name: &str, preset: &Preset) -> Result<()> {
        let preset = preset.normalized();
        let data = serde_json::to_string(&preset)
            .map_err(|e| Error::internal(format!("Không lưu được mẫu thiết lập ({e}).")))?;
        let n = self
            .conn
            .execute(
                "UPDATE presets SET name = ?1, data = ?2 WHERE id = ?3 AND kind = ?4",
                params![nfc(name.trim()), data, id, preset.kind().code()],
            )
            .map_err(|e| storage_err("lưu mẫu thiết lập", &e))?;
        if n == 0 {
            return Err(no_preset(id));
        }
        Ok(())
    }

    pub fn delete_preset(&mut self, id: i64) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM presets WHERE id = ?1", [id])
            .map_err(|e| storage_err("xóa mẫu thiết lập", &e))?;
        if n == 0 {
            return Err(no_preset(id));
        }
        Ok(())
    }

    /// Makes preset `id` the default of its kind.
    pub fn set_default_preset(&mut self, id: i64) -> Result<()> {
        let tx = self
            .conn
            .transaction()
            .map_err(|e| storage_err("lưu mẫu thiết lập", &e))?;
        let kind: String = tx
            .query_row("SELECT kind FROM presets WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(|e| storage_err("lưu mẫu thiết lập", &e))?
            .ok_or_else(|| no_preset(id))?;
        tx.execute(
            "UPDATE presets SET is_default = (id = ?1) WHERE kind = ?2",
            params![id, kind],
        )
        .map_err(|e| storage_err("lưu mẫu thiết lập", &e))?;
        tx.commit()
            .map_err(|e| storage_err("lưu mẫu thiết lập", &e))
    }

    /// The default preset of `kind`, if any.
    pub fn default_preset(&self, kind: PresetKind) -> Result<Option<Preset>> {
        Ok(self
            .list_presets(Some(kind))?
            .into_iter()
            .find(|p| p.is_default)
            .map(|p| p.preset))
    }

    /// Every word of the agency's dictionaries, lower case, sorted: what the spelling checks
    /// accept besides the language's own syllables.
    pub fn agency_words(&self) -> Result<Vec<String>> {
        let lists = self.list_presets(Some(PresetKind::Dictionary))?;
        let all: Vec<String> = lists
            .into_iter()
            .flat_map(|p| match p.preset {
                Preset::Dictionary(words) => words,
                _ => Vec::new(),
            })
            .collect();
        Ok(clean_words(all.iter()))
    }

    /// "Thêm vào từ điển của cơ quan": adds `words` to the default dictionary, which is made
    /// ("Từ điển của cơ quan") when there is none. A word already there is not added twice.
    pub fn add_agency_words(&mut self, words: &[String]) -> Result<()> {
        for w in words {
            if !is_dictionary_word(w) {
                return Err(Error::input(format!(
                    "“{}” không thêm được vào từ điển: mỗi mục là một chữ, không có dấu cách, không quá 60 ký tự.",
                    w.trim()
                )));
            }
        }
        if words.is_empty() {
            return Ok(());
        }
        let have = self.agency_words()?;
        let new = clean_words(words.iter())
            .into_iter()
            .filter(|w| have.binary_search(w).is_err())
            .count();
        if new == 0 {
            return Ok(());
        }
        if have.len() + new > MAX_DICTIONARY_WORDS {
            return Err(Error::input(format!(
                "Từ điển của cơ quan đã có {} chữ, không thêm được nữa (tối đa {MAX_DICTIONARY_WORDS}). Hãy xóa bớt những chữ không dùng trong Cài đặt.",
                have.len()
            )));
        }
        let mut lists = self.list_presets(Some(PresetKind::Dictionary))?;
        lists.sort_by_key(|p| !p.is_default);
        let current = lists.into_iter().next();
        match current {
            Some(PresetEntry {
                id,
                name,
                preset: Preset::Dictionary(mut have),
                ..
            }) => {
                have.extend(words.iter().cloned());
                self.update_preset(id, &name, &Preset::Dictionary(have))
            }
            _ => self
                .add_preset(DICTIONARY_NAME, &Preset::Dictionary(words.to_vec()))
                .map(|_| ()),
        }
    }

    /// Fills `report` with the default presets: the agency (issuer, symbol, place), the signer,
    /// the recipients, the archive units and the layout settings.
    pub fn apply_defaults(&self, report: &mut Report) -> Result<()> {
        for entry in self
            .list_presets(None)?
            .into_iter()
            .filter(|p| p.is_default)
        {
            entry.preset.apply_to(report);
        }
        Ok(())
    }
}
