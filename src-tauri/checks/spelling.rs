//! Chính tả: Vietnamese spelling and typing slips, found offline while the user types.
//!
//! What a leader sends a draft back for after the figures: a Telex leftover ("ddaauf"), a tone
//! mark on the wrong vowel ("ngừơi"), a letter dropped in a hurry ("trườg"), "hoà" next to "hòa",
//! Unikey left on the TCVN3 table ("ViÖt Nam"). The language's rules are `text::viet`'s; this
//! module decides which words to judge and what to say.
//!
//! A false alarm teaches users to ignore the panel, so only what is surely Vietnamese is judged:
//! a word with a Vietnamese diacritic, or an ASCII word that reads as Telex or VNI keystrokes.
//! Plain ASCII words ("bus", "zalo", "internet"), names written without a Vietnamese letter,
//! abbreviations (UBND, HĐND) and codes (BC-UBND, km2, 4,1%) are left alone. The user's "Bỏ qua"
//! (kept in the report) and the agency's dictionary (kept in the store) silence a word.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::finding::{Finding, Fix, Severity};
use crate::model::walk::for_each_text;
use crate::model::{Block, Report, Run, Section};
use crate::page::Source;
use crate::text::viet::legacy::{self, Encoding};
use crate::text::viet::syllable::{self, Judged, ToneStyle};
use crate::text::viet::{keys, letters};

/// Suggestions shown for a word that is no syllable.
const MAX_SUGGESTIONS: usize = 3;

/// English words that read as Telex ("bus" → "bú", "room" → "rôm"): never judged.
const ENGLISH: [&str; 39] = [
    "of", "if", "or", "as", "is", "us", "ex", "has", "his", "its", "this", "was", "yes", "bus",
    "gas", "plus", "her", "per", "bar", "car", "tax", "max", "box", "mix", "six", "air", "door",
    "room", "see", "been", "test", "best", "last", "post", "cost", "fast", "most", "just", "list",
];

/// A map keyed by the report's own words: FNV-1a, far quicker than the default SipHash on
/// short keys, and the text is the user's own (no one to attack the hash).
type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A distinct word form of the report: how it reads, how often it is written, and whether it
/// is a sure Telex leftover (which makes a weak sign count on its line).
struct Form {
    judged: Judged,
    count: usize,
    sure_telex: bool,
}

/// A word to look at where it stands: its text, its line (for the line's Telex sign), and
/// whether it begins a sentence.
struct Candidate<'a> {
    text: usize,
    line: usize,
    word: &'a str,
    sentence_start: bool,
}

