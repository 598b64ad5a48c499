//! A page body as a template value: its references resolved for the page that shows it, its
//! HTML written straight into the template's output where the template prints it
//! (`{{ page.body | safe }}`), without a copy into the context or a marker in the output.

use crate::markdown::{Compiled, Embedding, Outline, Resolved, Resolver};
use minijinja::value::{Object, ObjectRepr, Value};
use std::fmt;
use std::sync::Arc;

/// One compiled body, placed in one page.
#[derive(Debug)]
pub(crate) struct Body {
    outline: Arc<Outline>,
    compiled: Arc<Compiled>,
    resolved: Vec<Option<Resolved>>,
    embedding: Embedding,
}

impl Body {
    /// A body (its outline and compiled HTML) as the page `resolver` resolves for shows it,
    /// as a template value.
    pub(crate) fn value(
        (outline, compiled): (&Arc<Outline>, &Arc<Compiled>),
        resolver: &dyn Resolver,
        embedding: Embedding,
    ) -> Value {
        let resolved = outline.resolve(resolver);
        Value::from_object(Body { outline: Arc::clone(outline), compiled: Arc::clone(compiled), resolved, embedding })
    }

    /// Writes the body's HTML.
    pub(crate) fn write_to(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        let mut html = String::with_capacity(self.compiled.len() + self.resolved.len() * 64);
        self.compiled.render_into(&self.outline, &mut html, &self.resolved, &self.embedding);
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
