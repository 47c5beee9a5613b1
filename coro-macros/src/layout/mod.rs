//! Where each frame var lives in the frame: vars that never hold values at
//! the same time share storage.
//!
//! Two vars conflict if they may hold values together: their scopes are
//! nested (not siblings: consecutive statements, the branches of an `if`,
//! the arms of a `match`, consecutive blocks are never in scope together)
//! and `liveness` finds moments when both may hold a value. The future of an
//! `.await` is a var like any other, alive from its `put` to the end of its
//! `.await`.
//!
//! The frame is built by splitting the vars: those that conflict with every
//! other go in the struct itself; the rest fall into groups that do not
//! conflict with each other, which overlap in a `union`, one member per
//! group, each group split the same way (a group of one var is that var's
//! slot). When no var conflicts with all others and the vars do not split,
//! the one with the most conflicts goes in the struct and the rest split.
//!
//! Drop flags stay outside (in the frame's `Flags`), so a slot is as large as
//! its value, and a flag is always meaningful. Awaitees need no flag: the
//! state says which one is alive.
//!
//! Input (conflicts): a–everything; req–send; send–resp; send–text; resp–text
//! Output: `Frame { a, send, overlap: union { req, with_resp: { resp, text } } }`
use crate::ir::*;
use proc_macro2::Span;
use std::collections::BTreeSet;
use syn::Ident;

pub mod head;
pub mod hoist;

pub use head::Head;

/// A struct of slots, with at most one union of overlapping members.
#[derive(Clone)]
pub struct Part {
    /// The struct type's name (the frame's own name for the root).
    pub ty: Ident,
    /// Frame vars stored directly in this part, in declaration order.
    pub vars: Vec<VarId>,
    pub overlap: Option<Overlap>,
}

/// A union of members that are never alive together.
#[derive(Clone)]
pub struct Overlap {
    pub ty: Ident,
    pub members: Vec<Member>,
}

#[derive(Clone)]
pub enum Member {
    /// The vars of a scope (and of the scopes below it): a struct.
    Part { field: Ident, part: Part },
    /// A single slot or awaitee, under its own field name.
    Slot(VarId),
}

pub struct Layout {
    /// With `CORO_DEBUG_LAYOUT` set: the layout as one line.
    pub described: Option<String>,
    pub root: Part,
    /// When the frame's own struct has a union: the state and the drop
    /// flags are not in that struct but in every member of the union, at
    /// its start, with the struct's vars (see `Cx::head`).
    pub head: Option<Head>,
    /// Per frame var that needs one (not an awaitee): its drop flag's bit.
    pub bits: Vec<Option<usize>>,
    /// Per partial scrutinee (see `partial`), per arm that moves: the bit
    /// that says it did.
    pub partial_bits: Vec<Vec<Option<usize>>>,
    /// How many drop flags the frame has.
    pub flag_count: usize,
}

impl Layout {
    /// The uses that may have moved parts of `v` out: per use, the patterns
    /// of its arms that bind, with their bits. Uses of parts nearer the
    /// value come first (a pattern's, then `p.val`, then `p.val.1`): of two
    /// such uses that both ran (a `Copy` part read out, then the part
    /// holding it moved), the dropper asks about the outer one first (see
    /// `partial::dropper`).
    pub fn partial_arms(
        &self,
        partials: &[crate::partial::Partial],
        v: VarId,
    ) -> crate::partial::Groups {
        let mut uses: Vec<(usize, &crate::partial::Partial)> = partials
            .iter()
            .enumerate()
            .filter(|(_, p)| p.var == v)
            .collect();
        uses.sort_by_key(|(_, p)| p.field.as_ref().map_or(p.place.len(), Vec::len));
        uses.into_iter()
            .map(|(h, partial)| {
                partial
                    .arms
                    .iter()
                    .zip(&self.partial_bits[h])
                    .filter_map(|(pat, bit)| {
                        Some((
                            (*bit)?,
                            crate::partial::at_place(&partial.place, pat.clone()?),
                        ))
                    })
                    .collect()
            })
            .collect()
    }
}

