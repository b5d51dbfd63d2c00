//! The decree's rules measured on a finished PDF of the sample report, whoever made it: the
//! engine (`tests/pdf_rules.rs`) or LibreOffice from our `.docx` (`tests/docx_libreoffice.rs`).
//! Both test files run the very same checks, so the Word file is held to the rules the pages
//! are held to.
//!
//! Include it after its two helpers:
//!
//! ```ignore
//! #[path = "support/poppler.rs"] mod poppler;
//! #[path = "support/pdf_rules.rs"] mod pdf_rules;
//! #[path = "support/sample_words.rs"] mod sample_words;
//! #[path = "support/nd30_pdf.rs"] mod nd30_pdf;
//! ```
//!
//! Words and their boxes come from `pdftotext -bbox` (poppler), rules from the path operators
//! (`pdf_rules`). What is expected comes from the engine itself: the settings, the header's
//! columns and the layout's own lines (`baocao::layout::header::plan`, `title_plan`), so a
//! change of the layout changes what is measured, never a number copied here.

#![allow(dead_code)]

use std::path::Path;

use baocao::layout::header::HeaderPlan;
use baocao::layout::TitlePlan;
use baocao::model::{LayoutSettings, Report};
use baocao::page::mm;
use baocao::text::{nfc, FontSet, Measurer};

use crate::pdf_rules::{self, HRule, PageDrawing, TextRun};
use crate::poppler::{self, BoxedWord};

pub const SAMPLE: &str =
    include_str!("../../assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md");

pub const SAMPLE_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md"
);

/// Ascent and descent of Times New Roman / Liberation Serif, in ems (hhea): poppler boxes a
/// word from `base - ascent·size` to `base + descent·size`.
const ASCENT: f32 = 0.891;
const DESCENT: f32 = 0.216;

/// How far a measured position may be from the expected one, in points (a third of a
/// millimetre: what a ruler cannot tell apart, and more than rounding to Word's twips).
pub const TOL: f32 = 1.0;

/// What the sample must look like, from the engine's own decisions.
pub struct Expect {
    pub report: Report,
    pub s: LayoutSettings,
    pub header: HeaderPlan,
    pub title: TitlePlan,
}

impl Expect {
    pub fn sample() -> Expect {
        let report = baocao::import::import_text(SAMPLE).expect("the sample imports");
        let m = Measurer::new(FontSet::get());
        Expect {
            s: report.settings.clamped(),
            header: baocao::layout::header::plan(&m, &report),
            title: baocao::layout::title_plan(&report, &m),
            report,
        }
    }

    pub fn left(&self) -> f32 {
        mm(self.s.margin_left_mm)
    }
    pub fn right(&self, page_width: f32) -> f32 {
        page_width - mm(self.s.margin_right_mm)
    }
    pub fn top(&self) -> f32 {
        mm(self.s.margin_top_mm)
    }
    pub fn bottom(&self, page_height: f32) -> f32 {
        page_height - mm(self.s.margin_bottom_mm)
    }
}

/// A word with its estimated baseline and size.
#[derive(Debug, Clone)]
pub struct Word {
    pub page: usize,
    pub x_min: f32,
    pub x_max: f32,
    pub y_min: f32,
    pub y_max: f32,
    pub base: f32,
    pub size: f32,
    pub text: String,
}

impl Word {
    /// The word `w` with the baseline and size of the text run it belongs to: the run that
    /// starts nearest to its left on a baseline inside its box. Without one (a writer that
    /// positions text in ways not read here) both are estimated from the box with the font's
    /// usual ascent and descent.
    fn of(w: &BoxedWord, runs: &[TextRun]) -> Word {
        let h = w.y_max - w.y_min;
        let guess = w.y_max - h * DESCENT / (ASCENT + DESCENT);
        let run = runs
            .iter()
            .filter(|r| r.y >= w.y_min - 0.5 && r.y <= w.y_max + 0.5 && r.x <= w.x_min + 0.5)
            .max_by(|a, b| {
                a.x.total_cmp(&b.x)
                    .then((b.y - guess).abs().total_cmp(&(a.y - guess).abs()))
            });
        Word {
            page: w.page,
            x_min: w.x_min,
            x_max: w.x_max,
            y_min: w.y_min,
            y_max: w.y_max,
            base: run.map_or(guess, |r| r.y),
            size: run.map_or(h / (ASCENT + DESCENT), |r| r.size),
            text: nfc(&w.text),
        }
    }
}

