// The scratch crate's driver, copied in by coro-fuzz (fuzz/src/scratch.rs).
// It runs the selected cases one by one and prints a line protocol that
// fuzz/src/exec.rs reads:
//
//   START i          before case i (if the process dies, case i crashed)
//   POLLS n          the native run's poll count
//   OK | DIFF        then, for DIFF, the report as `| ` lines
//   END i
//   ALL DONE

use std::fmt::Debug;
use std::future::Future;
use std::io::Write;

/// Records the native and the lowered future as the differential suite's
/// `check` does (run to completion, cancellation after every poll count,
/// poll after completion) and compares records and auto traits. Unlike
/// `check`, it does not require the native run to suspend: a generated
/// program may well finish in one poll.
pub fn compare<N, L>(
    native: impl Fn() -> N,
    lowered: impl Fn() -> L,
    send: (bool, bool),
    sync: (bool, bool),
) -> String
where
    N: Future,
    L: Future,
    N::Output: Debug,
    L::Output: Debug,
{
    let n = crate::harness::record("native", &native, None);
    let l = crate::harness::record("lowered", &lowered, Some(n.polls));
    let mut problems = Vec::new();
    if let Some(report) = crate::harness::diff_records("case", &n, &l) {
        problems.push(report);
    }
    let not = |b: bool| if b { "" } else { "!" };
    if send.0 != send.1 {
        problems.push(format!(
            "native future is {}Send, lowered is {}Send",
            not(send.0),
            not(send.1)
        ));
    }
    if sync.0 != sync.1 {
        problems.push(format!(
            "native future is {}Sync, lowered is {}Sync",
            not(sync.0),
            not(sync.1)
        ));
    }
    let mut out = format!("POLLS {}\n", n.polls);
    if problems.is_empty() {
        out.push_str("OK");
    } else {
        out.push_str("DIFF");
        for line in problems.join("\n").lines() {
            out.push_str("\n| ");
            out.push_str(line);
        }
    }
    out
}

pub fn main(cases: &[fn() -> String]) {
    // Silence the panic hook: the harness catches the cases' panics and
    // logs them; anything else is caught below and reported.
    std::panic::set_hook(Box::new(|_| {}));
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `none`: run nothing (the build step under Miri).
    if args.iter().any(|a| a == "none") {
        return;
    }
    let selected: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let mut out = std::io::stdout();
    for (i, case) in cases.iter().enumerate() {
        if !selected.is_empty() && !selected.contains(&i) {
            continue;
        }
        let _ = writeln!(out, "START {i}");
        let _ = out.flush();
        match std::panic::catch_unwind(case) {
            Ok(text) => {
                let _ = writeln!(out, "{text}");
            }
            Err(payload) => {
                let msg = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "<non-string payload>".to_string());
                let _ = writeln!(out, "HARNESS PANIC");
                for line in msg.lines() {
                    let _ = writeln!(out, "| {line}");
                }
            }
        }
        let _ = writeln!(out, "END {i}");
        let _ = out.flush();
    }
    let _ = writeln!(out, "ALL DONE");
    let _ = out.flush();
}
