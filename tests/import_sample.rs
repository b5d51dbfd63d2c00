//! Import of the real sample report (a 6-month report of phường Bạch Mai, as Markdown from a
//! converter), checked the way its user would: the outline they will see in the editor, the header
//! and closing fields, and not one word of their text lost. The same report pasted as plain text
//! from Word must give the same outline.

use baocao::import::{import_bytes, import_text};
use baocao::model::numbering::outline;
use baocao::model::{Authority, Block, DocDate, Label, Report, Run, Section};

const SAMPLE: &str =
    include_str!("../assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md");

fn sample() -> Report {
    import_bytes(SAMPLE.as_bytes()).expect("the sample imports")
}

/// The sample as Word's "plain text" would give it: no Markdown, one paragraph per line, no blank
/// lines, Windows line ends.
fn as_plain_text(md: &str) -> String {
    md.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            l.trim()
                .trim_start_matches('#')
                .replace("<sup>", "")
                .replace("</sup>", "")
                .replace("\\*", "\u{1}")
                .replace('*', "")
                .replace('\u{1}', "*")
                .trim()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

fn text(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

fn block_texts(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph { runs } => out.push(text(runs)),
            Block::List { items } => out.extend(items.iter().map(|i| text(i))),
            Block::Table(t) => {
                for row in &t.rows {
                    out.extend(row.iter().map(|c| text(c)));
                }
            }
        }
    }
    out
}

/// (depth, printed number, title) of every section, as the editor's outline shows it.
fn shape(r: &Report) -> Vec<(usize, String, String)> {
    outline(&r.body, r.parts)
        .into_iter()
        .map(|n| {
            (
                n.depth,
                n.number.unwrap_or_default(),
                n.section.title.clone(),
            )
        })
        .collect()
}

fn titles(sections: &[Section]) -> Vec<&str> {
    sections.iter().map(|s| s.title.as_str()).collect()
}

#[test]
fn header_fields_of_the_sample() {
    let r = sample();
    assert_eq!(r.number, None, "the number is left blank for the văn thư");
    assert_eq!(r.issuer.symbol, "BC-UBND");
    assert_eq!(r.place, "Bạch Mai");
    assert_eq!(
        r.date,
        DocDate {
            year: 2026,
            month: None,
            day: None
        }
    );
    assert_eq!(r.doc_type, "BÁO CÁO");
    assert_eq!(
        r.trich_yeu,
        "Tình hình hoạt động chỉ đạo, điều hành 06 tháng đầu năm và nhiệm vụ trọng tâm 06 tháng cuối năm 2026"
    );
    // Lost by the converter; inferred from "BC-UBND" and "phường Bạch Mai" in the text.
    assert_eq!(
        r.issuer.name_lines,
        vec!["ỦY BAN NHÂN DÂN", "PHƯỜNG BẠCH MAI"]
    );
    assert_eq!(r.issuer.parent, None);
    assert!(r.kinh_gui.is_empty());
}