/// The spelling findings of `report`. `agency_words` is the agency's dictionary.
///
/// Checked on every keystroke's pause, so each distinct word is read once (a report repeats
/// its words many times) and the lines are walked once; only the words that are no syllable (or
/// the long o of "coong") are looked at again, once the whole report's words are counted.
pub fn check(report: &Report, agency_words: &[String], out: &mut Vec<Finding>) {
    let known: HashSet<String> = agency_words
        .iter()
        .chain(&report.ignored_words)
        .map(|w| lower(w.trim()))
        .collect();
    let mut texts: Vec<(Source, String)> = Vec::new();
    for_each_text(report, &mut |loc, text| {
        if !text.trim().is_empty() {
            texts.push((loc.clone(), text.to_string()));
        }
    });
    // First the report's own words: how often each is written (to rank the suggestions) and
    // which of the two tone styles it uses.
    let mut forms: WordMap<&str, Form> = WordMap::default();
    let mut styles = [0usize; 2];
    let mut styled: Vec<(usize, &str, ToneStyle)> = Vec::new();
    let mut candidates: Vec<Candidate> = Vec::new();
    // Per line: a sure Telex leftover is on it.
    let mut telex_lines: Vec<bool> = Vec::new();
    for (t, (loc, text)) in texts.iter().enumerate() {
        for line in text.split('\n') {
            let l = telex_lines.len();
            telex_lines.push(false);
            if let Some(enc) = legacy::detect(line) {
                out.push(legacy_finding(loc, line, enc));
                continue;
            }
            let toks: Vec<Tok> = tokens(line).collect();
            let word_at = |i: Option<usize>| {
                i.and_then(|i| toks.get(i))
                    .map_or("", |k| &line[k.start..k.end])
            };
            for (i, tok) in toks.iter().enumerate() {
                let w = &line[tok.start..tok.end];
                let before = word_at(i.checked_sub(1));
                if tok.code || !w.chars().any(is_letter) {
                    continue;
                }
                let form = forms.entry(w).or_insert_with(|| {
                    let judged = syllable::judge(w);
                    let sure_telex = !matches!(judged, Judged::Valid(_))
                        && w.is_ascii()
                        && strong_telex(w).is_some();
                    Form {
                        judged,
                        count: 0,
                        sure_telex,
                    }
                });
                form.count += 1;
                let candidate = match form.judged {
                    Judged::Valid(style) => {
                        // "CỘNG HÒA …": the decree's own words keep their spelling, and so
                        // do names ("Thuỳ Dương", "Khánh Hòa": as on the identity card, the
                        // map), a capital word beside another ("Ủy ban" alone is no name).
                        if let Some(s) = style {
                            let name = Shape::of(w) == Shape::Title
                                && [before, word_at(Some(i + 1))]
                                    .iter()
                                    .any(|n| Shape::of(n) == Shape::Title);
                            if !name && !is_word(before, "cộng") && !known.contains(&lower(w)) {
                                styles[s as usize] += 1;
                                styled.push((t, w, s));
                            }
                        }
                        // Valid words are done with, but for the long o of "coong" (see `judge`).
                        w.as_bytes()
                            .windows(2)
                            .any(|p| p.eq_ignore_ascii_case(b"oo"))
                    }
                    _ => {
                        telex_lines[l] |= form.sure_telex;
                        true
                    }
                };
                if candidate {
                    candidates.push(Candidate {
                        text: t,
                        line: l,
                        word: w,
                        sentence_start: tok.sentence_start,
                    });
                }
            }
        }
    }
    let mut freq: HashMap<String, usize> = HashMap::new();
    for (w, form) in &forms {
        if let Judged::Valid(_) = form.judged {
            *freq.entry(lower(w)).or_default() += form.count;
        }
    }
    let majority = if styles[ToneStyle::Modern as usize] > styles[ToneStyle::Classic as usize] {
        ToneStyle::Modern
    } else {
        ToneStyle::Classic
    };
    let mut seen: HashSet<(usize, &str)> = HashSet::new();
    // What a word is depends on it, on being a name (a capital inside a sentence) and on its
    // line's Telex sign: each such case is judged once.
    let mut slips: WordMap<(&str, bool, bool), Option<Slip>> = WordMap::default();
    for c in &candidates {
        // A weak Telex sign ("cos") counts where the line has a sure one.
        let telex_line = telex_lines[c.line];
        let slip = slips
            .entry((c.word, c.sentence_start, telex_line))
            .or_insert_with(|| {
                if known.contains(&lower(c.word)) {
                    return None;
                }
                judge(c.word, c.sentence_start, telex_line, majority, &freq)
            });
        if let Some(slip) = slip {
            if seen.insert((c.text, c.word)) {
                out.push(slip.finding(&texts[c.text].0, c.word));
            }
        }
    }
    // Both styles in one report: the minority is brought to the majority.
    if styles[0] > 0 && styles[1] > 0 {
        let (classic, modern) = (styles[0], styles[1]);
        for (t, w, s) in styled {
            if s == majority || !seen.insert((t, w)) {
                continue;
            }
            let right = syllable::restyle(w, majority);
            out.push(Finding {
                severity: Severity::GoiY,
                location: texts[t].0.clone(),
                message: format!(
                    "Báo cáo đặt dấu thanh theo hai kiểu: kiểu “hòa, thủy” ({classic} chữ) và kiểu “hoà, thuỷ” ({modern} chữ). Hãy viết thống nhất “{w}” thành “{right}” như phần lớn báo cáo."
                ),
                fix: Some(Fix::Spelling {
                    location: texts[t].0.clone(),
                    word: w.to_string(),
                    with: vec![right],
                }),
            });
        }
    }
}

