//! Machine-readable exports of the framework per language, for assessors' spreadsheets and
//! tools: `<lang>/framework.json` and `<lang>/framework.csv` with the same columns
//! (id, level, parent, title, applies_to, evidence, url; URLs relative to the file), and the
//! `sitemap.xml` of a site with a base URL.

use super::urls;
use crate::output::Output;
use crate::site::Site;
use serde::Serialize;

/// One row of the export.
#[derive(Debug, Serialize)]
pub(super) struct Row {
    /// Framework number.
    pub id: String,
    /// `principle`, `standard` or `indicator`.
    pub level: &'static str,
    /// Parent number, empty for principles.
    pub parent: String,
    /// Title in the language (the original when not translated).
    pub title: String,
    /// Products.
    pub applies_to: Vec<&'static str>,
    /// Evidence categories.
    pub evidence: Vec<&'static str>,
    /// Page URL relative to the export file.
    pub url: String,
}

fn rows(site: &Site, lang: &str) -> Vec<Row> {
    let from = format!("{lang}/framework.json");
    site.pages
        .iter()
        .filter(|p| p.kind.is_framework())
        .map(|page| {
            let structure = &site.sources[site.default_version(page)].front;
            Row {
                id: page.id.clone(),
                level: page.kind.as_str(),
                parent: page.parent.map(|p| site.pages[p].id.clone()).unwrap_or_default(),
                title: site.title(page, lang).0.to_owned(),
                applies_to: structure.applies_to.iter().map(|p| p.as_str()).collect(),
                evidence: structure.evidence.iter().map(|e| e.as_str()).collect(),
                url: urls::relative(&from, &urls::page_path(page, lang)),
            }
        })
        .collect()
}

/// `<lang>/framework.json`.
pub(super) fn json(site: &Site, lang: &str) -> Output {
    let json = serde_json::to_string_pretty(&rows(site, lang)).expect("rows serialize");
    Output::new(format!("{lang}/framework.json"), json.into_bytes())
}

/// `<lang>/framework.csv` (RFC 4180, UTF-8 with a byte-order mark so spreadsheets read
/// Arabic and Cyrillic correctly; lists joined with `;`).
pub(super) fn csv(site: &Site, lang: &str) -> Output {
    let mut csv = String::from("\u{feff}id,level,parent,title,applies_to,evidence,url\r\n");
    for row in rows(site, lang) {
        let fields = [
            row.id,
            row.level.to_owned(),
            row.parent,
            row.title,
            row.applies_to.join(";"),
            row.evidence.join(";"),
            row.url,
        ];
        let quoted: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        csv.push_str(&quoted.join(","));
        csv.push_str("\r\n");
    }
    Output::new(format!("{lang}/framework.csv"), csv.into_bytes())
}

/// `sitemap.xml`: every page in every language, with its alternates.
pub(super) fn sitemap(site: &Site) -> Output {
    let base = site.config.base_url.as_deref().unwrap_or_default().trim_end_matches('/');
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    let escape = crate::markdown::escape;
    for page in &site.pages {
        for lang in &site.langs {
            xml.push_str(&format!("  <url>\n    <loc>{base}/{}</loc>\n", escape(&urls::page_path(page, lang))));
            for other in &site.langs {
                xml.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{other}\" href=\"{base}/{}\"/>\n",
                    escape(&urls::page_path(page, other))
                ));
            }
            xml.push_str("  </url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    Output::new("sitemap.xml".into(), xml.into_bytes())
}

/// A CSV field, quoted when it holds a comma, quote or line break (quotes doubled).
fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
