//! Moving part of a frame value out and leaving the rest in it.
//!
//! `let (c, _) = pair;`, `match e { E::Two(a, _) => .. }`,
//! `let Two { x, .. } = two;`, and `let d = self.d;` in a method taking
//! `self`: rustc moves the bound parts out and leaves the others in the
//! variable, dropped at the end of its scope (and still usable: `pair.1`).
//! A frame value cannot be matched by value in place (its place is behind a
//! raw pointer), and moving it out whole would drop the remainder early. So
//! a pattern matches the place by `&mut`, each binding is read out of it, and
//! a drop flag says that the pattern moved; a field is read out likewise.
//! Dropping the value later matches each pattern that moved once more,
//! forgets what it binds (moved already) and lets the rest drop, in rustc's
//! field order.
//!
//! Input:  `match e { E::Two(a, _) => body, E::Empty => other }` (e in frame)
//! Output: `match &mut (*__coro_slot_e.ptr()) {
//!              E::Two(a, _) => { __coro_live.set(7); let a = TakeBound::take_bound(a); body }
//!              E::Empty => other,
//!          }`
//! and wherever `e` is dropped:
//!          `if let Some(v) = __coro_slot_e.take_if_init(&__coro_live) {
//!              (__f.drop_e)(v, [__coro_live.is_set(7)]) }` (clearing bit 7)
//! with the frame's `drop_e: |v, moved: [bool; 1]| {
//!              if moved[0] { if let E::Two(a, _) = v { forget((a,)) } } }`,
//! a closure written in the function (zero-sized: it captures nothing), so
//! that the pattern's paths and `Self` mean what the user meant and rustc
//! infers the value's type from it.
//!
//! A guard sees the bindings through the `&mut` (`a > 0` becomes
//! `(*a) > 0`); the drop flag is set only once the guard has held.
//!
//! A binding by `ref` borrows the part instead (anew, through a pointer
//! made of the `&mut` the arm binds), and keeps the value in place even
//! where nothing else of it moves: the arm may hold the borrow across its
//! awaits.
//!
//! Only patterns with plain or `ref` bindings (no `@` or `&`) are lowered so; others move the whole value (or are rejected by rustc). A
//! field read out is lowered so too: where syntax names the value's type
//! (`self` taken by value, `let x: S = ..`, `let x = S { .. }`) the
//! dropper's pattern names it (`Self { d, .. }`); elsewhere the dropper
//! forgets `value.d`, which rustc can type only where the value's type is
//! known. So every dropper is written at the end of the poll, never
//! reached, after the code that types the value (`__private::Dropper`): a
//! value that holds a reference syntax does not show (`top` of a
//! `Vec<&Expr>`) is matched through it there too.

use crate::analyse::{Form, walk_list};
use crate::ir::*;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use std::collections::BTreeMap;
use syn::visit::Visit;
use syn::visit_mut::VisitMut;
use syn::{Expr, Ident, Member, Pat};

/// One use that moves part of a frame var: a scrutinee, or a field read.
pub struct Partial {
    pub var: VarId,
    /// Per arm (one for a `let` or a field): the pattern, if it binds
    /// anything it moves out. Arms of one `match` exclude each other.
    pub arms: Vec<Option<Pat>>,
    /// Per arm: the pattern the arm matches with, where `arms` has one.
    /// The same but for a value with references in it (`Var::ref_parts`),
    /// where `arms` leaves out what destructures through them.
    pub matched: Vec<Option<Pat>>,
    /// For a field read out (`p.d`, `p.inner.s`): its path from the value.
    pub field: Option<Vec<Member>>,
    /// For patterns matched against a field of the value (`let Inner { b,
    /// .. } = o.inner;`): the field's path from the value (else empty).
    /// rustc moves only what they bind, and leaves the rest of the field
    /// in place (see [`place_scrutinees`]).
    pub place: Vec<Member>,
    /// For the base of a struct update (`S { b, ..x }`): the fields the
    /// literal names, which stay in the value (every other one moves). Its
    /// one arm's pattern binds them (see [`KEPT`]).
    pub kept: Vec<Member>,
    /// For a field read: the receiver of a method std's types take by value
    /// (`self.name.unwrap_or_default()`), moved out only if the field's type
    /// is one of those, else used in place (see `__private::RecvProbe`).
    pub by_type: bool,
}

/// The path of the pattern standing for a field read out of a value whose
/// type the syntax does not name (`__CoroUntyped { d: __coro_field, .. }`):
/// never emitted as a pattern; the dropper forgets `value.d` instead.
const UNTYPED: &str = "__CoroUntyped";

/// The prefix of the bindings of a struct update's pattern
/// (`S { b: __coro_kept0, .. }`): the fields it binds are the ones left in
/// the value, which the dropper drops (and nothing else).
const KEPT: &str = "__coro_kept";

/// The binding of a field read out of a value of a type syntax names
/// (`Pair { d: __coro_field, .. }`).
const FIELD: &str = "__coro_field";

/// Per assignment of a field of a frame var (by the var's mention): the
/// parts of that field read out before it (`p.pos.0` for `p.pos = ..`),
/// which must be `Copy` (see `copied_parts`).
pub type CopiedParts = BTreeMap<MentionId, Vec<Vec<Member>>>;

