//! The Vietnamese syllable: onset, optional medial, nucleus, optional final, tone.
//!
//! Written from the language's structure, not from a word list (the public lists are GPL or
//! unlicensed): a word is taken apart into its onset ("ngh", "gi", "qu" …), its medial ("o" of
//! "hoa", "u" of "thuế"), its nucleus (one vowel, or the diphthongs iê/yê/ia/ya, uô/ua, ươ/ưa and
//! the long "oo" of "boong") and its final (c, ch, m, n, ng, nh, p, t or the semivowels i/y, o/u),
//! and each part is checked against the others as the spelling rules have it:
//!
//! - k, gh, ngh only before i, e, ê (and y, iê); c, g, ng never before them; q only as "qu";
//! - ă and â need a final; each nucleus takes its own finals (no "ôch", no "ưnh");
//! - iê/ua/ưa-style diphthongs: "ia", "ua", "ưa" when open, "iê", "uô", "ươ" before a final; "yê",
//!   "ya" at the start of a syllable or after the medial u ("yêu", "khuyên", "khuya");
//! - a syllable ending in p, t, c, ch takes only the sắc or nặng tone;
//! - the tone mark sits on the nucleus: on the second letter of iê, uô, ươ, oo; on the first of
//!   ia, ua, ưa; on the main vowel before a final. After a medial with no final ("hoa", "khoe",
//!   "thuy") offices write both "hòa, khỏe, thủy" (the classic habit, the decree's own
//!   "CỘNG HÒA") and "hoà, khoẻ, thuỷ" (Unikey's "new style"): both are right, see [`ToneStyle`].

use super::letters::{self, Tone};

/// The longest syllable has 7 letters ("nghiêng"); Telex leftovers are checked after reading.
const MAX: usize = 8;

/// Where the tone mark goes when a syllable has a medial and no final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ToneStyle {
    /// "hòa", "khỏe", "thủy": on the medial (the older habit; the decree writes "CỘNG HÒA").
    Classic,
    /// "hoà", "khoẻ", "thuỷ": on the main vowel (Unikey's "kiểu mới").
    Modern,
}

/// A word's letters: lower case, toneless, with the tone, where its mark was written and which
/// letters were capitals.
#[derive(Debug, Clone, Copy)]
pub struct Letters {
    pub(crate) b: [char; MAX],
    pub(crate) n: usize,
    pub(crate) tone: Tone,
    /// The index of the letter carrying the tone mark.
    pub(crate) at: Option<usize>,
    /// Bit i set: letter i was a capital.
    pub(crate) caps: u16,
}

impl Letters {
    pub(crate) fn new() -> Letters {
        Letters {
            b: ['\0'; MAX],
            n: 0,
            tone: Tone::Ngang,
            at: None,
            caps: 0,
        }
    }

    /// A word's letters; `None` when it is too long, has a letter Vietnamese does not write
    /// with (f, j, w, z, digits, other scripts) or two tone marks.
    pub(crate) fn of(word: &str) -> Option<Letters> {
        let mut l = Letters::new();
        for c in word.chars() {
            if l.n == MAX {
                return None;
            }
            let lc = letters::lower(c);
            if lc != c {
                l.caps |= 1 << l.n;
            }
            match letters::split(lc) {
                Some((base, tone)) => {
                    if tone != Tone::Ngang {
                        if l.at.is_some() {
                            return None;
                        }
                        l.at = Some(l.n);
                        l.tone = tone;
                    }
                    l.b[l.n] = base;
                }
                None if letters::is_viet_letter(lc) => l.b[l.n] = lc,
                None => return None,
            }
            l.n += 1;
        }
        Some(l)
    }

    pub(crate) fn push(&mut self, base: char, capital: bool) -> bool {
        if self.n == MAX {
            return false;
        }
        if capital {
            self.caps |= 1 << self.n;
        }
        self.b[self.n] = base;
        self.n += 1;
        true
    }

    pub(crate) fn letters(&self) -> &[char] {
        &self.b[..self.n]
    }

