//! HTML → groups: what Word (and browsers) put on the clipboard when text is copied, read into
//! the same [`Group`]s as the other sources, so that a paste keeps bold, italics and superscripts
//! and its paragraphs.
//!
//! Word's clipboard HTML is old-style HTML, not XML: unquoted attributes (`class=MsoNormal`),
//! formatting as `<b>`/`<i>` or as CSS in `style` (`font-weight:bold`, `vertical-align:super`),
//! hidden text as `display:none`, lists as paragraphs with `mso-list` whose marker sits between
//! `<![if !supportLists]>` and `<![endif]>`, Word-only blocks inside `<!--[if gte mso 9]>`
//! comments, and the copied part between `<!--StartFragment-->` and `<!--EndFragment-->`. The
//! reader below is a small tolerant tokenizer for exactly that, not a browser's HTML parser: the
//! window hands over a fragment the user just copied, never a page from the web.

use super::blocks::{merge_runs, runs_text, Group, Kind};
use super::legacy::{FontRun, Legacy};
use crate::model::Run;

/// The groups of an HTML fragment, and the old code pages converted on the way.
pub(crate) fn read(html: &str) -> (Vec<Group>, Legacy) {
    let html = fragment(html);
    let mut r = Reader::default();
    r.run(html);
    r.end_paragraph();
    let Reader {
        out, mut legacy, ..
    } = r;
    let groups = out
        .into_iter()
        .filter_map(|p| p.into_group(&mut legacy))
        .collect();
    (groups, legacy)
}

/// The copied part: between Word's fragment markers when present.
fn fragment(html: &str) -> &str {
    let start = html
        .find("<!--StartFragment-->")
        .map(|i| i + "<!--StartFragment-->".len());
    let end = html.find("<!--EndFragment-->");
    match (start, end) {
        (Some(s), Some(e)) if s <= e => &html[s..e],
        (Some(s), None) => &html[s..],
        _ => html,
    }
}

/// Style in effect at a point of the text.
#[derive(Debug, Clone, Default, PartialEq)]
struct Style {
    bold: bool,
    italic: bool,
    sup: bool,
    hidden: bool,
    font: Option<String>,
}

/// An open element: its name and the style it set.
struct Open {
    name: String,
    style: Style,
}

/// A paragraph, list item or table being read.
enum Block {
    Para {
        runs: Vec<FontRun>,
        item: bool,
        /// The list marker of a Word list paragraph, read apart from its text.
        marker: Option<String>,
    },
    Table(Vec<Vec<Vec<Run>>>),
}

impl Block {
    fn into_group(self, legacy: &mut Legacy) -> Option<Group> {
        match self {
            Block::Para { runs, item, marker } => {
                let mut runs = decode_runs(runs, legacy);
                let mut item = item;
                if let Some(m) = marker {
                    let m = m.replace('\u{a0}', " ");
                    let m = m.trim();
                    if is_bullet(m) {
                        item = true;
                    } else if !m.is_empty() {
                        let style = runs.first().cloned().unwrap_or_default();
                        runs.insert(
                            0,
                            Run {
                                text: format!("{m} "),
                                figure: None,
                                ..style
                            },
                        );
                    }
                }
                if runs_text(&runs).trim().is_empty() {
                    return None;
                }
                Some(Group {
                    kind: if item { Kind::Item } else { Kind::Para },
                    heading: false,
                    runs: merge_runs(runs),
                })
            }
            Block::Table(rows) => {
                let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
                if cols == 0 {
                    return None;
                }
                let rows = rows
                    .into_iter()
                    .map(|mut r| {
                        r.resize(cols, Vec::new());
                        r
                    })
                    .collect();
                Some(Group {
                    kind: Kind::Table {
                        rows,
                        header: 0,
                        widths: Vec::new(),
                        spans: Vec::new(),
                    },
                    heading: false,
                    runs: Vec::new(),
                })
            }
        }
    }
}

fn decode_runs(runs: Vec<FontRun>, legacy: &mut Legacy) -> Vec<Run> {
    let runs = legacy.runs(runs);
    // A paragraph in no old font may still be old text (pasted from a plain editor).
    let text = runs_text(&runs);
    if !text.is_ascii() {
        if let Some(decoded) = legacy.text(&text) {
            return vec![Run {
                text: decoded,
                ..runs.first().cloned().unwrap_or_default()
            }];
        }
    }
    runs
}

