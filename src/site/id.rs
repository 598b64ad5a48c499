//! Page ids: framework numbers (`"2"`, `"2.1"`, `"2.1.3"`) and slugs (`over-indebtedness`).
//!
//! Numbers stay strings everywhere; [`FrameworkNumber`] gives their level, parent and numeric
//! order (2.10 after 2.9).

use std::cmp::Ordering;

/// Ids the site uses for its own pages; content may not take them.
pub const RESERVED: &[&str] = &["assets", "glossary", "overview", "print", "search", "translations", "index"];

/// What an id names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParsedId {
    /// A principle, standard or indicator.
    Framework(FrameworkNumber),
    /// Any other page.
    Slug,
}

/// A framework number, split into its parts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FrameworkNumber(Vec<u32>);

/// Level in the framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// `2`
    Principle,
    /// `2.1`
    Standard,
    /// `2.1.3`
    Indicator,
}

impl FrameworkNumber {
    /// The level, from the count of parts.
    pub fn level(&self) -> Level {
        match self.0.len() {
            1 => Level::Principle,
            2 => Level::Standard,
            _ => Level::Indicator,
        }
    }

    /// The parent's id (`2.1` for `2.1.3`), none for a principle.
    pub fn parent(&self) -> Option<String> {
        (self.0.len() > 1).then(|| join(&self.0[..self.0.len() - 1]))
    }

    /// The parts, for numeric ordering.
    pub fn parts(&self) -> &[u32] {
        &self.0
    }
}

impl PartialOrd for FrameworkNumber {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for FrameworkNumber {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp(&other.0)
    }
}

fn join(parts: &[u32]) -> String {
    parts.iter().map(u32::to_string).collect::<Vec<_>>().join(".")
}

/// Parses an id; the error says what is wrong with it.
pub fn parse(id: &str) -> Result<ParsedId, String> {
    if id.is_empty() {
        return Err("the id is empty".into());
    }
    if id.starts_with(|c: char| c.is_ascii_digit()) {
        return parse_number(id).map(ParsedId::Framework);
    }
    if !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        || id.starts_with('-')
        || id.ends_with('-')
    {
        return Err(format!("`{id}` is not a valid id"));
    }
    if RESERVED.contains(&id) {
        return Err(format!("`{id}` is reserved for a page the site makes itself"));
    }
    Ok(ParsedId::Slug)
}

fn parse_number(id: &str) -> Result<FrameworkNumber, String> {
    let bad = || format!("`{id}` is not a valid framework number (no leading zeros, at most three parts)");
    let parts: Vec<&str> = id.split('.').collect();
    if parts.len() > 3 {
        return Err(bad());
    }
    let mut numbers = Vec::with_capacity(parts.len());
    for part in parts {
        let valid = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) && !(part.starts_with('0'));
        let n: u32 = part.parse().ok().filter(|_| valid).ok_or_else(bad)?;
        numbers.push(n);
    }
    Ok(FrameworkNumber(numbers))
}

/// The known ids closest to `wanted`, for "did you mean" hints.
pub fn nearest<'a>(wanted: &str, known: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str)> = known
        .map(|k| (strsim::levenshtein(wanted, k), k))
        .filter(|(d, k)| *d <= (wanted.len().max(k.len()) / 2).max(2))
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, k)| k).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(id: &str) -> FrameworkNumber {
        match parse(id).unwrap() {
            ParsedId::Framework(n) => n,
            ParsedId::Slug => panic!("{id} is a slug"),
        }
    }

    #[test]
    fn levels_and_parents() {
        assert_eq!(number("2").level(), Level::Principle);
        assert_eq!(number("2.1").parent().as_deref(), Some("2"));
        assert_eq!(number("2.1.3").level(), Level::Indicator);
        assert_eq!(number("2.1.3").parent().as_deref(), Some("2.1"));
        assert_eq!(number("2").parent(), None);
    }

    #[test]
    fn numeric_order() {
        assert!(number("2.10") > number("2.9"));
        assert!(number("2.1.3") > number("2.1"));
        assert!(number("10") > number("9.9.9"));
    }

    #[test]
    fn malformed_ids_are_refused() {
        for bad in ["", "02", "2.", "2..1", "1.2.3.4", "2.x", "Bad", "a b", "-a", "glossary", "print", "a_b"] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse("over-indebtedness"), Ok(ParsedId::Slug));
    }

    #[test]
    fn nearest_ids() {
        let known = ["2.1.3", "2.1.4", "2.2", "glossary-term"];
        assert_eq!(nearest("2.1.5", known.iter().copied()), vec!["2.1.3", "2.1.4"]);
    }
}
