//! Decides where each var lives and how each mention of it is accessed.
//!
//! - A var lives in the frame if it is in scope across a block boundary
//!   (a suspension or a jump), or is a parameter or an awaitee. Every other
//!   var stays a Rust local of the code that uses it, untouched.
//! - A frame var is used in place: `(*slot.ptr())`. A use in a value
//!   context moves it out (`slot.take()`, clearing its drop flag). Where
//!   syntax cannot tell a borrow from a move — a method receiver (`x.m()`
//!   takes `self`, `&self` or `&mut self`), the base of a field read in a
//!   value context (`x.f` may move the field), the scrutinee of a pattern
//!   that binds by value — it is moved out only if nothing uses the var or
//!   borrows from it afterwards (so moving it cannot be observed except by a
//!   drop coming earlier), and, for a method, if the method is one std's
//!   types take by value (`unwrap`, `into_iter`, `map`, ...). Otherwise it
//!   is used in place; if it really is moved, rustc rejects the lowered code
//!   with "cannot move out of a raw pointer" on the user's tokens. For any
//!   other method not known to borrow, method resolution decides
//!   (`Form::TakeProbed`). A var whose method call has arguments that await
//!   is evaluated before them, into a temporary, in whichever of these
//!   forms applies (`Form::Spilled`).

use crate::ir::*;
use std::collections::{BTreeMap, BTreeSet};

/// How the lowered code accesses one mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Form {
    /// The var is a Rust local: the user's own identifier.
    Local,
    /// A frame var used in place.
    Place,
    /// A frame var moved out of its slot.
    Take,
    /// A frame var named inside a macro the lowering cannot see into: lent
    /// to it, moved into a Rust local of its name and back (see `lend`).
    Lent,
    /// The receiver of a method std's iterators, `Option`, `Result` and
    /// `Poll` take by value, at the var's last use, called with generic
    /// arguments (`it.sum::<i64>()`, which the probe of `TakeProbed` could
    /// not name): moved out of its slot if the var is one of those, else
    /// used in place (see `__private::RecvProbe`).
    TakeStd,
    /// The receiver of `max`, `min` or `clamp` at the var's last use: moved
    /// out of its slot (copied, for a `Copy` value) if its type is `Ord`,
    /// which takes it by value, else used in place (`f64::max` copies it
    /// there; a type's own method may borrow it).
    TakeOrd,
    /// The receiver of a method that readers take by value and other types
    /// are known to borrow for (`lines()`, `str::lines`), at the var's last
    /// use: moved out of its slot if its type is a reader of the family
    /// (std's `BufRead`, futures' or tokio's `AsyncBufRead`), else used in
    /// place (see `__private::ReaderProbe`).
    TakeReader(ReaderFamily),
    /// The operand of `*` read as a value, at the var's last use: a `Box`
    /// moved out of its slot (and its contents out of it), anything else
    /// read through in place (see `__private::DerefProbe`).
    TakeDeref,
    /// The receiver of any other method, at the var's last use: moved out
    /// of its slot if method resolution finds a method of the name taking
    /// `self` by value, else used in place (see `__private::decide`).
    /// `typed_by_args`: the call's arguments can type the probe's call too
    /// (`Access::Receiver::args_type_probe`), as a generic method's
    /// parameters need (see `__private::ProbedCall`); `closures`: the
    /// closure literals among the arguments (the probe passes closures of
    /// the same shape; see `Access::Receiver::closures`). `takers`: which
    /// of std's types (and futures') and which readers take `self` in a
    /// method of the name: those are moved out, and are not probed (a
    /// trait method of theirs would meet the probe's; see
    /// `__private::StdProbe`, `__private::ReaderProbe`).
    TakeProbed {
        method: String,
        args: usize,
        typed_by_args: bool,
        closures: Vec<ClosureArg>,
        takers: Takers,
        /// The call's generic arguments, types only (`downcast::<u32>()`),
        /// which the probe's own method takes too.
        turbofish: Option<syn::AngleBracketedGenericArguments>,
    },
    /// A frame var assigned as a whole (`x = v`).
    Set,
    /// The receiver of a call whose arguments await, evaluated into a
    /// temporary before them, as `Place` (a pointer to the slot, reached at
    /// the call), `Take`, `TakeStd`, `TakeOrd` or `TakeProbed` decide (see
    /// `__private::Spilled`). `in_slot`: a value taken stays in the var's
    /// slot, owned by the temporary (`__private::Taken`), which is then a
    /// pointer and not a second copy; not for a var that is assigned (an
    /// argument could assign the moved-from var) or captured.
    Spilled { form: Box<Form>, in_slot: bool },
    /// Inside a `move` closure that captured the frame var into a local.
    CapturedLocal,
    /// The scrutinee of patterns that move part of it (see `partial`).
    Partial(usize),
    /// The base of a field read in a value context: a copy or a move, as
    /// the field's type says; `last`: the value is not used again, so a move
    /// may take it out whole (see `__private::field`).
    Field { last: bool },
    /// In a closure that is not `move`, a use of a var its capture takes
    /// by value or by reference as the type decides (see
    /// `Captures::decided`, `__private::capture`).
    Captured(CapturedUse),
}

/// A use of a var a closure captures as its type decides (see
/// `Form::Captured`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CapturedUse {
    /// Moved whatever the type (copied, for a `Copy` one): a call's
    /// argument, `let x = v;`, `v.into_inner()`.
    Value,
    /// Reached where the capture holds it: a field, a formatting argument,
    /// a method known to borrow.
    Place,
    /// The receiver of a method that may take `self`: moved or reached, as
    /// the kind `form` (`TakeProbed`, `TakeStd`, `TakeOrd` or
    /// `TakeReader`) picks.
    Receiver(Box<Form>),
}

impl CapturedUse {
    /// The use syntax gave a mention (`access`), in a closure whose capture
    /// of its var the type decides.
    pub fn of(body: &Body, access: &Access) -> CapturedUse {
        let Access::Receiver {
            method,
            args,
            turbofish,
            closures,
            ..
        } = access
        else {
            return match access {
                Access::Move => CapturedUse::Value,
                _ => CapturedUse::Place,
            };
        };
        let args = *args;
        // (A reader's `lines`, which a string's borrows: the type decides.)
        if let Some(family) = reader_family(method, args)
            .filter(|_| turbofish.is_none() && borrows_self(method, args))
        {
            return CapturedUse::Receiver(Box::new(Form::TakeReader(family)));
        }
        if method == "()" || borrows_self(method, args) {
            return CapturedUse::Place;
        }
        if consumes_self_any(method, args) {
            return CapturedUse::Value;
        }
        if consumes_self_ord(method, args) {
            return CapturedUse::Receiver(Box::new(Form::TakeOrd));
        }
        // (Generic arguments other than types, the probe's call could not
        // name: used in place, E0507 if the method takes `self`.)
        let types_only = turbofish_types_only(body, turbofish.as_ref());
        let std = if consumes_self_std(method, args) {
            std_takers_of(method, args)
        } else if consumed_by_streams_only(method, args) {
            streams_takers(method, args)
        } else if consumed_by_sinks_only(method, args) {
            StdTakers::Sinks
        } else {
            StdTakers::None
        };
        let form = match std {
            StdTakers::None if !types_only => return CapturedUse::Place,
            StdTakers::All
            | StdTakers::AllAndReaders
            | StdTakers::Streams
            | StdTakers::StreamsAsked(_)
            | StdTakers::Sinks
                if turbofish.is_some() =>
            {
                Form::TakeStd
            }
            _ => Form::TakeProbed {
                method: method.clone(),
                args,
                // (The probe is asked where the closure is made, before
                // its arguments exist.)
                typed_by_args: false,
                closures: closures.clone(),
                takers: Takers {
                    std,
                    readers: reader_family(method, args),
                },
                turbofish: turbofish.clone().filter(|_| std == StdTakers::None),
            },
        };
        CapturedUse::Receiver(Box::new(form))
    }
}

/// Which of std's types (and the extension traits' of futures and streams)
/// take `self` in a method of a receiver's name (see `__private::RecvProbe`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum StdTakers {
    /// None of them: method resolution alone decides.
    None,
    /// Iterators, `Option`, `Result`, `Poll`, futures and streams (`map`,
    /// `sum`, `unwrap`): the list of `TakeStd`.
    All,
    /// Streams only; an iterator borrows for a method of the name
    /// (`Iterator::any(&mut self)`, `StreamExt::any(self)`).
    Streams,
    /// Streams, for `any` and `all` (the name): futures' `StreamExt` takes
    /// `self` for them, tokio-stream's `&mut self`. Method resolution
    /// tells which is in scope: a probe of the name on the stream at the
    /// autoref step (`&T`), which futures' method taking `self` precedes
    /// and tokio-stream's taking `&mut self` follows (see
    /// `__private::StreamAskedProbe`).
    StreamsAsked(&'static str),
    /// Sinks only (futures' `Sink`): `SinkExt`'s methods of the name take
    /// `self` (`with`, `buffer`, `fanout`), which other types may borrow
    /// for. Probed as itself, a sink would meet `SinkExt`'s method beside
    /// the probe's (E0034).
    Sinks,
    /// Those of `All`, and futures' readers (`AsyncRead`), whose
    /// `AsyncReadExt` takes `self` for a method of the name (`split`,
    /// `take`, `chain`): see `__private::ProbeAsyncReadRecv`. Probed as
    /// itself, a reader would meet the extension trait's method beside the
    /// probe's (E0034).
    AllAndReaders,
}

/// Who takes `self` in a method of a receiver's name besides what the
/// probe asks about: std's types (`std`), and readers (`readers`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Takers {
    pub std: StdTakers,
    pub readers: Option<ReaderFamily>,
}

/// Readers whose method of a name takes `self`, where other types may
/// borrow for it (see `__private::ReaderProbe`): a reader is moved out and
/// not probed (its extension trait's method would meet the probe's, E0034).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ReaderFamily {
    /// `lines()`: std's `BufRead`, futures' and tokio's `AsyncBufRead`.
    Lines,
    /// `split(byte)`: std's `BufRead`, tokio's `AsyncBufRead`.
    SplitOn,
    /// `bytes()`: std's `Read`.
    Bytes,
    /// `take(n)`, `chain(r)`: std's `Read`, futures' and tokio's `AsyncRead`.
    TakeChain,
}

impl ReaderFamily {
    /// The family's marker type in `__private`.
    pub fn marker(self) -> &'static str {
        match self {
            ReaderFamily::Lines => "Lines",
            ReaderFamily::SplitOn => "SplitOn",
            ReaderFamily::Bytes => "Bytes",
            ReaderFamily::TakeChain => "TakeChain",
        }
    }
}

/// Whether a method is known to borrow its receiver whatever its type: one
/// of `borrows_self`'s names, but those that readers take by value
/// (`lines`, whose receiver's type decides: `Form::TakeReader`).
pub fn borrows_whatever_the_type(method: &str, args: usize) -> bool {
    borrows_self(method, args) && reader_family(method, args).is_none()
}

/// The family of readers that take `self` in a method of the name.
pub fn reader_family(method: &str, args: usize) -> Option<ReaderFamily> {
    Some(match (method, args) {
        ("lines", 0) => ReaderFamily::Lines,
        ("split", 1) => ReaderFamily::SplitOn,
        ("bytes", 0) => ReaderFamily::Bytes,
        ("take" | "chain", 1) => ReaderFamily::TakeChain,
        _ => return None,
    })
}

/// The takers of a name in `consumes_self_std`'s list: readers too for
/// `AsyncReadExt`'s methods taking `self`.
fn std_takers_of(method: &str, args: usize) -> StdTakers {
    if matches!((method, args), ("split", 0) | ("take" | "chain", 1)) {
        StdTakers::AllAndReaders
    } else {
        StdTakers::All
    }
}