/// Finds the uses that move part of a frame var and leave the rest, and
/// makes their mentions `Form::Partial`; and the parts read out of fields
/// assigned after.
/// `apart(a, b)`: mentions `a` and `b` never both run.
pub fn find(
    body: &Body,
    uses: &Uses,
    in_frame: &[bool],
    reach: &[std::collections::BTreeSet<BlockId>],
    apart: &dyn Fn(MentionId, MentionId) -> bool,
    forms: &mut [Form],
    errors: &mut Vec<syn::Error>,
) -> (Vec<Partial>, CopiedParts) {
    let in_code = &uses.in_code;
    let mut out = Vec::new();
    for (mention, path, pats) in &uses.place_scrutinees {
        if let Some(partial) = place_partial(body, in_frame, *mention, path, pats) {
            forms[*mention] = Form::Partial(out.len());
            out.push(partial);
        }
    }
    for (mention, pats, stays, quiet) in &uses.scrutinees {
        let mention = *mention;
        let m = &body.mentions[mention];
        let Access::Scrutinee { refs } = m.access else {
            continue;
        };
        // (A reference's patterns bind through it: nothing moves out.)
        if !in_frame[m.var] || m.via.is_some() || body.vars[m.var].borrow {
            continue;
        }
        // A pattern that leaves part of the value, or one that binds when
        // the value is used again after (so it cannot be taken whole). One
        // that binds by `ref` borrows the value where it is (through the
        // arm's suspensions, maybe): it is never taken whole.
        let used_again = forms[mention] != Form::Take;
        let ref_parts = &body.vars[m.var].ref_parts;
        let moving: Vec<Pat> = pats
            .iter()
            .map(|p| through_refs_left_out(p, ref_parts))
            .collect();
        let in_place = refs && moving.iter().all(|p| is_simple(p, true));
        let literal = &body.vars[m.var].literal_elements;
        if !in_place && !stays && taken_whole(&moving, quiet, used_again, literal) {
            continue;
        }
        let arms = moving
            .iter()
            .map(|p| binds_any(p).then(|| p.clone()))
            .collect();
        let matched = pats
            .iter()
            .zip(&moving)
            .map(|(p, moving)| binds_any(moving).then(|| p.clone()))
            .collect();
        forms[mention] = Form::Partial(out.len());
        out.push(Partial {
            var: m.var,
            arms,
            matched,
            field: None,
            place: Vec::new(),
            kept: Vec::new(),
            by_type: false,
        });
    }
    let type_paths = type_paths(body);
    // The base of a struct update, in place: the value of a var whose fields
    // are also read (`S { n: b.n + 1, ..b }`) keeps them, read in place:
    // a copy (a field that is not `Copy` cannot move out: E0507).
    let based = |v: VarId| {
        body.mentions.iter().any(|m| {
            m.var == v
                && matches!(m.access, Access::StructBase { .. })
                && crate::analyse::in_place(body, m)
        })
    };
    for &(mention, ref path, by_type) in &in_code.field_reads {
        let m = &body.mentions[mention];
        if !in_frame[m.var]
            || m.access != Access::FieldMove
            || matches!(forms[mention], Form::Partial(_))
        {
            continue;
        }
        if !crate::analyse::in_place(body, m) || based(m.var) {
            // (A receiver whose move the type decides is then used in
            // place: E0507 if it moves, never a guess.)
            if by_type {
                forms[mention] = Form::Place;
            }
            continue;
        }
        // A field read that runs again (in a loop) stays in place, as the
        // analysis decided (`Form::Place`, see `analyse::runs_again`).
        if forms[mention] == Form::Place {
            continue;
        }
        // Without the type's path, or for a field of a field (whose type
        // syntax does not name), the dropper forgets the field by its path
        // (typed where it is written, see `__private::Dropper`).
        // (Nor for a numbered field of an annotated type, which may be an
        // alias of a tuple, `type Pair = (D, u8);`, no pattern's path.)
        let aliased_tuple =
            matches!(path[..], [Member::Unnamed(_)]) && body.vars[m.var].ty.is_some();
        let typed = type_paths[m.var]
            .as_ref()
            .filter(|t| path.len() == 1 && t.has_field(&path[0]) && !aliased_tuple)
            .map(|t| t.path.clone());
        let binding = Ident::new(FIELD, Span::mixed_site());
        let pat: Pat = match (typed, path.as_slice()) {
            (Some(ty), [member]) => syn::parse_quote!(#ty { #member: #binding, .. }),
            _ => untyped_pattern(path, &binding),
        };
        forms[mention] = Form::Partial(out.len());
        out.push(Partial {
            var: m.var,
            arms: vec![Some(pat.clone())],
            matched: vec![Some(pat)],
            field: Some(path.clone()),
            place: Vec::new(),
            kept: Vec::new(),
            by_type,
        });
    }
    // A struct update's base stays in place, its fields moved out but the
    // ones the literal names. (Not with other uses that move parts of the
    // same var, but other struct updates that never run with it, `if c {
    // S { a: 1, ..s } } else { S { b: 2, ..s } }`: the dropper would have to
    // tell which parts each left.)
    let others: Vec<VarId> = out.iter().map(|p| p.var).collect();
    let mut bases: Vec<(VarId, MentionId)> = Vec::new();
    for (mention, m) in body.mentions.iter().enumerate() {
        let Access::StructBase { path, kept } = &m.access else {
            continue;
        };
        if !in_frame[m.var] || !crate::analyse::in_place(body, m) || others.contains(&m.var) {
            continue;
        }
        if bases
            .iter()
            .any(|&(var, other)| var == m.var && !apart(other, mention))
        {
            continue;
        }
        bases.push((m.var, mention));
        let path = without_generics(path);
        let bindings =
            (0..kept.len()).map(|i| format_ident!("{KEPT}{i}", span = Span::mixed_site()));
        let pat: Pat = syn::parse_quote!(#path { #(#kept: #bindings,)* .. });
        forms[mention] = Form::Partial(out.len());
        out.push(Partial {
            var: m.var,
            arms: vec![Some(pat.clone())],
            matched: vec![Some(pat)],
            field: None,
            place: Vec::new(),
            kept: kept.clone(),
            by_type: false,
        });
    }
    let moved_by = |h: usize, assignment: MentionId| {
        forms.iter().enumerate().any(|(m, form)| {
            *form == Form::Partial(h) && crate::analyse::may_follow(body, reach, m, assignment)
        })
    };
    let mut copied_parts = CopiedParts::new();
    let assignments = &in_code.field_assignments;
    check_field_assignments(
        body,
        &out,
        assignments,
        &moved_by,
        &mut copied_parts,
        errors,
    );
    (out, copied_parts)
}

// Input:  `(Conn { seq, .. }, 1)`, `(conn, _)`, `(Mode::Locked, Some(k))`,
//         `(st @ St::Live(_), Ev::Tick)` (element 0 a reference);
//         `Some(Item { name, .. })` (of `items.first()`)
// Output: `(_, 1)`, `(conn, _)`, `(_, Some(k))`, `(st, Ev::Tick)`; `Some(_)`
/// `pat` without what destructures or tests the parts of the value that
/// are references (`refs`): their bindings borrow through the reference
/// (natively too), and nothing of the value moves. A binding of the whole
/// part (`conn`, and `st` of `st @ St::Live(_)`) moves the reference out
/// (rustc moves a `&mut` out of the tuple that owns it), as any by-value
/// binding is read. (Nor does a test of a part, `Mode::Locked` or `@`'s
/// subpattern, stay: the dropper, typed before the value is, would take
/// the part for a `Mode`.)
fn through_refs_left_out(pat: &Pat, refs: &RefParts) -> Pat {
    /// The part as the moving pattern keeps it: a binding of the whole
    /// part without its subpattern; else nothing (`_`).
    fn part(p: &mut Pat) {
        if let Pat::Ident(b) = p {
            b.subpat = None;
        }
        if !(matches!(p, Pat::Ident(_)) && binds_any(p)) {
            *p = syn::parse_quote!(_);
        }
    }
    fn leave_out(p: &mut Pat, refs: &RefParts) {
        match (p, refs) {
            (Pat::Tuple(t), RefParts::Tuple(at))
                if !t.elems.iter().any(|e| matches!(e, Pat::Rest(_))) =>
            {
                for (i, e) in t.elems.iter_mut().enumerate() {
                    if at.contains(&i) {
                        part(e);
                    }
                }
            }
            (Pat::TupleStruct(t), RefParts::OptionPayload)
                if t.path.segments.last().is_some_and(|s| s.ident == "Some") =>
            {
                t.elems.iter_mut().for_each(part);
            }
            (Pat::Or(or), _) => or.cases.iter_mut().for_each(|c| leave_out(c, refs)),
            (Pat::Paren(inner), _) => leave_out(&mut inner.pat, refs),
            (Pat::Guard(g), _) => leave_out(&mut g.pat, refs),
            _ => {}
        }
    }
    let mut pat = pat.clone();
    if *refs != RefParts::None {
        leave_out(&mut pat, refs);
    }
    pat
}

/// What the body's statements and code hold that patterns and field reads
/// move parts out of: walked once, for [`value_ends_at`] and [`find`].
pub struct Uses {
    /// Per scrutinee: its mention, its patterns, whether the value stays
    /// when none matches, and per pattern whether it is quiet (see
    /// `quiet_arms`).
    scrutinees: Vec<(MentionId, Vec<Pat>, bool, Vec<bool>)>,
    /// Per field of a var matched by patterns that leave parts of it: the
    /// var's mention, the field's path, the patterns.
    place_scrutinees: Vec<(MentionId, Vec<Member>, Vec<Pat>)>,
    in_code: InCode,
}

impl Uses {
    pub fn of(body: &Body) -> Uses {
        let in_code = in_code(body);
        Uses {
            scrutinees: scrutinees(body, &in_code),
            place_scrutinees: place_scrutinees(body, &in_code),
            in_code,
        }
    }

    /// The scrutinees matched by patterns, by their mention.
    pub fn scrutinees(&self) -> impl Iterator<Item = (&MentionId, &Vec<Pat>)> {
        self.scrutinees.iter().map(|(m, pats, ..)| (m, pats))
    }

    /// The field paths read in code, by the mention of their var.
    pub fn field_reads(&self) -> BTreeMap<MentionId, Vec<Member>> {
        let reads = self.in_code.field_reads.iter();
        reads.map(|(m, path, _)| (*m, path.clone())).collect()
    }

    /// The field paths assigned in code, by the mention of their var.
    pub fn field_assignments(&self) -> BTreeMap<MentionId, Vec<Member>> {
        let assignments = self.in_code.field_assignments.iter();
        assignments.map(|(m, path, _)| (*m, path.clone())).collect()
    }
}

/// Whether patterns matched against a value by value take it out whole
/// (none leaves part of it in place, but for `literal` elements of a tuple,
/// see `leaves_part`; and none binds while the value is `used_again`
/// after), so that nothing of it is left.
fn taken_whole(pats: &[Pat], quiet: &[bool], used_again: bool, literal: &[bool]) -> bool {
    // (An arm that binds nothing but has a `_` or `..` leaves what it
    // matches in place too: `_ => ..` after `Ok(d) if d.0 > 10 => ..`, or
    // `Err(_) => ..`. One without, `None`, matches nothing to drop. A quiet
    // one leaves it to the end of the `match`, without a suspension. One
    // that binds inside a type with a `Drop` impl moves nothing, which the
    // lowering does not do: see `drop_check`.)
    !pats.iter().all(|p| is_simple(p, false))
        || !pats.iter().zip(quiet).any(|(p, &quiet)| {
            (leaves_part(unguarded(p), literal) && !quiet) || (used_again && binds_any(p))
        })
}

// Input:  `(_, d)` against `(4, D::new("z"))` (`literal`: `[true, false]`)
/// Whether `pat` leaves a part of the value it matches in place (see
/// `has_unbound_part`), other than the elements `literal` says are
/// literals of the tuple the value was made from: those hold nothing to
/// drop, so the value need not be kept for them.
fn leaves_part(pat: &Pat, literal: &[bool]) -> bool {
    match pat {
        Pat::Tuple(t)
            if t.elems.len() == literal.len()
                && !t.elems.iter().any(|e| matches!(e, Pat::Rest(_))) =>
        {
            t.elems
                .iter()
                .zip(literal)
                .any(|(e, &literal)| !literal && has_unbound_part(e))
        }
        Pat::Paren(p) => leaves_part(&p.pat, literal),
        p => has_unbound_part(p),
    }
}

/// Per arm of a `match` on a temporary of the lowering's (an await's
/// output, a kept scrutinee): whether it binds nothing and its body never
/// suspends (`_ => {}`, the `_ => break` of a `while let`,
/// `_ => unreachable!()`). What such an arm leaves of the value drops at
/// the end of the `match`, as rustc's temporary does, before any
/// suspension: the value need not be kept for it. A variable's arm is
/// never quiet: what it leaves stays to the end of the variable's scope
/// (`match o { Some(d) if b => .., _ => 2 }`, or the `else` of an `if let`,
/// that moves nothing when the pattern fails).
fn quiet_arms(body: &Body, var: VarId, arms: &[MatchArm]) -> Vec<bool> {
    let temp = matches!(body.vars[var].kind, VarKind::Temp { .. });
    arms.iter()
        .map(|arm| {
            let mut suspends = false;
            walk_list(body, arm.body, &mut |stmt| {
                suspends |= matches!(stmt, Stmt::Suspend(_) | Stmt::Goto(_));
            });
            temp && !binds_any(&arm.pat) && !suspends
        })
        .collect()
}

/// Every by-value use of a frame var's value as a whole by patterns: the
/// scrutinee of a `match` or of a `let` (split by the builder, or inside
/// code), with the patterns it is matched against.
/// (With whether the value stays when no pattern matches.)
fn scrutinees(body: &Body, in_code: &InCode) -> Vec<(MentionId, Vec<Pat>, bool, Vec<bool>)> {
    let mut found: Vec<(MentionId, Vec<Pat>, bool, Vec<bool>)> = Vec::new();
    for block in &body.blocks {
        walk_list(body, block.root, &mut |stmt| match stmt {
            Stmt::Match { scrutinee, arms } => {
                if let Some(m) = sole_mention(&scrutinee.expr) {
                    let quiet = quiet_arms(body, body.mentions[m].var, arms);
                    found.push((
                        m,
                        arms.iter().map(|a| a.pat.clone()).collect(),
                        false,
                        quiet,
                    ));
                }
            }
            Stmt::Bind {
                pat,
                value,
                else_list,
                ..
            } => {
                if let Some(m) = sole_mention(&value.expr) {
                    // `let P = v else { .. }`: when `P` fails, nothing moves
                    // and `v` stays, through the `else`. (Not a value of the
                    // lowering's, held for an initialiser that awaits: a
                    // temporary, which drops before the `else` runs.)
                    let var = &body.vars[body.mentions[m].var];
                    let stays = else_list.is_some() && !matches!(var.kind, VarKind::Temp { .. });
                    found.push((m, vec![pat.clone()], stays, vec![false]));
                }
            }
            _ => {}
        });
    }
    found.extend(
        in_code
            .scrutinees
            .iter()
            // (Code never suspends: an arm of a temporary's binding nothing
            // is quiet.)
            .map(|(m, pats, stays)| {
                let var = &body.vars[body.mentions[*m].var];
                let temp = matches!(var.kind, VarKind::Temp { .. });
                let quiet = pats.iter().map(|p| temp && !binds_any(p)).collect();
                (*m, pats.clone(), *stays, quiet)
            }),
    );
    found
}

// Input:  `let Inner { b, .. } = o.inner;`, `match c.req { Req { body, .. }
//         => .., }` (`o`, `c` frame vars)
/// The fields of frame vars matched by patterns (of a `match`, or a `let`
/// the builder split) of which one binds: rustc moves the bound parts out
/// of the field's place, only in the arm taken, and leaves the rest in it,
/// still usable (`o.inner.a` after `let Inner { b, .. } = o.inner;`, or
/// `o.res` after `if let Ok(d) = o.res { return .. }`), and dropped with
/// the value. Taken out whole, as a field read is, the field's rest would
/// drop after the pattern while the value still names it. So the patterns
/// match the field through a `&mut` into the value, and its dropper
/// forgets what they moved, as for patterns on the whole value.
fn place_scrutinees(body: &Body, in_code: &InCode) -> Vec<(MentionId, Vec<Member>, Vec<Pat>)> {
    let mut found = in_code.place_scrutinees.clone();
    for block in &body.blocks {
        walk_list(body, block.root, &mut |stmt| match stmt {
            Stmt::Match { scrutinee, arms } => found.extend(place_scrutinee(
                &scrutinee.expr,
                arms.iter().map(|a| a.pat.clone()).collect(),
            )),
            Stmt::Bind { pat, value, .. } => {
                found.extend(place_scrutinee(&value.expr, vec![pat.clone()]));
            }
            _ => {}
        });
    }
    found
}

/// The use of patterns matching a field of a frame var in place (see
/// [`place_scrutinees`]). Not through a reference (nothing moves), nor in a
/// closure (the closure's capture).
fn place_partial(
    body: &Body,
    in_frame: &[bool],
    mention: MentionId,
    path: &[Member],
    pats: &[Pat],
) -> Option<Partial> {
    let m = &body.mentions[mention];
    let moves = in_frame[m.var]
        && m.access == Access::FieldMove
        && !body.vars[m.var].borrow
        && crate::analyse::in_place(body, m);
    let arms: Vec<Option<Pat>> = pats
        .iter()
        .map(|p| binds_any(p).then(|| p.clone()))
        .collect();
    moves.then(|| Partial {
        var: m.var,
        arms: arms.clone(),
        matched: arms,
        field: None,
        place: path.to_vec(),
        kept: Vec::new(),
        by_type: false,
    })
}

/// A field of a var (`o.inner`) that `pats` match, if one of them binds
/// (see [`place_scrutinees`]).
fn place_scrutinee(scrutinee: &Expr, pats: Vec<Pat>) -> Option<(MentionId, Vec<Member>, Vec<Pat>)> {
    let Expr::Field(f) = crate::syntax::unparenthesised(scrutinee) else {
        return None;
    };
    let (m, path) = field_path(f)?;
    // (A pattern that is a binding alone, `let batch = b.buf;`, reads the
    // field out whole.)
    let destructures =
        |p: &Pat| binds_any(p) && !matches!(unguarded(p), Pat::Ident(i) if i.subpat.is_none());
    // (Nor an `Option`'s payload bound whole, `Some(n)`: read out whole, the
    // field is left `None` (`__private::MovedPart`), as a list's walk
    // `match node.next { Some(n) => node = n, None => break }` needs.)
    let option_payload = |p: &Pat| match unguarded(p) {
        Pat::TupleStruct(t) if t.path.is_ident("Some") && t.elems.len() == 1 => {
            matches!(&t.elems[0], Pat::Ident(i) if i.by_ref.is_none() && i.subpat.is_none())
        }
        _ => false,
    };
    let mut binding = pats.iter().filter(|p| binds_any(p));
    (pats.iter().any(destructures) && !binding.all(option_payload)).then_some((m, path, pats))
}

fn in_code(body: &Body) -> InCode {
    let mut in_code = InCode::default();
    for block in &body.blocks {
        walk_list(body, block.root, &mut |stmt| {
            for code in codes(stmt) {
                in_code.visit_expr(&code.expr);
            }
        });
    }
    in_code
}

/// The scrutinees after which, at the value's last use, nothing of the
/// value is left to drop, so that it need not be kept through the arms:
/// - by-value ones whose patterns move it out whole (no pattern leaves part
///   of it in place: `Some(x)`, `(a, b)`), as `let y = v;` does;
/// - ones a literal pattern matches (`6 => ..`, `"a" | "b" => ..`): the
///   value is a number, `char`, `bool` or `&str`, without drop glue.
pub fn value_ends_at(body: &Body, uses: &Uses) -> std::collections::BTreeSet<MentionId> {
    uses.scrutinees
        .iter()
        .filter(|(m, pats, stays, quiet)| match body.mentions[*m].access {
            Access::Scrutinee { refs: false } => {
                let literal = &body.vars[body.mentions[*m].var].literal_elements;
                !stays && taken_whole(pats, quiet, false, literal)
            }
            Access::Place => literal_matched(pats),
            _ => false,
        })
        .map(|&(m, ..)| m)
        .collect()
}

/// A pattern that only a literal type matches: `6`, `'a'..='z'`, `1 | 2`.
/// Whether these patterns (a `match`'s arms) show that the value they
/// match has no drop glue: one of them matches a literal (the value is a
/// number, `char`, `bool` or `&str`), and none binds by reference or
/// dereferences.
pub fn literal_matched<'a>(pats: impl IntoIterator<Item = &'a Pat> + Clone) -> bool {
    pats.clone().into_iter().all(|p| is_simple(p, false)) && pats.into_iter().any(is_literal)
}

fn is_literal(pat: &Pat) -> bool {
    match unguarded(pat) {
        Pat::Lit(_) | Pat::Range(_) => true,
        Pat::Paren(p) => is_literal(&p.pat),
        Pat::Or(o) => o.cases.iter().any(is_literal),
        _ => false,
    }
}

/// Per var, the path of its struct type where syntax tells it: `Self` for
/// `self` taken by value, `S` for `let x: S = ..` or `let x = S { .. }`.
fn type_paths(body: &Body) -> Vec<Option<TypeName>> {
    let mut out: Vec<Option<TypeName>> = body
        .vars
        .iter()
        .map(|var| {
            // (The literal's fields, where the literal names the type.)
            let fields = var
                .ty
                .is_none()
                .then(|| var.struct_fields.clone())
                .flatten();
            named_struct_type(var).map(|path| TypeName::new(path, fields))
        })
        .collect();
    if let Some(v) = body.self_by_value {
        out[v] = Some(TypeName::new(&syn::parse_quote!(Self), None));
    }
    for block in &body.blocks {
        walk_list(body, block.root, &mut |stmt| {
            if let Stmt::Init { var, value } = stmt {
                if let (Expr::Struct(s), None) = (&value.expr, &out[*var]) {
                    if s.qself.is_none() {
                        out[*var] = Some(TypeName::new(&s.path, literal_fields(s)));
                    }
                }
            }
        });
    }
    out
}

/// A var's type as syntax names it (see [`type_paths`]).
struct TypeName {
    /// As a pattern's path (`Pair`, without generic arguments).
    path: syn::Path,
    /// Its fields, where a struct literal names them all.
    fields: Option<Vec<Member>>,
}

impl TypeName {
    fn new(path: &syn::Path, fields: Option<Vec<Member>>) -> Self {
        TypeName {
            path: without_generics(path),
            fields,
        }
    }

    /// Whether `member` may be a field of the type itself (not of its
    /// `Deref` target).
    fn has_field(&self, member: &Member) -> bool {
        self.fields.as_ref().is_none_or(|f| f.contains(member))
    }
}

/// The fields a struct literal names, if it names them all (no `..base`).
pub fn literal_fields(s: &syn::ExprStruct) -> Option<Vec<Member>> {
    s.rest
        .is_none()
        .then(|| s.fields.iter().map(|f| f.member.clone()).collect())
}

/// Whether a type named by `path` is one of std's pointers and guards,
/// whose fields `x.f` reads are its target's (`let node: Box<Node>`).
/// The path of a type that holds its value itself, as syntax shows: a
/// struct's (`Pair`, `Task<T>`), not a reference's or a smart pointer's
/// (`Rc<Op>`, see [`derefs_to_another`]).
pub fn owned_type_path(ty: &syn::Type) -> Option<&syn::Path> {
    match ty {
        syn::Type::Path(t) if t.qself.is_none() && !derefs_to_another(&t.path) => Some(&t.path),
        _ => None,
    }
}

/// The struct type a var holds, as syntax names it: its annotation
/// (`let t: Task = ..`), or, without one, the struct literal that made it
/// (`let t = Task { .. }`).
pub fn named_struct_type(var: &Var) -> Option<&syn::Path> {
    match &var.ty {
        Some(ty) => owned_type_path(ty),
        None => var.struct_path.as_ref(),
    }
}

fn derefs_to_another(path: &syn::Path) -> bool {
    path.segments.last().is_some_and(|s| {
        matches!(
            s.ident.to_string().as_str(),
            "Box"
                | "Rc"
                | "Arc"
                | "Pin"
                | "Cow"
                | "Ref"
                | "RefMut"
                | "ManuallyDrop"
                | "MutexGuard"
                | "RwLockReadGuard"
                | "RwLockWriteGuard"
        )
    })
}

/// `Pair::<T>` or `Pair<T>` as a pattern's path: `Pair`.
fn without_generics(path: &syn::Path) -> syn::Path {
    let mut path = path.clone();
    for segment in &mut path.segments {
        segment.arguments = syn::PathArguments::None;
    }
    path
}

/// A moved field assigned again makes the value whole again, natively;
/// here its drop would still skip it (and the assignment would drop the
/// moved-out value): rejected. (Not an assignment that no use moving parts
/// out can come before, `moved_by(partial, assignment)`: `s.b = ..; let S
/// { b, .. } = s;`.) The parts read out of a field before it is assigned
/// whole go in `copied_parts`, by the assignment's mention: they must be
/// `Copy`.
fn check_field_assignments(
    body: &Body,
    partials: &[Partial],
    assignments: &[(MentionId, Vec<Member>, Span)],
    moved_by: &dyn Fn(usize, MentionId) -> bool,
    copied_parts: &mut CopiedParts,
    errors: &mut Vec<syn::Error>,
) {
    for (mention, path, span) in assignments {
        let var = body.mentions[*mention].var;
        let member = &path[0];
        // The uses moving parts of the var out that may come before.
        let earlier: Vec<&Partial> = partials
            .iter()
            .enumerate()
            .filter(|&(h, p)| p.var == var && moved_by(h, *mention))
            .map(|(_, p)| p)
            .collect();
        let mut inside: Vec<Vec<Member>> = earlier
            .iter()
            .filter_map(|p| p.field.clone())
            .filter(|read| read.len() > path.len() && read.starts_with(path))
            .collect();
        inside.dedup();
        if !inside.is_empty() {
            copied_parts.insert(*mention, inside);
        }
        // A field read out is written back by an assignment to it (see
        // `field_write`); one to a field holding it (`p.inner = ..` after
        // `p.inner.s` was read) drops the old field whole, which the part
        // must then still be in: `Copy` (`copied_parts`, E0277 if not).
        let moved = earlier.iter().any(|p| {
            if p.field.is_some() {
                // (A part read out of the field assigned, `p.pos =
                // (p.pos.0 + 1, ..)`, must be `Copy`: see
                // `copied_parts`.)
                false
            } else if !p.place.is_empty() {
                // (The place itself is written by `place_write`; a
                // field holding it, or a part inside it, would drop or
                // keep the wrong parts.)
                p.place != *path && (p.place.starts_with(path) || path.starts_with(&p.place))
            } else if p.kept.is_empty() {
                p.arms
                    .iter()
                    .flatten()
                    .any(|pat| moved_fields(pat).contains(member))
            } else {
                !p.kept.contains(member)
            }
        });
        if moved {
            let name = &body.vars[var].name;
            errors.push(syn::Error::new(
                *span,
                format_args!(
                    "`#[coroutine]` cannot assign to this field of `{name}` after it was moved \
                     out (`{name}` lives across an `.await`). Assign the whole of `{name}` instead, \
                     or bind the new value to a variable of its own"
                ),
            ));
        }
    }
}

pub fn codes(stmt: &Stmt) -> Vec<&Code> {
    match stmt {
        Stmt::Code(c) => vec![c],
        Stmt::Init { value, .. } => vec![value],
        Stmt::Bind { value, .. } => vec![value],
        Stmt::If { cond, .. } => vec![cond],
        Stmt::Match { scrutinee, .. } => vec![scrutinee],
        _ => Vec::new(),
    }
}

/// What code holds: `match`es and `let`s, field reads, assignments to
/// fields (by the var's mention).
#[derive(Default)]
struct InCode {
    scrutinees: Vec<(MentionId, Vec<Pat>, bool)>,
    /// As `Uses::place_scrutinees`.
    place_scrutinees: Vec<(MentionId, Vec<Member>, Vec<Pat>)>,
    /// With whether the read is the receiver of a method std's types take
    /// by value, which moves the field out only if its type is one of
    /// those (`Partial::by_type`).
    field_reads: Vec<(MentionId, Vec<Member>, bool)>,
    field_assignments: Vec<(MentionId, Vec<Member>, Span)>,
}

impl<'ast> Visit<'ast> for InCode {
    fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
        let pats = || m.arms.iter().map(|a| a.pat.clone()).collect();
        if let Some(id) = sole_mention(&m.expr) {
            self.scrutinees.push((id, pats(), false));
        }
        self.place_scrutinees
            .extend(place_scrutinee(&m.expr, pats()));
        syn::visit::visit_expr_match(self, m);
    }
    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let Some(init) = &l.init {
            if let Some(id) = sole_mention(&init.expr) {
                let stays = init.diverge.is_some();
                self.scrutinees.push((id, vec![l.pat.clone()], stays));
            }
            self.place_scrutinees
                .extend(place_scrutinee(&init.expr, vec![l.pat.clone()]));
        }
        syn::visit::visit_local(self, l);
    }

    /// The whole path read (`p.inner.s`), not a field of it: rustc moves
    /// `s` out and leaves the rest of `p.inner` in place.
    fn visit_expr_field(&mut self, f: &'ast syn::ExprField) {
        match field_path(f) {
            Some((m, path)) => self.field_reads.push((m, path, false)),
            None => syn::visit::visit_expr_field(self, f),
        }
    }
    fn visit_expr_method_call(&mut self, c: &'ast syn::ExprMethodCall) {
        let (method, args) = (c.method.to_string(), c.args.len());
        let by_type = crate::analyse::consumes_self_std(&method, args)
            && !crate::analyse::consumes_self_any(&method, args);
        match crate::syntax::unparenthesised(&c.receiver) {
            Expr::Field(f) if by_type => match field_path(f) {
                Some((m, path)) => self.field_reads.push((m, path, true)),
                None => syn::visit::visit_expr_field(self, f),
            },
            receiver => self.visit_expr(receiver),
        }
        c.args.iter().for_each(|a| self.visit_expr(a));
    }
    /// A macro's arguments that are expressions (`vec![p.d]`,
    /// `format!("{}", p.n)`), split as the lowering splits them to rewrite
    /// them as code.
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        use crate::build::macros::{MacroItem, macro_items};
        // (A `select!`'s branches are no list of expressions: its futures,
        // preconditions and handlers are, walked as the lowering walks
        // them.)
        if let Some(select) = crate::build::select::parsed_select(mac) {
            select.exprs().for_each(|e| self.visit_expr(e));
            return;
        }
        for item in macro_items(mac.tokens.clone()).into_iter().flatten() {
            if let MacroItem::Expr(e) = item {
                self.visit_expr(&e);
            }
        }
    }
    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        if let Expr::Field(f) = &*a.left {
            if let Some((m, path)) = field_path(f) {
                self.field_assignments
                    .push((m, path, syn::spanned::Spanned::span(&a.left)));
            }
        }
        syn::visit::visit_expr_assign(self, a);
    }
}

