//! The end of the report: the closing sentence, "Nơi nhận" with its archive line, the signer.
//!
//! In the original, Nơi nhận and the signature block sit side by side in a table; converters write
//! them one after the other in either order, or as one table row. So the end of the text is read
//! line by line: the Nơi nhận list is found by its heading, the signer by its shape (title lines in
//! capitals, then a name), and the closing sentence is the paragraph just before both. Lines in
//! that region that are none of these stay in the body.

use super::blocks::{Group, Kind};
use super::header::{clean_recipient, find_ci};
use super::numbering::is_upper;
use crate::model::{Archive, Authority, Run, Signer};

/// What the end of the text held.
#[derive(Debug, Default)]
pub(crate) struct Closing {
    /// Index of the first group that belongs to the closing region; groups before it are body.
    pub body_end: usize,
    pub sentence: String,
    pub recipients: Vec<String>,
    /// "- Như trên;" was in the list (the layout prints it itself when Kính gửi is set).
    pub nhu_tren: bool,
    pub archive: Option<Archive>,
    pub signer: Option<Signer>,
    /// Lines of the closing region that are none of the above, kept as body text.
    pub leftovers: Vec<Group>,
}

struct Line {
    group: usize,
    text: String,
    item: bool,
    /// Column in a two-column table (0 = left).
    col: usize,
}

/// How far from the end the closing region is looked for, in groups.
const TAIL: usize = 80;

pub(crate) fn parse(groups: &[Group]) -> Closing {
    let from = groups.len().saturating_sub(TAIL);
    let mut lines: Vec<Line> = Vec::new();
    for (gi, g) in groups.iter().enumerate().skip(from) {
        for (col, text) in g.cells() {
            lines.push(Line {
                group: gi,
                text,
                item: g.kind == Kind::Item && col == 0,
                col,
            });
        }
    }
    // The closing table pasted row by row ("Nơi nhận:⇥TM. ỦY BAN NHÂN DÂN", "- Như trên;⇥CHỦ
    // TỊCH", …): from its first row on, read the left column, then the right one.
    let table_row = lines.iter().position(|l| {
        l.col > 0
            && (authority(&l.text).is_some()
                || noi_nhan_rest(&l.text).is_some()
                || is_upper(&l.text))
    });
    if let Some(k) = table_row {
        let start = lines
            .iter()
            .position(|l| l.group == lines[k].group)
            .unwrap_or(k);
        lines[start..].sort_by_key(|l| l.col);
    }
    let mut used = vec![false; lines.len()];
    let mut c = Closing {
        body_end: groups.len(),
        ..Closing::default()
    };

    // Nơi nhận and its list.
    if let Some(nn) = lines.iter().rposition(|l| noi_nhan_rest(&l.text).is_some()) {
        used[nn] = true;
        let mut items: Vec<String> = Vec::new();
        if let Some(rest) = noi_nhan_rest(&lines[nn].text).filter(|r| !r.is_empty()) {
            items.push(rest);
        }
        let mut j = nn + 1;
        while j < lines.len() && (lines[j].item || lines[j].text.starts_with("- ")) {
            items.push(lines[j].text.clone());
            used[j] = true;
            j += 1;
        }
        for item in items {
            let r = clean_recipient(&item);
            if r.is_empty() {
                continue;
            }
            if let Some(a) = archive(&r) {
                c.archive = Some(a);
            } else if crate::model::is_nhu_tren(&r) {
                c.nhu_tren = true;
            } else {
                c.recipients.push(r);
            }
        }
    }

    // The signer: the last free line is a name, the free lines before it are titles in capitals.
    let free: Vec<usize> = (0..lines.len())
        .filter(|&i| !used[i] && !is_bracketed(&lines[i].text))
        .collect();
    if let Some((&name_i, before)) = free.split_last() {
        if name_like(&lines[name_i].text) {
            let mut titles: Vec<usize> = Vec::new();
            let mut up = before.iter().rev().peekable();
            while let Some(&i) = up.next() {
                let t = &lines[i].text;
                if titles.len() == 4 || !is_upper(t) || t.chars().count() > 80 || lines[i].item {
                    break;
                }
                titles.push(i);
                match authority(t) {
                    None => continue,
                    Some((Authority::TM, _)) => break,
                    // "KT. CHỦ TỊCH" under "TM. ỦY BAN NHÂN DÂN": the block starts one line up.
                    Some(_) => {
                        if let Some(&&j) = up.peek() {
                            if matches!(authority(&lines[j].text), Some((Authority::TM, _))) {
                                titles.push(j);
                            }
                        }
                        break;
                    }
                }
            }
            titles.reverse();
            if !titles.is_empty() {
                let texts: Vec<&str> = titles.iter().map(|&i| lines[i].text.as_str()).collect();
                c.signer = Some(signer(&texts, &lines[name_i].text));
                for &i in titles.iter().chain(std::iter::once(&name_i)) {
                    used[i] = true;
                }
                // "(Đã ký)" and the like between the titles and the name.
                let lo = titles.first().copied().unwrap_or(name_i);
                for (i, l) in lines.iter().enumerate().take(name_i + 1).skip(lo) {
                    if is_bracketed(&l.text) {
                        used[i] = true;
                    }
                }
            }
        }
    }

    // The closing sentence: the free line just before the region, or the last line.
    let start = used.iter().position(|&u| u).unwrap_or(lines.len());
    let candidate = (0..start).rev().find(|&i| !used[i]);
    if let Some(i) = candidate {
        let t = &lines[i].text;
        if !lines[i].item && (find_ci(t, "trân trọng").is_some() || t.ends_with("./.")) {
            c.sentence = t.clone();
            used[i] = true;
        }
    }

    // Groups from the first one the closing touches are the closing region; its lines that are
    // none of the closing's parts stay in the body, in their order.
    if let Some(end) = lines
        .iter()
        .zip(&used)
        .filter(|(_, u)| **u)
        .map(|(l, _)| l.group)
        .min()
    {
        c.body_end = end;
        for (l, _) in lines
            .iter()
            .zip(&used)
            .filter(|(l, u)| !**u && l.group >= end)
        {
            c.leftovers.push(Group {
                kind: if l.item { Kind::Item } else { Kind::Para },
                heading: false,
                runs: vec![Run::plain(l.text.clone())],
            });
        }
    }
    c
}

