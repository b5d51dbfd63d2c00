//! The report model: what the user writes, with no layout in it.
//!
//! Everything here is plain data that serde turns into the versioned report file
//! (see [`file`]). Headings carry no typed numbers: "I.", "1.", "1.1.", "a)" are derived from the
//! position of a section in the outline (see [`numbering`]), so that moving a section renumbers
//! everything after it, as the decree's users expect and as Word never does.

pub mod date;
pub mod file;
pub mod number_format;
pub mod numbering;
pub mod settings;
pub mod walk;

use serde::{Deserialize, Serialize};

pub use date::DocDate;
pub use number_format::{MoneyStyle, NumberFormat};
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
    /// How numbers, percentages and money are written, one setting for the whole report (written
    /// out by `crate::figures::format`).
    pub number_format: NumberFormat,
    /// Words the user marked "Bỏ qua" in the Kiểm tra panel (lower case): the spelling checks say
    /// nothing more about them in this report. Never printed; left out of the file when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ignored_words: Vec<String>,
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
    /// At most [`Table::MAX_HEADER_ROWS`] and never more than the table has rows (see
    /// [`Table::clamp`]).
    pub header_rows: u32,
    /// Relative column widths; empty means equal widths.
    pub widths: Vec<f32>,
    /// rows → cells → runs. A cell covered by a merged cell ([`Table::spans`]) is kept in its
    /// row, empty, so that `rows[r][c]` is the cell in row `r`, column `c` of the grid (a row
    /// shorter than the grid has empty cells at its end).
    pub rows: Vec<Vec<Vec<Run>>>,
    /// Merged cells: each names the top-left cell whose text fills the merged box. None
    /// overlaps another or leaves the grid (see [`Table::clamp`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<CellSpan>,
    /// The last row is a "Dòng tổng cộng" the form keeps summed from the rows above (see
    /// `crate::figures::totals`).
    #[serde(skip_serializing_if = "is_false")]
    pub total_row: bool,
}

/// A merged cell: the cell at (`row`, `col`) covers `rows` rows and `cols` columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CellSpan {
    pub row: u32,
    pub col: u32,
    pub rows: u32,
    pub cols: u32,
}

impl CellSpan {
    /// The merged cell whose top left is (`row`, `col`), `rows` high and `cols` wide.
    pub const fn new(row: u32, col: u32, rows: u32, cols: u32) -> CellSpan {
        CellSpan {
            row,
            col,
            rows,
            cols,
        }
    }

    /// Does this merged cell cover the cell at (`r`, `c`)?
    pub fn covers(&self, r: usize, c: usize) -> bool {
        let (r0, c0) = (self.row as usize, self.col as usize);
        r >= r0 && r < r0 + self.rows as usize && c >= c0 && c < c0 + self.cols as usize
    }

    /// The last row it covers.
    pub fn last_row(&self) -> usize {
        (self.row + self.rows - 1) as usize
    }

    fn overlaps(&self, o: &CellSpan) -> bool {
        self.row < o.row + o.rows
            && o.row < self.row + self.rows
            && self.col < o.col + o.cols
            && o.col < self.col + self.cols
    }
}

/// Whether a column headed `header` numbers the rows ("TT", "STT", "Số TT", "Số thứ tự", "Thứ
/// tự", with or without a final "." or ":"): its cells are ordinals, centred on the page and
/// never summed. One list for the layout and the figures.
pub fn is_ordinal_header(header: &str) -> bool {
    let k = header
        .trim()
        .trim_end_matches(['.', ':'])
        .trim()
        .to_lowercase();
    matches!(k.as_str(), "stt" | "tt" | "số tt" | "số thứ tự" | "thứ tự")
}

impl Table {
    /// Most header rows: they are repeated at the top of every page the table runs on, so a
    /// table whose every row is a "header" would leave no room for the rows themselves.
    pub const MAX_HEADER_ROWS: u32 = 4;
    /// The widest column may be at most this many times the narrowest; widths further apart (or
    /// not finite, or not positive) cannot be a table anyone drew, and give way to equal widths.
    pub const MAX_WIDTH_RATIO: f32 = 1000.0;

    /// Brings the numbers that size the table into range: the header rows, and widths that no
    /// column could have (which the layout would turn into infinite or NaN coordinates).
    pub fn clamp(&mut self) {
        let rows = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
        self.header_rows = self.header_rows.min(Self::MAX_HEADER_ROWS).min(rows);
        let sane = self.widths.iter().all(|w| w.is_finite() && *w > 0.0) && {
            let max = self.widths.iter().copied().fold(0.0f32, f32::max);
            let min = self.widths.iter().copied().fold(f32::MAX, f32::min);
            max <= min * Self::MAX_WIDTH_RATIO && max <= 1e6
        };
        if !sane {
            self.widths.clear();
        }
        self.clamp_spans();
    }

