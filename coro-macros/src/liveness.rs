//! Which frame vars may hold a value at the same time.
//!
//! A frame var's storage is in use from a write (`let`, assignment,
//! adoption, an awaitee's `put`) for as long as its drop flag may be set (it
//! will be read, if only by its drop, or by the frame's drop on
//! cancellation) or it may be read again (syntax cannot tell a move from a
//! copy: a `Copy` value moved out is still read later). Two vars whose
//! storage is in use at the same point conflict, and may not share storage
//! (see `layout`).
//!
//! Each block is a tree of steps in the order they run: effects on vars,
//! alternatives (the branches of an `if` or a `match`, of which one runs),
//! and exits to other blocks. Flags and writes flow forward along it (each
//! branch from the state before it, joined after), later reads backward;
//! across blocks, each to a fixpoint. Then every point of every block names
//! the vars in use there.
//!
//! Conservative where syntax cannot tell: a move inside a closure, an
//! `async` block or a lazy operand kills nothing; a var used in a loop of the
//! block, or inside an `async` block the lowering awaits in place (it runs
//! while that awaitee is alive), is in use throughout the block.

use crate::analyse::{Analysis, Form, mention_ids, pat_mention_ids};
use crate::ir::*;
use std::collections::BTreeSet;

type Vars = BTreeSet<VarId>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Effect {
    Write,
    /// A read in place.
    Use,
    /// A move out (or a copy: syntax cannot tell): a read that clears the
    /// drop flag.
    Kill,
    /// A drop (the end of a scope, an awaitee's end): reads the value only
    /// if its flag is set, and clears it.
    Drop,
}

struct Event {
    var: VarId,
    effect: Effect,
    /// Inside a closure, an `async` block or a lazy operand: may not happen.
    conditional: bool,
    /// Inside a loop of the block: may happen again after later events.
    looped: bool,
}

impl Event {
    /// Happens exactly once when control passes it.
    fn definite(&self) -> bool {
        !self.conditional && !self.looped
    }
}

enum Step {
    Event(Event),
    /// One of the branches runs.
    Branches(Vec<Vec<Step>>),
    /// Control continues in another block.
    Exit(BlockId),
}

/// What the forward pass knows at a point.
#[derive(Clone, Default, PartialEq)]
struct Held {
    written: Vars,
    flagged: Vars,
}

impl Held {
    fn join(&mut self, other: &Held) {
        self.written.extend(other.written.iter().copied());
        self.flagged.extend(other.flagged.iter().copied());
    }
}

