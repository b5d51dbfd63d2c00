//! Text → groups: the paragraphs, list items and table rows of the input, with inline styles.
//!
//! Two kinds of input arrive. Markdown from converters (pandoc, Word-to-Markdown sites) separates
//! paragraphs with blank lines, may wrap a paragraph over several lines, and marks styles with
//! `**`, `*`, `<sup>`. Plain text pasted from Word has one paragraph per line and no marks at all.
//! Both end up as the same [`Group`]s, so that everything after this module reads them alike.

use crate::model::Run;

/// What a group is, before anyone decides whether it is a heading.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Para,
    /// A list item ("- …"), without its marker.
    Item,
    /// A table: rows → cells → runs; `header` rows: 1 when a `|---|` line followed the first
    /// row, as many as Word marks as heading rows (or its merged cells hold together);
    /// `widths` relative, empty when the source has none; `spans` the merged cells (Word's).
    Table {
        rows: Vec<Vec<Vec<Run>>>,
        header: u32,
        widths: Vec<f32>,
        spans: Vec<crate::model::CellSpan>,
    },
}

/// One paragraph, list item or table of the input.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Group {
    pub kind: Kind,
    /// Marked as a heading with `#` (Markdown only). The count of `#` is not kept: converters get it
    /// wrong, the numbering words decide the level.
    pub heading: bool,
    /// Inline content; `'\n'` where the source had a hard line break (two trailing spaces, a
    /// backslash, `<br>`) or, in plain text, a tab between cells.
    pub runs: Vec<Run>,
}

impl Group {
    /// The text without styles.
    pub fn plain(&self) -> String {
        match &self.kind {
            Kind::Table { rows, .. } => rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| runs_text(c))
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .collect::<Vec<_>>()
                .join("\n"),
            _ => runs_text(&self.runs),
        }
    }

    /// The printed lines of the group (hard breaks, table cells), trimmed, without empty ones.
    pub fn lines(&self) -> Vec<String> {
        self.plain()
            .split(['\n', '\t'])
            .map(|l| collapse_spaces(l.trim()))
            .filter(|l| !l.is_empty())
            .collect()
    }

    /// The printed lines with the column each stands in: the cell of a Markdown table row, or
    /// the tab-separated field of a line pasted from a Word table (0 = left).
    pub fn cells(&self) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut push = |col: usize, text: &str| {
            for line in text.split('\n') {
                let t = collapse_spaces(line.trim());
                if !t.is_empty() {
                    out.push((col, t));
                }
            }
        };
        match &self.kind {
            Kind::Table { rows, .. } => {
                for row in rows {
                    for (col, cell) in row.iter().enumerate() {
                        push(col, &runs_text(cell));
                    }
                }
            }
            _ => {
                for line in runs_text(&self.runs).split('\n') {
                    for (col, cell) in line.split('\t').enumerate() {
                        push(col, cell);
                    }
                }
            }
        }
        out
    }

    /// The whole group is bold or italic (a heading typed as a bold line). Up to five plain
    /// characters are allowed, for a number left outside the marks ("1. **Title**").
    pub fn emphasised(&self) -> bool {
        let mut styled = 0usize;
        let mut plain = 0usize;
        for r in &self.runs {
            let n = r.text.chars().filter(|c| !c.is_whitespace()).count();
            if r.bold || r.italic {
                styled += n;
            } else {
                plain += n;
            }
        }
        styled > 0 && plain <= 5
    }

    /// Every character is bold.
    pub fn bold(&self) -> bool {
        self.runs.iter().any(|r| !r.text.trim().is_empty())
            && self.runs.iter().all(|r| r.bold || r.text.trim().is_empty())
    }
}

pub(crate) fn runs_text(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

pub(crate) fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == ' ' || c == '\u{00A0}' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Whether the text is Markdown: a `#` heading, `**`, `<sup>` or a table row anywhere. Plain text
/// pasted from Word has none of these.
pub(crate) fn is_markdown(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim();
        let hashes = t.len() - t.trim_start_matches('#').len();
        (hashes > 0 && hashes <= 6 && t[hashes..].starts_with(' '))
            || t.contains("**")
            || t.contains("<sup>")
            || t.contains("<br")
            || (t.len() > 1 && t.starts_with('|') && t.ends_with('|'))
    })
}

