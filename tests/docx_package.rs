//! The `.docx` the Word painter writes, read back part by part as Word reads it: every part
//! well-formed XML with its namespaces bound, typed in `[Content_Types].xml` and reached by a
//! relationship that points at a part that is there; every property element's children in the
//! order ECMA-376 Part 1 gives (LibreOffice repairs a misordered file silently, Word refuses
//! it); and the decree's layout in the markup: the page, the sections and their headers, the
//! header table in the layout's columns, the layout's own lines, the closing kept together.
//!
//! The round trip through the `.docx` importer (issue 10, `docx/read.rs`) is written at the end
//! of this file, switched off until the importer lands; meanwhile `our_own_reading_finds_…`
//! reads the package back with this file's own parser.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read as _;

use baocao::model::numbering::{outline, Level};
use baocao::model::{Appendix, Block, DocDate, Marks, Report, Run, Table};
use baocao::page::mm;
use baocao::text::{FontSet, Measurer};
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn created() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-07-15T01:30:00Z")
        .expect("a date")
        .with_timezone(&chrono::Utc)
}

fn measurer() -> Measurer {
    Measurer::new(FontSet::get())
}

/// Twips as the painter writes them.
fn tw(pt: f32) -> i64 {
    (pt * 20.0).round() as i64
}

fn cell(text: &str) -> Vec<Run> {
    vec![Run::plain(text)]
}

/// The sample with everything else a report can hold: a chủ quản, a number and a date, the
/// marks, several kính gửi, a table with a header row, a list, and two appendices, the first
/// landscape.
fn full_report() -> Report {
    let mut r = common::sample_report();
    r.issuer.parent = Some("UBND quận Hai Bà Trưng".into());
    r.number = Some(5);
    r.date = DocDate::from_ymd(2026, 7, 5);
    r.marks = Marks {
        draft: Some("DỰ THẢO".into()),
        urgency: Some("Khẩn".into()),
        circulation: Some("Lưu hành nội bộ".into()),
    };
    r.kinh_gui = vec![
        "Ủy ban nhân dân thành phố Hà Nội".into(),
        "Sở Nội vụ thành phố".into(),
    ];
    let table = Table {
        header_rows: 1,
        widths: vec![1.0, 3.0, 1.5],
        rows: vec![
            vec![cell("STT"), cell("Chỉ tiêu"), cell("Kết quả")],
            vec![cell("1"), cell("Thu ngân sách"), cell("112,5%")],
            vec![cell("2"), cell("Hồ sơ trực tuyến")],
        ],
        ..Default::default()
    };
    r.intro.push(Block::Table(table.clone()));
    r.intro.push(Block::List {
        items: vec![cell("rõ người, rõ việc;"), cell("rõ thời gian.")],
    });
    r.appendices = vec![
        Appendix {
            id: "pl1".into(),
            title: "Số liệu thu chi ngân sách 6 tháng đầu năm".into(),
            intro: vec![Block::Table(table)],
            body: Vec::new(),
            landscape: true,
        },
        Appendix {
            id: "pl2".into(),
            title: "Danh sách tổ dân phố".into(),
            intro: vec![Block::Paragraph {
                runs: cell("Gồm 108 tổ dân phố."),
            }],
            body: Vec::new(),
            landscape: false,
        },
    ];
    r
}

fn docx(r: &Report) -> Vec<u8> {
    baocao::paint::docx::write_docx(r, &measurer(), created()).expect("a .docx")
}

/// Every entry of the zip by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("an entry");
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("readable");
        out.insert(f.name().to_string(), data);
    }
    out
}

/// An element with its namespace resolved.
#[derive(Debug, Clone, Default)]
struct El {
    ns: String,
    /// Local name.
    name: String,
    /// Attributes by qualified name ("w:val").
    attrs: Vec<(String, String)>,
    children: Vec<El>,
    text: String,
}

impl El {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    fn num(&self, name: &str) -> i64 {
        self.attr(name)
            .unwrap_or_else(|| panic!("{} has no {name}", self.name))
            .parse()
            .unwrap_or_else(|_| panic!("{}@{name} is not a number", self.name))
    }
    fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }
    fn kids<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
    /// Every element below this one, depth first, this one first.
    fn all(&self) -> Vec<&El> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.all());
        }
        out
    }
    /// The text of the `w:t` below, `w:br` as a line feed.
    fn text_of(&self) -> String {
        let mut s = String::new();
        for e in self.all() {
            match e.name.as_str() {
                "t" => s.push_str(&e.text),
                "br" => s.push('\n'),
                "tab" => s.push('\t'),
                _ => {}
            }
        }
        s
    }
    fn path(&self, names: &[&str]) -> Option<&El> {
        let mut e = self;
        for n in names {
            e = e.child(n)?;
        }
        Some(e)
    }
    fn val(&self, names: &[&str]) -> Option<&str> {
        self.path(names).and_then(|e| e.attr("w:val"))
    }
}

fn owned(s: &str) -> String {
    s.to_string()
}