/// A slip and its corrections.
#[derive(Clone)]
struct Slip {
    kind: Kind,
    with: Vec<String>,
}

#[derive(Clone, Copy)]
enum Kind {
    Telex,
    Vni,
    Tone,
    Unknown,
}

impl Slip {
    fn finding(&self, loc: &Source, word: &str) -> Finding {
        let first = self.with.first().cloned().unwrap_or_default();
        let (severity, message) = match self.kind {
            Kind::Telex => (
                Severity::Loi,
                format!("Có thể gõ nhầm: “{word}” → “{first}” (phím gõ Telex còn sót, có lẽ bộ gõ tiếng Việt đang tắt). Hãy bấm Sửa."),
            ),
            Kind::Vni => (
                Severity::Loi,
                format!("Có thể gõ nhầm: “{word}” → “{first}” (phím gõ VNI còn sót, có lẽ bộ gõ tiếng Việt đang tắt). Hãy bấm Sửa."),
            ),
            Kind::Tone => (
                Severity::Loi,
                format!("Dấu thanh đặt sai chỗ: “{word}” → “{first}”. Hãy bấm Sửa."),
            ),
            Kind::Unknown if self.with.is_empty() => (
                Severity::CanhBao,
                format!("“{word}” không phải là chữ tiếng Việt viết đúng chính tả. Hãy kiểm tra lại; nếu đúng là như vậy, bấm “Bỏ qua”."),
            ),
            Kind::Unknown => {
                let list = self
                    .with
                    .iter()
                    .map(|s| format!("“{s}”"))
                    .collect::<Vec<_>>()
                    .join(" hoặc ");
                (
                    Severity::CanhBao,
                    format!("“{word}” không phải là chữ tiếng Việt viết đúng chính tả. Có phải là {list}?"),
                )
            }
        };
        let fix = Fix::Spelling {
            location: loc.clone(),
            word: word.to_string(),
            with: self.with.clone(),
        };
        Finding {
            severity,
            location: loc.clone(),
            message,
            fix: Some(fix),
        }
    }
}

/// Do the keys surely tell a Telex leftover? A hat or đ key does, and so does a tone key other
/// than s (English ends many words in s) typed after the vowels ("khoer"; "more" is English).
fn sure_keys(k: &keys::Keys) -> bool {
    near_hat(k) || (matches!(k.tone, Some('f' | 'r' | 'x' | 'j')) && !k.tone_early)
}

/// A hat key typed right after its vowel ("aa", "ow", "dd"), as Telex is typed; "mono" (→ "môn")
/// or "photos" are English far more often.
fn near_hat(k: &keys::Keys) -> bool {
    k.hat && !k.hat_far
}

/// Is `w` a sure Telex leftover? Its reading when it is.
fn strong_telex(w: &str) -> Option<String> {
    let (word, k) = keys::telex(w)?;
    (sure_keys(&k) && !ENGLISH.contains(&lower(w).as_str())).then_some(word)
}

