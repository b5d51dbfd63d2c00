//! Chính tả (issue 13) on real reports: silent on every good Vietnamese text the project has;
//! every slip planted by a seeded mutator in the sample, and every slip of a hand-written report
//! (at least 30 of each kind), found with the right fix and nothing else flagged; old code pages
//! typed into a field converted; "Bỏ qua" and the agency's dictionary silence a word.

#[path = "checks_support.rs"]
mod support;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use baocao::checks::{self, apply_fix, spelling, Finding, Fix, Severity};
use baocao::model::{Block, Report, Run};
use baocao::page::Source;
use baocao::text::viet::legacy::{self, Encoding};
use baocao::text::viet::syllable::{self, Judged, ToneStyle};
use baocao::text::viet::{keys, letters};
use support::{para, show};

fn spelling_of(r: &Report, words: &[String]) -> Vec<Finding> {
    let mut out = Vec::new();
    spelling::check(r, words, &mut out);
    out
}

/// (word, first correction) of a spelling finding.
fn slip(f: &Finding) -> (String, String) {
    match &f.fix {
        Some(Fix::Spelling { word, with, .. }) => {
            (word.clone(), with.first().cloned().unwrap_or_default())
        }
        other => panic!("not a spelling fix: {other:?}"),
    }
}

fn text_at(r: &Report) -> HashMap<Source, Vec<String>> {
    let mut m: HashMap<Source, Vec<String>> = HashMap::new();
    checks::for_each_text(r, &mut |loc, t| {
        m.entry(loc.clone()).or_default().push(t.into())
    });
    m
}

// ---------- no false alarms ----------

/// The shipped templates, as the store loads them.
fn templates() -> Vec<(String, Report)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/templates");
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let r: Report = serde_json::from_value(v["report"].clone()).unwrap();
        out.push((path.display().to_string(), r));
    }
    assert!(out.len() >= 4);
    out
}

/// The quoted strings of a source file that hold Vietnamese (messages, labels, the tests'
/// reports), its `#[cfg(test)]` part left out for Rust sources. Comments are passed over (an
/// apostrophe in "the document's own" opens no string), and so are Rust's character literals
/// ('"').
fn vietnamese_literals(path: &Path) -> Vec<String> {
    let src = std::fs::read_to_string(path).unwrap();
    let rust = path.extension().is_some_and(|e| e == "rs");
    let src = if rust && !path.starts_with(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")) {
        src.split("#[cfg(test)]").next().unwrap_or("").to_string()
    } else {
        src
    };
    let quotes: &[char] = if rust { &['"'] } else { &['"', '\'', '`'] };
    let mut out = Vec::new();
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '/' && chars.peek() == Some(&'/') {
            chars.find(|&d| d == '\n');
            continue;
        }
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut star = false;
            for d in chars.by_ref() {
                if star && d == '/' {
                    break;
                }
                star = d == '*';
            }
            continue;
        }
        if rust && c == '\'' {
            // '"' and '\"' are characters; anything else is a character or a lifetime.
            let rest: String = chars.clone().take(3).collect();
            if rest.starts_with("\"'") {
                chars.nth(1);
            } else if rest.starts_with("\\\"'") {
                chars.nth(2);
            }
            continue;
        }
        if !quotes.contains(&c) {
            continue;
        }
        let mut s = String::new();
        while let Some(d) = chars.next() {
            if d == '\\' {
                chars.next();
                s.push(' ');
            } else if d == c || (d == '\n' && c != '`' && !rust) {
                break;
            } else {
                s.push(d);
            }
        }
        if s.chars().any(letters::has_diacritic) {
            out.push(without_placeholders(&s));
        }
    }
    out
}

