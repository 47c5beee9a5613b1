//! Keeps a shrunk failure as a case of the hand-written differential suite:
//! `tests/differential/cases/regressions.rs` (created with the fuzzer's
//! prelude on first use) and the `regressions` list of
//! `tests/differential/main.rs`.
//!
//! The case is parked (`#[::coro::__private::identity]`, native on both
//! sides) with a `// BUG(fuzz): ..` line, so that the suite stays green
//! until the lowering is fixed; un-parking it is then one attribute.

use std::path::Path;

use crate::ast::Program;
use crate::batch::Verdict;
use crate::print::{self, Attr};

const PRELUDE: &str = include_str!("../prelude.rs");

const HEADER: &str = "\
// Regression cases found by the random-program fuzzer (fuzz/README.md),
// shrunk. A case marked `BUG(fuzz)` is parked (compiled natively on both
// sides) until the lowering handles it: write `#[self::coroutine]` on its
// `run` to test the fix.
//
// The fuzzer's vocabulary (a copy of fuzz/prelude.rs, kept here so that
// these cases do not change when the fuzzer's does):

";

/// Appends the case and lists it; returns the case name used.
pub fn save(coro: &Path, p: &Program, v: &Verdict, origin: &str) -> Result<String, String> {
    let cases = coro.join("tests/differential/cases/regressions.rs");
    let main = coro.join("tests/differential/main.rs");
    let mut text = if cases.exists() {
        std::fs::read_to_string(&cases).map_err(|e| format!("read {}: {e}", cases.display()))?
    } else {
        format!("{HEADER}{PRELUDE}")
    };
    // The suite requires a suspension unless the name says otherwise.
    let mut name = p.name.clone();
    if v.polls().is_some_and(|n| n < 2) {
        name.push_str("_no_suspend");
    }
    if text.contains(&format!("pub mod {name} ")) {
        return Ok(name);
    }
    let case = Program {
        name: name.clone(),
        ..p.clone()
    };
    let doc = vec![format!(
        "Found by coro-fuzz ({origin}), shrunk: {}.",
        v.kind()
    )];
    let kind = v.kind();
    let comment = vec![format!(
        "BUG(fuzz): {kind}; parked until the lowering is fixed."
    )];
    text.push('\n');
    text.push_str(&print::case_module(&case, Attr::Parked, &doc, &comment));
    let mut main_text =
        std::fs::read_to_string(&main).map_err(|e| format!("read {}: {e}", main.display()))?;
    main_text = list_case(&main_text, &name).ok_or_else(|| {
        format!(
            "cannot find the `differential_tests!` list in {}",
            main.display()
        )
    })?;
    std::fs::write(&cases, text).map_err(|e| format!("write {}: {e}", cases.display()))?;
    std::fs::write(&main, main_text).map_err(|e| format!("write {}: {e}", main.display()))?;
    Ok(name)
}

/// Adds `name` to the `regressions: [..]` list of the suite's main.rs,
/// creating the list at the end of `differential_tests! { .. }` if needed.
fn list_case(main: &str, name: &str) -> Option<String> {
    const OPEN: &str = "    regressions: [\n";
    if let Some(at) = main.find(OPEN) {
        let at = at + OPEN.len();
        let mut out = main.to_string();
        out.insert_str(at, &format!("        {name},\n"));
        return Some(out);
    }
    let start = main.find("differential_tests! {")?;
    // The invocation ends at the first line that is exactly `}` after it.
    let end = start + main[start..].find("\n}\n")? + 1;
    let mut out = main.to_string();
    out.insert_str(end, &format!("{OPEN}        {name},\n    ],\n"));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_in_a_new_or_existing_group() {
        let main = "x\ndifferential_tests! {\n    large: [\n        a,\n    ],\n}\n\nfn f() {}\n";
        let once = list_case(main, "fuzz_s1_2").unwrap();
        assert!(once.contains("    ],\n    regressions: [\n        fuzz_s1_2,\n    ],\n}\n"));
        let twice = list_case(&once, "fuzz_s1_3").unwrap();
        assert!(
            twice.contains("    regressions: [\n        fuzz_s1_3,\n        fuzz_s1_2,\n    ],\n")
        );
    }
}
