//! Layout settings the user may change, each limited to the range Nghị định 30/2020 allows.
//!
//! The defaults are this product's choice inside the decree's ranges (see
//! `shared/spec/nd30-layout.md`). `clamped()` brings any value back into its range, so that a
//! hand-edited file can never produce a page the decree forbids.

use serde::{Deserialize, Serialize};

/// A setting's allowed range and default.
#[derive(Debug, Clone, Copy)]
pub struct Range {
    pub min: f32,
    pub max: f32,
    pub default: f32,
}

impl Range {
    pub fn clamp(&self, v: f32) -> f32 {
        if v.is_finite() {
            v.clamp(self.min, self.max)
        } else {
            self.default
        }
    }
}

/// Lề trên: 20–25 mm.
pub const MARGIN_TOP_MM: Range = Range {
    min: 20.0,
    max: 25.0,
    default: 20.0,
};
/// Lề dưới: 20–25 mm.
pub const MARGIN_BOTTOM_MM: Range = Range {
    min: 20.0,
    max: 25.0,
    default: 20.0,
};
/// Lề trái: 30–35 mm.
pub const MARGIN_LEFT_MM: Range = Range {
    min: 30.0,
    max: 35.0,
    default: 30.0,
};
/// Lề phải: 15–20 mm.
pub const MARGIN_RIGHT_MM: Range = Range {
    min: 15.0,
    max: 20.0,
    default: 15.0,
};
/// Cỡ chữ phần nội dung: 13–14 pt.
pub const BODY_PT: Range = Range {
    min: 13.0,
    max: 14.0,
    default: 14.0,
};
/// Lùi đầu dòng: 1 cm or 1.27 cm.
pub const FIRST_LINE_INDENT_MM: Range = Range {
    min: 10.0,
    max: 12.7,
    default: 12.7,
};
/// Khoảng cách giữa các đoạn: at least 6 pt (12 pt is this product's upper bound).
pub const PARAGRAPH_SPACING_PT: Range = Range {
    min: 6.0,
    max: 12.0,
    default: 6.0,
};
/// Khoảng cách giữa các dòng: single (1.0) to 1.5 lines.
pub const LINE_SPACING: Range = Range {
    min: 1.0,
    max: 1.5,
    default: 1.0,
};
/// Cỡ chữ số trang: 13–14 pt.
pub const PAGE_NUMBER_PT: Range = Range {
    min: 13.0,
    max: 14.0,
    default: 14.0,
};

/// One setting as the settings form shows it: its key in [`LayoutSettings`], its Vietnamese
/// label, its range and the step of its input. The form reads these instead of keeping its own
/// copy of the decree's ranges.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub min: f32,
    pub max: f32,
    pub default: f32,
    pub step: f32,
}

const fn field(key: &'static str, label: &'static str, r: Range, step: f32) -> Field {
    Field {
        key,
        label,
        min: r.min,
        max: r.max,
        default: r.default,
        step,
    }
}

/// Every setting of [`LayoutSettings`], in the order the settings form lists them.
pub const FIELDS: [Field; 9] = [
    field("margin_top_mm", "Lề trên (mm)", MARGIN_TOP_MM, 0.5),
    field("margin_bottom_mm", "Lề dưới (mm)", MARGIN_BOTTOM_MM, 0.5),
    field("margin_left_mm", "Lề trái (mm)", MARGIN_LEFT_MM, 0.5),
    field("margin_right_mm", "Lề phải (mm)", MARGIN_RIGHT_MM, 0.5),
    field("body_pt", "Cỡ chữ nội dung (pt)", BODY_PT, 0.5),
    field(
        "first_line_indent_mm",
        "Lùi đầu dòng (mm)",
        FIRST_LINE_INDENT_MM,
        0.1,
    ),
    field(
        "paragraph_spacing_pt",
        "Khoảng cách đoạn (pt)",
        PARAGRAPH_SPACING_PT,
        1.0,
    ),
    field("line_spacing", "Giãn dòng (lần)", LINE_SPACING, 0.05),
    field(
        "page_number_pt",
        "Cỡ chữ số trang (pt)",
        PAGE_NUMBER_PT,
        0.5,
    ),
];

/// "Kính gửi" with one recipient: on the same line ("Kính gửi: Ủy ban nhân dân quận"), as most
/// offices write it, or as a list like several recipients ("Kính gửi:" / "- Ủy ban nhân dân quận.").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, Hash)]
#[serde(rename_all = "snake_case")]
pub enum KinhGuiOne {
    #[default]
    SameLine,
    List,
}