#[allow(clippy::too_many_arguments)] // one per input of the layout, each named
pub fn compute(
    body: &Body,
    frame_vars: &[VarId],
    partials: &[crate::partial::Partial],
    conflicts: &[BTreeSet<VarId>],
    fields: &[Option<Ident>],
    prefix: &str,
    frame_ty: &Ident,
) -> Layout {
    let ancestors: Vec<Vec<ScopeId>> = (0..body.scopes.len())
        .map(|s| {
            let mut chain = vec![s];
            while let Some(p) = body.scopes[*chain.last().expect("non-empty")].parent {
                chain.push(p);
            }
            chain
        })
        .collect();
    let mut scope_of = vec![0; body.vars.len()];
    for (s, scope) in body.scopes.iter().enumerate() {
        for &v in &scope.vars {
            scope_of[v] = s;
        }
    }
    // Sibling scopes are never in scope together.
    let nested = |v: VarId, w: VarId| {
        let (a, b) = (scope_of[v], scope_of[w]);
        ancestors[a].contains(&b) || ancestors[b].contains(&a)
    };
    let conflict = |v: VarId, w: VarId| conflicts[v].contains(&w) && nested(v, w);
    let cx = Cx {
        conflict: &conflict,
        fields,
        prefix,
        types: Default::default(),
    };
    // Two candidates: parts by scope (vars of sibling scopes overlap), and
    // parts by conflict (which also overlaps vars of nested scopes that are
    // never alive together). The second may put a small var in a union
    // where, in the struct, it would have filled the state's padding. It is
    // taken if it stacks fewer slots; or if it is no larger whatever the
    // sizes, and smaller by the guessed sizes, or as large by them while
    // every var it moves off the frame's own struct is a word or more.
    let by_scopes = cx.by_scopes(body, frame_vars, frame_ty);
    cx.types.borrow_mut().clear();
    let by_conflicts = cx.split(frame_vars.to_vec(), frame_ty.clone());
    let evident = hoist::evident_sizes(body);
    let mut guesses = guess_sizes(body);
    for (guess, evident) in guesses.iter_mut().zip(&evident) {
        if let Some(size) = evident {
            *guess = *size;
        }
    }
    let better = || {
        let (a, _) = guessed_layout(&by_conflicts, &guesses, true);
        let (b, _) = guessed_layout(&by_scopes, &guesses, true);
        let mut moved_off_root = by_scopes
            .vars
            .iter()
            .filter(|v| !by_conflicts.vars.contains(v));
        a < b || a == b && moved_off_root.all(|&v| guesses[v].0 >= 8)
    };
    let mut root = if slots(&by_conflicts) < slots(&by_scopes)
        || fits_within(&by_conflicts, &by_scopes)
            && !fits_within(&by_scopes, &by_conflicts)
            && better()
    {
        by_conflicts
    } else {
        cx.types.borrow_mut().clear();
        cx.by_scopes(body, frame_vars, frame_ty)
    };
    hoist::hoist(&mut root, &evident, &guesses);
    let small = head::small_values(body, &evident);
    let head = head::worth_it(&root, &small).then(|| cx.head(&mut root, &guesses, &small));
    let debug = std::env::var_os("CORO_DEBUG_LAYOUT").is_some();
    let described = debug.then(|| {
        let mut out = describe(&root, body, &guesses);
        if let Some(head) = &head {
            let names = |vars: &[VarId]| -> Vec<String> {
                vars.iter()
                    .map(|&v| body.vars[v].name.to_string())
                    .collect()
            };
            out.push_str(&format!(
                ", each member starting with [{}]",
                [
                    names(&head.before),
                    vec!["state".into()],
                    names(&head.after)
                ]
                .concat()
                .join(", ")
            ));
        }
        out
    });
    let mut bits = vec![None; body.vars.len()];
    let mut flag_count = 0;
    for &v in frame_vars.iter().filter(|&&v| !is_awaitee(body, v)) {
        bits[v] = Some(flag_count);
        flag_count += 1;
    }
    let partial_bits = partials
        .iter()
        .map(|p| {
            p.arms
                .iter()
                .map(|arm| {
                    arm.as_ref().map(|_| {
                        flag_count += 1;
                        flag_count - 1
                    })
                })
                .collect()
        })
        .collect();
    Layout {
        described,
        root,
        head,
        bits,
        partial_bits,
        flag_count,
    }
}

