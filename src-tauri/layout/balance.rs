//! Lines of balanced length for centred text: the trích yếu, the headings of a Phần, the signer's
//! lines, appendix titles, the agency name when it must wrap.
//!
//! A careful typist does not fill a centred title's first line and leave "2027" alone on the
//! second: the lines are made about equally long ("minimum raggedness"), keeping as few lines as
//! greedy filling would, so the block is no taller. On top of that, a break is never put
//!
//! - between the two syllables of a common word ("trọng / tâm", "nhiệm / vụ") or of a proper name
//!   ("Bạch / Mai") when another break exists,
//! - so that one word stands alone on a line,
//! - so that the shortest line is under [`MIN_SHARE`] of the longest,
//!
//! in that order of importance, and a break after a comma or a semicolon is slightly preferred, as
//! a reader pauses there anyway. Vietnamese writes each syllable as a word, so the compound words
//! come from a list of the ones reports use most ([`COMPOUNDS`]); numbers stay with their unit
//! ("06 tháng", "năm 2026").
//!
//! The algorithm is the classic dynamic programme over break positions (Knuth–Plass without
//! stretching): for `n` words and `k` lines it costs O(k·n²), a few microseconds for a title.

use super::geometry::FIT_EPS;
use crate::text::{Face, Measurer};

/// The shortest line of a balanced block is at least this share of the longest.
pub const MIN_SHARE: f32 = 0.45;

/// Blocks with more words than this are broken greedily: balancing is for titles, and a centred
/// block this long is a mistake of the user's that greedy lines show as well as any.
const MAX_WORDS: usize = 400;

/// Penalties, one order of magnitude apart so that a worse class is never traded for a better
/// balance: a compound split, a lone word, a line under [`MIN_SHARE`].
const SPLIT_PENALTY: f64 = 1e12;
const LONE_PENALTY: f64 = 1e10;
const SHORT_PENALTY: f64 = 1e8;
/// A break after a comma or semicolon is worth this share of the measure in balance.
const PHRASE_BONUS_SHARE: f64 = 0.12;

/// What a break between two words would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// Any break is fine here.
    Free,
    /// After a comma, semicolon or colon: a natural pause, slightly preferred.
    Phrase,
    /// Inside a common word, a proper name or between a number and its unit: avoided.
    Bound,
}

/// Common words of two syllables in administrative reports, lower case. A break between the two
/// syllables reads as a typing mistake ("trọng / tâm").
pub const COMPOUNDS: &[&str] = &[
    "an ninh",
    "an sinh",
    "an toàn",
    "ban hành",
    "báo cáo",
    "bảo đảm",
    "bảo hiểm",
    "bảo vệ",
    "bền vững",
    "biện pháp",
    "bình đẳng",
    "bổ sung",
    "cải cách",
    "cải thiện",
    "cán bộ",
    "cấp ủy",
    "chỉ đạo",
    "chỉ thị",
    "chỉ tiêu",
    "chính phủ",
    "chính quyền",
    "chính sách",
    "chính trị",
    "chủ động",
    "chủ nghĩa",
    "chủ quản",
    "chủ tịch",
    "chuyển biến",
    "chuyển đổi",
    "chương trình",
    "công an",
    "công chức",
    "công dân",
    "công nghệ",
    "công tác",
    "công trình",
    "cơ quan",
    "cơ sở",
    "cộng hòa",
    "cụ thể",
    "cuối năm",
    "cư trú",
    "dân cư",
    "dân số",
    "dân sự",
    "dịch vụ",
    "doanh nghiệp",
    "dự án",
    "dự thảo",
    "dự toán",
    "đánh giá",
    "đảm bảo",
    "đảng ủy",
    "đầu năm",
    "đầu tư",
    "đề án",
    "đề nghị",
    "địa bàn",
    "địa phương",
    "điều hành",
    "điều chỉnh",
    "đoàn thể",
    "đô thị",
    "đối tượng",
    "đơn vị",
    "đời sống",
    "giải pháp",
    "giải quyết",
    "giáo dục",
    "hạ tầng",
    "hành chính",
    "hành động",
    "hạn chế",
    "hiệu quả",
    "hoạt động",
    "hoàn thành",
    "học sinh",
    "hội đồng",
    "hướng dẫn",
    "kế hoạch",
    "kết quả",
    "kiểm tra",
    "kinh doanh",
    "kinh tế",
    "khó khăn",
    "khu vực",
    "lãnh đạo",
    "lĩnh vực",
    "môi trường",
    "mục tiêu",
    "ngân sách",
    "nghị định",
    "nghị quyết",
    "nguyên nhân",
    "người dân",
    "nhà nước",
    "nhân dân",
    "nhiệm kỳ",
    "nhiệm vụ",
    "nội dung",
    "nội vụ",
    "phát triển",
    "phòng chống",
    "phối hợp",
    "phương án",
    "phương hướng",
    "quản lý",
    "quốc gia",
    "quốc phòng",
    "quy định",
    "quy hoạch",
    "quy chế",
    "sản xuất",
    "sức khỏe",
    "tài chính",
    "tài nguyên",
    "tăng cường",
    "tăng trưởng",
    "tiếp tục",
    "tiến độ",
    "tình hình",
    "tổ chức",
    "tồn tại",
    "tổng hợp",
    "tổng kết",
    "trật tự",
    "trọng tâm",
    "trọng điểm",
    "trách nhiệm",
    "triển khai",
    "trung ương",
    "tuyên truyền",
    "thanh tra",
    "thành phố",
    "thẩm quyền",
    "thi đua",
    "thiên tai",
    "thị trấn",
    "thị xã",
    "thông tin",
    "thủ tục",
    "thực hiện",
    "thực trạng",
    "thường xuyên",
    "thương mại",
    "ủy ban",
    "văn bản",
    "văn hóa",
    "vi phạm",
    "việt nam",
    "xã hội",
    "xây dựng",
    "xử lý",
    "y tế",
];