pub struct Analysis {
    /// Per var: lives in the frame.
    pub in_frame: Vec<bool>,
    /// Per var: its position among frame vars (declaration order).
    pub frame_index: Vec<Option<usize>>,
    /// Frame vars in declaration order (temporaries of a statement's
    /// lifetime where their statement began: see `Body::drop_order_key`).
    pub frame_vars: Vec<VarId>,
    /// Per mention.
    pub forms: Vec<Form>,
    /// Per lend site (`Body::lend_sites`): the frame vars lent to it, each
    /// at its first mention there (see `lend::lent_vars`).
    pub lent: Vec<Vec<(VarId, proc_macro2::Span)>>,
    /// Per var: declared by a `Stmt::Declare` (initialised by assignment).
    pub predeclared: Vec<bool>,
    /// Scrutinees that move part of a frame var (`Form::Partial`).
    pub partials: Vec<crate::partial::Partial>,
    /// Per assignment of a field of a frame var (by the var's mention): the
    /// parts of that field read out before it (`p.pos.0` for `p.pos =
    /// ..`), which must be `Copy` (see `partial::copied_parts`).
    pub copied_parts: crate::partial::CopiedParts,
    /// The states' arms in the order control first reaches them (see
    /// [`arm_order`]).
    pub arm_order: Vec<BlockId>,
    /// Per block: its index in `arm_order`.
    pub arm_position: Vec<usize>,
    /// Per var: the frame vars it may borrow from, directly or through
    /// others (see [`Borrows`]). While it is in use they are too, even if
    /// the code never names them again (`let m = &mut x;`).
    pub lenders: Vec<BTreeSet<VarId>>,
    /// A frame var other than an argument may hold a reference copied from
    /// a reference argument (`let s = if c { a } else { b };`), under the
    /// intersection of their lifetimes where they differ.
    pub holds_argument_reference: bool,
    /// Per var of the poll function (not in the frame): the frame index
    /// from which a panic drops the frame's values before this one, if
    /// frame values declared after it may be alive while it is (see
    /// [`unwind_guards`]).
    pub unwind_first: Vec<Option<usize>>,
    /// Per var: never given a value (see [`unwritten_vars`]).
    pub unwritten: Vec<bool>,
    /// Per frame var: taken whole by a `move` closure or `async move` block
    /// and used again after (see [`reused_after_capture`]).
    pub reused_after_capture: Vec<bool>,
    /// Per mention of a frame var taken out whole by patterns that bind
    /// inside a type they name: the dead checks that the type has no
    /// `Drop` impl (see `drop_check`).
    pub drop_checks: BTreeMap<MentionId, Vec<syn::Pat>>,
    pub errors: Vec<syn::Error>,
}

pub fn run(body: &Body) -> Analysis {
    let mut predeclared = vec![false; body.vars.len()];
    let mut succ: Vec<BTreeSet<BlockId>> = vec![BTreeSet::new(); body.blocks.len()];
    let mut borrows = Borrows::new(body.vars.len());
    for (b, block) in body.blocks.iter().enumerate() {
        walk_list(body, block.root, &mut |stmt| match stmt {
            Stmt::Declare { var } => predeclared[*var] = true,
            Stmt::Goto(t) => {
                succ[b].insert(*t);
            }
            Stmt::Suspend(a) => {
                succ[b].insert(body.awaits[*a].resume);
            }
            _ => {}
        });
        borrows.collect(body, block.root);
    }
    for exit in &body.exits {
        if let ExitKind::Jump { target, .. } = exit.kind {
            succ[exit.block].insert(target);
        }
    }
    let reach = reachability(&succ);
    let edges = block_edges(body);
    let branches = branch_lists(body);

    let unwritten = unwritten_vars(body);
    let mut in_frame: Vec<bool> = body
        .vars
        .iter()
        .zip(&unwritten)
        .map(|(v, &unwritten)| {
            !unwritten
                && (v.crosses || v.homed || matches!(v.kind, VarKind::Param | VarKind::Awaitee(_)))
        })
        .collect();
    // Defensive: a var mentioned outside the block that declares it must
    // have a home that outlives the block.
    // So must a receiver spilled before arguments that await: the call
    // reaches it after the await (`Form::Spilled`).
    for m in &body.mentions {
        let spilled = matches!(m.access, Access::Receiver { spilled: true, .. });
        if spilled || body.vars[m.var].declared_in.is_some_and(|b| b != m.block) {
            in_frame[m.var] = true;
        }
    }
    // A var moved for good before the first boundary it is in scope at holds
    // nothing there: rustc does not keep it either. Unless a value written
    // into the frame may borrow it (`let e = guard.entry(k);`, `e` in scope
    // across an await, `guard` dropped before it): a borrow of a local of
    // the poll stored in the frame would hold that local borrowed for the
    // whole poll (E0505 at its move), where one of a slot is unbounded (and
    // the shadow copy checks it ends in time).
    let uses = crate::partial::Uses::of(body);
    let value_ends = crate::partial::value_ends_at(body, &uses);
    let mut lent = lent_to_frame(body, &in_frame);
    // `m = Some(&k2);`, `m` in the frame and `k2` a local of the poll (it
    // lives across no suspension: declared after the one `m` lives
    // across): a borrow of `k2` stored in `m`'s slot would have to outlive
    // the whole poll (E0597), where rustc needs it only while `m` is used
    // (`m`'s drop at the end of its scope uses it only if the drop glue of
    // `m`'s type reaches the borrow). A borrow of a slot is unbounded (the
    // shadow copy checks that it ends in time): `k2` gets a home in the
    // frame, where it drops at the end of its scope, in its turn.
    for v in lent_by_assignment(body, &in_frame) {
        lent[v] = true;
        if !unwritten[v] && matches!(body.vars[v].kind, VarKind::Local) {
            in_frame[v] = true;
        }
    }
    for (v, home) in in_frame.iter_mut().enumerate() {
        if *home
            && !body.vars[v].homed
            && !lent[v]
            && moved_before_any_boundary(body, &branches, &value_ends, v)
        {
            *home = false;
        }
    }
    // Nor does a value without drop glue that nothing uses or borrows after
    // that boundary: its end is not an event.
    // (A borrow of it may be stored where the analysis of initialisers
    // cannot see, `v.push(&n)`: a var taken by reference anywhere keeps
    // its home; a borrow moved into another var is followed.)
    let no_drop = no_drop_glue(body);
    let referenced = referenced_vars(body);
    let mut held_borrows = Borrows::new(body.vars.len());
    held_borrows.through_moves = true;
    for block in &body.blocks {
        held_borrows.collect(body, block.root);
    }
    let homed = in_frame.clone();
    // (A receiver spilled before arguments that await keeps its home: the
    // call reaches it there, see above.)
    let spilled: Vec<bool> = (0..body.vars.len())
        .map(|v| {
            body.mentions
                .iter()
                .any(|m| m.var == v && matches!(m.access, Access::Receiver { spilled: true, .. }))
        })
        .collect();
    for (v, home) in in_frame.iter_mut().enumerate() {
        // What a method makes of a reference (`d.name()` for `for d in
        // &v`) borrows what it points to, not the reference, and may
        // outlive it: the reference needs no home for it. (Unless the
        // method is one of the reference's own type, `impl Peek for &D`,
        // returning a borrow of its receiver: then E0597; LIMITATIONS.md says
        // to write `(&d).peek()`.) Not a `mut` one: a method of its own
        // type taking `&mut self` is how a reader over `&[u8]` advances
        // (`src.read_u8()` of `Read`/`AsyncRead`/`Buf` for `&[u8]`), and
        // rustc's autoref then borrows the variable itself, which a future
        // held across an await keeps borrowed.
        let reference = body.vars[v].borrow && !body.vars[v].mutable;
        if *home
            && !body.vars[v].homed
            && !spilled[v]
            && no_drop[v]
            && !referenced[v]
            && (reference || !lent[v])
            && used_only_in_its_block(body, v)
            && (reference || !held_borrows.of(v, &|_| true).iter().any(|&w| homed[w]))
        {
            *home = false;
        }
    }
    let mut frame_vars: Vec<VarId> = (0..body.vars.len()).filter(|&v| in_frame[v]).collect();
    frame_vars.sort_by_key(|&v| body.drop_order_key(v));
    let mut frame_index = vec![None; body.vars.len()];
    for (i, &v) in frame_vars.iter().enumerate() {
        frame_index[v] = Some(i);
    }

    let mut errors = Vec::new();
    let (ends_elsewhere, closing_scopes) = list_ends(body);
    let mut move_borrows = Borrows::new(body.vars.len());
    move_borrows.by_convention = true;
    for block in &body.blocks {
        move_borrows.collect(body, block.root);
    }
    let moves = MoveCheck {
        body,
        reach: &reach,
        edges: &edges,
        branches: &branches,
        borrows: &move_borrows,
        ends_elsewhere: &ends_elsewhere,
        closing_scopes: &closing_scopes,
        field_reads: &uses.field_reads(),
        field_assignments: &uses.field_assignments(),
    };
    let mut forms: Vec<Form> = body
        .mentions
        .iter()
        .enumerate()
        .map(|(id, m)| {
            if !in_frame[m.var] {
                return Form::Local;
            }
            match &m.access {
                Access::Place | Access::FormatCapture | Access::Capture { by_move: false } => {
                    Form::Place
                }
                Access::Capture { by_move: true } => Form::CapturedLocal,
                Access::Move => Form::Take,
                Access::Assign => Form::Set,
                // (The type decides, exactly: a later use, which rustc's
                // check of the shadow copy allows only of what stays, keeps
                // it in place without asking. So does a value syntax shows
                // is no `Box`: a reference, or one without drop glue.)
                Access::DerefMove
                    if !body.vars[m.var].borrow
                        && !no_drop[m.var]
                        && after_mention(&moves, id, false).unused() =>
                {
                    Form::TakeDeref
                }
                Access::DerefMove => Form::Place,
                // A closure that only borrows what it names is called in
                // place (`Fn::call(&f, ..)`), as rustc does.
                // (Not one the builder spilled before arguments that await.)
                Access::Receiver {
                    method,
                    spilled: false,
                    ..
                } if method == "()" && body.closures_called_in_place.contains(&m.var) => {
                    Form::Place
                }
                Access::Receiver {
                    method,
                    args,
                    turbofish,
                    args_suspend,
                    spilled,
                    args_type_probe,
                    closures,
                    awaited,
                } => {
                    // (HTTP clients' `send()`, `text()` and `json()` awaited
                    // at once are guessed to take `self` only where nothing
                    // after may borrow the value: elsewhere the type
                    // decides, see `guessed_by_value`.)
                    let any = consumes_self_any(method, *args)
                        || (http_awaited_at_once(method, *args, *awaited)
                            && !*args_suspend
                            && after_mention(&moves, id, true).free());
                    // A receiver is moved out where the call is: when an
                    // argument suspends, rustc's is already moved into the
                    // call there (and would drop first if cancelled). The
                    // builder spills a var's receiver before such arguments
                    // (`spilled`); any other receiver stays in place (E0507
                    // if the method does take it).
                    let ord = consumes_self_ord(method, *args);
                    let consumes = !*args_suspend && (any || ord || consumes_self(method, *args));
                    // (Generic arguments the probe's own method can take too:
                    // types, `b.downcast::<u32>()`.)
                    let types_only = turbofish_types_only(body, turbofish.as_ref());
                    let probed =
                        !consumes && types_only && !*args_suspend && !borrows_self(method, *args);
                    // (A reader's `lines`, which a string's borrows: the
                    // type decides, see `Form::TakeReader`.)
                    let reader = reader_family(method, *args).filter(|_| {
                        !*args_suspend && turbofish.is_none() && borrows_self(method, *args)
                    });
                    let read_by = reader.is_some();
                    // `Ord`'s methods take `self` whatever the uses after
                    // (a `Copy` value is copied; using a moved one again is
                    // rustc's error in the shadow copy).
                    // A move syntax guesses (`any`) needs no borrower alive
                    // after it; one the type decides is exact, and rustc's
                    // check of the shadow copy rejects a borrow alive after
                    // it.
                    // (What follows the mention is asked only where it decides.)
                    let take_ord = ord && !*args_suspend;
                    let asks = *spilled || ((consumes || probed || read_by) && !take_ord);
                    // A guess may be wrong about the type: its move must not
                    // run again (in a loop) on a value it moved out.
                    let after = asks.then(|| after_mention(&moves, id, any));
                    let free = after.is_some_and(After::free);
                    let form = if take_ord {
                        Form::TakeOrd
                    } else if !(consumes || probed || read_by) {
                        Form::Place
                    } else if any {
                        if free { Form::Take } else { Form::Place }
                    } else if !after.is_some_and(After::unused) {
                        Form::Place
                    } else if let Some(family) = reader {
                        Form::TakeReader(family)
                    } else if probed || turbofish.is_none() {
                        // A std name (`!probed`) is asked of method resolution
                        // too, for a type that is not std's; not with generic
                        // arguments (`it.sum::<i64>()`), which the probe's
                        // call could not name: `TakeStd`. A closure literal
                        // among the arguments is written in the user's call;
                        // the other arguments type the probe where they can.
                        // (With a turbofish, the arguments do not type the
                        // probe: its call names the generic arguments.)
                        Form::TakeProbed {
                            method: method.clone(),
                            args: *args,
                            // (A closure without parameters types the
                            // probe through a copy of it, see
                            // `lower::shaped_results`: also the probe of
                            // a call of closures only, `s.make(|| 0)`.)
                            typed_by_args: *args
                                > closures.iter().filter(|c| c.params != Some(0)).count()
                                && *args_type_probe
                                && turbofish.is_none(),
                            closures: closures.clone(),
                            turbofish: turbofish.clone().filter(|_| probed),
                            takers: Takers {
                                std: if probed {
                                    StdTakers::None
                                } else if consumed_by_streams_only(method, *args) {
                                    streams_takers(method, *args)
                                } else if consumed_by_sinks_only(method, *args) {
                                    StdTakers::Sinks
                                } else {
                                    std_takers_of(method, *args)
                                },
                                readers: reader_family(method, *args),
                            },
                        }
                    } else {
                        Form::TakeStd
                    };
                    if *spilled {
                        // Left in its slot only if nothing can change the
                        // slot before the call: no later mention (the
                        // arguments', say, of a `Copy` value rustc copied
                        // first) and no assignment or capture anywhere.
                        let in_slot = free
                            && !body.mentions.iter().any(|o| {
                                o.var == m.var
                                    && matches!(o.access, Access::Assign | Access::Capture { .. })
                            });
                        Form::Spilled {
                            form: Box::new(form),
                            in_slot,
                        }
                    } else {
                        form
                    }
                }
                // A field read in place copies a `Copy` field exactly; moving
                // a field out of a frame value is not possible in place (rustc
                // then says so), and moving the whole value instead would drop
                // the other fields early.
                // (Also inside the lowering's own `async` blocks: they run
                // once, in place, and reach the slot and flags by pointer.)
                // A field read that may run again (in a loop) is a place:
                // a `Copy` field is copied out of it, and moving one twice
                // is rustc's error, but for the receiver of a method that
                // syntax guesses takes `self` (`self.tx.send()`), which
                // may be wrong about the type.
                Access::FieldMove if in_place(body, m) && runs_again(&moves, id) => Form::Place,
                Access::FieldMove if in_place(body, m) => Form::Field {
                    last: after_mention(&moves, id, false).free(),
                },
                // (A struct update's base is `Form::Partial` where the frame
                // value can stay in place, see `partial`.)
                Access::FieldMove
                | Access::Scrutinee { refs: true }
                | Access::StructBase { .. } => Form::Place,
                Access::Scrutinee { refs: false } => {
                    if after_mention(&moves, id, false).free() {
                        Form::Take
                    } else {
                        Form::Place
                    }
                }
                Access::Macro { name, site } => {
                    let Some(why) = crate::lend::why_not_lent(body, m.var, *site) else {
                        return Form::Lent;
                    };
                    errors.push(unseen_macro_error(body, m, name, why));
                    Form::Place
                }
            }
        })
        .collect();

    // The uses in closures whose capture the type decides.
    for d in body.captures.iter().flat_map(|c| &c.decided) {
        if in_frame[d.var] {
            for (id, access) in &d.uses {
                forms[*id] = Form::Captured(CapturedUse::of(body, access));
            }
        }
    }
    let apart = |a: MentionId, b: MentionId| never_both(&moves, a, b);
    let (partials, copied_parts) = crate::partial::find(
        body,
        &uses,
        &in_frame,
        &reach,
        &apart,
        &mut forms,
        &mut errors,
    );
    // A value part of which is moved out is not lent whole (see `lend`);
    // a part read out or bound may have been copied (the lending checks
    // that it was: `lend::moved_parts_are_copy`), not one a struct update
    // left out.
    for (id, m) in body.mentions.iter().enumerate() {
        if let (Form::Lent, Access::Macro { name, .. }) = (&forms[id], &m.access) {
            let partly_moved = partials
                .iter()
                .any(|p| p.var == m.var && !crate::lend::checkable(p));
            if partly_moved {
                errors.push(unseen_macro_error(
                    body,
                    m,
                    name,
                    crate::lend::NotLent {
                        why: "after a struct update moved fields out of it",
                        instead: None,
                    },
                ));
                forms[id] = Form::Place;
            }
        }
    }
    let drop_checks = crate::drop_check::find(body, uses.scrutinees(), &in_frame, &forms);
    let unwind_first = unwind_guards(body, &in_frame, &frame_vars);
    let order = arm_order(&succ, &source_order(body));
    // A mention that moves the var out of its slot lends nothing
    // (`request.send()` on a builder taken by value).
    let lends = |m: MentionId| !matches!(forms[m], Form::Take);
    let mut lenders = vec![BTreeSet::new(); body.vars.len()];
    for &v in &frame_vars {
        for w in borrows.of(v, &lends) {
            lenders[w].insert(v);
        }
    }
    let reused_after_capture = reused_after_capture(body, &moves, &in_frame);
    let holds_argument_reference = body.vars.iter().enumerate().any(|(p, var)| {
        var.kind == VarKind::Param
            && var.borrow
            && held_borrows
                .of(p, &|_| true)
                .iter()
                .any(|&w| in_frame[w] && body.vars[w].kind != VarKind::Param)
    });
    let lent = crate::lend::lent_vars(body, &|id| forms[id] == Form::Lent);
    Analysis {
        lent,
        holds_argument_reference,
        reused_after_capture,
        drop_checks,
        in_frame,
        frame_index,
        frame_vars,
        forms,
        predeclared,
        partials,
        copied_parts,
        arm_position: positions(&order),
        lenders,
        unwind_first,
        arm_order: order,
        unwritten,
        errors,
    }
}