/// The most slots stacked in the part (each slot counted as one).
fn slots(part: &Part) -> usize {
    let below = part.overlap.as_ref().map_or(0, |o| {
        o.members
            .iter()
            .map(|m| match m {
                Member::Slot(_) => 1,
                Member::Part { part, .. } => slots(part),
            })
            .max()
            .unwrap_or(0)
    });
    part.vars.len() + below
}

/// A guess of each var's size and alignment, to choose between two
/// layouts (the macro cannot see types): a future (an awaitee, or a local
/// that is awaited) is large; a `for` loop's iterator two words; anything
/// else a small value, which may fill the padding after the state.
fn guess_sizes(body: &Body) -> Vec<(usize, usize)> {
    const FUTURE: (usize, usize) = (64, 8);
    let mut guesses: Vec<(usize, usize)> = body
        .vars
        .iter()
        .map(|var| match var.kind {
            VarKind::Awaitee(_) => FUTURE,
            VarKind::Iter => (16, 8),
            // `pin!(future)`'s home.
            VarKind::Temp { ref what } if what == "pinned value" => FUTURE,
            _ => (4, 4),
        })
        .collect();
    for list in &body.lists {
        for stmt in list {
            let Stmt::Init { var, value } = stmt else {
                continue;
            };
            if !is_awaitee(body, *var) {
                // `let s = &v[..n];`, `let r = &x;`: a pointer, fat or thin.
                if let syn::Expr::Reference(r) = &value.expr {
                    let slice = matches!(&*r.expr, syn::Expr::Index(i) if matches!(*i.index, syn::Expr::Range(_)));
                    guesses[*var] = if slice { (16, 8) } else { (8, 8) };
                }
                continue;
            }
            // `into_future(f)`: `f` is a future; `into_future(&mut f)` and
            // `into_future(f.as_mut())` await through a pointer.
            let syn::Expr::Call(call) = &value.expr else {
                continue;
            };
            let mut arg = call.args.first();
            while let Some(syn::Expr::Paren(p)) = arg {
                arg = Some(&p.expr);
            }
            match arg {
                Some(syn::Expr::Reference(r)) => {
                    guesses[*var] = (8, 8);
                    if let Some(m) = crate::partial::sole_mention(&r.expr) {
                        guesses[body.mentions[m].var] = FUTURE;
                    }
                }
                Some(syn::Expr::MethodCall(m)) if m.method == "as_mut" && m.args.is_empty() => {
                    guesses[*var] = (8, 8)
                }
                Some(arg) => {
                    if let Some(m) = crate::partial::sole_mention(arg) {
                        guesses[body.mentions[m].var] = FUTURE;
                    }
                }
                None => {}
            }
        }
    }
    guesses
}

/// The part's size and alignment if its vars had the guessed sizes:
/// fields ordered by alignment, as rustc orders them; the frame's own part
/// (`root`) also holds the state and the drop flags (two bytes).
fn guessed_layout(part: &Part, guesses: &[(usize, usize)], root: bool) -> (usize, usize) {
    let mut fields: Vec<(usize, usize)> = part.vars.iter().map(|&v| guesses[v]).collect();
    if let Some(overlap) = &part.overlap {
        let members: Vec<(usize, usize)> = overlap
            .members
            .iter()
            .map(|m| match m {
                Member::Slot(v) => guesses[*v],
                Member::Part { part, .. } => guessed_layout(part, guesses, false),
            })
            .collect();
        let align = members.iter().map(|m| m.1).max().unwrap_or(1);
        let size = members.iter().map(|m| m.0).max().unwrap_or(0);
        fields.push((size.next_multiple_of(align), align));
    }
    if root {
        fields.push((2, 1));
    }
    fields.sort_by_key(|&(_, align)| std::cmp::Reverse(align));
    let align = fields.iter().map(|f| f.1).max().unwrap_or(1);
    let mut size: usize = 0;
    for (field, field_align) in fields {
        size = size.next_multiple_of(field_align) + field;
    }
    (size.next_multiple_of(align), align)
}