#[test]
fn comments_and_characters_open_no_string() {
    let dir = std::env::temp_dir().join(format!("baocao-literals-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let js = dir.join("a.js");
    std::fs::write(
        &js,
        "// the document's own menu\nconst a = 'Tải lại'; /* it's \"x\" */ f(\"Đã lưu\");\n",
    )
    .unwrap();
    let rs = dir.join("a.rs");
    std::fs::write(
        &rs,
        "/// the \"Mở\" button's\nlet q = ['\"', '\\\"']; let m = \"Đã lưu\"; // \"gõ\"\n",
    )
    .unwrap();
    let (js, rs) = (vietnamese_literals(&js), vietnamese_literals(&rs));
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(js, ["Tải lại", "Đã lưu"]);
    assert_eq!(rs, ["Đã lưu"]);
}

/// `s` without its format placeholders ("{more}", "{n:?}", JavaScript's "${word}"): code, not
/// words the user reads.
fn without_placeholders(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let inner = rest[open + 1..]
            .find('}')
            .map(|n| &rest[open + 1..open + 1 + n]);
        match inner {
            Some(x) if !x.contains(char::is_whitespace) || rest[..open].ends_with('$') => {
                out.push_str(rest[..open].trim_end_matches('$'));
                out.push(' ');
                rest = &rest[open + 2 + x.len()..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn format_placeholders_are_not_read_as_words() {
    assert_eq!(
        without_placeholders("thiếu {more} và ${w.name} nữa, {{"),
        "thiếu   và   nữa, {{"
    );
}

/// Every Vietnamese text of the project checks clean: the sample, the templates, the small
/// reports of the tests, and every message and label the user reads (Rust and the window's
/// sources). It measures the false alarms: there must be none.
#[test]
fn nothing_is_flagged_in_the_sample_the_templates_and_every_text_of_the_project() {
    let mut reports = vec![
        ("sample".to_string(), support::sample()),
        ("clean".to_string(), support::clean()),
    ];
    reports.extend(templates());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Every report in Markdown the project keeps: the samples, and the other offices' reports
    // the tests lay out (`tests/reports/`), whichever are there.
    let mut shipped = 0;
    for dir in [root.join("assets/samples"), root.join("tests/reports")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "md") {
                let text = std::fs::read_to_string(&p).unwrap();
                let r = baocao::import::import_text(&text)
                    .unwrap_or_else(|e| panic!("{}: {}", p.display(), e.message));
                reports.push((p.display().to_string(), r));
                shipped += 1;
            }
        }
    }
    assert!(shipped >= 1, "no report found under assets/samples");
    // The Word documents the import tests read (made by LibreOffice, pandoc and python-docx),
    // TCVN3/VNI ones included, as the importer converts them; those it refuses on purpose
    // (encrypted) are no report.
    let mut word = 0;
    for e in std::fs::read_dir(root.join("tests/fixtures/docx")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "docx") {
            if let Ok(r) = baocao::import::import_bytes(&std::fs::read(&p).unwrap()) {
                reports.push((p.display().to_string(), r));
                word += 1;
            }
        }
    }
    assert!(word >= 5, "only {word} Word fixtures imported");
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    let mut stack = vec![root.join("src-tauri"), root.join("ui")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .is_some_and(|x| x == "rs" || x == "js" || x == "html")
            {
                files.push(p);
            }
        }
    }
    // The tests' reports and texts: every test file but those that hold slips on purpose.
    const SLIPS_ON_PURPOSE: [&str; 6] = [
        "checks_spelling.rs",  // this file: the mutator, the slips it looks for
        "checks_cli.rs",       // baocao check on planted slips
        "e2e_spelling.rs",     // a Telex leftover typed in the app
        "e2e_app.rs",          // Unikey's states while composing "được" ("đươc", "đươcj")
        "store_dictionary.rs", // the agency's words ("pơkôô"), not syllables on purpose
        "e2e_import.rs",       // TCVN3 text pasted, to be converted on the way in
    ];
    let mut stack = vec![root.join("tests")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if p.is_dir() {
                stack.push(p);
            } else if name.ends_with(".rs") && !SLIPS_ON_PURPOSE.contains(&name.as_str()) {
                files.push(p);
            }
        }
    }
    // The language's own tests hold slips on purpose.
    let slips_on_purpose = [
        root.join("src-tauri/text/viet"),
        root.join("src-tauri/checks/spelling.rs"),
        root.join("src-tauri/import/decode.rs"),
    ];
    let mut literals = 0;
    for f in files {
        if slips_on_purpose.iter().any(|p| f.starts_with(p)) {
            continue;
        }
        // Each text on its own: a message is no paragraph of one report with the file's other
        // messages (import/header.rs reads both "HỎA TỐC" and "HOẢ TỐC", rightly).
        for t in vietnamese_literals(&f) {
            literals += 1;
            let r = Report {
                intro: vec![para(&t)],
                ..Report::default()
            };
            reports.push((f.display().to_string(), r));
        }
    }
    assert!(literals > 500, "only {literals} Vietnamese texts found");
    let mut words = 0;
    let mut flagged = Vec::new();
    for (name, r) in &reports {
        checks::for_each_text(r, &mut |_, t| words += t.split_whitespace().count());
        let fs = spelling_of(r, &[]);
        if !fs.is_empty() {
            flagged.push(format!("{name}:\n{}", show(r, &fs)));
        }
    }
    eprintln!(
        "{} reports and texts ({literals} of them the sources'), {words} words checked: {} with a \
         spelling finding",
        reports.len(),
        flagged.len()
    );
    assert!(words > 15_000, "only {words} words");
    assert!(
        flagged.is_empty(),
        "{}\n\n(A test file whose slips are on purpose goes in SLIPS_ON_PURPOSE, saying why.)",
        flagged.join("\n\n")
    );
    // The full checks of the sample are still its four real mistakes.
    let r = support::sample();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 6, 20).unwrap();
    assert_eq!(checks::check(&r, day).len(), 4);
}

