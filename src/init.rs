//! `guidesite init`: a small working site to start from — settings, one locale, one
//! principle, one standard, two indicators, a glossary term and a home page. It uses the
//! built-in default theme, so it needs no theme folder.

use std::io;
use std::path::Path;

/// The files of a new site: path and contents.
const FILES: &[(&str, &str)] = &[
    (
        "content/site.yaml",
        "title: My guidance site\ndefault_language: en\nlanguages: [en]\ntheme: default\n",
    ),
    (
        "content/home.md",
        "---\nid: home\nkind: home\ntitle: My guidance site\nsummary: Guidance on the Client Protection Principles, one page per indicator.\n---\nStart with principle [[1]], or open the overview of the whole framework.\n",
    ),
    (
        "content/framework/1/1.md",
        "---\nid: \"1\"\ntitle: Appropriate Product Design and Delivery\nshort_title: Product design\nsummary: Products and delivery channels are designed around what clients need and can use.\napplies_to: [all]\n---\nThis principle has one standard in this starter site: [[1.1]].\n\n## Why it matters to clients\n\nA product that does not fit a client's cash flow can harm them.\n\n## What providers do\n\nThey study their clients and test products with them.\n",
    ),
    (
        "content/framework/1/1.1.md",
        "---\nid: \"1.1\"\ntitle: The FI designs products that suit clients' needs\nshort_title: Suitable products\nsummary: Product design starts from evidence about clients.\napplies_to: [all]\nrelated: [\"1.1.1\"]\n---\n## What the standard requires\n\nProducts follow from market research; see [[1.1.1]] and [[1.1.2]].\n\n## How it is assessed\n\nThe assessor reads product documents and talks with staff.\n",
    ),
    (
        "content/framework/1/1.1.1.md",
        "---\nid: \"1.1.1\"\ntitle: The FI researches client needs before it designs a product.\nshort_title: Client needs research\napplies_to: [all]\nevidence: [documents, interviews]\nrelated: [\"1.1.2\", \"1.1\"]\nglossary: [repayment-capacity]\n---\nProducts start from what clients need.\n\n## How to comply\n\n- Study clients' cash flows before setting repayment terms ([[repayment-capacity]]).\n- Record the findings; [[1.1.2]] builds on them.\n\n## Evidence\n\nMarket research reports and interviews with the product team.\n\n## Common pitfalls\n\n- Copying a competitor's product without research.\n",
    ),
    (
        "content/framework/1/1.1.2.md",
        "---\nid: \"1.1.2\"\ntitle: The FI tests new products with clients before launch.\nshort_title: Product pilots\napplies_to: [all]\nevidence: [documents, observation]\nrelated: [\"1.1.1\", \"1.1\"]\n---\nA pilot shows problems while they are cheap to fix.\n\n## How to comply\n\nRun a pilot and review it against the research of [[1.1.1#how-to-comply]].\n\n## Evidence\n\nPilot reports; the assessor observes a product presentation.\n\n## Common pitfalls\n\n- Launching everywhere at once; see [[1.1]].\n",
    ),
    (
        "content/glossary/repayment-capacity.md",
        "---\nid: repayment-capacity\nkind: term\ntitle: Repayment capacity\nsummary: What a client can repay from their income after essential spending.\n---\nThe FI estimates it before every loan; see [[1.1.1]].\n",
    ),
];

/// Creates a new site in `dir`, which must be absent or empty. Returns the files written.
pub fn init(dir: &Path) -> io::Result<Vec<String>> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty; choose a new folder so nothing is overwritten", dir.display()),
        ));
    }
    let mut written = Vec::new();
    let locale = ("locales/en.ftl", crate::locales::BUILTIN_EN);
    for (path, text) in FILES.iter().chain(std::iter::once(&locale)) {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, text)?;
        written.push((*path).to_owned());
    }
    Ok(written)
}