/// The sets of slots the part stacks: one per choice of a member in each
/// union on the way down. The part is as large as its largest stack
/// (padding aside).
fn stacks(part: &Part) -> Vec<BTreeSet<VarId>> {
    let own: BTreeSet<VarId> = part.vars.iter().copied().collect();
    let Some(overlap) = &part.overlap else {
        return vec![own];
    };
    overlap
        .members
        .iter()
        .flat_map(|m| match m {
            Member::Slot(v) => vec![BTreeSet::from([*v])],
            Member::Part { part, .. } => stacks(part),
        })
        .map(|below| own.union(&below).copied().collect())
        .collect()
}

/// Whether `a` is no larger than `b` whatever the slots' sizes, padding
/// aside: each stack of `a` is part of one of `b` (`{v, f + s | g}`
/// against `{v, f, s | g}`).
fn fits_within(a: &Part, b: &Part) -> bool {
    let b = stacks(b);
    stacks(a).iter().all(|s| b.iter().any(|t| s.is_subset(t)))
}

pub fn is_awaitee(body: &Body, v: VarId) -> bool {
    matches!(body.vars[v].kind, VarKind::Awaitee(_))
}

struct Cx<'a> {
    conflict: &'a dyn Fn(VarId, VarId) -> bool,
    fields: &'a [Option<Ident>],
    prefix: &'a str,
    /// Type names given so far (each part and union has its own).
    types: std::cell::RefCell<std::collections::HashSet<String>>,
}