    /// The word with the tone mark on letter `at` (no mark when the tone is ngang), capitals
    /// where they were.
    pub(crate) fn render(&self, tone: Tone, at: Option<usize>) -> String {
        let mut s = String::with_capacity(self.n * 3);
        for (i, &c) in self.letters().iter().enumerate() {
            let c = if Some(i) == at {
                letters::join(c, tone)
            } else {
                c
            };
            s.push(if self.caps & (1 << i) != 0 {
                letters::upper(c)
            } else {
                c
            });
        }
        s
    }
}

/// A syllable taken apart (toneless parts, lower case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    pub onset: &'static str,
    /// The medial as written ('o' in "hoa", 'u' in "thuê"); the u of "qu" is part of the onset.
    pub medial: Option<char>,
    pub nucleus: &'static str,
    pub coda: &'static str,
}

impl Parts {
    fn onset_len(&self) -> usize {
        self.onset.chars().count()
    }

    /// Index of the nucleus's first letter.
    fn nucleus_at(&self) -> usize {
        self.onset_len() + usize::from(self.medial.is_some())
    }

    /// Where the tone mark goes: the one place, or the two a medial with no final allows
    /// (classic first, then modern).
    pub(crate) fn tone_places(&self) -> (usize, Option<usize>) {
        let n = self.nucleus_at();
        match self.nucleus {
            "iê" | "yê" | "uô" | "ươ" | "oo" => (n + 1, None),
            "ia" | "ya" | "ua" | "ưa" => (n, None),
            "a" | "e" | "y" if self.medial.is_some() && self.coda.is_empty() => (n - 1, Some(n)),
            _ => (n, None),
        }
    }
}

const ONSETS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];
const NUCLEI: [&str; 21] = [
    "iê", "yê", "ia", "ya", "uô", "ua", "ươ", "ưa", "oo", "a", "ă", "â", "e", "ê", "i", "o", "ô",
    "ơ", "u", "ư", "y",
];
const CODAS: [&str; 13] = [
    "ng", "nh", "ch", "c", "m", "n", "p", "t", "i", "y", "o", "u", "",
];

fn starts_with(b: &[char], s: &str) -> bool {
    s.chars().enumerate().all(|(k, c)| b.get(k) == Some(&c))
}

fn equals(b: &[char], s: &str) -> bool {
    starts_with(b, s) && s.chars().count() == b.len()
}

/// Takes `b` (lower case, toneless letters) apart; `None` when it is no Vietnamese syllable.
pub fn parse(b: &[char]) -> Option<Parts> {
    let mut onset = ONSETS
        .iter()
        .copied()
        .find(|o| starts_with(b, o))
        .unwrap_or("");
    let mut i = onset.chars().count();
    // "gì", "gìn": the i of gi is the nucleus when no other vowel follows.
    if onset == "gi" && !b[i..].iter().any(|&c| letters::is_vowel(c)) {
        onset = "g";
        i = 1;
    }
    let rest = &b[i..];
    let first = *rest.first()?;
    if !letters::is_vowel(first) {
        return None;
    }
    let medial = match (first, rest.get(1)) {
        // "quoắt", "quoàng": some write the medial twice after qu.
        ('o', Some('a' | 'ă' | 'e')) => Some('o'),
        ('u', Some('â' | 'ê' | 'y' | 'ơ')) if onset != "qu" => Some('u'),
        _ => None,
    };
    let rest = &rest[usize::from(medial.is_some())..];
    for nucleus in NUCLEI {
        if !starts_with(rest, nucleus) {
            continue;
        }
        let tail = &rest[nucleus.chars().count()..];
        let Some(coda) = CODAS.iter().copied().find(|c| equals(tail, c)) else {
            continue;
        };
        let p = Parts {
            onset,
            medial,
            nucleus,
            coda,
        };
        if fits(&p) {
            return Some(p);
        }
    }
    None
}