/// Per frame var, the frame vars it conflicts with.
pub fn conflicts(body: &Body, an: &Analysis) -> Vec<Vars> {
    let n = body.blocks.len();
    let steps: Vec<Vec<Step>> = (0..n)
        .map(|b| list_steps(body, an, body.blocks[b].root))
        .collect();
    let params: Vars = an
        .frame_vars
        .iter()
        .copied()
        .filter(|&v| matches!(body.vars[v].kind, VarKind::Param))
        .collect();
    let mut held_in = vec![Held::default(); n];
    held_in[0] = Held {
        written: params.clone(),
        flagged: params.clone(),
    };
    let mut used_in = vec![Vars::new(); n];
    // Forward, then backward, each to a fixpoint across blocks.
    let mut changed = true;
    while changed {
        changed = false;
        let mut edges: Vec<Option<Held>> = vec![None; n];
        for b in 0..n {
            forward(
                &steps[b],
                Some(held_in[b].clone()),
                &mut edges,
                &mut |_, _| {},
            );
        }
        for b in 0..n {
            if let Some(edge) = &edges[b] {
                let mut joined = held_in[b].clone();
                joined.join(edge);
                if joined != held_in[b] {
                    held_in[b] = joined;
                    changed = true;
                }
            }
        }
    }
    let mut changed = true;
    while changed {
        changed = false;
        for b in (0..n).rev() {
            let used = backward(&steps[b], Vars::new(), &used_in, &mut |_, _| {});
            if used != used_in[b] {
                used_in[b] = used;
                changed = true;
            }
        }
    }
    // Every point: what the forward pass held there, what is read from it on.
    let debug = std::env::var_os("CORO_DEBUG_LIVENESS").is_some();
    let mut out = vec![Vars::new(); body.vars.len()];
    // Before the first poll every argument holds its value, whether or not
    // the body has a point that names them (`async fn f(_a: A, _b: B) {}`).
    for &v in &params {
        out[v].extend(params.iter().copied().filter(|&w| w != v));
    }
    for b in 0..n {
        let mut before: Vec<Held> = Vec::new();
        let mut edges: Vec<Option<Held>> = vec![None; n];
        forward(
            &steps[b],
            Some(held_in[b].clone()),
            &mut edges,
            &mut |_, held| before.push(held.clone()),
        );
        let mut after: Vec<Vars> = Vec::new();
        backward(&steps[b], Vars::new(), &used_in, &mut |_, used| {
            after.push(used.clone())
        });
        after.reverse();
        let mut points: Vec<(Option<&Event>, &Held, &Vars)> = Vec::new();
        let mut flat = Vec::new();
        flatten(&steps[b], &mut flat);
        for (i, step) in flat.iter().enumerate() {
            points.push((*step, &before[i], &after[i]));
        }
        let looped: Vars = flat
            .iter()
            .flatten()
            .filter(|e| e.looped)
            .map(|e| e.var)
            .collect();
        for (i, (event, held, used)) in points.iter().enumerate() {
            let mut in_use: Vars = held.flagged.clone();
            in_use.extend(held.written.intersection(used).copied());
            if let Some(e) = event {
                if e.effect != Effect::Drop || held.flagged.contains(&e.var) {
                    in_use.insert(e.var);
                }
            }
            in_use.extend(looped.iter().copied());
            // A value that may hold a borrow of another keeps that one's
            // storage in use (a `Copy` var read by value and then borrowed
            // is dead to the flags, not to the borrow).
            let lent: Vars = in_use
                .iter()
                .flat_map(|&v| an.lenders[v].iter().copied())
                .collect();
            in_use.extend(lent);
            if debug {
                let names: Vec<String> = in_use
                    .iter()
                    .map(|&v| body.vars[v].name.to_string())
                    .collect();
                eprintln!("coro: block {b} point {i}: {}", names.join(" "));
            }
            for &v in &in_use {
                out[v].extend(in_use.iter().copied().filter(|&w| w != v));
            }
        }
    }
    out
}

/// The events and exits of a block in the order `forward` and `backward`
/// visit them (`None` for an exit).
fn flatten<'a>(steps: &'a [Step], out: &mut Vec<Option<&'a Event>>) {
    for step in steps {
        match step {
            Step::Event(e) => out.push(Some(e)),
            Step::Branches(branches) => branches.iter().for_each(|b| flatten(b, out)),
            Step::Exit(_) => out.push(None),
        }
    }
}

/// Runs the steps from `held` (`None`: unreachable); records the state
/// before each point (in `flatten` order) and the state at each exit in
/// `edges`; returns the state where the steps fall through.
fn forward(
    steps: &[Step],
    mut held: Option<Held>,
    edges: &mut [Option<Held>],
    record: &mut dyn FnMut(usize, &Held),
) -> Option<Held> {
    for step in steps {
        match step {
            Step::Event(e) => {
                record(0, held.as_ref().unwrap_or(&Held::default()));
                if let Some(h) = &mut held {
                    match e.effect {
                        Effect::Write => {
                            h.written.insert(e.var);
                            h.flagged.insert(e.var);
                        }
                        Effect::Kill | Effect::Drop if e.definite() => {
                            h.flagged.remove(&e.var);
                        }
                        Effect::Kill | Effect::Drop | Effect::Use => {}
                    }
                }
            }
            Step::Branches(branches) => {
                let mut joined: Option<Held> = None;
                for branch in branches {
                    if let Some(out) = forward(branch, held.clone(), edges, record) {
                        match &mut joined {
                            Some(j) => j.join(&out),
                            None => joined = Some(out),
                        }
                    }
                }
                held = joined;
            }
            Step::Exit(target) => {
                record(0, held.as_ref().unwrap_or(&Held::default()));
                if let Some(h) = &held {
                    match &mut edges[*target] {
                        Some(e) => e.join(h),
                        None => edges[*target] = Some(h.clone()),
                    }
                }
                held = None;
            }
        }
    }
    held
}