impl Cx<'_> {
    /// The part holding `vars` (see the module docs).
    fn split(&self, mut vars: Vec<VarId>, ty: Ident) -> Part {
        let mut own = Vec::new();
        loop {
            // Vars in conflict with every other stay in the struct.
            let (universal, rest): (Vec<VarId>, Vec<VarId>) = vars
                .iter()
                .partition(|&&v| vars.iter().all(|&w| w == v || (self.conflict)(v, w)));
            own.extend(universal);
            vars = rest;
            if vars.is_empty() {
                break;
            }
            let groups = self.groups(&vars);
            if groups.len() > 1 {
                own.sort_unstable();
                let union_ty = self.union_name(&vars);
                let members = groups.into_iter().map(|g| self.member(g)).collect();
                return Part {
                    ty,
                    vars: own,
                    overlap: Some(Overlap {
                        ty: union_ty,
                        members,
                    }),
                };
            }
            // One group and no var in conflict with all: the most
            // conflicting one stays in the struct, and the rest may split.
            let busiest = *vars
                .iter()
                .max_by_key(|&&v| {
                    (
                        vars.iter()
                            .filter(|&&w| w != v && (self.conflict)(v, w))
                            .count(),
                        std::cmp::Reverse(v),
                    )
                })
                .expect("non-empty");
            own.push(busiest);
            vars.retain(|&v| v != busiest);
        }
        own.sort_unstable();
        Part {
            ty,
            vars: own,
            overlap: None,
        }
    }

    /// Connected groups of `vars` under conflict, in declaration order.
    fn groups(&self, vars: &[VarId]) -> Vec<Vec<VarId>> {
        let mut group_of: Vec<Option<usize>> = vec![None; vars.len()];
        let mut groups: Vec<Vec<VarId>> = Vec::new();
        for start in 0..vars.len() {
            if group_of[start].is_some() {
                continue;
            }
            let g = groups.len();
            groups.push(Vec::new());
            let mut stack = vec![start];
            group_of[start] = Some(g);
            while let Some(i) = stack.pop() {
                groups[g].push(vars[i]);
                for j in 0..vars.len() {
                    if group_of[j].is_none() && (self.conflict)(vars[i], vars[j]) {
                        group_of[j] = Some(g);
                        stack.push(j);
                    }
                }
            }
            groups[g].sort_unstable();
        }
        groups
    }

    fn member(&self, vars: Vec<VarId>) -> Member {
        if let [only] = vars.as_slice() {
            return Member::Slot(*only);
        }
        let first = self.field(vars[0]);
        let ty = self.type_name(&format!(
            "{}With{}",
            self.prefix,
            crate::names::camel_case(&first)
        ));
        let field = self.member_field(&first);
        Member::Part {
            field,
            part: self.split(vars, ty),
        }
    }

    /// Parts by scope: a scope's own vars and a union of its children (the
    /// scopes nested in it, and each of its awaitees), folding a single
    /// child into its parent.
    fn by_scopes(&self, body: &Body, frame_vars: &[VarId], frame_ty: &Ident) -> Part {
        let in_frame: BTreeSet<VarId> = frame_vars.iter().copied().collect();
        let mut children: Vec<Vec<ScopeId>> = vec![Vec::new(); body.scopes.len()];
        for (s, scope) in body.scopes.iter().enumerate() {
            if let Some(p) = scope.parent {
                children[p].push(s);
            }
        }
        // The vars of each scope and of the scopes below it.
        let mut below: Vec<Vec<VarId>> = vec![Vec::new(); body.scopes.len()];
        for s in (0..body.scopes.len()).rev() {
            let mut vars: Vec<VarId> = body.scopes[s]
                .vars
                .iter()
                .copied()
                .filter(|v| in_frame.contains(v))
                .collect();
            for &c in &children[s] {
                vars.extend(below[c].iter().copied());
            }
            vars.sort_unstable();
            below[s] = vars;
        }
        let roots: Vec<ScopeId> = (0..body.scopes.len())
            .filter(|&s| body.scopes[s].parent.is_none())
            .collect();
        let mut root = Part {
            ty: frame_ty.clone(),
            vars: Vec::new(),
            overlap: None,
        };
        for r in roots {
            let part = self.scope_part(body, &in_frame, &children, &below, r, frame_ty.clone());
            root.vars.extend(part.vars);
            if root.overlap.is_none() {
                root.overlap = part.overlap;
            }
        }
        root.vars.sort_unstable();
        root
    }

    fn scope_part(
        &self,
        body: &Body,
        in_frame: &BTreeSet<VarId>,
        children: &[Vec<ScopeId>],
        below: &[Vec<VarId>],
        scope: ScopeId,
        ty: Ident,
    ) -> Part {
        let own = body.scopes[scope]
            .vars
            .iter()
            .copied()
            .filter(|v| in_frame.contains(v));
        let mut vars: Vec<VarId> = own.clone().filter(|&v| !is_awaitee(body, v)).collect();
        // Members: each child scope holding frame vars, each awaitee.
        let mut kids: Vec<Vec<VarId>> = children[scope]
            .iter()
            .filter(|&&c| !below[c].is_empty())
            .map(|&c| vec![c])
            .collect();
        let awaitees: Vec<VarId> = own.filter(|&v| is_awaitee(body, v)).collect();
        let kid_count = kids.len() + awaitees.len();
        if kid_count == 1 && awaitees.len() == 1 {
            vars.extend(awaitees);
            vars.sort_unstable();
            return Part {
                ty,
                vars,
                overlap: None,
            };
        }
        if kid_count == 1 {
            let only = kids.pop().expect("one child")[0];
            let folded = self.scope_part(body, in_frame, children, below, only, ty.clone());
            vars.extend(folded.vars);
            vars.sort_unstable();
            return Part {
                ty,
                vars,
                overlap: folded.overlap,
            };
        }
        vars.sort_unstable();
        if kid_count == 0 {
            return Part {
                ty,
                vars,
                overlap: None,
            };
        }
        let all: Vec<VarId> = kids
            .iter()
            .flat_map(|k| below[k[0]].iter().copied())
            .chain(awaitees.iter().copied())
            .collect();
        let union_ty = self.union_name(&all);
        let mut members: Vec<Member> = kids
            .iter()
            .map(|k| {
                let c = k[0];
                let first = self.field(below[c][0]);
                let part_ty = self.type_name(&format!(
                    "{}With{}",
                    self.prefix,
                    crate::names::camel_case(&first)
                ));
                let part = self.scope_part(body, in_frame, children, below, c, part_ty);
                match (part.vars.as_slice(), &part.overlap) {
                    ([only], None) => Member::Slot(*only),
                    _ => Member::Part {
                        field: self.member_field(&first),
                        part,
                    },
                }
            })
            .collect();
        members.extend(awaitees.into_iter().map(Member::Slot));
        Part {
            ty,
            vars,
            overlap: Some(Overlap {
                ty: union_ty,
                members,
            }),
        }
    }

    /// A union member's field for a part whose first var is `first`.
    fn member_field(&self, first: &str) -> Ident {
        // (A var's own field may already have the name.)
        let mut field = format!("with_{first}");
        while self.fields.iter().flatten().any(|f| *f == field) {
            field.push_str("_part");
        }
        Ident::new(&field, Span::call_site())
    }

    fn union_name(&self, vars: &[VarId]) -> Ident {
        let first = vars
            .iter()
            .min()
            .map(|&v| self.field(v))
            .unwrap_or_default();
        self.type_name(&format!(
            "{}Overlap{}",
            self.prefix,
            crate::names::camel_case(&first)
        ))
    }

    /// `base`, or `base2`, `base3`, ... if taken.
    fn type_name(&self, base: &str) -> Ident {
        let mut types = self.types.borrow_mut();
        let mut name = base.to_string();
        let mut n = 2;
        while !types.insert(name.clone()) {
            name = format!("{base}{n}");
            n += 1;
        }
        Ident::new(&name, Span::call_site())
    }

    fn field(&self, v: VarId) -> String {
        self.fields[v].as_ref().expect("a frame var").to_string()
    }
}