// ---------- the seeded mutator ----------

/// xorshift64*: the same slips on every run of a seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Telex,
    Vni,
    Tone,
    Dropped,
    Style,
}

impl Kind {
    fn severity(self) -> Severity {
        match self {
            Kind::Telex | Kind::Vni | Kind::Tone => Severity::Loi,
            Kind::Dropped => Severity::CanhBao,
            Kind::Style => Severity::GoiY,
        }
    }
}

/// Telex keystrokes of `word`: hats as doubled letters and w, the tone key after the vowels or
/// at the end of the word.
fn to_telex(word: &str, rng: &mut Rng) -> Option<String> {
    keystrokes(
        word,
        rng,
        |base| match base {
            'â' => "aa",
            'ê' => "ee",
            'ô' => "oo",
            'ă' => "aw",
            'ơ' => "ow",
            'ư' => "uw",
            'đ' => "dd",
            _ => "",
        },
        |t| match t {
            letters::Tone::Sac => 's',
            letters::Tone::Huyen => 'f',
            letters::Tone::Hoi => 'r',
            letters::Tone::Nga => 'x',
            _ => 'j',
        },
    )
}

/// VNI keystrokes of `word`: 6 circumflex, 7 horn, 8 breve, 9 đ, 1–5 the tones.
fn to_vni(word: &str, rng: &mut Rng) -> Option<String> {
    keystrokes(
        word,
        rng,
        |base| match base {
            'â' => "a6",
            'ê' => "e6",
            'ô' => "o6",
            'ă' => "a8",
            'ơ' => "o7",
            'ư' => "u7",
            'đ' => "d9",
            _ => "",
        },
        |t| match t {
            letters::Tone::Sac => '1',
            letters::Tone::Huyen => '2',
            letters::Tone::Hoi => '3',
            letters::Tone::Nga => '4',
            _ => '5',
        },
    )
}

fn keystrokes(
    word: &str,
    rng: &mut Rng,
    hat: impl Fn(char) -> &'static str,
    tone_key: impl Fn(letters::Tone) -> char,
) -> Option<String> {
    let mut out = String::new();
    let mut tone = None;
    let mut last_vowel = 0;
    for c in word.chars() {
        let l = letters::lower(c);
        let cap = l != c;
        let (base, t) = letters::split(l).unwrap_or((l, letters::Tone::Ngang));
        if t != letters::Tone::Ngang {
            tone = Some(t);
        }
        let keys = hat(base);
        let keys = if keys.is_empty() {
            base.to_string()
        } else {
            keys.to_string()
        };
        for (i, k) in keys.chars().enumerate() {
            out.push(if cap && i == 0 {
                k.to_ascii_uppercase()
            } else {
                k
            });
        }
        if letters::is_vowel(base) {
            last_vowel = out.len();
        }
    }
    if !out.is_ascii() {
        return None;
    }
    if let Some(t) = tone {
        let k = tone_key(t);
        if rng.below(2) == 0 {
            out.push(k);
        } else {
            out.insert(last_vowel, k);
        }
    }
    (out != word).then_some(out)
}

