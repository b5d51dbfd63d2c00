//! A part's XML as a small tree of elements whose names are resolved to namespaces.
//!
//! The parts a report needs (document, styles, numbering, relationships) are a few hundred
//! kilobytes; a tree makes the reading code follow the format's nesting (a table in a cell, a
//! text box in a run, a field across runs) instead of a state machine over a stream. Names are
//! resolved by namespace URI with quick-xml's resolver and folded to [`Ns`], Strict onto
//! Transitional, so that no code below ever compares a prefix.
//!
//! Hostile files: the nesting depth is capped (the readers walk the tree recursively) and the
//! caller caps the size of the bytes.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::ns;

/// The namespaces the readers tell apart; every other one is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// WordprocessingML, Transitional or Strict.
    W,
    /// Relationship ids inside a part (`r:id`).
    R,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// `_rels/*.rels`.
    PackageRels,
    /// `[Content_Types].xml`.
    ContentTypes,
    /// No namespace (unprefixed attributes).
    None,
    Other,
}

impl Ns {
    fn of(uri: &[u8]) -> Ns {
        if ns::is_w(uri) {
            Ns::W
        } else if ns::is_r(uri) {
            Ns::R
        } else if uri == ns::MC.as_bytes() {
            Ns::Mc
        } else if uri == ns::PACKAGE_RELS.as_bytes() {
            Ns::PackageRels
        } else if uri == ns::CONTENT_TYPES.as_bytes() {
            Ns::ContentTypes
        } else {
            Ns::Other
        }
    }

    fn resolved(r: ResolveResult<'_>) -> Ns {
        match r {
            ResolveResult::Bound(n) => Ns::of(n.as_ref().as_bytes()),
            ResolveResult::Unbound => Ns::None,
            ResolveResult::Unknown(_) => Ns::Other,
        }
    }
}

/// An element with its resolved name, attributes and content.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub ns: Ns,
    pub name: String,
    pub attrs: Vec<Attr>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Attr {
    pub ns: Ns,
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// How deep elements may nest. Word's deepest real structures (a text box in a table in a
/// text box) stay far below it.
pub const MAX_DEPTH: usize = 200;
/// Elements of one part: a 300-page report's document part holds a few hundred thousand. A
/// part of repeated empty elements deflates a thousandfold, so its size alone does not bound
/// the tree built from it.
pub const MAX_NODES: usize = 2_000_000;
/// Text of one part, in bytes: a thousand pages of text are some 3 MB.
pub const MAX_TEXT: usize = 32 * 1024 * 1024;
/// The error [`parse`] returns past [`MAX_NODES`] or [`MAX_TEXT`].
pub const TOO_MUCH: &str = "XML: quá nhiều phần tử hoặc chữ";

impl Element {
    /// Is this element `name` in namespace `ns`?
    pub fn is(&self, ns: Ns, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    /// The value of attribute `name` in namespace `ns`; an unprefixed attribute of that name
    /// counts too, as some writers leave the prefix off.
    pub fn attr(&self, ns: Ns, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name == name && (a.ns == ns || a.ns == Ns::None))
            .map(|a| a.value.as_str())
    }

    /// `w:val`.
    pub fn val(&self) -> Option<&str> {
        self.attr(Ns::W, "val")
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element `name` in namespace `ns`.
    pub fn child(&self, ns: Ns, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(ns, name))
    }

    /// The text directly inside the element.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for n in &self.children {
            if let Node::Text(t) = n {
                s.push_str(t);
            }
        }
        s
    }
}

