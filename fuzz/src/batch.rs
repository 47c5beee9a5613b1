//! Builds and runs a batch of programs in the scratch crate, and gives each
//! its verdict. Programs that do not compile are taken out of the batch
//! (their verdict is the compile error) and the rest is built again.

use std::time::Duration;

use crate::ast::Program;
use crate::exec::{self, RunResult};
use crate::print::{self, Attr};
use crate::scratch::{Scratch, Side, Slot};

#[derive(Clone, Debug)]
pub enum Verdict {
    /// Same behaviour natively and lowered.
    Pass {
        polls: usize,
    },
    /// Result, event log or auto traits differ.
    Differs {
        polls: usize,
        report: String,
    },
    /// rustc rejects the program itself: a generator bug (or, while
    /// shrinking, an invalid candidate).
    NativeCompileError(String),
    /// The program compiles natively but not lowered.
    LoweredCompileError(String),
    Crash(String),
    Hang,
    Harness(String),
}

impl Verdict {
    /// One line naming the kind of failure, for comparisons while
    /// shrinking and for the `BUG(fuzz)` comment.
    pub fn kind(&self) -> String {
        match self {
            Verdict::Pass { .. } => "pass".into(),
            Verdict::Differs { report, .. } => {
                if (report.contains("Send") || report.contains("Sync"))
                    && !report.contains("differs from the native one")
                {
                    return "auto traits differ".into();
                }
                "behaviour differs".into()
            }
            Verdict::NativeCompileError(_) => "native compile error".into(),
            Verdict::LoweredCompileError(msg) => {
                // `error[E0507]: ...` -> the code; a macro error -> its text.
                let code = msg
                    .split("error[")
                    .nth(1)
                    .and_then(|r| r.split(']').next())
                    .map(|c| c.to_string());
                match code {
                    Some(c) => format!("lowered compile error {c}"),
                    None => {
                        let text = msg.split("error: ").nth(1).unwrap_or(msg);
                        format!("lowered compile error: {}", text.trim())
                    }
                }
            }
            Verdict::Crash(_) => "crash".into(),
            Verdict::Hang => "hang".into(),
            Verdict::Harness(_) => "harness panic".into(),
        }
    }

    pub fn details(&self) -> String {
        match self {
            Verdict::Pass { polls } => format!("passes ({polls} polls)"),
            Verdict::Differs { report, .. } => report.clone(),
            Verdict::NativeCompileError(m) | Verdict::LoweredCompileError(m) => m.clone(),
            Verdict::Crash(m) => format!("the process died: {m}"),
            Verdict::Hang => "no progress within the timeout".into(),
            Verdict::Harness(m) => m.clone(),
        }
    }

    pub fn polls(&self) -> Option<usize> {
        match self {
            Verdict::Pass { polls } | Verdict::Differs { polls, .. } => Some(*polls),
            _ => None,
        }
    }
}

/// A program and how to compile its lowered side.
#[derive(Clone)]
pub struct Case {
    pub program: Program,
    /// Compile the lowered side natively too (to run a program whose
    /// lowering does not compile).
    pub parked: bool,
}

pub struct Runner {
    pub scratch: Scratch,
    /// How long a case may run without output.
    pub quiet: Duration,
}

impl Runner {
    /// Builds and runs `cases`; one verdict each.
    pub fn run(&mut self, cases: &[Case]) -> Result<Vec<Verdict>, String> {
        let mut verdicts: Vec<Option<Verdict>> = vec![None; cases.len()];
        let mut active: Vec<usize> = (0..cases.len()).collect();
        while !active.is_empty() {
            match self.build(cases, &active)? {
                None => break,
                Some(errors) => {
                    for (i, v) in errors {
                        verdicts[i] = Some(v);
                    }
                    active.retain(|&i| verdicts[i].is_none());
                }
            }
        }
        if !active.is_empty() {
            let scratch = &self.scratch;
            let results = exec::run_all(
                || scratch.run_command(),
                active.len(),
                self.quiet,
                &scratch.dir().join("runner.stderr"),
            )?;
            for (slot, r) in results {
                let v = match r {
                    RunResult::Pass { polls } => Verdict::Pass { polls },
                    RunResult::Differs { polls, report } => Verdict::Differs { polls, report },
                    RunResult::Crash(m) => Verdict::Crash(m),
                    RunResult::Hang => Verdict::Hang,
                    RunResult::Harness(m) => Verdict::Harness(m),
                };
                verdicts[active[slot]] = Some(v);
            }
        }
        Ok(verdicts
            .into_iter()
            .map(|v| v.unwrap_or(Verdict::Harness("not run".into())))
            .collect())
    }

    /// Builds the cases `ids`; `None` if they compile, else the compile
    /// verdicts of those that do not (at least one).
    fn build(
        &mut self,
        cases: &[Case],
        ids: &[usize],
    ) -> Result<Option<Vec<(usize, Verdict)>>, String> {
        let slots: Vec<Slot> = ids.iter().map(|&i| slot(&cases[i])).collect();
        self.scratch.write(&slots)?;
        match self.scratch.build() {
            Ok(()) => Ok(None),
            Err(Err(msg)) => Err(msg),
            Err(Ok(errs)) if !errs.per_slot.is_empty() => Ok(Some(
                errs.per_slot
                    .into_iter()
                    .map(|(slot, (side, msg))| {
                        let v = match side {
                            Side::Native => Verdict::NativeCompileError(msg),
                            Side::Lowered | Side::Glue => Verdict::LoweredCompileError(msg),
                        };
                        (ids[slot], v)
                    })
                    .collect(),
            )),
            Err(Ok(errs)) => {
                // Errors outside the case files: find the cases that cause
                // them by halving.
                let msg = errs.unattributed.join("\n");
                if ids.len() == 1 {
                    return Ok(Some(vec![(ids[0], Verdict::LoweredCompileError(msg))]));
                }
                let (a, b) = ids.split_at(ids.len() / 2);
                let mut found = Vec::new();
                for half in [a, b] {
                    if let Some(v) = self.build(cases, half)? {
                        found.extend(v);
                    }
                }
                if found.is_empty() {
                    return Err(format!(
                        "the batch fails to build, but each half builds:\n{msg}"
                    ));
                }
                Ok(Some(found))
            }
        }
    }
}

fn slot(c: &Case) -> Slot {
    let lowered = if c.parked {
        Attr::Parked
    } else {
        Attr::Coroutine
    };
    Slot {
        module: c.program.name.clone(),
        native: print::case_module(&c.program, Attr::Coroutine, &[], &[]),
        lowered: print::case_module(&c.program, lowered, &[], &[]),
    }
}