/// Words on one baseline of one page, left to right.
#[derive(Debug, Clone)]
pub struct Line {
    pub page: usize,
    pub base: f32,
    pub x_min: f32,
    pub x_max: f32,
    pub words: Vec<Word>,
}

impl Line {
    pub fn text(&self) -> String {
        self.words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
    pub fn mid(&self) -> f32 {
        (self.x_min + self.x_max) / 2.0
    }
}

/// A PDF read back: its words, lines and drawings.
pub struct Measured {
    pub words: Vec<Word>,
    pub drawings: Vec<PageDrawing>,
}

pub fn measure(pdf: &Path) -> Measured {
    let drawings = pdf_rules::drawings(pdf);
    let words = poppler::pdftotext_bbox(pdf)
        .iter()
        .map(|w| {
            let runs = drawings
                .get(w.page.saturating_sub(1))
                .map_or(&[][..], |d| &d.texts[..]);
            Word::of(w, runs)
        })
        .collect();
    Measured { words, drawings }
}

impl Measured {
    pub fn pages(&self) -> usize {
        self.drawings.len()
    }

    pub fn page_size(&self, page: usize) -> (f32, f32) {
        let d = &self.drawings[page - 1];
        (d.width, d.height)
    }

    /// The words of `page` (from 1), or those within [x1, x2] when given.
    pub fn words_on(&self, page: usize) -> impl Iterator<Item = &Word> {
        self.words.iter().filter(move |w| w.page == page)
    }

    /// Lines of `page`: words within a point of one baseline and `[x1, x2]`, left to right.
    pub fn lines_in(&self, page: usize, x1: f32, x2: f32) -> Vec<Line> {
        let mut ws: Vec<&Word> = self
            .words_on(page)
            .filter(|w| w.x_min >= x1 - 0.5 && w.x_max <= x2 + 0.5)
            .collect();
        ws.sort_by(|a, b| a.base.total_cmp(&b.base).then(a.x_min.total_cmp(&b.x_min)));
        let mut out: Vec<Line> = Vec::new();
        for w in ws {
            match out.last_mut() {
                Some(l) if (l.base - w.base).abs() < 1.0 => {
                    l.x_min = l.x_min.min(w.x_min);
                    l.x_max = l.x_max.max(w.x_max);
                    l.words.push(w.clone());
                }
                _ => out.push(Line {
                    page,
                    base: w.base,
                    x_min: w.x_min,
                    x_max: w.x_max,
                    words: vec![w.clone()],
                }),
            }
        }
        for l in &mut out {
            l.words.sort_by(|a, b| a.x_min.total_cmp(&b.x_min));
        }
        out
    }

    pub fn lines(&self, page: usize) -> Vec<Line> {
        self.lines_in(page, f32::MIN / 4.0, f32::MAX / 4.0)
    }

    /// The line of `page` within [x1, x2] whose text starts with `text`.
    pub fn line_starting(&self, page: usize, x1: f32, x2: f32, text: &str) -> Line {
        let text = squash(text);
        self.lines_in(page, x1, x2)
            .into_iter()
            .find(|l| l.text().starts_with(&text))
            .unwrap_or_else(|| {
                panic!(
                    "no line starting “{text}” on page {page} between x {x1:.1} and {x2:.1}; lines: {:#?}",
                    self.lines_in(page, x1, x2)
                        .iter()
                        .map(Line::text)
                        .collect::<Vec<_>>()
                )
            })
    }

    /// The first word of `page` reading `text`.
    pub fn word(&self, page: usize, text: &str) -> &Word {
        let text = nfc(text);
        self.words_on(page)
            .find(|w| w.text == text)
            .unwrap_or_else(|| panic!("no word “{text}” on page {page}"))
    }