/// The var a field path (`v.a.b`) starts at, and its members in order.
pub fn field_path(f: &syn::ExprField) -> Option<(MentionId, Vec<Member>)> {
    let (base, members) = crate::syntax::field_chain(&f.base);
    let id = sole_mention(base)?;
    let path = members.into_iter().chain([&f.member]).cloned().collect();
    Some((id, path))
}

/// The fields of the matched value a pattern moves (some binding in them).
fn moved_fields(pat: &Pat) -> Vec<Member> {
    let index = |i: usize| Member::Unnamed(syn::Index::from(i));
    // (A field bound only by `ref` stays where it is: `M { id, ref log }`
    // moves `id` alone.)
    let moves_any = |p: &Pat| crate::build::bindings(p).iter().any(|b| b.by_ref.is_none());
    match pat {
        Pat::Tuple(t) => t
            .elems
            .iter()
            .enumerate()
            .filter(|(_, p)| moves_any(p))
            .map(|(i, _)| index(i))
            .collect(),
        Pat::TupleStruct(t) => t
            .elems
            .iter()
            .enumerate()
            .filter(|(_, p)| moves_any(p))
            .map(|(i, _)| index(i))
            .collect(),
        Pat::Struct(s) => s
            .fields
            .iter()
            .filter(|f| moves_any(&f.pat))
            .map(|f| f.member.clone())
            .collect(),
        Pat::Paren(p) => moved_fields(&p.pat),
        Pat::Type(t) => moved_fields(&t.pat),
        _ => Vec::new(),
    }
}