/// Parses `xml` (the part `part`), failing on anything not well-formed or any prefix not bound.
fn parse(part: &str, xml: &[u8]) -> El {
    let text = std::str::from_utf8(xml).unwrap_or_else(|e| panic!("{part}: not UTF-8: {e}"));
    assert!(
        text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\""),
        "{part}: no XML declaration"
    );
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<El> = vec![El::default()];
    loop {
        let (ns, ev) = reader
            .read_resolved_event()
            .unwrap_or_else(|e| panic!("{part}: not well-formed: {e}"));
        let ns = match ns {
            ResolveResult::Bound(n) => owned(n.as_ref()),
            ResolveResult::Unbound => String::new(),
            ResolveResult::Unknown(p) => panic!("{part}: prefix {p} is not bound"),
        };
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let mut el = El {
                    ns,
                    name: owned(e.local_name().as_ref()),
                    ..El::default()
                };
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|err| panic!("{part}: bad attribute: {err}"));
                    let key = owned(a.key.as_ref());
                    if !key.starts_with("xmlns") {
                        if let (ResolveResult::Unknown(p), _) =
                            reader.resolver().resolve_attribute(a.key)
                        {
                            panic!("{part}: attribute prefix {p} is not bound");
                        }
                    }
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::default())
                        .unwrap_or_else(|err| panic!("{part}: bad value of {key}: {err}"))
                        .into_owned();
                    el.attrs.push((key, value));
                }
                if matches!(ev, Event::Empty(_)) {
                    stack.last_mut().expect("a parent").children.push(el);
                } else {
                    stack.push(el);
                }
            }
            Event::End(_) => {
                let el = stack.pop().expect("an open element");
                stack
                    .last_mut()
                    .unwrap_or_else(|| panic!("{part}: more ends than starts"))
                    .children
                    .push(el);
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                        .unwrap_or_else(|| panic!("{part}: unknown entity"))
                        .to_string(),
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "{part}: elements left open");
    let mut root = stack.pop().expect("the document");
    assert_eq!(root.children.len(), 1, "{part}: one root element");
    root.children.pop().expect("a root")
}

/// The package of `r`: every XML part parsed, by name.
fn parts(r: &Report) -> BTreeMap<String, El> {
    unzip(&docx(r))
        .into_iter()
        .map(|(name, bytes)| {
            let el = parse(&name, &bytes);
            (name, el)
        })
        .collect()
}

/// "word/document.xml" + "header1.xml" → "word/header1.xml"; absolute targets as they are.
fn resolve_target(source: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    match source.rsplit_once('/') {
        Some((folder, _)) => format!("{folder}/{target}"),
        None => target.to_string(),
    }
}

/// The source part of a relationship part: "word/_rels/document.xml.rels" →
/// "word/document.xml", "_rels/.rels" → "" (the package).
fn rels_source(rels: &str) -> String {
    let (folder, file) = rels.rsplit_once("_rels/").expect("a rels part");
    format!("{folder}{}", file.trim_end_matches(".rels"))
}

#[test]
fn every_part_is_well_formed_typed_and_related() {
    let parts = parts(&full_report());
    // Content types: every part but the bookkeeping has its Override; rels and xml defaults.
    let types = &parts["[Content_Types].xml"];
    assert_eq!(
        types.ns,
        "http://schemas.openxmlformats.org/package/2006/content-types"
    );
    let overrides: BTreeMap<String, String> = types
        .kids("Override")
        .map(|o| {
            (
                o.attr("PartName").expect("PartName").to_string(),
                o.attr("ContentType").expect("ContentType").to_string(),
            )
        })
        .collect();
    let defaults: BTreeSet<&str> = types
        .kids("Default")
        .filter_map(|d| d.attr("Extension"))
        .collect();
    assert!(defaults.contains("rels") && defaults.contains("xml"));
    for name in parts.keys() {
        if name == "[Content_Types].xml" || name.ends_with(".rels") {
            continue;
        }
        assert!(
            overrides.contains_key(&format!("/{name}")),
            "{name} has no content type"
        );
    }
    for part in overrides.keys() {
        assert!(
            parts.contains_key(part.trim_start_matches('/')),
            "a content type for {part}, which is not in the package"
        );
    }
    // Relationships: every target is there, ids are unique, every part is reached.
    let mut reached: BTreeSet<String> = BTreeSet::new();
    for (name, rels) in parts.iter().filter(|(n, _)| n.ends_with(".rels")) {
        let source = rels_source(name);
        assert!(
            source.is_empty() || parts.contains_key(&source),
            "{name} belongs to no part"
        );
        let mut ids = BTreeSet::new();
        for r in rels.kids("Relationship") {
            let id = r.attr("Id").expect("Id");
            assert!(ids.insert(id.to_string()), "{name}: {id} twice");
            let target = resolve_target(&source, r.attr("Target").expect("Target"));
            assert!(
                parts.contains_key(&target),
                "{name}: {id} points at {target}, not in the package"
            );
            reached.insert(target);
        }
    }
    for name in parts.keys() {
        if name == "[Content_Types].xml" || name.ends_with(".rels") {
            continue;
        }
        assert!(
            reached.contains(name),
            "{name} is reached by no relationship"
        );
    }
    // Every r:id of the document resolves through its relationships.
    let doc_rels: BTreeSet<&str> = parts["word/_rels/document.xml.rels"]
        .kids("Relationship")
        .filter_map(|r| r.attr("Id"))
        .collect();
    for e in parts["word/document.xml"].all() {
        if let Some(id) = e.attr("r:id") {
            assert!(doc_rels.contains(id), "r:id {id} is not a relationship");
        }
    }
    // No template junk: only the parts a report needs.
    let names: Vec<&str> = parts.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/app.xml",
            "docProps/core.xml",
            "word/_rels/document.xml.rels",
            "word/document.xml",
            "word/fontTable.xml",
            "word/header1.xml",
            "word/header2.xml",
            "word/settings.xml",
            "word/styles.xml",
        ]
    );
    assert_eq!(parts["word/document.xml"].ns, W);
}

