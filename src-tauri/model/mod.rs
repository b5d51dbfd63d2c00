//! The report model: what the user writes, with no layout in it.
//!
//! Everything here is plain data that serde turns into the versioned report file
//! (see [`file`]). Headings carry no typed numbers: "I.", "1.", "1.1.", "a)" are derived from the
//! position of a section in the outline (see [`numbering`]), so that moving a section renumbers
//! everything after it, as the decree's users expect and as Word never does.

pub mod date;
pub mod file;
pub mod numbering;
pub mod settings;

use serde::{Deserialize, Serialize};

pub use date::DocDate;
pub use settings::LayoutSettings;

/// One report (or, later, another administrative document) as the user drafts it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Report {
    /// The issuing body: chủ quản line, agency name lines, symbol.
    pub issuer: Issuer,
    /// "Số" of the document; `None` leaves the blank the văn thư fills in by hand.
    pub number: Option<u32>,
    /// Địa danh, e.g. "Bạch Mai".
    pub place: String,
    /// Ngày tháng năm; day and month may be left blank for the văn thư.
    pub date: DocDate,
    /// Tên loại văn bản, "BÁO CÁO" for a report.
    pub doc_type: String,
    /// Trích yếu nội dung, sentence case.
    pub trich_yeu: String,
    /// Kính gửi: none, one, or several recipients (without the leading "-" or trailing ";").
    pub kinh_gui: Vec<String>,
    /// The opening text of the body, before the first heading.
    pub intro: Vec<Block>,
    /// The body as an outline of sections.
    pub body: Vec<Section>,
    /// The top level of `body` is "Phần" (Phần thứ nhất, Phần thứ hai, …) and mục (I., II.) sit
    /// under it; otherwise the top level is the mục.
    pub parts: bool,
    /// The closing sentence, e.g. "Ủy ban nhân dân phường trân trọng báo cáo./.".
    pub closing: String,
    /// Nơi nhận.
    pub noi_nhan: NoiNhan,
    /// Người ký.
    pub signer: Signer,
    /// Optional marks: draft box, urgency, circulation.
    pub marks: Marks,
    /// Phụ lục.
    pub appendices: Vec<Appendix>,
    /// Page and type settings, within the decree's ranges.
    pub settings: LayoutSettings,
    /// How numbers, percentages and money are written, one setting for the whole report (see
    /// `crate::figures::format`).
    pub number_format: crate::figures::NumberFormat,
}

/// Cơ quan ban hành.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Issuer {
    /// Tên cơ quan chủ quản, if any (upper case, not bold).
    pub parent: Option<String>,
    /// Tên cơ quan ban hành, one entry per printed line, e.g. ["ỦY BAN NHÂN DÂN", "PHƯỜNG BẠCH MAI"].
    pub name_lines: Vec<String>,
    /// Ký hiệu, e.g. "BC-UBND" (document type code, dash, issuing body code).
    pub symbol: String,
}

/// How a heading is labelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", content = "text", rename_all = "snake_case")]
pub enum Label {
    /// Numbered from the outline: "Phần thứ nhất", "I.", "1.", "1.1.", "a)".
    #[default]
    Auto,
    /// No number at all (the title alone).
    None,
    /// A fixed label in place of the number, e.g. "Phần mở đầu" or "*".
    Custom(String),
}

/// A section of the outline: a phần, mục, khoản or deeper level, by its depth unless `level`
/// says otherwise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Section {
    /// Stable id, unique in the report; used by the editor and by the preview's links back to the
    /// form. Never shown.
    pub id: String,
    pub label: Label,
    /// The heading's level when it is not the one its place gives (see `numbering`): a report
    /// whose top headings are khoản ("1.", "2.") or an "a)" directly under a khoản. `None`, the
    /// usual case, follows the outline, so moving a section renumbers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<numbering::Level>,
    /// The heading text without its number.
    pub title: String,
    /// What goes in this section, from a template: shown in the form as a placeholder, never
    /// printed.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub hint: String,
    /// Content of the section before its subsections.
    pub blocks: Vec<Block>,
    pub children: Vec<Section>,
    /// Số liệu typed once in this section (see `crate::figures`).
    pub figures: Vec<Figure>,
}

/// A block of content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A justified paragraph with a first-line indent.
    Paragraph { runs: Vec<Run> },
    /// Items each printed as an indented paragraph starting with "- ".
    List { items: Vec<Vec<Run>> },
    /// A simple table with borders; the first `header_rows` rows are bold and centred.
    Table(Table),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Table {
    pub header_rows: u32,
    /// Relative column widths; empty means equal widths.
    pub widths: Vec<f32>,
    /// rows → cells → runs.
    pub rows: Vec<Vec<Vec<Run>>>,
}

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Run {
    pub text: String,
    #[serde(skip_serializing_if = "is_false")]
    pub bold: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub italic: bool,
    /// Superscript, as in "km²" written "km" + sup "2".
    #[serde(skip_serializing_if = "is_false")]
    pub sup: bool,
    /// When set, the run shows the formatted value of this figure (see `crate::figures`) and
    /// `text` is only the last value shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figure: Option<FigureRef>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }
}