pub fn sole_mention(e: &Expr) -> Option<MentionId> {
    match e {
        Expr::Path(p) if p.qself.is_none() => {
            crate::ir::parse_placeholder(p.path.get_ident()?, "__coro_mention_")
        }
        Expr::Paren(p) => sole_mention(&p.expr),
        _ => None,
    }
}

/// The pattern without its guard (`P if g` is `P`).
pub(crate) fn unguarded(pat: &Pat) -> &Pat {
    match pat {
        Pat::Guard(g) => &g.pat,
        p => p,
    }
}

/// Plain bindings only (a guard around them is fine); `refs`: by `ref` too.
/// A binding of a whole part with `@` (`z @ E::Zero`, `ref e @ E::Gone`) is
/// one, if its subpattern binds nothing.
fn is_simple(pat: &Pat, refs: bool) -> bool {
    let pat = unguarded(pat);
    struct Check(bool, bool);
    impl<'ast> Visit<'ast> for Check {
        fn visit_pat(&mut self, p: &'ast Pat) {
            let binds_under = |i: &syn::PatIdent| {
                i.subpat
                    .as_ref()
                    .is_some_and(|(_, sub)| !crate::build::bindings(sub).is_empty())
            };
            match p {
                Pat::Ident(i) if (i.by_ref.is_some() && !self.1) || binds_under(i) => {
                    self.0 = false
                }
                Pat::Reference(_) | Pat::Guard(_) | Pat::Macro(_) | Pat::Verbatim(_) => {
                    self.0 = false
                }
                _ => syn::visit::visit_pat(self, p),
            }
        }
    }
    let mut check = Check(true, refs);
    check.visit_pat(pat);
    check.0
}