/// The child order of the property elements written, from ECMA-376 Part 1 (the Transitional
/// schema `wml.xsd`): CT_PPrBase + CT_PPr, EG_RPrBase (+ CT_ParaRPr's revision marks first),
/// CT_TblPrBase, CT_TblPrEx(Base), CT_TcPrBase + CT_TcPr, CT_TrPrBase + CT_TrPr, CT_SectPr
/// (EG_HdrFtrReferences, EG_SectPrContents), and the containers around them. EG_RPrBase and
/// CT_TrPrBase are choices in the newer editions of the schema, sequences in the first; Word
/// writes them in this order, so they are held to it. `*` stands for any other child (content).
const ORDER: &[(&str, &[&str])] = &[
    (
        "pPr",
        &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
            "sectPr",
            "pPrChange",
        ],
    ),
    (
        "rPr",
        &[
            "ins",
            "del",
            "moveFrom",
            "moveTo",
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
            "specVanish",
            "oMath",
            "rPrChange",
        ],
    ),
    (
        "tblPr",
        &[
            "tblStyle",
            "tblpPr",
            "tblOverlap",
            "bidiVisual",
            "tblStyleRowBandSize",
            "tblStyleColBandSize",
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
            "tblCaption",
            "tblDescription",
            "tblPrChange",
        ],
    ),
    (
        "tblPrEx",
        &[
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
            "tblPrExChange",
        ],
    ),
    (
        "tcPr",
        &[
            "cnfStyle",
            "tcW",
            "gridSpan",
            "hMerge",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "textDirection",
            "tcFitText",
            "vAlign",
            "hideMark",
            "headers",
            "cellIns",
            "cellDel",
            "cellMerge",
            "tcPrChange",
        ],
    ),
    (
        "trPr",
        &[
            "cnfStyle",
            "divId",
            "gridBefore",
            "gridAfter",
            "wBefore",
            "wAfter",
            "cantSplit",
            "trHeight",
            "tblHeader",
            "tblCellSpacing",
            "jc",
            "hidden",
            "ins",
            "del",
            "trPrChange",
        ],
    ),
    (
        "sectPr",
        &[
            "headerReference",
            "footerReference",
            "footnotePr",
            "endnotePr",
            "type",
            "pgSz",
            "pgMar",
            "paperSrc",
            "pgBorders",
            "lnNumType",
            "pgNumType",
            "cols",
            "formProt",
            "vAlign",
            "noEndnote",
            "titlePg",
            "textDirection",
            "bidi",
            "rtlGutter",
            "docGrid",
            "printerSettings",
            "sectPrChange",
        ],
    ),
    (
        "pBdr",
        &["top", "left", "bottom", "right", "between", "bar"],
    ),
    (
        "tblBorders",
        &[
            "top", "start", "left", "bottom", "end", "right", "insideH", "insideV",
        ],
    ),
    (
        "tcBorders",
        &[
            "top", "start", "left", "bottom", "end", "right", "insideH", "insideV", "tl2br",
            "tr2bl",
        ],
    ),
    (
        "tblCellMar",
        &["top", "start", "left", "bottom", "end", "right"],
    ),
    ("tcMar", &["top", "start", "left", "bottom", "end", "right"]),
    ("tbl", &["tblPr", "tblGrid", "tr"]),
    ("tr", &["tblPrEx", "trPr", "tc"]),
    ("tc", &["tcPr", "*"]),
    ("p", &["pPr", "*"]),
    ("r", &["rPr", "*"]),
    ("body", &["*", "sectPr"]),
    ("docDefaults", &["rPrDefault", "pPrDefault"]),
    ("styles", &["docDefaults", "latentStyles", "style"]),
    (
        "style",
        &[
            "name",
            "aliases",
            "basedOn",
            "next",
            "link",
            "autoRedefine",
            "hidden",
            "uiPriority",
            "semiHidden",
            "unhideWhenUsed",
            "qFormat",
            "locked",
            "personal",
            "personalCompose",
            "personalReply",
            "rsid",
            "pPr",
            "rPr",
            "tblPr",
            "trPr",
            "tcPr",
            "tblStylePr",
        ],
    ),
    (
        "settings",
        &[
            "writeProtection",
            "view",
            "zoom",
            "removePersonalInformation",
            "removeDateAndTime",
            "doNotDisplayPageBoundaries",
            "displayBackgroundShape",
            "printPostScriptOverText",
            "printFractionalCharacterWidth",
            "printFormsData",
            "embedTrueTypeFonts",
            "embedSystemFonts",
            "saveSubsetFonts",
            "saveFormsData",
            "mirrorMargins",
            "alignBordersAndEdges",
            "bordersDoNotSurroundHeader",
            "bordersDoNotSurroundFooter",
            "gutterAtTop",
            "hideSpellingErrors",
            "hideGrammaticalErrors",
            "activeWritingStyle",
            "proofState",
            "formsDesign",
            "attachedTemplate",
            "linkStyles",
            "stylePaneFormatFilter",
            "stylePaneSortMethod",
            "documentType",
            "mailMerge",
            "revisionView",
            "trackRevisions",
            "doNotTrackMoves",
            "doNotTrackFormatting",
            "documentProtection",
            "autoFormatOverride",
            "styleLockTheme",
            "styleLockQFSet",
            "defaultTabStop",
            "autoHyphenation",
            "consecutiveHyphenLimit",
            "hyphenationZone",
            "doNotHyphenateCaps",
            "showEnvelope",
            "summaryLength",
            "clickAndTypeStyle",
            "defaultTableStyle",
            "evenAndOddHeaders",
            "bookFoldRevPrinting",
            "bookFoldPrinting",
            "bookFoldPrintingSheets",
            "drawingGridHorizontalSpacing",
            "drawingGridVerticalSpacing",
            "displayHorizontalDrawingGridEvery",
            "displayVerticalDrawingGridEvery",
            "doNotUseMarginsForDrawingGridOrigin",
            "drawingGridHorizontalOrigin",
            "drawingGridVerticalOrigin",
            "doNotShadeFormData",
            "noPunctuationKerning",
            "characterSpacingControl",
            "printTwoOnOne",
            "strictFirstAndLastChars",
            "noLineBreaksAfter",
            "noLineBreaksBefore",
            "savePreviewPicture",
            "doNotValidateAgainstSchema",
            "saveInvalidXml",
            "ignoreMixedContent",
            "alwaysShowPlaceholderText",
            "doNotDemarcateInvalidXml",
            "saveXmlDataOnly",
            "useXSLTWhenSaving",
            "saveThroughXslt",
            "showXMLTags",
            "alwaysMergeEmptyNamespace",
            "updateFields",
            "hdrShapeDefaults",
            "footnotePr",
            "endnotePr",
            "compat",
            "docVars",
            "rsids",
            "mathPr",
            "attachedSchema",
            "themeFontLang",
            "clrSchemeMapping",
            "doNotIncludeSubdocsInStats",
            "doNotAutoCompressPictures",
            "forceUpgrade",
            "captions",
            "readModeInkLockDown",
            "smartTagType",
            "schemaLibrary",
            "shapeDefaults",
            "doNotEmbedSmartTags",
            "decimalSymbol",
            "listSeparator",
        ],
    ),
    (
        "font",
        &[
            "altName",
            "panose1",
            "charset",
            "family",
            "notTrueType",
            "pitch",
            "sig",
            "embedRegular",
            "embedBold",
            "embedItalic",
            "embedBoldItalic",
        ],
    ),
];

