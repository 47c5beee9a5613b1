//! Runs a built batch and reads its line protocol (see
//! `runner_template.rs`). A case that kills the process (a double free
//! aborts it) or stops making progress is pinned on the case that had
//! started; the process is then restarted with the cases not yet run.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

#[derive(Clone, Debug)]
pub enum RunResult {
    Pass {
        polls: usize,
    },
    Differs {
        polls: usize,
        report: String,
    },
    /// The process died inside the case.
    Crash(String),
    /// No output for the whole inactivity timeout.
    Hang,
    /// A panic that escaped the harness.
    Harness(String),
}

/// Runs cases `0..n` of the batch; `make` builds the command (the cases to
/// run are appended as arguments). `quiet`: the longest a case may stay
/// silent.
pub fn run_all(
    make: impl Fn() -> Command,
    n: usize,
    quiet: Duration,
    stderr_path: &std::path::Path,
) -> Result<BTreeMap<usize, RunResult>, String> {
    let mut results = BTreeMap::new();
    let mut pending: Vec<usize> = (0..n).collect();
    while !pending.is_empty() {
        let mut cmd = make();
        cmd.args(pending.iter().map(|i| i.to_string()));
        let err_file = std::fs::File::create(stderr_path)
            .map_err(|e| format!("create {}: {e}", stderr_path.display()))?;
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(err_file))
            .spawn()
            .map_err(|e| format!("cannot start the batch binary: {e}"))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut current: Option<usize> = None;
        let mut polls = 0;
        let mut verdict: Option<String> = None;
        let mut report = String::new();
        let mut hung = false;
        loop {
            match rx.recv_timeout(quiet) {
                Ok(line) => {
                    if let Some(i) = line.strip_prefix("START ") {
                        current = i.parse().ok();
                        polls = 0;
                        verdict = None;
                        report.clear();
                    } else if let Some(p) = line.strip_prefix("POLLS ") {
                        polls = p.parse().unwrap_or(0);
                    } else if line == "OK" || line == "DIFF" || line == "HARNESS PANIC" {
                        verdict = Some(line);
                    } else if let Some(r) = line.strip_prefix("| ") {
                        report.push_str(r);
                        report.push('\n');
                    } else if line == "|" {
                        report.push('\n');
                    } else if line.starts_with("END ") {
                        if let Some(i) = current.take() {
                            let r = match verdict.as_deref() {
                                Some("OK") => RunResult::Pass { polls },
                                Some("DIFF") => RunResult::Differs {
                                    polls,
                                    report: report.clone(),
                                },
                                _ => RunResult::Harness(report.clone()),
                            };
                            results.insert(i, r);
                        }
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    hung = true;
                    let _ = child.kill();
                    break;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        let status = child
            .wait()
            .map_err(|e| format!("wait for the batch binary: {e}"))?;
        if let Some(i) = current {
            let r = if hung {
                RunResult::Hang
            } else {
                let tail = std::fs::read_to_string(stderr_path).unwrap_or_default();
                let tail: Vec<&str> = tail.lines().rev().take(8).collect();
                let tail: Vec<&str> = tail.into_iter().rev().collect();
                RunResult::Crash(format!("{status}\n{}", tail.join("\n")))
            };
            results.insert(i, r);
        } else if hung {
            return Err("the batch binary went silent between cases".into());
        } else if !status.success() && results.len() < n {
            let err = std::fs::read_to_string(stderr_path).unwrap_or_default();
            return Err(format!(
                "the batch binary failed before any case ({status}):\n{err}"
            ));
        }
        let before = pending.len();
        pending.retain(|i| !results.contains_key(i));
        if pending.len() == before {
            return Err("the batch binary made no progress".into());
        }
    }
    Ok(results)
}