/// A reference from the narrative to a figure or a value derived from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct FigureRef {
    /// Id of the figure (unique in the report).
    pub id: String,
    /// Which value: "value", "plan", "percent_of_plan", … (see `crate::figures`).
    pub show: String,
}

/// A figure (số liệu) typed once: label, value, unit and comparison values.
/// Values are decimal strings (rust_decimal) so that nothing is ever rounded by a float.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Figure {
    pub id: String,
    pub label: String,
    pub unit: String,
    pub value: Option<rust_decimal::Decimal>,
    /// Kế hoạch / dự toán.
    pub plan: Option<rust_decimal::Decimal>,
    /// Cùng kỳ năm trước.
    pub same_period_last_year: Option<rust_decimal::Decimal>,
    /// Kỳ trước.
    pub previous_period: Option<rust_decimal::Decimal>,
}

/// Nơi nhận.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct NoiNhan {
    /// Recipients without the leading "- " and trailing ";", e.g. "UBND thành phố".
    pub recipients: Vec<String>,
    /// The archive line "- Lưu: VT, <units> (<copies>)."
    pub archive: Archive,
}

/// Is `s` the recipient "Như trên" ("the recipients named above", i.e. in Kính gửi), as typed:
/// with or without its dash, in any case?
pub fn is_nhu_tren(s: &str) -> bool {
    s.trim()
        .trim_start_matches(['-', '+'])
        .trim()
        .trim_end_matches([';', '.', ','])
        .trim()
        .to_lowercase()
        == "như trên"
}

impl Report {
    /// Whether "- Như trên;" heads the Nơi nhận list: when Kính gửi names a recipient, the
    /// recipients named there are "như trên" (Nghị định 30, Phụ lục I). The one rule for that
    /// line: the layout prints it from here, the importer does not keep a typed copy of it, the
    /// Nơi nhận check does not ask for it.
    pub fn prints_nhu_tren(&self) -> bool {
        self.kinh_gui.iter().any(|k| !k.trim().is_empty())
    }

    /// The typed recipients that are printed: all of them, but a "Như trên" typed in the list when
    /// the line is already printed by [`Report::prints_nhu_tren`], so it never shows twice.
    pub fn typed_recipients(&self) -> impl Iterator<Item = &str> {
        let auto = self.prints_nhu_tren();
        self.noi_nhan
            .recipients
            .iter()
            .map(|r| r.as_str())
            .filter(move |r| !r.trim().is_empty() && !(auto && is_nhu_tren(r)))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Archive {
    /// Units keeping a copy after "VT", e.g. ["VP"]. "VT" itself is always printed first.
    pub units: Vec<String>,
    /// Number of copies kept, printed in brackets when set.
    pub copies: Option<u32>,
}

/// Thẩm quyền ký.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Authority {
    /// Thay mặt (on behalf of a collective body).
    TM,
    /// Ký thay (a deputy for the head).
    KT,
    /// Thừa lệnh.
    TL,
    /// Thừa ủy quyền.
    TUQ,
    /// Quyền (acting head).
    Q,
}

impl Authority {
    /// The prefix as printed, with its full stop: "TM.", "KT.", …
    pub fn prefix(self) -> &'static str {
        match self {
            Authority::TM => "TM.",
            Authority::KT => "KT.",
            Authority::TL => "TL.",
            Authority::TUQ => "TUQ.",
            Authority::Q => "Q.",
        }
    }
}

/// Người ký: the signature block.
///
/// Printed lines, for `authority = TM`, `collective = "ỦY BAN NHÂN DÂN"`,
/// `titles = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]`: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH",
/// then the room for signature and seal, then `name`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Signer {
    pub authority: Option<Authority>,
    /// The body signed for, after the authority prefix, e.g. "ỦY BAN NHÂN DÂN".
    pub collective: String,
    /// Title lines, upper case, e.g. ["CHỦ TỊCH"].
    pub titles: Vec<String>,
    /// Full name, sentence case, no academic titles.
    pub name: String,
}

/// Optional marks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Marks {
    /// Boxed draft mark at the top of page 1, e.g. "DỰ THẢO" or "Dự thảo lần 2"; `None` when
    /// printing for signature.
    pub draft: Option<String>,
    /// Độ khẩn: "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC".
    pub urgency: Option<String>,
    /// "LƯU HÀNH NỘI BỘ" and the like.
    pub circulation: Option<String>,
}

/// Phụ lục.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Appendix {
    pub id: String,
    /// Title, printed in upper case.
    pub title: String,
    pub intro: Vec<Block>,
    pub body: Vec<Section>,
    /// Lay the appendix's pages out in landscape (for wide tables).
    pub landscape: bool,
}

impl Report {
    /// Visits every section of the body and the appendices, depth first, with its depth (0 = top).
    pub fn for_each_section<'a>(&'a self, mut f: impl FnMut(&'a Section, usize)) {
        fn walk<'a>(s: &'a [Section], d: usize, f: &mut impl FnMut(&'a Section, usize)) {
            for sec in s {
                f(sec, d);
                walk(&sec.children, d + 1, f);
            }
        }
        walk(&self.body, 0, &mut f);
        for a in &self.appendices {
            walk(&a.body, 0, &mut f);
        }
    }
}
