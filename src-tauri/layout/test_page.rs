//! "Trang in thử": one A4 page an office prints once to check its printer. A 100 mm ruler
//! along the width and one down the height (a tick every millimetre, longer every 5 and 10 mm,
//! the centimetres numbered), and the decree's text box drawn where the report's margins put it,
//! each margin's width written beside it. Measured with a school ruler on the paper: 100 mm both
//! ways means the printer prints at 100 %, and the box at its distances from the edges means
//! no margin was added. A page of the same display list as every report page, so the preview,
//! the print and the PDF of it are the engine's own.

use crate::model::LayoutSettings;
use crate::page::{mm, Item, Page, TextItem, A4_HEIGHT, A4_WIDTH};
use crate::text::{Face, Measurer};

use super::geometry::{Geometry, BORDER_PT};

/// The rulers' length.
pub const RULER_MM: f32 = 100.0;
/// Where the horizontal ruler starts and lies (from the page's top-left corner), inside the
/// text box of any margins the decree allows.
pub const RULER_X_MM: f32 = 55.0;
pub const RULER_Y_MM: f32 = 120.0;
/// Where the vertical ruler lies and starts.
pub const VRULER_X_MM: f32 = 45.0;
pub const VRULER_Y_MM: f32 = 135.0;

const TICK_PT: f32 = 0.4;
const LABEL_PT: f32 = 9.0;

/// The test page for `settings` (the open report's margins, or the defaults).
pub fn test_page(settings: &LayoutSettings, m: &Measurer) -> Page {
    let g = Geometry::portrait(settings);
    let mut items = Vec::new();
    let text = |items: &mut Vec<Item>, x: f32, y: f32, size: f32, face: Face, t: &str| {
        let width = m.width(face, t, size);
        items.push(Item::Text(TextItem {
            x,
            y,
            size,
            face,
            text: t.to_string(),
            width,
            source: None,
        }));
        width
    };
    let centred = |items: &mut Vec<Item>, cx: f32, y: f32, size: f32, face: Face, t: &str| {
        let w = m.width(face, t, size);
        text(items, cx - w / 2.0, y, size, face, t);
    };

    // The decree's text box, and each margin's width written inside it.
    items.push(Item::Rect {
        x: g.left,
        y: g.top,
        w: g.right - g.left,
        h: g.bottom - g.top,
        width: BORDER_PT,
    });
    let mid_x = (g.left + g.right) / 2.0;
    let small = |v: f32| format!("{} mm", trim(v));
    centred(
        &mut items,
        mid_x,
        g.top + mm(6.0),
        LABEL_PT,
        Face::Regular,
        &format!("lề trên {}", small(settings.margin_top_mm)),
    );
    centred(
        &mut items,
        mid_x,
        g.bottom - mm(3.0),
        LABEL_PT,
        Face::Regular,
        &format!("lề dưới {}", small(settings.margin_bottom_mm)),
    );
    text(
        &mut items,
        g.left + mm(2.0),
        mm(100.0),
        LABEL_PT,
        Face::Regular,
        &format!("lề trái {}", small(settings.margin_left_mm)),
    );
    let right = format!("lề phải {}", small(settings.margin_right_mm));
    let w = m.width(Face::Regular, &right, LABEL_PT);
    text(
        &mut items,
        g.right - mm(2.0) - w,
        mm(100.0),
        LABEL_PT,
        Face::Regular,
        &right,
    );

    // Title and what to do with the page.
    centred(
        &mut items,
        mid_x,
        g.top + mm(20.0),
        14.0,
        Face::Bold,
        "TRANG IN THỬ",
    );
    let lines = [
        "Dùng thước kẻ đo hai thước dưới đây: mỗi thước dài đúng 100 mm (10 cm).",
        "Khung là vùng chữ theo Nghị định 30/2020/NĐ-CP: khoảng cách từ mép giấy",
        "đến khung đúng bằng lề ghi bên cạnh. Nếu thước ngắn hơn hoặc dài hơn,",
        "máy in đang thu nhỏ hay phóng to trang: hãy tắt “Vừa trang” (Fit to page)",
        "và chọn khổ A4, tỷ lệ 100 % trong cài đặt máy in.",
    ];
    for (i, l) in lines.iter().enumerate() {
        centred(
            &mut items,
            mid_x,
            g.top + mm(32.0) + i as f32 * 17.0,
            13.0,
            Face::Regular,
            l,
        );
    }

    // The horizontal ruler: its line, the ticks below it, the centimetres numbered.
    let (x0, y0) = (mm(RULER_X_MM), mm(RULER_Y_MM));
    items.push(rule(x0, y0, x0 + mm(RULER_MM), y0));
    for i in 0..=RULER_MM as u32 {
        let x = x0 + mm(i as f32);
        items.push(rule(x, y0, x, y0 + mm(tick_mm(i))));
        if i.is_multiple_of(10) {
            centred(
                &mut items,
                x,
                y0 + mm(10.0),
                LABEL_PT,
                Face::Regular,
                &(i / 10).to_string(),
            );
        }
    }
    text(
        &mut items,
        x0 + mm(RULER_MM) + mm(4.0),
        y0 + mm(3.0),
        LABEL_PT,
        Face::Regular,
        "100 mm",
    );

    // The vertical ruler: its line, the ticks to its right, the centimetres numbered.
    let (x1, y1) = (mm(VRULER_X_MM), mm(VRULER_Y_MM));
    items.push(rule(x1, y1, x1, y1 + mm(RULER_MM)));
    for i in 0..=RULER_MM as u32 {
        let y = y1 + mm(i as f32);
        items.push(rule(x1, y, x1 + mm(tick_mm(i)), y));
        if i.is_multiple_of(10) {
            text(
                &mut items,
                x1 + mm(8.0),
                y + LABEL_PT * 0.35,
                LABEL_PT,
                Face::Regular,
                &(i / 10).to_string(),
            );
        }
    }
    text(
        &mut items,
        x1 - mm(4.0),
        y1 + mm(RULER_MM) + mm(6.0),
        LABEL_PT,
        Face::Regular,
        "100 mm",
    );

    Page {
        width: A4_WIDTH,
        height: A4_HEIGHT,
        number: None,
        items,
    }
}