/// Checks `e`'s children against the order of its kind; returns the kinds checked.
fn check_order(part: &str, e: &El, seen: &mut BTreeMap<&'static str, usize>) {
    if e.ns == W {
        if let Some((kind, order)) = ORDER.iter().find(|(k, _)| *k == e.name) {
            *seen.entry(*kind).or_default() += 1;
            let star = order.iter().position(|c| *c == "*");
            let mut last = 0usize;
            let mut prev = "";
            for c in &e.children {
                let at = order
                    .iter()
                    .position(|o| *o == c.name)
                    .or(star)
                    .unwrap_or_else(|| panic!("{part}: w:{} may not hold w:{}", e.name, c.name));
                assert!(
                    at >= last,
                    "{part}: in w:{}, w:{} comes after w:{} (ECMA-376 order)",
                    e.name,
                    c.name,
                    prev
                );
                last = at;
                prev = &c.name;
            }
        }
    }
    for c in &e.children {
        check_order(part, c, seen);
    }
}

#[test]
fn property_children_come_in_the_schema_order() {
    let parts = parts(&full_report());
    let mut seen = BTreeMap::new();
    for (name, el) in &parts {
        check_order(name, el, &mut seen);
    }
    // Not a test of nothing: every kind of property element the painter writes was met.
    for kind in [
        "pPr",
        "rPr",
        "tblPr",
        "tcPr",
        "trPr",
        "sectPr",
        "pBdr",
        "tblBorders",
        "tblCellMar",
        "style",
        "settings",
        "tbl",
        "tr",
    ] {
        assert!(
            seen.get(kind).copied().unwrap_or(0) > 0,
            "no w:{kind} was written: {seen:?}"
        );
    }
    // The checker itself: a misordered pPr is caught.
    let bad = parse(
        "bad",
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:p xmlns:w=\"{W}\"><w:pPr><w:jc w:val=\"both\"/><w:spacing/></w:pPr></w:p>"
        )
        .as_bytes(),
    );
    let caught = std::panic::catch_unwind(|| check_order("bad", &bad, &mut BTreeMap::new()));
    assert!(caught.is_err(), "a jc before spacing must be refused");
}

/// The body's paragraphs and tables in order (the top-level blocks of `w:body`).
fn body(parts: &BTreeMap<String, El>) -> &El {
    parts["word/document.xml"].child("body").expect("w:body")
}

/// Every `w:sectPr` of the document, in order: one per section.
fn sections(parts: &BTreeMap<String, El>) -> Vec<&El> {
    parts["word/document.xml"]
        .all()
        .into_iter()
        .filter(|e| e.name == "sectPr")
        .collect()
}

#[test]
fn a4_sections_with_the_margins_and_page_numbers_from_page_two() {
    let r = full_report();
    let parts = parts(&r);
    let s = r.settings.clamped();
    let sects = sections(&parts);
    assert_eq!(
        sects.len(),
        1 + r.appendices.len(),
        "a section per appendix"
    );
    // The body's section ends with the last paragraph of the body (after the closing).
    let last_body = body(&parts).children.last().expect("content");
    assert_eq!(
        last_body.name, "sectPr",
        "the last section's properties close the body"
    );
    let rels: BTreeMap<String, String> = parts["word/_rels/document.xml.rels"]
        .kids("Relationship")
        .map(|rel| {
            (
                rel.attr("Id").unwrap_or("").to_string(),
                format!("word/{}", rel.attr("Target").unwrap_or("")),
            )
        })
        .collect();
    for (k, sect) in sects.iter().enumerate() {
        let landscape = k > 0 && r.appendices[k - 1].landscape;
        let pg = sect.child("pgSz").expect("pgSz");
        let (w, h) = (pg.num("w:w"), pg.num("w:h"));
        if landscape {
            assert_eq!((w, h), (16838, 11906), "section {k}: A4 landscape");
            assert_eq!(pg.attr("w:orient"), Some("landscape"));
        } else {
            assert_eq!((w, h), (11906, 16838), "section {k}: A4 portrait");
        }
        let mar = sect.child("pgMar").expect("pgMar");
        assert_eq!(mar.num("w:top"), tw(mm(s.margin_top_mm)));
        assert_eq!(mar.num("w:bottom"), tw(mm(s.margin_bottom_mm)));
        assert_eq!(mar.num("w:left"), tw(mm(s.margin_left_mm)));
        assert_eq!(mar.num("w:right"), tw(mm(s.margin_right_mm)));
        // The page number's line box sits in the top margin.
        assert!(mar.num("w:header") > 0 && mar.num("w:header") < mar.num("w:top") / 2);
        assert!(sect.child("titlePg").is_some(), "section {k}: no titlePg");
        let refs: BTreeMap<&str, &str> = sect
            .kids("headerReference")
            .map(|h| (h.attr("w:type").unwrap_or(""), h.attr("r:id").unwrap_or("")))
            .collect();
        // Both headers in every section: a section without its own first header would reuse
        // the previous section's.
        let first = &parts[&rels[refs["first"]]];
        let default = &parts[&rels[refs["default"]]];
        assert_eq!(first.text_of(), "", "page 1 of a section shows no number");
        let field = default
            .all()
            .into_iter()
            .find(|e| e.name == "fldSimple")
            .expect("a PAGE field");
        assert_eq!(field.attr("w:instr").map(str::trim), Some("PAGE"));
        let p = default.child("p").expect("a paragraph");
        assert_eq!(p.val(&["pPr", "jc"]), Some("center"));
        let size = field
            .all()
            .into_iter()
            .find(|e| e.name == "sz")
            .and_then(|e| e.attr("w:val"));
        assert_eq!(size, Some(&*((s.page_number_pt * 2.0) as i64).to_string()));
        // Appendices are numbered on their own, from 1.
        let restart = sect.child("pgNumType").and_then(|p| p.attr("w:start"));
        assert_eq!(restart, (k > 0).then_some("1"), "section {k}");
    }
    let settings = &parts["word/settings.xml"];
    let mode = settings
        .all()
        .into_iter()
        .find(|e| e.attr("w:name") == Some("compatibilityMode"))
        .expect("a compatibility mode");
    assert_eq!(mode.attr("w:val"), Some("15"), "Word 2013+ mode");
}

