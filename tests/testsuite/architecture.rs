//! The crate's modules import each other in one direction only: no module reaches, through
//! `crate::` paths, a module that reaches it back. Each file under `src/` is a module
//! (`src/render/search.rs` is `render/search`); a module may use its own submodules.

use crate::support::repo_root;
use std::collections::{BTreeMap, BTreeSet};

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Module name of each source file, with its text (tests left out).
fn modules() -> BTreeMap<String, String> {
    let src = repo_root().join("src");
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().map(|e| e.unwrap()) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(&src).unwrap().with_extension("");
        let name = relative.to_string_lossy().replace('\\', "/");
        let name = name.strip_suffix("/mod").unwrap_or(&name).to_owned();
        if name == "main" || name == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default().to_owned();
        found.insert(name, code);
    }
    found
}

/// The `crate::a::b` paths a text names, braces expanded (`crate::{a, b::c}`).
fn crate_paths(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            paths.extend(inner.split(',').map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()));
        } else {
            let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
            let path = rest[..end].trim_end_matches(':');
            if let Some(prefix) = rest[..end].strip_suffix("::").filter(|_| rest[end..].starts_with('{')) {
                let group = &rest[end + 1..];
                let inner = &group[..group.find('}').unwrap_or(group.len())];
                paths.extend(inner.split(',').map(|p| format!("{prefix}::{}", p.trim())));
            } else {
                paths.push(path.to_owned());
            }
        }
    }
    paths
}

/// Module-to-module edges: the longest module name each `crate::` path starts with.
fn graph(modules: &BTreeMap<String, String>) -> Graph {
    let mut edges = Graph::new();
    for (name, code) in modules {
        let targets = edges.entry(name.clone()).or_default();
        for path in crate_paths(code) {
            let parts: Vec<&str> = path.split("::").collect();
            let target = (1..=parts.len()).rev().map(|n| parts[..n].join("/")).find(|m| modules.contains_key(m));
            if let Some(target) = target.filter(|t| t != name && !t.starts_with(&format!("{name}/"))) {
                targets.insert(target);
            }
        }
    }
    edges
}

/// Every module that reaches itself again, with the cycle's path.
fn cycles(edges: &Graph) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for start in edges.keys() {
        // Depth-first search for a path back to `start`.
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((node, path)) = stack.pop() {
            for next in edges.get(&node).into_iter().flatten() {
                if next == start {
                    let mut cycle = path.clone();
                    cycle.push(start.clone());
                    found.push(cycle);
                    stack.clear();
                    break;
                }
                if seen.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    found
}

#[test]
fn the_cycle_check_finds_a_cycle() {
    let modules: BTreeMap<String, String> = [
        ("a".to_owned(), "use crate::b::thing;".to_owned()),
        ("b".to_owned(), "use crate::{c::x, diagnostic};".to_owned()),
        ("c".to_owned(), "fn f() { crate::a::g() }".to_owned()),
        ("diagnostic".to_owned(), String::new()),
        ("a/inner".to_owned(), "use crate::a::h;".to_owned()),
    ]
    .into_iter()
    .collect();
    let edges = graph(&modules);
    assert_eq!(edges["b"], BTreeSet::from(["c".to_owned(), "diagnostic".to_owned()]));
    assert!(edges["a/inner"].contains("a"), "a submodule using its parent is an edge");
    let found = cycles(&edges);
    assert!(found.iter().any(|c| c == &["a", "b", "c", "a"]), "{found:?}");
}

#[test]
fn modules_import_in_one_direction_only() {
    let edges = graph(&modules());
    assert!(edges.len() > 20, "the source files were found: {edges:?}");
    let found = cycles(&edges);
    assert!(found.is_empty(), "import cycles between modules:\n{found:#?}");
}