/// The slip `w` is, if it is one.
fn judge(
    w: &str,
    sentence_start: bool,
    telex_line: bool,
    style: ToneStyle,
    freq: &HashMap<String, usize>,
) -> Option<Slip> {
    let shape = Shape::of(w);
    if shape == Shape::Mixed {
        return None;
    }
    // A name in the middle of a sentence: "Thành", "Nestlé".
    let name = shape == Shape::Title && !sentence_start;
    let restyled = |s: String| syllable::restyle(&s, style);
    if w.chars().any(|c| c.is_ascii_digit()) {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let vni_like = w.is_ascii()
            && letters >= 2
            && shape != Shape::Upper
            && w.starts_with(|c: char| c.is_alphabetic());
        if !vni_like {
            return None;
        }
        let (fix, _) = keys::vni(w)?;
        return Some(Slip {
            kind: Kind::Vni,
            with: vec![restyled(fix)],
        });
    }
    // One letter is an abbreviation ("đ" for đồng) or a label ("w"), not a slip.
    if w.chars().count() < 2 {
        return None;
    }
    let judged = syllable::judge(w);
    if let Judged::Valid(_) = judged {
        // "coong" is a word (like "boong", "xoong"), but far more often "công" typed with the
        // keyboard off: it is one when the report writes that word elsewhere.
        let long_o = syllable::analyse(w).is_some_and(|(_, p)| p.nucleus == "oo");
        if !long_o || !w.is_ascii() || name {
            return None;
        }
        let (fix, _) = keys::telex(w)?;
        return freq.contains_key(&lower(&fix)).then(|| Slip {
            kind: Kind::Telex,
            with: vec![restyled(fix)],
        });
    }
    if w.is_ascii() {
        let (fix, k) = keys::telex(w)?;
        if k.tones > 1 {
            return None;
        }
        let english = ENGLISH.contains(&lower(w).as_str());
        let strong = sure_keys(&k);
        // "cos" for "có", "soast" for "soát": only where the line has a sure leftover too, or
        // the report writes the word it reads as elsewhere (English has many s: "bus", "test").
        // The tone key where Telex puts it, after the vowels ("taxi" → "tãi", "sofa" → "sòa"
        // are English), no z ("pizzas") and no far hat ("photos").
        let weak = k.tone.is_some()
            && !k.tone_early
            && !k.clear
            && !k.hat_far
            && (telex_line || freq.contains_key(&lower(&fix)));
        let leftover = match shape {
            Shape::Upper => near_hat(&k),
            _ if name => near_hat(&k) && k.tone.is_some(),
            _ => !english && (strong || weak),
        };
        return leftover.then(|| Slip {
            kind: Kind::Telex,
            with: vec![restyled(fix)],
        });
    }
    if judged == Judged::Misplaced {
        let fix = syllable::place_tone(w, style)?;
        return Some(Slip {
            kind: Kind::Tone,
            with: vec![fix],
        });
    }
    if let Some((fix, k)) = keys::telex(w) {
        if k.hat || k.tone.is_some() {
            return Some(Slip {
                kind: Kind::Telex,
                with: vec![restyled(fix)],
            });
        }
    }
    // Other words that are no syllable: only when surely meant as one. A run longer than any
    // syllable (7 letters, "nghiêng") or two syllables glued ("Kếtquả") is not a slip of one
    // syllable; a run with no vowel is an abbreviation ("vnđ", "đc").
    let viet_letters = w.chars().count() <= 7
        && w.chars()
            .all(|c| letters::is_viet_letter(letters::lower(c)))
        && w.chars().any(|c| letters::is_vowel(letters::lower(c)))
        && !glued(w);
    let sure = match shape {
        _ if !viet_letters => false,
        Shape::Upper => w.chars().any(|c| {
            let l = letters::lower(c);
            letters::is_vowel(l) && letters::has_diacritic(l)
        }),
        // Names are not judged ("Đắk Lắk", "Pơkô"): only their tone marks and keystrokes are.
        _ if name => false,
        _ => w.chars().any(letters::has_diacritic),
    };
    if !sure {
        return None;
    }
    Some(Slip {
        kind: Kind::Unknown,
        with: suggestions(w, freq).into_iter().map(restyled).collect(),
    })
}