/// A tick's length: 2 mm, 3.5 mm every 5 mm, 5 mm every centimetre.
fn tick_mm(i: u32) -> f32 {
    if i.is_multiple_of(10) {
        5.0
    } else if i.is_multiple_of(5) {
        3.5
    } else {
        2.0
    }
}

fn rule(x1: f32, y1: f32, x2: f32, y2: f32) -> Item {
    Item::Rule {
        x1,
        y1,
        x2,
        y2,
        width: TICK_PT,
    }
}

/// 25 → "25", 22.5 → "22,5" (the Vietnamese decimal comma).
fn trim(v: f32) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i32)
    } else {
        format!("{r:.1}").replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::FontSet;

    fn rules(p: &Page) -> Vec<(f32, f32, f32, f32)> {
        p.items
            .iter()
            .filter_map(|i| match i {
                Item::Rule { x1, y1, x2, y2, .. } => Some((*x1, *y1, *x2, *y2)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn both_rulers_are_100_mm_with_a_tick_every_millimetre() {
        let m = Measurer::new(FontSet::get());
        let p = test_page(&LayoutSettings::default(), &m);
        let r = rules(&p);
        let horizontal: Vec<_> = r.iter().filter(|l| l.1 == l.3).collect();
        let vertical: Vec<_> = r.iter().filter(|l| l.0 == l.2).collect();
        let long_h = horizontal.iter().map(|l| l.2 - l.0).fold(0.0, f32::max);
        let long_v = vertical.iter().map(|l| l.3 - l.1).fold(0.0, f32::max);
        assert!((long_h - mm(100.0)).abs() < 0.001, "{long_h}");
        assert!((long_v - mm(100.0)).abs() < 0.001, "{long_v}");
        // 101 ticks each (0 to 100 mm) besides the rulers themselves.
        assert_eq!(vertical.len() - 1, 101);
        assert_eq!(horizontal.len() - 1, 101);
        assert!(p.items.iter().all(|i| match i {
            Item::Text(t) => t.x >= 0.0 && t.x + t.width <= A4_WIDTH,
            _ => true,
        }));
    }

    #[test]
    fn the_text_box_is_drawn_at_the_reports_margins() {
        let m = Measurer::new(FontSet::get());
        let s = LayoutSettings {
            margin_left_mm: 35.0,
            margin_top_mm: 22.5,
            ..LayoutSettings::default()
        };
        let p = test_page(&s, &m);
        let boxed = p.items.iter().find_map(|i| match i {
            Item::Rect { x, y, w, h, .. } => Some((*x, *y, *w, *h)),
            _ => None,
        });
        let (x, y, w, h) = boxed.expect("the text box");
        assert!((x - mm(35.0)).abs() < 0.001 && (y - mm(22.5)).abs() < 0.001);
        assert!((x + w - (A4_WIDTH - mm(s.margin_right_mm))).abs() < 0.001);
        assert!((y + h - (A4_HEIGHT - mm(s.margin_bottom_mm))).abs() < 0.001);
        let texts: Vec<&str> = p.texts().iter().map(|t| t.text.as_str()).collect();
        assert!(texts.contains(&"lề trên 22,5 mm"), "{texts:?}");
        assert!(texts.contains(&"lề trái 35 mm"), "{texts:?}");
    }
}
