//! YAML as authors write it: where a top-level key is, and YAML errors placed in the whole
//! file (settings or front matter) at the line of the fault, with a hint for people. Used by
//! the settings (`project`) and the pages' front matter (`source`).

use crate::diagnostic::{line_col, Diagnostic};
use std::ops::Range;
use std::path::Path;

/// Byte offset of a top-level `key:` in a YAML text.
pub(crate) fn find_key(yaml: &str, key: &str) -> Option<usize> {
    let mut pos = 0;
    for line in yaml.split_inclusive('\n') {
        if line.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':')) {
            return Some(pos);
        }
        pos += line.len();
    }
    None
}

/// Turns a YAML error into a diagnostic placed in the whole file; `yaml` is where the YAML
/// is in `text`. `what` names the document in the message ("front matter", "site settings").
/// Where the parser's own position is not where the fault is (an unclosed quote is noticed
/// only at the end of the block, a control character is given as a character count), the
/// position of the fault is found in the text.
pub(crate) fn yaml_diagnostic(
    path: &Path,
    text: &str,
    yaml: Range<usize>,
    e: &serde_yaml::Error,
    what: &str,
) -> Diagnostic {
    let raw = e.to_string();
    let message = raw.split(" at line ").next().unwrap_or(&raw).trim_end_matches(',').to_owned();
    let block = &text[yaml.clone()];
    if let Some((offset, fault)) = fault_in(block, &message) {
        let (line, column) = line_col(text, yaml.start + offset);
        return Diagnostic::error(path, format!("invalid YAML: {}", fault.message))
            .at(line, column)
            .help(fault.help)
            .with_source(text);
    }
    let first_line = line_col(text, yaml.start).0;
    let (line, column) = e.location().map(|l| (l.line() + first_line - 1, l.column())).unwrap_or((first_line, 0));
    let (message, help) = explain(&message, what);
    Diagnostic::error(path, message).at(line, column).help(help).with_source(text)
}

/// A fault found in the text, said better than the parser says it.
struct Fault {
    message: String,
    help: &'static str,
}

/// Where in `yaml` the fault of `message` really is, when the parser's position is not it
/// (an unclosed quote is noticed only at the end of the block; a control character is given
/// as a character count).
fn fault_in(yaml: &str, message: &str) -> Option<(usize, Fault)> {
    if message.contains("control character") {
        let (at, c) = yaml.char_indices().find(|&(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))?;
        let fault = Fault {
            message: format!("an invisible control character (U+{:04X}) is not allowed here", u32::from(c)),
            help: "delete it (it often comes with text pasted from another program) and retype the text around it",
        };
        return Some((at, fault));
    }
    let unclosed_flow = message.contains("did not find expected ',' or");
    if unclosed_flow || message.contains("end of stream") || message.contains("while scanning a quoted scalar") {
        let at = unclosed_opening(yaml)?;
        let what = match yaml[at..].chars().next() {
            Some('"' | '\'') => "quote",
            Some('[') => "bracket",
            _ => "brace",
        };
        let fault = Fault {
            message: format!("this {what} is never closed"),
            help: "close it on the same line (a value in quotes or brackets ends where it closes)",
        };
        return Some((at, fault));
    }
    None
}

/// The message and the hint for a YAML error's own message.
fn explain(message: &str, what: &str) -> (String, String) {
    let about_fields = ["invalid type", "invalid value", "unknown", "missing field", "must be quoted"];
    let full = if about_fields.iter().any(|m| message.contains(m)) {
        format!("invalid {what}: {message}")
    } else {
        format!("invalid YAML: {message}")
    };
    let help = if message.contains("unknown field") {
        "remove the field or fix its spelling; the allowed fields are listed in docs/authoring.md".to_owned()
    } else if message.contains("must be quoted") {
        "put framework numbers in quotes".to_owned()
    } else if message.contains("unknown variant") {
        "use one of the values the message lists".to_owned()
    } else if let Some(expected) = message.split("expected ").nth(1).filter(|_| message.contains("invalid type")) {
        type_hint(expected)
    } else {
        "fix the YAML syntax (indentation, a missing `:` or an unclosed quote or bracket)".to_owned()
    };
    (full, help)
}

/// What to write instead of a value of the wrong type.
fn type_hint(expected: &str) -> String {
    let wanted = if expected.contains("string") {
        "text: one value on the line, in quotes if it starts with `[`, `{` or `-` or holds `: ` (title: \"Words: more words\")"
    } else if expected.contains("sequence") || expected.contains("list") {
        "a list: [a, b] on one line, or one `- item` per line below the key"
    } else if expected.contains("integer") || expected.contains("number") {
        "a whole number, such as 10"
    } else {
        expected
    };
    format!("this field takes {wanted}")
}

/// The first quote, bracket or brace in `yaml` that is never closed.
fn unclosed_opening(yaml: &str) -> Option<usize> {
    let mut quote: Option<(char, usize)> = None;
    let mut brackets: Vec<usize> = Vec::new();
    let mut chars = yaml.char_indices().peekable();
    // The last character on this line that is not a space: a scalar starts after these.
    let mut last = None;
    while let Some((i, c)) = chars.next() {
        match quote {
            Some(('"', _)) if c == '\\' => {
                chars.next();
            }
            Some(('"', _)) if c == '"' => quote = None,
            Some(('\'', _)) if c == '\'' => {
                if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                    chars.next();
                } else {
                    quote = None;
                }
            }
            Some(_) => {}
            None => {
                let starts_value = matches!(last, None | Some(':' | '-' | '[' | ',' | '{'));
                match c {
                    '#' if last.is_none() || yaml[..i].ends_with(' ') => {
                        while chars.peek().is_some_and(|&(_, n)| n != '\n') {
                            chars.next();
                        }
                    }
                    '"' | '\'' if starts_value => quote = Some((c, i)),
                    '[' | '{' if starts_value => brackets.push(i),
                    ']' | '}' => {
                        brackets.pop();
                    }
                    _ => {}
                }
            }
        }
        match c {
            '\n' => last = None,
            ' ' | '\t' => {}
            other => last = Some(other),
        }
    }
    quote.map(|(_, at)| at).or_else(|| brackets.first().copied())
}