#[test]
fn outline_of_the_sample_follows_its_numbering_words() {
    let r = sample();
    assert!(r.parts);
    assert_eq!(r.body.len(), 2, "{:?}", titles(&r.body));
    let opening = &r.body[0];
    assert_eq!(opening.label, Label::Custom("Phần mở đầu".into()));
    assert_eq!(
        opening.title,
        "KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH KINH TẾ XÃ HỘI, KẾT QUẢ NỔI BẬT TRONG CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH 06 THÁNG ĐẦU NĂM 2026"
    );
    assert_eq!(opening.blocks.len(), 2);
    assert!(opening.children.is_empty());

    let first = &r.body[1];
    assert_eq!(first.label, Label::Auto);
    assert_eq!(
        first.title,
        "ĐÁNH GIÁ TÌNH HÌNH, KẾT QUẢ THỰC HIỆN CHỈ ĐẠO, ĐIỀU HÀNH 06 THÁNG ĐẦU NĂM 2026"
    );
    assert_eq!(
        titles(&first.children),
        vec![
            "HOẠT ĐỘNG CHỈ ĐẠO ĐIỀU HÀNH",
            "KẾT QUẢ NỔI BẬT TRONG CHỈ ĐẠO, ĐIỀU HÀNH TRÊN CÁC LĨNH VỰC",
            "ĐÁNH GIÁ CHUNG",
            // Typed "III." a second time in the sample; the derived number makes it "IV.".
            "NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2026.",
        ]
    );
    let khoan: Vec<usize> = first.children.iter().map(|m| m.children.len()).collect();
    assert_eq!(khoan, vec![5, 9, 3, 11]);

    let numbers: Vec<(String, String)> = shape(&r)
        .into_iter()
        .filter(|(d, _, _)| *d == 1)
        .map(|(_, n, t)| (n, t))
        .collect();
    assert_eq!(numbers[3].0, "IV.");

    // Sub-khoản under "II. 1." and "IV. 5.", including "5.3 " typed without its final dot.
    let ii1 = &first.children[1].children[0];
    assert_eq!(
        titles(&ii1.children),
        vec![
            "Điều hành tài chính - ngân sách:",
            "Công tác quản lý hộ kinh doanh, doanh nghiệp"
        ]
    );
    let iv5 = &first.children[3].children[4];
    assert_eq!(
        iv5.title,
        "Lĩnh vực văn hóa, giáo dục đào tạo, khoa học công nghệ, y tế ..."
    );
    assert_eq!(
        titles(&iv5.children),
        vec![
            "Lĩnh vực văn hóa - thông tin, thể dục - thể thao",
            "Công tác Giáo dục và đào tạo",
            "Lĩnh vực Y tế, vệ sinh an toàn thực phẩm",
            "Lĩnh vực khoa học công nghệ",
        ]
    );
    let printed: Vec<(usize, String, String)> = shape(&r);
    assert!(printed.contains(&(
        3,
        "4.3.".to_string(),
        "Lĩnh vực Y tế, vệ sinh an toàn thực phẩm".to_string()
    )));
    assert!(printed.contains(&(
        3,
        "5.3.".to_string(),
        "Lĩnh vực Y tế, vệ sinh an toàn thực phẩm".to_string()
    )));

    // The two star headings sit under "III. 3. Nguyên nhân hạn chế, tồn tại", not numbered.
    let causes = &first.children[2].children[2];
    assert_eq!(causes.title, "Nguyên nhân hạn chế, tồn tại");
    assert_eq!(
        causes
            .children
            .iter()
            .map(|s| (s.label.clone(), s.title.as_str(), s.blocks.len()))
            .collect::<Vec<_>>(),
        vec![
            (Label::Custom("*".into()), "Nguyên nhân khách quan:", 1),
            (Label::Custom("*".into()), "Nguyên nhân chủ quan:", 1),
        ]
    );
    let Block::List { items } = &causes.children[0].blocks[0] else {
        panic!("the causes are a list");
    };
    assert_eq!(items.len(), 4);

    // Ids: unique and stable, in reading order.
    let ids: Vec<String> = outline(&r.body, r.parts)
        .iter()
        .map(|n| n.section.id.clone())
        .collect();
    let want: Vec<String> = (1..=ids.len()).map(|i| format!("s{i}")).collect();
    assert_eq!(ids, want);
}

#[test]
fn intro_closing_recipients_and_signer_of_the_sample() {
    let r = sample();
    assert_eq!(r.intro.len(), 1);
    assert!(block_texts(&r.intro)[0]
        .starts_with("Thực hiện Quy chế làm việc của UBND thành phố Hà Nội"));
    assert_eq!(r.closing, "Ủy ban nhân dân Phường trân trọng báo cáo./.");
    assert_eq!(
        r.noi_nhan.recipients,
        vec![
            "UBND thành phố",
            "TT Đảng ủy, TT. HĐND phường",
            "Chủ tịch UBND phường",
            "Các PCT UBND phường",
            "Văn phòng Đảng ủy",
            "Các phòng chuyên môn",
            "Các đơn vị sự nghiệp",
        ]
    );
    assert_eq!(r.noi_nhan.archive.units, vec!["VP"]);
    assert_eq!(r.noi_nhan.archive.copies, None);
    assert_eq!(r.signer.authority, Some(Authority::TM));
    assert_eq!(r.signer.collective, "ỦY BAN NHÂN DÂN");
    assert_eq!(r.signer.titles, vec!["CHỦ TỊCH"]);
    assert_eq!(r.signer.name, "Nguyễn Thị Thu Hiền");
    // None of the closing ended up in the body.
    let last = r.body[1].children[3].children.last().unwrap();
    let texts = block_texts(&last.blocks);
    assert!(texts
        .last()
        .unwrap()
        .ends_with("nhiệm vụ chính trị của Phường."));
}