/// Per var: a frame var that a `move` closure (or `async move` block) names
/// and that is used again after the closure is made (or made again, in a
/// loop). The closure takes the whole value out of its slot; natively it
/// captures only the places it names (`p.name`, edition 2021), and the
/// rest of `p` stays usable. That is sound only for a `Copy` value (a
/// reference, say), whose slot still holds it: the lowering requires it.
fn reused_after_capture(body: &Body, moves: &MoveCheck<'_>, in_frame: &[bool]) -> Vec<bool> {
    let mut reused = vec![false; body.vars.len()];
    for (id, m) in body.mentions.iter().enumerate() {
        // (The closure's other mentions of the var use what it captured.)
        let outside = |o: &Mention| o.via.is_none() || o.via != m.via;
        // (Made in a loop, the closure would take the value again.)
        if in_frame[m.var]
            && m.access == (Access::Capture { by_move: true })
            && (m.in_inner_loop || !after_mention_where(moves, id, true, &outside).unused())
        {
            reused[m.var] = true;
        }
    }
    reused
}

/// Per var: the lowering's own temporary that nothing ever gives a value:
/// the value of a block that always leaves (`{ x.await; return 7 }` as an
/// arm). It needs no home, nor a declaration (whose type nothing would
/// tell).
fn unwritten_vars(body: &Body) -> Vec<bool> {
    let mut unwritten: Vec<bool> = body
        .vars
        .iter()
        .map(|v| matches!(v.kind, VarKind::Temp { .. }) && v.write_seqs.is_empty())
        .collect();
    for m in &body.mentions {
        unwritten[m.var] = false;
    }
    for exit in &body.exits {
        if let ExitKind::Jump {
            value_var: Some(v), ..
        } = exit.kind
        {
            unwritten[v] = false;
        }
    }
    unwritten
}

/// The most states one nest of labelled blocks holds. A transition to a
/// state of another nest goes round the dispatch loop.
///
/// The limit was set when a function of 120 awaits took 6.2 s to build in
/// one nest (0.8 s with every state its own `match` arm, 0.6 s in nests of
/// 32): rustc kept re-processing obligations pending over the frame's type
/// parameters at every accessor call. Since the poll binds its slots once
/// (sixth session), depth costs nothing measurable: checking 120 awaits in a
/// row is 2,613M instructions of rustc in one nest against 2,640M in nests
/// of 32, and 240 awaits 9,708M against 9,809M (callgrind, seventh session).
/// The limit stays as a bound on how deep the emitted blocks, and the
/// macro's own recursion over them, can nest.
pub const CHUNK: usize = 32;

impl Analysis {
    /// Whether a transition from block `from` to block `to` is a direct jump
    /// in the poll: `to`'s code comes after `from`'s, so `from` breaks out
    /// of the labelled block that ends just before it. Other transitions
    /// (loop back edges) go round the dispatch loop.
    pub fn jumps_forward(&self, from: BlockId, to: BlockId) -> bool {
        let (from, to) = (self.arm_position[from], self.arm_position[to]);
        to > from && to / CHUNK == from / CHUNK
    }

    /// The states in `arm_order`, in runs of at most [`CHUNK`]: each run is
    /// one nest of labelled blocks in the poll.
    pub fn chunks(&self) -> impl Iterator<Item = &[BlockId]> {
        self.arm_order.chunks(CHUNK)
    }
}

/// Per block, where its code begins in the source: the first mention in
/// it (blocks without one, after all others, in the order the builder
/// made them).
fn source_order(body: &Body) -> Vec<usize> {
    let mut first = vec![usize::MAX; body.blocks.len()];
    for m in &body.mentions {
        first[m.block] = first[m.block].min(m.seq);
    }
    first
}

fn positions(order: &[BlockId]) -> Vec<usize> {
    let mut position = vec![0; order.len()];
    for (i, &b) in order.iter().enumerate() {
        position[b] = i;
    }
    position
}

/// Blocks in reverse postorder of a depth-first walk from the start, then
/// any block the start does not reach.
///
/// Two things depend on it. rustc type-checks the `poll` closure's code in
/// this order, so a slot's first write comes before its uses, as in the
/// user's code: `({ x.await; 0 }) + 8i64` then infers the block's value as
/// `i64`, not `i32` (an integer literal seen after its use falls back); and
/// a loop's body, whose `handles.push(spawn(..))` gives `handles` its
/// element type, comes before the code after the loop that awaits those
/// elements (a method called on the output of an await needs its type).
/// So the successors of a block are walked in the order of the source
/// (`source`). And every transition that is not a loop's back edge goes to
/// a later block, which the poll reaches by a direct jump (see
/// [`Analysis::jumps_forward`]).
fn arm_order(succ: &[BTreeSet<BlockId>], source: &[usize]) -> Vec<BlockId> {
    // Successors in reverse, so that after the final reversal siblings keep
    // the order of the source.
    let succ: Vec<Vec<BlockId>> = succ
        .iter()
        .map(|s| {
            let mut s: Vec<BlockId> = s.iter().copied().collect();
            s.sort_by_key(|&b| std::cmp::Reverse((source[b], b)));
            s
        })
        .collect();
    let mut seen = vec![false; succ.len()];
    let mut postorder = Vec::with_capacity(succ.len());
    // Each entry: a block and how many of its successors were visited.
    let mut stack = vec![(0, 0)];
    seen[0] = true;
    while let Some((b, next)) = stack.last_mut() {
        let b = *b;
        match succ[b].get(*next) {
            Some(&s) => {
                *next += 1;
                if !std::mem::replace(&mut seen[s], true) {
                    stack.push((s, 0));
                }
            }
            None => {
                postorder.push(b);
                stack.pop();
            }
        }
    }
    postorder.reverse();
    postorder.extend((0..succ.len()).filter(|&b| !seen[b]));
    postorder
}

/// Whether mention `m` runs in place: outside closures, or in an `async`
/// block of the lowering's own (awaited where it is made).
pub fn in_place(body: &Body, m: &Mention) -> bool {
    m.via.is_none_or(|c| body.captures[c].pointers)
}

/// Whether mention `m` is inside an `async` block of the lowering's own,
/// which runs while the coroutine awaits it (across a suspension).
pub fn in_own_async_block(body: &Body, m: &Mention) -> bool {
    m.via.is_some_and(|c| body.captures[c].pointers)
}

/// Whether every mention of `v` is in the block that declares it (so before
/// the block's first boundary), none inside the lowering's own `async`
/// block (which runs across the suspension that awaits it).
fn used_only_in_its_block(body: &Body, v: VarId) -> bool {
    let var = &body.vars[v];
    matches!(var.kind, VarKind::Local)
        && var.declared_in.is_some_and(|block| {
            body.mentions
                .iter()
                .filter(|m| m.var == v)
                .all(|m| m.block == block && !in_own_async_block(body, m))
        })
}

/// Per var, whether a statement that writes a var with a home in the frame
/// (`in_frame`: a `let`, a pattern's bindings, an assignment) mentions it
/// where the value written may borrow it (`let e = guard.entry(k).or_insert(0);`,
/// through the method's autoref, which syntax does not show). rustc keeps
/// such a borrowed local's storage to the end of its scope too.
fn lent_to_frame(body: &Body, in_frame: &[bool]) -> Vec<bool> {
    let mut lent = vec![false; body.vars.len()];
    for stmt in body.lists.iter().flatten() {
        let ids = stmt_mention_ids(stmt);
        let writes_frame = match stmt {
            Stmt::Init { var, .. } => in_frame[*var],
            Stmt::Bind { binds, .. } => binds.iter().any(|&w| in_frame[w]),
            Stmt::Code(_) => ids.iter().any(|&id| {
                let m = &body.mentions[id];
                matches!(m.access, Access::Assign) && in_frame[m.var]
            }),
            _ => false,
        };
        if !writes_frame {
            continue;
        }
        for id in ids {
            let m = &body.mentions[id];
            if may_lend(&m.access) {
                lent[m.var] = true;
            }
        }
    }
    lent
}

