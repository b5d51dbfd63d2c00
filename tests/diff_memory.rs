//! So sánh two long sections: the word diff needs memory in proportion to the words, not to their
//! product. A table of (n+1)·(m+1) cells, as a textbook longest common subsequence keeps, is
//! 3.6 GB for two sections of 30,000 words. Its own test binary, so that the peak memory it
//! reads is its own.

/// Peak resident memory of this process, in kB (`VmHWM` of /proc/self/status).
#[cfg(target_os = "linux")]
fn peak_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status")
}

#[cfg(target_os = "linux")]
#[test]
fn two_sections_of_30000_words_are_compared_in_linear_memory() {
    use baocao::diff::{words, SpanKind};
    let old: String = (0..30_000).map(|i| format!("từ{i} ")).collect();
    // Every word different: the worst case for a table, and for Myers' algorithm.
    let new: String = (0..30_000).map(|i| format!("chữ{i} ")).collect();
    // A real edit: one word in a hundred changed.
    let edited: String = (0..30_000)
        .map(|i| {
            if i % 100 == 50 {
                format!("sửa{i} ")
            } else {
                format!("từ{i} ")
            }
        })
        .collect();
    let before = peak_kb();
    let spans = words(&old, &new);
    let few = words(&old, &edited);
    let grown = peak_kb().saturating_sub(before);
    assert!(grown < 100_000, "the comparison took {grown} kB more");

    assert_eq!(
        spans.len(),
        2,
        "all of one deleted, all of the other inserted"
    );
    assert_eq!(
        (spans[0].kind, spans[1].kind),
        (SpanKind::Delete, SpanKind::Insert)
    );
    assert_eq!(spans[0].text, old);
    assert_eq!(spans[1].text, new);
    let changed: Vec<&str> = few
        .iter()
        .filter(|s| s.kind != SpanKind::Equal)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(changed.len(), 600, "300 words, each deleted then inserted");
    assert_eq!(changed[0], "từ50 ");
    assert_eq!(changed[1], "sửa50 ");
    // Nothing lost: the old text is the equal and deleted words, the new the equal and inserted.
    let side = |skip: SpanKind| -> String {
        few.iter()
            .filter(|s| s.kind != skip)
            .map(|s| s.text.as_str())
            .collect()
    };
    assert_eq!(side(SpanKind::Insert), old);
    assert_eq!(side(SpanKind::Delete), edited);
}