/// A list marker that is a bullet rather than a number: a symbol, or a dash.
fn is_bullet(m: &str) -> bool {
    super::numbering::numbering(&format!("{m} X")).is_none()
        && !m.chars().any(|c| c.is_ascii_alphanumeric())
}

/// Table being read: rows → cells → lines of runs.
#[derive(Default)]
struct TableState {
    rows: Vec<Vec<Vec<Run>>>,
    /// The cell being read, as runs with line breaks.
    cell: Option<Vec<FontRun>>,
    /// Columns the open cell spans.
    span: usize,
}

#[derive(Default)]
struct Reader {
    stack: Vec<Open>,
    out: Vec<Block>,
    /// The paragraph being read, outside tables.
    para: Vec<FontRun>,
    item: bool,
    marker: Option<String>,
    /// Inside `<![if !supportLists]>`: the text is a list marker.
    in_marker: bool,
    tables: Vec<TableState>,
    legacy: Legacy,
}

/// Elements that end a paragraph.
const BLOCKS: [&str; 14] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "ul",
    "ol",
    "pre",
    "hr",
];
/// Elements whose content is never text.
const SKIPPED: [&str; 6] = ["style", "script", "head", "title", "xml", "template"];

impl Reader {
    fn style(&self) -> Style {
        self.stack
            .last()
            .map(|o| o.style.clone())
            .unwrap_or_default()
    }

