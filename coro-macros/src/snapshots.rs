//! Expansion snapshots: each `tests/expand/NAME.rs` (one `#[coroutine]`
//! function) is expanded, formatted with prettyplease and compared with the
//! checked-in `tests/expand/NAME.expanded.rs`, so that the state machines can
//! be read in the repository and any change to the output shows in review.
//! `CORO_BLESS=1 cargo test -p coro-macros snapshots` rewrites them.
//!
//! Each snapshot must also keep what the lowering promises a reader of
//! `cargo expand`: a frame type and a state enum named after the function,
//! one state per `.await` documented with the awaited expression, and a poll
//! that is one `match` over the states.

use std::path::{Path, PathBuf};

fn inputs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/expand exists")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "rs")
                && !p.to_string_lossy().ends_with(".expanded.rs")
        })
        .collect();
    inputs.sort();
    inputs
}

/// The function of an input file, without its `#[coroutine]`, expanded and
/// formatted.
fn expand_file(source: &str) -> (String, String) {
    let file: syn::File = syn::parse_str(source).expect("an input file parses");
    let [syn::Item::Fn(item)] = file.items.as_slice() else {
        panic!("an input file holds one function");
    };
    let mut item = item.clone();
    item.attrs.retain(|a| !a.path().is_ident("coroutine"));
    let name = item.sig.ident.to_string();
    let tokens = crate::expand(
        proc_macro2::TokenStream::new(),
        quote::ToTokens::to_token_stream(&item),
    )
    .unwrap_or_else(|errors| panic!("`{name}` expands: {}", errors[0]));
    let expanded: syn::File = syn::parse2(tokens).expect("the expansion parses as items");
    (name, prettyplease::unparse(&expanded))
}

/// What a reader is promised to find.
fn readability_problems(name: &str, source: &str, expanded: &str) -> Vec<String> {
    let camel = crate::names::camel_case(name);
    let mut problems = Vec::new();
    for expected in [format!("struct {camel}Frame"), format!("enum {camel}State")] {
        // (`{camel}CoroFrame` in a function calling a macro of the user's,
        // see `names::type_prefix`.)
        let beside_macros = expected.replacen(&camel, &format!("{camel}Coro"), 1);
        if !expanded.contains(&expected) && !expanded.contains(&beside_macros) {
            problems.push(format!("no `{expected}`"));
        }
    }
    let awaits = source.matches(".await").count();
    let documented = expanded.matches("Suspended at `").count();
    if documented < awaits {
        problems.push(format!(
            "{awaits} `.await`s but {documented} documented states"
        ));
    }
    if expanded.matches("match *__coro_state {").count() != 1 {
        problems.push("the poll is not one `match` over the states".to_string());
    }
    problems
}

#[test]
fn expansions_match_snapshots() {
    let bless = std::env::var_os("CORO_BLESS").is_some();
    let mut failures = Vec::new();
    let inputs = inputs();
    assert!(!inputs.is_empty(), "no inputs in tests/expand");
    for input in inputs {
        let source = std::fs::read_to_string(&input).expect("an input file");
        let (name, expanded) = expand_file(&source);
        for problem in readability_problems(&name, &source, &expanded) {
            failures.push(format!("{}: {problem}", input.display()));
        }
        let snapshot = input.with_extension("expanded.rs");
        if bless {
            std::fs::write(&snapshot, &expanded).expect("the snapshot is written");
            continue;
        }
        match std::fs::read_to_string(&snapshot) {
            Ok(expected) if expected == expanded => {}
            Ok(expected) => {
                let line = expected
                    .lines()
                    .zip(expanded.lines())
                    .position(|(a, b)| a != b);
                failures.push(format!(
                    "{} differs from the expansion (first at line {}); rerun with CORO_BLESS=1 and review",
                    snapshot.display(),
                    line.map_or_else(|| "end".to_string(), |l| (l + 1).to_string()),
                ));
            }
            Err(_) => failures.push(format!(
                "{} is missing; run with CORO_BLESS=1",
                snapshot.display()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