/// "Nơi nhận:" (any case, with or without the colon) and what follows it on the line.
fn noi_nhan_rest(line: &str) -> Option<String> {
    if find_ci(line, "nơi nhận") != Some(0) {
        return None;
    }
    let rest = line.get("nơi nhận".len()..).unwrap_or("").trim_start();
    let rest = rest.strip_prefix(':').unwrap_or(rest).trim();
    Some(rest.to_string())
}

/// The archive line "Lưu VT, VP", "Lưu: VT, VP (02)", "Lưu: VT, VP, 02b" (already without "- " and
/// the final "./."): VT is implied and not kept; the units after it and the copies are.
fn archive(r: &str) -> Option<Archive> {
    if find_ci(r, "lưu") != Some(0) {
        return None;
    }
    let rest = r.get("lưu".len()..).unwrap_or("");
    if rest.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let rest = rest.trim_start();
    let colon = rest.starts_with(':');
    let rest = rest.trim_start_matches(':');
    let first = rest.split([',', ';']).next().unwrap_or("").trim();
    if !colon && !first.to_uppercase().starts_with("VT") {
        // "Lưu ý …" is a sentence, not the archive line.
        return None;
    }
    let mut a = Archive::default();
    for part in rest.split([',', ';']) {
        let mut part = part.trim().to_string();
        if let Some(open) = part.find('(') {
            let inside: String = part[open..].chars().filter(char::is_ascii_digit).collect();
            if let Ok(n) = inside.parse() {
                a.copies = Some(n);
            }
            part = part[..open].trim().to_string();
        }
        let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            // "02b", "02 bản"
            if let Ok(n) = digits.parse() {
                a.copies = Some(n);
            }
            continue;
        }
        let part = part.trim_end_matches('.').trim();
        if part.is_empty() || part.eq_ignore_ascii_case("VT") {
            continue;
        }
        a.units.push(part.to_string());
    }
    Some(a)
}