/// Splits the text into groups.
pub(crate) fn groups(text: &str, markdown: bool) -> Vec<Group> {
    if markdown {
        markdown_groups(text)
    } else {
        plain_groups(text)
    }
}

/// List markers at the start of a line: "- ", "* " (Markdown), "+ ", "• ", "– ".
pub(crate) fn list_marker(line: &str, markdown: bool) -> Option<&str> {
    for m in ["- ", "+ ", "• ", "– ", "\u{F0B7} ", "· "] {
        if let Some(rest) = line.strip_prefix(m) {
            return Some(rest);
        }
    }
    if markdown {
        return line.strip_prefix("* ");
    }
    None
}

fn plain_groups(text: &str) -> Vec<Group> {
    // Tabs are kept: in a Word table pasted as text they separate the columns.
    text.lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() && c != '\t'))
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let (kind, body) = match list_marker(line, false) {
                Some(rest) => (Kind::Item, rest),
                None => (Kind::Para, line),
            };
            Group {
                kind,
                heading: false,
                runs: vec![Run::plain(body.trim_start_matches(' '))],
            }
        })
        .collect()
}

/// A line that starts a numbered heading ("1. …", "II. …") starts a new group even without a blank
/// line before it.
fn starts_numbered(line: &str) -> bool {
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    let romans = line.chars().take_while(|c| "IVXL".contains(*c)).count();
    let n = digits.max(romans);
    n > 0 && line[n..].starts_with(['.', ')'])
}

fn markdown_groups(text: &str) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    // The source of the paragraph or item being read, with '\n' for hard breaks.
    let mut cur: Option<(Kind, String)> = None;
    let mut table: Option<(Vec<Vec<Vec<Run>>>, bool)> = None;

    fn flush(cur: &mut Option<(Kind, String)>, out: &mut Vec<Group>) {
        if let Some((kind, src)) = cur.take() {
            let runs = inline(&src);
            if !runs_text(&runs).trim().is_empty() {
                out.push(Group {
                    kind,
                    heading: false,
                    runs,
                });
            }
        }
    }
    fn flush_table(table: &mut Option<(Vec<Vec<Vec<Run>>>, bool)>, out: &mut Vec<Group>) {
        if let Some((rows, header)) = table.take() {
            out.push(Group {
                kind: Kind::Table {
                    rows,
                    header: u32::from(header),
                    widths: Vec::new(),
                    spans: Vec::new(),
                },
                heading: false,
                runs: Vec::new(),
            });
        }
    }

    for raw in text.lines() {
        let hard = raw.ends_with("  ") || raw.ends_with('\\');
        let line = raw.trim();
        let line = line.strip_suffix('\\').unwrap_or(line).trim_end();
        if line.is_empty() {
            flush(&mut cur, &mut out);
            flush_table(&mut table, &mut out);
            continue;
        }
        if line.starts_with('|') && line.len() > 1 {
            flush(&mut cur, &mut out);
            let cells = table_cells(line);
            let is_rule = cells
                .iter()
                .all(|c| !c.is_empty() && c.chars().all(|ch| "-:= ".contains(ch)));
            let t = table.get_or_insert_with(|| (Vec::new(), false));
            if is_rule {
                if t.0.len() == 1 {
                    t.1 = true;
                }
            } else {
                t.0.push(cells.iter().map(|c| inline(c)).collect());
            }
            continue;
        }
        flush_table(&mut table, &mut out);
        let hashes = line.len() - line.trim_start_matches('#').len();
        if hashes > 0 && hashes <= 6 && (line.len() == hashes || line[hashes..].starts_with(' ')) {
            flush(&mut cur, &mut out);
            let body = line[hashes..].trim().trim_end_matches('#').trim_end();
            let runs = inline(body);
            if !runs_text(&runs).trim().is_empty() {
                out.push(Group {
                    kind: Kind::Para,
                    heading: true,
                    runs,
                });
            }
            continue;
        }
        let bare: String = line.chars().filter(|c| *c != ' ').collect();
        if bare.chars().count() >= 3 {
            let c0 = bare.chars().next().unwrap_or(' ');
            if "=-*_".contains(c0) && bare.chars().all(|c| c == c0) {
                // "Title" over "=====" or "-----" is a heading (setext); alone it is a rule.
                let setext = matches!(&cur, Some((Kind::Para, src)) if !src.contains('\n'))
                    && (c0 == '=' || c0 == '-');
                flush(&mut cur, &mut out);
                if setext {
                    if let Some(g) = out.last_mut() {
                        g.heading = true;
                    }
                }
                continue;
            }
        }
        if let Some(rest) = list_marker(line, true) {
            flush(&mut cur, &mut out);
            cur = Some((Kind::Item, rest.to_string()));
        } else if starts_numbered(line) {
            flush(&mut cur, &mut out);
            cur = Some((Kind::Para, line.to_string()));
        } else {
            match &mut cur {
                Some((_, src)) => {
                    if !src.ends_with('\n') {
                        let prev = src.rsplit('\n').next().unwrap_or("");
                        src.push(if capital_line(prev) && capital_line(line) {
                            '\n'
                        } else {
                            ' '
                        });
                    }
                    src.push_str(line);
                }
                None => cur = Some((Kind::Para, line.to_string())),
            }
        }
        if hard {
            if let Some((_, src)) = &mut cur {
                src.push('\n');
            }
        }
    }
    flush(&mut cur, &mut out);
    flush_table(&mut table, &mut out);
    out
}