/// Whether a value made where a var is mentioned so may borrow it. What
/// cannot leave a borrow of the var: a move or copy of it or of a field,
/// an assignment, a `move` capture, a formatting argument (the text made
/// of it), bindings by value, a method taking `self` whatever the type.
fn may_lend(access: &Access) -> bool {
    match access {
        // A macro that a frame value is lent to cannot leave a borrow of it
        // (moving it back would be E0505), and one naming a Rust local
        // leaves one only where rustc then rejects the lowered code (a
        // frame value borrowing a local of the poll, E0716): see `lend`.
        Access::Macro { site: Some(_), .. } => false,
        Access::Move
        | Access::Assign
        | Access::Capture { by_move: true }
        | Access::FormatCapture
        | Access::FieldMove
        | Access::StructBase { .. }
        | Access::Scrutinee { refs: false }
        | Access::DerefMove => false,
        Access::Receiver {
            method,
            args,
            awaited,
            ..
        } => !guessed_by_value(method, *args, *awaited),
        _ => true,
    }
}

/// The vars that the value assigned to a var with a home in the frame
/// (`in_frame`) may borrow: `k2` in `m = Some(&k2);` (only what the
/// assignment's right-hand side mentions).
fn lent_by_assignment(body: &Body, in_frame: &[bool]) -> BTreeSet<VarId> {
    struct Find<'b> {
        body: &'b Body,
        in_frame: &'b [bool],
        lent: BTreeSet<VarId>,
    }
    impl<'ast> syn::visit::Visit<'ast> for Find<'_> {
        fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
            let to_frame = mention_ids(&a.left).into_iter().any(|id| {
                let m = &self.body.mentions[id];
                m.access == Access::Assign && self.in_frame[m.var]
            });
            if to_frame {
                for id in mention_ids(&a.right) {
                    let m = &self.body.mentions[id];
                    if may_lend(&m.access) {
                        self.lent.insert(m.var);
                    }
                }
            }
            syn::visit::visit_expr_assign(self, a);
        }
    }
    let mut find = Find {
        body,
        in_frame,
        lent: BTreeSet::new(),
    };
    for stmt in body.lists.iter().flatten() {
        for code in crate::partial::codes(stmt) {
            syn::visit::Visit::visit_expr(&mut find, &code.expr);
        }
    }
    find.lent
}

/// Per var, whether code takes a reference to it (`&x`, `&mut x.f`,
/// `&raw const x`, a `&` before it in a macro's tokens), binds it by `ref`,
/// or captures it by reference: such a borrow may be stored anywhere.
fn referenced_vars(body: &Body) -> Vec<bool> {
    struct Find<'b>(&'b Body, Vec<bool>);
    impl Find<'_> {
        fn mark(&mut self, ids: Vec<MentionId>) {
            for id in ids {
                self.1[self.0.mentions[id].var] = true;
            }
        }
    }
    impl<'ast> syn::visit::Visit<'ast> for Find<'_> {
        fn visit_expr_reference(&mut self, r: &'ast syn::ExprReference) {
            self.mark(mention_ids(&r.expr));
            syn::visit::visit_expr_reference(self, r);
        }
        fn visit_expr_raw_addr(&mut self, r: &'ast syn::ExprRawAddr) {
            self.mark(mention_ids(&r.expr));
            syn::visit::visit_expr_raw_addr(self, r);
        }
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            let mut after_amp = Vec::new();
            let mut amp = false;
            fn scan(tokens: proc_macro2::TokenStream, amp: &mut bool, out: &mut Vec<MentionId>) {
                for tt in tokens {
                    match tt {
                        proc_macro2::TokenTree::Punct(p) => *amp = p.as_char() == '&',
                        proc_macro2::TokenTree::Ident(i) => {
                            if let (true, Some(id)) =
                                (*amp, parse_placeholder(&i, "__coro_mention_"))
                            {
                                out.push(id);
                            }
                            *amp = *amp && (i == "mut" || i == "raw" || i == "const");
                        }
                        proc_macro2::TokenTree::Group(g) => {
                            scan(g.stream(), amp, out);
                            *amp = false;
                        }
                        proc_macro2::TokenTree::Literal(_) => *amp = false,
                    }
                }
            }
            scan(mac.tokens.clone(), &mut amp, &mut after_amp);
            self.mark(after_amp);
        }
    }
    let mut find = Find(body, vec![false; body.vars.len()]);
    for m in &body.mentions {
        if matches!(
            m.access,
            Access::Scrutinee { refs: true } | Access::Capture { by_move: false }
        ) {
            find.1[m.var] = true;
        }
    }
    for block in &body.blocks {
        walk_list(body, block.root, &mut |stmt| {
            for code in crate::partial::codes(stmt) {
                syn::visit::Visit::visit_expr(&mut find, &code.expr);
            }
        });
    }
    find.1
}

/// Per var, whether its type has no drop glue, as syntax shows: bound by a
/// `for` loop over a range (`Var::no_drop`), or initialised with a literal,
/// a reference (`&x`, `&mut x`), a comparison, `&&`, `||`, a cast to a
/// primitive type, or the value of such a var.
pub fn no_drop_glue(body: &Body) -> Vec<bool> {
    let mut out: Vec<bool> = body.vars.iter().map(|v| v.no_drop).collect();
    let sizes = crate::layout::hoist::evident_sizes(body);
    let mut copies: Vec<(VarId, VarId)> = Vec::new();
    for list in &body.lists {
        for stmt in list {
            let Stmt::Init { var, value } = stmt else {
                continue;
            };
            let mut e = &value.expr;
            while let syn::Expr::Paren(p) = e {
                e = &p.expr;
            }
            if sizes[*var].is_some() || matches!(e, syn::Expr::Lit(_) | syn::Expr::Reference(_)) {
                out[*var] = true;
            } else if let Some(m) = crate::partial::sole_mention(e) {
                copies.push((*var, body.mentions[m].var));
            }
        }
    }
    // A copy has its source's type.
    while let Some(&(a, _)) = copies.iter().find(|&&(a, b)| out[b] && !out[a]) {
        out[a] = true;
    }
    out
}

/// Whether every mention of `v` is in the block that declares it, the last
/// one an unconditional move: then `v` is gone before the block ends, and
/// needs no home in the frame. (A block in a loop runs from its start each
/// time, so a `v` declared in it is a new one each time.)
fn moved_before_any_boundary(
    body: &Body,
    branches: &BTreeMap<ListId, (ListId, usize)>,
    value_ends: &BTreeSet<MentionId>,
    v: VarId,
) -> bool {
    let var = &body.vars[v];
    if !matches!(var.kind, VarKind::Local | VarKind::Temp { .. }) {
        return false;
    }
    let Some(block) = var.declared_in else {
        return false;
    };
    let mentions: Vec<(MentionId, &Mention)> = body
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.var == v)
        .collect();
    if mentions.iter().any(|(_, m)| m.block != block) {
        return false;
    }
    mentions
        .iter()
        .max_by_key(|(_, m)| m.seq)
        .is_some_and(|&(id, last)| {
            // Inside an `async` block of the lowering's own, it runs while
            // that block is awaited, after a suspension: the value is still
            // the var's until then (a cancellation drops it in its place).
            if in_own_async_block(body, last) {
                return false;
            }
            // Captured by a `move` closure or `async move` block: moved too.
            // So is a scrutinee after which nothing of the value is left
            // (`match rx.recv().await { Some(m) => .., None => .. }`).
            let moves = match last.access {
                Access::Move | Access::Capture { by_move: true } => true,
                Access::Scrutinee { refs: false } | Access::Place => {
                    last.via.is_none() && value_ends.contains(&id)
                }
                _ => false,
            };
            // A boundary before the move (a branch that suspends or jumps away
            // in between) leaves the block with the value still held.
            let before_any_boundary = var.crossed_at.is_none_or(|at| last.seq < at);
            moves
                && before_any_boundary
                && !last.conditional
                && !in_branch_of_scope(body, branches, v, last)
        })
}

/// The error for a frame var named inside a macro the lowering cannot see
/// into, where it cannot be lent to it (see `lend`): `why` says where not.
fn unseen_macro_error(
    body: &Body,
    m: &Mention,
    name: &str,
    not: crate::lend::NotLent,
) -> syn::Error {
    let var = &body.vars[m.var].name;
    let crate::lend::NotLent { why, instead } = not;
    let advice = match instead {
        Some(instead) => instead.to_string(),
        None => format!(
            "Bind what the macro needs to a local first (`let {var}_ref = &{var};`) and use that"
        ),
    };
    syn::Error::new(
        m.span,
        format_args!(
            "`{var}` is used inside {name}, which `#[coroutine]` cannot see into, and \
             it lives across an `.await` (in the coroutine's frame). Such a value is lent \
             to the macro (moved into a local of its name and back), but not {why}. {advice}"
        ),
    )
}

/// The index, among the frame vars (`frame_vars`, in drop order), of the
/// first one younger than `v`: an unwind guard declared just after `v`
/// drops the frame values from there on.
pub fn first_younger(body: &Body, frame_vars: &[VarId], v: VarId) -> Option<usize> {
    let key = body.drop_order_key(v);
    frame_vars
        .iter()
        .position(|&f| body.drop_order_key(f) > key)
}

/// A panic unwinds the poll function: its locals drop, youngest first, and
/// then the frame's values (`Coroutine`'s guard). rustc drops both kinds in
/// one reverse declaration order, so a local of the poll function alive
/// while a frame value declared after it is needs the frame's younger values
/// dropped just before it: a guard declared right after it does that while
/// unwinding. Per var: the guard's first frame index, if a frame var after
/// it in drop order (not an awaitee: the state drops those) is written
/// between its declaration and its last mention, and it may need dropping
/// (it is not initialised with a reference or a literal). (A local of the poll
/// function whose value lasts to its scope's end crosses no suspension, so
/// no frame value is written in that scope after it.)
///
/// Input:  `let p = D::new(); let f = D::new(); g(p).await; f.get()`
/// Output: `p` in the poll function, `f` in the frame: a guard after `p`.
fn unwind_guards(body: &Body, in_frame: &[bool], frame_vars: &[VarId]) -> Vec<Option<usize>> {
    let mut last_seq: Vec<Option<usize>> = vec![None; body.vars.len()];
    let mut writes: Vec<Vec<usize>> = body.vars.iter().map(|v| v.write_seqs.clone()).collect();
    for m in &body.mentions {
        let last = &mut last_seq[m.var];
        *last = Some(last.map_or(m.seq, |s: usize| s.max(m.seq)));
        if matches!(m.access, Access::Assign) {
            writes[m.var].push(m.seq);
        }
    }
    // A reference or a literal has no drop glue: nothing to order.
    let mut plain = vec![false; body.vars.len()];
    for block in &body.blocks {
        walk_list(body, block.root, &mut |stmt| {
            if let Stmt::Init { var, value } = stmt {
                let mut e = &value.expr;
                while let syn::Expr::Paren(p) = e {
                    e = &p.expr;
                }
                plain[*var] = matches!(e, syn::Expr::Reference(_) | syn::Expr::Lit(_));
            }
        });
    }
    (0..body.vars.len())
        .map(|p| {
            let last = last_seq[p].filter(|_| !in_frame[p] && !plain[p])?;
            let first = first_younger(body, frame_vars, p)?;
            let declared = body.vars[p].declared_seq;
            let written_while_held = |&f: &VarId| {
                !matches!(body.vars[f].kind, VarKind::Awaitee(_))
                    && writes[f].iter().any(|&w| declared <= w && w < last)
            };
            frame_vars[first..]
                .iter()
                .any(written_while_held)
                .then_some(first)
        })
        .collect()
}

/// Whether mention `m` sits in a branch (of an `if` or `match` the builder
/// split) inside the scope that declares `v`: it may then not run.
fn in_branch_of_scope(
    body: &Body,
    branches: &BTreeMap<ListId, (ListId, usize)>,
    v: VarId,
    m: &Mention,
) -> bool {
    let scope = body.scopes.iter().position(|s| s.vars.contains(&v));
    let scope_list = |list: ListId| {
        body.lists.iter().flatten().any(|s| matches!(s, Stmt::Scope { scope: s, body: b, .. } if Some(*s) == scope && *b == list))
    };
    let start = m
        .path
        .iter()
        .rposition(|&l| scope_list(l))
        .map_or(0, |i| i + 1);
    m.path[start..].iter().any(|l| branches.contains_key(l))
}