/// Two syllables written without the space between them ("Kếtquả"): each of two letters at
/// least, the second beginning with a consonant ("kiể" is no "ki" + "ể").
fn glued(w: &str) -> bool {
    let chars: Vec<(usize, char)> = w.char_indices().collect();
    (2..chars.len().saturating_sub(1)).any(|k| {
        let (i, c) = chars[k];
        !letters::is_vowel(letters::lower(c))
            && syllable::is_valid(&w[..i])
            && syllable::is_valid(&w[i..])
    })
}

/// The nearest syllables to offer for `w`: the smallest kind of edit first (a letter put back
/// before a letter changed: "ngàh" is "ngành" before "ngày"), and within it the words the report
/// itself uses, most used first (a dropped letter is most often in a word written elsewhere).
fn suggestions(w: &str, freq: &HashMap<String, usize>) -> Vec<String> {
    let mut edits: Vec<(syllable::Edit, usize, usize, String)> = syllable::edits(w)
        .into_iter()
        .enumerate()
        .map(|(i, (s, e))| (e, i, freq.get(&lower(&s)).copied().unwrap_or(0), s))
        .collect();
    edits.sort_by_key(|&(e, i, n, _)| (e, std::cmp::Reverse(n), i));
    edits
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(.., s)| s)
        .collect()
}

fn legacy_finding(loc: &Source, line: &str, enc: Encoding) -> Finding {
    let head: String = line.trim().chars().take(40).collect();
    let more = if line.trim().chars().count() > 40 {
        "…"
    } else {
        ""
    };
    let decoded = legacy::decode(&head, enc, false);
    Finding {
        severity: Severity::Loi,
        location: loc.clone(),
        message: format!(
            "Đoạn này được gõ bằng bảng mã {} trong ô chữ Unicode (bộ gõ đặt sai bảng mã): “{head}{more}” là “{decoded}{more}”. Hãy bấm Sửa để chuyển sang Unicode, rồi đặt bảng mã của bộ gõ là Unicode.",
            enc.name()
        ),
        fix: Some(Fix::ConvertLegacy {
            location: loc.clone(),
            encoding: enc,
        }),
    }
}

/// The letters' case: "báo", "Báo", "BÁO", or "HanoiWork" (never judged).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Lower,
    Title,
    Upper,
    Mixed,
}

impl Shape {
    fn of(w: &str) -> Shape {
        let mut letters = w.chars().filter(|c| c.is_alphabetic());
        let Some(first) = letters.next() else {
            return Shape::Lower;
        };
        let rest: Vec<bool> = letters.map(char::is_uppercase).collect();
        match (
            first.is_uppercase(),
            rest.iter().all(|&u| u),
            rest.iter().any(|&u| u),
        ) {
            (false, _, false) => Shape::Lower,
            (true, _, false) => Shape::Title,
            (true, true, true) => Shape::Upper,
            _ => Shape::Mixed,
        }
    }
}

/// A word of a line, by byte offsets.
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    /// Part of a code or a compound ("BC-UBND", "TP.HCM", "v.v", "H'Mông", "a@b"): not judged.
    code: bool,
    /// First word of a sentence (a capital there is no name).
    sentence_start: bool,
}

/// Characters that join words into a code or a compound.
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '-' | '/' | '_' | '.' | '@' | '&' | '\'' | '’' | ':' | '+' | '\\' | '=' | '#' | '~'
    )
}

/// The words of `line`: runs of letters and digits.
fn tokens(line: &str) -> impl Iterator<Item = Tok> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + line[at..].find(is_word_char)?;
        let end = line[start..]
            .find(|c: char| !is_word_char(c))
            .map_or(line.len(), |n| start + n);
        at = end;
        let before = &line[..start];
        let code = joins(before.chars().rev()) || joins(line[end..].chars());
        Some(Tok {
            start,
            end,
            code,
            sentence_start: starts_sentence(before),
        })
    })
}

/// Does a joiner stand next to the word with a letter or digit beyond it ("BC-UBND")? `chars`
/// goes away from the word.
fn joins(mut chars: impl Iterator<Item = char>) -> bool {
    chars.next().is_some_and(is_joiner) && chars.next().is_some_and(is_word_char)
}

