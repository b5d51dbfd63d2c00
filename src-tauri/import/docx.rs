//! `.docx` → groups: the paragraphs, list items and tables of a Word document, with the same
//! [`Group`]s the text importer builds, so that the header, outline and closing readers serve both.
//!
//! What Word really writes, and what is done with it:
//!
//! - run formatting comes from docDefaults → paragraph style (its `basedOn` chain) → character
//!   style → the run itself (a heading is usually bold through its style; `w:val="0"` turns a
//!   property off); `w:caps` prints capitals, so the text is upper-cased as printed; raised text
//!   (`w:position`, LibreOffice's superscript) counts as superscript;
//! - automatic numbering (`numbering.xml`) becomes the typed numbers the outline reader knows
//!   ("I.", "1.", "a)"), counted as Word counts; bullets become list items;
//! - tables keep their grid and their merged cells (`Table::spans`): a cell spanning columns
//!   (`gridSpan`) is followed by empty cells, a cell merged down (`vMerge`) is empty below its
//!   first row, a nested table's text stays in its cell; column widths come from `w:tblGrid`;
//! - text boxes and frames (the header drawn with shapes) are read where they are anchored, once:
//!   `mc:AlternateContent` gives its first choice or else its fallback, never both;
//! - tracked insertions are kept and deletions dropped, a field shows its result (not its code),
//!   hyperlinks, content controls and smart tags are read through; tabs stay tabs (the header's
//!   "Số …⇥ngày …"), line breaks stay breaks, a page break ends the paragraph, soft hyphens vanish;
//! - runs in the old Vietnamese fonts (`.VnTime`, `VNI-Times`) are decoded to Unicode when that
//!   reads better (see [`super::legacy`]).
//!
//! The package itself (zip, caps, relationships) is [`crate::docx::read`]'s.

use std::collections::HashMap;

use super::blocks::{Group, Kind};
use super::legacy::{FontRun, Legacy};
use crate::docx::ns;
use crate::docx::read::Package;
use crate::docx::xml::{Element, Ns};
use crate::error::{Error, Result};
use crate::model::numbering::roman;
use crate::model::{CellSpan, Run};

/// The document's groups, and which legacy code pages were converted on the way.
pub(crate) struct DocxText {
    pub groups: Vec<Group>,
    pub legacy: Legacy,
}

/// Reads the main document of a `.docx` (`.docm`, `.dotx`) package.
pub(crate) fn read(bytes: &[u8]) -> Result<DocxText> {
    let mut pkg = Package::open(bytes)?;
    let main = pkg.main_document()?;
    let rels = pkg.rels_of(&main)?;
    let mut part_of = |name: &str| -> Result<Option<Element>> {
        match rels.iter().find(|r| !r.external && ns::rel_is(&r.ty, name)) {
            Some(r) => pkg.xml(&r.target.clone()),
            None => Ok(None),
        }
    };
    let styles = part_of("styles")?
        .map(|e| Styles::parse(&e))
        .unwrap_or_default();
    let numbering = part_of("numbering")?
        .map(|e| Numbering::parse(&e))
        .unwrap_or_default();
    let doc = pkg.xml(&main)?.ok_or_else(not_a_document)?;
    let body = doc.child(Ns::W, "body").ok_or_else(not_a_document)?;
    let mut reader = Reader {
        styles,
        numbering,
        fields: Vec::new(),
        legacy: Legacy::default(),
        cells: 0,
        refused: None,
    };
    let mut groups = Vec::new();
    reader.blocks(body, &mut groups, 0);
    if let Some(e) = reader.refused {
        return Err(e);
    }
    Ok(DocxText {
        groups,
        legacy: reader.legacy,
    })
}

fn not_a_document() -> Error {
    Error::input(
        "Tệp Word không có phần nội dung văn bản (có thể bị hỏng). Hãy mở tệp bằng Word, chọn Lưu thành → Word Document (.docx) rồi nhập lại tệp mới.",
    )
}

// ---------------------------------------------------------------------------------------------
// Styles

/// Run properties as a layer: `None` leaves the value of the layer below.
#[derive(Debug, Clone, Default, PartialEq)]
struct RunProps {
    bold: Option<bool>,
    italic: Option<bool>,
    caps: Option<bool>,
    hidden: Option<bool>,
    sup: Option<bool>,
    font: Option<String>,
}

impl RunProps {
    fn parse(rpr: &Element) -> RunProps {
        let mut p = RunProps::default();
        for e in rpr.elements().filter(|e| e.ns == Ns::W) {
            match e.name.as_str() {
                "b" => p.bold = Some(on(e)),
                "i" => p.italic = Some(on(e)),
                "caps" => p.caps = Some(on(e)),
                "vanish" => p.hidden = Some(on(e)),
                "vertAlign" => p.sup = Some(e.val() == Some("superscript")),
                // Raised text, as LibreOffice writes a superscript ("km" + "2" raised).
                "position" if p.sup.is_none() => {
                    if let Some(v) = e.val().and_then(|v| v.parse::<i32>().ok()) {
                        p.sup = Some(v > 0);
                    }
                }
                "rFonts" => {
                    // Characters past ASCII (where the old code pages put their letters) use the
                    // hAnsi font.
                    if let Some(f) = e.attr(Ns::W, "hAnsi").or_else(|| e.attr(Ns::W, "ascii")) {
                        p.font = Some(f.to_string());
                    }
                }
                _ => {}
            }
        }
        p
    }

    /// `self` laid over `below`.
    fn over(&self, below: &RunProps) -> RunProps {
        RunProps {
            bold: self.bold.or(below.bold),
            italic: self.italic.or(below.italic),
            caps: self.caps.or(below.caps),
            hidden: self.hidden.or(below.hidden),
            sup: self.sup.or(below.sup),
            font: self.font.clone().or_else(|| below.font.clone()),
        }
    }
}

/// An on/off property: present means on unless `w:val` says off.
fn on(e: &Element) -> bool {
    !matches!(e.val(), Some("0" | "false" | "off" | "none"))
}