/// A line written in capitals, Markdown marks aside. Two such lines wrapped into one paragraph
/// are two printed lines (an agency name "ỦY BAN NHÂN DÂN" / "XÃ TÂN LẬP", a signer's
/// "KT. TRƯỞNG PHÒNG" / "PHÓ TRƯỞNG PHÒNG"), so the wrap between them stays a line break; in
/// body text a break becomes a space again later.
fn capital_line(line: &str) -> bool {
    super::numbering::is_upper(&line.replace(['*', '_'], ""))
}

fn table_cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&'|') {
            cell.push('|');
            chars.next();
        } else if c == '|' {
            cells.push(cell.trim().to_string());
            cell.clear();
        } else {
            cell.push(c);
        }
    }
    cells.push(cell.trim().to_string());
    cells
}

/// Rejoins paragraphs cut in two where the original page ended (text copied out of a PDF, or
/// a converter that kept the page break): the first part ends without final punctuation, the
/// second starts in lower case (or with a figure that is not a heading number).
///
/// One pass, linear in the input: whether a group goes on the one before it is decided on the two
/// neighbours as read, never on the paragraph joined so far. That gives the same answer, because a
/// joined paragraph ends as its last part ends and is marked (heading, kind, emphasis) as its
/// first part is, and two parts that are not emphasised never make an emphasised whole. Deciding
/// on the growing paragraph re-read it at every join, which is quadratic in its length.
pub(crate) fn rejoin_split_paragraphs(groups: Vec<Group>, markdown: bool) -> Vec<Group> {
    let joins: Vec<bool> = std::iter::once(false)
        .chain(groups.windows(2).map(|w| continues(&w[0], &w[1], markdown)))
        .collect();
    let mut out: Vec<Group> = Vec::with_capacity(groups.len());
    for (g, join) in groups.into_iter().zip(joins) {
        match out.last_mut() {
            Some(prev) if join => append_part(prev, g),
            _ => out.push(g),
        }
    }
    out
}

/// Appends the second part of a split paragraph to the first, with one space between; touches
/// only the runs at the seam.
fn append_part(prev: &mut Group, next: Group) {
    while let Some(last) = prev.runs.last_mut() {
        let kept = last.text.trim_end().len();
        if kept == 0 {
            prev.runs.pop();
        } else {
            last.text.truncate(kept);
            break;
        }
    }
    push_run(&mut prev.runs, Run::plain(" "));
    let mut first = true;
    for mut r in next.runs {
        if first {
            let start = r.text.len() - r.text.trim_start().len();
            r.text.drain(..start);
            first = r.text.is_empty();
        }
        push_run(&mut prev.runs, r);
    }
}

