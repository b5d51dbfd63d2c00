//! The classes of mistake the importer made on reports from other offices, each on a small
//! report written the way those offices write it (Markdown from a converter).

use baocao::import::import_text;
use baocao::model::numbering::outline;
use baocao::model::{Authority, Block, Run};

fn text(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

const HEADER: &str = "**ỦY BAN NHÂN DÂN**  \n**XÃ TÂN LẬP**\n\nSố: 15/BC-UBND\n\n*Tân Lập, ngày 02 tháng 7 năm 2026*\n\n**BÁO CÁO**\n\n**Kết quả công tác 6 tháng đầu năm 2026**\n\n";

#[test]
fn numbered_sentences_one_after_the_other_are_the_tasks_of_their_section() {
    let md = format!(
        "{HEADER}**I. KẾT QUẢ**\n\nHoàn thành các chỉ tiêu.\n\n**II. NHIỆM VỤ 6 THÁNG CUỐI NĂM**\n\n\
**1. Tiếp tục rà soát, đơn giản hóa thủ tục hành chính;**\n\n\
**2. Tập trung thu ngân sách, phấn đấu đạt 100% dự toán;**\n\n\
**3. Bảo đảm an ninh trật tự trên địa bàn.**\n\n\
Ủy ban nhân dân xã trân trọng báo cáo./.\n"
    );
    let r = import_text(&md).unwrap();
    let shape: Vec<String> = outline(&r.body, r.parts)
        .into_iter()
        .map(|n| format!("{} {}", n.number.unwrap_or_default(), n.section.title))
        .collect();
    assert_eq!(shape, ["I. KẾT QUẢ", "II. NHIỆM VỤ 6 THÁNG CUỐI NĂM"]);
    let tasks: Vec<String> = r.body[1]
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { runs } => text(runs),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        tasks,
        [
            "1. Tiếp tục rà soát, đơn giản hóa thủ tục hành chính;",
            "2. Tập trung thu ngân sách, phấn đấu đạt 100% dự toán;",
            "3. Bảo đảm an ninh trật tự trên địa bàn."
        ]
    );
}

#[test]
fn a_signer_in_one_bold_paragraph_with_soft_breaks_keeps_its_lines() {
    let md = format!(
        "{HEADER}**I. KẾT QUẢ**\n\nHoàn thành các chỉ tiêu.\n\nPhòng Văn hóa - Xã hội trân trọng báo cáo./.\n\n\
***Nơi nhận:***\n\n- UBND xã;\n- Lưu: VT.\n\n**KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG**\n\n**Phạm Thị Lan**\n"
    );
    let r = import_text(&md).unwrap();
    assert_eq!(r.signer.authority, Some(Authority::KT));
    assert_eq!(r.signer.collective, "TRƯỞNG PHÒNG");
    assert_eq!(r.signer.titles, ["PHÓ TRƯỞNG PHÒNG"]);
    assert_eq!(r.signer.name, "Phạm Thị Lan");
    // Nothing of the signature block is left in the body.
    let json = baocao::model::file::to_json(&r);
    assert_eq!(json.matches("PHÓ TRƯỞNG PHÒNG").count(), 1, "{json}");
}

#[test]
fn an_agency_name_on_two_lines_keeps_its_lines() {
    let md = "ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP\n\nSố: 15/BC-UBND\n\nTân Lập, ngày 02 tháng 7 năm 2026\n\n## BÁO CÁO\n\n**I. KẾT QUẢ**\n\nHoàn thành.\n";
    let r = import_text(md).unwrap();
    assert_eq!(r.issuer.name_lines, ["ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP"]);
}

#[test]
fn an_appendix_after_the_signature_keeps_its_table_and_the_closing_its_place() {
    let md = format!(
        "{HEADER}**I. KẾT QUẢ THU NGÂN SÁCH**\n\nTổng thu đạt 56% dự toán.\n\n\
Ủy ban nhân dân xã trân trọng báo cáo./.\n\n\
***Nơi nhận:***\n\n- UBND huyện;\n- Lưu: VT, KT.\n\n\
**TM. ỦY BAN NHÂN DÂN  \nCHỦ TỊCH**\n\n**Lê Văn Cường**\n\n\
**PHỤ LỤC**\n\n**BIỂU TỔNG HỢP THU NGÂN SÁCH**\n\n\
*(Kèm theo Báo cáo số 15/BC-UBND ngày 02/7/2026 của UBND xã Tân Lập)*\n\n\
| STT | Nội dung | Dự toán | Thực hiện | Tỷ lệ |\n|---|---|---|---|---|\n\
| 1 | Thu thuế | 15.000 | 8.400 | 56% |\n| 2 | Thu phí | 2.200 | 1.250 | 57% |\n"
    );
    let r = import_text(&md).unwrap();
    assert_eq!(r.closing, "Ủy ban nhân dân xã trân trọng báo cáo./.");
    assert_eq!(r.noi_nhan.recipients, ["UBND huyện"]);
    assert_eq!(r.signer.name, "Lê Văn Cường");
    assert_eq!(r.signer.titles, ["CHỦ TỊCH"]);
    assert_eq!(r.body.len(), 1, "{:?}", r.body);
    assert_eq!(r.appendices.len(), 1);
    let a = &r.appendices[0];
    assert_eq!(a.title, "BIỂU TỔNG HỢP THU NGÂN SÁCH");
    let [Block::Table(t)] = a.intro.as_slice() else {
        panic!("{:?}", a.intro);
    };
    assert_eq!((t.rows.len(), t.rows[0].len(), t.header_rows), (3, 5, 1));
    assert!(!a.landscape, "five columns fit a portrait page");
}