/// A paragraph's numbering reference: `w:numId` and `w:ilvl`.
#[derive(Debug, Clone, Default, PartialEq)]
struct NumRef {
    id: Option<String>,
    ilvl: Option<usize>,
}

impl NumRef {
    fn parse(num_pr: &Element) -> NumRef {
        NumRef {
            id: num_pr
                .child(Ns::W, "numId")
                .and_then(|e| e.val())
                .map(str::to_string),
            ilvl: num_pr
                .child(Ns::W, "ilvl")
                .and_then(|e| e.val())
                .and_then(|v| v.parse().ok()),
        }
    }
    fn over(&self, below: &NumRef) -> NumRef {
        NumRef {
            id: self.id.clone().or_else(|| below.id.clone()),
            ilvl: self.ilvl.or(below.ilvl),
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    /// A heading style ("heading 1", "Title") or one with an outline level.
    heading: bool,
    rpr: RunProps,
    num: NumRef,
}

#[derive(Debug, Default)]
struct Styles {
    defaults: RunProps,
    by_id: HashMap<String, Style>,
    /// The paragraph style of a paragraph that names none.
    default_para: Option<String>,
}

/// How many `basedOn` steps are followed (a crafted file may loop).
const MAX_CHAIN: usize = 16;

impl Styles {
    fn parse(root: &Element) -> Styles {
        let mut s = Styles::default();
        if let Some(rpr) = root
            .child(Ns::W, "docDefaults")
            .and_then(|d| d.child(Ns::W, "rPrDefault"))
            .and_then(|d| d.child(Ns::W, "rPr"))
        {
            s.defaults = RunProps::parse(rpr);
        }
        for st in root.elements().filter(|e| e.is(Ns::W, "style")) {
            let Some(id) = st.attr(Ns::W, "styleId") else {
                continue;
            };
            let kind = st.attr(Ns::W, "type").unwrap_or("paragraph");
            if kind == "paragraph" && st.attr(Ns::W, "default").is_some_and(|v| v == "1") {
                s.default_para = Some(id.to_string());
            }
            let name = st
                .child(Ns::W, "name")
                .and_then(|n| n.val())
                .unwrap_or("")
                .to_lowercase();
            let ppr = st.child(Ns::W, "pPr");
            let outline = ppr
                .and_then(|p| p.child(Ns::W, "outlineLvl"))
                .and_then(|o| o.val())
                .and_then(|v| v.parse::<u8>().ok())
                .is_some_and(|l| l < 9);
            let style = Style {
                based_on: st
                    .child(Ns::W, "basedOn")
                    .and_then(|b| b.val())
                    .map(str::to_string),
                heading: kind == "paragraph"
                    && (outline || name.starts_with("heading") || name == "title"),
                rpr: st
                    .child(Ns::W, "rPr")
                    .map(RunProps::parse)
                    .unwrap_or_default(),
                num: ppr
                    .and_then(|p| p.child(Ns::W, "numPr"))
                    .map(NumRef::parse)
                    .unwrap_or_default(),
            };
            s.by_id.insert(id.to_string(), style);
        }
        s
    }

    /// The chain of style `id` from itself down to its root.
    fn chain(&self, id: Option<&str>) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut cur = id;
        while let Some(id) = cur {
            let Some(st) = self.by_id.get(id) else { break };
            if out.len() == MAX_CHAIN {
                break;
            }
            out.push(st);
            cur = st.based_on.as_deref();
        }
        out
    }

    /// The run properties a style gives, its chain resolved (without the defaults).
    fn rpr(&self, id: Option<&str>) -> RunProps {
        self.chain(id)
            .iter()
            .rev()
            .fold(RunProps::default(), |below, st| st.rpr.over(&below))
    }

    fn num(&self, id: Option<&str>) -> NumRef {
        self.chain(id)
            .iter()
            .rev()
            .fold(NumRef::default(), |below, st| st.num.over(&below))
    }

    fn heading(&self, id: Option<&str>) -> bool {
        self.chain(id).iter().any(|s| s.heading)
    }
}

// ---------------------------------------------------------------------------------------------
// Numbering

#[derive(Debug, Clone, Default)]
struct Level {
    fmt: String,
    text: String,
    start: u32,
    /// "Legal" numbering: every level in decimal.
    legal: bool,
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    /// Levels this instance overrides, and where it restarts counting.
    levels: HashMap<usize, Level>,
    starts: HashMap<usize, u32>,
}

#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, HashMap<usize, Level>>,
    nums: HashMap<String, Num>,
    /// Current counters by list (an abstract numbering, or an instance that restarts), by level.
    counters: HashMap<String, [Option<u32>; 9]>,
}

fn parse_levels(parent: &Element) -> HashMap<usize, Level> {
    let mut out = HashMap::new();
    for lvl in parent.elements().filter(|e| e.is(Ns::W, "lvl")) {
        let Some(ilvl) = lvl
            .attr(Ns::W, "ilvl")
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|&l| l < 9)
        else {
            continue;
        };
        let val = |name: &str| lvl.child(Ns::W, name).and_then(|e| e.val());
        out.insert(
            ilvl,
            Level {
                fmt: val("numFmt").unwrap_or("decimal").to_string(),
                text: val("lvlText").unwrap_or("").to_string(),
                start: val("start").and_then(|v| v.parse().ok()).unwrap_or(1),
                legal: lvl.child(Ns::W, "isLgl").is_some_and(on),
            },
        );
    }
    out
}

/// What a numbered paragraph shows before its text.
#[derive(Debug, PartialEq)]
enum Label {
    Bullet,
    Number(String),
}

