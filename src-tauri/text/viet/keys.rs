//! Keystrokes left in the text: a word typed with Unikey off (or on the wrong input method) still
//! holds the keys that should have become marks: Telex "ddaauf" for "đầu", VNI "d9a6u2".
//!
//! [`telex`] and [`vni`] read a word as the keyboard would have, and give the syllable it makes
//! together with what gave it away ([`Keys`]), so the spelling checks can tell a leftover from an
//! English word that happens to read as one ("bus" → "bú").

use super::letters::{self, Hat, Tone};
use super::syllable::{self, Letters, ToneStyle};

/// The keys a reading used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Keys {
    /// A hat or đ key: dd, aa, ee, oo, w (Telex); 6, 7, 8, 9 (VNI).
    pub hat: bool,
    /// The tone key, when one was used: s, f, r, x, j (Telex) or 1–5 (VNI).
    pub tone: Option<char>,
    /// A key that removes the tone (z, 0).
    pub clear: bool,
    /// How many tone keys were read: a leftover has one ("offer" would need two).
    pub tones: u8,
    /// A tone key came before a vowel ("more" → "mỏe"): how English words read, not how Telex
    /// is typed (the tone key follows the vowels: "khoer", "hoaf").
    pub tone_early: bool,
    /// A doubled letter away from the one it hats ("mono" → "môn", "photos" → "phốt"): Unikey
    /// reads it, but English words read so far more often than Telex is typed so.
    pub hat_far: bool,
}

impl Keys {
    /// A hat or a tone: "z" alone (removing a tone) is no sign of a leftover.
    fn any(&self) -> bool {
        self.hat || self.tone.is_some()
    }
}

/// Which keyboard.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Telex,
    Vni,
}

/// The word as typed so far: letters (toneless, with their hats) and the tone.
struct Typed {
    l: Letters,
    tone: Tone,
    keys: Keys,
}

impl Typed {
    fn letters(&self) -> &[char] {
        self.l.letters()
    }

    /// The last run of vowels: the one ending the word (`strict`), or the last one anywhere
    /// (Unikey lets a hat key come after the final: "duongw" → "dương").
    fn cluster(&self, strict: bool) -> Option<(usize, usize)> {
        let b = self.letters();
        let mut end = b.len();
        if !strict {
            while end > 0 && !letters::is_vowel(b[end - 1]) {
                end -= 1;
            }
        }
        if end == 0 || !letters::is_vowel(b[end - 1]) {
            return None;
        }
        let mut start = end - 1;
        while start > 0 && letters::is_vowel(b[start - 1]) {
            start -= 1;
        }
        Some((start, end))
    }

    fn has_vowel(&self) -> bool {
        self.letters().iter().any(|&c| letters::is_vowel(c))
    }

    /// Puts a circumflex on the last a, e or o of the vowels (`on` limits which: Telex "aa"
    /// only hats an a).
    fn circumflex(&mut self, on: Option<char>, strict: bool) -> bool {
        let Some((s, e)) = self.cluster(strict) else {
            return false;
        };
        let range = if strict && on.is_some() {
            e - 1..e
        } else {
            s..e
        };
        for i in range.rev() {
            let c = self.l.b[i];
            if on.is_none_or(|o| o == c) {
                if let Some(h) = letters::with_hat(c, Hat::Circumflex) {
                    self.l.b[i] = h;
                    return true;
                }
            }
        }
        false
    }