fn continues(a: &Group, b: &Group, markdown: bool) -> bool {
    if a.heading || b.heading || b.kind != Kind::Para || matches!(a.kind, Kind::Table { .. }) {
        return false;
    }
    if markdown && (a.emphasised() || b.emphasised()) {
        return false;
    }
    let a_text = a.plain();
    let a_text = a_text
        .trim_end()
        .trim_end_matches(['”', '"', '’', '\'', '*']);
    let ends_sentence = match a_text.chars().last() {
        None => return false,
        Some(c) => ".!?:;…".contains(c),
    };
    if ends_sentence {
        return false;
    }
    let b_text = b.plain();
    let b_text = b_text.trim_start();
    let Some(first) = b_text.chars().next() else {
        return false;
    };
    if super::numbering::numbering(b_text).is_some() {
        return false;
    }
    first.is_lowercase() || first.is_ascii_digit()
}

/// Merges neighbouring runs of the same style and drops empty ones.
pub(crate) fn merge_runs(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for r in runs {
        push_run(&mut out, r);
    }
    out
}

/// Pushes `r` onto `runs`, merged into the last run when both have the same style; an empty run
/// is dropped.
pub(crate) fn push_run(runs: &mut Vec<Run>, r: Run) {
    if r.text.is_empty() {
        return;
    }
    if let Some(last) = runs.last_mut() {
        if last.bold == r.bold
            && last.italic == r.italic
            && last.sup == r.sup
            && last.figure.is_none()
            && r.figure.is_none()
        {
            last.text.push_str(&r.text);
            return;
        }
    }
    runs.push(r);
}

/// Runs of a paragraph as the model keeps them: line breaks become spaces, spaces collapsed,
/// the ends trimmed.
pub(crate) fn paragraph_runs(runs: &[Run]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    let mut prev_space = true;
    for r in runs {
        let mut text = String::with_capacity(r.text.len());
        for c in r.text.chars() {
            let c = if c.is_whitespace() { ' ' } else { c };
            if c == ' ' {
                if prev_space {
                    continue;
                }
                prev_space = true;
            } else {
                prev_space = false;
            }
            text.push(c);
        }
        out.push(Run { text, ..r.clone() });
    }
    // Trim the end.
    while let Some(last) = out.last_mut() {
        let t = last.text.trim_end().to_string();
        if t.is_empty() {
            out.pop();
        } else {
            last.text = t;
            break;
        }
    }
    merge_runs(out)
}

// ---------------------------------------------------------------------------------------------
// Inline Markdown

#[derive(Debug)]
enum Tok {
    Text { text: String, sup: bool },
    Delim { n: usize, open: bool, close: bool },
}

/// Parses inline Markdown: `***both***`, `**bold**`, `*italic*`, `<sup>2</sup>` and `^2^`,
/// `<br>`, `<b>`/`<strong>`, `<i>`/`<em>`, backslash escapes and a few HTML entities. A `*` that
/// opens nothing (as in "3 * 4") stays a star.
pub(crate) fn inline(src: &str) -> Vec<Run> {
    let toks = tokenize(src);
    let mut literal = vec![false; toks.len()];
    // Unmatched openers become literal stars; each pass settles at least one of them.
    for _ in 0..=toks.len() {
        match apply(&toks, &literal) {
            Ok(runs) => return merge_runs(runs),
            Err(i) => literal[i] = true,
        }
    }
    vec![Run::plain(src)]
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || "“”‘’…–—«»".contains(c)
}