/// Runs the steps backward from `used` (what is read after them); records
/// at each point (in reverse `flatten` order) what is read from it on;
/// returns what is read from their start on.
fn backward(
    steps: &[Step],
    mut used: Vars,
    used_in: &[Vars],
    record: &mut dyn FnMut(usize, &Vars),
) -> Vars {
    for step in steps.iter().rev() {
        match step {
            Step::Event(e) => {
                match e.effect {
                    Effect::Write if e.definite() => {
                        used.remove(&e.var);
                    }
                    Effect::Write | Effect::Drop => {}
                    Effect::Kill | Effect::Use => {
                        used.insert(e.var);
                    }
                }
                record(0, &used);
            }
            Step::Branches(branches) => {
                let mut before = Vars::new();
                // Reverse order, so that the records come out reversed.
                for branch in branches.iter().rev() {
                    before.extend(backward(branch, used.clone(), used_in, record));
                }
                used = before;
            }
            Step::Exit(target) => {
                used = used_in[*target].clone();
                record(0, &used);
            }
        }
    }
    used
}

/// A list's steps.
fn list_steps(body: &Body, an: &Analysis, list: ListId) -> Vec<Step> {
    let mut out = Vec::new();
    let event = |var: VarId, effect: Effect, out: &mut Vec<Step>| {
        if an.in_frame[var] {
            out.push(Step::Event(Event {
                var,
                effect,
                conditional: false,
                looped: false,
            }));
        }
    };
    for stmt in &body.lists[list] {
        match stmt {
            Stmt::Code(code) => code_steps(body, an, code, &mut out),
            Stmt::Init { var, value } => {
                code_steps(body, an, value, &mut out);
                event(*var, Effect::Write, &mut out);
            }
            Stmt::Bind {
                value,
                binds,
                else_list,
                ..
            } => {
                code_steps(body, an, value, &mut out);
                if let Some(l) = else_list {
                    out.push(Step::Branches(vec![list_steps(body, an, *l), Vec::new()]));
                }
                for &v in binds {
                    event(v, Effect::Write, &mut out);
                }
            }
            Stmt::Scope {
                scope,
                body: inner,
                closes,
            } => {
                out.extend(list_steps(body, an, *inner));
                if *closes {
                    // (An awaitee is dropped by its `.await`, not here.)
                    for &v in body.scopes[*scope]
                        .vars
                        .iter()
                        .rev()
                        .filter(|&&v| !crate::layout::is_awaitee(body, v))
                    {
                        event(v, Effect::Drop, &mut out);
                    }
                }
            }
            Stmt::If {
                cond,
                then_list,
                else_list,
            } => {
                code_steps(body, an, cond, &mut out);
                out.push(Step::Branches(vec![
                    list_steps(body, an, *then_list),
                    list_steps(body, an, *else_list),
                ]));
            }
            Stmt::Match { scrutinee, arms } => {
                code_steps(body, an, scrutinee, &mut out);
                // The guards run before an arm is chosen, any of them.
                let mut guards: Vec<MentionId> =
                    arms.iter().flat_map(|a| pat_mention_ids(&a.pat)).collect();
                guards.sort_by_key(|&m| body.mentions[m].seq);
                mention_steps(body, an, guards, &mut out);
                out.push(Step::Branches(
                    arms.iter().map(|a| list_steps(body, an, a.body)).collect(),
                ));
            }
            Stmt::Adopt(v) => event(*v, Effect::Write, &mut out),
            Stmt::Drop(v) => event(*v, Effect::Drop, &mut out),
            Stmt::Goto(target) => out.push(Step::Exit(*target)),
            Stmt::Suspend(a) => out.push(Step::Exit(body.awaits[*a].resume)),
            Stmt::Declare { .. } | Stmt::Item(_) => {}
        }
    }
    out
}

