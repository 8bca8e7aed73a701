//! The runner's modules stand in layers (see the module docs of `src/main.rs`): a
//! module uses only its own layer and those below, so that no import runs in a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, from the bottom up, as `src/main.rs` states them.
const LAYERS: &[&[&str]] = &[
    &["fields", "style", "error", "terminal"],
    &["manifest", "course", "state", "report"],
    &["process", "sandbox", "cargo", "runner"],
    &["grade", "review"],
    &["gradebook", "ci", "lock", "starter", "edition", "corpus"],
    &["commands"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The modules a source file names by `crate::MODULE`, in `use crate::{a, b::c}` too.
fn used_modules(source: &str) -> Vec<String> {
    let mut used = Vec::new();
    for (at, _) in source.match_indices("crate::") {
        let rest = &source[at + "crate::".len()..];
        let paths = match rest.strip_prefix('{') {
            // The first segment of each path in the group, at its top level.
            Some(group) => {
                let mut depth = 0;
                let end = group
                    .char_indices()
                    .find(|&(_, c)| {
                        depth += i32::from(c == '{') - i32::from(c == '}');
                        depth < 0
                    })
                    .map_or(group.len(), |(end, _)| end);
                let mut paths = Vec::new();
                let mut depth = 0;
                let mut start = 0;
                for (i, c) in group[..end].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            paths.push(&group[start..i]);
                            start = i + 1;
                        }
                        _ => {}
                    }
                }
                paths.push(&group[start..end]);
                paths
            }
            None => vec![rest],
        };
        for path in paths {
            let name: String = path
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            // An item of main.rs (`crate::Foo`) is not a module.
            if name.starts_with(|c: char| c.is_lowercase()) {
                used.push(name);
            }
        }
    }
    used
}

/// Every source file of the runner but main.rs, by the top-level module it belongs to.
fn modules() -> BTreeMap<String, Vec<(String, String)>> {
    fn visit(dir: &Path, src: &Path, found: &mut BTreeMap<String, Vec<(String, String)>>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                visit(&path, src, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(src).unwrap();
                let module = relative
                    .components()
                    .next()
                    .unwrap()
                    .as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_string();
                if module != "main" {
                    let source = std::fs::read_to_string(&path).unwrap();
                    let file = relative.to_string_lossy().into_owned();
                    found.entry(module).or_default().push((file, source));
                }
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = BTreeMap::new();
    visit(&src, &src, &mut found);
    found
}

/// A loop of modules that use one another, if there is one.
fn circle(uses: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        module: &str,
        uses: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|m| m == module) {
            return Some(path[at..].to_vec());
        }
        if !done.insert(module.to_string()) {
            return None;
        }
        path.push(module.to_string());
        for used in uses.get(module).into_iter().flatten() {
            if let Some(circle) = visit(used, uses, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    uses.keys()
        .find_map(|module| visit(module, uses, &mut Vec::new(), &mut done))
}

#[test]
fn finds_circles() {
    let graph = |edges: &[(&str, &str)]| {
        let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in edges {
            uses.entry(a.to_string()).or_default().insert(b.to_string());
        }
        uses
    };
    assert_eq!(circle(&graph(&[("a", "b"), ("b", "c"), ("a", "c")])), None);
    assert_eq!(
        circle(&graph(&[("a", "b"), ("b", "c"), ("c", "a")])),
        Some(vec!["a".to_string(), "b".to_string(), "c".to_string()])
    );
}

#[test]
fn reads_the_modules_a_file_uses() {
    let source = "use crate::course::{Course, LOCK_FILE};\nuse crate::{Error, process, report::{Status}};\n\
                  fn f() { crate::state::write_atomically(); }";
    assert_eq!(
        used_modules(source),
        ["course", "process", "report", "state"]
    );
}

#[test]
fn no_module_reaches_up_and_none_uses_another_in_a_circle() {
    let modules = modules();
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut wrong = Vec::new();
    for (module, files) in &modules {
        let Some(layer) = layer_of(module) else {
            wrong.push(format!(
                "`{module}` is in no layer: add it to main.rs's module docs and to LAYERS"
            ));
            continue;
        };
        for (file, source) in files {
            for used in used_modules(source) {
                if used != *module {
                    uses.entry(module.clone()).or_default().insert(used.clone());
                }
                match layer_of(&used) {
                    Some(other) if other <= layer => {}
                    Some(other) => wrong.push(format!(
                        "{file} (layer {}) uses `{used}` (layer {})",
                        layer + 1,
                        other + 1
                    )),
                    None => wrong.push(format!("{file} uses `{used}`, which is in no layer")),
                }
            }
        }
    }
    assert!(
        modules.len() > 15,
        "the modules were found: {:?}",
        modules.keys()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(circle(&uses), None, "modules that use each other in a loop");
}