/// Where a heading below Phần starts: at the body's first-line indent, like a paragraph (the
/// practice this product follows by default), or at the left margin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, Hash)]
#[serde(rename_all = "snake_case")]
pub enum HeadingIndent {
    #[default]
    FirstLine,
    Margin,
}

/// One choice of the settings form that is not a number: its key in [`LayoutSettings`], its
/// Vietnamese label, the default and the options (value as serialised, Vietnamese label).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Choice {
    pub key: &'static str,
    pub label: &'static str,
    pub default: &'static str,
    pub options: &'static [(&'static str, &'static str)],
}

const INDENT_OPTIONS: &[(&str, &str)] = &[
    ("first_line", "Lùi như dòng đầu đoạn văn"),
    ("margin", "Sát lề trái"),
];

/// The choices of [`LayoutSettings`] the form lists after the numbers, today's behaviour first.
pub const CHOICES: [Choice; 4] = [
    Choice {
        key: "kinh_gui_one",
        label: "Kính gửi một nơi",
        default: "same_line",
        options: &[
            ("same_line", "Cùng dòng: “Kính gửi: …”"),
            ("list", "Xuống dòng, có gạch đầu dòng"),
        ],
    },
    Choice {
        key: "muc_indent",
        label: "Đề mục I, II, III",
        default: "first_line",
        options: INDENT_OPTIONS,
    },
    Choice {
        key: "khoan_indent",
        label: "Đề mục 1, 2, 3 và 1.1",
        default: "first_line",
        options: INDENT_OPTIONS,
    },
    Choice {
        key: "diem_indent",
        label: "Đề mục a, b, c",
        default: "first_line",
        options: INDENT_OPTIONS,
    },
];

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LayoutSettings {
    pub margin_top_mm: f32,
    pub margin_bottom_mm: f32,
    pub margin_left_mm: f32,
    pub margin_right_mm: f32,
    pub body_pt: f32,
    pub first_line_indent_mm: f32,
    pub paragraph_spacing_pt: f32,
    /// In lines: 1.0 is single spacing, 1.5 is one and a half.
    pub line_spacing: f32,
    pub page_number_pt: f32,
    /// "Kính gửi" with one recipient.
    pub kinh_gui_one: KinhGuiOne,
    /// Where the headings of each level below Phần start: mục (I.), khoản (1., 1.1.), điểm (a)).
    pub muc_indent: HeadingIndent,
    pub khoan_indent: HeadingIndent,
    pub diem_indent: HeadingIndent,
}

impl Default for LayoutSettings {
    fn default() -> Self {
        LayoutSettings {
            margin_top_mm: MARGIN_TOP_MM.default,
            margin_bottom_mm: MARGIN_BOTTOM_MM.default,
            margin_left_mm: MARGIN_LEFT_MM.default,
            margin_right_mm: MARGIN_RIGHT_MM.default,
            body_pt: BODY_PT.default,
            first_line_indent_mm: FIRST_LINE_INDENT_MM.default,
            paragraph_spacing_pt: PARAGRAPH_SPACING_PT.default,
            line_spacing: LINE_SPACING.default,
            page_number_pt: PAGE_NUMBER_PT.default,
            kinh_gui_one: KinhGuiOne::default(),
            muc_indent: HeadingIndent::default(),
            khoan_indent: HeadingIndent::default(),
            diem_indent: HeadingIndent::default(),
        }
    }
}

impl LayoutSettings {
    /// Every value brought into the decree's range (non-finite values take the default).
    pub fn clamped(&self) -> LayoutSettings {
        LayoutSettings {
            margin_top_mm: MARGIN_TOP_MM.clamp(self.margin_top_mm),
            margin_bottom_mm: MARGIN_BOTTOM_MM.clamp(self.margin_bottom_mm),
            margin_left_mm: MARGIN_LEFT_MM.clamp(self.margin_left_mm),
            margin_right_mm: MARGIN_RIGHT_MM.clamp(self.margin_right_mm),
            body_pt: BODY_PT.clamp(self.body_pt),
            first_line_indent_mm: FIRST_LINE_INDENT_MM.clamp(self.first_line_indent_mm),
            paragraph_spacing_pt: PARAGRAPH_SPACING_PT.clamp(self.paragraph_spacing_pt),
            line_spacing: LINE_SPACING.clamp(self.line_spacing),
            page_number_pt: PAGE_NUMBER_PT.clamp(self.page_number_pt),
            ..*self
        }
    }