/// Words a number stays with ("06 tháng", "năm 2026", "12 người").
const UNITS: &[&str] = &[
    "ngày", "tháng", "năm", "quý", "số", "lần", "khóa", "kỳ", "đợt", "người", "hộ", "tỷ", "triệu",
    "nghìn", "đồng", "giờ", "phút", "km", "ha", "m²", "%", "điểm", "lượt", "vụ",
];

fn bare(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '²')
        .to_lowercase()
}

fn is_number(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    !w.is_empty()
        && w.chars().next().is_some_and(|c| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | '-'))
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn all_upper(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

/// What a break between `word` and `next` would do. `first` says `word` starts the text (a
/// capital there starts the sentence, not a name).
pub fn join(word: &str, next: &str, first: bool) -> Join {
    if word.ends_with([',', ';', ':']) {
        return Join::Phrase;
    }
    if word.ends_with(['.', '!', '?', ')', '"', '”']) || next.starts_with(['(', '"', '“', '-'])
    {
        return Join::Free;
    }
    let (a, b) = (bare(word), bare(next));
    if a.is_empty() || b.is_empty() {
        return Join::Free;
    }
    let pair = format!("{a} {b}");
    if COMPOUNDS.contains(&pair.as_str()) {
        return Join::Bound;
    }
    if (is_number(word) && UNITS.contains(&b.as_str()))
        || (is_number(next) && UNITS.contains(&a.as_str()))
    {
        return Join::Bound;
    }
    // Two capitalised words in running text are a name ("Bạch Mai", "Hà Nội"); in upper-case
    // text every word is capitalised and this says nothing.
    let name =
        !first && starts_upper(word) && starts_upper(next) && !(all_upper(word) && all_upper(next));
    if name {
        return Join::Bound;
    }
    Join::Free
}

/// Where the lines of a centred block start (indices into the words; the first is 0), for words
/// of natural `widths` each followed by a space of `spaces[i]` when a word follows on the line,
/// `joins[i]` saying what a break after word `i` does, the first line `first_avail` wide and the
/// others `rest_avail`.
///
/// Keeps the number of lines greedy filling gives. Returns `None` when the block is too long to
/// balance (see [`MAX_WORDS`]) or a word is wider than its line; the caller then fills greedily.
pub fn breaks(
    widths: &[f32],
    spaces: &[f32],
    joins: &[Join],
    first_avail: f32,
    rest_avail: f32,
) -> Option<Vec<usize>> {
    let n = widths.len();
    if n == 0 || n > MAX_WORDS {
        return None;
    }
    let avail = |line: usize| if line == 0 { first_avail } else { rest_avail };
    // Natural width of words a..b on one line: prefix sums of width + space.
    let mut pre = Vec::with_capacity(n + 1);
    pre.push(0.0f64);
    for (w, sp) in widths.iter().zip(spaces) {
        let before = pre.last().copied().unwrap_or(0.0);
        pre.push(before + f64::from(*w) + f64::from(*sp));
    }
    let width = |a: usize, b: usize| pre[b] - pre[a] - f64::from(spaces[b - 1]);
    let k = greedy_count(n, &width, &avail)?;
    if k == 1 {
        return Some(vec![0]);
    }
    let best = |min_w: f64| solve(n, k, &width, &avail, joins, min_w);
    let (mut starts, _) = best(0.0)?;
    let widest = |s: &[usize]| line_widths(s, n, &width).into_iter().fold(0.0f64, f64::max);
    // The shortest line as a share of the longest is not a sum over lines: solve again with a
    // floor under every line, raised until the answer keeps to it.
    for _ in 0..3 {
        let ws = line_widths(&starts, n, &width);
        let (lo, hi) = ws
            .iter()
            .fold((f64::MAX, 0.0f64), |(lo, hi), &w| (lo.min(w), hi.max(w)));
        if lo >= f64::from(MIN_SHARE) * hi - 1e-6 {
            break;
        }
        match best(f64::from(MIN_SHARE) * widest(&starts)) {
            Some((s, _)) if s != starts => starts = s,
            _ => break,
        }
    }
    Some(starts)
}

/// `text` as centred lines of balanced length `width` wide at most, in `face` at `size`: the lines
/// the layout sets for a centred block of plain text (the trích yếu, a Phần's title, an appendix
/// title), for painters that write lines rather than positions (the `.docx` painter).
pub fn balance_text(m: &Measurer, text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return Vec::new();
    }
    let widths: Vec<f32> = words.iter().map(|w| m.width(face, w, size)).collect();
    let space = m.width(face, " ", size);
    let mut spaces = vec![space; words.len()];
    if let Some(last) = spaces.last_mut() {
        *last = 0.0;
    }
    let joins: Vec<Join> = words
        .windows(2)
        .enumerate()
        .map(|(i, p)| join(p[0], p[1], i == 0))
        .collect();
    let starts = breaks(&widths, &spaces, &joins, width, width).unwrap_or_else(|| {
        // A word wider than the line: greedy, each over-wide word on its own line.
        let mut starts = vec![0];
        let mut w = 0.0;
        for (i, ww) in widths.iter().enumerate() {
            let add = if w > 0.0 { space + ww } else { *ww };
            if w > 0.0 && w + add > width + FIT_EPS {
                starts.push(i);
                w = *ww;
            } else {
                w += add;
            }
        }
        starts
    });
    starts
        .iter()
        .enumerate()
        .map(|(j, &a)| words[a..starts.get(j + 1).copied().unwrap_or(words.len())].join(" "))
        .collect()
}

