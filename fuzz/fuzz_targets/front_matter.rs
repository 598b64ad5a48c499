//! The front-matter splitter and the YAML reader on arbitrary bytes read as UTF-8: no input
//! may panic, and a split must name in-bounds ranges on character boundaries.
#![no_main]

use guidesite::source::front_matter;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(split) = front_matter::split(text) else {
        return;
    };
    let (start, end) = split.yaml;
    assert!(start <= end && end <= split.body && split.body <= text.len());
    assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
    assert!(text.is_char_boundary(split.body));
    if let Err(diagnostic) = front_matter::parse(Path::new("content/fuzz.md"), text, &split) {
        // The report (snippet, caret) is rendered too: it indexes lines and columns.
        let _ = diagnostic.to_string();
    }
});