#[test]
fn times_new_roman_at_the_reports_size_in_vietnamese_body_justified() {
    let mut r = full_report();
    r.settings.body_pt = 13.0;
    r.settings.first_line_indent_mm = 10.0;
    r.settings.paragraph_spacing_pt = 9.0;
    r.settings.line_spacing = 1.5;
    let parts = parts(&r);
    let styles = &parts["word/styles.xml"];
    let defaults = styles
        .path(&["docDefaults", "rPrDefault", "rPr"])
        .expect("defaults");
    let fonts = defaults.child("rFonts").expect("rFonts");
    for a in ["w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"] {
        assert_eq!(fonts.attr(a), Some("Times New Roman"), "{a}");
    }
    assert_eq!(defaults.val(&["sz"]), Some("26"));
    assert_eq!(defaults.val(&["lang"]), Some("vi-VN"));
    let normal = styles
        .kids("style")
        .find(|s| s.attr("w:styleId") == Some("Normal"))
        .expect("Normal");
    assert_eq!(normal.attr("w:default"), Some("1"));
    let ppr = normal.child("pPr").expect("pPr");
    assert_eq!(ppr.val(&["jc"]), Some("both"));
    assert_eq!(
        ppr.child("ind").expect("ind").num("w:firstLine"),
        tw(mm(10.0))
    );
    let sp = ppr.child("spacing").expect("spacing");
    assert_eq!(sp.num("w:before"), 180);
    assert_eq!(sp.num("w:line"), 360);
    assert_eq!(sp.attr("w:lineRule"), Some("auto"));
    // Body paragraphs use the default style: no style of their own, no direct indent.
    let paras: Vec<&El> = body(&parts)
        .kids("p")
        .filter(|p| p.text_of().starts_with("Phường Bạch Mai là một"))
        .collect();
    assert_eq!(paras.len(), 1);
    assert!(paras[0].path(&["pPr", "pStyle"]).is_none());
    assert!(paras[0].path(&["pPr", "ind"]).is_none());
    // Superscript kept: "km" + sup "2".
    let sup = paras[0]
        .kids("r")
        .find(|r| r.path(&["rPr", "vertAlign"]).is_some())
        .expect("a superscript run");
    assert_eq!(sup.text_of(), "2");
    assert_eq!(sup.val(&["rPr", "vertAlign"]), Some("superscript"));
}

#[test]
fn headings_carry_their_outline_level_and_derived_number() {
    let r = common::sample_report();
    let parts = parts(&r);
    let styles = &parts["word/styles.xml"];
    let levels = [
        Level::Part,
        Level::Muc,
        Level::Khoan,
        Level::SubKhoan,
        Level::Diem,
        Level::Dash,
    ];
    for (i, _) in levels.iter().enumerate() {
        let id = format!("Heading{}", i + 1);
        let st = styles
            .kids("style")
            .find(|s| s.attr("w:styleId") == Some(id.as_str()))
            .unwrap_or_else(|| panic!("no {id}"));
        assert_eq!(st.val(&["name"]), Some(&*format!("heading {}", i + 1)));
        assert_eq!(st.val(&["pPr", "outlineLvl"]), Some(&*i.to_string()));
        assert!(st.path(&["pPr", "keepNext"]).is_some());
    }
    let headings: Vec<(String, String)> = body(&parts)
        .kids("p")
        .filter_map(|p| {
            let style = p.val(&["pPr", "pStyle"])?;
            style
                .starts_with("Heading")
                .then(|| (style.to_string(), p.text_of()))
        })
        .collect();
    let expected: Vec<(String, String)> = outline(&r.body, r.parts)
        .iter()
        .filter_map(|n| {
            let texts = baocao_heading_texts(n);
            (!texts.is_empty()).then(|| {
                let i = levels.iter().position(|l| *l == n.level).expect("a level") + 1;
                (format!("Heading{i}"), texts.join("\n"))
            })
        })
        .collect();
    // A Phần's lines are broken where the page breaks them (balanced centred lines), so the
    // texts compare with the breaks read as spaces.
    let flat = |v: &[(String, String)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(s, t)| (s.clone(), t.replace('\n', " ")))
            .collect()
    };
    assert_eq!(flat(&headings), flat(&expected));
    assert!(headings.iter().any(|(_, t)| t.starts_with("I. HOẠT ĐỘNG")));
    assert!(headings
        .iter()
        .any(|(s, t)| s == "Heading1" && t.starts_with("Phần thứ nhất\nĐÁNH GIÁ TÌNH HÌNH")));
    // Never one word alone on a Phần's last line (issue 12: balanced centred lines).
    for (s, t) in &headings {
        if s == "Heading1" {
            let last = t.lines().last().unwrap_or_default();
            assert!(last.split_whitespace().count() >= 2, "{t:?}");
        }
    }
}

/// What a heading prints (the layout's rule: number and title, a mục's title upper case).
fn baocao_heading_texts(n: &baocao::model::numbering::Numbered) -> Vec<String> {
    let title = n.section.title.trim();
    let no = n.number.as_deref().map(str::trim).filter(|s| !s.is_empty());
    match n.level {
        Level::Part => no
            .map(str::to_string)
            .into_iter()
            .chain((!title.is_empty()).then(|| title.to_uppercase()))
            .collect(),
        level => {
            let t = if level == Level::Muc {
                title.to_uppercase()
            } else {
                title.to_string()
            };
            match no {
                Some(no) if t.is_empty() => vec![no.to_string()],
                Some(no) => vec![format!("{no} {t}")],
                None if t.is_empty() => vec![],
                None => vec![t],
            }
        }
    }
}

