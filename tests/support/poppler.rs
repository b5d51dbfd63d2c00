//! Reading a PDF back as a reader would, through poppler's command-line tools (`pdfinfo`,
//! `pdffonts`, `pdftotext`, from poppler-utils).
//!
//! Include it in an integration test with
//! `#[path = "support/poppler.rs"] mod poppler;`. Each function panics with the tool's own
//! message when the tool fails: in a test, that message is what one needs to see.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Runs `tool args… file` and returns its standard output.
fn run(tool: &str, args: &[&str], file: &Path) -> String {
    run_with_tail(tool, args, file, &[])
}

/// Runs `tool args… file -` (the tools that write a file unless told "-").
fn run_to_stdout(tool: &str, args: &[&str], file: &Path) -> String {
    run_with_tail(tool, args, file, &["-"])
}

fn run_with_tail(tool: &str, args: &[&str], file: &Path, tail: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(file)
        .args(tail)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool} (install poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool} failed on {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("{tool} output is not UTF-8: {e}"))
}

/// What `pdfinfo -isodates` says about a file.
#[derive(Debug, Clone)]
pub struct PdfInfo {
    /// Every "Key: value" line, keys as pdfinfo prints them ("Title", "Page size", …).
    pub fields: BTreeMap<String, String>,
    pub pages: usize,
    /// e.g. "595.28 x 841.89 pts (A4)".
    pub page_size: String,
    /// e.g. "1.7".
    pub version: String,
}

impl PdfInfo {
    /// A field's value, or "" when pdfinfo does not print it.
    pub fn get(&self, key: &str) -> &str {
        self.fields.get(key).map(String::as_str).unwrap_or("")
    }
    /// The PDF version as a number (1.4 → 1.4) for comparisons.
    pub fn version_number(&self) -> f32 {
        self.version.parse().unwrap_or(0.0)
    }
}

/// `pdfinfo -isodates FILE` (dates as 2026-11-27T21:04:05).
pub fn pdfinfo(file: &Path) -> PdfInfo {
    pdfinfo_args(file, &[])
}

/// `pdfinfo -isodates -f 1 -l N FILE`: the same with the size of every page
/// ("Page    1 size", …).
pub fn pdfinfo_all_pages(file: &Path, pages: usize) -> PdfInfo {
    let last = pages.to_string();
    pdfinfo_args(file, &["-f", "1", "-l", &last])
}

fn pdfinfo_args(file: &Path, extra: &[&str]) -> PdfInfo {
    let mut args = vec!["-isodates"];
    args.extend_from_slice(extra);
    let text = run("pdfinfo", &args, file);
    let mut fields = BTreeMap::new();
    for line in text.lines() {
        if let Some((k, v)) = line.split_once(':') {
            fields.insert(k.trim().to_string(), v.trim().to_string());
        }
    }
    let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
    PdfInfo {
        pages: get("Pages").parse().unwrap_or(0),
        page_size: get("Page size"),
        version: get("PDF version"),
        fields,
    }
}

/// One row of `pdffonts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfFontRow {
    /// e.g. "BCAORG+LiberationSerif".
    pub name: String,
    /// e.g. "CID TrueType".
    pub kind: String,
    pub encoding: String,
    pub embedded: bool,
    pub subset: bool,
    pub unicode: bool,
}

impl PdfFontRow {
    /// The name after the subset tag: "BCAORG+LiberationSerif" → "LiberationSerif".
    pub fn base_name(&self) -> &str {
        self.name.split_once('+').map_or(&self.name, |(_, b)| b)
    }
    /// A subset tag is six capital letters and a plus sign (ISO 32000-1, 9.6.4).
    pub fn has_subset_tag(&self) -> bool {
        self.name.split_once('+').is_some_and(|(tag, rest)| {
            tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) && !rest.is_empty()
        })
    }
}