/// Methods that std's types (Option, Result, iterators, builders) take by
/// value, by name and number of arguments. A method on this list moves its
/// receiver when the receiver is not used afterwards.
fn consumes_self(method: &str, args: usize) -> bool {
    consumes_self_any(method, args)
        || consumes_self_std(method, args)
        || consumed_by_streams_only(method, args)
        || consumed_by_sinks_only(method, args)
}

/// A method taken by value whatever the type: one of [`consumes_self_any`],
/// or one of [`http_awaited_at_once`].
pub fn guessed_by_value(method: &str, args: usize, awaited: bool) -> bool {
    consumes_self_any(method, args) || http_awaited_at_once(method, args, awaited)
}

/// One of HTTP clients' by-value `send()`, `text()` and `json()`, called on
/// the value and awaited at once (`awaited`: `request.send().await`,
/// `response.text().await`): a type of one's own whose method of such a
/// name borrows rarely returns a future, and asking the type would keep
/// the request's slot to the end of its scope (see `layout`).
fn http_awaited_at_once(method: &str, args: usize, awaited: bool) -> bool {
    awaited && matches!((method, args), ("send" | "text" | "json", 0))
}

/// Methods taken by value whatever the receiver's type: conversions,
/// calling a closure, pin projections. A guess of syntax: a type whose
/// method of such a name borrows gets its value moved out, and dropped at
/// the end of the statement instead of its scope (LIMITATIONS.md), so
/// the list holds only names whose convention is firm (`get_mut`, which
/// `Pin` takes by value and a `Mutex` borrows, is left to method
/// resolution, see `Form::TakeProbed`; so are HTTP clients' `send()`,
/// `text()` and `json()` but where they are awaited at once, see
/// [`guessed_by_value`]: a type of one's own may well borrow for them, `fn
/// text(&self) -> &str`). Nor is such a value moved where the call may run
/// again (see `after_mention`).
pub fn consumes_self_any(method: &str, args: usize) -> bool {
    // `f(..)` on a closure at its last use: `FnOnce::call_once`.
    if method.starts_with("into_") || method == "()" {
        return true;
    }
    // `Into::into`, `TryInto::try_into`: whatever the type, by value (a
    // `Copy` value is copied out, as in place).
    if matches!((method, args), ("into" | "try_into", 0)) {
        return true;
    }
    matches!(
        (method, args),
        (
            "project" | "project_ref" | "get_unchecked_mut" | "await_ready",
            0
        ) | ("map_unchecked" | "map_unchecked_mut", 1)
    )
}

/// Methods that std's iterators, `Option`, `Result` and `Poll` take by
/// value, and other types may well borrow their receiver for (`sum`,
/// `count`, `max`, `map`): the receiver's type decides (see
/// `__private::RecvProbe`).
pub fn consumes_self_std(method: &str, args: usize) -> bool {
    matches!(
        (method, args),
        (
            "unwrap"
                | "unwrap_or_default"
                | "unwrap_err"
                | "unwrap_unchecked"
                | "ok"
                | "err"
                | "flatten"
                | "unzip"
                | "transpose"
                | "copied"
                | "cloned"
                | "enumerate"
                | "rev"
                | "peekable"
                | "fuse"
                | "cycle"
                | "collect"
                | "sum"
                | "product"
                | "count"
                | "last"
                | "max"
                | "min"
                | "boxed"
                | "left_future"
                | "right_future"
                // futures' and tokio-stream's extension traits of streams
                // and futures, whose names slices, maps and I/O types also
                // use for methods borrowing their receiver (`chunks`,
                // `split`, `merge`): the receiver's type decides.
                | "concat"
                | "boxed_local"
                | "left_stream"
                | "right_stream"
                | "catch_unwind"
                | "split"
                | "err_into"
                | "ok_into"
                | "map_into"
                | "try_flatten"
                | "try_flatten_stream"
                | "flatten_stream"
                | "try_collect"
                | "try_concat"
                | "shared"
                | "remote_handle"
                | "unit_error"
                | "never_error"
                | "now_or_never"
                | "flatten_sink",
            0
        ) | (
            "chunks"
                | "ready_chunks"
                | "buffered"
                | "buffer_unordered"
                | "forward"
                | "take_until"
                | "flatten_unordered"
                | "map_ok"
                | "inspect_ok"
                | "inspect_err"
                | "try_filter"
                | "try_filter_map"
                | "try_chunks"
                | "try_skip_while"
                | "try_take_while"
                | "try_buffered"
                | "try_buffer_unordered"
                | "timeout"
                | "throttle"
                | "timeout_repeating"
                | "merge",
            1
        ) | (
            "for_each_concurrent"
                | "try_for_each_concurrent"
                | "flat_map_unordered"
                | "map_ok_or_else"
                | "chunks_timeout",
            2
        ) | (
            "expect"
                | "expect_err"
                | "unwrap_or"
                | "unwrap_or_else"
                | "map"
                | "map_err"
                | "and_then"
                | "or_else"
                | "ok_or"
                | "ok_or_else"
                | "and"
                | "or"
                | "xor"
                | "zip"
                | "filter"
                | "inspect"
                | "is_some_and"
                | "is_ok_and"
                | "is_none_or"
                | "skip"
                | "take"
                | "step_by"
                | "chain"
                | "skip_while"
                | "take_while"
                | "map_while"
                | "filter_map"
                | "flat_map"
                | "reduce"
                | "for_each"
                | "max_by"
                | "min_by"
                | "max_by_key"
                | "min_by_key"
                | "partition"
                | "then"
                // anyhow's `Context` and eyre's `WrapErr` of `Result`
                // and `Option` (`r.context("reading")?`).
                | "context"
                | "with_context"
                | "wrap_err"
                | "wrap_err_with",
            1
        ) | ("map_or" | "map_or_else" | "fold" | "scan", 2)
    )
}

/// Methods that the extension traits of futures' streams take by value,
/// and std's iterators by `&mut self` (`any`, `all`, `try_for_each`,
/// `try_fold`): moved out of a stream only (see `StdTakers::Streams`).
fn consumed_by_streams_only(method: &str, args: usize) -> bool {
    matches!(
        (method, args),
        (
            "any"
                | "all"
                | "try_any"
                | "try_all"
                | "try_ready_chunks"
                | "try_flatten_unordered"
                | "try_for_each",
            1
        ) | ("try_fold", 2)
    )
}

/// The takers of a name in `consumed_by_streams_only`'s list: streams,
/// asked for `any` and `all` (see `StdTakers::StreamsAsked`).
fn streams_takers(method: &str, args: usize) -> StdTakers {
    match (method, args) {
        ("any", 1) => StdTakers::StreamsAsked("any"),
        ("all", 1) => StdTakers::StreamsAsked("all"),
        _ => StdTakers::Streams,
    }
}

/// Methods that futures' `SinkExt` takes by value, and other types may
/// borrow their receiver for (`with`, `buffer`): moved out of a sink only
/// (see `StdTakers::Sinks`).
fn consumed_by_sinks_only(method: &str, args: usize) -> bool {
    matches!(
        (method, args),
        ("sink_err_into" | "left_sink" | "right_sink", 0)
            | (
                "with" | "with_flat_map" | "sink_map_err" | "buffer" | "fanout",
                1
            )
    )
}

/// `Ord`'s methods that take `self` by value. Not left to the probe: in
/// place, the receiver is reached through `&mut`, and `Ord` for `&mut A`
/// would be found first (`n.max(1)` calling `<&mut i64 as Ord>::max`).
fn consumes_self_ord(method: &str, args: usize) -> bool {
    matches!((method, args), ("max" | "min", 1) | ("clamp", 2))
}

/// Methods of std and of Rust's naming conventions whose result (a
/// count, a flag, a position, an ordering, a `String`) holds no borrow of
/// anything: `let n = v.len();` (or `v.iter().filter(..).count()`) leaves
/// `v` free to move (`v.into_iter()`) while `n` is in use. Those whose
/// result's type the name tells are `hoist::method_result_size`'s.
fn result_borrows_nothing(method: &str, args: usize) -> bool {
    crate::layout::hoist::method_result_size(method, args).is_some()
        || matches!(
            (method, args),
            (
                "to_string" | "to_owned" | "to_vec" | "into_owned" | "sum" | "product" | "parse",
                0
            ) | ("position", 1)
        )
}

/// The expression inside `?`, `unwrap()`, `unwrap_or_default()`,
/// `expect(..)` with a literal message, `unwrap_or(..)` and
/// `unwrap_or_else(..)` (`s.parse::<u32>()?` is the `parse` call): what
/// they return comes out of its result, or (the last two) out of their
/// argument, pushed to `args`.
fn unwrapped<'e>(mut e: &'e syn::Expr, args: &mut Vec<&'e syn::Expr>) -> &'e syn::Expr {
    loop {
        e = crate::syntax::unparenthesised(e);
        match e {
            syn::Expr::Try(t) => e = &t.expr,
            // `?` as the builder wrote it out (`build::control::try_exit`).
            syn::Expr::Match(m) if branch_argument(&m.expr).is_some() => {
                e = branch_argument(&m.expr).unwrap_or(e);
            }
            syn::Expr::MethodCall(m)
                if (m.args.is_empty()
                    && matches!(
                        m.method.to_string().as_str(),
                        "unwrap" | "unwrap_or_default"
                    ))
                    || (m.method == "expect"
                        && matches!(m.args.first(), Some(syn::Expr::Lit(_)))
                        && m.args.len() == 1) =>
            {
                e = &m.receiver;
            }
            syn::Expr::MethodCall(m)
                if m.args.len() == 1
                    && matches!(
                        m.method.to_string().as_str(),
                        "unwrap_or" | "unwrap_or_else"
                    ) =>
            {
                args.push(&m.args[0]);
                e = &m.receiver;
            }
            _ => return e,
        }
    }
}

/// Whether `e`'s value holds no borrow of what its receivers mention, by
/// std's signatures and naming conventions: a call of
/// [`result_borrows_nothing`] (`v.iter().filter(..).count()`,
/// `s.to_owned()`); `Option`'s `cloned()` or `copied()` of an element
/// ([`element_of`]: `v.first().cloned()`), or its `map` to an owned value
/// (`v.get(0).map(|s| s.to_string())`); a `clone()` of a place (`v[0]`,
/// `r.tag`, a frame value), which is either owned or a copy of a
/// reference the place holds, never a borrow of the place itself (unlike
/// `v.first().unwrap().clone()`, a `&T` when `T` is not `Clone`). Not
/// `Iterator`'s `cloned()`: `v.iter().cloned()` is lazy and borrows `v`.
/// And a place read by value ([`place_read`]).
fn owned_result(e: &syn::Expr, in_closure: bool) -> bool {
    let e = crate::syntax::unparenthesised(e);
    if place_read(e) {
        return true;
    }
    let syn::Expr::MethodCall(m) = e else {
        return false;
    };
    let method = m.method.to_string();
    if result_borrows_nothing(&method, m.args.len()) {
        return true;
    }
    match (method.as_str(), m.args.len()) {
        ("cloned" | "copied", 0) => element_of(&m.receiver),
        ("map", 1) => {
            element_of(&m.receiver)
                && matches!(&m.args[0], syn::Expr::Closure(c)
                    if c.inputs.len() == 1 && owned_result(&c.body, true))
        }
        ("clone", 0) => match crate::syntax::unparenthesised(&m.receiver) {
            syn::Expr::Field(_) | syn::Expr::Index(_) => true,
            // (A closure's parameter may well be a reference into the
            // value: `v.first().map(|s| s.clone())`.)
            syn::Expr::Path(p) => {
                !in_closure
                    && p.path
                        .get_ident()
                        .is_some_and(|i| parse_placeholder(i, "__coro_mention_").is_some())
            }
            _ => false,
        },
        _ => false,
    }
}

/// Whether `e` reads a place by value through an index, a field or a `*`
/// (`v[0]`, `items.first()?.id`, `*items.last()?`): a copy, or a move out
/// of a value the expression owns (a move out of an index or through a
/// borrow is rustc's E0507/E0508, a move of a frame value's field is a
/// partial move), so never a borrow of what the place belongs to. (What a
/// copied reference borrows is another value's, which rustc's check of the
/// shadow copy guards.)
fn place_read(e: &syn::Expr) -> bool {
    matches!(
        e,
        syn::Expr::Field(_)
            | syn::Expr::Index(_)
            | syn::Expr::Unary(syn::ExprUnary {
                op: syn::UnOp::Deref(_),
                ..
            })
    )
}