fn tokenize(src: &str) -> Vec<Tok> {
    let chars: Vec<char> = src.chars().collect();
    let mut toks: Vec<Tok> = Vec::new();
    let mut text = String::new();
    let mut sup = false;
    // The previous character as written, for the flanking rules.
    let mut prev: Option<char> = None;
    let mut i = 0;

    fn push_text(toks: &mut Vec<Tok>, text: &mut String, sup: bool) {
        if !text.is_empty() {
            toks.push(Tok::Text {
                text: std::mem::take(text),
                sup,
            });
        }
    }

    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() {
            text.push(chars[i + 1]);
            prev = Some(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '*' {
            let n = chars[i..].iter().take_while(|&&x| x == '*').count();
            let next = chars.get(i + n).copied();
            let before_ws = prev.is_none_or(char::is_whitespace);
            let after_ws = next.is_none_or(char::is_whitespace);
            let before_p = prev.is_some_and(is_punct);
            let after_p = next.is_some_and(is_punct);
            let left = !after_ws && (!after_p || before_ws || before_p);
            let right = !before_ws && (!before_p || after_ws || after_p);
            push_text(&mut toks, &mut text, sup);
            toks.push(Tok::Delim {
                n,
                open: left,
                close: right,
            });
            prev = Some('*');
            i += n;
            continue;
        }
        if c == '<' {
            let rest: String = chars[i..].iter().take(12).collect();
            if let Some(end) = rest.find('>').filter(|&e| rest[..=e].is_ascii()) {
                let tag = rest[..=end].to_ascii_lowercase().replace(' ', "");
                let effect = match tag.as_str() {
                    "<sup>" => Some(Some(true)),
                    "</sup>" => Some(Some(false)),
                    "<br>" | "<br/>" => {
                        text.push('\n');
                        Some(None)
                    }
                    "<sub>" | "</sub>" | "<u>" | "</u>" | "<span>" | "</span>" | "<p>" | "</p>" => {
                        Some(None)
                    }
                    "<b>" | "<strong>" | "</b>" | "</strong>" => {
                        push_text(&mut toks, &mut text, sup);
                        let open = !tag.starts_with("</");
                        toks.push(Tok::Delim {
                            n: 2,
                            open,
                            close: !open,
                        });
                        Some(None)
                    }
                    "<i>" | "<em>" | "</i>" | "</em>" => {
                        push_text(&mut toks, &mut text, sup);
                        let open = !tag.starts_with("</");
                        toks.push(Tok::Delim {
                            n: 1,
                            open,
                            close: !open,
                        });
                        Some(None)
                    }
                    _ => None,
                };
                if let Some(sup_change) = effect {
                    if let Some(s) = sup_change {
                        push_text(&mut toks, &mut text, sup);
                        sup = s;
                    }
                    i += rest[..=end].chars().count();
                    continue;
                }
            }
        }
        if c == '^' && !sup {
            // Pandoc's superscript: ^2^ with no space inside.
            if let Some(len) = chars[i + 1..].iter().position(|&x| x == '^' || x == ' ') {
                if len > 0 && chars[i + 1 + len] == '^' {
                    push_text(&mut toks, &mut text, sup);
                    let s: String = chars[i + 1..i + 1 + len].iter().collect();
                    toks.push(Tok::Text { text: s, sup: true });
                    prev = Some(chars[i + len]);
                    i += len + 2;
                    continue;
                }
            }
        }
        if c == '&' {
            let rest: String = chars[i..].iter().take(8).collect();
            let mut done = false;
            for (ent, rep) in [
                ("&nbsp;", ' '),
                ("&amp;", '&'),
                ("&lt;", '<'),
                ("&gt;", '>'),
                ("&quot;", '"'),
                ("&#39;", '\''),
            ] {
                if rest.starts_with(ent) {
                    text.push(rep);
                    prev = Some(rep);
                    i += ent.len();
                    done = true;
                    break;
                }
            }
            if done {
                continue;
            }
        }
        text.push(c);
        prev = Some(c);
        i += 1;
    }
    push_text(&mut toks, &mut text, sup);
    toks
}

/// Applies the delimiters; `Err(i)` names an opener left unclosed at the end.
fn apply(toks: &[Tok], literal: &[bool]) -> std::result::Result<Vec<Run>, usize> {
    let mut runs = Vec::new();
    let mut bold: Option<usize> = None;
    let mut italic: Option<usize> = None;
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Text { text, sup } => runs.push(Run {
                text: text.clone(),
                bold: bold.is_some(),
                italic: italic.is_some(),
                sup: *sup,
                figure: None,
            }),
            Tok::Delim { n, open, close } => {
                let mut n = *n;
                if literal[i] {
                    runs.push(Run {
                        text: "*".repeat(n),
                        bold: bold.is_some(),
                        italic: italic.is_some(),
                        ..Run::default()
                    });
                    continue;
                }
                if *close {
                    if n >= 3 && bold.is_some() && italic.is_some() {
                        bold = None;
                        italic = None;
                        n -= 3;
                    }
                    if n >= 2 && bold.is_some() {
                        bold = None;
                        n -= 2;
                    }
                    if n >= 1 && italic.is_some() {
                        italic = None;
                        n -= 1;
                    }
                }
                if n > 0 && *open {
                    if n >= 3 && bold.is_none() && italic.is_none() {
                        bold = Some(i);
                        italic = Some(i);
                        n -= 3;
                    } else if n >= 2 && bold.is_none() {
                        bold = Some(i);
                        n -= 2;
                    } else if italic.is_none() {
                        italic = Some(i);
                        n -= 1;
                    }
                }
                if n > 0 {
                    runs.push(Run {
                        text: "*".repeat(n),
                        bold: bold.is_some(),
                        italic: italic.is_some(),
                        ..Run::default()
                    });
                }
            }
        }
    }
    match (bold, italic) {
        (Some(i), _) | (None, Some(i)) => Err(i),
        (None, None) => Ok(runs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::import::testing::styled;

    fn owned(v: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
        v.iter().map(|(t, s)| (t.to_string(), *s)).collect()
    }

    #[test]
    fn inline_styles_of_the_sample() {
        assert_eq!(
            styled(&inline("diện tích 2,95 km<sup>2</sup>, dân số")),
            owned(&[("diện tích 2,95 km", ""), ("2", "sup"), (", dân số", "")])
        );
        assert_eq!(
            styled(&inline("chủ đề “*Kỷ cương, chuyên nghiệp*” của")),
            owned(&[
                ("chủ đề “", ""),
                ("Kỷ cương, chuyên nghiệp", "i"),
                ("” của", "")
            ])
        );
        assert_eq!(
            styled(&inline("***1.1. Điều hành tài chính:***")),
            owned(&[("1.1. Điều hành tài chính:", "bi")])
        );
        assert_eq!(
            styled(&inline("**\\* Nguyên nhân khách quan:**")),
            owned(&[("* Nguyên nhân khách quan:", "b")])
        );
        assert_eq!(
            styled(&inline("**TM. ỦY BAN\nCHỦ TỊCH**")),
            owned(&[("TM. ỦY BAN\nCHỦ TỊCH", "b")])
        );
        assert_eq!(
            styled(&inline("km^2^ và 3 * 4 = 12, a*b")),
            owned(&[("km", ""), ("2", "sup"), (" và 3 * 4 = 12, a*b", "")])
        );
        assert_eq!(
            styled(&inline("**đậm** rồi *nghiêng* rồi **chưa đóng")),
            owned(&[
                ("đậm", "b"),
                (" rồi ", ""),
                ("nghiêng", "i"),
                (" rồi **chưa đóng", "")
            ])
        );
    }

    #[test]
    fn markdown_groups_keep_hard_breaks_and_join_soft_wraps() {
        let g = groups(
            "# Tiêu đề\n\nMột đoạn\nviết trên hai dòng.\n\n- mục một;\n- mục hai.\n\n**TM. ỦY BAN  \nCHỦ TỊCH**\n",
            true,
        );
        let got: Vec<(Kind, bool, String)> = g
            .iter()
            .map(|g| (g.kind.clone(), g.heading, g.plain()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Kind::Para, true, "Tiêu đề".to_string()),
                (
                    Kind::Para,
                    false,
                    "Một đoạn viết trên hai dòng.".to_string()
                ),
                (Kind::Item, false, "mục một;".to_string()),
                (Kind::Item, false, "mục hai.".to_string()),
                (Kind::Para, false, "TM. ỦY BAN\nCHỦ TỊCH".to_string()),
            ]
        );
    }

    #[test]
    fn a_soft_wrap_between_lines_in_capitals_is_a_line_break() {
        let g = groups(
            "**KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG**\n\nỦY BAN NHÂN DÂN\nXÃ TÂN LẬP\n\nMột câu\nviết tiếp.\n",
            true,
        );
        let got: Vec<String> = g.iter().map(Group::plain).collect();
        assert_eq!(
            got,
            [
                "KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG",
                "ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP",
                "Một câu viết tiếp."
            ]
        );
    }

    #[test]
    fn setext_headings_and_rules() {
        let g = groups("BÁO CÁO\n=======\n\nĐoạn một.\n\n---\n\nĐoạn hai.\n", true);
        let got: Vec<(bool, String)> = g.iter().map(|g| (g.heading, g.plain())).collect();
        assert_eq!(
            got,
            vec![
                (true, "BÁO CÁO".to_string()),
                (false, "Đoạn một.".to_string()),
                (false, "Đoạn hai.".to_string()),
            ]
        );
    }

    #[test]
    fn split_paragraphs_are_rejoined_only_when_the_sentence_goes_on() {
        let text = "Chăm lo các đối tượng chính\n\nsách, đối tượng khó khăn.\n\nHoàn thành 79/79\n\nnhiệm vụ.\n\nSố 23/KH-UBND ngày\n\n22/01/2026 triển khai.\n\nKhám sức khỏe cho doanh nghiệp\n\nTăng cường hoạt động.\n\n1. Kết quả\n\n1.1. Tài chính";
        let g = rejoin_split_paragraphs(groups(text, true), true);
        let got: Vec<String> = g.iter().map(Group::plain).collect();
        assert_eq!(
            got,
            vec![
                "Chăm lo các đối tượng chính sách, đối tượng khó khăn.",
                "Hoàn thành 79/79 nhiệm vụ.",
                "Số 23/KH-UBND ngày 22/01/2026 triển khai.",
                "Khám sức khỏe cho doanh nghiệp",
                "Tăng cường hoạt động.",
                "1. Kết quả",
                "1.1. Tài chính",
            ]
        );
    }

    /// The joins decided on the growing paragraph, as the importer once did (quadratic); the
    /// one-pass rejoin must give the same groups.
    fn rejoin_on_the_growing_paragraph(groups: Vec<Group>, markdown: bool) -> Vec<Group> {
        let mut out: Vec<Group> = Vec::new();
        for g in groups {
            match out.last_mut() {
                Some(prev) if continues(prev, &g, markdown) => append_part(prev, g),
                _ => out.push(g),
            }
        }
        out
    }

    #[test]
    fn deciding_on_neighbours_joins_as_deciding_on_the_whole_paragraph() {
        let cases = [
            ("Chăm lo các đối tượng chính\n\nsách, đối\n\ntượng khó khăn\n\n12 hộ.\n\nTiếp theo", true),
            ("**Đậm** và thường\n\ncòn tiếp **đậm**\n\nnữa *nghiêng*\n\n*cả đoạn nghiêng*\n\nthường", true),
            ("- mục một\n\ntiếp của mục\n\nvà nữa;\n\nhết\n\n## Tiêu đề\n\nthân", true),
            ("một\nhai\nba\n1. Kết quả\nbốn\n* Nguyên nhân:\nnăm", false),
            ("a\n\n**b**\n\nc\n\n| x | y |\n\nd", true),
        ];
        for (text, markdown) in cases {
            let g = groups(text, markdown);
            assert_eq!(
                rejoin_split_paragraphs(g.clone(), markdown),
                rejoin_on_the_growing_paragraph(g, markdown),
                "{text}"
            );
        }
    }

    #[test]
    fn a_paragraph_split_over_fifty_thousand_lines_is_rejoined() {
        // Each line is a part that goes on the one before: the old rejoin re-read the whole
        // paragraph at each of the 50,000 joins, quadratic work.
        let lines: Vec<String> = (0..50_000)
            .map(|i| format!("từ thứ {i} của đoạn"))
            .collect();
        for (text, markdown) in [(lines.join("\n"), false), (lines.join("\n\n"), true)] {
            let g = rejoin_split_paragraphs(groups(&text, markdown), markdown);
            assert_eq!(g.len(), 1);
            let plain = g[0].plain();
            assert_eq!(plain.split(' ').count(), 50_000 * 5);
            assert!(plain.ends_with("từ thứ 49999 của đoạn"));
            assert_eq!(g[0].runs.len(), 1, "one merged run");
        }
    }

    #[test]
    fn markdown_is_told_from_plain_text() {
        assert!(is_markdown("## BÁO CÁO\n\nNội dung"));
        assert!(is_markdown("Chữ **đậm**"));
        assert!(!is_markdown(
            "BÁO CÁO\nI. HOẠT ĐỘNG\n- Tổng thu 1.845 tỷ đồng;"
        ));
        // Plain text: every line is a paragraph, "* " is not a list.
        let g = groups("* Nguyên nhân khách quan:\n- Dân cư đông.", false);
        assert_eq!(g[0].kind, Kind::Para);
        assert_eq!(g[0].plain(), "* Nguyên nhân khách quan:");
        assert_eq!(g[1].kind, Kind::Item);
    }
}
