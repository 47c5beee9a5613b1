//! Shrinks a failing program: greedy, one round per batch of candidates.
//! Each round builds the smallest one-step reductions of the current
//! program (see [`crate::reduce`]) in one crate and keeps the smallest that
//! still fails the same way; it stops when none does.

use crate::ast::Program;
use crate::batch::{Case, Runner, Verdict};
use crate::print;
use crate::reduce;

/// Candidates built per cargo invocation.
const CHUNK: usize = 60;
/// Rounds without progress over this many chunks end the shrinking (the
/// remaining candidates are larger and rarely help).
const MAX_CHUNKS_PER_ROUND: usize = 4;

pub fn shrink(
    runner: &mut Runner,
    p: &Program,
    v: &Verdict,
    log: &mut dyn FnMut(&str),
) -> Result<(Program, Verdict), String> {
    let want = v.kind();
    let mut best = p.clone();
    let mut best_v = v.clone();
    let mut round = 0;
    loop {
        round += 1;
        let cands = reduce::candidates(&best);
        let mut improved = false;
        for chunk in cands.chunks(CHUNK).take(MAX_CHUNKS_PER_ROUND) {
            let cases: Vec<Case> = chunk
                .iter()
                .map(|q| Case {
                    program: q.clone(),
                    parked: false,
                })
                .collect();
            let verdicts = runner.run(&cases)?;
            // Candidates are sorted smallest first.
            if let Some((q, qv)) = chunk.iter().zip(verdicts).find(|(_, qv)| qv.kind() == want) {
                best = q.clone();
                best_v = qv;
                improved = true;
                break;
            }
        }
        log(&format!(
            "shrink {}: round {round}: {} bytes{}",
            p.name,
            print::size(&best),
            if improved { "" } else { " (done)" }
        ));
        if !improved {
            return Ok((best, best_v));
        }
    }
}