/// The layout as one line, each var with its guessed size (for
/// `CORO_DEBUG_LAYOUT`).
fn describe(part: &Part, body: &Body, guesses: &[(usize, usize)]) -> String {
    let mut out: Vec<String> = part
        .vars
        .iter()
        .map(|&v| format!("{}:{}", body.vars[v].name, guesses[v].0))
        .collect();
    if let Some(overlap) = &part.overlap {
        let members: Vec<String> = overlap
            .members
            .iter()
            .map(|m| match m {
                Member::Slot(v) => format!("{}:{}", body.vars[*v].name, guesses[*v].0),
                Member::Part { part, .. } => describe(part, body, guesses),
            })
            .collect();
        out.push(format!("union[{}]", members.join(" | ")));
    }
    format!("{{{}}}", out.join(", "))
}

/// Frame vars in a member and the parts below it.
pub fn vars_below(member: &Member) -> BTreeSet<VarId> {
    match member {
        Member::Slot(v) => BTreeSet::from([*v]),
        Member::Part { part, .. } => part_vars(part),
    }
}

pub fn part_vars(part: &Part) -> BTreeSet<VarId> {
    let mut out: BTreeSet<VarId> = part.vars.iter().copied().collect();
    if let Some(overlap) = &part.overlap {
        for member in &overlap.members {
            out.extend(vars_below(member));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ident(s: &str) -> Ident {
        Ident::new(s, Span::call_site())
    }

    /// `{ own, overlap: union { members } }`
    pub(super) fn part(own: &[VarId], members: Vec<Member>) -> Part {
        Part {
            ty: ident("P"),
            vars: own.to_vec(),
            overlap: (!members.is_empty()).then(|| Overlap {
                ty: ident("U"),
                members,
            }),
        }
    }

    /// A union member that is a struct of `own` and a union of `members`.
    pub(super) fn with(own: &[VarId], members: Vec<Member>) -> Member {
        Member::Part {
            field: ident("with"),
            part: part(own, members),
        }
    }

    // v = 0, f = 1, its awaitee = 2, another awaitee = 3: `let f = g(&v);
    // x.await; f.await`.
    #[test]
    fn a_future_and_its_awaitee_unstacked_fit_within_them_stacked() {
        let by_scopes = part(&[0, 1], vec![Member::Slot(3), Member::Slot(2)]);
        let by_conflicts = part(
            &[0],
            vec![with(&[1], vec![Member::Slot(3)]), Member::Slot(2)],
        );
        assert_eq!(
            stacks(&by_conflicts),
            vec![BTreeSet::from([0, 1, 3]), BTreeSet::from([0, 2])]
        );
        assert!(fits_within(&by_conflicts, &by_scopes));
        assert!(!fits_within(&by_scopes, &by_conflicts));
    }

    #[test]
    fn guessed_layout_orders_fields_and_counts_the_state() {
        // A small var beside the state fills its padding; in a union
        // member beside a future it costs a word.
        let sizes = [(4, 4), (64, 8), (64, 8)];
        let small_at_root = part(&[0], vec![Member::Slot(1), Member::Slot(2)]);
        let small_in_union = part(&[], vec![Member::Slot(1), with(&[0, 2], vec![])]);
        assert_eq!(guessed_layout(&small_at_root, &sizes, true), (72, 8));
        assert_eq!(guessed_layout(&small_in_union, &sizes, true), (80, 8));
    }
}