    /// The horn: "uo" → "ươ", else the last o or u; `breve` allows a → ă (Telex w).
    fn horn(&mut self, breve: bool, strict: bool) -> bool {
        let Some((s, e)) = self.cluster(strict) else {
            return false;
        };
        for i in s..e.saturating_sub(1) {
            let (a, b) = (self.l.b[i], self.l.b[i + 1]);
            if matches!(a, 'u' | 'ư') && matches!(b, 'o' | 'ô' | 'ơ') {
                self.l.b[i] = 'ư';
                self.l.b[i + 1] = 'ơ';
                return true;
            }
        }
        for i in (s..e).rev() {
            let c = letters::bare(self.l.b[i]);
            let hatted = match c {
                'o' | 'u' => letters::with_hat(c, Hat::Horn),
                'a' if breve => letters::with_hat(c, Hat::Breve),
                _ => None,
            };
            if let Some(h) = hatted {
                if h != self.l.b[i] {
                    self.l.b[i] = h;
                    return true;
                }
            }
        }
        false
    }

    fn breve(&mut self, strict: bool) -> bool {
        let Some((s, e)) = self.cluster(strict) else {
            return false;
        };
        for i in (s..e).rev() {
            if matches!(self.l.b[i], 'a' | 'â') {
                self.l.b[i] = 'ă';
                return true;
            }
        }
        false
    }
}

fn read(token: &str, method: Method, strict: bool) -> Option<(String, Keys)> {
    let mut t = Typed {
        l: Letters::new(),
        tone: Tone::Ngang,
        keys: Keys::default(),
    };
    let mut prev = None;
    for c in token.chars() {
        let lc = letters::lower(c);
        let cap = lc != c;
        let after_itself = prev.replace(lc) == Some(lc);
        // A letter Unikey already made (ư, ầ): its tone counts.
        if let Some((base, tone)) = letters::split(lc) {
            if tone != Tone::Ngang {
                t.tone = tone;
            }
            t.keys.tone_early |= t.keys.tones > 0;
            let doubled = method == Method::Telex
                && tone == Tone::Ngang
                && matches!(lc, 'a' | 'e' | 'o')
                && t.circumflex(Some(lc), strict);
            if doubled {
                t.keys.hat = true;
                t.keys.hat_far |= !after_itself;
            } else if !t.l.push(base, cap) {
                return None;
            }
            continue;
        }
        let used = match (method, lc) {
            (_, 'đ') => t.l.push('đ', cap),
            (Method::Telex, 'd') | (Method::Vni, '9') if t.letters() == ['d'] => {
                t.l.b[0] = 'đ';
                t.keys.hat = true;
                true
            }
            (Method::Telex, 'w') => {
                if t.horn(true, strict) {
                    t.keys.hat = true;
                    true
                } else if t.cluster(false).is_none() || !strict {
                    // "w" alone is ư.
                    t.keys.hat = true;
                    t.l.push('ư', cap)
                } else {
                    false
                }
            }
            (Method::Telex, 's' | 'f' | 'r' | 'x' | 'j') if t.has_vowel() => {
                t.tone = match lc {
                    's' => Tone::Sac,
                    'f' => Tone::Huyen,
                    'r' => Tone::Hoi,
                    'x' => Tone::Nga,
                    _ => Tone::Nang,
                };
                t.keys.tone = Some(lc);
                t.keys.tones += 1;
                true
            }
            (Method::Telex, 'z') if t.has_vowel() => {
                t.tone = Tone::Ngang;
                t.keys.clear = true;
                true
            }
            (Method::Vni, '1'..='5') if t.has_vowel() => {
                t.tone = match lc {
                    '1' => Tone::Sac,
                    '2' => Tone::Huyen,
                    '3' => Tone::Hoi,
                    '4' => Tone::Nga,
                    _ => Tone::Nang,
                };
                t.keys.tone = Some(lc);
                t.keys.tones += 1;
                true
            }
            (Method::Vni, '0') if t.has_vowel() => {
                t.tone = Tone::Ngang;
                t.keys.clear = true;
                true
            }
            (Method::Vni, '6') => {
                let ok = t.circumflex(None, strict);
                t.keys.hat |= ok;
                ok
            }
            (Method::Vni, '7') => {
                let ok = t.horn(false, strict);
                t.keys.hat |= ok;
                ok
            }
            (Method::Vni, '8') => {
                let ok = t.breve(strict);
                t.keys.hat |= ok;
                ok
            }
            (_, c) if letters::is_viet_letter(c) => t.l.push(c, cap),
            _ => false,
        };
        if !used {
            return None;
        }
    }
    if !t.keys.any() {
        return None;
    }
    let word = syllable::compose(&t.l, t.tone, ToneStyle::Classic)?;
    Some((word, t.keys))
}