/// `word` with its tone mark on another vowel, when that makes a misplaced mark the checks can
/// move back.
fn tone_moved(word: &str, rng: &mut Rng) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    let at = chars.iter().position(|&c| {
        letters::split(letters::lower(c)).is_some_and(|(_, t)| t != letters::Tone::Ngang)
    })?;
    let (base, tone) = letters::split(letters::lower(chars[at]))?;
    let others: Vec<usize> = (0..chars.len())
        .filter(|&i| i != at && letters::is_vowel(letters::lower(chars[i])))
        .collect();
    if others.is_empty() {
        return None;
    }
    let to = others[rng.below(others.len())];
    let mut moved = chars.clone();
    let put = |c: char, t| {
        let l = letters::lower(c);
        let j = letters::join(letters::split(l).map_or(l, |(b, _)| b), t);
        if l != c {
            letters::upper(j)
        } else {
            j
        }
    };
    moved[at] = if chars[at] == letters::lower(chars[at]) {
        base
    } else {
        letters::upper(base)
    };
    moved[to] = put(chars[to], tone);
    let moved: String = moved.into_iter().collect();
    (syllable::judge(&moved) == Judged::Misplaced
        && syllable::place_tone(&moved, ToneStyle::Classic).as_deref() == Some(word))
    .then_some(moved)
}

/// `word` with one consonant dropped, when that leaves no syllable and the report's other words
/// tell which letter is missing: of the syllables one letter away by putting a letter back, the
/// word itself is the only one the report uses (a proofreader could not tell "triệ" from
/// "triệu" or "triệt" either).
fn dropped(word: &str, rng: &mut Rng, vocabulary: &HashMap<String, usize>) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 3 {
        return None;
    }
    let i = rng.below(chars.len());
    if letters::is_vowel(letters::lower(chars[i])) {
        return None;
    }
    let out: String = chars
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != i)
        .map(|(_, c)| c)
        .collect();
    let judged_invalid = syllable::judge(&out) == Judged::Invalid;
    let has_mark = out.chars().any(letters::has_diacritic);
    let restorations: Vec<String> = syllable::edits(&out)
        .into_iter()
        .filter(|(s, e)| *e == syllable::Edit::Insert && vocabulary.contains_key(&s.to_lowercase()))
        .map(|(s, _)| s)
        .collect();
    let told = restorations == [word];
    (judged_invalid && has_mark && told && keys::telex(&out).is_none()).then_some(out)
}

/// A planted slip: where, what was written, what it was.
#[derive(Debug, Clone)]
struct Planted {
    loc: Source,
    slip: String,
    word: String,
}

/// The words of the sample's section paragraphs that can carry a slip of `kind`, each
/// paragraph at most once; words used only once in the report are left out (a dropped letter is
/// put back from the report's own words, as in a real report where words recur).
fn plant(base: &Report, kind: Kind, seed: u64, want: usize) -> (Report, Vec<Planted>) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut freq: HashMap<String, usize> = HashMap::new();
    checks::for_each_text(base, &mut |_, t| {
        for w in t.split(|c: char| !c.is_alphanumeric()) {
            *freq.entry(w.to_lowercase()).or_default() += 1;
        }
    });
    let mut r = base.clone();
    let mut planted = Vec::new();
    let mut places: Vec<(String, usize)> = Vec::new();
    r.for_each_section(|s, _| {
        for (i, b) in s.blocks.iter().enumerate() {
            if matches!(b, Block::Paragraph { .. }) {
                places.push((s.id.clone(), i));
            }
        }
    });
    // Shuffled, then each paragraph tried once.
    for i in (1..places.len()).rev() {
        places.swap(i, rng.below(i + 1));
    }
    for (id, bi) in places {
        if planted.len() == want {
            break;
        }
        let loc = Source::Section {
            id: id.clone(),
            block: Some(bi),
        };
        let Some(Block::Paragraph { runs }) =
            section_mut(&mut r, &id).and_then(|s| s.blocks.get_mut(bi))
        else {
            continue;
        };
        let Some(run) = runs
            .iter_mut()
            .filter(|r| r.figure.is_none())
            .max_by_key(|r| r.text.len())
        else {
            continue;
        };
        let words: Vec<(usize, &str)> = word_spans(&run.text);
        let mut order: Vec<usize> = (0..words.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let mut done = None;
        for k in order {
            let (at, w) = words[k];
            if freq.get(&w.to_lowercase()).copied().unwrap_or(0) < 2 || w.chars().count() < 2 {
                continue;
            }
            if !matches!(syllable::judge(w), Judged::Valid(_)) {
                continue;
            }
            let slip = match kind {
                Kind::Telex => to_telex(w, &mut rng),
                Kind::Vni => to_vni(w, &mut rng),
                Kind::Tone => tone_moved(w, &mut rng),
                Kind::Dropped => dropped(w, &mut rng, &freq),
                Kind::Style => (syllable::style_of(w) == Some(ToneStyle::Classic))
                    .then(|| syllable::restyle(w, ToneStyle::Modern)),
            };
            let Some(slip) = slip else { continue };
            // Capitalised words in mid-sentence read as names; keep to plain words.
            if w.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            done = Some((at, w.to_string(), slip));
            break;
        }
        let Some((at, word, slip)) = done else {
            continue;
        };
        run.text.replace_range(at..at + word.len(), &slip);
        planted.push(Planted { loc, slip, word });
    }
    (r, planted)
}

fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let before = text[..s].chars().next_back();
                let after = text[i..].chars().next();
                let joined = |c: Option<char>| c.is_some_and(|c| "-/._@&'’:".contains(c));
                if !joined(before) && !joined(after) {
                    out.push((s, &text[s..i]));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn section_mut<'a>(r: &'a mut Report, id: &str) -> Option<&'a mut baocao::model::Section> {
    fn find<'a>(
        ss: &'a mut [baocao::model::Section],
        id: &str,
    ) -> Option<&'a mut baocao::model::Section> {
        for s in ss {
            if s.id == id {
                return Some(s);
            }
            if let Some(x) = find(&mut s.children, id) {
                return Some(x);
            }
        }
        None
    }
    find(&mut r.body, id)
}

/// Every planted slip is found, at its place, with its kind's severity and the original word as
/// the first fix; nothing else is flagged; applying every fix gives back the sample.
fn slips_found_and_fixed(kind: Kind, seed: u64, want: usize) {
    let base = support::sample();
    assert!(spelling_of(&base, &[]).is_empty());
    let (mut r, planted) = plant(&base, kind, seed, want);
    assert_eq!(
        planted.len(),
        want,
        "{kind:?}: only {} slips planted",
        planted.len()
    );
    eprintln!("{kind:?} seed {seed}: {} slips planted", planted.len());
    let fs = spelling_of(&r, &[]);
    let text = show(&r, &fs);
    let mut wrong = Vec::new();
    for p in &planted {
        let found = fs
            .iter()
            .find(|f| f.location == p.loc && slip(f).0 == p.slip);
        match found {
            None => wrong.push(format!("not found: {} ({})", p.slip, p.word)),
            Some(f) if slip(f).1 != p.word => {
                wrong.push(format!("{} → {:?}, should be {}", p.slip, f.fix, p.word))
            }
            Some(f) if f.severity != kind.severity() => {
                wrong.push(format!("{}: {:?}", p.slip, f.severity))
            }
            Some(_) => {}
        }
    }
    assert!(
        wrong.is_empty(),
        "{kind:?} seed {seed}:\n{}\n\n{text}",
        wrong.join("\n")
    );
    assert_eq!(
        fs.len(),
        planted.len(),
        "{kind:?} seed {seed}: something else flagged:\n{text}"
    );
    for f in &fs {
        apply_fix(&mut r, f.fix.as_ref().unwrap());
    }
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        serde_json::to_value(&base).unwrap(),
        "{kind:?} seed {seed}: the fixes do not give the sample back"
    );
}

#[test]
fn telex_leftovers_planted_in_the_sample_are_found_and_fixed() {
    for seed in 1..=3 {
        slips_found_and_fixed(Kind::Telex, seed, 40);
    }
}

#[test]
fn vni_leftovers_planted_in_the_sample_are_found_and_fixed() {
    for seed in 1..=3 {
        slips_found_and_fixed(Kind::Vni, seed, 40);
    }
}

#[test]
fn tone_marks_moved_in_the_sample_are_found_and_put_back() {
    for seed in 1..=3 {
        slips_found_and_fixed(Kind::Tone, seed, 40);
    }
}

#[test]
fn letters_dropped_in_the_sample_are_found_and_put_back() {
    for seed in 1..=3 {
        slips_found_and_fixed(Kind::Dropped, seed, 40);
    }
}