impl Numbering {
    fn parse(root: &Element) -> Numbering {
        let mut n = Numbering::default();
        for a in root.elements().filter(|e| e.is(Ns::W, "abstractNum")) {
            if let Some(id) = a.attr(Ns::W, "abstractNumId") {
                n.abstracts.insert(id.to_string(), parse_levels(a));
            }
        }
        for num in root.elements().filter(|e| e.is(Ns::W, "num")) {
            let (Some(id), Some(abs)) = (
                num.attr(Ns::W, "numId"),
                num.child(Ns::W, "abstractNumId").and_then(|e| e.val()),
            ) else {
                continue;
            };
            let mut inst = Num {
                abstract_id: abs.to_string(),
                ..Num::default()
            };
            for o in num.elements().filter(|e| e.is(Ns::W, "lvlOverride")) {
                let Some(ilvl) = o
                    .attr(Ns::W, "ilvl")
                    .and_then(|v| v.parse::<usize>().ok())
                    .filter(|&l| l < 9)
                else {
                    continue;
                };
                if let Some(s) = o
                    .child(Ns::W, "startOverride")
                    .and_then(|e| e.val())
                    .and_then(|v| v.parse().ok())
                {
                    inst.starts.insert(ilvl, s);
                }
                if let Some(l) = parse_levels(o).remove(&ilvl) {
                    inst.levels.insert(ilvl, l);
                }
            }
            n.nums.insert(id.to_string(), inst);
        }
        n
    }

    /// Counts one paragraph of list `num_id` at level `ilvl` and gives its label, as Word
    /// shows it. `None` for no numbering (`numId` 0, an unknown list, format "none").
    fn next(&mut self, num_id: &str, ilvl: usize) -> Option<Label> {
        let ilvl = ilvl.min(8);
        let inst = self.nums.get(num_id)?;
        let abs = self.abstracts.get(&inst.abstract_id)?;
        let level = |l: usize| -> Option<Level> {
            let mut lv = inst.levels.get(&l).or_else(|| abs.get(&l)).cloned()?;
            if let Some(&s) = inst.starts.get(&l) {
                lv.start = s;
            }
            Some(lv)
        };
        let this = level(ilvl)?;
        // An instance that restarts a list counts on its own; the others share the list.
        let key = if inst.starts.is_empty() && inst.levels.is_empty() {
            format!("a{}", inst.abstract_id)
        } else {
            format!("n{num_id}")
        };
        let counters = self.counters.entry(key).or_insert([None; 9]);
        counters[ilvl] = Some(match counters[ilvl] {
            Some(c) => c.saturating_add(1),
            None => this.start,
        });
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = None;
        }
        let counters = *counters;
        if this.fmt == "bullet" {
            return Some(Label::Bullet);
        }
        if this.fmt == "none" {
            return None;
        }
        let mut text = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let l = (d as usize).saturating_sub(1).min(8);
                    let lv = level(l).unwrap_or_default();
                    let value = counters[l].unwrap_or(lv.start);
                    let fmt = if this.legal && l != ilvl {
                        "decimal"
                    } else {
                        lv.fmt.as_str()
                    };
                    text.push_str(&format_number(value, fmt));
                    continue;
                }
            }
            text.push(c);
        }
        let text = text.trim().to_string();
        if text.is_empty() {
            return None;
        }
        Some(Label::Number(text))
    }
}

/// A counter in one of Word's number formats.
fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "upperRoman" => roman(n as usize),
        "lowerRoman" => roman(n as usize).to_lowercase(),
        "upperLetter" => letters(n).to_uppercase(),
        "lowerLetter" => letters(n),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

/// Word's letters: a … z, then aa … zz, aaa …
fn letters(n: u32) -> String {
    if n == 0 {
        return "0".to_string();
    }
    let letter = char::from(b'a' + ((n - 1) % 26) as u8);
    let times = ((n - 1) / 26 + 1).min(10) as usize;
    std::iter::repeat_n(letter, times).collect()
}

// ---------------------------------------------------------------------------------------------
// The document

/// A field being read: its code is hidden, its result shown.
struct Field {
    result: bool,
}

struct Reader {
    styles: Styles,
    numbering: Numbering,
    /// Open complex fields, outermost first (fields nest and span runs and paragraphs).
    fields: Vec<Field>,
    legacy: Legacy,
    /// Table cells built so far, against [`MAX_CELLS`].
    cells: usize,
    /// Set when the document asks for more than the caps allow; reading stops there.
    refused: Option<Error>,
}

/// Columns of one table: Word itself stops at 63; a wider grid is a damaged or crafted file.
pub const MAX_COLUMNS: usize = 100;
/// Table cells of a whole document (rows × columns, covered cells included): a report's tables
/// hold a few thousand. A 3 KB file of repeated empty cells, deflated, can claim billions; the
/// grid is never filled past this.
pub const MAX_CELLS: usize = 100_000;

fn table_too_big() -> Error {
    Error::input(format!(
        "Tệp Word có bảng lớn bất thường (hơn {MAX_COLUMNS} cột, hoặc hơn {} ô trong cả văn bản) nên không nhập được; tệp có thể bị hỏng hoặc bị làm giả. Hãy mở tệp bằng Word, kiểm tra các bảng (chia bảng quá lớn thành nhiều bảng nhỏ), lưu thành tệp mới rồi nhập lại.",
        dotted(MAX_CELLS)
    ))
}