/// The spelling rules between the parts.
fn fits(p: &Parts) -> bool {
    let n0 = p.nucleus.chars().next().unwrap_or(' ');
    // The onset's spelling before the letter that follows it ("nghe" but "ngoe").
    let next = p.medial.unwrap_or(n0);
    let front = matches!(next, 'i' | 'e' | 'ê' | 'y');
    let onset_ok = match p.onset {
        "k" => front,
        "c" => !front && p.medial.is_none(),
        "gh" | "ngh" => matches!(next, 'i' | 'e' | 'ê'),
        "ng" => !matches!(next, 'i' | 'e' | 'ê'),
        "g" => !matches!(next, 'e' | 'ê'),
        // The i of gi is not written twice ("giêng", not "giiêng"); no medial follows it.
        "gi" => !matches!(n0, 'i' | 'y') && p.medial.is_none(),
        // "qu" + u/ư/o would write the medial twice.
        "qu" => !matches!(n0, 'u' | 'ư' | 'o'),
        _ => true,
    };
    onset_ok && rime_fits(p)
}

/// The finals each nucleus takes, with and without a medial.
fn rime_fits(p: &Parts) -> bool {
    let c = p.coda;
    let any = |list: &[&str]| list.contains(&c);
    // After a medial the rimes are few: "hoa, hoạch, hoặc, khoèo; tuân, thuế, huynh, khuyên,
    // khuya, thuở"; qu has its own few ("quốc", "quít").
    if p.onset == "qu" && p.medial.is_none() {
        return match p.nucleus {
            "a" => any(&["", "c", "ch", "i", "n", "ng", "nh", "o", "t", "u", "y"]),
            "ă" => any(&["c", "m", "n", "ng", "p", "t"]),
            "â" => any(&["c", "n", "ng", "t", "y"]),
            "e" => any(&["", "n", "o", "t"]),
            "ê" => any(&["", "ch", "n", "nh", "t", "u"]),
            "i" => any(&["", "t"]),
            "y" => any(&["", "ch", "nh", "t"]),
            "yê" => any(&["n", "t"]),
            "ô" => any(&["c"]),
            "ơ" => c.is_empty(),
            _ => false,
        };
    }
    match (p.medial, p.nucleus) {
        (Some('o'), "a") => any(&["", "c", "ch", "i", "m", "n", "ng", "nh", "o", "p", "t", "y"]),
        (Some('o'), "ă") => any(&["c", "m", "n", "ng", "t"]),
        (Some('o'), "e") => any(&["", "n", "o", "t"]),
        (Some('u'), "â") => any(&["n", "ng", "t", "y"]),
        (Some('u'), "ê") => any(&["", "ch", "nh"]),
        (Some('u'), "y") => any(&["", "ch", "n", "nh", "p", "t", "u"]),
        (Some('u'), "yê") => any(&["n", "t"]),
        (Some('u'), "ya") | (Some('u'), "ơ") => c.is_empty(),
        (Some(_), _) => false,
        (None, nucleus) => match nucleus {
            // "ỉa" has no onset; "gia" is gi + a.
            "ia" => c.is_empty() && p.onset != "gi",
            "iê" => !p.onset.is_empty() && any(&["c", "m", "n", "ng", "p", "t", "u"]),
            // yê begins a syllable ("yêu", "yên"); after a medial see above.
            "yê" => p.onset.is_empty() && any(&["m", "n", "ng", "t", "u"]),
            "uô" => any(&["c", "i", "m", "n", "ng", "t"]),
            "ua" | "ưa" => c.is_empty(),
            "ươ" => any(&["c", "i", "m", "n", "ng", "p", "t", "u"]),
            "oo" => any(&["c", "ng"]),
            "a" => any(&[
                "", "c", "ch", "i", "y", "m", "n", "ng", "nh", "o", "p", "t", "u",
            ]),
            "ă" => any(&["c", "m", "n", "ng", "p", "t"]),
            "â" => any(&["c", "m", "n", "ng", "p", "t", "u", "y"]),
            "e" => any(&["", "c", "m", "n", "ng", "o", "p", "t"]),
            // After gi, ê is the iê of "giếng", "giếc" (the i is shared with the onset).
            "ê" if p.onset == "gi" => any(&["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "u"]),
            "ê" => any(&["", "ch", "m", "n", "nh", "p", "t", "u"]),
            "i" => any(&["", "ch", "m", "n", "nh", "p", "t", "u"]),
            // y alone: first in the syllable, or the old spelling of i kept in words and names
            // ("kỹ", "lý", "mỹ", "sỹ", "tỷ", "Thy", "Vy").
            "y" => {
                c.is_empty()
                    && matches!(
                        p.onset,
                        "" | "h" | "k" | "l" | "m" | "n" | "s" | "t" | "th" | "v" | "d"
                    )
            }
            "o" | "ô" | "u" => any(&["", "c", "i", "m", "n", "ng", "p", "t"]),
            "ơ" => any(&["", "i", "m", "n", "p", "t"]),
            "ư" => any(&["", "c", "i", "m", "n", "ng", "t", "u"]),
            _ => false,
        },
    }
}

/// Can a syllable with final `coda` carry `tone`? p, t, c, ch: only sắc and nặng.
fn tone_fits(coda: &str, tone: Tone) -> bool {
    !matches!(coda, "p" | "t" | "c" | "ch") || matches!(tone, Tone::Sac | Tone::Nang)
}

/// A word's letters, taken apart, when its letters and tone make a syllable (the mark may sit
/// on the wrong vowel).
pub fn analyse(word: &str) -> Option<(Letters, Parts)> {
    let l = Letters::of(word)?;
    let p = parse(l.letters())?;
    if !tone_fits(p.coda, l.tone) {
        return None;
    }
    Some((l, p))
}

/// What a word is, read once: the spelling checks' question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judged {
    /// A valid syllable, with its style when it is one of the words where styles differ
    /// ("hòa" Classic, "thuỷ" Modern).
    Valid(Option<ToneStyle>),
    /// Letters and tone make a syllable, but the mark sits on another vowel ("ngừơi").
    Misplaced,
    /// No syllable.
    Invalid,
}

/// Reads `word` (one syllable, any case, NFC).
pub fn judge(word: &str) -> Judged {
    let Some((l, p)) = analyse(word) else {
        return Judged::Invalid;
    };
    let Some(at) = l.at else {
        return Judged::Valid(None);
    };
    match p.tone_places() {
        (a, None) if at == a => Judged::Valid(None),
        (a, Some(_)) if at == a => Judged::Valid(Some(ToneStyle::Classic)),
        (_, Some(b)) if at == b => Judged::Valid(Some(ToneStyle::Modern)),
        _ => Judged::Misplaced,
    }
}

/// Is `word` (one syllable, any case, NFC) a valid Vietnamese syllable, its tone mark where the
/// rules put it (either place after a medial with no final: "hòa" and "hoà")?
pub fn is_valid(word: &str) -> bool {
    matches!(judge(word), Judged::Valid(_))
}

/// `word` with its tone mark moved to where it belongs ("ngừơi" → "người", "tòan" → "toàn"),
/// `style` deciding "hòa" or "hoà"; `None` when the letters make no syllable. A word already
/// right comes back as it is (in its own style).
pub fn place_tone(word: &str, style: ToneStyle) -> Option<String> {
    let (l, p) = analyse(word)?;
    let Some(at) = l.at else {
        return Some(word.to_string());
    };
    let (a, b) = p.tone_places();
    if at == a || Some(at) == b {
        return Some(word.to_string());
    }
    let place = match (style, b) {
        (ToneStyle::Modern, Some(b)) => b,
        _ => a,
    };
    Some(l.render(l.tone, Some(place)))
}

/// The style a valid word is written in, when it is one of the words where styles differ
/// ("hòa" → Classic, "thuỷ" → Modern); `None` for every other word.
pub fn style_of(word: &str) -> Option<ToneStyle> {
    match judge(word) {
        Judged::Valid(style) => style,
        _ => None,
    }
}

/// `word` written in `style` ("hoà" in Classic → "hòa"); other words as they are.
pub fn restyle(word: &str, style: ToneStyle) -> String {
    match analyse(word) {
        Some((l, p)) if l.at.is_some() => match (p.tone_places(), style) {
            ((a, Some(_)), ToneStyle::Classic) => l.render(l.tone, Some(a)),
            ((_, Some(b)), ToneStyle::Modern) => l.render(l.tone, Some(b)),
            _ => word.to_string(),
        },
        _ => word.to_string(),
    }
}

/// The syllable of toneless letters `l` (capitals kept) with `tone`, its mark placed by the
/// rules in `style`; `None` when they make no syllable or the tone does not fit the final.
pub(crate) fn compose(l: &Letters, tone: Tone, style: ToneStyle) -> Option<String> {
    let p = parse(l.letters())?;
    if !tone_fits(p.coda, tone) {
        return None;
    }
    if tone == Tone::Ngang {
        return Some(l.render(tone, None));
    }
    let (a, b) = p.tone_places();
    let at = match (style, b) {
        (ToneStyle::Modern, Some(b)) => b,
        _ => a,
    };
    Some(l.render(tone, Some(at)))
}

/// The small edit that turns a slip into a syllable (see [`edits`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Edit {
    /// A letter dropped in a hurry, put back.
    Insert,
    /// Two letters swapped back.
    Swap,
    /// A letter too many taken out.
    Delete,
    /// A letter (or its hat) changed.
    Change,
}