/// Whether a pattern leaves part of its value unbound (a `_`, a `..`).
pub fn has_unbound_part(pat: &Pat) -> bool {
    struct Find(bool);
    impl<'ast> Visit<'ast> for Find {
        fn visit_pat(&mut self, p: &'ast Pat) {
            match p {
                Pat::Wild(_) | Pat::Rest(_) => self.0 = true,
                _ => syn::visit::visit_pat(self, p),
            }
        }
        fn visit_pat_struct(&mut self, s: &'ast syn::PatStruct) {
            if s.rest.is_some() {
                self.0 = true;
            }
            syn::visit::visit_pat_struct(self, s);
        }
    }
    let mut find = Find(false);
    find.visit_pat(pat);
    find.0
}

pub(crate) fn binds_any(pat: &Pat) -> bool {
    !crate::build::bindings(pat).is_empty()
}

/// The pattern with `mut` removed from its bindings: it matches a `&mut`
/// place (no binding modifiers allowed there) or a value being dropped.
/// A guard's expression is left alone: its own `let mut`s and closure
/// parameters are not the pattern's bindings.
pub fn by_value(pat: &Pat) -> Pat {
    let mut pat = pat.clone();
    edit_bindings(&mut pat, &mut |i| i.mutability = None);
    pat
}

/// Applies `edit` to each binding of the pattern (not to a guard's own
/// `let`s or closure parameters).
pub(crate) fn edit_bindings(pat: &mut Pat, edit: &mut dyn FnMut(&mut syn::PatIdent)) {
    struct Edit<'e>(&'e mut dyn FnMut(&mut syn::PatIdent));
    impl VisitMut for Edit<'_> {
        fn visit_pat_ident_mut(&mut self, i: &mut syn::PatIdent) {
            (self.0)(i);
            syn::visit_mut::visit_pat_ident_mut(self, i);
        }
        fn visit_expr_mut(&mut self, _: &mut syn::Expr) {}
    }
    Edit(edit).visit_pat_mut(pat);
}