    fn text(&mut self, t: &str) {
        let style = self.style();
        if style.hidden || t.is_empty() {
            return;
        }
        if self.in_marker {
            self.marker.get_or_insert_with(String::new).push_str(t);
            return;
        }
        let run = FontRun {
            run: Run {
                text: t.to_string(),
                bold: style.bold,
                italic: style.italic,
                sup: style.sup,
                figure: None,
            },
            font: style.font,
        };
        match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell) => cell.push(run),
            None => self.para.push(run),
        }
    }

    fn line_break(&mut self) {
        self.text("\n");
    }

    fn end_paragraph(&mut self) {
        if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            if cell.last().is_some_and(|r| !r.run.text.ends_with('\n')) {
                cell.push(FontRun {
                    run: Run::plain("\n"),
                    font: None,
                });
            }
            return;
        }
        let runs = std::mem::take(&mut self.para);
        let marker = self.marker.take();
        let item = std::mem::take(&mut self.item);
        if !runs.is_empty() {
            self.out.push(Block::Para { runs, item, marker });
        }
    }

    fn run(&mut self, html: &str) {
        let mut rest = html;
        let mut skip_until: Option<String> = None;
        while !rest.is_empty() {
            let Some(lt) = rest.find('<') else {
                if skip_until.is_none() {
                    self.text(&decode_text(rest));
                }
                break;
            };
            if lt > 0 && skip_until.is_none() {
                self.text(&decode_text(&rest[..lt]));
            }
            rest = &rest[lt..];
            if let Some(after) = rest.strip_prefix("<!--") {
                // A comment, including Word's <!--[if gte mso 9]> blocks.
                rest = after.find("-->").map_or("", |e| &after[e + 3..]);
                continue;
            }
            if rest.starts_with("<![") {
                let end = rest.find(']').map_or(rest.len(), |e| e);
                let close = rest.find('>').map_or(rest.len(), |e| e + 1);
                let marker = &rest[3..end.min(close)];
                if marker.trim_start().starts_with("if") && marker.contains("supportLists") {
                    self.in_marker = true;
                } else if marker.trim_start().starts_with("endif") {
                    self.in_marker = false;
                }
                rest = &rest[close..];
                continue;
            }
            let Some(gt) = tag_end(rest) else {
                // A lone '<': text.
                if skip_until.is_none() {
                    self.text("<");
                }
                rest = &rest[1..];
                continue;
            };
            let tag = &rest[1..gt];
            rest = &rest[gt + 1..];
            let closing = tag.starts_with('/');
            let body = tag.trim_start_matches('/');
            let name_end = body
                .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
                .unwrap_or(body.len());
            let name = body[..name_end].to_ascii_lowercase();
            if let Some(until) = &skip_until {
                if closing && &name == until {
                    skip_until = None;
                }
                continue;
            }
            if name.is_empty() || name.starts_with('!') || name.starts_with('?') {
                continue;
            }
            if SKIPPED.contains(&name.as_str()) {
                if !closing && !tag.ends_with('/') {
                    skip_until = Some(name);
                }
                continue;
            }
            let attrs = &body[name_end..];
            if closing {
                self.close(&name);
            } else {
                let self_closing = attrs.trim_end().ends_with('/');
                self.open(&name, attrs, self_closing);
            }
        }
    }

    fn open(&mut self, name: &str, attrs: &str, self_closing: bool) {
        let css = attr(attrs, "style")
            .unwrap_or_default()
            .to_ascii_lowercase();
        match name {
            "br" => {
                self.line_break();
                return;
            }
            "table" => {
                self.end_paragraph();
                self.tables.push(TableState::default());
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(Vec::new());
                }
            }
            "td" | "th" => {
                self.end_cell();
                if let Some(t) = self.tables.last_mut() {
                    if t.rows.is_empty() {
                        t.rows.push(Vec::new());
                    }
                    t.cell = Some(Vec::new());
                    t.span = attr(attrs, "colspan")
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(1usize)
                        .clamp(1, 64);
                }
            }
            _ if BLOCKS.contains(&name) => {
                self.end_paragraph();
                if name == "li" {
                    self.item = true;
                }
            }
            _ => {}
        }
        if self_closing || matches!(name, "img" | "meta" | "link" | "input" | "col" | "hr") {
            return;
        }
        let mut style = self.style();
        match name {
            "b" | "strong" => style.bold = true,
            "i" | "em" => style.italic = true,
            "sup" => style.sup = true,
            "sub" => style.sup = false,
            "th" => style.bold = true,
            _ => {}
        }
        apply_css(&css, &mut style);
        if let Some(face) = attr(attrs, "face") {
            style.font = Some(first_font(&face));
        }
        self.stack.push(Open {
            name: name.to_string(),
            style,
        });
    }

    fn close(&mut self, name: &str) {
        // Close up to the matching element; a stray end tag closes nothing.
        if let Some(pos) = self.stack.iter().rposition(|o| o.name == name) {
            self.stack.truncate(pos);
        }
        match name {
            "td" | "th" => self.end_cell(),
            "table" => {
                self.end_cell();
                if let Some(t) = self.tables.pop() {
                    let rows: Vec<Vec<Vec<Run>>> =
                        t.rows.into_iter().filter(|r| !r.is_empty()).collect();
                    match self.tables.last_mut().and_then(|p| p.cell.as_mut()) {
                        // A nested table: its cells are lines of the outer cell.
                        Some(cell) => {
                            for c in rows.into_iter().flatten() {
                                if !runs_text(&c).trim().is_empty() {
                                    cell.extend(
                                        c.into_iter().map(|run| FontRun { run, font: None }),
                                    );
                                    cell.push(FontRun {
                                        run: Run::plain("\n"),
                                        font: None,
                                    });
                                }
                            }
                        }
                        None => {
                            if !rows.is_empty() {
                                self.out.push(Block::Table(rows));
                            }
                        }
                    }
                }
            }
            _ if BLOCKS.contains(&name) => self.end_paragraph(),
            _ => {}
        }
    }

    fn end_cell(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let Some(cell) = t.cell.take() else {
            return;
        };
        let mut runs = decode_runs(cell, &mut self.legacy);
        while runs.last().is_some_and(|r| r.text.trim().is_empty()) {
            runs.pop();
        }
        let span = t.span;
        if let Some(row) = t.rows.last_mut() {
            row.push(merge_runs(runs));
            row.extend(std::iter::repeat_n(Vec::new(), span.saturating_sub(1)));
        }
    }
}

/// Where the tag that starts `s` ends (the '>' outside quotes).
fn tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// The value of attribute `name` in a tag's attribute text: quoted with either quote, or bare.
fn attr(attrs: &str, name: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at == 0 || lower[..at].ends_with(|c: char| c.is_whitespace());
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let vstart = attrs.len() - rest.len() + 1;
        let v = attrs[vstart..].trim_start();
        let value = match v.chars().next() {
            Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
            _ => v
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        return Some(decode_text(value));
    }
    None
}