/// Valid syllables one small edit away from `word` (a letter dropped, swapped, doubled or
/// changed; the tone kept), for a word that is no syllable, in the order of [`Edit`]. Letters
/// are compared without their tone, so "trườg" gives "trường".
pub fn edits(word: &str) -> Vec<(String, Edit)> {
    let Some(l) = Letters::of(word) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Edit)> = Vec::new();
    let add = |cand: &Letters, edit: Edit, out: &mut Vec<(String, Edit)>| {
        if let Some(s) = compose(cand, l.tone, ToneStyle::Classic) {
            if s != word && !out.iter().any(|(o, _)| *o == s) {
                out.push((s, edit));
            }
        }
    };
    const ALPHABET: [char; 29] = [
        'n', 'g', 'h', 'c', 't', 'i', 'u', 'a', 'o', 'ư', 'ơ', 'ô', 'ê', 'â', 'ă', 'e', 'y', 'm',
        'p', 'k', 'l', 'b', 'd', 'đ', 'r', 's', 'v', 'x', 'q',
    ];
    let caps_at = |i: usize| l.caps & (1 << i) != 0;
    let all_caps = l.n > 1 && (0..l.n).all(caps_at);
    for pos in 0..=l.n {
        for &c in &ALPHABET {
            let mut cand = Letters::new();
            for i in 0..l.n {
                if i == pos {
                    cand.push(c, all_caps);
                }
                cand.push(l.b[i], caps_at(i));
            }
            if pos == l.n {
                cand.push(c, all_caps);
            }
            add(&cand, Edit::Insert, &mut out);
        }
    }
    for pos in 0..l.n.saturating_sub(1) {
        let mut cand = l;
        cand.b.swap(pos, pos + 1);
        add(&cand, Edit::Swap, &mut out);
    }
    for pos in 0..l.n {
        let mut cand = Letters::new();
        for i in (0..l.n).filter(|&i| i != pos) {
            cand.push(l.b[i], caps_at(i));
        }
        add(&cand, Edit::Delete, &mut out);
    }
    for pos in 0..l.n {
        for &c in &ALPHABET {
            if c == l.b[pos] {
                continue;
            }
            let mut cand = l;
            cand.b[pos] = c;
            add(&cand, Edit::Change, &mut out);
        }
    }
    out
}