/// 100000 → "100.000", as a Vietnamese reader writes it.
fn dotted(n: usize) -> String {
    let d = n.to_string();
    let mut out = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Inline content of a paragraph being read.
#[derive(Default)]
struct Inline {
    /// Runs of the part of the paragraph before the next page break.
    runs: Vec<FontRun>,
    /// Parts of the paragraph ended by page breaks.
    done: Vec<Vec<FontRun>>,
    /// Paragraphs of text boxes anchored in the paragraph.
    floats: Vec<Group>,
}

/// How deep tables and text boxes may nest into each other.
const MAX_NESTING: usize = 20;

impl Reader {
    /// Reads block-level content (body, cell, text box) into `out`.
    fn blocks(&mut self, container: &Element, out: &mut Vec<Group>, depth: usize) {
        if depth > MAX_NESTING {
            return;
        }
        for e in container.elements() {
            if self.refused.is_some() {
                return;
            }
            match (e.ns, e.name.as_str()) {
                (Ns::W, "p") => self.paragraph(e, out, depth),
                (Ns::W, "tbl") => {
                    if let Some(g) = self.table(e, depth) {
                        out.push(g);
                    }
                }
                (Ns::W, "sdt") => {
                    if let Some(c) = e.child(Ns::W, "sdtContent") {
                        self.blocks(c, out, depth);
                    }
                }
                (Ns::W, "customXml" | "ins" | "moveTo" | "smartTag") => self.blocks(e, out, depth),
                (Ns::Mc, "AlternateContent") => {
                    if let Some(branch) = alternate(e) {
                        self.blocks(branch, out, depth);
                    }
                }
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, p: &Element, out: &mut Vec<Group>, depth: usize) {
        let ppr = p.child(Ns::W, "pPr");
        let style_id = ppr
            .and_then(|p| p.child(Ns::W, "pStyle"))
            .and_then(|s| s.val())
            .map(str::to_string)
            .or_else(|| self.styles.default_para.clone());
        let style_id = style_id.as_deref();
        let base = self.styles.rpr(style_id).over(&self.styles.defaults);
        let mut heading = self.styles.heading(style_id);
        if let Some(level) = ppr
            .and_then(|p| p.child(Ns::W, "outlineLvl"))
            .and_then(|o| o.val())
            .and_then(|v| v.parse::<u8>().ok())
        {
            heading = level < 9;
        }
        let direct_num = ppr
            .and_then(|p| p.child(Ns::W, "numPr"))
            .map(NumRef::parse)
            .unwrap_or_default();
        let num = direct_num.over(&self.styles.num(style_id));

        let mut inline = Inline::default();
        self.inline(p, &base, &mut inline, depth);
        out.append(&mut inline.floats);
        let mut parts = inline.done;
        parts.push(inline.runs);
        // The number is counted even on an empty paragraph, as Word counts it.
        let label = match num.id.as_deref() {
            Some(id) if id != "0" => self.numbering.next(id, num.ilvl.unwrap_or(0)),
            _ => None,
        };
        let mut first = true;
        for part in parts {
            let mut runs = self.legacy.runs(part);
            if super::blocks::runs_text(&runs).trim().is_empty() {
                continue;
            }
            let mut kind = Kind::Para;
            if first {
                match &label {
                    Some(Label::Bullet) => kind = Kind::Item,
                    Some(Label::Number(n)) => {
                        let style = runs.first().cloned().unwrap_or_default();
                        runs.insert(
                            0,
                            Run {
                                text: format!("{n} "),
                                figure: None,
                                ..style
                            },
                        );
                    }
                    None if !heading => {
                        // A list typed with its dashes, as most reports are (and as Báo cáo's
                        // own .docx writes them): a list item, as in a text or Markdown file.
                        if let Some(n) = typed_marker(&runs) {
                            kind = Kind::Item;
                            drop_chars(&mut runs, n);
                        }
                    }
                    None => {}
                }
            }
            first = false;
            out.push(Group {
                kind,
                heading,
                runs,
            });
        }
    }

    /// Reads the inline content of `parent` (a paragraph, a hyperlink, a run wrapper).
    fn inline(&mut self, parent: &Element, base: &RunProps, out: &mut Inline, depth: usize) {
        for e in parent.elements() {
            match (e.ns, e.name.as_str()) {
                (Ns::W, "r") => self.run(e, base, out, depth),
                (Ns::W, "pPr" | "del" | "moveFrom" | "rPr" | "proofErr" | "bookmarkStart")
                | (Ns::W, "bookmarkEnd" | "commentRangeStart" | "commentRangeEnd") => {}
                (Ns::W, "sdt") => {
                    if let Some(c) = e.child(Ns::W, "sdtContent") {
                        self.inline(c, base, out, depth);
                    }
                }
                (Ns::Mc, "AlternateContent") => {
                    if let Some(branch) = alternate(e) {
                        self.inline(branch, base, out, depth);
                    }
                }
                (Ns::W, "fldSimple") => {
                    // A simple field holds its result as runs.
                    self.inline(e, base, out, depth);
                }
                // hyperlink, ins, moveTo, smartTag, customXml, dir, bdo, and wrappers of other
                // writers: read through.
                (Ns::W, _) | (Ns::Other, _) => self.inline(e, base, out, depth),
                _ => {}
            }
        }
    }

    fn visible(&self) -> bool {
        self.fields.iter().all(|f| f.result)
    }

    fn run(&mut self, r: &Element, base: &RunProps, out: &mut Inline, depth: usize) {
        let rpr = r.child(Ns::W, "rPr");
        let char_style = rpr
            .and_then(|p| p.child(Ns::W, "rStyle"))
            .and_then(|s| s.val());
        let mut props = self.styles.rpr(char_style).over(base);
        if let Some(rpr) = rpr {
            props = RunProps::parse(rpr).over(&props);
        }
        if props.hidden == Some(true) {
            return;
        }
        let mut text = String::new();
        for e in r.elements() {
            match (e.ns, e.name.as_str()) {
                (Ns::W, "fldChar") => match e.attr(Ns::W, "fldCharType") {
                    Some("begin") => self.fields.push(Field { result: false }),
                    Some("separate") => {
                        if let Some(f) = self.fields.last_mut() {
                            f.result = true;
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                },
                _ if !self.visible() => {}
                (Ns::W, "t") => text.push_str(&e.text()),
                (Ns::W, "tab" | "ptab") => text.push('\t'),
                (Ns::W, "br") => {
                    if e.attr(Ns::W, "type") == Some("page") {
                        self.push_text(&mut text, &props, out);
                        out.done.push(std::mem::take(&mut out.runs));
                    } else {
                        text.push('\n');
                    }
                }
                (Ns::W, "cr") => text.push('\n'),
                (Ns::W, "noBreakHyphen") => text.push('-'),
                (Ns::W, "sym") => {
                    // Symbol-font characters sit in the private use area; only plain ones are
                    // text.
                    if let Some(c) = e
                        .attr(Ns::W, "char")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .filter(|&c| c < 0xE000)
                        .and_then(char::from_u32)
                    {
                        text.push(c);
                    }
                }
                // Text boxes (and a header drawn with them) inside drawings and VML shapes.
                (Ns::W, "drawing" | "pict" | "object") | (Ns::Mc, "AlternateContent") => {
                    self.push_text(&mut text, &props, out);
                    self.text_boxes(e, out, depth);
                }
                _ => {}
            }
        }
        self.push_text(&mut text, &props, out);
    }

    fn push_text(&mut self, text: &mut String, props: &RunProps, out: &mut Inline) {
        if text.is_empty() {
            return;
        }
        let mut t = std::mem::take(text);
        if props.caps == Some(true) {
            t = t.to_uppercase();
        }
        out.runs.push(FontRun {
            run: Run {
                text: t,
                bold: props.bold == Some(true),
                italic: props.italic == Some(true),
                sup: props.sup == Some(true),
                figure: None,
            },
            font: props.font.clone(),
        });
    }

    /// The paragraphs of the text boxes inside a drawing or shape, read once.
    fn text_boxes(&mut self, e: &Element, out: &mut Inline, depth: usize) {
        if depth > MAX_NESTING {
            return;
        }
        if e.is(Ns::W, "txbxContent") {
            self.blocks(e, &mut out.floats, depth + 1);
            return;
        }
        if e.is(Ns::Mc, "AlternateContent") {
            if let Some(branch) = alternate(e) {
                self.text_boxes(branch, out, depth + 1);
            }
            return;
        }
        for c in e.elements() {
            self.text_boxes(c, out, depth + 1);
        }
    }

    /// A table as a group: rows → cells → runs, the grid kept.
    fn table(&mut self, tbl: &Element, depth: usize) -> Option<Group> {
        let widths: Vec<f32> = tbl
            .child(Ns::W, "tblGrid")
            .map(|g| {
                g.elements()
                    .filter(|c| c.is(Ns::W, "gridCol"))
                    .map(|c| {
                        c.attr(Ns::W, "w")
                            .and_then(|w| w.parse::<f32>().ok())
                            .filter(|w| w.is_finite() && *w >= 0.0)
                            .unwrap_or(0.0)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut rows: Vec<Vec<Vec<Run>>> = Vec::new();
        let mut header_rows = 0usize;
        let mut header_open = true;
        // Merged cells: Word's `gridSpan` (across) and `vMerge` (down, "restart" then empty
        // continuations in the same grid column); `open` maps a grid column to the merge going
        // down it.
        let mut spans: Vec<CellSpan> = Vec::new();
        let mut open: std::collections::HashMap<usize, usize> = Default::default();
        for tr in table_rows(tbl) {
            let r = u32::try_from(rows.len()).unwrap_or(u32::MAX);
            let trpr = tr.child(Ns::W, "trPr");
            let grid = |name: &str| -> usize {
                trpr.and_then(|p| p.child(Ns::W, name))
                    .and_then(|e| e.val())
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(0)
                    .min(64)
            };
            let mut row: Vec<Vec<Run>> = vec![Vec::new(); grid("gridBefore")];
            for tc in row_cells(tr) {
                let tcpr = tc.child(Ns::W, "tcPr");
                let span = tcpr
                    .and_then(|p| p.child(Ns::W, "gridSpan"))
                    .and_then(|e| e.val())
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                let vmerge = tcpr.and_then(|p| p.child(Ns::W, "vMerge"));
                let merged_below = vmerge.is_some_and(|m| m.val() != Some("restart"));
                let col = row.len();
                let c = u32::try_from(col).unwrap_or(u32::MAX);
                let cols = span as u32;
                match open.get(&col).copied() {
                    Some(k) if merged_below && spans[k].cols == cols => spans[k].rows += 1,
                    _ => {
                        open.remove(&col);
                        if vmerge.is_some() && !merged_below {
                            open.insert(col, spans.len());
                        }
                        if span > 1 || vmerge.is_some() {
                            spans.push(CellSpan {
                                row: r,
                                col: c,
                                rows: 1,
                                cols,
                            });
                        }
                    }
                }
                if col + span > MAX_COLUMNS {
                    self.refused = Some(table_too_big());
                    return None;
                }
                let mut groups = Vec::new();
                self.blocks(tc, &mut groups, depth + 1);
                row.push(if merged_below {
                    Vec::new()
                } else {
                    cell_runs(&groups)
                });
                row.extend(std::iter::repeat_n(Vec::new(), span - 1));
            }
            row.extend(std::iter::repeat_n(Vec::new(), grid("gridAfter")));
            // Every row is filled out to the widest: what the grid will hold.
            let widest = rows.iter().map(Vec::len).max().unwrap_or(0).max(row.len());
            if row.len() > MAX_COLUMNS
                || self
                    .cells
                    .saturating_add((rows.len() + 1).saturating_mul(widest))
                    > MAX_CELLS
            {
                self.refused = Some(table_too_big());
                return None;
            }
            let repeat = trpr
                .and_then(|p| p.child(Ns::W, "tblHeader"))
                .is_some_and(on);
            if header_open && repeat {
                header_rows += 1;
            } else {
                header_open = false;
            }
            rows.push(row);
        }
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        if cols == 0 {
            return None;
        }
        self.cells += rows.len() * cols;
        for r in &mut rows {
            r.resize(cols, Vec::new());
        }
        if header_rows == 0 && rows.len() > 1 && all_bold(&rows[0]) {
            header_rows = 1;
        }
        // A header cell merged down ("STT" over two header rows) takes the rows it covers into
        // the header.
        if header_rows > 0 {
            for s in &spans {
                if (s.row as usize) < header_rows {
                    header_rows = header_rows.max(s.last_row() + 1);
                }
            }
            header_rows = header_rows.min(rows.len().saturating_sub(1)).max(1);
        }
        let widths = if widths.len() == cols && widths.iter().sum::<f32>() > 0.0 {
            widths
        } else {
            Vec::new()
        };
        Some(Group {
            kind: Kind::Table {
                rows,
                header: u32::try_from(header_rows).unwrap_or(u32::MAX),
                widths,
                spans,
            },
            heading: false,
            runs: Vec::new(),
        })
    }
}

/// How many characters a list marker typed at the start of `runs` takes ("- ", "+ ", "• ", …),
/// the spaces after it included.
fn typed_marker(runs: &[Run]) -> Option<usize> {
    let full = super::blocks::runs_text(runs);
    let rest = super::blocks::list_marker(full.trim_start(), false)?.trim_start();
    if rest.is_empty() {
        return None;
    }
    Some(full.chars().count() - rest.chars().count())
}

/// `runs` without their first `n` characters (runs left empty are dropped).
fn drop_chars(runs: &mut Vec<Run>, mut n: usize) {
    for r in runs.iter_mut() {
        if n == 0 {
            break;
        }
        let len = r.text.chars().count();
        let cut = n.min(len);
        r.text = r.text.chars().skip(cut).collect();
        n -= cut;
    }
    runs.retain(|r| !r.text.is_empty());
}

/// The rows of a table, through content controls and custom XML around them.
fn table_rows(tbl: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    fn walk<'a>(e: &'a Element, out: &mut Vec<&'a Element>) {
        for c in e.elements() {
            match (c.ns, c.name.as_str()) {
                (Ns::W, "tr") => out.push(c),
                (Ns::W, "sdt") => {
                    if let Some(content) = c.child(Ns::W, "sdtContent") {
                        walk(content, out);
                    }
                }
                (Ns::W, "customXml" | "ins") => walk(c, out),
                _ => {}
            }
        }
    }
    walk(tbl, &mut out);
    out
}

/// The cells of a row, through content controls and custom XML around them.
fn row_cells(tr: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    fn walk<'a>(e: &'a Element, out: &mut Vec<&'a Element>) {
        for c in e.elements() {
            match (c.ns, c.name.as_str()) {
                (Ns::W, "tc") => out.push(c),
                (Ns::W, "sdt") => {
                    if let Some(content) = c.child(Ns::W, "sdtContent") {
                        walk(content, out);
                    }
                }
                (Ns::W, "customXml") => walk(c, out),
                _ => {}
            }
        }
    }
    walk(tr, &mut out);
    out
}

/// The groups of a cell as the runs of one cell: one line per paragraph, list items with the
/// dash they are printed with, a nested table's cells one per line.
fn cell_runs(groups: &[Group]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut line = |runs: &[Run], prefix: &str| {
        if !out.is_empty() {
            out.push(Run::plain("\n"));
        }
        if !prefix.is_empty() {
            out.push(Run {
                text: prefix.to_string(),
                ..runs.first().cloned().unwrap_or_default()
            });
        }
        out.extend(runs.iter().cloned());
    };
    for g in groups {
        match &g.kind {
            Kind::Para => line(&g.runs, ""),
            Kind::Item => line(&g.runs, "- "),
            Kind::Table { rows, .. } => {
                for row in rows {
                    for cell in row {
                        if !super::blocks::runs_text(cell).trim().is_empty() {
                            line(cell, "");
                        }
                    }
                }
            }
        }
    }
    super::blocks::merge_runs(out)
}

fn all_bold(row: &[Vec<Run>]) -> bool {
    let mut any = false;
    for cell in row {
        for r in cell {
            if r.text.trim().is_empty() {
                continue;
            }
            if !r.bold {
                return false;
            }
            any = true;
        }
    }
    any
}

/// The branch of `mc:AlternateContent` to read: the first `mc:Choice`, else `mc:Fallback`. Word
/// writes a text box twice (DrawingML choice, VML fallback): reading one keeps its text once.
fn alternate(e: &Element) -> Option<&Element> {
    e.child(Ns::Mc, "Choice")
        .or_else(|| e.child(Ns::Mc, "Fallback"))
}

/// The groups' plain text (for the tests).
#[cfg(test)]
fn texts(groups: &[Group]) -> Vec<String> {
    groups.iter().map(Group::plain).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn package(document: &str, styles: Option<&str>, numbering: Option<&str>) -> Vec<u8> {
        let mut out = Vec::new();
        let mut w = zip::ZipWriter::new(Cursor::new(&mut out));
        let o = zip::write::SimpleFileOptions::default();
        let mut put = |name: &str, s: &str| {
            w.start_file(name, o).unwrap();
            w.write_all(s.as_bytes()).unwrap();
        };
        put(
            "[Content_Types].xml",
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
        );
        put(
            "_rels/.rels",
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        );
        put(
            "word/_rels/document.xml.rels",
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#,
        );
        put(
            "word/document.xml",
            &format!(
                r#"<w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{document}</w:body></w:document>"#
            ),
        );
        if let Some(s) = styles {
            put(
                "word/styles.xml",
                &format!(r#"<w:styles xmlns:w="{W}">{s}</w:styles>"#),
            );
        }
        if let Some(n) = numbering {
            put(
                "word/numbering.xml",
                &format!(r#"<w:numbering xmlns:w="{W}">{n}</w:numbering>"#),
            );
        }
        w.finish().unwrap();
        out
    }

    fn read_doc(document: &str, styles: Option<&str>, numbering: Option<&str>) -> Vec<Group> {
        read(&package(document, styles, numbering)).unwrap().groups
    }

    use crate::import::testing::styled;

    #[test]
    fn a_list_typed_with_its_dashes_is_a_list_and_a_heading_stays_a_heading() {
        let styles = r#"<w:style w:type="paragraph" w:styleId="Heading6"><w:name w:val="heading 6"/></w:style>"#;
        let doc = r#"
<w:p><w:r><w:t xml:space="preserve">- </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>rõ người</w:t></w:r><w:r><w:t>, rõ việc;</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">  + rõ thời gian.</w:t></w:r></w:p>
<w:p><w:r><w:t>-5 độ C là nhiệt độ thấp nhất.</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading6"/></w:pPr><w:r><w:t>- Công tác khác</w:t></w:r></w:p>"#;
        let g = read_doc(doc, Some(styles), None);
        assert_eq!(g.len(), 4, "{g:?}");
        assert_eq!(g[0].kind, Kind::Item);
        assert_eq!(
            styled(&g[0].runs),
            vec![("rõ người".into(), "b"), (", rõ việc;".into(), "")]
        );
        assert_eq!(g[1].kind, Kind::Item);
        assert_eq!(super::super::blocks::runs_text(&g[1].runs), "rõ thời gian.");
        assert_eq!(g[2].kind, Kind::Para);
        assert_eq!(g[3].kind, Kind::Para);
        assert!(g[3].heading);
        assert_eq!(
            super::super::blocks::runs_text(&g[3].runs),
            "- Công tác khác"
        );
    }

    #[test]
    fn run_formatting_resolves_through_defaults_styles_and_the_run() {
        let styles = r#"
<w:docDefaults><w:rPrDefault><w:rPr><w:i/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:i w:val="0"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Base"><w:name w:val="Base"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:caps/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Base"/></w:style>
<w:style w:type="character" w:styleId="Em"><w:name w:val="Emphasis"/><w:rPr><w:i/><w:b w:val="false"/></w:rPr></w:style>"#;
        let doc = r#"
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Kết quả </w:t></w:r><w:r><w:rPr><w:rStyle w:val="Em"/></w:rPr><w:t>chung</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Diện tích 2,95 km</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>2</w:t></w:r><w:r><w:rPr><w:b/><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r></w:p>"#;
        let g = read_doc(doc, Some(styles), None);
        assert!(g[0].heading && !g[1].heading);
        assert_eq!(
            styled(&g[0].runs),
            vec![("KẾT QUẢ ".into(), "b"), ("CHUNG".into(), "i")]
        );
        assert_eq!(
            styled(&g[1].runs),
            vec![("Diện tích 2,95 km".into(), ""), ("2".into(), "sup")]
        );
    }

    const NUMBERING: &str = r#"
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>"#;

    fn numbered(num: u32, ilvl: u32, text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>{text}</w:t></w:r></w:p>"#
        )
    }

    #[test]
    fn automatic_numbering_becomes_typed_numbers_and_bullets_list_items() {
        let doc = [
            numbered(1, 0, "HOẠT ĐỘNG"),
            numbered(1, 1, "Kết quả"),
            numbered(1, 2, "Tài chính"),
            numbered(1, 3, "Thu"),
            numbered(1, 3, "Chi"),
            numbered(2, 0, "mục gạch đầu dòng"),
            numbered(1, 1, "Nguyên nhân"),
            numbered(1, 2, "Khách quan"),
            numbered(1, 0, "NHIỆM VỤ"),
            numbered(1, 1, "Tiếp tục"),
            numbered(3, 1, "Danh sách riêng"),
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Không số</w:t></w:r></w:p>"#.to_string(),
        ]
        .concat();
        let g = read_doc(&doc, None, Some(NUMBERING));
        assert_eq!(
            texts(&g),
            vec![
                "I. HOẠT ĐỘNG",
                "1. Kết quả",
                "1.1. Tài chính",
                "a) Thu",
                "b) Chi",
                "mục gạch đầu dòng",
                "2. Nguyên nhân",
                "2.1. Khách quan",
                "II. NHIỆM VỤ",
                "1. Tiếp tục",
                "5. Danh sách riêng",
                "Không số",
            ]
        );
        assert_eq!(g[5].kind, Kind::Item);
        // The typed number takes the style of the text, so a bold heading stays wholly bold.
        assert!(g[0].bold());
    }

    #[test]
    fn a_header_cell_merged_down_takes_its_rows_into_the_header() {
        let cell = |props: &str, text: &str| {
            format!(
                r#"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#
            )
        };
        let doc = format!(
            r#"<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>"#,
            cell(r#"<w:vMerge w:val="restart"/>"#, "STT"),
            cell(r#"<w:gridSpan w:val="2"/>"#, "Kết quả"),
            cell("<w:vMerge/>", ""),
            cell("", "Đúng hạn"),
            cell("", "Quá hạn"),
            cell("", "1"),
            cell("", "5"),
            cell("", "2"),
        );
        let g = read_doc(&doc, None, None);
        let Kind::Table { header, spans, .. } = &g[0].kind else {
            panic!("{g:?}")
        };
        assert_eq!(*header, 2);
        assert_eq!(
            spans,
            &vec![CellSpan::new(0, 0, 2, 1), CellSpan::new(0, 1, 1, 2),]
        );
    }

    #[test]
    fn tables_keep_their_grid_through_spans_merges_and_nesting() {
        let cell = |props: &str, text: &str| {
            format!(
                r#"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#
            )
        };
        let nested = format!(
            r#"<w:tc><w:p><w:r><w:t>Trong</w:t></w:r></w:p><w:tbl><w:tr>{}{}</w:tr></w:tbl></w:tc>"#,
            cell("", "x"),
            cell("", "y")
        );
        let doc = format!(
            r#"<w:tbl><w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="2000"/><w:gridCol w:w="3000"/></w:tblGrid>
<w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}</w:tr>
<w:tr>{}{}{}</w:tr>
<w:tr>{}{}{}</w:tr></w:tbl>"#,
            cell(r#"<w:gridSpan w:val="2"/>"#, "Chỉ tiêu"),
            cell("", "Kết quả"),
            cell(r#"<w:vMerge w:val="restart"/>"#, "Thu"),
            cell("", "1"),
            cell("", "2"),
            cell("<w:vMerge/>", "bỏ"),
            cell("", "3"),
            nested,
        );
        let g = read_doc(&doc, None, None);
        let Kind::Table {
            rows,
            header,
            widths,
            spans,
        } = &g[0].kind
        else {
            panic!("{g:?}")
        };
        assert_eq!(*header, 1);
        use crate::model::CellSpan;
        assert_eq!(
            spans,
            &vec![CellSpan::new(0, 0, 1, 2), CellSpan::new(1, 0, 2, 1),]
        );
        assert_eq!(widths, &vec![1000.0, 2000.0, 3000.0]);
        let text: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| super::super::blocks::runs_text(c))
                    .collect()
            })
            .collect();
        assert_eq!(
            text,
            vec![
                vec!["Chỉ tiêu", "", "Kết quả"],
                vec!["Thu", "1", "2"],
                vec!["", "3", "Trong\nx\ny"],
            ]
        );
    }

    #[test]
    fn what_word_writes_around_the_text() {
        let doc = r#"
<w:p><w:r><w:t>Số: 05/BC-UBND</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>Bạch Mai</w:t></w:r></w:p>
<w:p><w:ins><w:r><w:t>thêm </w:t></w:r></w:ins><w:del><w:r><w:delText>xóa </w:delText></w:r></w:del><w:r><w:t>giữ</w:t></w:r></w:p>
<w:p><w:r><w:t>Trang </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
<w:p><w:hyperlink><w:r><w:t>liên kết</w:t></w:r></w:hyperlink><w:sdt><w:sdtPr><w:alias w:val="không in"/></w:sdtPr><w:sdtContent><w:r><w:t> ô nhập</w:t></w:r></w:sdtContent></w:sdt></w:p>
<w:p><w:r><w:t>TM. ỦY BAN</w:t><w:br/><w:t>CHỦ TỊCH</w:t></w:r></w:p>
<w:p><w:r><w:t>báo</w:t><w:softHyphen/><w:t>cáo./.</w:t></w:r><w:r><w:br w:type="page"/></w:r><w:r><w:t>PHỤ LỤC</w:t></w:r></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp xmlns:wps="urn:x"><wps:txbx><w:txbxContent><w:p><w:r><w:t>ỦY BAN NHÂN DÂN</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>ỦY BAN NHÂN DÂN</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>BÁO CÁO</w:t></w:r></w:p>
<w:sdt><w:sdtContent><w:p><w:r><w:t>Khối nội dung</w:t></w:r></w:p></w:sdtContent></w:sdt>
<w:p/><w:p><w:r><w:t>   </w:t></w:r></w:p>"#;
        let g = read_doc(doc, None, None);
        assert_eq!(
            texts(&g),
            vec![
                "Số: 05/BC-UBND\tBạch Mai",
                "thêm giữ",
                "Trang 3",
                "liên kết ô nhập",
                "TM. ỦY BAN\nCHỦ TỊCH",
                "báocáo./.",
                "PHỤ LỤC",
                "ỦY BAN NHÂN DÂN",
                "BÁO CÁO",
                "Khối nội dung",
            ]
        );
    }

    /// A header laid out in Word frames (`w:framePr`: agency on the left, Quốc hiệu on the
    /// right), in a Strict OOXML file whose WordprocessingML prefix is not `w`: read as the header.
    #[test]
    fn a_header_in_frames_of_a_strict_file() {
        let frame = |x: u32, text: &str| {
            format!(
                r#"<s:p><s:pPr><s:framePr s:w="4500" s:wrap="around" s:hAnchor="page" s:vAnchor="text" s:x="{x}" s:y="1"/><s:jc s:val="center"/></s:pPr><s:r><s:rPr><s:b/></s:rPr><s:t>{text}</s:t></s:r></s:p>"#
            )
        };
        let para = |text: &str| format!(r#"<s:p><s:r><s:t>{text}</s:t></s:r></s:p>"#);
        let body = [
            frame(1400, "ỦY BAN NHÂN DÂN"),
            frame(1400, "PHƯỜNG BẠCH MAI"),
            frame(6200, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            frame(6200, "Độc lập - Tự do - Hạnh phúc"),
            para("Số: 12/BC-UBND|TAB|Bạch Mai, ngày 05 tháng 7 năm 2026"),
            frame(4000, "BÁO CÁO"),
            frame(4000, "Kết quả công tác tháng 6 năm 2026"),
            frame(1400, "I. KẾT QUẢ"),
            para("Hoàn thành các chỉ tiêu được giao."),
        ]
        .concat()
        .replace("|TAB|", "</s:t><s:tab/><s:t>");
        let strict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
        let mut bytes = Vec::new();
        {
            let mut w = zip::ZipWriter::new(Cursor::new(&mut bytes));
            let o = zip::write::SimpleFileOptions::default();
            let mut put = |name: &str, s: &str| {
                w.start_file(name, o).unwrap();
                w.write_all(s.as_bytes()).unwrap();
            };
            put(
                "_rels/.rels",
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
            );
            put(
                "word/document.xml",
                &format!(r#"<s:document xmlns:s="{strict}"><s:body>{body}</s:body></s:document>"#),
            );
            w.finish().unwrap();
        }
        let i = crate::import::import_file(&bytes).unwrap();
        let r = &i.report;
        assert_eq!(r.issuer.name_lines, ["ỦY BAN NHÂN DÂN", "PHƯỜNG BẠCH MAI"]);
        assert_eq!((r.number, r.issuer.symbol.as_str()), (Some(12), "BC-UBND"));
        assert_eq!(r.place, "Bạch Mai");
        assert_eq!(r.date, crate::model::DocDate::from_ymd(2026, 7, 5));
        assert_eq!(r.doc_type, "BÁO CÁO");
        assert_eq!(r.trich_yeu, "Kết quả công tác tháng 6 năm 2026");
        assert_eq!(r.body.len(), 1);
        assert_eq!(r.body[0].title, "KẾT QUẢ");
        assert!(i.summary.header);
    }

    #[test]
    fn style_chains_that_loop_end() {
        let styles = r#"<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/><w:rPr><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>"#;
        let doc = r#"<w:p><w:pPr><w:pStyle w:val="A"/></w:pPr><w:r><w:t>vòng</w:t></w:r></w:p>"#;
        let g = read_doc(doc, Some(styles), None);
        assert!(g[0].bold());
    }

    #[test]
    fn roman_and_letters() {
        assert_eq!(format_number(1999, "upperRoman"), "MCMXCIX");
        // A crafted start value stays in digits instead of a billion M's.
        assert_eq!(format_number(4_000_000_000, "upperRoman"), "4000000000");
        assert_eq!(letters(1), "a");
        assert_eq!(letters(27), "aa");
        assert_eq!(format_number(4, "lowerRoman"), "iv");
    }
}