/// Whether `e` is a call of std's that gives an element as an `Option`
/// (`Option<&T>`, `Option<&mut T>` or `Option<T>`), whose `cloned()` or
/// `copied()` is then `Option`'s, an owned value: of a slice, a `Vec`, an
/// iterator, a `VecDeque` (`front`, `back`, `pop_front`, `pop_back`), a
/// double-ended iterator (`next_back`).
fn element_of(e: &syn::Expr) -> bool {
    let syn::Expr::MethodCall(m) = crate::syntax::unparenthesised(e) else {
        return false;
    };
    matches!(
        (m.method.to_string().as_str(), m.args.len()),
        (
            "first"
                | "last"
                | "next"
                | "pop"
                | "peek"
                | "front"
                | "back"
                | "pop_front"
                | "pop_back"
                | "next_back",
            0
        ) | ("get" | "get_mut", 1)
    )
}

/// `x` in `::coro::__private::Branch::branch(x)`, the scrutinee of a `?`
/// written out.
fn branch_argument(e: &syn::Expr) -> Option<&syn::Expr> {
    let syn::Expr::Call(c) = e else { return None };
    let syn::Expr::Path(p) = &*c.func else {
        return None;
    };
    let names: Vec<String> = p
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    (names.ends_with(&[
        "__private".to_string(),
        "Branch".to_string(),
        "branch".to_string(),
    ]) && c.args.len() == 1)
        .then(|| &c.args[0])
}

/// Whether a `let`'s type, as written, is a primitive number, `bool` or
/// `char` (`let total: i64 = v.iter().map(..).sum();`), which holds no
/// borrow whatever its initialiser mentions.
fn primitive_type(ty: Option<&syn::Type>) -> bool {
    let Some(syn::Type::Path(p)) = ty else {
        return false;
    };
    p.qself.is_none()
        && p.path.get_ident().is_some_and(|i| {
            matches!(
                i.to_string().as_str(),
                "bool"
                    | "char"
                    | "u8"
                    | "u16"
                    | "u32"
                    | "u64"
                    | "u128"
                    | "usize"
                    | "i8"
                    | "i16"
                    | "i32"
                    | "i64"
                    | "i128"
                    | "isize"
                    | "f32"
                    | "f64"
            )
        })
}

/// `PartialEq`'s, `PartialOrd`'s and `Ord`'s methods. (Receivers of them
/// are used in place, not through a `&mut`, whose own impls of them would
/// be found first.)
pub fn compares(method: &str) -> bool {
    matches!(
        method,
        "eq" | "ne" | "lt" | "le" | "gt" | "ge" | "cmp" | "partial_cmp"
    )
}

/// Methods that Rust's naming conventions (and std) have take their
/// receiver by reference: `as_`, `to_` and `is_` conversions and
/// predicates, iterators over a collection, locks, collections' pushes, I/O
/// on a buffer. Not worth asking method resolution about (see
/// `Form::TakeProbed`), which costs compile time at every last use; a type
/// whose method of one of these names takes `self` by value gets rustc's
/// E0507 there (LIMITATIONS.md). Not `insert` or `remove`, which the entry API's
/// `VacantEntry` and `OccupiedEntry` take by value.
pub fn borrows_self(method: &str, args: usize) -> bool {
    // `Option`'s, `Cell`'s and `RefCell`'s `take()` and `replace(v)` (a
    // pagination cursor, `let mut cursor = None;`, whose type is known
    // only later, which the probe could not ask about: E0277). `Read::take`
    // and `Iterator::take` have an argument; `str::replace` two.
    if matches!(
        (method, args),
        ("take", 0) | ("replace", 1) | ("get_or_insert_with", 1)
    ) {
        return true;
    }
    matches!(
        method,
        "len"
            | "is_empty"
            | "iter"
            | "iter_mut"
            | "as_str"
            | "as_slice"
            | "as_bytes"
            | "as_ref"
            | "as_mut"
            | "as_deref"
            | "as_deref_mut"
            | "as_ptr"
            | "as_mut_ptr"
            | "clone"
            | "to_string"
            | "to_owned"
            | "to_vec"
            | "lock"
            | "borrow"
            | "borrow_mut"
            | "keys"
            | "values"
            | "values_mut"
            | "chars"
            | "lines"
            | "trim"
            | "is_some"
            | "is_none"
            | "is_ok"
            | "is_err"
            | "capacity"
            | "deref"
            | "deref_mut"
            | "local_addr"
            | "peer_addr"
            | "get"
            | "push"
            | "push_str"
            | "contains"
            | "contains_key"
            | "extend"
            | "starts_with"
            | "ends_with"
            | "write_all"
            | "read_exact"
            | "read_line"
            | "read_to_end"
            | "read_to_string"
    ) || compares(method)
}

/// Whether a method call's turbofish, if it has one, gives only types
/// (which the probe's own method can take too: `b.downcast::<u32>()`).
fn turbofish_types_only(
    body: &Body,
    turbofish: Option<&syn::AngleBracketedGenericArguments>,
) -> bool {
    turbofish.is_none_or(|t| t.args.iter().all(|a| is_type_argument(body, a)))
}

/// Whether a turbofish's generic argument is a type, as far as syntax
/// tells: a name the parser reads as a type may be a constant (`N`, a
/// const parameter of the function; `LEN`, a `const` item, named so by
/// Rust's convention).
fn is_type_argument(body: &Body, arg: &syn::GenericArgument) -> bool {
    let syn::GenericArgument::Type(ty) = arg else {
        return false;
    };
    let syn::Type::Path(p) = ty else {
        return true;
    };
    let Some(name) = p.path.get_ident().map(ToString::to_string) else {
        return true;
    };
    let screaming = name.len() > 1
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    !screaming && !body.const_params.contains(&name)
}

/// What deciding whether a mention may move its var out needs (see
/// `after_mention`): the body,
/// its control flow (`reach`, `edges`, `branches`) and who may borrow what.
struct MoveCheck<'a> {
    body: &'a Body,
    reach: &'a [BTreeSet<BlockId>],
    edges: &'a [Vec<Edge>],
    branches: &'a BTreeMap<ListId, (ListId, usize)>,
    borrows: &'a Borrows,
    /// Lists whose end control never reaches in their block (see
    /// `Body::ends_elsewhere`, and scopes that do not close).
    ends_elsewhere: &'a BTreeSet<ListId>,
    /// The bodies of scopes that close in their block: control that enters
    /// one goes on after it.
    closing_scopes: &'a BTreeSet<ListId>,
    /// The field paths read (`b.buf`) and assigned (`b.buf = ..`), by the
    /// mention of their var.
    field_reads: &'a BTreeMap<MentionId, Vec<syn::Member>>,
    field_assignments: &'a BTreeMap<MentionId, Vec<syn::Member>>,
}

/// What follows a mention of a var, for moving it out there.
#[derive(Clone, Copy, PartialEq, Eq)]
enum After {
    /// The var is used again.
    Used,
    /// Not used again, but a value that may borrow from it is.
    Borrowed,
    /// Neither.
    Nothing,
}

impl After {
    /// The var may be moved out: no later use of it, and no live value
    /// that may borrow from it (other than the value this very use makes:
    /// if the move is wrong, that one borrows a temporary, which rustc
    /// rejects).
    fn free(self) -> bool {
        self == After::Nothing
    }

    /// As `free`, without looking at borrowers: for a move that happens
    /// only if the method's type says it takes `self` by value (`TakeStd`,
    /// `TakeProbed`), when a borrow still alive after it would be rustc's
    /// own error in the shadow copy.
    fn unused(self) -> bool {
        self != After::Used
    }
}

/// Whether code at `path` comes after a branch or scope that `m` is in and
/// whose end control never reaches in this block: it does not follow `m`
/// there (`'b: { if c { x.take(); break 'b; } x.get() }`).
fn left_before(m: &Mention, path: &[ListId], ends_elsewhere: &BTreeSet<ListId>) -> bool {
    m.path
        .iter()
        .any(|l| !path.contains(l) && ends_elsewhere.contains(l))
}

/// Whether mention `id` may run again on the value it saw: inside a loop
/// that does not declare the var anew (see `after_mention`'s `itself`). For
/// a field read, an assignment of the field gives it anew too (`let batch
/// = b.buf; b.buf = Vec::new();`).
fn runs_again(check: &MoveCheck<'_>, id: MentionId) -> bool {
    let m = &check.body.mentions[id];
    let field = check.field_reads.get(&id).map(Vec::as_slice);
    (m.in_inner_loop && !given_anew_in_iteration(check, m, field))
        || blocks_after(check, m, field).contains(&m.block)
}

/// Whether the var (or `field` of it) that mention `m`, in a loop of code,
/// reads is assigned again after `m` on every path round that loop: an
/// assignment after `m` in its block that runs whenever the innermost
/// branch of code it is in does, with `m` inside that branch and no loop
/// of code between the two (`for x in xs { let batch = b.buf; b.buf =
/// Vec::new(); .. }`).
fn given_anew_in_iteration(
    check: &MoveCheck<'_>,
    m: &Mention,
    field: Option<&[syn::Member]>,
) -> bool {
    let body = check.body;
    let no_loop_between = |path: &[ListId]| {
        m.path.starts_with(path)
            && !m.path[path.len()..]
                .iter()
                .any(|l| body.code_loop_bodies.contains(l))
    };
    settled_assignments(check, m.var, field)
        .any(|a| a.block == m.block && a.seq > m.seq && a.in_inner_loop && no_loop_between(&a.path))
        || body.code_constructs.iter().any(|c| {
            c.block == m.block
                && c.seq >= m.seq
                && c.settled
                && c.in_inner_loop
                && no_loop_between(&c.path)
                && construct_gives_anew(check, m.var, field, c, true)
        })
}

/// Whether every branch of construct `c` that goes on after it gives the
/// var (or `field` of it, where given) anew: an assignment that runs
/// whenever the branch does (`if c { s.buf = a } else { s.buf = b }`), or
/// a construct that runs whenever the branch does and does so in turn.
/// With `round_loop`, only the branches that may come round the innermost
/// loop of code (for a mention in it, see `given_anew_in_iteration`): a
/// branch that breaks out of it goes on after the loop, not to the
/// mention again (`match s.item { Some(d) => { ..; s.item = None } None =>
/// break }`).
fn construct_gives_anew(
    check: &MoveCheck<'_>,
    var: VarId,
    field: Option<&[syn::Member]>,
    c: &CodeConstruct,
    round_loop: bool,
) -> bool {
    let body = check.body;
    let branch_gives_anew = |branch: ListId| {
        settled_assignments(check, var, field).any(|a| a.path.last() == Some(&branch))
            || body.code_constructs.iter().any(|inner| {
                inner.settled
                    && inner.path.last() == Some(&branch)
                    && construct_gives_anew(check, var, field, inner, round_loop)
            })
    };
    let goes_on = |b: &CodeBranch| !(b.leaves || round_loop && b.breaks_loop);
    c.branches.iter().any(goes_on)
        && c.branches
            .iter()
            .all(|b| !goes_on(b) || branch_gives_anew(b.list))
}

/// The settled mentions of `var` that give it anew, or `field` of it where
/// given (see [`gives_anew`]): the assignments the scans for a value given
/// anew start from.
fn settled_assignments<'c>(
    check: &'c MoveCheck<'_>,
    var: VarId,
    field: Option<&'c [syn::Member]>,
) -> impl Iterator<Item = &'c Mention> + 'c {
    check
        .body
        .mentions
        .iter()
        .enumerate()
        .filter(move |&(aid, a)| a.var == var && a.settled && gives_anew(check, field, aid, a))
        .map(|(_, a)| a)
}

/// Whether mention `aid` gives the var anew, or `field` of it where given
/// (an assignment of the field or of one holding it).
fn gives_anew(
    check: &MoveCheck<'_>,
    field: Option<&[syn::Member]>,
    aid: MentionId,
    a: &Mention,
) -> bool {
    a.access == Access::Assign
        || field.is_some_and(|field| {
            check
                .field_assignments
                .get(&aid)
                .is_some_and(|assigned| field.starts_with(assigned))
        })
}