/// The first `max` of [`edits`].
pub fn near(word: &str, max: usize) -> Vec<String> {
    edits(word).into_iter().take(max).map(|(s, _)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_valid(words: &str) {
        for w in words.split_whitespace() {
            assert!(is_valid(w), "{w} should be valid");
        }
    }

    fn all_invalid(words: &str) {
        for w in words.split_whitespace() {
            assert!(!is_valid(w), "{w} should be invalid");
        }
    }

    #[test]
    fn ordinary_words_and_the_decree_s_words() {
        all_valid(
            "Cộng hòa xã hội chủ nghĩa Việt Nam Độc lập Tự do Hạnh phúc ỦY BAN NHÂN DÂN PHƯỜNG \
             BẠCH MAI báo cáo kết quả công tác chỉ đạo điều hành tháng đầu năm nghiêng khuỷu \
             người được trường nguyễn chuyện quyết khuya giữa giếng xoong boong goòng thuở huơ \
             oẳn uống yêu yến ỉa ý khuếch huỳnh huých quýt",
        );
    }

    #[test]
    fn gi_and_gi_with_the_i_shared() {
        all_valid("gì gìn gỉ già giữa giấy giếng giết giờ giục giường Giang gịt");
        // "gịa": the tone mark on the i of gi, where it never goes.
        all_invalid("gịa gíup");
        assert_eq!(place_tone("gịa", ToneStyle::Classic).unwrap(), "giạ");
        assert_eq!(place_tone("gíup", ToneStyle::Classic).unwrap(), "giúp");
    }

    #[test]
    fn qu_is_k_with_the_medial() {
        all_valid("qua quả quà quy quý quyết quyền quốc quân quen quê quẹo quạt quăng quở quỳnh");
        all_invalid("quu quư quo q qa kuy coa");
        assert_eq!(place_tone("qúa", ToneStyle::Classic).unwrap(), "quá");
        assert_eq!(place_tone("qủa", ToneStyle::Modern).unwrap(), "quả");
    }

    #[test]
    fn onset_spelling_before_front_vowels() {
        all_valid("kê kia kiếm kỹ ghế ghi nghe nghỉ nghiêm cơ ca cu gà ngà ngô");
        all_invalid("ce ci cy cê ge gê ngi nge ngê ka ko ku gha gho ngha nghu");
    }

    #[test]
    fn hats_and_finals() {
        // ă and â need a final; p t c ch take only sắc and nặng.
        all_invalid("ă â bă mâ tàc hãt lảp sìch mìt");
        all_valid("ăn ấm bắt mật tác hạt lấp sịch ấy âu");
        // Each nucleus takes its own finals.
        all_invalid("ôch ưnh ơng ing ic eu ơc ech");
        all_valid("ách ếch ích anh ênh inh ông ưng ơn ôi ưu iu êu eo");
    }

    #[test]
    fn diphthongs_written_as_their_place_asks() {
        all_valid("mía kìa tiên việt yên yêu khuyên tuyết khuya của muốn mưa người rượu");
        // iê/uô/ươ need a final, ia/ua/ưa take none; yê only first or after the medial u.
        all_invalid("tiê muô ngươ tian muan mưan tyên iên khuiên");
    }

    #[test]
    fn y_and_i() {
        all_valid("y ý tỷ kỹ lý mỹ sỹ hy ty thủy thuỷ huy uy quy ì ỉ Thy Vy");
        all_invalid("tym yn yt chy bý gii giy");
    }

    #[test]
    fn few_rimes_follow_a_medial() {
        all_valid("hoạch hoặc khoèo tuân thuế huynh khuyên khuya thuở quệch quít xuềnh");
        all_invalid("oem uâp uêm quôn uyêm hoăp gioan");
    }

    /// Debian's hunspell-vi word list (installed by scripts/setup.sh, never committed: it is
    /// GPL) as a recall oracle: every Vietnamese syllable in it must be valid here.
    #[test]
    fn every_syllable_of_hunspell_vi_is_valid() {
        let path = "/usr/share/hunspell/vi_VN.dic";
        let Ok(list) = std::fs::read_to_string(path) else {
            assert!(
                std::env::var_os("CI").is_none(),
                "{path} is missing: install hunspell-vi (scripts/setup.sh)"
            );
            eprintln!("skipped: {path} is missing (apt-get install hunspell-vi)");
            return;
        };
        // What the list holds besides syllables: loanwords written whole or with letters
        // Vietnamese does not use, English, a letter, and two toneless syllables whose final
        // needs a tone ("têt", "xit", "gip").
        const NOT_SYLLABLES: [&str; 19] = [
            "Telex", "Tp", "Unicode", "basoi", "email", "gen", "gip", "gram", "internet",
            "intranet", "ka", "palăng", "ping", "tivi", "tout", "têt", "v", "web", "xit",
        ];
        let mut checked = 0;
        let mut wrong = Vec::new();
        for w in list
            .lines()
            .skip(1)
            .map(|l| l.split('/').next().unwrap_or("").trim())
        {
            let abbreviation = w.chars().count() > 1 && w.chars().all(|c| !c.is_lowercase());
            if w.is_empty() || abbreviation || NOT_SYLLABLES.contains(&w) {
                continue;
            }
            checked += 1;
            if !is_valid(w) {
                wrong.push(w);
            }
        }
        assert!(checked > 6000, "only {checked} words read from {path}");
        assert!(wrong.is_empty(), "not valid: {wrong:?}");
    }

    #[test]
    fn tone_places_after_a_medial_both_styles() {
        all_valid("hòa hoà khỏe khoẻ thủy thuỷ ủy uỷ lòe loè");
        // With a final the mark is on the main vowel in both styles.
        all_valid("hoàn toàn khoát thuyền hoặc ngoài xoáy");
        all_invalid("hòan tòan khóat thủyền hòai");
        // uê and uơ: on ê and ơ, always.
        all_valid("thuế huệ thuở");
        all_invalid("thúê hụê thủơ");
        assert_eq!(style_of("hòa"), Some(ToneStyle::Classic));
        assert_eq!(style_of("hoà"), Some(ToneStyle::Modern));
        assert_eq!(style_of("Thuỷ"), Some(ToneStyle::Modern));
        assert_eq!(style_of("hoa"), None);
        assert_eq!(style_of("hoàn"), None);
        assert_eq!(restyle("Hoà", ToneStyle::Classic), "Hòa");
        assert_eq!(restyle("THỦY", ToneStyle::Modern), "THUỶ");
        assert_eq!(restyle("người", ToneStyle::Modern), "người");
    }

    #[test]
    fn a_misplaced_tone_is_moved() {
        let c = ToneStyle::Classic;
        for (bad, good) in [
            ("ngừơi", "người"),
            ("đựơc", "được"),
            ("tòan", "toàn"),
            ("múôn", "muốn"),
            ("Ngừơi", "Người"),
            ("NGỪƠI", "NGƯỜI"),
            ("thúê", "thuế"),
            ("mưá", "mứa"),
            ("hoạc", "hoạc"),
        ] {
            assert_eq!(place_tone(bad, c).as_deref(), Some(good), "{bad}");
        }
        assert_eq!(place_tone("hóa", ToneStyle::Modern).unwrap(), "hóa");
        assert_eq!(place_tone("bcd", c), None);
    }

    #[test]
    fn names_are_syllables_too() {
        all_valid(
            "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Quỳnh \
             Khuê Thủy Thuỷ Hòa Hoà Ngọc Tuấn Phương Trang Giang Yến Quyên Khoa Duy Huy Toàn \
             Thanh Xuân Hưng Nghĩa Nghiêm Kiều Cường Chiến Thắng Uyên Oanh Khánh Quang Sỹ \
             Thy Vy Mỹ Ánh Ngân Hằng Tường Khuyến Quyết Loan Doãn Hoan Thuận Uông Ứng",
        );
    }

    #[test]
    fn near_syllables_for_a_dropped_letter() {
        let n = near("trườg", 5);
        assert!(n.contains(&"trường".to_string()), "{n:?}");
        let n = near("nguờithu", 5);
        assert!(n.is_empty());
        let n = near("khôg", 5);
        assert!(n.contains(&"không".to_string()), "{n:?}");
    }
}