/// Parses a part. The message of an error is for the log, not for the user.
pub fn parse(bytes: &[u8]) -> Result<Element, String> {
    let mut reader = NsReader::from_reader(bytes);
    let config = reader.config_mut();
    config.trim_text(false);
    config.expand_empty_elements = false;
    config.check_end_names = true;
    let mut buf = Vec::new();
    // The elements being read, outermost first; the root ends up alone.
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let (mut nodes, mut text) = (0usize, 0usize);
    loop {
        buf.clear();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("XML: {e}"))?;
        match &event {
            Event::Start(_) | Event::Empty(_) => nodes += 1,
            Event::Text(t) => text += t.len(),
            Event::CData(t) => text += t.len(),
            Event::GeneralRef(_) => text += 1,
            _ => {}
        }
        if nodes > MAX_NODES || text > MAX_TEXT {
            return Err(TOO_MUCH.to_string());
        }
        match event {
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err("XML lồng quá sâu".to_string());
                }
                stack.push(element(&reader, &start)?);
            }
            Event::Empty(start) => {
                let e = element(&reader, &start)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(e)),
                    None => root = Some(e),
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err("XML: thẻ đóng thừa".to_string());
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(done)),
                    None => {
                        root = Some(done);
                    }
                }
            }
            Event::Text(t) => {
                if let Some(parent) = stack.last_mut() {
                    push_text(parent, t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(parent) = stack.last_mut() {
                    push_text(parent, t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(parent) = stack.last_mut() {
                    let text = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => match r.xml10_content().as_ref() {
                            "amp" => "&".to_string(),
                            "lt" => "<".to_string(),
                            "gt" => ">".to_string(),
                            "quot" => "\"".to_string(),
                            "apos" => "'".to_string(),
                            // An entity no OOXML writer defines: dropped rather than guessed.
                            _ => String::new(),
                        },
                    };
                    push_text(parent, Cow::Owned(text));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err("XML: thiếu thẻ đóng".to_string());
    }
    root.ok_or_else(|| "XML: không có phần tử gốc".to_string())
}

fn push_text(parent: &mut Element, text: Cow<'_, str>) {
    if text.is_empty() {
        return;
    }
    if let Some(Node::Text(last)) = parent.children.last_mut() {
        last.push_str(&text);
    } else {
        parent.children.push(Node::Text(text.into_owned()));
    }
}

fn element<R>(reader: &NsReader<R>, start: &BytesStart<'_>) -> Result<Element, String> {
    let (ns, local) = reader.resolver().resolve_element(start.name());
    let mut attrs = Vec::new();
    for a in start.attributes().with_checks(false) {
        let a = a.map_err(|e| format!("XML: {e}"))?;
        let key = a.key;
        // Namespace declarations are not attributes of the document.
        if key.as_namespace_binding().is_some() {
            continue;
        }
        let (ans, alocal) = reader.resolver().resolve_attribute(key);
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(Cow::into_owned)
            .unwrap_or_else(|_| a.value.to_string());
        attrs.push(Attr {
            ns: Ns::resolved(ans),
            name: alocal.as_ref().to_string(),
            value,
        });
    }
    Ok(Element {
        ns: Ns::resolved(ns),
        name: local.as_ref().to_string(),
        attrs,
        children: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_by_uri_whatever_the_prefix() {
        let transitional = br#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t xml:space="preserve"> A &amp; B </w:t></w:r></w:p></w:body></w:document>"#;
        let strict = br#"<x:document xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main"><x:body><x:p><x:r><x:t> A &amp; B </x:t></x:r></x:p></x:body></x:document>"#;
        for bytes in [&transitional[..], &strict[..]] {
            let root = parse(bytes).unwrap();
            assert!(root.is(Ns::W, "document"));
            let t = root
                .child(Ns::W, "body")
                .and_then(|b| b.child(Ns::W, "p"))
                .and_then(|p| p.child(Ns::W, "r"))
                .and_then(|r| r.child(Ns::W, "t"))
                .unwrap();
            assert_eq!(t.text(), " A & B ");
        }
        // Another namespace with the same local name is not WordprocessingML.
        let other = br#"<w:p xmlns:w="urn:other"/>"#;
        assert!(!parse(other).unwrap().is(Ns::W, "p"));
    }

    #[test]
    fn character_references_and_attributes() {
        let root = parse(
            br#"<w:t xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:val="a&lt;b" plain="1">&#7841;&#x1EA1;</w:t>"#,
        )
        .unwrap();
        assert_eq!(root.text(), "ạạ");
        assert_eq!(root.val(), Some("a<b"));
        assert_eq!(root.attr(Ns::W, "plain"), Some("1"));
    }

    #[test]
    fn too_many_elements_or_too_much_text_is_refused() {
        let many = format!("<a>{}</a>", "<b/>".repeat(MAX_NODES + 1));
        assert_eq!(parse(many.as_bytes()).unwrap_err(), TOO_MUCH);
        let long = format!("<a>{}</a>", "x".repeat(MAX_TEXT + 1));
        assert_eq!(parse(long.as_bytes()).unwrap_err(), TOO_MUCH);
        assert!(parse(format!("<a>{}</a>", "<b/>".repeat(1000)).as_bytes()).is_ok());
    }

    #[test]
    fn deep_or_broken_xml_is_an_error_not_a_crash() {
        let deep = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        assert!(parse(deep.as_bytes()).is_err());
        assert!(parse(b"<a><b></a>").is_err());
        assert!(parse(b"<a>").is_err());
        assert!(parse(b"").is_err());
    }
}