#[test]
fn the_other_tone_style_mixed_into_the_sample_is_brought_back() {
    // The sample writes "hóa", "ủy": a few "hoá", "uỷ" are the minority.
    let base = support::sample();
    let mut classic = 0;
    checks::for_each_text(&base, &mut |_, t| {
        classic += t
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| syllable::style_of(w) == Some(ToneStyle::Classic))
            .count()
    });
    assert!(classic >= 10, "{classic}");
    for seed in 1..=3 {
        slips_found_and_fixed(Kind::Style, seed, (classic - 1) / 2);
    }
}

// ---------- the hand-written report ----------

const SLIPS_REPORT: &str = include_str!("data/bao-cao-go-nham.md");

/// The report with its slips ({t:ddaauf|đầu}: Telex, v VNI, d tone, r dropped, k style), the
/// same report written right, and the slips (paragraph text as written, slip, fix, kind).
fn hand_written() -> (String, String, Vec<(String, String, Kind)>) {
    let mut with_slips = String::new();
    let mut right = String::new();
    let mut slips = Vec::new();
    let mut rest = SLIPS_REPORT;
    while let Some(open) = rest.find('{') {
        with_slips.push_str(&rest[..open]);
        right.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').unwrap();
        let inner = &rest[open + 1..close];
        let (kind, pair) = inner.split_once(':').unwrap();
        let (slip, fix) = pair.split_once('|').unwrap();
        let kind = match kind {
            "t" => Kind::Telex,
            "v" => Kind::Vni,
            "d" => Kind::Tone,
            "r" => Kind::Dropped,
            "k" => Kind::Style,
            k => panic!("unknown kind {k}"),
        };
        with_slips.push_str(slip);
        right.push_str(fix);
        slips.push((slip.to_string(), fix.to_string(), kind));
        rest = &rest[close + 1..];
    }
    with_slips.push_str(rest);
    right.push_str(rest);
    (with_slips, right, slips)
}

#[test]
fn a_hand_written_report_with_thirty_slips_of_each_kind() {
    let (with_slips, right, slips) = hand_written();
    let mut per_kind: HashMap<Kind, usize> = HashMap::new();
    for (_, _, k) in &slips {
        *per_kind.entry(*k).or_default() += 1;
    }
    for k in [
        Kind::Telex,
        Kind::Vni,
        Kind::Tone,
        Kind::Dropped,
        Kind::Style,
    ] {
        assert!(
            per_kind.get(&k).copied().unwrap_or(0) >= 30,
            "{k:?}: {per_kind:?}"
        );
    }
    let good = baocao::import::import_text(&right).unwrap();
    let fs = spelling_of(&good, &[]);
    assert!(
        fs.is_empty(),
        "the report written right:\n{}",
        show(&good, &fs)
    );

    let mut r = baocao::import::import_text(&with_slips).unwrap();
    let fs = spelling_of(&r, &[]);
    let text = show(&r, &fs);
    let expected: HashSet<(String, String)> = slips
        .iter()
        .map(|(s, f, _)| (s.clone(), f.clone()))
        .collect();
    let kinds: HashMap<&str, Kind> = slips.iter().map(|(s, _, k)| (s.as_str(), *k)).collect();
    let found: HashSet<(String, String)> = fs.iter().map(slip).collect();
    let missed: Vec<_> = expected.difference(&found).collect();
    let extra: Vec<_> = found.difference(&expected).collect();
    assert!(
        missed.is_empty() && extra.is_empty(),
        "missed {missed:?}\nextra {extra:?}\n\n{text}"
    );
    let at = text_at(&r);
    for f in &fs {
        let (w, _) = slip(f);
        assert_eq!(
            f.severity,
            kinds[w.as_str()].severity(),
            "{w}: {}",
            f.message
        );
        // The finding points at the text holding the slip.
        assert!(
            at[&f.location].iter().any(|t| t.contains(&w)),
            "{w} not at {:?}",
            f.location
        );
    }
    // Each slip once per text it is in: the repeated "hoá" of one paragraph is one finding.
    let per_place: HashSet<(Source, String)> =
        fs.iter().map(|f| (f.location.clone(), slip(f).0)).collect();
    assert_eq!(per_place.len(), fs.len());
    assert!(fs.len() >= 150, "{}", fs.len());
    for f in &fs {
        apply_fix(&mut r, f.fix.as_ref().unwrap());
    }
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        serde_json::to_value(&good).unwrap()
    );
    // The whole checks list them with the report's other findings.
    let day = chrono::NaiveDate::from_ymd_opt(2026, 10, 20).unwrap();
    let all = checks::check(&baocao::import::import_text(&with_slips).unwrap(), day);
    assert!(
        all.iter()
            .filter(|f| matches!(f.fix, Some(Fix::Spelling { .. })))
            .count()
            >= 150
    );
}