/// "(Đã ký)", "(Ký, ghi rõ họ tên, đóng dấu)": the space for the signature.
fn is_bracketed(t: &str) -> bool {
    t.starts_with('(') && t.ends_with(')') && t.chars().count() <= 60
}

/// A person's full name: two to seven words, each capitalised, no digits or punctuation.
fn name_like(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=7).contains(&words.len())
        && t.chars().count() <= 50
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '-')
        })
}

/// "TM. ỦY BAN NHÂN DÂN" → (TM, "ỦY BAN NHÂN DÂN").
fn authority(line: &str) -> Option<(Authority, String)> {
    let (head, rest) = line.split_once(char::is_whitespace)?;
    let a = match head.trim_end_matches('.') {
        "TM" => Authority::TM,
        "KT" => Authority::KT,
        "TL" => Authority::TL,
        "TUQ" => Authority::TUQ,
        "Q" => Authority::Q,
        _ => return None,
    };
    if head == "Q" {
        // "Q" alone could start a name of a body; only "Q." is the prefix.
        return None;
    }
    Some((a, rest.trim().to_string()))
}

fn signer(titles: &[&str], name: &str) -> Signer {
    let mut s = Signer {
        name: name.trim().to_string(),
        ..Signer::default()
    };
    let mut rest = titles;
    if let Some((first, others)) = titles.split_first() {
        if let Some((a, collective)) = authority(first) {
            s.authority = Some(a);
            s.collective = collective;
            rest = others;
        }
    }
    s.titles = rest.iter().map(|t| t.trim().to_string()).collect();
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::import::testing::para;
    fn item(text: &str) -> Group {
        Group {
            kind: Kind::Item,
            ..para(text)
        }
    }

    #[test]
    fn archive_lines_as_offices_write_them() {
        let cases = [
            ("Lưu VT, VP", vec!["VP"], None),
            ("Lưu: VT, VP (02)", vec!["VP"], Some(2)),
            ("Lưu: VT, VP, 02b", vec!["VP"], Some(2)),
            ("Lưu: VT", vec![], None),
            ("Lưu: VT, VP, TCKT", vec!["VP", "TCKT"], None),
        ];
        for (line, units, copies) in cases {
            let a = archive(line).unwrap();
            assert_eq!(a.units, units, "{line}");
            assert_eq!(a.copies, copies, "{line}");
        }
        assert!(archive("Lưu ý các đơn vị").is_none());
        assert!(archive("Lưuý").is_none());
    }

    #[test]
    fn signer_may_come_before_the_recipients_and_deputies_sign_kt() {
        let groups = vec![
            para("Nội dung cuối."),
            para("Ủy ban nhân dân xã trân trọng báo cáo./."),
            para("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"),
            para("(Đã ký)"),
            para("Trần Văn Bình"),
            para("Nơi nhận:"),
            item("Như trên;"),
            item("UBND huyện;"),
            item("Lưu: VT, VP (02)."),
        ];
        let c = parse(&groups);
        assert_eq!(c.body_end, 1);
        assert_eq!(c.sentence, "Ủy ban nhân dân xã trân trọng báo cáo./.");
        assert_eq!(c.recipients, vec!["UBND huyện"]);
        assert!(c.nhu_tren);
        let a = c.archive.unwrap();
        assert_eq!((a.units, a.copies), (vec!["VP".to_string()], Some(2)));
        let s = c.signer.unwrap();
        assert_eq!(s.authority, Some(Authority::KT));
        assert_eq!(s.collective, "CHỦ TỊCH");
        assert_eq!(s.titles, vec!["PHÓ CHỦ TỊCH"]);
        assert_eq!(s.name, "Trần Văn Bình");
        assert!(c.leftovers.is_empty());
    }

    #[test]
    fn a_body_without_closing_keeps_every_line() {
        let groups = vec![para("Một đoạn."), para("Hai đoạn cuối.")];
        let c = parse(&groups);
        assert_eq!(c.body_end, 2);
        assert!(c.signer.is_none());
        assert!(c.sentence.is_empty());
    }
}