/// The pattern an arm matches the `&mut` place with: [`by_value`] without
/// `ref` either (every binding is a `&mut` into the value there), and a
/// guard reading the by-value bindings through their references.
pub fn arm_pattern(pat: &Pat, moving: &Pat) -> Pat {
    let mut pat = by_value(pat);
    let by_value_names: Vec<String> = crate::build::bindings(moving)
        .iter()
        .filter(|b| b.by_ref.is_none())
        .map(|b| b.ident.to_string())
        .collect();
    edit_bindings(&mut pat, &mut |i| i.by_ref = None);
    if let Pat::Guard(g) = &mut pat {
        crate::build::deref_bindings(&by_value_names, &mut g.guard);
    }
    through_mut_at_top(&mut pat);
    pat
}

// Input:  `(&mut State::Busy(ref mut n), None)`, `"len"` (an arm that moves nothing)
// Output: `&mut ((&mut State::Busy(ref mut n), None))`, `&mut ("len")`
/// An arm of a value matched in place that moves nothing out of it (it
/// binds only through references in it, if at all) matches through the
/// `&mut` the match takes explicitly, so that its own reference patterns,
/// `ref mut` and literals mean what they mean on the value itself (edition
/// 2024 rejects them under the implicit borrow).
pub fn matched_through_mut(pat: &mut Pat) {
    match pat {
        Pat::Guard(g) => matched_through_mut(&mut g.pat),
        _ => {
            let inner = pat.clone();
            *pat = syn::parse_quote!(&mut (#inner));
        }
    }
}

// Input:  `"len"`, `b"GET" | b"HEAD"` (the arm of a `&str` or `&[u8]` value),
//         `n @ (LIMIT | 20)`
// Output: `&mut "len"`, `&mut b"GET" | &mut b"HEAD"`, `n @ &mut (LIMIT | 20)`
/// A string or byte string literal is a reference pattern: matched against
/// the `&mut` the arm takes of the value, it does not see through it
/// (E0308), as a number does. Where it stands for the whole value, it is
/// matched through the `&mut` explicitly; inside a tuple or a struct the
/// `&mut` is already behind.
fn through_mut_at_top(pat: &mut Pat) {
    match pat {
        Pat::Or(or) => or.cases.iter_mut().for_each(through_mut_at_top),
        Pat::Paren(p) => through_mut_at_top(&mut p.pat),
        Pat::Guard(g) => through_mut_at_top(&mut g.pat),
        Pat::Lit(l) if matches!(l.lit, syn::Lit::Str(_) | syn::Lit::ByteStr(_)) => {
            let lit = l.clone();
            *pat = syn::parse_quote!(&mut #lit);
        }
        // (`n @ (LIMIT | 20)`: the binding takes the `&mut` whole, and its
        // subpattern, a constant's path among them, is matched behind it,
        // where rustc would not see through it, E0308. One with bindings of
        // its own stays: they could not borrow what the `&mut` moved.)
        Pat::Ident(i) if i.by_ref.is_none() => {
            if let Some((_, sub)) = &mut i.subpat {
                if crate::build::bindings(sub).is_empty() {
                    let inner = sub.clone();
                    **sub = syn::parse_quote!(&mut (#inner));
                }
            }
        }
        _ => {}
    }
}

/// What starts an arm that moved part of the value: set its drop flag (or,
/// where the pattern takes all there is, `consumes_all`, give up the whole
/// value: `disown`, the var's slot giving up its own flag), then read each
/// binding (a `&mut` into the value) out by value, or, for one by `ref`
/// (`ref mut`), borrow the part anew. `value` points to the matched value.
pub fn arm_prologue(
    pat: &Pat,
    live: &TokenStream,
    bit: usize,
    value: &TokenStream,
    disown: Option<TokenStream>,
) -> TokenStream {
    let bindings = crate::build::bindings(pat);
    let by_value: Vec<&Ident> = bindings
        .iter()
        .filter(|b| b.by_ref.is_none())
        .map(|b| &b.ident)
        .collect();
    let native = Ident::new("__coro_native", Span::mixed_site());
    let part = Ident::new("__coro_part", Span::mixed_site());
    let mut at = 0..;
    let reads = bindings.iter().map(|b| {
        let ident = &b.ident;
        let mutability = b.mutability;
        // The flag just set makes the value's drop skip what the pattern
        // binds by value, so each part read here has one owner.
        match (&b.by_ref, &b.mutability) {
            // (A binding through a reference in the value, or of a value
            // that is a `&mut`, is a reference natively and stays one: see
            // `__private::TakeBound`.)
            (None, _) => {
                let i = syn::Index::from(at.next().expect("a position"));
                quote! {
                    let #mutability #ident = ::coro::__private::TakeBound::take_bound(
                        #ident,
                        ::coro::__private::Witness::at(&#native, |#part| #part.#i),
                    );
                }
            }
            // Through a pointer: borrowed from the `&mut` that the match took
            // of the whole value, a borrow held in the frame would keep that
            // one alive, and every later arm's with it (the shadow copy
            // checks the user's borrows).
            (Some(_), None) => quote!(let #ident = &*::core::ptr::from_mut(#ident);),
            (Some(_), Some(_)) => quote!(let #ident = &mut *::core::ptr::from_mut(#ident);),
        }
    });
    let flag = match disown {
        Some(disown) if consumes_all(pat) => disown,
        _ => quote!(#live.set(#bit);),
    };
    // rustc's own bindings, by a copy of the match on the value itself that
    // never runs: their types say which are the parts and which reach them
    // through a reference (which syntax does not show).
    let native_pat = by_value_only(unguarded(pat));
    quote! {
        #flag
        let mut #native = ::core::option::Option::None;
        if false {
            #[allow(irrefutable_let_patterns)]
            if let #native_pat = ::core::ptr::read(#value) {
                #native = ::core::option::Option::Some((#(#by_value,)*));
            }
        }
        #(#reads)*
    }
}

/// The pattern with its bindings by `ref` made `_`: what the copy of the
/// match in [`arm_prologue`] binds (its by-value bindings), as plain
/// bindings.
fn by_value_only(pat: &Pat) -> Pat {
    struct Edit;
    impl VisitMut for Edit {
        fn visit_pat_mut(&mut self, p: &mut Pat) {
            if let Pat::Ident(i) = p {
                if i.by_ref.is_some() {
                    match i.subpat.take() {
                        Some((_, sub)) => *p = *sub,
                        None => *p = syn::parse_quote!(_),
                    }
                    return self.visit_pat_mut(p);
                }
                i.mutability = None;
            }
            syn::visit_mut::visit_pat_mut(self, p);
        }
        // (`S { ref name, n }`: a shorthand field's binding made `_` needs
        // the field's name written out, `name: _`.)
        fn visit_field_pat_mut(&mut self, f: &mut syn::FieldPat) {
            f.colon_token.get_or_insert_with(Default::default);
            syn::visit_mut::visit_field_pat_mut(self, f);
        }
        fn visit_expr_mut(&mut self, _: &mut syn::Expr) {}
    }
    let mut pat = pat.clone();
    Edit.visit_pat_mut(&mut pat);
    pat
}

/// Whether `pat` takes all of a value it matches, leaving nothing to drop:
/// `Some(x)`, `Ok(x)` or `Err(x)` binding the variant's one field by value.
/// (The rest of a value a pattern moved parts out of is dropped by reading
/// the value whole and forgetting those parts, see `drop_code`; read so,
/// the `Box` of `Some(node)` that the arm's binding owns would be read a
/// second time while `node` is in use, which the aliasing models take to
/// invalidate `node`'s: `while let Some(node) = cur { ..; cur = node.next;
/// }` with `node` held across an await.) A `Copy` field is copied, and the
/// value stays: without drop glue, it needs no drop either.
fn consumes_all(pat: &Pat) -> bool {
    let Pat::TupleStruct(t) = pat else {
        return false;
    };
    let variant = t.qself.is_none()
        && t.path
            .get_ident()
            .is_some_and(|i| i == "Some" || i == "Ok" || i == "Err");
    let whole_binding =
        |p: &Pat| matches!(p, Pat::Ident(i) if i.by_ref.is_none() && i.subpat.is_none());
    variant && t.elems.len() == 1 && t.elems.iter().all(whole_binding)
}

/// A pointer to the value the arms match (a frame var's, or its field's at
/// `place`), which the copy of the match in [`arm_prologue`] reads (never
/// run).
pub fn matched_value(slot: &TokenStream, place: &[Member]) -> TokenStream {
    if place.is_empty() {
        quote!(#slot.ptr())
    } else {
        quote!(&raw mut (*#slot.ptr()) #(.#place)*)
    }
}

/// A field read out of the value, given its pointer `field` and `kind`,
/// what `__private::FieldProbe` says of its type: moved out (`live.set(bit);
/// ptr::read(field)`) or, for a `Copy` one, copied and left in place: a
/// field of a `Copy` type reached through the value's own `Deref` (`c.id`,
/// `c: Pooled`) is no part of the value its dropper could name.
pub fn field_read(
    live: &TokenStream,
    bit: usize,
    kind: &TokenStream,
    field: &Ident,
) -> TokenStream {
    let span = field.span();
    let take = take_part(field);
    quote_spanned!(span=> #kind.read(#field, || {
        #live.set(#bit);
        #take
    }))
}

/// The part `field` points to, moved out (`__private::MovedPart`: a `Copy`
/// part copied, another `Option` left `None`).
fn take_part(field: &Ident) -> TokenStream {
    let span = field.span();
    quote_spanned!(span=> {
        #[allow(unused_imports)]
        use ::coro::__private::{TakeCopyPart as _, TakeOptionPart as _, TakeOtherPart as _};
        (&&::coro::__private::MovedPart(#field)).take_part()
    })
}

/// As [`field_read`], for the receiver of a method std's types take by
/// value (`Partial::by_type`): `kind` (of the field's pointer `field`,
/// bound by `bind`) says whether it moves out, its bit then set, or is used
/// in place through `&mut` (through `&` where `shared`).
pub fn field_read_by_type(
    live: &TokenStream,
    bit: usize,
    bind: TokenStream,
    field: &Ident,
    kind: TokenStream,
    shared: bool,
) -> TokenStream {
    let take = take_part(field);
    // (`field` a `*const`, `shared`: used in place through `&`.)
    let recv = if shared {
        quote!(recv_field)
    } else {
        quote!(recv)
    };
    quote!({
        #bind
        #kind.#recv(#field, || {
            #live.set(#bit);
            #take
        })
    })
}

// Input:  `p.pos = (p.pos.0 + 1, v().await);` (`p.pos.0` read out before)
// Output: `part_read_before_its_field_is_assigned_must_be_copy(&raw const
//          (*slot.ptr()).pos.0);`
/// Checks that each part read out of the field an assignment writes whole
/// (`parts`, paths from the value) is `Copy`: copied, it stayed in the
/// field, which the assignment then drops whole, as rustc's does. (Moved
/// out, the rest of the old field would have to drop alone, which the
/// lowering cannot write for a field it does not know the type of: a
/// compile error, E0277, at the assignment, `span`.)
pub fn copied_parts(slot: &TokenStream, parts: &[Vec<Member>], span: Span) -> TokenStream {
    // (The path's members at the assignment too: theirs are the read's.)
    let at_assignment = |m: &Member| match m {
        Member::Named(name) => Member::Named(Ident::new(&name.to_string(), span)),
        Member::Unnamed(i) => Member::Unnamed(syn::Index {
            index: i.index,
            span,
        }),
    };
    let checks = parts.iter().map(|path| {
        let path = path.iter().map(at_assignment);
        quote_spanned!(span=> ::coro::__private::part_read_before_its_field_is_assigned_must_be_copy(
            &raw const (*#slot.ptr()) #(.#path)*
        );)
    });
    quote!(#(#checks)*)
}

/// An assignment to a field that may have been read out (moved, or copied:
/// syntax cannot tell): if it was, the new value is written without dropping
/// what is there, and the value is whole again.
pub fn field_write(
    slot: &TokenStream,
    live: &TokenStream,
    bits: &[usize],
    path: &[Member],
    value: &Expr,
) -> TokenStream {
    let new = Ident::new("__coro_value", Span::mixed_site());
    // (Typed by the field, so that it coerces as in an assignment. Bound
    // by a `match`, not a `let`: the value's temporaries drop after the
    // old value, at the end of the statement, as rustc's assignment drops
    // them.)
    quote!({
        match ::coro::__private::typed_as_place(&raw mut (*#slot.ptr()) #(.#path)*, #value) {
            #new => if false #(|| #live.is_set(#bits))* {
                #(#live.clear(#bits);)*
                ::core::ptr::write(&raw mut (*#slot.ptr()) #(.#path)*, #new);
            } else {
                (*#slot.ptr()) #(.#path)* = #new;
            }
        }
    })
}

// Input:  `o.opt = Some(b);` after `if let Some(x) = o.opt { .. }` (in place)
// Output: `{ match Some(b) { v => { let place = &raw mut (*slot.ptr()).opt;
//            if live.is_set(3) { live.clear(3);
//                if let Some(x) = ptr::read(place) { forget((x,)) }
//                ptr::write(place, v);
//            } else { *place = v; } } } }`
/// An assignment to a field that patterns matched in place (see
/// `Partial::place`), given each arm's bit and pattern: where one moved
/// parts out, the rest of the old value drops (its moved parts forgotten)
/// and the new one is written, as rustc assigns a partly moved place.
pub fn place_write(
    slot: &TokenStream,
    live: &TokenStream,
    arms: &[(usize, Pat)],
    path: &[Member],
    value: &Expr,
) -> TokenStream {
    let new = Ident::new("__coro_value", Span::mixed_site());
    let place = Ident::new("__coro_place", Span::mixed_site());
    let moved = arms.iter().map(|(bit, pat)| {
        let forget = forget_moved(pat, &quote!(::core::ptr::read(#place)));
        quote! {
            if #live.is_set(#bit) {
                #live.clear(#bit);
                #forget
                ::core::ptr::write(#place, #new);
            } else
        }
    });
    // (Typed by the field, so that it coerces as in an assignment, and
    // bound by a `match`, whose temporaries drop after the old value, as
    // in `field_write`. The place written through is reached again after
    // the value is made, which may have borrowed the slot anew.)
    quote!({
        match ::coro::__private::typed_as_place(&raw mut (*#slot.ptr()) #(.#path)*, #value) {
            #new => {
                let #place = &raw mut (*#slot.ptr()) #(.#path)*;
                #(#moved)* {
                    *#place = #new;
                }
            }
        }
    })
}

/// The scrutinee in place: `&mut (*slot.ptr())`.
pub fn scrutinee(slot: &TokenStream) -> TokenStream {
    quote!((&mut (*#slot.ptr())))
}

/// One var's moving uses: per use, its arms that bind, with their bits.
pub type Groups = Vec<Vec<(usize, Pat)>>;

fn moved_flag(i: usize) -> TokenStream {
    let moved = Ident::new("__coro_moved", Span::mixed_site());
    quote!(#moved[#i])
}

/// The dropper closure (see the module docs). Uses are matched one after
/// the other (each moved parts the others did not); the arms of one use
/// exclude each other.
pub fn dropper(groups: &Groups) -> TokenStream {
    let value = Ident::new("__coro_value", Span::mixed_site());
    let moved = Ident::new("__coro_moved", Span::mixed_site());
    let count = groups.iter().map(Vec::len).sum::<usize>();
    // Each arm's flag index, in order.
    let mut next = 0;
    let flags: Vec<Vec<usize>> = groups
        .iter()
        .map(|arms| {
            let ids = (next..next + arms.len()).collect();
            next += arms.len();
            ids
        })
        .collect();
    // Uses that may move the same part (a field read in two arms of a
    // `match`, or the matches an awaiting guard splits one `match` into)
    // exclude each other at run time (rustc checked the original), and
    // matching both patterns would move that part twice: they go in one
    // `if .. else if` chain. (So do nested parts both moved: a `Copy` part
    // read out, then the part holding it; the outer use comes first, see
    // `Layout::partial_arms`, and forgets all of it. And so do struct
    // updates of the value, which never run together, see `find`: each
    // drops what it left of the whole value.) Other uses are matched one
    // after the other.
    let places: Vec<Option<Vec<Vec<Member>>>> = groups
        .iter()
        .map(|arms| {
            let mut all = Vec::new();
            for (_, pat) in arms {
                all.extend(moved_places(unguarded(pat))?);
            }
            Some(all)
        })
        .collect();
    let kept = |u: usize| groups[u].iter().any(|(_, pat)| is_kept(pat));
    let leads_into = |p: &Vec<Member>, q: &Vec<Member>| p.starts_with(q) || q.starts_with(p);
    let overlap = |a: usize, b: usize| match (&places[a], &places[b]) {
        _ if kept(a) && kept(b) => true,
        (Some(x), Some(y)) => x.iter().any(|p| y.iter().any(|q| leads_into(p, q))),
        _ => true,
    };
    let mut chains: Vec<Vec<usize>> = Vec::new();
    for u in 0..groups.len() {
        match chains.iter_mut().find(|c| c.iter().any(|&w| overlap(u, w))) {
            Some(chain) => chain.push(u),
            None => chains.push(vec![u]),
        }
    }
    let chains = chains.iter().map(|chain| {
        let branches = chain.iter().flat_map(|&u| {
            groups[u].iter().zip(&flags[u]).map(|((_, pat), &i)| {
                let flag = moved_flag(i);
                if is_kept(pat) {
                    return kept_branch(&flag, &value, pat);
                }
                let forget = match untyped_field(pat) {
                    // A field read out: forget it.
                    Some((path, inner)) if is_field_binding(inner) => {
                        quote!(::core::mem::forget(#value #(.#path)*);)
                    }
                    // Patterns on a field (see `Partial::place`): what
                    // they bound, moved out of the field, forgotten.
                    Some((path, inner)) => forget_moved(inner, &quote!(#value #(.#path)*)),
                    None => forget_moved(pat, &quote!(#value)),
                };
                quote! {
                    if #flag {
                        #forget
                    } else
                }
            })
        });
        quote!(#(#branches)* {})
    });
    quote! {
        // What the uses did not move drops at the end, field by field.
        |#value, #moved: [bool; #count]| {
            #(#chains)*
        }
    }
}

/// Whether the pattern is a struct update's (see [`KEPT`]).
fn is_kept(pat: &Pat) -> bool {
    crate::build::bindings(pat)
        .first()
        .is_some_and(|b| b.ident.to_string().starts_with(KEPT))
}

/// The dropper's branch for a struct update's base: the fields the literal
/// named (`pat` binds them) are all that is left of the value: each is read
/// out, in the order written, and dropped; the value itself is not dropped.
/// (Written in the literal's order: rustc drops them in the struct's, which
/// syntax does not show; they differ only for two named fields whose drops
/// both have effects.)
fn kept_branch(flag: &TokenStream, value: &Ident, pat: &Pat) -> TokenStream {
    let names: Vec<&Ident> = crate::build::bindings(pat)
        .into_iter()
        .map(|b| &b.ident)
        .collect();
    quote! {
        if #flag {
            let #value = ::core::mem::ManuallyDrop::new(#value);
            #[allow(irrefutable_let_patterns)]
            if let #pat = &*#value {
                // SAFETY: the value is never dropped (`ManuallyDrop`), and
                // each field it still owns is read out once.
                ::core::mem::drop(unsafe { (#(::core::ptr::read(#names),)*) });
            }
        } else
    }
}

/// The field path an [`UNTYPED`] pattern stands for.
fn untyped_field(pat: &Pat) -> Option<(Vec<&Member>, &Pat)> {
    let mut path = Vec::new();
    let mut pat = pat;
    while let Pat::Struct(s) = pat {
        if !s.path.is_ident(UNTYPED) {
            break;
        }
        let field = s.fields.first()?;
        path.push(&field.member);
        pat = &field.pat;
    }
    (!path.is_empty()).then_some((path, pat))
}

/// `pat` (without its guard) matched against `value`, and what it moved
/// forgotten. Bindings by `ref` (`ref mut` made `ref` by `by_value`: the
/// value is not `mut` here) moved nothing: what they borrow drops with the
/// rest.
fn forget_moved(pat: &Pat, value: &TokenStream) -> TokenStream {
    let pat = by_value(unguarded(pat));
    let names = crate::build::bindings(&pat)
        .into_iter()
        .filter(|b| b.by_ref.is_none())
        .map(|b| b.ident.clone());
    quote! {
        #[allow(irrefutable_let_patterns)]
        if let #pat = #value {
            ::core::mem::forget((#(#names,)*));
        }
    }
}

/// Whether an [`UNTYPED`] pattern's innermost pattern is a field read out
/// (the binding [`FIELD`]), not patterns matching the field in place.
fn is_field_binding(pat: &Pat) -> bool {
    matches!(pat, Pat::Ident(i) if i.ident == FIELD)
}

/// A pattern matched against the field at `place` of a value (see
/// `Partial::place`), as the dropper matches the whole value: wrapped in
/// [`UNTYPED`] patterns of the path (the pattern itself for an empty one).
pub fn at_place(place: &[Member], pat: Pat) -> Pat {
    if place.is_empty() {
        return pat;
    }
    let untyped = Ident::new(UNTYPED, Span::mixed_site());
    // (Without its guard, which a field's pattern cannot hold; the dropper
    // leaves guards out anyway.)
    let pat = unguarded(&pat).clone();
    place.iter().rev().fold(
        pat,
        |inner: Pat, member| syn::parse_quote!(#untyped { #member: #inner, .. }),
    )
}

/// The [`UNTYPED`] pattern of a field path:
/// `__CoroUntyped { inner: __CoroUntyped { s: binding, .. }, .. }`.
fn untyped_pattern(path: &[Member], binding: &Ident) -> Pat {
    let untyped = Ident::new(UNTYPED, Span::mixed_site());
    path.iter().rev().fold(
        syn::parse_quote!(#binding),
        |inner: Pat, member| syn::parse_quote!(#untyped { #member: #inner, .. }),
    )
}

/// The parts of the value a pattern moves ([`moved_fields`]); `None` when
/// it binds the value whole or may name an enum's variant (`E::V { .. }`,
/// `V(..)`: matching it reads the discriminant, a use of the whole value).
///
/// As paths from the value: a field read out or matched in place (an
/// [`UNTYPED`] pattern) names its path (`inner.a`), and the parts the
/// pattern there moves below it (`inner.a.0`); two uses overlap when one's
/// path leads into the other's (`inner` and `inner.a`), not when they are
/// siblings (`inner.a` and `inner.b`), which both may move.
fn moved_places(pat: &Pat) -> Option<Vec<Vec<Member>>> {
    match pat {
        Pat::Paren(p) => moved_places(&p.pat),
        Pat::Type(t) => moved_places(&t.pat),
        Pat::Struct(s) if s.path.is_ident(UNTYPED) => {
            let field = s.fields.first()?;
            let below = match &*field.pat {
                inner if is_field_binding(inner) => None,
                inner => moved_places(inner),
            };
            let at = |mut path: Vec<Member>| {
                path.insert(0, field.member.clone());
                path
            };
            Some(below.map_or_else(|| vec![at(Vec::new())], |b| b.into_iter().map(at).collect()))
        }
        Pat::Tuple(_) => Some(moved_fields(pat).into_iter().map(|m| vec![m]).collect()),
        Pat::Struct(s) if s.path.segments.len() == 1 => {
            Some(moved_fields(pat).into_iter().map(|m| vec![m]).collect())
        }
        _ => None,
    }
}

/// Drops a frame var that uses may have moved parts out of: collects (and
/// clears) their flags and hands the value to the dropper.
pub fn drop_code(
    slot: &TokenStream,
    live: &TokenStream,
    dropper: &TokenStream,
    groups: &Groups,
) -> TokenStream {
    let value = Ident::new("__coro_value", Span::mixed_site());
    let flags = groups.iter().flatten().map(|(bit, _)| {
        let set = format_ident!("__coro_set", span = Span::mixed_site());
        quote!({ let #set = #live.is_set(#bit); #live.clear(#bit); #set })
    });
    let flags = quote!([#(#flags),*]);
    let call = quote!(::coro::__private::DropParts::drop_parts(&#dropper, #value, #flags));
    quote! {
        if let ::core::option::Option::Some(#value) = #slot.take_if_init(&#live) {
            #call;
        }
    }
}
