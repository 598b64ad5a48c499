//! A page body as a template value: its references resolved for the page that shows it, its
//! HTML written straight into the template's output where the template prints it
//! (`{{ page.body | safe }}`), without a copy into the context or a marker in the output.

use crate::markdown::{Embedding, Resolved, Resolver, Scan};
use minijinja::value::{Object, ObjectRepr, Value};
use std::fmt;
use std::sync::Arc;

/// One compiled body, placed in one page.
#[derive(Debug)]
pub(crate) struct Body {
    scan: Arc<Scan>,
    resolved: Vec<Option<Resolved>>,
    embedding: Embedding,
}

impl Body {
    /// The body of `scan` as the page `resolver` resolves for shows it, as a template value.
    pub(crate) fn value(scan: &Arc<Scan>, resolver: &dyn Resolver, embedding: Embedding) -> Value {
        Value::from_object(Body { scan: Arc::clone(scan), resolved: scan.resolve(resolver), embedding })
    }

    /// Writes the body's HTML.
    pub(crate) fn write_to(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        let mut html = String::with_capacity(self.scan.html.len() + self.resolved.len() * 64);
        self.scan.render_into(&mut html, &self.resolved, &self.embedding);
        out.write_str(&html)
    }
}

impl Object for Body {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}