/// Mentions in evaluation order, then the code's exits.
fn code_steps(body: &Body, an: &Analysis, code: &Code, out: &mut Vec<Step>) {
    let mut ids = mention_ids(&code.expr);
    ids.sort_by_key(|&m| body.mentions[m].seq);
    mention_steps(body, an, ids, out);
    exits_of(body, an, code, out);
}

/// The effect of each mention (in the order given) on its var's value.
fn mention_steps(body: &Body, an: &Analysis, ids: Vec<MentionId>, out: &mut Vec<Step>) {
    for m in ids {
        let mention = &body.mentions[m];
        if !an.in_frame[mention.var] {
            continue;
        }
        let effect = match an.forms[m] {
            Form::Take => Effect::Kill,
            Form::Set => Effect::Write,
            // (`TakeStd`: moved out or not, as the var's type says; the value
            // may stay.)
            _ => Effect::Use,
        };
        // A mention inside the lowering's own `async` block runs while that
        // block, the awaitee written just after, is polled: the var is in
        // use alongside the awaitee, so it counts as in use throughout.
        let in_awaitee = crate::analyse::in_own_async_block(body, mention);
        out.push(Step::Event(Event {
            var: mention.var,
            effect,
            conditional: mention.conditional || mention.via.is_some(),
            looped: mention.in_inner_loop || in_awaitee,
        }));
    }
}

/// As alternatives to falling through, the code's exits to other blocks
/// (with the write of a `break` value).
fn exits_of(body: &Body, an: &Analysis, code: &Code, out: &mut Vec<Step>) {
    let mut exits = Vec::new();
    for exit in exit_ids(&code.expr) {
        if let ExitKind::Jump { target, value_var } = body.exits[exit].kind {
            let mut path = Vec::new();
            if let Some(v) = value_var.filter(|&v| an.in_frame[v]) {
                path.push(Step::Event(Event {
                    var: v,
                    effect: Effect::Write,
                    conditional: false,
                    looped: false,
                }));
            }
            // The arm's exit guard drops the frame vars of the scopes the
            // exit leaves (see `Lower::exit_first`): their storage is free
            // after it.
            for v in left_vars(body, &body.exits[exit].leaves) {
                if an.in_frame[v] && !crate::layout::is_awaitee(body, v) {
                    path.push(Step::Event(Event {
                        var: v,
                        effect: Effect::Drop,
                        conditional: false,
                        looped: false,
                    }));
                }
            }
            path.push(Step::Exit(target));
            exits.push(path);
        }
    }
    if !exits.is_empty() {
        exits.push(Vec::new());
        out.push(Step::Branches(exits));
    }
}

/// The vars of the scopes an exit leaves and of the scopes nested in them,
/// innermost scope first, each scope's in reverse declaration order.
fn left_vars(body: &Body, leaves: &[ScopeId]) -> Vec<VarId> {
    let mut scopes: Vec<ScopeId> = leaves.to_vec();
    let mut i = 0;
    while i < scopes.len() {
        let parent = scopes[i];
        for (s, scope) in body.scopes.iter().enumerate() {
            if scope.parent == Some(parent) && !scopes.contains(&s) {
                scopes.push(s);
            }
        }
        i += 1;
    }
    scopes.sort_by_key(|&s| std::cmp::Reverse(s));
    scopes
        .iter()
        .flat_map(|&s| body.scopes[s].vars.iter().rev().copied())
        .collect()
}

fn exit_ids(expr: &syn::Expr) -> Vec<ExitId> {
    struct Finder(Vec<ExitId>);
    impl<'ast> syn::visit::Visit<'ast> for Finder {
        fn visit_ident(&mut self, ident: &'ast proc_macro2::Ident) {
            if let Some(id) = parse_placeholder(ident, "__coro_exit_") {
                self.0.push(id);
            }
        }
    }
    let mut f = Finder(Vec::new());
    syn::visit::Visit::visit_expr(&mut f, expr);
    f.0
}