// ---------- what decides, and what silences ----------

#[test]
fn english_words_codes_abbreviations_and_names_are_not_judged() {
    let mut r = support::clean();
    r.intro = vec![para(
        "Đi xe bus, làm test, nhắn qua zalo, kết nối internet; UBND, HĐND, ANTT, CCHC, BCĐ, \
         TP.HCM, v.v.; số 12/BC-UBND, diện tích 2,95 km2, tỷ lệ 4,1%, COVID-19, H5N1, F0; \
         Nestlé, José, Zürich, HanoiWork, iPhone; read more, lore; anh Trần Văn Mỹ và chị Thy, Vy ở Đắk Lắk, \
         H'Mông; quán café, ô-tô, ra-đi-ô; Phườngđãhoànthànhkiểmtra.",
    )];
    let fs = spelling_of(&r, &[]);
    assert!(fs.is_empty(), "{}", show(&r, &fs));
}

#[test]
fn english_words_beside_a_telex_leftover_are_not_read_as_telex() {
    // A sure leftover makes "cos" for "có" count on its line, but not the English words whose
    // keys Telex would read otherwise: a tone key before a vowel ("taxi" → "tãi", "sofa"), a
    // doubled letter away from its vowel ("mono" → "môn", "photos" → "phốt"), a z ("pizzas").
    let mut r = support::clean();
    r.closing = "Trân trọng báo cáo./.".into();
    r.intro = vec![para(
        "Phường ddaauf tư xe taxi, ghế sofa, loa mono, quán pizzas, ứng dụng Google Photos, ảnh photos; \
         môn học mới; người dân cos ý kiến.",
    )];
    let fs = spelling_of(&r, &[]);
    let words: Vec<String> = fs.iter().map(|f| slip(f).0).collect();
    assert_eq!(words, ["ddaauf", "cos"], "{}", show(&r, &fs));
}

#[test]
fn the_decree_s_fixed_words_are_never_counted_or_touched() {
    // "CỘNG HÒA" is the decree's; a report writing "hoà" elsewhere is not told to change it.
    let mut r = support::clean();
    r.closing = "Trân trọng báo cáo./.".into();
    r.intro = vec![para(
        "Nước Cộng hòa xã hội chủ nghĩa Việt Nam; CỘNG HÒA; công tác hoà giải; hoà thuận.",
    )];
    let fs = spelling_of(&r, &[]);
    assert!(fs.is_empty(), "{}", show(&r, &fs));
}

#[test]
fn names_keep_their_tone_style() {
    // "Thuỳ Dương", "Lê Văn Khoẻ", "Khánh Hòa" are written as their owners and the map write
    // them: neither counted for the report's style nor told to change; "Ủy ban" is no name.
    let mut r = support::clean();
    r.closing = "Trân trọng báo cáo./.".into();
    r.intro = vec![para(
        "Đồng chí Nguyễn Thị Thuỳ Dương, ông Lê Văn Khoẻ và bà Hoàng Thị Thủy (tỉnh Khánh Hòa) \
         dự họp về văn hóa, hòa giải, sức khỏe; được Uỷ ban nhân dân khen thưởng.",
    )];
    let fs = spelling_of(&r, &[]);
    let by: Vec<(String, String)> = fs.iter().map(slip).collect();
    assert_eq!(
        by,
        [("Uỷ".to_string(), "Ủy".to_string())],
        "{}",
        show(&r, &fs)
    );
}

