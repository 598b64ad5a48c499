//! Both Markdown passes on arbitrary text: `scan` (headings and references) and `to_html`
//! (references resolved, anchors, highlighting), plain and embedded in the print page, with a
//! resolver that knows some ids and anchors and not others.
#![no_main]

use guidesite::markdown::{self, Embedding, Resolved, Resolver};
use libfuzzer_sys::fuzz_target;

/// Knows `1`, `1.1`, `1.1.1` and `about` (with the anchors `evidence` and `how-to-comply`, or
/// none); everything else is unknown.
struct SomeIds;

impl Resolver for SomeIds {
    fn resolve(&self, id: &str, anchor: Option<&str>) -> Option<Resolved> {
        if !["1", "1.1", "1.1.1", "about"].contains(&id) {
            return None;
        }
        if anchor.is_some_and(|a| !["evidence", "how-to-comply"].contains(&a)) {
            return None;
        }
        Some(Resolved {
            url: format!("{id}.html{}", anchor.map(|a| format!("#{a}")).unwrap_or_default()),
            number: (id != "about").then(|| id.to_owned()),
            title: format!("Title of <{id}> & co"),
            title_lang: (id == "1.1").then(|| "fr".to_owned()),
        })
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let scan = markdown::scan(body);
    for r in &scan.outline.refs {
        assert!(body.is_char_boundary(r.offset), "{r:?}");
    }
    for h in &scan.outline.headings {
        let _ = markdown::anchor_for(&h.text);
    }
    // Every hole of the compiled body is filled: no marker (NUL) reaches the page.
    assert!(!markdown::to_html(body, &SomeIds).contains('\0'));
    let embedding = Embedding { anchor_prefix: "p-1-1-".to_owned(), heading_shift: 2 };
    assert!(!markdown::to_html_with(body, &SomeIds, &embedding).contains('\0'));
});