    /// A Vietnamese message for the first value outside the decree's range, if any.
    pub fn out_of_range(&self) -> Option<String> {
        let checks: [(&str, f32, Range, &str); 9] = [
            ("Lề trên", self.margin_top_mm, MARGIN_TOP_MM, "mm"),
            ("Lề dưới", self.margin_bottom_mm, MARGIN_BOTTOM_MM, "mm"),
            ("Lề trái", self.margin_left_mm, MARGIN_LEFT_MM, "mm"),
            ("Lề phải", self.margin_right_mm, MARGIN_RIGHT_MM, "mm"),
            ("Cỡ chữ nội dung", self.body_pt, BODY_PT, "pt"),
            (
                "Lùi đầu dòng",
                self.first_line_indent_mm,
                FIRST_LINE_INDENT_MM,
                "mm",
            ),
            (
                "Khoảng cách đoạn",
                self.paragraph_spacing_pt,
                PARAGRAPH_SPACING_PT,
                "pt",
            ),
            ("Giãn dòng", self.line_spacing, LINE_SPACING, "dòng"),
            ("Cỡ chữ số trang", self.page_number_pt, PAGE_NUMBER_PT, "pt"),
        ];
        checks.iter().find_map(|(name, v, r, unit)| {
            (!v.is_finite() || *v < r.min || *v > r.max).then(|| {
                format!(
                    "{name} phải trong khoảng {} – {} {unit} theo Nghị định 30/2020/NĐ-CP; hãy nhập lại.",
                    vi_num(r.min),
                    vi_num(r.max)
                )
            })
        })
    }
}

/// 12.7 → "12,7"; 20 → "20".
fn vi_num(v: f32) -> String {
    let s = format!("{v}");
    s.replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_fields_name_every_setting_once_with_its_default() {
        let json = serde_json::to_value(LayoutSettings::default()).unwrap();
        let obj = json.as_object().unwrap();
        assert_eq!(obj.len(), FIELDS.len() + CHOICES.len());
        for c in CHOICES {
            assert_eq!(obj[c.key].as_str(), Some(c.default), "{}", c.key);
            assert_eq!(c.options[0].0, c.default, "today's behaviour first");
            for (value, _) in c.options {
                let mut o = obj.clone();
                o.insert(c.key.into(), serde_json::Value::from(*value));
                serde_json::from_value::<LayoutSettings>(serde_json::Value::Object(o))
                    .unwrap_or_else(|e| panic!("{}={value}: {e}", c.key));
            }
        }
        for f in FIELDS {
            let v = obj[f.key]
                .as_f64()
                .unwrap_or_else(|| panic!("{} missing", f.key));
            assert_eq!(v as f32, f.default, "{}", f.key);
            assert!(f.min <= f.default && f.default <= f.max && f.step > 0.0);
        }
    }

    #[test]
    fn settings_of_an_older_file_take_today_s_choices() {
        let old = r#"{"margin_top_mm":25,"body_pt":13}"#;
        let s: LayoutSettings = serde_json::from_str(old).unwrap();
        assert_eq!(s.margin_top_mm, 25.0);
        assert_eq!(s.kinh_gui_one, KinhGuiOne::SameLine);
        assert_eq!(s.muc_indent, HeadingIndent::FirstLine);
        assert_eq!(s.diem_indent, HeadingIndent::FirstLine);
    }

    #[test]
    fn defaults_are_inside_the_ranges() {
        let s = LayoutSettings::default();
        assert_eq!(s.out_of_range(), None);
        assert_eq!(s.clamped(), s);
    }

    #[test]
    fn out_of_range_values_are_named_and_clamped() {
        let s = LayoutSettings {
            margin_left_mm: 25.0,
            ..LayoutSettings::default()
        };
        assert_eq!(
            s.out_of_range().unwrap(),
            "Lề trái phải trong khoảng 30 – 35 mm theo Nghị định 30/2020/NĐ-CP; hãy nhập lại."
        );
        assert_eq!(s.clamped().margin_left_mm, 30.0);
        let nan = LayoutSettings {
            body_pt: f32::NAN,
            ..LayoutSettings::default()
        };
        assert_eq!(nan.clamped().body_pt, 14.0);
    }
}