/// The cells' paragraphs of a table row, as (text, paragraph).
fn cell_paras(tc: &El) -> Vec<&El> {
    tc.kids("p").collect()
}

/// The width between a rule paragraph's indents, inside a box `box_tw` twips wide.
fn rule_len(p: &El, box_tw: i64) -> i64 {
    let ind = p.path(&["pPr", "ind"]).expect("indents");
    box_tw - ind.num("w:left") - ind.num("w:right")
}

fn is_rule(p: &El) -> bool {
    p.path(&["pPr", "pBdr", "top"]).is_some() && p.text_of().is_empty()
}

#[test]
fn the_header_is_a_borderless_table_in_the_layouts_columns() {
    let r = full_report();
    let parts = parts(&r);
    let plan = baocao::layout::header::plan(&measurer(), &r);
    let table = body(&parts).child("tbl").expect("the header table");
    let tbl_pr = table.child("tblPr").expect("tblPr");
    assert_eq!(
        tbl_pr.path(&["tblLayout"]).and_then(|l| l.attr("w:type")),
        Some("fixed")
    );
    for b in &tbl_pr.child("tblBorders").expect("borders").children {
        assert_eq!(b.attr("w:val"), Some("nil"), "header border {}", b.name);
    }
    let grid: Vec<i64> = table
        .child("tblGrid")
        .expect("grid")
        .kids("gridCol")
        .map(|g| g.num("w:w"))
        .collect();
    assert_eq!(grid, [tw(plan.left_w), tw(plan.right_w)]);
    let rows: Vec<&El> = table.kids("tr").collect();
    assert_eq!(rows.len(), 2);
    let row1: Vec<&El> = rows[0].kids("tc").collect();
    let row2: Vec<&El> = rows[1].kids("tc").collect();
    // Left: chủ quản, agency lines as the layout broke them, the rule.
    let left: Vec<&El> = cell_paras(row1[0]);
    let texts: Vec<String> = left.iter().map(|p| p.text_of()).collect();
    let mut want = plan.parent_lines.clone();
    want.extend(plan.agency_lines.iter().cloned());
    want.push(String::new());
    assert_eq!(texts, want);
    // The agency name: bold, 12–13 pt (the decree's range), in half-points.
    let name = left[plan.parent_lines.len()]
        .path(&["r", "rPr"])
        .expect("rPr");
    assert!(name.child("b").is_some());
    let sz = name.child("sz").expect("a size").num("w:val");
    assert!((24..=26).contains(&sz), "agency name {sz} half-points");
    assert_eq!(sz, (plan.agency_pt * 2.0).round() as i64);
    let rule = left.last().expect("the rule");
    assert!(is_rule(rule));
    assert!((rule_len(rule, tw(plan.left_w)) - tw(plan.agency_rule)).abs() <= 1);
    // Right: Quốc hiệu at the layout's size, Tiêu ngữ, its rule as long as its text.
    let right: Vec<&El> = cell_paras(row1[1]);
    assert_eq!(right[0].text_of(), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(
        right[0].val(&["r", "rPr", "sz"]),
        Some(&*((plan.quoc_hieu_pt * 2.0).round() as i64).to_string())
    );
    assert_eq!(right[1].text_of(), "Độc lập - Tự do - Hạnh phúc");
    assert!(is_rule(right[2]));
    assert!((rule_len(right[2], tw(plan.right_w)) - tw(plan.tieu_ngu_rule)).abs() <= 1);
    for p in &right[..2] {
        assert_eq!(p.val(&["pPr", "jc"]), Some("center"));
    }
    // "Số" and the date in one row; the marks boxed under "Số".
    assert_eq!(cell_paras(row2[0])[0].text_of(), "Số: 05/BC-UBND");
    assert_eq!(cell_paras(row2[1])[0].text_of(), plan.date_lines.concat());
    let marks: Vec<String> = cell_paras(row2[0])[1..]
        .iter()
        .map(|p| p.text_of())
        .collect();
    assert_eq!(marks, ["KHẨN", "LƯU HÀNH NỘI BỘ"]);
    for p in &cell_paras(row2[0])[1..] {
        assert!(p.path(&["r", "rPr", "bdr"]).is_some(), "a boxed mark");
    }
    // The draft mark above the table, boxed, at the right.
    let first = &body(&parts).children[0];
    assert_eq!(first.text_of(), "DỰ THẢO");
    assert_eq!(first.val(&["pPr", "jc"]), Some("right"));
    assert!(first.path(&["r", "rPr", "bdr"]).is_some());
}

#[test]
fn the_title_keeps_the_layouts_lines_and_rule() {
    let r = full_report();
    let parts = parts(&r);
    let plan = baocao::layout::title_plan(&r, &measurer());
    let paras: Vec<&El> = body(&parts).kids("p").collect();
    let bc = paras
        .iter()
        .position(|p| p.text_of() == "BÁO CÁO")
        .expect("BÁO CÁO");
    let ty = paras[bc + 1];
    let lines: Vec<String> = ty.text_of().split('\n').map(str::to_string).collect();
    assert_eq!(
        lines, plan.trich_yeu,
        "the layout's lines, broken where it broke them"
    );
    assert!(lines.len() >= 2);
    assert_eq!(ty.val(&["pPr", "jc"]), Some("center"));
    assert!(ty.path(&["pPr", "keepNext"]).is_some());
    let rule = paras[bc + 2];
    assert!(is_rule(rule));
    let text_w = tw(mm(210.0
        - r.settings.margin_left_mm
        - r.settings.margin_right_mm));
    assert!((rule_len(rule, text_w) - tw(plan.trich_yeu_rule)).abs() <= 1);
    // Several kính gửi: the dashes start under the colon, lines after the dash hang.
    let kg = paras[bc + 3];
    assert_eq!(kg.text_of(), "Kính gửi:");
    let baocao::layout::KinhGui::Many {
        label_x,
        dash_x,
        hang,
        ..
    } = plan.kinh_gui
    else {
        panic!("several recipients")
    };
    assert_eq!(
        kg.path(&["pPr", "ind"]).expect("ind").num("w:left"),
        tw(label_x)
    );
    let first = paras[bc + 4];
    assert_eq!(first.text_of(), "- Ủy ban nhân dân thành phố Hà Nội;");
    let ind = first.path(&["pPr", "ind"]).expect("ind");
    assert_eq!(ind.num("w:left") - ind.num("w:hanging"), tw(dash_x));
    assert_eq!(ind.num("w:hanging"), tw(hang));
    assert_eq!(paras[bc + 5].text_of(), "- Sở Nội vụ thành phố.");
}

#[test]
fn the_closing_is_a_table_that_stays_with_the_bodys_last_lines() {
    let r = common::sample_report();
    let parts = parts(&r);
    let blocks = &body(&parts).children;
    let closing_at = blocks
        .iter()
        .rposition(|b| b.name == "tbl")
        .expect("the closing table");
    let sentence = &blocks[closing_at - 1];
    assert_eq!(sentence.text_of(), r.closing.trim());
    assert!(sentence.path(&["pPr", "keepNext"]).is_some());
    assert!(
        blocks[closing_at - 2].path(&["pPr", "keepNext"]).is_some(),
        "the body's last paragraph goes with the closing"
    );
    let table = &blocks[closing_at];
    for b in &table
        .path(&["tblPr", "tblBorders"])
        .expect("borders")
        .children
    {
        assert_eq!(b.attr("w:val"), Some("nil"));
    }
    let row = table.child("tr").expect("a row");
    assert!(
        row.path(&["trPr", "cantSplit"]).is_some(),
        "the closing never splits"
    );
    let cells: Vec<&El> = row.kids("tc").collect();
    let left = cell_paras(cells[0]);
    assert_eq!(left[0].text_of(), "Nơi nhận:");
    let rpr = left[0].path(&["r", "rPr"]).expect("rPr");
    assert!(rpr.child("b").is_some() && rpr.child("i").is_some());
    assert_eq!(rpr.val(&["sz"]), Some("24"));
    let recipients: Vec<String> = left[1..].iter().map(|p| p.text_of()).collect();
    assert_eq!(recipients, baocao::layout::closing::recipient_lines(&r));
    for p in &left[1..] {
        assert_eq!(p.val(&["r", "rPr", "sz"]), Some("22"));
    }
    let right = cell_paras(cells[1]);
    let texts: Vec<String> = right.iter().map(|p| p.text_of()).collect();
    assert_eq!(
        texts,
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Thị Thu Hiền"]
    );
    let room = right[2]
        .path(&["pPr", "spacing"])
        .expect("room above the name")
        .num("w:before");
    assert_eq!(room, tw(mm(baocao::layout::closing::SIGNATURE_SPACE_MM)));
    let grid: Vec<i64> = table
        .child("tblGrid")
        .expect("grid")
        .kids("gridCol")
        .map(|g| g.num("w:w"))
        .collect();
    let text_w = mm(210.0 - r.settings.margin_left_mm - r.settings.margin_right_mm);
    assert!((grid[0] - tw(text_w * baocao::layout::closing::NOI_NHAN_SHARE)).abs() <= 1);
}

#[test]
fn tables_repeat_their_header_rows_and_never_split_a_row() {
    let r = full_report();
    let parts = parts(&r);
    let tables: Vec<&El> = body(&parts)
        .kids("tbl")
        .filter(|t| t.text_of().contains("Chỉ tiêu"))
        .collect();
    assert_eq!(tables.len(), 2, "the intro's table and the appendix's");
    for (k, t) in tables.iter().enumerate() {
        let rows: Vec<&El> = t.kids("tr").collect();
        assert!(rows[0].path(&["trPr", "tblHeader"]).is_some());
        assert!(rows[1..]
            .iter()
            .all(|r| r.path(&["trPr", "tblHeader"]).is_none()));
        assert!(rows
            .iter()
            .all(|r| r.path(&["trPr", "cantSplit"]).is_some()));
        // Every row has a cell per column, a missing one written empty.
        assert!(rows.iter().all(|r| r.kids("tc").count() == 3));
        // Widths 1 : 3 : 1.5 of the section's text width (landscape for the appendix).
        let grid: Vec<i64> = t
            .child("tblGrid")
            .expect("grid")
            .kids("gridCol")
            .map(|g| g.num("w:w"))
            .collect();
        let page_w = if k == 0 { 210.0 } else { 297.0 };
        let text_w = mm(page_w - r.settings.margin_left_mm - r.settings.margin_right_mm);
        let want = [1.0, 3.0, 1.5].map(|w| tw(text_w * w / 5.5));
        for (g, w) in grid.iter().zip(want) {
            assert!((g - w).abs() <= 1, "{grid:?} vs {want:?}");
        }
    }
}

#[test]
fn document_properties_name_the_report() {
    let r = common::sample_report();
    let parts = parts(&r);
    let core = &parts["docProps/core.xml"];
    let get = |n: &str| core.child(n).map(|e| e.text.clone()).unwrap_or_default();
    assert_eq!(get("title"), r.trich_yeu.trim());
    assert_eq!(get("creator"), "ỦY BAN NHÂN DÂN PHƯỜNG BẠCH MAI");
    assert!(get("subject").starts_with("BÁO CÁO Tình hình"));
    assert_eq!(get("created"), "2026-07-15T01:30:00Z");
    assert_eq!(get("language"), "vi-VN");
    let app = &parts["docProps/app.xml"];
    assert_eq!(
        app.child("Application").map(|e| e.text.as_str()),
        Some("Báo cáo")
    );
}

#[test]
fn the_same_report_at_the_same_moment_gives_the_same_bytes() {
    let r = full_report();
    assert_eq!(docx(&r), docx(&r));
}

/// Our own reading of the package finds the report: every run of the model in order in the
/// document's text, the header, the outline (above), the closing.
#[test]
fn our_own_reading_finds_every_word_in_order() {
    let r = full_report();
    let parts = parts(&r);
    let text: String = parts["word/document.xml"]
        .text_of()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    fn runs_of(blocks: &[Block], out: &mut Vec<String>) {
        let mut push = |runs: &[Run]| {
            for run in runs {
                out.push(run.text.split_whitespace().collect());
            }
        };
        for b in blocks {
            match b {
                Block::Paragraph { runs } => push(runs),
                Block::List { items } => items.iter().for_each(|i| push(i)),
                Block::Table(t) => t.rows.iter().flatten().for_each(|c| push(c)),
            }
        }
    }
    let mut want: Vec<String> = Vec::new();
    runs_of(&r.intro, &mut want);
    for n in outline(&r.body, r.parts) {
        runs_of(&n.section.blocks, &mut want);
    }
    let mut at = 0;
    for w in want.iter().filter(|w| !w.is_empty()) {
        match text[at..].find(w.as_str()) {
            Some(k) => at += k + w.len(),
            None => panic!("“{w}” missing or out of order"),
        }
    }
    let closing_words: String = r.signer.name.split_whitespace().collect();
    assert!(
        text[at..].contains(&closing_words),
        "the signer after the body"
    );
}

/// A block as the reader sees it: a paragraph's runs merged by style (bold, italic, sup), a
/// list's items, a table's header rows, cell text (cells missing at a row's end are empty) and
/// column shares. A table's header cells are bold in print whether or not the model says so.
fn seen(blocks: &[Block]) -> Vec<String> {
    let runs = |rs: &[Run]| -> String {
        let mut out = String::new();
        let mut style = None;
        for r in rs.iter().filter(|r| !r.text.is_empty()) {
            let st = (r.bold, r.italic, r.sup);
            if style != Some(st) {
                out.push_str(&format!(
                    "[{}{}{}]",
                    r.bold as u8, r.italic as u8, r.sup as u8
                ));
                style = Some(st);
            }
            out.push_str(&r.text);
        }
        out
    };
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { runs: rs } => format!("đoạn {}", runs(rs)),
            Block::List { items } => format!(
                "danh sách {}",
                items
                    .iter()
                    .map(|i| runs(i))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ),
            Block::Table(t) => {
                let total: f32 = t.widths.iter().sum();
                let shares: Vec<String> = t
                    .widths
                    .iter()
                    .map(|w| format!("{:.2}", w / total))
                    .collect();
                let cols = t.rows.iter().map(Vec::len).max().unwrap_or(0);
                let rows: Vec<String> = t
                    .rows
                    .iter()
                    .map(|row| {
                        (0..cols)
                            .map(|c| {
                                row.get(c)
                                    .map(|cell| cell.iter().map(|r| r.text.as_str()).collect())
                                    .unwrap_or_default()
                            })
                            .collect::<Vec<String>>()
                            .join(" | ")
                    })
                    .collect();
                format!(
                    "bảng {} dòng đầu, cột {:?}: {}",
                    t.header_rows,
                    shares,
                    rows.join(" / ")
                )
            }
        })
        .collect()
}