/// The widths of the lines starting at `starts`.
fn line_widths(starts: &[usize], n: usize, width: &impl Fn(usize, usize) -> f64) -> Vec<f64> {
    starts
        .iter()
        .enumerate()
        .map(|(j, &a)| width(a, starts.get(j + 1).copied().unwrap_or(n)))
        .collect()
}

/// How many lines greedy filling takes, or `None` when a word alone is wider than its line.
fn greedy_count(
    n: usize,
    width: &impl Fn(usize, usize) -> f64,
    avail: &impl Fn(usize) -> f32,
) -> Option<usize> {
    let mut k = 0;
    let mut a = 0;
    while a < n {
        let lim = f64::from(avail(k) + FIT_EPS);
        if width(a, a + 1) > lim {
            return None;
        }
        let mut b = a + 1;
        while b < n && width(a, b + 1) <= lim {
            b += 1;
        }
        k += 1;
        a = b;
    }
    Some(k)
}

/// The best `k` lines: minimum total squared slack plus the penalties, every line at least
/// `min_w` wide (else [`SHORT_PENALTY`]). Returns the line starts and the cost.
fn solve(
    n: usize,
    k: usize,
    width: &impl Fn(usize, usize) -> f64,
    avail: &impl Fn(usize) -> f32,
    joins: &[Join],
    min_w: f64,
) -> Option<(Vec<usize>, f64)> {
    const INF: f64 = f64::INFINITY;
    // best[j][b]: cost of words 0..b in j lines; from[j][b]: where line j - 1 starts.
    let mut best = vec![vec![INF; n + 1]; k + 1];
    let mut from = vec![vec![0usize; n + 1]; k + 1];
    best[0][0] = 0.0;
    for j in 1..=k {
        let av = f64::from(avail(j - 1));
        let lim = av + f64::from(FIT_EPS);
        let bonus = (PHRASE_BONUS_SHARE * av).powi(2);
        for b in j..=n {
            // Each of the remaining k - j lines needs at least one word.
            if n - b < k - j {
                continue;
            }
            for a in (j - 1..b).rev() {
                let w = width(a, b);
                if w > lim {
                    break;
                }
                if best[j - 1][a] == INF {
                    continue;
                }
                let mut cost = best[j - 1][a] + (av - w).powi(2);
                if b - a == 1 && n > 1 {
                    cost += LONE_PENALTY;
                }
                if w < min_w {
                    cost += SHORT_PENALTY;
                }
                if b < n {
                    match joins.get(b - 1).copied().unwrap_or(Join::Free) {
                        Join::Bound => cost += SPLIT_PENALTY,
                        Join::Phrase => cost -= bonus,
                        Join::Free => {}
                    }
                }
                if cost < best[j][b] {
                    best[j][b] = cost;
                    from[j][b] = a;
                }
            }
        }
    }
    if best[k][n] == INF {
        return None;
    }
    let mut starts = vec![0; k];
    let mut b = n;
    for j in (1..=k).rev() {
        let a = from[j][b];
        starts[j - 1] = a;
        b = a;
    }
    Some((starts, best[k][n]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of the given widths with 3 pt spaces, joins computed from `texts`.
    fn run(texts: &[&str], widths: &[f32], avail: f32) -> Vec<usize> {
        let spaces = vec![3.0; widths.len()];
        let joins: Vec<Join> = texts
            .windows(2)
            .enumerate()
            .map(|(i, w)| join(w[0], w[1], i == 0))
            .collect();
        breaks(widths, &spaces, &joins, avail, avail).unwrap()
    }

    #[test]
    fn joins_know_compounds_names_numbers_and_pauses() {
        assert_eq!(join("trọng", "tâm", false), Join::Bound);
        assert_eq!(join("TRỌNG", "TÂM", false), Join::Bound);
        assert_eq!(join("Bạch", "Mai", false), Join::Bound);
        assert_eq!(join("Tình", "hình", true), Join::Bound);
        assert_eq!(join("Về", "Kế", true), Join::Free);
        assert_eq!(join("năm", "2027", false), Join::Bound);
        assert_eq!(join("06", "tháng", false), Join::Bound);
        assert_eq!(join("đạo,", "điều", false), Join::Phrase);
        assert_eq!(join("tâm", "năm", false), Join::Free);
        assert_eq!(join("PHƯỜNG", "BẠCH", false), Join::Free);
    }

    #[test]
    fn a_last_word_alone_is_pulled_into_a_balanced_block() {
        // Ten words of 40 pt in a 400 pt measure: greedy gives 9 + 1; balanced gives 5 + 5.
        let texts = ["a"; 10];
        let starts = run(&texts, &[40.0; 10], 400.0);
        assert_eq!(starts, vec![0, 5]);
    }

    #[test]
    fn a_common_word_is_not_split_when_another_break_exists() {
        // "… nhiệm vụ trọng tâm năm 2027": the balanced break would fall inside "trọng tâm".
        let texts = ["Kế", "hoạch", "nhiệm", "vụ", "trọng", "tâm", "năm", "2027"];
        let widths = [20.0, 40.0, 40.0, 20.0, 40.0, 30.0, 30.0, 40.0];
        let starts = run(&texts, &widths, 200.0);
        let split_at = |i: usize| starts.contains(&i);
        assert!(!split_at(5), "trọng / tâm: {starts:?}");
        assert!(!split_at(7), "năm / 2027: {starts:?}");
        assert!(!split_at(1) && !split_at(3), "{starts:?}");
        assert_eq!(starts.len(), 2);
    }

    #[test]
    fn the_shortest_line_keeps_to_its_share_of_the_longest() {
        let widths = [
            30.0, 35.0, 80.0, 25.0, 30.0, 28.0, 90.0, 20.0, 22.0, 60.0, 18.0, 33.0,
        ];
        let texts = ["x"; 12];
        let starts = run(&texts, &widths, 220.0);
        let spaces = [3.0f32; 12];
        let width = |a: usize, b: usize| -> f32 {
            widths[a..b].iter().sum::<f32>() + spaces[a..b - 1].iter().sum::<f32>()
        };
        let ws: Vec<f32> = starts
            .iter()
            .enumerate()
            .map(|(j, &a)| width(a, starts.get(j + 1).copied().unwrap_or(12)))
            .collect();
        let lo = ws.iter().cloned().fold(f32::MAX, f32::min);
        let hi = ws.iter().cloned().fold(0.0, f32::max);
        assert!(lo >= MIN_SHARE * hi, "{ws:?}");
        assert!(ws.iter().all(|w| *w <= 220.0));
    }

    #[test]
    fn one_line_stays_one_line_and_an_oversized_word_gives_up() {
        assert_eq!(run(&["a", "b"], &[10.0, 10.0], 100.0), vec![0]);
        assert_eq!(
            breaks(&[500.0], &[0.0], &[], 100.0, 100.0),
            None,
            "the caller cuts the word"
        );
    }
}