    /// Columns of the grid: the longest row.
    pub fn column_count(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// Keeps the merged cells that can be drawn: inside the grid, more than one cell, not
    /// overlapping one kept before it (a crafted or damaged file); the rest are dropped, their
    /// cells shown one by one. A merged cell is no longer than the rows it starts in (header
    /// or body), so that a header repeated on the next page is whole.
    fn clamp_spans(&mut self) {
        if self.spans.is_empty() {
            return;
        }
        let rows = self.rows.len();
        let cols = self.column_count();
        let header = self.header_rows as usize;
        let mut kept: Vec<CellSpan> = Vec::new();
        for s in std::mem::take(&mut self.spans) {
            let (r, c) = (s.row as usize, s.col as usize);
            let inside = s.rows >= 1
                && s.cols >= 1
                && r < rows
                && c < cols
                && (s.rows as usize) <= rows - r
                && (s.cols as usize) <= cols - c
                && (r >= header || r + s.rows as usize <= header);
            if inside && (s.rows > 1 || s.cols > 1) && !kept.iter().any(|k| k.overlaps(&s)) {
                kept.push(s);
            }
        }
        kept.sort_by_key(|s| (s.row, s.col));
        self.spans = kept;
    }

    /// The merged cell that covers (`r`, `c`), if any.
    pub fn span_at(&self, r: usize, c: usize) -> Option<&CellSpan> {
        self.spans.iter().find(|s| s.covers(r, c))
    }
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
            .filter(move |r| !r.trim().is_empty())
            .filter(move |r| !(auto && is_nhu_tren(r)))
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
    /// Brings every number of the report that sizes something into its range: the page settings
    /// (the decree's ranges), the number format's decimals, the tables' header rows and widths.
    /// Cheap, and called on every way a report comes in (report file, draft file, the store, the
    /// window through [`Report::normalize`]), so that a crafted file cannot make the engine
    /// allocate gigabytes or draw at infinity.
    pub fn clamp_sizes(&mut self) {
        self.settings = self.settings.clamped();
        self.number_format = self.number_format.clamped();
        fn blocks(bs: &mut [Block]) {
            for b in bs {
                if let Block::Table(t) = b {
                    t.clamp();
                }
            }
        }
        fn sections(ss: &mut [Section]) {
            for s in ss {
                blocks(&mut s.blocks);
                sections(&mut s.children);
            }
        }
        blocks(&mut self.intro);
        sections(&mut self.body);
        for a in &mut self.appendices {
            blocks(&mut a.intro);
            sections(&mut a.body);
        }
    }

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

    /// Puts `section`'s own content (label, level, title, hint, blocks, figures) in place of the
    /// section with the same id, in the body or an appendix, keeping that section's subsections
    /// where they are: the window sends only the section being typed in, without its children.
    /// Returns `false`, changing nothing, when no section has that id (the outline changed
    /// meanwhile: the caller sends the whole report instead).
    pub fn replace_section(&mut self, section: Section) -> bool {
        fn find<'a>(list: &'a mut [Section], id: &str) -> Option<&'a mut Section> {
            for s in list {
                if s.id == id {
                    return Some(s);
                }
                if let Some(hit) = find(&mut s.children, id) {
                    return Some(hit);
                }
            }
            None
        }
        let mut hit = find(&mut self.body, &section.id);
        for a in &mut self.appendices {
            if hit.is_some() {
                break;
            }
            hit = find(&mut a.body, &section.id);
        }
        let Some(old) = hit else { return false };
        let children = std::mem::take(&mut old.children);
        *old = Section {
            children,
            ..section
        };
        true
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn ordinal_headers_are_known_by_their_usual_names() {
        for h in ["TT", "STT", "stt.", "Số TT", " Số thứ tự: ", "Thứ tự"] {
            assert!(super::is_ordinal_header(h), "{h}");
        }
        for h in ["Số vụ", "Tổng số", "Tỷ lệ (%)", "Mã", ""] {
            assert!(!super::is_ordinal_header(h), "{h}");
        }
    }

    use super::*;

    fn section(id: &str, title: &str, children: Vec<Section>) -> Section {
        Section {
            id: id.into(),
            title: title.into(),
            children,
            ..Section::default()
        }
    }

    #[test]
    fn a_section_is_replaced_in_place_and_keeps_its_subsections() {
        let mut r = Report {
            body: vec![
                section("a", "Một", vec![section("a1", "Một một", vec![])]),
                section("b", "Hai", vec![section("b1", "Hai một", vec![])]),
            ],
            appendices: vec![Appendix {
                body: vec![section("p", "Phụ lục", vec![])],
                ..Appendix::default()
            }],
            ..Report::default()
        };
        // Sent without its children, as the window sends it.
        let mut b = section("b", "Hai (sửa)", vec![]);
        b.blocks = vec![Block::Paragraph {
            runs: vec![Run::plain("Nội dung mới.")],
        }];
        assert!(r.replace_section(b.clone()));
        assert_eq!(r.body[1].title, "Hai (sửa)");
        assert_eq!(r.body[1].blocks, b.blocks);
        assert_eq!(r.body[1].children[0].id, "b1");
        assert!(r.replace_section(section("a1", "Một một (sửa)", vec![])));
        assert_eq!(r.body[0].children[0].title, "Một một (sửa)");
        assert!(r.replace_section(section("p", "Phụ lục (sửa)", vec![])));
        assert_eq!(r.appendices[0].body[0].title, "Phụ lục (sửa)");
        let before = r.clone();
        assert!(!r.replace_section(section("khong-co", "x", vec![])));
        assert_eq!(r, before);
    }
}