#[test]
fn paragraphs_cut_at_a_page_end_are_rejoined_and_styles_kept() {
    let r = sample();
    let opening = block_texts(&r.body[0].blocks);
    assert_eq!(opening.len(), 2);
    assert!(opening[1]
        .contains("chăm lo chu đáo các đối tượng chính sách, đối tượng gặp khó khăn, thực hiện"));
    assert!(!opening.iter().any(|p| p.starts_with("sách,")));

    let Block::Paragraph { runs } = &r.body[0].blocks[0] else {
        panic!("a paragraph");
    };
    let sup = runs.iter().position(|r| r.sup).expect("a superscript run");
    assert_eq!(runs[sup].text, "2");
    assert!(runs[sup - 1].text.ends_with("2,95 km"));
    assert!(runs[sup + 1].text.starts_with(", dân số"));

    let Block::Paragraph { runs } = &r.body[0].blocks[1] else {
        panic!("a paragraph");
    };
    let italic: Vec<&str> = runs
        .iter()
        .filter(|r| r.italic)
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(
        italic[0],
        "Kỷ cương, chuyên nghiệp - Đột phá, sáng tạo - Hiệu quả, bền vững"
    );
    assert!(text(runs).contains("“Kỷ cương"), "curly quotes are kept");
}

/// Words of the input, without Markdown marks and without the numbers typed in headings.
fn input_words(md: &str) -> Vec<String> {
    let mut words = Vec::new();
    for line in md.lines() {
        let t = line.trim();
        let heading = t.starts_with('#') || t.starts_with("**") || t.starts_with("***");
        let mut s = t
            .trim_start_matches('#')
            .replace("<sup>", "")
            .replace("</sup>", "")
            .replace(['*', '\\'], "");
        s = s.trim().to_string();
        if heading {
            s = strip_heading_number(&s).to_string();
        }
        words.extend(tokens(&s));
    }
    words
}

fn strip_heading_number(s: &str) -> &str {
    if let Some(rest) = s.strip_prefix("Phần thứ ") {
        return rest.split_once(' ').map_or("", |x| x.1);
    }
    let first = s.split(' ').next().unwrap_or("");
    let roman = first.len() > 1
        && first.ends_with('.')
        && first[..first.len() - 1].chars().all(|c| "IVX".contains(c));
    let arabic = first.chars().next().is_some_and(|c| c.is_ascii_digit())
        && first.chars().all(|c| c.is_ascii_digit() || c == '.');
    if roman || arabic {
        s[first.len()..].trim_start()
    } else {
        s
    }
}

fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Words of the model in reading order, as the printed report shows them (minus derived numbers
/// and the agency lines the importer inferred).
fn model_words(r: &Report) -> Vec<String> {
    let mut s: Vec<String> = Vec::new();
    s.push(format!(
        "Số {} {}",
        r.number.map(|n| n.to_string()).unwrap_or_default(),
        r.issuer.symbol
    ));
    let d = r.date;
    s.push(format!(
        "{} ngày {} tháng {} năm {}",
        r.place,
        d.day.map(|x| x.to_string()).unwrap_or_default(),
        d.month.map(|x| x.to_string()).unwrap_or_default(),
        d.year
    ));
    s.push(r.doc_type.clone());
    s.push(r.trich_yeu.clone());
    s.extend(r.kinh_gui.iter().cloned());
    s.extend(block_texts(&r.intro));
    for n in outline(&r.body, r.parts) {
        if let Label::Custom(l) = &n.section.label {
            s.push(l.clone());
        }
        s.push(n.section.title.clone());
        s.extend(block_texts(&n.section.blocks));
    }
    s.push(r.closing.clone());
    s.push("Nơi nhận".into());
    s.extend(r.noi_nhan.recipients.iter().cloned());
    s.push(format!("Lưu VT {}", r.noi_nhan.archive.units.join(" ")));
    if let Some(a) = r.signer.authority {
        s.push(a.prefix().to_string());
    }
    s.push(r.signer.collective.clone());
    s.extend(r.signer.titles.iter().cloned());
    s.push(r.signer.name.clone());
    s.iter().flat_map(|x| tokens(x)).collect()
}

#[test]
fn no_word_of_the_sample_is_lost_or_doubled() {
    let r = sample();
    let want = input_words(SAMPLE);
    let got = model_words(&r);
    let mut j = 0;
    for (i, w) in want.iter().enumerate() {
        while j < got.len() && &got[j] != w {
            j += 1;
        }
        assert!(
            j < got.len(),
            "word {i} “{w}” is missing (after “{}”)",
            want[i.saturating_sub(8)..i].join(" ")
        );
        j += 1;
    }
    assert_eq!(
        got.len(),
        want.len(),
        "the model holds words the input does not"
    );
}

#[test]
fn plain_text_pasted_from_word_gives_the_same_report() {
    let md = sample();
    let plain = import_text(&as_plain_text(SAMPLE)).expect("plain text imports");
    assert_eq!(shape(&plain), shape(&md));
    assert_eq!(plain.parts, md.parts);
    assert_eq!(plain.trich_yeu, md.trich_yeu);
    assert_eq!(plain.issuer, md.issuer);
    assert_eq!(
        (plain.place.as_str(), plain.date),
        (md.place.as_str(), md.date)
    );
    assert_eq!(plain.intro.len(), md.intro.len());
    assert_eq!(plain.closing, md.closing);
    assert_eq!(plain.noi_nhan, md.noi_nhan);
    assert_eq!(plain.signer, md.signer);
    // Same paragraphs everywhere, only the styles are gone.
    let paragraphs = |r: &Report| -> Vec<String> {
        outline(&r.body, r.parts)
            .iter()
            .flat_map(|n| block_texts(&n.section.blocks))
            .collect()
    };
    assert_eq!(paragraphs(&plain), paragraphs(&md));
}

#[test]
fn the_sample_in_utf16_or_with_bom_and_crlf_imports_the_same() {
    let md = sample();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in SAMPLE.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    assert_eq!(import_bytes(&utf16).unwrap(), md);
    let crlf = format!("\u{FEFF}{}", SAMPLE.replace('\n', "\r\n"));
    assert_eq!(import_bytes(crlf.as_bytes()).unwrap(), md);
    // Decomposed Vietnamese (as some keyboards type it) is normalised to NFC.
    let nfd: String = unicode_nfd(SAMPLE);
    assert_ne!(nfd, SAMPLE);
    assert_eq!(import_text(&nfd).unwrap(), md);
}

/// NFD without a dependency in the test: decompose the letters of the sample's header we know.
fn unicode_nfd(s: &str) -> String {
    // "ư" + combining grave for "ừ", "a" + combining dot below for "ạ", and so on.
    s.replace('ừ', "ư\u{0300}")
        .replace('ạ', "a\u{0323}")
        .replace('ố', "ô\u{0301}")
        .replace('Ủ', "U\u{0309}")
}

#[test]
fn foreign_and_empty_files_are_refused_in_vietnamese() {
    let cases: [(&[u8], &str); 5] = [
        (b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", ".docx"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", ".doc"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "nhị phân"),
        (b"\n\n   \n", "trống"),
    ];
    for (bytes, want) in cases {
        let e = import_bytes(bytes).unwrap_err();
        assert_eq!(e.kind, baocao::ErrorKind::Input);
        assert!(e.message.contains(want), "{}", e.message);
        assert!(e.message.contains("Hãy"), "says what to do: {}", e.message);
    }
    let e = import_text("   \n\t").unwrap_err();
    assert!(e.message.contains("Hãy"));
}

#[test]
fn any_text_imports_without_a_panic() {
    // Every cut of the sample (a user pasting part of a report) …
    let lines: Vec<&str> = SAMPLE.lines().collect();
    for cut in (1..lines.len()).step_by(9) {
        let _ = import_text(&lines[..cut].join("\n"));
        let _ = import_text(&lines[cut..].join("\n"));
    }
    // … and random text made of the pieces the importer looks for.
    const PIECES: [&str; 30] = [
        "*",
        "**",
        "***",
        "\\",
        "<sup>",
        "</sup>",
        "<br>",
        "#",
        "## ",
        "|",
        "\t",
        "\n",
        "\n\n",
        "  \n",
        "Phần thứ nhất",
        "I.",
        "1.",
        "1.1 ",
        "a)",
        "Số:",
        "/BC-UBND",
        "ngày",
        "tháng",
        "năm 2026",
        "Nơi nhận:",
        "- ",
        "TM.",
        "Lưu",
        "Ư ờ",
        "^2^",
    ];
    let mut seed: u64 = 0x2026;
    for _ in 0..400 {
        let mut s = String::new();
        for _ in 0..40 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            s.push_str(PIECES[(seed >> 33) as usize % PIECES.len()]);
            if seed & 1 == 0 {
                s.push(' ');
            }
        }
        let _ = import_text(&s);
        let _ = import_bytes(s.as_bytes());
    }
}