/// `pdffonts FILE`, parsed by the column widths of its dashed header line (the type column has
/// spaces in it, so splitting on white space would not do).
pub fn pdffonts(file: &Path) -> Vec<PdfFontRow> {
    let text = run("pdffonts", &[], file);
    let mut lines = text.lines();
    let mut cols: Vec<(usize, usize)> = Vec::new();
    for line in lines.by_ref() {
        if line.starts_with("---") {
            let mut start = 0;
            for part in line.split(' ') {
                cols.push((start, start + part.len()));
                start += part.len() + 1;
            }
            break;
        }
    }
    let cell = |line: &str, i: usize| -> String {
        let Some(&(a, b)) = cols.get(i) else {
            return String::new();
        };
        // The last column runs to the end of the line.
        let b = if i + 1 == cols.len() { line.len() } else { b };
        line.get(a.min(line.len())..b.min(line.len()))
            .unwrap_or("")
            .trim()
            .to_string()
    };
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| PdfFontRow {
            name: cell(l, 0),
            kind: cell(l, 1),
            encoding: cell(l, 2),
            embedded: cell(l, 3) == "yes",
            subset: cell(l, 4) == "yes",
            unicode: cell(l, 5) == "yes",
        })
        .collect()
}

/// `pdftotext -enc UTF-8 FILE -`: the text in reading order, pages separated by form feeds.
pub fn pdftotext(file: &Path) -> String {
    run_to_stdout("pdftotext", &["-enc", "UTF-8"], file)
}

/// `pdftotext -raw -enc UTF-8 FILE -`: the text in the order the PDF draws it. Where a PDF's
/// writer draws in reading order (ours, LibreOffice's), this order does not depend on poppler's
/// guess of columns, which can put a short line ("cáo:") before the line it ends.
pub fn pdftotext_raw(file: &Path) -> String {
    run_to_stdout("pdftotext", &["-raw", "-enc", "UTF-8"], file)
}

/// The text of each page (pdftotext separates pages by form feeds).
pub fn pdftotext_pages(file: &Path) -> Vec<String> {
    let text = pdftotext(file);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    // pdftotext ends the last page with a form feed too.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The words of `text`: split on any white space, empty pieces dropped.
pub fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

/// Finds every one of `expected` in `found`, in order (other words may sit between them).
/// Returns the first expected word that is missing, with its index, or None when all are there.
pub fn missing_in_order<'a>(expected: &'a [String], found: &[String]) -> Option<(usize, &'a str)> {
    let mut at = 0;
    for (i, w) in expected.iter().enumerate() {
        match found[at..].iter().position(|f| f == w) {
            Some(p) => at += p + 1,
            None => return Some((i, w)),
        }
    }
    None
}

/// A word as `pdftotext -bbox` places it: points from the top-left corner of its page.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxedWord {
    /// Page number, from 1.
    pub page: usize,
    pub x_min: f32,
    pub y_min: f32,
    pub x_max: f32,
    pub y_max: f32,
    pub text: String,
}

/// `pdftotext -bbox FILE -`: every word with its box, in reading order.
pub fn pdftotext_bbox(file: &Path) -> Vec<BoxedWord> {
    let html = run_to_stdout("pdftotext", &["-bbox", "-enc", "UTF-8"], file);
    let attr = |tag: &str, name: &str| -> f32 {
        let key = format!("{name}=\"");
        tag.find(&key)
            .and_then(|i| {
                let rest = &tag[i + key.len()..];
                rest[..rest.find('"')?].parse().ok()
            })
            .unwrap_or(f32::NAN)
    };
    let mut words = Vec::new();
    let mut page = 0;
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let Some(close) = rest.find('>') else {
                continue;
            };
            let tag = &rest[..close];
            let text = rest[close + 1..].trim_end_matches("</word>");
            words.push(BoxedWord {
                page,
                x_min: attr(tag, "xMin"),
                y_min: attr(tag, "yMin"),
                x_max: attr(tag, "xMax"),
                y_max: attr(tag, "yMax"),
                text: unescape(text),
            });
        }
    }
    words
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