/// Does a word after `before` begin a sentence? Back over spaces, opening quotes and list marks
/// to the end of the sentence before (or the start of the line).
fn starts_sentence(before: &str) -> bool {
    let mut spaced = false;
    for c in before.chars().rev() {
        if c == '\n' {
            break;
        }
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        if matches!(c, '“' | '"' | '(' | '[' | '‘' | '*' | '-' | '–' | '•') {
            continue;
        }
        return spaced && matches!(c, '.' | '!' | '?' | ':' | '…');
    }
    true
}

/// Is `c` the Latin letter of a Vietnamese word? Answered from the code chart (Latin-1's
/// letters, Latin Extended-A and -B, Latin Extended Additional), which holds every Vietnamese
/// letter, before asking the Unicode tables (slow on every letter of a report).
fn in_latin_letters(c: char) -> bool {
    matches!(c as u32, 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F | 0x1E00..=0x1EFF)
}

/// `char::is_alphanumeric`, quick on Vietnamese.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        in_latin_letters(c) || c.is_alphanumeric()
    }
}

/// `char::is_alphabetic`, quick on Vietnamese.
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_latin_letters(c) || c.is_alphabetic()
    }
}

/// Is `w` the word `lower` (lower case), in any case?
fn is_word(w: &str, lower: &str) -> bool {
    w.len() == lower.len() && w.chars().map(letters::lower).eq(lower.chars())
}

fn lower(w: &str) -> String {
    w.chars().map(letters::lower).collect()
}

/// "Bỏ qua": the spelling checks of `report` say nothing more about `word` (kept in the report,
/// lower case, once, so it travels with the draft).
pub fn ignore(report: &mut Report, word: &str) {
    let word = lower(&crate::text::nfc(word.trim()));
    if !word.is_empty() && !report.ignored_words.contains(&word) {
        report.ignored_words.push(word);
    }
}

/// Applies a spelling fix ([`Fix::Spelling`], [`Fix::ConvertLegacy`]); other fixes are not
/// this module's and do nothing here.
pub fn apply(report: &mut Report, fix: &Fix) {
    match fix {
        Fix::Spelling {
            location,
            word,
            with,
        } => {
            let Some(right) = with.first() else { return };
            if word.is_empty() {
                return;
            }
            each_unit_mut(report, location, &mut |unit| {
                for run in unit {
                    replace_word(run, word, right);
                }
            });
        }
        Fix::ConvertLegacy { location, encoding } => {
            each_unit_mut(report, location, &mut |unit| {
                let text: String = unit.iter().map(|r| r.as_str()).collect();
                if legacy::detect(&text) != Some(*encoding) {
                    return;
                }
                for run in unit {
                    // A run holding real Unicode letters was not typed in the old code page.
                    if legacy::is_rendering(run) {
                        **run = legacy::decode(run, *encoding, false);
                    }
                }
            });
        }
        _ => {}
    }
}

/// Replaces `word` by `right` wherever it stands as a whole word in `text`.
fn replace_word(text: &mut String, word: &str, right: &str) {
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    let mut changed = false;
    let mut last: Option<char> = None;
    while let Some(at) = rest.find(word) {
        let before = rest[..at]
            .chars()
            .next_back()
            .or(if at == 0 { last } else { None });
        let after = rest[at + word.len()..].chars().next();
        let whole =
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
        out.push_str(&rest[..at]);
        if whole {
            out.push_str(right);
            changed = true;
        } else {
            out.push_str(word);
        }
        last = word.chars().next_back();
        rest = &rest[at + word.len()..];
    }
    if changed {
        out.push_str(rest);
        *text = out;
    }
}