/// Applies the CSS of a `style` attribute that changes how text looks.
fn apply_css(css: &str, style: &mut Style) {
    for decl in css.split(';') {
        let Some((prop, value)) = decl.split_once(':') else {
            continue;
        };
        let (prop, value) = (prop.trim(), value.trim());
        match prop {
            "font-weight" => {
                style.bold = value == "bold"
                    || value == "bolder"
                    || value.parse::<u32>().is_ok_and(|w| w >= 600)
            }
            "font-style" => style.italic = value == "italic" || value == "oblique",
            "vertical-align" => style.sup = value == "super" || value == "top",
            "display" if value == "none" => style.hidden = true,
            "mso-hide" if value == "all" => style.hidden = true,
            "font-family" | "mso-ascii-font-family" | "mso-hansi-font-family" => {
                style.font = Some(first_font(value))
            }
            "font" => {
                // The shorthand: "7.0pt "Times New Roman"" sets the family last.
                if let Some(q) = value.find(['"', '\'']) {
                    style.font = Some(first_font(&value[q..]));
                }
            }
            _ => {}
        }
    }
}

/// The first family of a CSS font list, without quotes: `".VnTime", serif` → `.VnTime`.
fn first_font(list: &str) -> String {
    list.split(',')
        .next()
        .unwrap_or("")
        .trim()
        .trim_matches(['"', '\''])
        .to_string()
}

/// Text with HTML's whitespace collapsing and entities decoded.
fn decode_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '&' {
            if let Some(end) = raw[i..].find(';').filter(|&e| e <= 10) {
                let ent = &raw[i + 1..i + end];
                if let Some(d) = entity(ent) {
                    out.push(d);
                    while chars.peek().is_some_and(|&(j, _)| j <= i + end) {
                        chars.next();
                    }
                    continue;
                }
            }
        }
        if c.is_whitespace() && c != '\u{a0}' {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    out
}

fn entity(e: &str) -> Option<char> {
    if let Some(n) = e.strip_prefix('#') {
        let code = match n.strip_prefix(['x', 'X']) {
            Some(h) => u32::from_str_radix(h, 16).ok()?,
            None => n.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match e {
        "nbsp" => '\u{a0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "bull" => '•',
        "middot" => '·',
        "deg" => '°',
        "sup2" => '²',
        "sup3" => '³',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styled(g: &Group) -> Vec<(String, &'static str)> {
        crate::import::testing::styled(&g.runs)
    }

    #[test]
    fn styles_from_tags_and_css_and_paragraphs_split() {
        let html = r#"<html><head><style>p {color:red}</style></head><body><!--StartFragment--><p class=MsoNormal style='text-align:justify'><b><span lang=VI style='font-size:14.0pt'>Đậm</span></b><span lang=VI> thường <i>nghiêng</i> km<sup>2</sup></span><span style='display:none;mso-hide:all'>ẩn</span><o:p></o:p></p>
<p class=MsoNormal><span style='font-weight:bold'>Cũng
đậm</span>&nbsp;&amp; hết</p><!--EndFragment--></body></html>"#;
        let (g, _) = read(html);
        assert_eq!(g.len(), 2);
        assert_eq!(
            styled(&g[0]),
            vec![
                ("Đậm".into(), "b"),
                (" thường ".into(), ""),
                ("nghiêng".into(), "i"),
                (" km".into(), ""),
                ("2".into(), "sup")
            ]
        );
        assert_eq!(
            styled(&g[1]),
            vec![("Cũng đậm".into(), "b"), ("\u{a0}& hết".into(), "")]
        );
    }

    #[test]
    fn word_lists_keep_numbers_and_turn_bullets_into_items() {
        let html = r#"<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>Mục một;</p>
<p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'><![if !supportLists]><b>1.<span style='font:7.0pt "Times New Roman"'>&nbsp; </span></b><![endif]><b>Kết quả</b></p>"#;
        let (g, _) = read(html);
        assert_eq!(g[0].kind, Kind::Item);
        assert_eq!(g[0].plain(), "Mục một;");
        assert_eq!(g[1].kind, Kind::Para);
        assert_eq!(g[1].plain(), "1. Kết quả");
        assert!(g[1].bold());
    }

    #[test]
    fn tables_with_spans_and_comments_skipped() {
        let html = r#"<!--[if gte mso 9]><xml><w:WordDocument>x</w:WordDocument></xml><![endif]--><table><tr><td colspan=2><p>Chỉ tiêu</p></td><td>Kết quả</td></tr><tr><td>Thu</td><td>1</td><td><p>a</p><p>b</p></td></tr></table>"#;
        let (g, _) = read(html);
        let Kind::Table { rows, .. } = &g[0].kind else {
            panic!("{g:?}")
        };
        let text: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| runs_text(c)).collect())
            .collect();
        assert_eq!(
            text,
            vec![vec!["Chỉ tiêu", "", "Kết quả"], vec!["Thu", "1", "a\nb"]]
        );
    }
}