    pub fn hrules(&self, page: usize) -> Vec<HRule> {
        self.drawings[page - 1].hrules()
    }
}

/// `s` in NFC with runs of white space made one space (a blank left for the văn thư is a run of
/// spaces in the report, and no word at all in the PDF's text).
pub fn squash(s: &str) -> String {
    nfc(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn near(a: f32, b: f32, tol: f32) -> bool {
    (a - b).abs() <= tol
}

// ---------------------------------------------------------------------------------------------
// The checks. Each panics with what a records clerk would write in the margin.

/// Every page is A4 (portrait or landscape).
pub fn pages_are_a4(m: &Measured) {
    for p in 1..=m.pages() {
        let (w, h) = m.page_size(p);
        let (short, long) = (w.min(h), w.max(h));
        assert!(
            near(short, mm(210.0), 0.5) && near(long, mm(297.0), 0.5),
            "page {p} is {w:.2} × {h:.2} pt, not A4"
        );
    }
}

/// Is `w` the page number in the top margin of its page?
fn in_top_margin(e: &Expect, w: &Word) -> bool {
    w.y_max < e.top() - 0.5
}

/// No text outside the margins (the page number aside, in the top margin); both side margins
/// are reached (non-indented lines start at the left margin, justified lines end at the right).
pub fn text_stays_in_the_margins(m: &Measured, e: &Expect) {
    let (mut min_x, mut max_x) = (f32::MAX, f32::MIN);
    for w in &m.words {
        let (pw, ph) = m.page_size(w.page);
        if in_top_margin(e, w) {
            assert!(
                w.page > 1 && w.text.chars().all(|c| c.is_ascii_digit()),
                "“{}” in the top margin of page {}",
                w.text,
                w.page
            );
            continue;
        }
        assert!(
            w.x_min >= e.left() - TOL && w.x_max <= e.right(pw) + TOL,
            "“{}” on page {} runs outside the side margins ({:.1}–{:.1}, text box {:.1}–{:.1})",
            w.text,
            w.page,
            w.x_min,
            w.x_max,
            e.left(),
            e.right(pw)
        );
        assert!(
            w.y_min >= e.top() - TOL && w.base <= e.bottom(ph) + TOL,
            "“{}” on page {} is outside the top or bottom margin (y {:.1}–{:.1})",
            w.text,
            w.page,
            w.y_min,
            w.base
        );
        min_x = min_x.min(w.x_min);
        max_x = max_x.max(w.x_max);
    }
    let (pw, _) = m.page_size(1);
    assert!(
        near(min_x, e.left(), TOL),
        "no line starts at the left margin ({min_x:.1}, margin {:.1})",
        e.left()
    );
    assert!(
        near(max_x, e.right(pw), TOL),
        "no line reaches the right margin ({max_x:.1}, margin {:.1})",
        e.right(pw)
    );
}

/// The header's two columns: the agency name's lines centred in the left column, the Quốc hiệu
/// and Tiêu ngữ centred in the right one, and the columns apart.
pub fn header_columns(m: &Measured, e: &Expect) {
    let h = &e.header;
    let left = e.left();
    let split = left + h.left_w;
    let top_lines = m.lines_in(1, left, split);
    for name in &h.agency_lines {
        let l = top_lines
            .iter()
            .find(|l| l.text() == squash(name))
            .unwrap_or_else(|| panic!("agency line “{name}” not found in the left column"));
        assert!(
            near(l.mid(), left + h.left_w / 2.0, TOL),
            "“{name}” is not centred in the left column (centre {:.1}, column centre {:.1})",
            l.mid(),
            left + h.left_w / 2.0
        );
    }
    let right_end = split + h.right_w;
    for text in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ] {
        let l = m.line_starting(1, split, right_end, text);
        assert_eq!(
            l.text(),
            squash(text),
            "the right column's line reads otherwise"
        );
        assert!(
            near(l.mid(), split + h.right_w / 2.0, TOL),
            "“{text}” is not centred in the right column (centre {:.1}, column centre {:.1})",
            l.mid(),
            split + h.right_w / 2.0
        );
    }
}

/// The rule under the agency name (the layout's length, 1/3 to 1/2 of the name's longest line,
/// centred under it) and under the Tiêu ngữ (exactly as long as its text, under it).
pub fn header_rules(m: &Measured, e: &Expect) {
    let h = &e.header;
    let left = e.left();
    let split = left + h.left_w;
    let rules = m.hrules(1);
    let names: Vec<Line> = m
        .lines_in(1, left, split)
        .into_iter()
        .filter(|l| h.agency_lines.iter().any(|a| squash(a) == l.text()))
        .collect();
    let last = names.last().expect("agency lines");
    let widest = names.iter().map(|l| l.x_max - l.x_min).fold(0.0, f32::max);
    let so = m.line_starting(1, left, split, "Số:");
    let rule = rules
        .iter()
        .find(|r| r.y > last.base && r.y < so.base && r.x2 <= split + TOL)
        .unwrap_or_else(|| panic!("no rule under the agency name; rules: {rules:?}"));
    assert!(
        near(rule.len(), h.agency_rule, TOL),
        "agency rule {:.1} pt, the layout's {:.1}",
        rule.len(),
        h.agency_rule
    );
    let ratio = rule.len() / widest;
    assert!(
        (1.0 / 3.0 - 0.02..=0.5 + 0.02).contains(&ratio),
        "agency rule is {ratio:.2} of the name's line"
    );
    assert!(
        near(rule.mid(), last.mid(), TOL),
        "agency rule not centred under the name ({:.1} vs {:.1})",
        rule.mid(),
        last.mid()
    );

    let tn = m.line_starting(1, split, split + h.right_w, "Độc lập");
    let rule = rules
        .iter()
        .find(|r| r.y > tn.base && r.y < tn.base + 12.0 && r.x1 >= split - TOL)
        .unwrap_or_else(|| panic!("no rule under the Tiêu ngữ; rules: {rules:?}"));
    let text_w = tn.x_max - tn.x_min;
    assert!(
        near(rule.len(), text_w, 1.5) && near(rule.len(), h.tieu_ngu_rule, TOL),
        "Tiêu ngữ rule {:.1} pt, its text {text_w:.1} pt (layout {:.1})",
        rule.len(),
        h.tieu_ngu_rule
    );
    assert!(
        near(rule.x1, tn.x_min, 1.5) && near(rule.mid(), tn.mid(), TOL),
        "Tiêu ngữ rule not under its text ({:.1}–{:.1} vs {:.1}–{:.1})",
        rule.x1,
        rule.x2,
        tn.x_min,
        tn.x_max
    );
}

/// "Số" and the place and date stand on one baseline, each in its column.
pub fn so_and_date_on_one_baseline(m: &Measured, e: &Expect) {
    let h = &e.header;
    let split = e.left() + h.left_w;
    let so = m.line_starting(1, e.left(), split, "Số:");
    let date = m.line_starting(1, split, split + h.right_w, &h.date_lines[0]);
    assert!(
        near(so.base, date.base, 0.5),
        "Số on {:.2}, date on {:.2}",
        so.base,
        date.base
    );
    assert!(
        near(so.mid(), e.left() + h.left_w / 2.0, TOL),
        "Số is not centred in the left column"
    );
    assert!(
        near(date.mid(), split + h.right_w / 2.0, TOL),
        "the date is not centred in the right column"
    );
}

/// "BÁO CÁO" and the trích yếu centred across the text width, in the layout's lines, the rule
/// under them the layout's length (1/3 to 1/2 of the longest line), centred.
pub fn title_and_its_rule(m: &Measured, e: &Expect) {
    let (pw, _) = m.page_size(1);
    let centre = (e.left() + e.right(pw)) / 2.0;
    let lines = m.lines(1);
    let bc = lines
        .iter()
        .find(|l| l.text() == squash(&e.title.doc_type))
        .expect("BÁO CÁO on page 1");
    assert!(
        near(bc.mid(), centre, TOL),
        "BÁO CÁO centred at {:.1}, page text centre {centre:.1}",
        bc.mid()
    );
    let mut last = bc.base;
    let mut widest = 0.0f32;
    for want in &e.title.trich_yeu {
        let l = lines
            .iter()
            .find(|l| l.text() == squash(want))
            .unwrap_or_else(|| {
                panic!(
                    "trích yếu line “{want}” not found as a line; lines: {:#?}",
                    lines.iter().map(Line::text).collect::<Vec<_>>()
                )
            });
        assert!(l.base > last, "trích yếu lines out of order");
        assert!(
            near(l.mid(), centre, TOL),
            "“{want}” not centred ({:.1} vs {centre:.1})",
            l.mid()
        );
        last = l.base;
        widest = widest.max(l.x_max - l.x_min);
    }
    let rule = m
        .hrules(1)
        .into_iter()
        .find(|r| r.y > last && r.y < last + 14.0)
        .expect("a rule under the trích yếu");
    assert!(
        near(rule.len(), e.title.trich_yeu_rule, TOL),
        "trích yếu rule {:.1} pt, the layout's {:.1}",
        rule.len(),
        e.title.trich_yeu_rule
    );
    let ratio = rule.len() / widest;
    assert!(
        (1.0 / 3.0 - 0.02..=0.5 + 0.02).contains(&ratio),
        "trích yếu rule is {ratio:.2} of its longest line"
    );
    assert!(near(rule.mid(), centre, TOL), "trích yếu rule not centred");
}

/// Page numbers: none on page 1; from page 2 the page's number, centred in the top margin.
pub fn page_numbers_from_page_two(m: &Measured, e: &Expect) {
    assert!(
        m.words_on(1).all(|w| !in_top_margin(e, w)),
        "something is printed in the top margin of page 1"
    );
    for p in 2..=m.pages() {
        let (pw, _) = m.page_size(p);
        let nums: Vec<&Word> = m.words_on(p).filter(|w| in_top_margin(e, w)).collect();
        assert_eq!(
            nums.iter().map(|w| w.text.as_str()).collect::<Vec<_>>(),
            [p.to_string()],
            "page {p}: the top margin must hold the page number alone"
        );
        let n = nums[0];
        assert!(
            near(
                (n.x_min + n.x_max) / 2.0,
                (e.left() + e.right(pw)) / 2.0,
                TOL
            ),
            "page {p}: number not centred"
        );
        assert!(
            n.y_min > 0.0 && n.y_max < e.top(),
            "page {p}: number outside the top margin"
        );
    }
}

/// The body is justified (many lines end exactly at the right margin) with the first-line
/// indent of the settings (many lines start exactly there) and lines that start at the margin.
pub fn body_justified_with_indent(m: &Measured, e: &Expect) {
    let indent = e.left() + mm(e.s.first_line_indent_mm);
    let (mut full, mut indented, mut flush) = (0, 0, 0);
    for p in 1..=m.pages() {
        let (pw, _) = m.page_size(p);
        for l in m.lines(p) {
            if l.words.len() < 4 {
                continue;
            }
            if near(l.x_max, e.right(pw), TOL) {
                full += 1;
            }
            if near(l.x_min, indent, TOL) {
                indented += 1;
            }
            if near(l.x_min, e.left(), TOL) {
                flush += 1;
            }
        }
    }
    assert!(
        full >= 200,
        "only {full} lines end at the right margin: is the body justified?"
    );
    assert!(
        indented >= 60,
        "only {indented} lines start at the first-line indent"
    );
    assert!(flush >= 100, "only {flush} lines start at the left margin");
}

/// The closing on the last page: "Nơi nhận:" 12 pt, the recipients 11 pt, the signer's first
/// line on the baseline of "Nơi nhận:", room for the signature and the seal above the name.
pub fn closing_sizes_and_baseline(m: &Measured, e: &Expect) {
    let p = m.pages();
    let (pw, _) = m.page_size(p);
    let split = e.left() + (e.right(pw) - e.left()) * baocao::layout::closing::NOI_NHAN_SHARE;
    let label = m.line_starting(p, e.left(), split, "Nơi nhận:");
    for w in &label.words {
        assert!(
            near(w.size, baocao::layout::closing::NOI_NHAN_LABEL_PT, 0.5),
            "“{}” is {:.1} pt",
            w.text,
            w.size
        );
    }
    let recipients: Vec<Line> = m
        .lines_in(p, e.left(), split)
        .into_iter()
        .filter(|l| l.base > label.base && l.text().starts_with('-'))
        .collect();
    assert!(
        recipients.len() >= e.report.noi_nhan.recipients.len(),
        "{} recipient lines",
        recipients.len()
    );
    for l in &recipients {
        for w in &l.words {
            assert!(
                near(w.size, baocao::layout::closing::RECIPIENT_PT, 0.5),
                "recipient word “{}” is {:.1} pt",
                w.text,
                w.size
            );
        }
    }
    let tm = m.line_starting(p, split, e.right(pw), "TM.");
    assert!(
        near(tm.base, label.base, 0.5),
        "TM. on {:.2}, Nơi nhận on {:.2}",
        tm.base,
        label.base
    );
    let titles = m.lines_in(p, split, e.right(pw));
    let name = titles
        .iter()
        .find(|l| l.text() == squash(&e.report.signer.name))
        .expect("the signer's name");
    let above = titles
        .iter()
        .filter(|l| l.base < name.base)
        .max_by(|a, b| a.base.total_cmp(&b.base))
        .expect("a title line above the name");
    let room = name.words[0].y_min - above.words[0].y_max;
    assert!(
        (mm(24.0)..=mm(31.0)).contains(&room),
        "room for the signature {:.1} mm",
        room / mm(1.0)
    );
}

/// The sample's words as a reader finds them (see `sample_words`).
pub fn sample_words() -> Vec<String> {
    crate::sample_words::sample_words(SAMPLE)
}

/// Every word of the sample is in the PDF, in the order it is drawn (found in its text with the
/// spaces taken out, so that a superscript or a line break inside a word does not matter; hyphens too, since
/// pdftotext drops the hyphen of a word broken after it at the end of a line, as Word and
/// LibreOffice break "01/ĐA-" / "UBND").
pub fn every_word_in_order(pdf: &Path) {
    let text: String = nfc(&poppler::pdftotext_raw(pdf))
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    let expected: Vec<String> = sample_words()
        .into_iter()
        .map(|w| w.replace('-', ""))
        .filter(|w| !w.is_empty())
        .collect();
    assert!(expected.len() > 3000, "{} words", expected.len());
    let mut at = 0;
    for (i, w) in expected.iter().enumerate() {
        match text[at..].find(w.as_str()) {
            Some(k) => at += k + w.len(),
            None => {
                let around = expected[i.saturating_sub(5)..(i + 5).min(expected.len())].join(" ");
                panic!("word {i} “{w}” missing or out of order (near “{around}”)");
            }
        }
    }
}

/// Is LibreOffice here? When `CI` is set, a missing tool fails the test instead of skipping it.
pub fn soffice() -> Option<&'static str> {
    let found = ["soffice", "libreoffice"].into_iter().find(|cmd| {
        std::process::Command::new(cmd)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        let msg = "LibreOffice (soffice) is not installed: apt install libreoffice-writer-nogui fonts-liberation2";
        if std::env::var_os("CI").is_some() {
            panic!("{msg}");
        }
        eprintln!("skipped: {msg}");
    }
    found
}

/// `soffice --headless --convert-to pdf` of `docx` into `out_dir`, with a profile of its own
/// (so that tests running at once, or a LibreOffice the user has open, do not collide).
/// Returns the PDF's path.
pub fn libreoffice_pdf(soffice: &str, docx: &Path, out_dir: &Path) -> std::path::PathBuf {
    let profile = out_dir.join("lo-profile");
    let out = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.to_string_lossy()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(out_dir)
        .arg(docx)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = out_dir.join(docx.with_extension("pdf").file_name().expect("a file name"));
    assert!(
        pdf.is_file(),
        "soffice wrote no PDF: {} {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}