#[test]
fn each_kind_of_slip_is_said_plainly_with_its_fix() {
    let mut r = support::clean();
    r.closing = "Trân trọng báo cáo./.".into();
    r.intro = vec![para(
        "Kết quả ddaauf tiên: ngừơi dân được phục vụ vie65t nam; công tác trườg học.",
    )];
    let fs = spelling_of(&r, &[]);
    let by: HashMap<String, &Finding> = fs.iter().map(|f| (slip(f).0, f)).collect();
    assert_eq!(fs.len(), 4, "{}", show(&r, &fs));
    assert!(by["ddaauf"]
        .message
        .starts_with("Có thể gõ nhầm: “ddaauf” → “đầu”"));
    assert_eq!(by["ddaauf"].severity, Severity::Loi);
    assert!(by["vie65t"].message.contains("“vie65t” → “việt”"));
    assert!(by["ngừơi"].message.contains("“ngừơi” → “người”"));
    assert_eq!(by["trườg"].severity, Severity::CanhBao);
    assert!(
        by["trườg"].message.contains("“trường”"),
        "{}",
        by["trườg"].message
    );
}

#[test]
fn text_typed_in_tcvn3_or_vni_is_converted_by_its_fix() {
    // Unikey on the TCVN3 table (and on VNI) while the field is Unicode.
    let tcvn3 = "Ph\u{AD}êng ®· hoµn thµnh kÕ ho¹ch n¨m";
    let vni = "Phöôøng ñaõ hoaøn thaønh keá hoaïch naêm";
    let mut r = support::clean();
    r.intro = vec![para(tcvn3), para(vni)];
    r.closing = "UBND phường trân trọng báo cáo./.".into();
    let fs = spelling_of(&r, &[]);
    assert_eq!(fs.len(), 2, "{}", show(&r, &fs));
    for (f, enc) in fs.iter().zip([Encoding::Tcvn3, Encoding::Vni]) {
        assert_eq!(f.severity, Severity::Loi);
        assert!(f.message.contains(enc.name()), "{}", f.message);
        assert!(f.message.contains("Phường đã hoàn thành"), "{}", f.message);
        assert!(matches!(&f.fix, Some(Fix::ConvertLegacy { encoding, .. }) if *encoding == enc));
        apply_fix(&mut r, f.fix.as_ref().unwrap());
    }
    for b in &r.intro {
        assert_eq!(checks::block_text(b), "Phường đã hoàn thành kế hoạch năm");
    }
    assert!(spelling_of(&r, &[]).is_empty());
    assert_eq!(legacy::detect("Phường đã hoàn thành kế hoạch năm"), None);
}

#[test]
fn ignored_words_and_the_agency_s_dictionary_silence_a_word() {
    let mut r = support::clean();
    r.intro = vec![para("Thôn Đắk Pơ Kô và bản Lằng Cằng; nhóm Pơkô.")];
    r.intro.push(Block::Paragraph {
        runs: vec![Run::plain("Cán bộ trườg học.")],
    });
    let fs = spelling_of(&r, &[]);
    let words: HashSet<String> = fs.iter().map(|f| slip(f).0).collect();
    assert!(words.contains("trườg"), "{}", show(&r, &fs));
    // "Bỏ qua", as the panel's button does it: kept once, lower case.
    spelling::ignore(&mut r, " Trườg ");
    spelling::ignore(&mut r, "trườg");
    assert_eq!(r.ignored_words, ["trườg"]);
    let fs = spelling_of(&r, &[]);
    assert!(!fs.iter().any(|f| slip(f).0 == "trườg"));
    // The dictionary is matched without regard to case.
    r.ignored_words.clear();
    assert!(spelling_of(&r, &["Trườg".to_string()]).is_empty());
}

#[test]
fn the_report_s_majority_style_decides_the_fixes() {
    let mut r = support::clean();
    r.closing = "Trân trọng báo cáo./.".into();
    r.intro = vec![para(
        "Thuỷ lợi, hoà giải, khoẻ mạnh, văn hoá; xoá bỏ; hòa thuận; thủy sản; hoaf; ngừơi.",
    )];
    let fs = spelling_of(&r, &[]);
    let by: HashMap<String, String> = fs.iter().map(slip).collect();
    // Modern is the majority here: the two classic words move, the Telex fix follows it.
    assert_eq!(by["hòa"], "hoà");
    assert_eq!(by["thủy"], "thuỷ");
    assert_eq!(by["hoaf"], "hoà");
    assert_eq!(by["ngừơi"], "người");
    assert_eq!(
        fs.iter().filter(|f| f.severity == Severity::GoiY).count(),
        2
    );
}