/// The lists that control passing a statement at `path` (a mention's or
/// construct's) in its block is in, where it passes (see
/// `statement_path`): without the bodies of statements' scopes that
/// close, nor a branch of an `if` or `match` statement whose other
/// branches all end elsewhere (`if c { f().await; .. } else { s.buf = ..
/// }`: in this block, what follows the `if` follows the `else`).
fn passed_path<'p>(check: &MoveCheck<'_>, path: &'p [ListId]) -> &'p [ListId] {
    let MoveCheck {
        body,
        branches,
        ends_elsewhere,
        closing_scopes,
        ..
    } = *check;
    let goes_on_alone = |list: ListId| {
        !body.code_branches.contains_key(&list)
            && !ends_elsewhere.contains(&list)
            && branches.get(&list).is_some_and(|construct| {
                branches
                    .iter()
                    .all(|(l, c)| c != construct || *l == list || ends_elsewhere.contains(l))
            })
    };
    let mut path = statement_path(body, path);
    loop {
        path = without_closing_scopes(path, closing_scopes);
        match path {
            [enclosing @ .., last] if goes_on_alone(*last) => path = enclosing,
            _ => return path,
        }
    }
}

/// The blocks control may reach after mention `m` with the var still
/// holding the value `m` saw (see `after_mention`), or with `field` of it,
/// where given, still holding that value.
fn blocks_after(
    check: &MoveCheck<'_>,
    m: &Mention,
    field: Option<&[syn::Member]>,
) -> BTreeSet<BlockId> {
    let MoveCheck {
        body,
        edges,
        branches,
        ends_elsewhere,
        ..
    } = *check;
    let left_before = |path: &[ListId]| left_before(m, path, ends_elsewhere);
    // The blocks control may reach after the mention: through the edges of
    // its block that a path through it can take (not those in another
    // branch of an `if` or `match` it is in: `if c { x.consume() } else {
    // f().await; x.get() }` does not use `x` after the consume).
    //
    // Control that comes round a loop into the block that declares the var
    // runs its `let` again: what it finds there and after is a new value,
    // so the search does not go through that block.
    let declared = body.vars[m.var].declared_in;
    let mut reach_after: BTreeSet<BlockId> = BTreeSet::new();
    let mut frontier: Vec<BlockId> = Vec::new();
    // An edge after an assignment of the var (or of the field, or of one
    // holding it) that every path to it passes (in a list enclosing the
    // edge, outside any branch of code, or in the one branch of a
    // statement that goes on in the block: see `passed_path`) leads on
    // with the new value: the
    // search does not take it. In `m`'s block the assignment must come
    // after `m`.
    let assigned_before = |b: BlockId, e: &Edge| {
        let (Some(path), Some(after)) = (&e.path, e.settled_after) else {
            return false;
        };
        settled_assignments(check, m.var, field).any(|a| {
            a.block == b
                && (!a.conditional || a.runs_past)
                && a.seq <= after
                && (b != m.block || a.seq > m.seq)
                && path.starts_with(passed_path(check, &a.path))
        }) || body.code_constructs.iter().any(|c| {
            // (An `if` or `match` assigning in each branch that goes on.)
            c.block == b
                && c.runs_past
                && c.end_seq <= after
                && (b != m.block || c.seq >= m.seq)
                && path.starts_with(passed_path(check, &c.path))
                && construct_gives_anew(check, m.var, field, c, false)
        }) || e.in_code.as_ref().is_some_and(|(exit_path, exit_seq)| {
            // (An exit in code after an assignment that runs whenever the
            // branch or loop body of code it is in does, the exit in that
            // too: `if c { s.buf = Vec::new(); continue; }`.)
            settled_assignments(check, m.var, field).any(|a| {
                a.block == b
                    && a.seq <= *exit_seq
                    && (b != m.block || a.seq > m.seq)
                    && exit_path.starts_with(&a.path)
            })
        })
    };
    for edge in &edges[m.block] {
        let taken = edge.follows(m)
            && !assigned_before(m.block, edge)
            && edge
                .path
                .as_ref()
                .is_none_or(|path| !exclusive_paths(branches, &m.path, path) && !left_before(path));
        if taken {
            frontier.push(edge.target);
        }
    }
    while let Some(b) = frontier.pop() {
        if Some(b) != declared && reach_after.insert(b) {
            frontier.extend(
                edges[b]
                    .iter()
                    .filter(|e| !assigned_before(b, e))
                    .map(|e| e.target),
            );
        }
    }
    reach_after
}

/// Whether control may come to a mention after mention `m` with the var
/// still holding the value `m` saw (see `blocks_after`): later in `m`'s
/// block and not in another branch of a construct `m` is in, nor after `m`
/// left its list for good; or in a block reached after `m`.
fn later_than<'c>(check: &'c MoveCheck<'_>, m: &'c Mention) -> impl Fn(&Mention) -> bool + 'c {
    let reach_after = blocks_after(check, m, None);
    move |other: &Mention| {
        (other.block == m.block
            && other.seq > m.seq
            && !exclusive(check.branches, m, other)
            && !left_before(m, &other.path, check.ends_elsewhere))
            || reach_after.contains(&other.block)
            || (m.in_inner_loop && other.block == m.block)
    }
}

/// Whether mentions `a` and `b` of one var never both run on its value
/// (in one call of the coroutine): neither comes after the other (see
/// [`later_than`]).
fn never_both(check: &MoveCheck<'_>, a: MentionId, b: MentionId) -> bool {
    let (ma, mb) = (&check.body.mentions[a], &check.body.mentions[b]);
    !later_than(check, ma)(mb) && !later_than(check, mb)(ma)
}

/// `itself`: the mention, run again (in a loop, with the var not
/// declared or assigned anew), counts as a later use. A move whose method
/// the type decides need not ask: rustc's check of the shadow copy rejects
/// moving the value twice; a move syntax guesses must, or a guess wrong
/// about the type would move the same value out twice.
fn after_mention(check: &MoveCheck<'_>, id: MentionId, itself: bool) -> After {
    after_mention_where(check, id, itself, &|_| true)
}

/// As [`after_mention`], counting only the later uses `counts` accepts.
fn after_mention_where(
    check: &MoveCheck<'_>,
    id: MentionId,
    itself: bool,
    counts: &dyn Fn(&Mention) -> bool,
) -> After {
    let MoveCheck {
        body,
        reach,
        branches,
        borrows,
        closing_scopes,
        ..
    } = *check;
    let m = &body.mentions[id];
    let in_cycle = reach[m.block].contains(&m.block);
    let later = later_than(check, m);
    // A use that an assignment of the var comes before on every path into
    // it within its block (the assignment's list encloses the use, outside
    // any branch of code): it sees the assigned value. Entering a block
    // from elsewhere starts at its top; in `m`'s own block the assignment
    // must also come after `m`.
    // (A statement's own scope that closes is no branch: what follows it
    // in the enclosing list follows the assignment in it too.)
    let reassigned_before = |o: &Mention| {
        body.mentions.iter().any(|a| {
            let a_path = without_closing_scopes(&a.path, closing_scopes);
            a.var == m.var
                && a.access == Access::Assign
                && a.block == o.block
                && a.seq < o.seq
                && a.dominates_rest
                && o.path.starts_with(a_path)
                && (o.block != m.block || o.seq < m.seq || a.seq > m.seq)
        })
    };
    // The var itself: no later use, unless it is first assigned again.
    let next_same_block = body
        .mentions
        .iter()
        .filter(|o| o.var == m.var && o.block == m.block && o.seq > m.seq)
        .min_by_key(|o| o.seq);
    // (In a loop, a `continue` between the two could bring control back to
    // `m` without the assignment: only a move the type decides may count on
    // it, `c = c.step().await`, where moving twice is rustc's error.)
    let reassigned_next = (!itself || !m.in_inner_loop && !in_cycle)
        && next_same_block.is_some_and(|o| o.access == Access::Assign);
    let debug = std::env::var_os("CORO_DEBUG_MOVES").is_some();
    if !reassigned_next {
        let used_later = body
            .mentions
            .iter()
            .enumerate()
            // (Assigning the var again reads nothing of the moved value, and
            // a use after such an assignment sees the new one.)
            .find(|&(oid, o)| {
                (oid != id || itself)
                    && o.var == m.var
                    && counts(o)
                    && o.access != Access::Assign
                    && later(o)
                    && !reassigned_before(o)
            });
        if let Some((oid, _)) = used_later {
            if debug {
                let o = &body.mentions[oid];
                eprintln!(
                    "coro: mention {id} (block {}, seq {}) of `{}`: used again by mention {oid} (block {}, seq {}, {:?})",
                    m.block, m.seq, body.vars[m.var].name, o.block, o.seq, o.access
                );
            }
            return After::Used;
        }
    }
    // Borrowers: any value that may hold a borrow of the var and is used
    // afterwards.
    // A borrow made in another branch of the same `if`/`match` (in this
    // block, outside any cycle) is not alive here, nor one made in a block
    // from which control cannot come back here.
    let relevant = |origin: MentionId| {
        let o = &body.mentions[origin];
        let exclusive_here = o.block == m.block && !in_cycle && exclusive(branches, m, o);
        let only_after = o.block != m.block && !reach[o.block].contains(&m.block);
        origin != id && !exclusive_here && !only_after
    };
    for &w in &borrows.of(m.var, &relevant) {
        if let Some(o) = body.mentions.iter().position(|o| o.var == w && later(o)) {
            if debug {
                let om = &body.mentions[o];
                eprintln!(
                    "coro: mention {id} (block {}, seq {}) of `{}`: `{}` may borrow it and is used by mention {o} (block {}, seq {}, {:?})",
                    m.block,
                    m.seq,
                    body.vars[m.var].name,
                    body.vars[w].name,
                    om.block,
                    om.seq,
                    om.access
                );
            }
            return After::Borrowed;
        }
    }
    After::Nothing
}

/// Branch lists (of `if`, `match`, `let .. else`), each with the statement
/// that holds it: two mentions under different branches of one statement
/// never both run (within one block).
fn branch_lists(body: &Body) -> BTreeMap<ListId, (ListId, usize)> {
    let mut out = body.code_branches.clone();
    for (list, stmts) in body.lists.iter().enumerate() {
        for (i, stmt) in stmts.iter().enumerate() {
            let children: Vec<ListId> = match stmt {
                Stmt::If {
                    then_list,
                    else_list,
                    ..
                } => vec![*then_list, *else_list],
                Stmt::Match { arms, .. } => arms.iter().map(|a| a.body).collect(),
                _ => Vec::new(),
            };
            for child in children {
                out.insert(child, (list, i));
            }
        }
    }
    out
}

fn exclusive(branches: &BTreeMap<ListId, (ListId, usize)>, a: &Mention, b: &Mention) -> bool {
    exclusive_paths(branches, &a.path, &b.path)
}

/// Whether statements in lists `a` and `b` (paths from their block's root
/// list) sit in different branches of one `if` or `match`.
fn exclusive_paths(
    branches: &BTreeMap<ListId, (ListId, usize)>,
    a: &[ListId],
    b: &[ListId],
) -> bool {
    a.iter().zip(b).find(|(x, y)| x != y).is_some_and(|(x, y)| {
        match (branches.get(x), branches.get(y)) {
            (Some(px), Some(py)) => px == py,
            _ => false,
        }
    })
}

/// Which vars may hold a borrow of which: a var initialised (or assigned)
/// from code that mentions another var, other than by moving it, may
/// borrow from it; the relation is transitive.
struct Borrows {
    /// `direct[w]`: vars whose mentions appear in `w`'s initialisers, with
    /// the mention, and whether it moves the var.
    direct: Vec<BTreeSet<(VarId, MentionId, bool)>>,
    /// A var moved into `w` counts too: `w` then holds what it borrowed.
    through_moves: bool,
    /// Where a method's result holds no borrow by convention (`v.len()`,
    /// see [`result_borrows_nothing`]), its receiver lends nothing: for
    /// deciding whether a value may move (rustc's check of the shadow copy
    /// rejects the move if the result did borrow), not for how long a
    /// value keeps its home, nor for whether the frame holds borrows.
    by_convention: bool,
}

impl Borrows {
    fn new(n: usize) -> Self {
        Borrows {
            direct: vec![BTreeSet::new(); n],
            through_moves: false,
            by_convention: false,
        }
    }

    fn collect(&mut self, body: &Body, list: ListId) {
        for stmt in &body.lists[list] {
            match stmt {
                Stmt::Init { var, value } => self.add(body, &[*var], &value.expr),
                Stmt::Bind {
                    value,
                    binds,
                    else_list,
                    ..
                } => {
                    self.add(body, binds, &value.expr);
                    if let Some(l) = else_list {
                        self.collect(body, *l);
                    }
                }
                Stmt::Code(code) => {
                    // `w = value`: w may borrow what `value` mentions.
                    let ids = mention_ids(&code.expr);
                    let assigned: Vec<VarId> = ids
                        .iter()
                        .filter(|&&i| body.mentions[i].access == Access::Assign)
                        .map(|&i| body.mentions[i].var)
                        .collect();
                    if !assigned.is_empty() {
                        self.add(body, &assigned, &code.expr);
                    }
                }
                Stmt::Scope { body: l, .. } => self.collect(body, *l),
                Stmt::If {
                    cond,
                    then_list,
                    else_list,
                } => {
                    let adopted = adopted_in(body, *then_list);
                    self.add(body, &adopted, &cond.expr);
                    self.collect(body, *then_list);
                    self.collect(body, *else_list);
                }
                Stmt::Match { scrutinee, arms } => {
                    for arm in arms {
                        let adopted = adopted_in(body, arm.body);
                        self.add(body, &adopted, &scrutinee.expr);
                        self.collect(body, arm.body);
                    }
                }
                _ => {}
            }
        }
    }