/// Calls `f` on each line-unit of the text at `loc` (a paragraph's runs, a list item, a table
/// row, a title) with its editable strings; figure runs are left out.
fn each_unit_mut(r: &mut Report, loc: &Source, f: &mut dyn FnMut(&mut [&mut String])) {
    fn texts(runs: &mut [Run]) -> Vec<&mut String> {
        runs.iter_mut()
            .filter(|r| r.figure.is_none())
            .map(|r| &mut r.text)
            .collect()
    }
    fn block(b: &mut Block, f: &mut dyn FnMut(&mut [&mut String])) {
        match b {
            Block::Paragraph { runs } => f(&mut texts(runs)),
            Block::List { items } => {
                for item in items {
                    f(&mut texts(item));
                }
            }
            Block::Table(t) => {
                for row in &mut t.rows {
                    let mut cells: Vec<&mut String> = row
                        .iter_mut()
                        .flat_map(|cell| cell.iter_mut())
                        .filter(|r| r.figure.is_none())
                        .map(|r| &mut r.text)
                        .collect();
                    f(&mut cells);
                }
            }
        }
    }
    fn section<'a>(ss: &'a mut [Section], id: &str) -> Option<&'a mut Section> {
        for s in ss {
            if s.id == id {
                return Some(s);
            }
            if let Some(x) = section(&mut s.children, id) {
                return Some(x);
            }
        }
        None
    }
    match loc {
        Source::Header { field } if field == "trich_yeu" => f(&mut [&mut r.trich_yeu]),
        Source::Closing { field } if field == "closing" => f(&mut [&mut r.closing]),
        Source::Intro { block: i } => {
            if let Some(b) = r.intro.get_mut(*i) {
                block(b, f);
            }
        }
        Source::Section { id, block: i } => {
            let found = section(&mut r.body, id).is_some();
            let s = if found {
                section(&mut r.body, id)
            } else {
                r.appendices
                    .iter_mut()
                    .find_map(|a| section(&mut a.body, id))
            };
            let Some(s) = s else { return };
            match i {
                None => f(&mut [&mut s.title]),
                Some(i) => {
                    if let Some(b) = s.blocks.get_mut(*i) {
                        block(b, f);
                    }
                }
            }
        }
        Source::Appendix { id } => {
            if let Some(a) = r.appendices.iter_mut().find(|a| &a.id == id) {
                for b in &mut a.intro {
                    block(b, f);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<(&str, bool, bool)> {
        tokens(line)
            .map(|t| (&line[t.start..t.end], t.code, t.sentence_start))
            .collect()
    }

    #[test]
    fn words_codes_and_sentence_starts() {
        let w = words("Số 12/BC-UBND, TP.HCM v.v. Ông Thành: “Báo cáo” (H'Mông) 4,1% km2.");
        let codes: Vec<&str> = w.iter().filter(|x| x.1).map(|x| x.0).collect();
        assert_eq!(
            codes,
            ["12", "BC", "UBND", "TP", "HCM", "v", "v", "H", "Mông"]
        );
        let starts: Vec<&str> = w.iter().filter(|x| x.2).map(|x| x.0).collect();
        assert_eq!(starts, ["Số", "Ông", "Báo"]);
    }

    #[test]
    fn the_quick_letter_tests_agree_with_unicode() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn shapes() {
        assert_eq!(Shape::of("báo"), Shape::Lower);
        assert_eq!(Shape::of("Báo"), Shape::Title);
        assert_eq!(Shape::of("BÁO"), Shape::Upper);
        assert_eq!(Shape::of("HanoiWork"), Shape::Mixed);
        assert_eq!(Shape::of("iPhone"), Shape::Mixed);
        assert_eq!(Shape::of("A"), Shape::Title);
    }

    #[test]
    fn whole_words_are_replaced() {
        let mut s = "laf là laf, lafm “laf”".to_string();
        replace_word(&mut s, "laf", "là");
        assert_eq!(s, "là là là, lafm “là”");
        let mut s = "không".to_string();
        replace_word(&mut s, "khô", "khổ");
        assert_eq!(s, "không");
    }
}
