//! Vietnamese letters: a vowel is a base letter, maybe a hat (ă â ê ô ơ ư), and one of six tones.
//!
//! Every other part of [`super`] takes a letter apart and puts it together through here, so the
//! 134 precomposed vowels are listed once.

/// The six tones, in the order of the table below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tone {
    /// Thanh ngang: no mark.
    Ngang,
    /// Thanh huyền: grave.
    Huyen,
    /// Thanh sắc: acute.
    Sac,
    /// Thanh hỏi: hook above.
    Hoi,
    /// Thanh ngã: tilde.
    Nga,
    /// Thanh nặng: dot below.
    Nang,
}

impl Tone {
    pub const ALL: [Tone; 6] = [
        Tone::Ngang,
        Tone::Huyen,
        Tone::Sac,
        Tone::Hoi,
        Tone::Nga,
        Tone::Nang,
    ];

    fn index(self) -> usize {
        self as usize
    }
}

/// The twelve vowel letters (with their hats) and their six toned forms, tone order as [`Tone`].
const VOWELS: [[char; 6]; 12] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
];

/// A lower-case vowel taken apart: its letter with the hat, and its tone. `None` for anything
/// that is not a Vietnamese vowel (consonants included).
pub fn split(c: char) -> Option<(char, Tone)> {
    // The spelling checks take every letter of a report apart: plain letters go first.
    if c.is_ascii() {
        return matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y').then_some((c, Tone::Ngang));
    }
    let u = c as u32;
    // Everything else Vietnamese is in Latin-1, Latin Extended-A/B or Latin Extended Additional.
    if !(u < 0x200 || (0x1EA0..=0x1EF9).contains(&u)) {
        return None;
    }
    for row in &VOWELS {
        if let Some(t) = row.iter().position(|&v| v == c) {
            return Some((row[0], Tone::ALL[t]));
        }
    }
    None
}

/// `base` (a toneless vowel letter, lower case) with `tone`; `base` itself when it is no vowel.
pub fn join(base: char, tone: Tone) -> char {
    VOWELS
        .iter()
        .find(|row| row[0] == base)
        .map_or(base, |row| row[tone.index()])
}

/// Is `c` (lower case, any tone) a vowel letter?
pub fn is_vowel(c: char) -> bool {
    split(c).is_some()
}

/// The letters Vietnamese writes with, lower case: the vowels with any tone, the consonants and
/// đ. (f, j, w, z are not among them.)
pub fn is_viet_letter(c: char) -> bool {
    matches!(
        c,
        'b' | 'c'
            | 'd'
            | 'đ'
            | 'g'
            | 'h'
            | 'k'
            | 'l'
            | 'm'
            | 'n'
            | 'p'
            | 'q'
            | 'r'
            | 's'
            | 't'
            | 'v'
            | 'x'
    ) || is_vowel(c)
}

/// A letter only Vietnamese uses (đ, a hat other than â ê ô, or a tone mark outside Latin-1):
/// a word with one is Vietnamese, whatever else it looks like.
pub fn is_viet_only(c: char) -> bool {
    let l = lower(c);
    match split(l) {
        Some((base, tone)) => {
            matches!(base, 'ă' | 'ơ' | 'ư') || tone != Tone::Ngang && (l as u32) > 0xFF
        }
        None => l == 'đ',
    }
}

/// Does `c` carry a Vietnamese diacritic (a hat, a tone mark, or the bar of đ)?
pub fn has_diacritic(c: char) -> bool {
    let l = lower(c);
    match split(l) {
        Some((base, tone)) => tone != Tone::Ngang || !base.is_ascii(),
        None => l == 'đ',
    }
}

/// The one lower-case form of `c` (every Vietnamese capital has exactly one).
pub fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

/// The one upper-case form of `c`.
pub fn upper(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_uppercase();
    }
    let mut u = c.to_uppercase();
    match (u.next(), u.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

/// The hat a keystroke or a legacy mark adds to a vowel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hat {
    /// â ê ô.
    Circumflex,
    /// ă.
    Breve,
    /// ơ ư.
    Horn,
}

/// `base` (toneless, lower case) with `hat`, when that letter exists: a + Breve = ă.
pub fn with_hat(base: char, hat: Hat) -> Option<char> {
    Some(match (base, hat) {
        ('a', Hat::Circumflex) => 'â',
        ('e', Hat::Circumflex) => 'ê',
        ('o', Hat::Circumflex) => 'ô',
        ('a', Hat::Breve) => 'ă',
        ('o', Hat::Horn) => 'ơ',
        ('u', Hat::Horn) => 'ư',
        _ => return None,
    })
}

/// The letter under the hat: ă, â → a; ê → e; ô, ơ → o; ư → u.
pub fn bare(base: char) -> char {
    match base {
        'ă' | 'â' => 'a',
        'ê' => 'e',
        'ô' | 'ơ' => 'o',
        'ư' => 'u',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vowel_comes_apart_and_back_together() {
        for row in &VOWELS {
            for (i, &c) in row.iter().enumerate() {
                assert_eq!(split(c), Some((row[0], Tone::ALL[i])));
                assert_eq!(join(row[0], Tone::ALL[i]), c);
                // Capitals too, through `lower`.
                assert_eq!(split(lower(upper(c))), Some((row[0], Tone::ALL[i])));
                assert_ne!(upper(c), c);
            }
        }
        assert_eq!(split('b'), None);
        assert_eq!(split('đ'), None);
        assert_eq!(lower('Đ'), 'đ');
        assert_eq!(join('d', Tone::Sac), 'd');
    }

    #[test]
    fn diacritics_and_vietnamese_only_letters() {
        assert!(has_diacritic('Ê') && has_diacritic('á') && has_diacritic('đ'));
        assert!(!has_diacritic('a') && !has_diacritic('y'));
        // é and ô are French too; ơ, ạ and đ are Vietnamese only.
        assert!(!is_viet_only('é') && !is_viet_only('ô'));
        assert!(is_viet_only('ơ') && is_viet_only('Ạ') && is_viet_only('đ'));
        assert!(!is_viet_letter('f') && is_viet_letter('đ') && is_viet_letter('ữ'));
    }
}