    fn add(&mut self, body: &Body, targets: &[VarId], expr: &syn::Expr) {
        // (`let total: i64 = v.iter().map(..).sum();`: a number is what is
        // kept, whatever its initialiser borrowed.)
        if self.by_convention
            && !targets.is_empty()
            && targets
                .iter()
                .all(|&t| primitive_type(body.vars[t].ty.as_ref()))
        {
            return;
        }
        // (`let n = line.trim().len();`: whatever the chain borrowed, a
        // count is what is kept. So is what `?`, `unwrap()` or
        // `expect(..)` takes out of it: `let n = s.parse::<u32>()?;`, and
        // an owned element: `let k = v.last().copied().unwrap_or(d);`,
        // where only `d` may still lend.)
        let mut args = Vec::new();
        let ids = match (self.by_convention, unwrapped(expr, &mut args)) {
            (true, core) if owned_result(core, false) => {
                args.into_iter().flat_map(mention_ids).collect()
            }
            _ => mention_ids(expr),
        };
        for id in ids {
            let m = &body.mentions[id];
            // (See `may_lend`.)
            if matches!(m.access, Access::Macro { site: Some(_), .. }) {
                continue;
            }
            if let (true, Access::Receiver { method, args, .. }) = (self.by_convention, &m.access) {
                if result_borrows_nothing(method, *args) {
                    continue;
                }
            }
            let moves = matches!(m.access, Access::Move | Access::FieldMove);
            for &t in targets {
                if t != m.var {
                    self.direct[t].insert((m.var, id, moves));
                }
            }
        }
    }

    /// Vars that may borrow from `v`, directly or through others, through
    /// the mentions `relevant` accepts. A moved value, or a field read out
    /// (copied or moved), borrows nothing of `v` (but with `through_moves`);
    /// a value that holds a borrow of `v` hands it on when it is moved
    /// (`let f = pin!(x); fut(f)`: the future holds the borrow of `x`).
    fn of(&self, v: VarId, relevant: &dyn Fn(MentionId) -> bool) -> BTreeSet<VarId> {
        let mut out = BTreeSet::new();
        let mut frontier = vec![v];
        while let Some(x) = frontier.pop() {
            for (w, sources) in self.direct.iter().enumerate() {
                let borrows = sources.iter().any(|&(s, m, moves)| {
                    s == x && relevant(m) && (!moves || x != v || self.through_moves)
                });
                if borrows && out.insert(w) {
                    frontier.push(w);
                }
            }
        }
        out.remove(&v);
        out
    }
}

fn adopted_in(body: &Body, list: ListId) -> Vec<VarId> {
    let mut out = Vec::new();
    walk_list(body, list, &mut |s| {
        if let Stmt::Adopt(v) = s {
            out.push(*v);
        }
    });
    out
}

/// The mentions in a pattern's guards.
pub fn pat_mention_ids(pat: &syn::Pat) -> Vec<MentionId> {
    struct Finder(Vec<MentionId>);
    impl<'ast> syn::visit::Visit<'ast> for Finder {
        fn visit_expr(&mut self, e: &'ast syn::Expr) {
            self.0.extend(mention_ids(e));
        }
    }
    let mut f = Finder(Vec::new());
    syn::visit::Visit::visit_pat(&mut f, pat);
    f.0
}

/// The mention placeholders in an expression.
pub fn mention_ids(expr: &syn::Expr) -> Vec<MentionId> {
    placeholder_ids(expr, "__coro_mention_")
}

/// The ids of the placeholders named `prefix` + id in `expr` (also inside
/// macros' tokens).
fn placeholder_ids(expr: &syn::Expr, prefix: &str) -> Vec<usize> {
    struct Finder<'p>(Vec<usize>, &'p str);
    impl<'ast> syn::visit::Visit<'ast> for Finder<'_> {
        fn visit_ident(&mut self, ident: &'ast proc_macro2::Ident) {
            if let Some(id) = parse_placeholder(ident, self.1) {
                self.0.push(id);
            }
        }
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            collect_tokens(mac.tokens.clone(), self.1, &mut self.0);
        }
    }
    fn collect_tokens(tokens: proc_macro2::TokenStream, prefix: &str, out: &mut Vec<usize>) {
        for tt in tokens {
            match tt {
                proc_macro2::TokenTree::Ident(i) => {
                    if let Some(id) = parse_placeholder(&i, prefix) {
                        out.push(id);
                    }
                }
                proc_macro2::TokenTree::Group(g) => collect_tokens(g.stream(), prefix, out),
                _ => {}
            }
        }
    }
    let mut f = Finder(Vec::new(), prefix);
    syn::visit::Visit::visit_expr(&mut f, expr);
    f.0
}

/// Visits every statement of a list and of its nested lists (not other
/// blocks).
pub fn walk_list(body: &Body, list: ListId, f: &mut dyn FnMut(&Stmt)) {
    walk_list_in(body, list, &mut Vec::new(), &mut |stmt, _| f(stmt));
}

/// As [`walk_list`], with the lists each statement sits in (its own last).
fn walk_list_in(
    body: &Body,
    list: ListId,
    path: &mut Vec<ListId>,
    f: &mut dyn FnMut(&Stmt, &[ListId]),
) {
    path.push(list);
    for stmt in &body.lists[list] {
        f(stmt, path);
        match stmt {
            Stmt::Scope { body: l, .. } => walk_list_in(body, *l, path, f),
            Stmt::If {
                then_list,
                else_list,
                ..
            } => {
                walk_list_in(body, *then_list, path, f);
                walk_list_in(body, *else_list, path, f);
            }
            Stmt::Match { arms, .. } => arms
                .iter()
                .for_each(|a| walk_list_in(body, a.body, path, f)),
            Stmt::Bind {
                else_list: Some(l), ..
            } => walk_list_in(body, *l, path, f),
            _ => {}
        }
    }
    path.pop();
}

/// Lists whose end control never reaches in their block (branches the
/// builder saw end elsewhere, and the bodies of scopes that do not close),
/// and the bodies of scopes that close.
fn list_ends(body: &Body) -> (BTreeSet<ListId>, BTreeSet<ListId>) {
    let mut ends_elsewhere = body.ends_elsewhere.clone();
    let mut closing = BTreeSet::new();
    for stmt in body.lists.iter().flatten() {
        if let Stmt::Scope {
            body: list, closes, ..
        } = stmt
        {
            if *closes || body.left_reopened.contains(list) {
                closing.insert(*list);
            } else {
                ends_elsewhere.insert(*list);
            }
        }
    }
    (ends_elsewhere, closing)
}

/// An edge out of a block: a suspension to its resume block, a `Goto`, or
/// a `break`/`continue` in a statement's code, with the lists its
/// statement sits in (`None` for an exit whose place in the block is not
/// known), and the last mention before it in the block (`None`: none), so
/// that an edge before a mention does not follow it (`if c { f().await; .. }
/// x.consume()`). For an exit in code, `after` is the last mention of its
/// statement (it may come after any of them), and `settled_after` the last
/// before the statement (only those surely run before it).
struct Edge {
    target: BlockId,
    path: Option<Vec<ListId>>,
    after: Option<usize>,
    settled_after: Option<usize>,
    /// For an exit in code: where it is in the code (see `Exit::path`,
    /// `Exit::seq`).
    in_code: Option<(Vec<ListId>, usize)>,
}

impl Edge {
    /// Whether control may take this edge after mention `m` of its block.
    fn follows(&self, m: &Mention) -> bool {
        self.path.is_none() || self.after.is_some_and(|seq| seq >= m.seq)
    }
}

/// Per block, its edges (see `Edge`).
fn block_edges(body: &Body) -> Vec<Vec<Edge>> {
    let mut placed = vec![false; body.exits.len()];
    let mut edges: Vec<Vec<Edge>> = body
        .blocks
        .iter()
        .map(|block| {
            let mut out = Vec::new();
            // Statements are walked in the order they run (a branch's before
            // what follows its `if`), as the builder numbered mentions.
            let mut last: Option<usize> = None;
            walk_list_in(body, block.root, &mut Vec::new(), &mut |stmt, path| {
                let before = last;
                for id in stmt_mention_ids(stmt) {
                    last = last.max(Some(body.mentions[id].seq));
                }
                let target = match stmt {
                    Stmt::Goto(t) => *t,
                    Stmt::Suspend(a) => body.awaits[*a].resume,
                    _ => {
                        // The user's `break`s and `continue`s in the
                        // statement's code: after (or among) its mentions,
                        // after what came before it.
                        let exits = crate::partial::codes(stmt)
                            .into_iter()
                            .flat_map(|code| placeholder_ids(&code.expr, "__coro_exit_"));
                        for id in exits {
                            placed[id] = true;
                            let exit = &body.exits[id];
                            if let ExitKind::Jump { target, .. } = exit.kind {
                                out.push(Edge {
                                    target,
                                    path: Some(path.to_vec()),
                                    after: last,
                                    settled_after: before,
                                    in_code: Some((exit.path.clone(), exit.seq)),
                                });
                            }
                        }
                        return;
                    }
                };
                out.push(Edge {
                    target,
                    path: Some(path.to_vec()),
                    after: last,
                    settled_after: last,
                    in_code: None,
                });
            });
            out
        })
        .collect();
    for (id, exit) in body.exits.iter().enumerate() {
        if let ExitKind::Jump { target, .. } = exit.kind {
            if !placed[id] {
                edges[exit.block].push(Edge {
                    target,
                    path: None,
                    after: None,
                    settled_after: None,
                    in_code: None,
                });
            }
        }
    }
    edges
}

/// The lists of the statement a mention (or construct) at `path` is in:
/// the path without the branches and loop bodies of code inside that
/// statement.
fn statement_path<'p>(body: &Body, path: &'p [ListId]) -> &'p [ListId] {
    let mut path = path;
    while let [enclosing @ .., last] = path
        && body.code_branches.contains_key(last)
    {
        path = enclosing;
    }
    path
}

/// A mention's list path without the bodies of statements' own scopes at
/// its end (they close where they are: what follows them follows what is
/// in them).
fn without_closing_scopes<'p>(
    path: &'p [ListId],
    closing_scopes: &BTreeSet<ListId>,
) -> &'p [ListId] {
    let mut path = path;
    while let [enclosing @ .., last] = path {
        if !closing_scopes.contains(last) {
            break;
        }
        path = enclosing;
    }
    path
}

/// The mentions of a statement's own code and patterns (not of the lists
/// it holds).
fn stmt_mention_ids(stmt: &Stmt) -> Vec<MentionId> {
    let mut ids: Vec<MentionId> = crate::partial::codes(stmt)
        .into_iter()
        .flat_map(|code| mention_ids(&code.expr))
        .collect();
    match stmt {
        Stmt::Bind { pat, .. } => ids.extend(pat_mention_ids(pat)),
        Stmt::Match { arms, .. } => arms
            .iter()
            .for_each(|a| ids.extend(pat_mention_ids(&a.pat))),
        _ => {}
    }
    ids
}

/// Whether control may come to mention `later` after mention `earlier`
/// (`reach`: see `reachability`): later in the same block, or round a loop,
/// or in a block reachable from the earlier one's.
pub fn may_follow(
    body: &Body,
    reach: &[BTreeSet<BlockId>],
    earlier: MentionId,
    later: MentionId,
) -> bool {
    let (e, l) = (&body.mentions[earlier], &body.mentions[later]);
    if e.block == l.block {
        l.seq > e.seq || e.in_inner_loop || l.in_inner_loop || reach[e.block].contains(&e.block)
    } else {
        reach[e.block].contains(&l.block)
    }
}

/// `reach[b]`: blocks reachable from `b` through at least one edge.
fn reachability(succ: &[BTreeSet<BlockId>]) -> Vec<BTreeSet<BlockId>> {
    (0..succ.len())
        .map(|start| {
            let mut seen = BTreeSet::new();
            let mut frontier: Vec<BlockId> = succ[start].iter().copied().collect();
            while let Some(b) = frontier.pop() {
                if seen.insert(b) {
                    frontier.extend(succ[b].iter().copied());
                }
            }
            seen
        })
        .collect()
}
