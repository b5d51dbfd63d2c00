//! So sánh hai phiên bản: what changed between the draft sent to the leader and the one that
//! came back, section by section, with inserted and deleted words marked.
//!
//! Sections are matched by id first (the editor keeps ids when a section is moved or renamed),
//! then by title (a draft imported again gets new ids), both through hash maps so that a report of
//! thousands of sections is matched in linear time. Words are compared with Myers' algorithm from
//! the `similar` crate, in memory linear in the words compared: the table of a textbook longest
//! common subsequence, (n+1)·(m+1) cells, is gigabytes for two sections of 30,000 words.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffTag};

use crate::model::walk::block_text;
use crate::model::{Report, Section};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Same,
    Changed,
    /// Only in the second version.
    Added,
    /// Only in the first version.
    Removed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanKind {
    Equal,
    Insert,
    Delete,
}

/// A run of words, with the spaces and line breaks that follow them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub kind: SpanKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionDiff {
    /// The section's id in the second version (in the first when removed); "header" for the
    /// trích yếu and Kính gửi, "intro" for the opening text, "closing" for the end of the report.
    pub id: String,
    /// The title in the second version (in the first when removed).
    pub title: String,
    pub change: Change,
    pub spans: Vec<Span>,
}

struct Flat {
    id: String,
    title: String,
    text: String,
}

fn flatten(r: &Report) -> Vec<Flat> {
    let mut out = vec![Flat {
        id: "header".into(),
        title: "Phần đầu".into(),
        text: format!("{}\n{}", r.trich_yeu, r.kinh_gui.join("\n")),
    }];
    out.push(Flat {
        id: "intro".into(),
        title: "Mở đầu".into(),
        text: r
            .intro
            .iter()
            .map(block_text)
            .collect::<Vec<_>>()
            .join("\n"),
    });
    fn walk(ss: &[Section], out: &mut Vec<Flat>) {
        for s in ss {
            let mut text = s.title.clone();
            for b in &s.blocks {
                text.push('\n');
                text.push_str(&block_text(b));
            }
            out.push(Flat {
                id: s.id.clone(),
                title: s.title.clone(),
                text,
            });
            walk(&s.children, out);
        }
    }
    walk(&r.body, &mut out);
    for a in &r.appendices {
        walk(&a.body, &mut out);
    }
    let closing = format!(
        "{}\n{}\n{}",
        r.closing,
        r.noi_nhan.recipients.join("\n"),
        r.signer.name
    );
    out.push(Flat {
        id: "closing".into(),
        title: "Phần cuối".into(),
        text: closing,
    });
    out
}