/// `token` read as Telex keystrokes ("ddaauf" → "đầu", "nguwowif" → "người", "tooi" → "tôi"),
/// when that gives a valid syllable and at least one key did something. Capitals are kept.
pub fn telex(token: &str) -> Option<(String, Keys)> {
    read(token, Method::Telex, true).or_else(|| read(token, Method::Telex, false))
}

/// `token` read as VNI keystrokes ("vie65t" → "việt", "d9a6u2" → "đầu").
pub fn vni(token: &str) -> Option<(String, Keys)> {
    read(token, Method::Vni, true).or_else(|| read(token, Method::Vni, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Option<String> {
        telex(s).map(|(w, _)| w)
    }

    fn v(s: &str) -> Option<String> {
        vni(s).map(|(w, _)| w)
    }

    #[test]
    fn telex_leftovers_are_read() {
        for (typed, word) in [
            ("ddaauf", "đầu"),
            ("tooi", "tôi"),
            ("tooir", "tổi"),
            ("nguwowif", "người"),
            ("nguoiwf", "người"),
            ("dduwowngf", "đường"),
            ("duongwf", "dường"),
            ("vieetj", "việt"),
            ("Vieejt", "Việt"),
            ("nawm", "năm"),
            ("cuar", "của"),
            ("laf", "là"),
            ("khoong", "không"),
            ("tieengs", "tiếng"),
            ("nhw", "như"),
            ("hoaf", "hòa"),
            ("DDAAUF", "ĐẦU"),
            ("quyeets", "quyết"),
            ("giuwax", "giữa"),
            ("trườngf", "trường"),
        ] {
            assert_eq!(t(typed).as_deref(), Some(word), "{typed}");
        }
        // Nothing to read, or nothing valid comes out.
        for typed in ["ban", "internet", "zalo", "abc", "xyz"] {
            assert_eq!(t(typed), None, "{typed}");
        }
        let (_, k) = telex("ddaauf").unwrap();
        assert!(k.hat && k.tone == Some('f'));
        let (_, k) = telex("bus").unwrap();
        assert!(!k.hat && k.tone == Some('s'));
        // A tone key before a vowel is how English reads, not how Telex is typed.
        let (w, k) = telex("more").unwrap();
        assert_eq!(w, "mỏe");
        assert!(k.tone_early);
        assert!(!telex("khoer").unwrap().1.tone_early);
        // A doubled letter away from its vowel: read, and told apart.
        let (w, k) = telex("mono").unwrap();
        assert_eq!(w, "môn");
        assert!(k.hat && k.hat_far);
        let (w, k) = telex("vietej").unwrap();
        assert_eq!(w, "việt");
        assert!(k.hat_far);
        assert!(!telex("tooi").unwrap().1.hat_far);
        assert!(!telex("ddaauf").unwrap().1.hat_far);
    }

    #[test]
    fn vni_leftovers_are_read() {
        for (typed, word) in [
            ("vie65t", "việt"),
            ("d9a6u2", "đầu"),
            ("ngu7o72i", "người"),
            ("nguoi72", "người"),
            ("na8m", "năm"),
            ("ba1o", "báo"),
            ("Vie65t", "Việt"),
        ] {
            assert_eq!(v(typed).as_deref(), Some(word), "{typed}");
        }
        for typed in ["km2", "m3", "2026", "a4b", "h5n1"] {
            assert_eq!(v(typed), None, "{typed}");
        }
    }
}