/// Every heading and block of a body in reading order.
fn seen_outline(body: &[baocao::model::Section], parts: bool) -> Vec<String> {
    let mut out = Vec::new();
    for n in outline(body, parts) {
        out.push(format!("{:?} {}", n.level, n.section.title.trim()));
        out.extend(seen(&n.section.blocks));
    }
    out
}

/// The round trip through the `.docx` importer: a `.docx` that Báo cáo wrote imports back into
/// the same header (chủ quản, agency, marks, number, date, title, kính gửi), outline, text with
/// its bold and italics, lists, tables, closing and appendices.
#[test]
fn a_docx_we_wrote_imports_back_into_the_same_report() {
    let r = full_report();
    let back = baocao::import::import_bytes(&docx(&r)).expect("our .docx imports");
    // The agency lines are printed (and so written) in capitals.
    assert_eq!(
        back.issuer.parent,
        r.issuer.parent.as_deref().map(str::to_uppercase)
    );
    assert_eq!(back.issuer.name_lines, r.issuer.name_lines);
    assert_eq!(back.issuer.symbol, r.issuer.symbol);
    let upper = |m: &Option<String>| m.as_deref().map(str::to_uppercase);
    assert_eq!(back.marks.draft, r.marks.draft);
    assert_eq!(back.marks.urgency, upper(&r.marks.urgency));
    assert_eq!(back.marks.circulation, upper(&r.marks.circulation));
    assert_eq!(
        (back.number, back.date, &back.place),
        (r.number, r.date, &r.place)
    );
    assert_eq!(back.doc_type, r.doc_type);
    assert_eq!(back.trich_yeu.trim(), r.trich_yeu.trim());
    assert_eq!(back.kinh_gui, r.kinh_gui);
    assert_eq!(back.parts, r.parts);
    assert_eq!(seen(&back.intro), seen(&r.intro));
    assert_eq!(
        seen_outline(&back.body, back.parts),
        seen_outline(&r.body, r.parts)
    );
    assert_eq!(back.closing.trim(), r.closing.trim());
    assert_eq!(back.noi_nhan, r.noi_nhan);
    assert_eq!(back.signer, r.signer);
    assert_eq!(back.appendices.len(), r.appendices.len());
    for (b, a) in back.appendices.iter().zip(&r.appendices) {
        // The title is printed (and so written) in capitals, as the decree shows it.
        assert_eq!(b.title, a.title.to_uppercase());
        assert_eq!(seen(&b.intro), seen(&a.intro));
        assert_eq!(seen_outline(&b.body, false), seen_outline(&a.body, false));
        // Not compared: `landscape` (the importer reads no section's orientation yet).
    }
}