fn norm(t: &str) -> String {
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Compares two versions of a report, in the order of the second, removed sections after the
/// section that preceded them.
pub fn compare(a: &Report, b: &Report) -> Vec<SectionDiff> {
    let fa = flatten(a);
    let fb = flatten(b);
    let mut used = vec![false; fa.len()];
    // The first section of a with each id, and the unused ones of each title, in order.
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (k, x) in fa.iter().enumerate() {
        by_id.entry(x.id.as_str()).or_insert(k);
    }
    // For each section of b, the index of its match in a.
    let mut matched: Vec<Option<usize>> = fb
        .iter()
        .map(|s| {
            if s.id.is_empty() {
                return None;
            }
            let k = *by_id.get(s.id.as_str())?;
            used[k] = true;
            Some(k)
        })
        .collect();
    let mut by_title: HashMap<String, std::collections::VecDeque<usize>> = HashMap::new();
    for (k, x) in fa.iter().enumerate() {
        if !used[k] {
            by_title.entry(norm(&x.title)).or_default().push_back(k);
        }
    }
    for (j, s) in fb.iter().enumerate() {
        if matched[j].is_none() && !s.title.trim().is_empty() {
            if let Some(k) = by_title
                .get_mut(&norm(&s.title))
                .and_then(|q| q.pop_front())
            {
                used[k] = true;
                matched[j] = Some(k);
            }
        }
    }
    let mut out = Vec::new();
    let mut next_a = 0;
    let emit_removed = |upto: usize, out: &mut Vec<SectionDiff>, next_a: &mut usize| {
        while *next_a < upto {
            if !used[*next_a] {
                let s = &fa[*next_a];
                out.push(SectionDiff {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    change: Change::Removed,
                    spans: vec![Span {
                        kind: SpanKind::Delete,
                        text: s.text.clone(),
                    }],
                });
            }
            *next_a += 1;
        }
    };
    for (j, s) in fb.iter().enumerate() {
        match matched[j] {
            Some(k) => {
                emit_removed(k, &mut out, &mut next_a);
                next_a = next_a.max(k + 1);
                let spans = words(&fa[k].text, &s.text);
                let change = if spans.iter().all(|x| x.kind == SpanKind::Equal) {
                    Change::Same
                } else {
                    Change::Changed
                };
                out.push(SectionDiff {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    change,
                    spans,
                });
            }
            None => out.push(SectionDiff {
                id: s.id.clone(),
                title: s.title.clone(),
                change: Change::Added,
                spans: vec![Span {
                    kind: SpanKind::Insert,
                    text: s.text.clone(),
                }],
            }),
        }
    }
    emit_removed(fa.len(), &mut out, &mut next_a);
    out
}

/// Splits into words, each with the whitespace after it.
fn tokens(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in t.char_indices() {
        if c.is_whitespace() {
            in_space = true;
        } else if in_space {
            out.push(&t[start..i]);
            start = i;
            in_space = false;
        }
    }
    if start < t.len() {
        out.push(&t[start..]);
    }
    out
}

/// Word-level differences between two texts.
pub fn words(a: &str, b: &str) -> Vec<Span> {
    let ta = tokens(a);
    let tb = tokens(b);
    let ka: Vec<&str> = ta.iter().map(|s| s.trim_end()).collect();
    let kb: Vec<&str> = tb.iter().map(|s| s.trim_end()).collect();
    let mut pre = 0;
    while pre < ka.len() && pre < kb.len() && ka[pre] == kb[pre] {
        pre += 1;
    }
    let mut suf = 0;
    while suf < ka.len() - pre
        && suf < kb.len() - pre
        && ka[ka.len() - 1 - suf] == kb[kb.len() - 1 - suf]
    {
        suf += 1;
    }
    let (ma, mb) = (&ka[pre..ka.len() - suf], &kb[pre..kb.len() - suf]);
    let mut ops: Vec<(SpanKind, &str)> = Vec::new();
    ops.extend(tb[..pre].iter().map(|s| (SpanKind::Equal, *s)));
    // Deleted words before inserted ones within each changed stretch: "[-4,1%] [+4,0%]" reads
    // as a correction.
    let mut inserted: Vec<&str> = Vec::new();
    for op in similar::capture_diff_slices(Algorithm::Myers, ma, mb) {
        let (tag, old, new) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {
                ops.extend(inserted.drain(..).map(|t| (SpanKind::Insert, t)));
                ops.extend(new.map(|j| (SpanKind::Equal, tb[pre + j])));
            }
            DiffTag::Delete | DiffTag::Insert | DiffTag::Replace => {
                ops.extend(old.map(|i| (SpanKind::Delete, ta[pre + i])));
                inserted.extend(new.map(|j| tb[pre + j]));
            }
        }
    }
    ops.extend(inserted.into_iter().map(|t| (SpanKind::Insert, t)));
    ops.extend(tb[tb.len() - suf..].iter().map(|s| (SpanKind::Equal, *s)));
    let mut spans: Vec<Span> = Vec::new();
    for (kind, text) in ops {
        match spans.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(text),
            _ => spans.push(Span {
                kind,
                text: text.to_string(),
            }),
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(spans: &[Span]) -> String {
        spans
            .iter()
            .map(|s| match s.kind {
                SpanKind::Equal => s.text.clone(),
                SpanKind::Insert => format!(
                    "[+{}]{}",
                    s.text.trim_end(),
                    &s.text[s.text.trim_end().len()..]
                ),
                SpanKind::Delete => format!(
                    "[-{}]{}",
                    s.text.trim_end(),
                    &s.text[s.text.trim_end().len()..]
                ),
            })
            .collect()
    }

    #[test]
    fn words_inserted_and_deleted_are_marked() {
        let s = words(
            "đang xử lý 22 phản ánh - bằng 4,1%; chờ xử lý",
            "đang xử lý 22 phản ánh - bằng 4,0%; chờ xử lý",
        );
        assert_eq!(
            show(&s),
            "đang xử lý 22 phản ánh - bằng [-4,1%;] [+4,0%;] chờ xử lý"
        );
        assert_eq!(show(&words("", "Mới")), "[+Mới]");
        assert_eq!(show(&words("a b c", "a c")), "a [-b] c");
        assert!(words("giống nhau", "giống nhau")
            .iter()
            .all(|s| s.kind == SpanKind::Equal));
    }
}
