// Regression cases found by the random-program fuzzer (fuzz/README.md),
// shrunk. Generated code is not tidy (unused labels and values, statements
// without effect): each case allows the lints it may trip. A case marked `BUG(fuzz)` is parked (compiled natively on both
// sides) until the lowering handles it: write `#[self::coroutine]` on its
// `run` to test the fix.
//
// The fuzzer's vocabulary (a copy of fuzz/prelude.rs, kept here so that
// these cases do not change when the fuzzer's does):

// The random-program fuzzer's vocabulary beyond the harness (see
// fuzz/README.md): a struct with a drop-logging field, a logging call, and
// the `Result`/`Option` sources for `?`, `if let` and `let else`. Every item
// is `allow(dead_code)`: a topic need not use all of them.

#[allow(dead_code)]
pub struct Pair {
    pub n: i64,
    pub d: D,
}

#[allow(dead_code)]
impl Pair {
    /// Logs `"sum NAME"` (and `"use NAME"`), returns `n` plus `d`'s number.
    pub fn sum(&self) -> i64 {
        log(format!("sum {}", self.d.name()));
        self.n.wrapping_add(self.d.get())
    }
}

/// Logs `"add(A, B)"`: shows when a call happens relative to its operands.
#[allow(dead_code)]
pub fn add(a: i64, b: i64) -> i64 {
    log(format!("add({a}, {b})"));
    a.wrapping_add(b)
}

/// Logs `"weigh NAME K"`: a call that borrows a temporary `D`, which lives
/// to the end of the statement.
#[allow(dead_code)]
pub fn weigh(d: &D, k: i64) -> i64 {
    log(format!("weigh {} {k}", d.name()));
    d.get().wrapping_add(k)
}

/// `Err(v)` for `v` ≡ 3 (mod 4), else `Ok(v)`; logs `"ck(V)"`.
#[allow(dead_code)]
pub fn ck(v: i64) -> Result<i64, i64> {
    log(format!("ck({v})"));
    if v.rem_euclid(4) == 3 { Err(v) } else { Ok(v) }
}

/// `None` for multiples of 3, else `Some(v)`; logs `"some_if(V)"`.
#[allow(dead_code)]
pub fn some_if(v: i64) -> Option<i64> {
    log(format!("some_if({v})"));
    if v.rem_euclid(3) == 0 { None } else { Some(v) }
}

/// Found by coro-fuzz (seed 1 programs 8, 10, 23, ...), minimised by hand:
/// a let chain whose only `let` awaits its scrutinee. (A chain with a
/// second `let`, as in control_flow::let_chain, compiles.)
#[allow(unused, unreachable_code, clippy::all)]
pub mod let_chain_one_awaited_let {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        if let Some(a) = value("w", Some(4)).await && ev("gt", a > 0) {
            a
        } else {
            0
        }
    }
}

/// Found by coro-fuzz (seed 1 programs 11, 27, 35, ...), minimised by
/// hand: an awaiting guard in a match on a tuple temporary whose other
/// arm binds a field by value.
#[allow(unused, unreachable_code, clippy::all)]
pub mod awaiting_guard_on_tuple_temporary {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        match (0, D::new("z")) {
            (a, _) if value("g", true).await => a,
            (_, d) => d.get(),
        }
    }
}

/// Found by coro-fuzz (seed 1 program 1, shrunk; programs 18, 43, 55, 59
/// show the same): the part of a match scrutinee temporary that no pattern
/// binds must live until the end of the match, also when the arm taken has
/// a guard.
#[allow(unused, unreachable_code, clippy::all)]
pub mod guarded_arm_keeps_scrutinee_temporary {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        match (0, D::new("z")) {
            (a, _) if true => value("w", a).await,
            (_, _d) => 0,
        }
    }
}

/// Found by coro-fuzz (seed 11 program 5, shrunk; `--avoid
/// let-chains,match-tuple`): the value of an expression statement is a
/// temporary too, the last one created, so it drops first.
#[allow(unused, unreachable_code, clippy::all)]
pub mod statement_value_drops_before_its_temporaries {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        Pair { n: D::new("z").get(), d: into_fut("w34", D::new("t35")).await };
        0
    }
}

/// Found by coro-fuzz (seed 11 program 15, shrunk): an expression
/// statement that starts with `?` and continues with a binary operator,
/// in a function without any `.await`.
#[allow(unused, unreachable_code, clippy::all)]
pub mod question_then_binary_operator_statement_no_suspend {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<i64, i64> {
        ck(0)? + add(5, 0);
        Ok(0)
    }
}

/// Found by coro-fuzz (seed 11 program 27, shrunk): `?` inside `vec![..]`
/// in a block that the lowering splits. Programs 63, 611, 647, 656, 946,
/// 1230, 1301, 1458 fail with the same E0277 (`?` in a `Flow` block), and
/// 279, 1105, 1244 with E0308 "expected integer, found `Flow<(), _>`"
/// (1105: `return` inside `vec![..]`); not all checked to be this cause.
#[allow(unused, unreachable_code, clippy::all)]
pub mod question_inside_vec_macro {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<i64, i64> {
        if D::new("z").get() >= value("w42", 4).await {
            vec![ck(2)?, 0, 0];
        }
        Ok(0)
    }
}

/// Found by coro-fuzz (seed 11 program 41, shrunk): a binding of an
/// awaiting guard, used inside `vec![..]` in the guard. Programs 268, 286,
/// 527, 561, 1194, 1308 fail with E0308 `i64` vs `&i64` too (not checked to
/// be this cause).
#[allow(unused, unreachable_code, clippy::all)]
pub mod awaiting_guard_binding_inside_vec_macro {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        match 0 {
            a7 if 0 <= (if true {
                value("w12", vec![0, 0, a7]).await;
                0
            } else {
                0
            }) => 1,
            _ => 0,
        };
        0
    }
}

/// Found by coro-fuzz (seed 11 program 45, shrunk; programs 320, 348, 589,
/// 651, 765, 1203, 1386, 1397 fail with the same E0507): a field of a frame local
/// moved into a struct literal in a match scrutinee (a partial move).
#[allow(unused, unreachable_code, clippy::all)]
pub mod partial_move_in_match_scrutinee_no_suspend {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let p3 = Pair { n: 0, d: D::new("z") };
        match (Pair { d: p3.d, n: 5 }).n {
            6 => pending_n("w21", 0, 6).await,
            _ => 0,
        };
        0
    }
}

/// Found by coro-fuzz (seed 11 program 60, shrunk; programs 1423, and 269,
/// 900, 1482 with `-`, fail with the same E0271, 978 with "cannot subtract
/// `i64` from `i32`"): an integer-literal tail of a labelled block that
/// awaits, as an operand of `+`.
#[allow(unused, unreachable_code, clippy::all)]
pub mod awaiting_block_integer_tail_inferred_i32 {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        D::with("t2", ('b3: {
            suspend("s4").await;
            0
        }) + 8);
        0
    }
}

/// Found by coro-fuzz (seed 11 program 165, shrunk; programs 752, 1415
/// fail with E0614 on a `D`, not checked to be this cause): an awaiting guard that shadows the arm's
/// binding with a local of its own.
#[allow(unused, unreachable_code, clippy::all)]
pub mod awaiting_guard_shadowed_binding_no_suspend {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        match 0 {
            a5 if some_if(if true {
                let mut a5 = 0;
                ready_now(a5).await;
                0
            } else {
                0
            }).is_some() => {
            },
            _ => {
            },
        }
        0
    }
}

/// Found by coro-fuzz (seed 11 program 326, shrunk; program 1450 fails
/// with the same E0515): an expression statement that borrows a temporary holding an
/// awaited value.
#[allow(unused, unreachable_code, clippy::all)]
pub mod reference_to_temporary_statement {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a4 = vec![0];
        &D::with("t6", value("w7", a4.iter().sum::<i64>()).await);
        0
    }
}

/// Found by coro-fuzz (seed 11 program 96, shrunk; programs 238, 374, 393,
/// 427, 667, 729, 935, 1034, 1039, 1431 fail with the same E0277): a field moved out
/// of a local declared `let p = Pair { .. }` (which the macro documents as
/// supported: syntax names the type), inside an awaited argument within
/// `vec![..]`, the rest of the local used before.
#[allow(unused, unreachable_code, clippy::all)]
pub mod partial_move_field_inside_vec_macro {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let p25 = Pair { n: Pair { n: 0, d: D::new("z") }.n, d: (Pair { n: value("w23", 6).await, d: D::new("z") }).d };
        vec![p25.sum(), value("w40", {
            p25.d;
            0
        }).await];
        0
    }
}

/// Found by coro-fuzz (seed 11 program 784, shrunk; programs 1094, 1106,
/// 1401 fail with E0425 too, not checked to be this cause): `break 'label
/// VALUE` where the value names an `if let` binding, inside an awaited
/// argument in a match arm of the labelled block.
#[allow(unused, unreachable_code, clippy::all)]
pub mod labeled_break_value_names_if_let_binding_no_suspend {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let Some(a77) = some_if('b24: {
            match D::new("z").touch(0) {
                _ => value("w36", if let Some(a37) = Some(1) {
                    break 'b24 a37;
                    0
                } else {
                    0
                }).await,
            }
        }) else {
            return 0;
        };
        9
    }
}

/// Found by coro-fuzz (seed 11 program 1196, shrunk): the same field of a
/// frame local moved out in two arms of one `match` (arms exclude each
/// other, so natively that is fine).
#[allow(unused, unreachable_code, clippy::all)]
pub mod partial_move_same_field_in_two_arms {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut p19 = Pair { n: 0, d: D::new("z") };
        suspend("s43").await;
        match 0 {
            3 | 13 => (Pair { n: 0, d: p19.d }).n,
            4 => D::into_inner(p19.d),
            _ => 0,
        };
        0
    }
}

/// Found by coro-fuzz (seed 11 program 7, shrunk; the most common
/// behaviour difference of the run: in about 70 of its 110, lowered drops a
/// temporary before native does, e.g. programs 26, 37, 40, 72, not all
/// checked to be this cause): a field
/// read out of a tuple temporary, as the left operand of an operator whose
/// right operand awaits. The tuple temporary lives to the end of the
/// statement.
#[allow(unused, unreachable_code, clippy::all)]
pub mod operand_temporary_dropped_before_later_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        (0, D::new("z")).0 + ({
            let mut c12 = 0;
            'l11: loop {
                c12 += 1;
                if c12 > 3 {
                    break 'l11 0;
                }
                value("w28", 2).await;
            }
        });
        0
    }
}

/// Found by coro-fuzz (seed 11 program 240, shrunk; programs 211, 274, 359,
/// 1245, 1371 also read pointer-like garbage, not checked to be this
/// cause): a `let` whose initializer is a `match` with an await in each
/// arm. Lowered returns a garbage number: the frame slot of `a64` (or of a
/// value it is read from) is overwritten or never written, unsound memory
/// use, likely from sharing frame storage between values live together.
#[allow(unused, unreachable_code, clippy::all)]
pub mod match_with_awaiting_arms_result_garbage {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d53 = D::new("z");
        let a57 = 0;
        let a64 = match d53.touch(a57) {
            3 => {
                value("w60", vec![0]).await;
                a57
            },
            _ => into_fut("w62", D::with("t63", a57).get()).await,
        };
        a64
    }
}

/// Found by coro-fuzz (seed 11 program 463, shrunk; programs 193, 1107
/// also compute a wrong but plausible number, not checked to be this
/// cause): a local assigned inside a labelled block in the first element
/// of a tuple, then moved (through a struct literal and an await) in the
/// second element.
#[allow(unused, unreachable_code, clippy::all)]
pub mod reassigned_local_moved_in_tuple_reads_wrong_value {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a4 = 0;
        let mut d5 = value("w6", D::with("t7", {
            a4;
            2
        })).await;
        let (a70, d71) = ('b49: {
            d5 = D::with("t60", a4);
            0
        }, ready_now((Pair { n: 0, d: d5 }).d).await);
        value("w72", d71.get()).await
    }
}

/// Found by coro-fuzz (seed 1 program 146, shrunk; 21 of seed 1's first
/// 150 programs fail with E0507, not all checked to be this cause): an
/// awaiting guard splits a `match` on a tuple temporary into several
/// matches on its kept value, two of which move the same element in
/// different patterns (exclusive arms of the user's one `match`).
#[allow(unused, unreachable_code, clippy::all)]
pub mod awaiting_guard_split_match_moves_same_part {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<i64, i64> {
        let d2 = D::new("z");
        match (0, d2) {
            (4, d17) => {}
            (d2, _) if value("w28", true).await => {}
            (_, d30) => {}
        }
        Ok(0)
    }
}

/// Found by coro-fuzz (seed 1 program 18, shrunk; 15 of seed 1's first 150
/// programs differ in behaviour, not all checked to be this cause): the
/// tuple an inner `match` matches is a temporary of the whole statement, so
/// it lives through the outer `match`'s awaiting guard.
#[allow(unused, unreachable_code, clippy::all)]
pub mod inner_match_scrutinee_lives_through_outer_guard {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        match match (0, D::new("z")) {
            (a43, _) => 0,
            (_, d46) => 0,
        } {
            a50 if 0 >= value("w52", 0).await => {}
            _ => {}
        }
        0
    }
}

/// Found by coro-fuzz (seed 1 program 16, shrunk): a `let` binding a
/// borrow of a temporary (`let r = &make(..)`, the temporary extended to
/// the end of the block) whose initialiser holds a `match` with an
/// awaiting arm: the tuple it matches is a temporary of the statement, so
/// it drops at the `;`, before the extended temporary.
#[allow(unused, unreachable_code, clippy::all)]
pub mod extended_borrow_drops_statement_scrutinee_first_no_suspend {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a2 = &D::with("t19", match (2, D::new("z")) {
            (4, d21) => {
                suspend("s22").await;
                0
            },
            (a2, _) => 0,
            (_, mut d25) => 0,
        });
        0
    }
}

/// The same as `extended_borrow_drops_statement_scrutinee_first_no_suspend`
/// with the arm suspending and the extended temporary used across a later
/// await: the scrutinee drops at the statement's end, the extended
/// temporary after the binding, at the end of the block.
#[allow(unused, unreachable_code, clippy::all)]
pub mod extended_borrow_across_await_drops_statement_scrutinee_first {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let r = &D::with("r", match (value("w", 1).await, D::new("z")) {
            (1, _) => {
                suspend("s1").await;
                2
            }
            (_, d) => d.get(),
        });
        suspend("s2").await;
        r.get()
    }
}

/// Found by coro-fuzz (seed 1 program 24, shrunk): a temporary made inside
/// `vec![..]` (the `D` whose method gives the element) lives to the end of
/// the statement, across the await that follows in the same statement.
#[allow(unused, unreachable_code, clippy::all)]
pub mod temporary_inside_vec_macro_lives_across_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        value("w4", vec![D::new("z").touch(5)]).await;
        0
    }
}

/// The same with a value borrowed by `format!` (a temporary of the
/// statement) before an await in a later argument.
#[allow(unused, unreachable_code, clippy::all)]
pub mod format_argument_temporary_lives_across_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let s = format!("{}{}", D::new("z").touch(5), value("w4", 1).await);
        s.len() as i64
    }
}

/// Found by coro-fuzz (seed 1 program 59, shrunk): a temporary receiver
/// (`Pair { .. }.sum()`, a struct literal) of an operand lives to the end
/// of the statement, across an await inside a later operand's block.
#[allow(unused, unreachable_code, clippy::all)]
pub mod temporary_lives_across_await_in_later_block_operand_no_suspend {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        Pair { n: Pair { n: 0, d: D::new("z") }.sum(), d: {
            pending_n("w11", 0, D::new("z")).await;
            D::new("z")
        } };
        0
    }
}

/// Found by coro-fuzz (seed 1 program 43, shrunk): `p4.sum()` at the last
/// use of a frame value, `sum` a method taking `&self` with the name of
/// std's by-value `Iterator::sum`: the value stays in its variable and
/// drops at the end of its scope, after the variable declared later.
#[allow(unused, unreachable_code, clippy::all)]
pub mod borrowing_method_named_like_iterator_sum_keeps_receiver {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut p4 = Pair { n: 0, d: D::new("z") };
        let mut d5 = D::new("t6");
        if 0 >= pending_n("w26", 1, 0).await {
            p4.sum();
        }
        0
    }
}

/// As `borrowing_method_named_like_iterator_sum_keeps_receiver`, with the
/// value's type not written anywhere (it comes from an await), next to
/// std's `Option::unwrap` and `Iterator::sum`, which do take their
/// receivers.
#[allow(unused, unreachable_code, clippy::all)]
pub mod last_use_receiver_moved_only_by_std_by_value_methods {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let p = value("w", Pair { n: 1, d: D::new("p") }).await;
        let o = Some(D::new("o"));
        let it = vec![1, 2, 3].into_iter().map(|x| x * 2);
        let d = D::new("later");
        suspend("s").await;
        let n = p.sum() + o.unwrap().get() + it.sum::<i64>();
        suspend("s2").await;
        n
    }
}

/// Found by coro-fuzz (seed 1 program 84, shrunk): the temporaries of an
/// `if` condition that awaits (the tuple an inner `match` with an awaiting
/// arm matches) drop when the condition is evaluated, before the branch
/// runs.
#[allow(unused, unreachable_code, clippy::all)]
pub mod awaiting_if_condition_temporary_dropped_before_branch_no_suspend {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<i64, i64> {
        let r15 = &D::with("t14", 7);
        match (0, D::with("t24", r15.get())) {
            (_, d27) => {
                if d27.get() > (match (0, D::new("z")) {
                    (a34, _) => 0,
                    (_, mut d35) => {
                        ready_now(0).await;
                        0
                    },
                }) {
                    log("log40");
                }
            },
        }
        Ok(0)
    }
}

/// As `awaiting_if_condition_temporary_dropped_before_branch_no_suspend`
/// for a `while` condition and for an `if` whose branch suspends too.
#[allow(unused, unreachable_code, clippy::all)]
pub mod awaiting_while_and_if_condition_temporaries_dropped_before_body {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut n = 0;
        while n < (match (n, D::new("z")) { (0, _) => value("w", 2).await, _ => 1 }) {
            log("body");
            suspend("s").await;
            n += 1;
        }
        if n == (match (n, D::new("y")) { (1, _) => value("w2", 1).await, _ => 0 }) {
            log("then");
            suspend("s2").await;
        } else {
            log("else");
        }
        n
    }
}

/// Found by coro-fuzz (seed 1 program 61, shrunk; 76 and 82 failed with the
/// same error): a field moved out of a frame value whose type the syntax
/// does not name (`p13` is initialised from another variable), the value
/// used again after (its `Copy` field read): the lowering rejected it; its
/// other fields must still drop at the end of its scope.
#[allow(unused, unreachable_code, clippy::all)]
pub mod field_moved_out_of_untyped_value_used_again {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<i64, i64> {
        let mut p4 = Pair { n: 0, d: D::new("z") };
        let p13 = p4;
        Pair { d: p13.d, n: p13.n };
        value("w43", 0).await;
        Ok(0)
    }
}

/// As `field_moved_out_of_untyped_value_used_again`, with the move in one
/// arm of a `match` between awaits, and a tuple from an await whose middle
/// element is moved out: the other elements drop at the end of the scope
/// (or on cancellation), in order, after the variables declared later.
#[allow(unused, unreachable_code, clippy::all)]
pub mod field_moved_out_of_awaited_value_rest_dropped_at_scope_end {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let p13 = value("w12", Pair { n: 1, d: D::new("p") }).await;
        let later = D::new("later");
        suspend("s1").await;
        let m = match ev("e", 5) {
            5 => (Pair { d: p13.d, n: p13.n }).n,
            _ => 0,
        };
        suspend("s2").await;
        let t = value("w", (D::new("a"), D::new("b"), 3)).await;
        let b = t.1;
        suspend("s3").await;
        m + p13.n + t.2 + b.get()
    }
}

/// Found by coro-fuzz (seed 1 program 6, shrunk; E0308 lowered): in a let
/// chain of an `if` the lowering splits, a later test's `v2` is the name the
/// chain's `let` binds, not the frame variable `v2` it shadows.
#[allow(unused, unreachable_code, clippy::all)]
pub mod let_chain_test_sees_binding_shadowing_frame_variable {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<i64, i64> {
        let mut v2 = vec![0];
        if 0 < 2 {
            value("w21", 4).await
        } else if let Some(v2) = Some(1) && (v2 <= 9) {
            0
        } else {
            0
        };
        Err(0)
    }
}

/// Found by coro-fuzz (seed 1 program 124, shrunk): the condition of an
/// `else if let` keeps a temporary (the tuple whose field is read) across
/// its own await, as a statement's condition does; the `else if` is not a
/// statement of its own, so the check that runs such a statement natively
/// did not reach it.
#[allow(unused, unreachable_code, clippy::all)]
pub mod else_if_let_condition_temporary_lives_across_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        if let Some(a3) = some_if(0) && true {
        } else if let Some(a11) = value("w10", some_if((D::new("z"), 1).1)).await {
        }
        0
    }
}

/// The same for a `match` arm's expression (a scope of its temporaries):
/// the `D` a spilled operand is read from lives across the later operand's
/// await, to the end of the arm.
#[allow(unused, unreachable_code, clippy::all)]
pub mod match_arm_expression_temporary_lives_across_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let n = match ev("m", 1) {
            1 => add(D::new("a").get(), value("w", 2).await),
            _ => 0,
        };
        match ev("m2", 1) {
            1 => log(format!("{}", add(D::new("b").get(), value("w2", 3).await))),
            _ => {}
        }
        n
    }
}

/// Found by coro-fuzz (seed 1 programs 61 and 82, unshrunk after the fix
/// for the shrunk 61): a field moved out of a frame value whose type the
/// syntax does not name, inside a statement that runs natively (its
/// temporary `D::new("t")` lives across its await), the value used again
/// after: the value's dropper is stored through a pointer bound before the
/// statement's `async` block.
#[allow(unused, unreachable_code, clippy::all)]
pub mod field_moved_out_of_untyped_value_inside_native_statement {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let p = value("w", Pair { n: 1, d: D::new("p") }).await;
        let later = D::new("later");
        suspend("s").await;
        let n = D::new("t").touch((Pair { d: p.d, n: value("w2", 2).await }).n);
        suspend("s2").await;
        n + p.n
    }
}

/// Found by coro-fuzz (seed 1 program 76, unshrunk after the fixes for 61):
/// a statement run natively (its temporary lives across its await) holds a
/// `break 'b VALUE` out of it whose value has a `?`: the `?` returns from
/// the coroutine, not from the statement's `async` block.
#[allow(unused, unreachable_code, clippy::all)]
pub mod question_in_break_value_inside_native_statement {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<i64, i64> {
        let n = 'b: {
            if value("w", some_if(D::with("t", 1).get())).await.is_some() {
                suspend("s").await;
                break 'b (match ev("m", 4) {
                    4 => ck(3)?,
                    _ => 0,
                });
            }
            0
        };
        Ok(n)
    }
}

/// Found by coro-fuzz (seed 7 program 158), shrunk: in a let chain whose
/// first test awaits, a later test names the binding the `let` just made,
/// which hides a frame variable of the same name (the lowering compared the
/// outer `D`: E0369).
#[allow(unused, unreachable_code, clippy::all)]
pub mod let_chain_binding_hides_frame_var {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d1 = D::new("outer");
        suspend("s").await;
        let r = if let Some(d1) = value("w", Some(3)).await && ev("test", d1 >= 0) {
            d1
        } else {
            -1
        };
        r + d1.get()
    }
}

/// Found by coro-fuzz (seed 7 program 136), shrunk: a `break` with a value
/// out of a statement the lowering runs natively (its scrutinee's temporary
/// lives across the await), whose value itself returns. The `return` inside
/// the carried value was left as written (E0308 on `Flow`).
#[allow(unused, unreachable_code, clippy::all)]
pub mod break_value_that_returns_from_native_statement {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut c = 0;
        let v = 'l: loop {
            c += 1;
            if c > 2 {
                break 'l 0;
            }
            match ((0, D::new("t")).0, D::new("z")) {
                (_, a) => {
                    if into_fut("w", true).await {
                        break (if ev("c", c) == 1 {
                            return 7;
                        } else {
                            5
                        });
                    }
                }
            }
        };
        v
    }
}

/// Found by coro-fuzz (seed 1 program 186, a crash: `free(): invalid
/// pointer`), shrunk: a `Copy` local read by value, then borrowed by a
/// reference used across later awaits. The read ended its life as far as
/// its drop flag went, so its storage was shared with the `for` loop's
/// iterator while the reference still wrote through it.
#[allow(unused, unreachable_code, clippy::all)]
pub mod borrowed_copy_local_keeps_its_storage {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut d1 = 3;
        let r30 = &D::with("t29", d1);
        let m38 = &mut d1;
        for a46 in vec![0, 1] {
            (*m38) += r30.get();
            into_fut("w49", D::new("z")).await;
        }
        0
    }
}

/// Found by coro-fuzz (seed 2026 program 84), shrunk: a struct literal
/// whose earlier field is a `D` and whose later field is an `if` returning
/// an awaited value from one branch. The `D`, moved into the struct only
/// after the `if`, is held across that branch's await and dropped by its
/// `return`; the lowering kept it as a local of the first state, dropped
/// before the await.
#[allow(unused, unreachable_code, clippy::all)]
pub mod operand_held_across_await_in_later_branch_that_returns {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        Pair {
            d: D::new("z"),
            n: if ev("c", true) {
                return value("w5", 0).await;
            } else {
                0
            },
        };
        0
    }
}

/// Found by coro-fuzz (seed 2026 program 288), shrunk: `let _ = if let ..`
/// whose scrutinee holds a temporary (`D::with(..).touch(9)`) and whose
/// `then` block awaits. The temporary lives through the `then` block, as in
/// the same `if let` written as a statement; `let _ =` skipped the check
/// that runs such a statement natively, and it was dropped before the await.
#[allow(unused, unreachable_code, clippy::all)]
pub mod let_underscore_if_let_scrutinee_temporary_lives_through_then {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<i64, i64> {
        let _ = if let Some(a5) = some_if(D::with("t4", 1).touch(9)) {
            value("w14", Some(1)).await;
            D::new("z")
        } else {
            D::new("z")
        };
        Ok(0)
    }
}


/// Found by coro-fuzz (seed 2026 program 30), shrunk: a match guard whose
/// block declares `let mut c` (after an await, the scrutinee a saved local).
/// Removing `mut` from the arm's bindings went on into the guard's
/// expression and made its own `let mut c` immutable (E0384).
#[allow(unused, unreachable_code, clippy::all)]
pub mod guard_block_let_mut_keeps_its_mut {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let Some(a) = Some(1) else {
            return 1;
        };
        suspend("s").await;
        match a {
            b if ({
                let mut c = 0;
                'l: loop {
                    c += 1;
                    if c > 1 {
                        break 'l a;
                    }
                }
            }) <= 0 => b,
            _ => ev("other", a),
        }
    }
}

/// Found by coro-fuzz (seed 2026 program 129), shrunk: `break 'l <value>`
/// run natively (its scrutinee's temporary lives across the await) whose
/// value holds an unlabelled `break v` to the same loop. The two were taken
/// for different targets, so the inner value was evaluated at the jump,
/// outside its arm's bindings (E0425).
#[allow(unused, unreachable_code, clippy::all)]
pub mod unlabelled_break_value_inside_labelled_break_value {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut c = 0;
        'l: loop {
            c += 1;
            suspend("t").await;
            if c > 2 {
                break 'l if let Some(a) = Some(match (ev("k", c), D::new("z")) {
                    (3, _) => match (0, D::new("y")) {
                        (_, mut d) => {
                            break d.get() + 10;
                        }
                    },
                    (_, e) => e.get(),
                }) {
                    suspend("s").await;
                    a
                } else {
                    0
                };
            }
        }
    }
}

/// Found by coro-fuzz (seed 2026 program 175), shrunk: a statement that
/// begins with a field of a saved value (`p.n - 6;`). The field's read out
/// of its slot is a block, so printed at the start of a statement it ended
/// the statement there (`{ .. } - 6;`, E0308).
#[allow(unused, unreachable_code, clippy::all)]
pub mod statement_beginning_with_field_of_saved_value {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut p = Pair { n: 0, d: D::new("z") };
        p.n - 6;
        suspend("s").await;
        p.n = 2;
        p.n + 1
    }
}

/// Found by coro-fuzz (seed 2026 program 175), shrunk: a value a field was
/// read out of (so it has a dropper for what is left), assigned inside an
/// argument that awaits (lowered to the lowering's own `async` block). The
/// assignment dropped the old value through the frame, which the block
/// cannot name (rustc: "cyclic type of infinite size").
#[allow(unused, unreachable_code, clippy::all)]
pub mod assignment_in_awaiting_argument_drops_partly_moved_value {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut p = Pair { n: 0, d: D::new("z") };
        p.n;
        let k = ev("k", 1).max(if ev("c", 1) < 3 {
            p = Pair { n: 5, d: D::new("y") };
            p.n
        } else {
            suspend("s").await;
            8
        });
        suspend("t").await;
        k + p.n
    }
}

/// Found by coro-fuzz (seed 2026 program 143), shrunk: `let r = &E;` where a
/// temporary of `E` lives across an await in `E`. The statement ran as a
/// native block that returned `&E` (E0515: the borrowed value died with the
/// block); rustc extends `E` to the enclosing block. Now the block returns
/// `E` and the borrow is taken outside it.
#[allow(unused, unreachable_code, clippy::all)]
pub mod extended_borrow_of_value_whose_temporary_spans_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut n = 0;
        loop {
            n += 1;
            if ({
                let r = &D::with("a", D::new("t").touch(n) + value("w", 2).await);
                let m = &mut (D::new("b").get() + pending_n("p", 1, 3).await);
                suspend("s").await;
                r.get() + *m
            }) > D::with("c", 9).get()
                || n > 2
            {
                break;
            }
        }
        n
    }
}

/// Frame size: a scrutinee whose patterns take it whole (`Some(d)`), or
/// that a literal pattern matches (a number: no drop glue), is not kept in
/// the frame through arms that await; what the arms bind is.
#[allow(unused, unreachable_code, clippy::all)]
pub mod scrutinee_taken_whole_not_kept_through_arms {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut n = 0;
        for i in 0..3 {
            n += match value("o", if i == 1 { None } else { Some(D::with("d", i)) }).await {
                Some(d) => match value("k", d.get() * 3).await {
                    3 | 4 => value("three", d.get()).await + 30,
                    k => {
                        suspend("s").await;
                        k
                    }
                },
                None => 1,
            };
        }
        n
    }
}

/// Found by coro-fuzz (seed 2026 program 296 and seed 1 program 160, both
/// shrunk to this): `let a = &D::with(a);` shadowing `a`. The new binding
/// was declared before its initialiser (the extended temporary needs a
/// home first) and hid the old `a` from it (E0277, E0308).
#[allow(unused, unreachable_code, clippy::all)]
pub mod shadowing_binding_with_extended_temporary_reads_old_value {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let Some(a) = Some(1) else {
            return 0;
        };
        let a = &D::with("t", a + 1);
        let n = if let Some(b) = value("w", Some(2)).await {
            let b = &D::with("u", b);
            suspend("s").await;
            b.get()
        } else {
            0
        };
        let (c, d) = (&D::with("c", a.get()), value("v", 3).await);
        a.get() + n + c.get() + d
    }
}

/// Found by coro-fuzz (seed 10000 program 415), shrunk: an operand already
/// evaluated (`d4`, moved into the struct literal) and a `match` scrutinee
/// made after it in the same statement. rustc holds the operand in the
/// struct expression's own scope and the scrutinee to the statement's end:
/// cancelled (or leaving by `return`) in the arm, the operand drops first.
#[allow(unused, unreachable_code, clippy::all)]
pub mod operand_drops_before_later_scrutinee_of_its_statement {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d4 = D::new("z");
        let d5 = D::new("y");
        let n = (Pair { d: d4, n: match (0, D::new("t")) {
            (a, _) if ev("c", a) > 0 => return 7,
            (a, _) => value("w", a).await,
        } }).sum();
        (Pair { d: d5, n: match (1, D::new("u")) {
            (a, _) if ev("c", a) > 0 => return n + 7,
            (a, _) => value("v", a).await,
        } }).sum()
    }
}

/// Found by coro-fuzz (seed 10000 program 566), shrunk: a value a field
/// was read out of (it has a dropper) assigned anew. The old value drops
/// when the assignment happens, before the statement's temporaries (`t32`)
/// at its `;`; the lowering bound the new value by a `let` first, which
/// dropped them early.
#[allow(unused, unreachable_code, clippy::all)]
pub mod assignment_drops_old_value_before_statement_temporaries {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<i64, i64> {
        let mut a4 = Pair { n: 0, d: D::new("z") };
        a4 = Pair { d: D::new("y"), n: D::with("t32", 2).touch(a4.n) };
        value("w33", true).await;
        Ok(a4.n)
    }
}

/// Found by coro-fuzz (seed 10000 programs 720 and 1971): a field moved out
/// of a saved value inside `vec![..]`, the value used again after. Field
/// reads inside a macro's arguments were not seen as partial moves, so the
/// lowering took the move for a copy and rejected it (E0277).
#[allow(unused, unreachable_code, clippy::all)]
pub mod field_moved_inside_macro_value_used_again {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let p = value("p", Pair { n: 3, d: D::new("d") }).await;
        let q = Pair { n: 4, d: D::new("e") };
        suspend("s").await;
        let mut n = 0;
        for a in vec![2, (p.d.get(), p.d).0, q.n] {
            n += a;
        }
        let v = vec![q.d];
        suspend("t").await;
        n + p.n + q.n + v.len() as i64
    }
}

/// Found by coro-fuzz (seed 10000 program 2214), shrunk: an awaiting guard
/// holding a let chain whose `let` shadows the arm's binding. The guard
/// reads the arm's bindings through references (`(*a)`), and the later test
/// of the chain (`a >= 8`, the inner `a`) was rewritten too (E0614).
#[allow(unused, unreachable_code, clippy::all)]
pub mod awaiting_guard_let_chain_shadows_arm_binding {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut n = 0;
        for k in 0..3 {
            n += match ev("k", k) {
                a if (if let Some(a) = some_if(a + 7) && (a >= 8) {
                    value("w", a).await
                } else {
                    suspend("s").await;
                    a
                }) < 9 => a + 100,
                a => a,
            };
        }
        n
    }
}

/// Found by coro-fuzz (seed 10000 program 2781), shrunk: an `if` condition
/// that awaits, itself holding an `if` whose condition awaits. The outer
/// condition's var was named before the inner one was declared, and both
/// got the same name (E0384).
#[allow(unused, unreachable_code, clippy::all)]
pub mod nested_awaiting_conditions_get_distinct_names {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut n = 0;
        if (if value("w", Some(1)).await.is_some() { 2 } else { 3 }) != 0 {
            n += 1;
        }
        while (if value("v", n).await < 3 { n } else { 9 }) < 3 {
            n += 1;
        }
        n
    }
}

/// Found by coro-fuzz (seed 10000 program 4439), shrunk: a `match` as a
/// `match` arm's expression. An arm's expression is a temporary scope of
/// its own: the inner scrutinee (`z`) drops at the arm's end, before the
/// arm's binding (`d18`, holding `t8`), not at the end of the statement.
#[allow(unused, unreachable_code, clippy::all)]
pub mod scrutinee_in_arm_expression_drops_before_arm_binding {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<i64, i64> {
        match (4, D::with("t8", 0)) {
            (_, d10) => {
                let mut a60 = match (0, d10) {
                    (_, d18) => match (0, D::new("z")) {
                        (a46, _) if ready_now(true).await => 0,
                        (_, d10) => 0,
                    },
                };
                if (match (1, D::new("c")) { (k, _) => k + value("w", 1).await }) > 0 {
                    log("then");
                }
                0
            }
        };
        Ok(0)
    }
}

/// The second operand of `&&`/`||` and a match guard are temporary scopes
/// of their own: a scrutinee kept across an await inside drops at their
/// end, before values of the enclosing statement made before them.
#[allow(unused, unreachable_code, clippy::all)]
pub mod lazy_operand_and_guard_are_temporary_scopes {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d = D::new("d");
        let a = (ev("x", 1) > 0 && match (0, D::new("z")) { (k, _) => value("w", k).await == 0 }, D::new("after")).0;
        let b = match (ev("m", 2), D::new("y")) {
            (k, _) if match (k, D::new("g")) { (j, _) => value("v", j).await > 1 } => k,
            _ => 0,
        };
        let c = ev("o", 0) > 0 || (D::new("p").get(), value("u", 3).await).1 > 2;
        (a as i64) + b + (c as i64)
    }
}

/// Found by coro-fuzz (seed 10000 program 7358), shrunk: a local read only
/// in the guard of a `match` whose arm awaits, after a statement that
/// copies it (`a5;`). Liveness did not see uses in guards, so the local's
/// storage was reused by the loop while the guard still read it (lowered
/// took the wrong arm).
#[allow(unused, unreachable_code, clippy::all)]
pub mod local_read_only_in_guard_keeps_its_storage {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<i64, i64> {
        let a5 = (Pair { n: 1, d: D::with("t4", 7) }).sum();
        a5;
        Ok({
            let mut c37 = 0;
            'l36: loop {
                c37 += 1;
                if c37 > 3 {
                    break 'l36 0;
                }
                ck(9)? != (match 8 {
                    a39 if a5 != a39 => 0,
                    _ => {
                        let mut c43 = 0;
                        'l42: loop {
                            c43 += 1;
                            if c43 > 1 {
                                break 'l42 value("w44", 0).await;
                            }
                        }
                    }
                });
            }
        })
    }
}

/// Found by coro-fuzz (seed 10000 program 7567), shrunk: a statement that
/// runs as a native block (a temporary lives across its await) breaks with
/// values to two labels, and one value reads a name the block shadows. A
/// block carried the values of one label only; the other label's value was
/// evaluated outside the block, where `p` named the outer `Pair` (E0308).
#[allow(unused, unreachable_code, clippy::all)]
pub mod break_values_to_two_labels_from_native_statement {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let p = Pair { n: 1, d: D::new("p") };
        let mut c = 0;
        let r = 'outer: loop {
            c += 1;
            let inner: i64 = 'inner: loop {
                (D::new("t").get(), {
                    let mut p = ev("shadow", 4);
                    p += c;
                    let Some(a) = some_if(p) else { break 'outer value("w", p).await };
                    if a > 7 {
                        break 'inner a;
                    }
                    value("v", a).await
                })
                    .1;
                break 0;
            };
            if inner > 100 {
                break -1;
            }
        };
        r + p.sum()
    }
}

/// Found by coro-fuzz (seed 10000 program 8252), shrunk: the temporaries of
/// an `if let` (or let chain) condition drop before its `else` block runs
/// (edition 2024), here values that an await in the condition produced.
/// Then-branches and else-branches with and without awaits, first and
/// later tests suspending.
#[allow(unused, unreachable_code, clippy::all)]
pub mod let_chain_condition_temporaries_drop_before_else {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut n = 0;
        if let Some(a) = some_if(into_fut("w", D::with("t", 4)).await.touch(1)) && ev("e", false) {
            n = a;
        } else {
            n = value("v", 2).await;
        }
        if let Some(a) = some_if(into_fut("w1", D::with("t1", 2)).await.touch(1)) {
            n += a;
        } else {
            n += ev("else1", 1);
        }
        if let Some(a) = some_if(into_fut("w2", D::with("t2", 2)).await.touch(1)) {
            n += value("v2", a).await;
        } else {
            n += ev("else2", 1);
        }
        if let Some(a) = some_if(into_fut("w3", D::with("t3", 4)).await.touch(1)) && ev("e3", false) {
            n += a;
        } else {
            n += ev("else3", 1);
        }
        if let Some(a) = some_if(ev("f4", 4)) && let Some(b) = some_if(into_fut("w4", D::with("t4", 4)).await.touch(a)) {
            n += b;
        } else {
            n += ev("else4", 1);
        }
        if let Some(a) = some_if(ev("f5", 4)) && let Some(b) = some_if(into_fut("w5", D::with("t5", 4)).await.touch(1)) && ev("e5", false) {
            n += b;
        } else {
            n += value("else5", 1).await;
        }
        if let Some(a) = some_if(into_fut("w6", D::with("t6", 1)).await.touch(1)) {
            n += ev("then6", a);
        } else if let Some(b) = some_if(into_fut("w7", D::with("t7", 2)).await.touch(1)) {
            n += b;
        } else {
            n += ev("else7", 1);
        }
        n
    }
}

/// Found by coro-fuzz (seed 10000 program 7999), shrunk: a panic while a
/// local that is moved before any await (so it lives in the poll function,
/// not the frame: `d3`) is alive, and a frame value declared after it
/// (`d6`) is too. Unwinding drops them in reverse declaration order, `d6`
/// first, as rustc's does; the frame's values used to drop after every
/// local of the poll function.
#[allow(unused, unreachable_code, clippy::all)]
pub mod panic_drops_frame_value_before_older_poll_local {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<i64, i64> {
        suspend("s").await;
        let d1 = D::new("z");
        let d3 = D::new("d4");
        let mut d6 = d1;
        pending_n("w7", 0, 'b9: {
            if ev("e", true) {
                panic!("panic 11");
            }
            'b12: {
                d3;
                0
            }
        }).await;
        Ok(d6.get())
    }
}

/// Several locals of the poll function interleaved with frame values, a
/// panic while all are alive: one reverse declaration order throughout.
#[allow(unused, unreachable_code, clippy::all)]
pub mod panic_drops_interleaved_poll_locals_and_frame_values {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        suspend("s").await;
        let a = D::new("a");
        let p = D::new("p");
        let b = D::new("b");
        let q = D::new("q");
        let c = D::new("c");
        let n = value("w", {
            if ev("e", true) {
                panic!("boom");
            }
            D::into_inner(p) + D::into_inner(q)
        })
        .await;
        n + a.get() + b.get() + c.get()
    }
}

/// Let chains whose later test suspends and fails, after an earlier test
/// bound a value with drop glue (and a kept temporary): the binding drops
/// before the `else` branch or the loop's exit. The lowering used to leave
/// them in their slots, never dropped (found with the case above).
#[allow(unused, unreachable_code, clippy::all)]
pub mod let_chain_failed_suspending_test_drops_earlier_bindings {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut i = 0;
        let mut n = 0;
        while let Some(d) = (if i < 4 { Some(D::with("b", i)) } else { None })
            && value("w", d.get() != 2).await
        {
            n += d.get();
            i += 1;
        }
        if let Some(e) = Some(D::with("e", 5))
            && let Some(k) = some_if(into_fut("f", D::with("t", 3)).await.touch(e.get()))
            && value("g", k > 100).await
        {
            n += k;
        } else {
            n += ev("else", 1);
        }
        n
    }
}

/// Found by coro-fuzz (seed 20261126 program 2930), shrunk: a local moved
/// inside a statement that runs as a native block (`match (1, d6)`, after
/// an await of the block) was taken into the block when the block was
/// made, so a cancellation before the move dropped it with the block's
/// future, before an older local (`d8`). It now stays in the frame until
/// the move happens, and drops in declaration order.
#[allow(unused, unreachable_code, clippy::all)]
pub mod local_moved_inside_native_statement_drops_in_order_on_cancel {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<i64, i64> {
        let d6 = D::with("t7", 9);
        let d8 = D::new("d9");
        'l10: for a11 in value("w23", vec![value("w12", 9).await, match (1, d6) {
            (0, d13) => d8.get(),
            (a14, _) if 2 < 0 => a14,
            (_, d15) => {
                pending_n("w22", 1, ck(4)?).await
            },
        }]).await {
        }
        Ok(3)
    }
}

/// Found by coro-fuzz (seed 20261126 programs 2416 and 5078), shrunk: the
/// temporaries of a `for` loop's iterable live to the loop's end, after
/// its body. When the iterable awaits (so the loop is lowered), they used
/// to drop where the iterator was made, before the body ran.
#[allow(unused, unreachable_code, clippy::all)]
pub mod for_iterable_temporaries_live_through_the_loop {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut n = 0;
        for a in vec![value("w", 3).await, (5, D::with("t", 1)).0, D::new("u").get()] {
            n += ev("body", a);
        }
        ev("after", n)
    }
}

/// Found by coro-fuzz (seed 20261126 program 4728), shrunk: a comparison
/// reads its left operand (`a27`, an integer) before its right operand,
/// which changes it and awaits, runs. The lowering read it after, and took
/// the other branch.
#[allow(unused, unreachable_code, clippy::all)]
pub mod comparison_reads_left_place_before_right_operand_changes_it {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut a27 = 0;
        if a27 >= ready_now({
            let mut c42 = 0;
            'l41: loop {
                c42 += 1;
                if c42 > 3 {
                    break 'l41 5;
                }
                a27 += 6;
            }
        })
        .await
        {
            ev("then", a27)
        } else if let Some(a27) = Some(1)
            && (value("w77", 0).await != 0)
        {
            a27
        } else {
            ev("else", a27) + (a27 < value("v", { a27 -= 1; a27 }).await) as i64
        }
    }
}

/// A receiver that std's methods take by value (`Option::unwrap_or`), at
/// its last use, with an argument that awaits: rustc moves it into the
/// call before the argument runs, so cancelled during that await it drops
/// first, before the values declared after it. The lowering moved it only
/// at the call (it dropped last); then it rejected the call (E0507) until
/// it learnt to evaluate the receiver into a temporary before the
/// arguments. `{ o }`, the workaround of that time, still works too.
#[allow(unused, unreachable_code, clippy::all, clippy::unnecessary_literal_unwrap)]
pub mod std_receiver_moved_before_awaiting_argument {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let o = Some(D::with("o", 1));
        let later = D::new("later");
        suspend("s").await;
        let d = o.unwrap_or(value("w", D::with("w", 2)).await);
        let o2 = Some(D::with("o2", 3));
        suspend("s2").await;
        let e = { o2 }.unwrap_or(value("w2", D::with("w2", 4)).await);
        d.get() + e.get()
    }
}

/// Found by coro-fuzz (seed 20261131 program 60, shrunk): a move after a
/// `break` out of its labelled block never runs, so the value lives across
/// the later await and drops at the end; the lowering took the move as
/// certain, kept the value out of the frame, and dropped it at the first
/// suspension.
#[allow(unused, unreachable_code, clippy::all)]
pub mod move_after_break_out_of_labelled_block_does_not_run {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d6 = D::new("z");
        'b19: {
            break 'b19;
            d6;
        }
        value("w34", Some(1)).await;
        0
    }
}

/// Unlike `move_after_break_out_of_labelled_block_does_not_run`: a move
/// after a `?` (whose other path leaves the function, so nothing is held
/// across a suspension) or after a `break` of an inner loop (which does not
/// leave the block) is certain: neither value crosses the await.
#[allow(unused, unreachable_code, clippy::all)]
pub mod move_after_question_mark_may_not_run {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<i64, i64> {
        let d = D::new("d");
        let e = D::new("e");
        let n = {
            let k = some_if(1).ok_or(0)?;
            drop(d);
            k
        };
        loop {
            break;
        }
        drop(e);
        value("w", n).await;
        Ok(n)
    }
}

/// Found by coro-fuzz (seed 20261133 program 32): a method taking `self`
/// by value on a parenthesised receiver, `(x).consume(..)`, as on a block
/// whose value the lowering keeps in a var of its own: the parentheses hid
/// the var from the receiver's analysis, which left it in place (E0507).
/// Also with an argument that awaits.
#[allow(unused, unreachable_code, clippy::all)]
pub mod parenthesised_receiver_moved_by_value_method {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = ({
            suspend("s").await;
            D::new("block")
        })
        .consume(1);
        let x = D::with("x", 2);
        let y = D::with("y", 3);
        let later = D::new("later");
        suspend("t").await;
        let b = (x).consume(4);
        let c = (y).consume(value("w", 5).await);
        a + b + c
    }
}

/// Found by coro-fuzz (seed 20261133 program 269, shrunk): a value moved at
/// its last use in one branch of an `if`, and used in the other branch
/// after an await there. The other branch's code is in a later block, which
/// the lowering took as "after" the move, so it kept the value in place
/// (E0507 for a method taking `self`). Only the edges out of a block that a
/// path through the mention can take count now.
#[allow(unused, unreachable_code, clippy::all)]
pub mod value_used_after_await_in_other_branch_only {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d1 = D::new("z");
        let a = if ev("c", true) {
            d1.consume(8)
        } else {
            let Some(k) = value("w41", Some(1)).await else {
                return D::into_inner(d1);
            };
            d1.get() + k
        };
        let d2 = D::new("y");
        let b = if ev("c2", false) {
            d2.consume(1)
        } else {
            suspend("s").await;
            d2.get()
        };
        a + b
    }
}

/// Found by coro-fuzz (seed 20261133 program 115, shrunk): a receiver
/// taken by value at its last use, with a `?` in an argument (no await).
/// rustc moves the receiver into the call first; if the `?` returns, that
/// moved value drops with the statement's temporaries, before the locals.
/// The lowering took the `?`'s own names for an argument that suspends and
/// kept the receiver in place (E0507).
#[allow(unused, unreachable_code, clippy::all)]
pub mod receiver_taken_before_question_mark_in_argument {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<i64, i64> {
        let d1 = D::with("d1", 1);
        let d2 = D::with("d2", 2);
        let later = D::new("later");
        suspend("s").await;
        let a = value("w", d1.consume(ck(ev("k", 4))?)).await;
        let b = d2.consume(ck(ev("k2", 3))?);
        Ok(a + b + later.get())
    }
}

/// Found by coro-fuzz (seed 20261133 program 130, shrunk): a value read by
/// one element of a tuple and moved by a method taking `self` in the next.
/// The read made the tuple's value look like a borrower of the value, so
/// the lowering kept it in place (E0507). A move that the method's type
/// decides no longer looks at borrowers: one alive after a real move is
/// rustc's own error.
#[allow(unused, unreachable_code, clippy::all)]
pub mod value_read_then_moved_in_one_tuple {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d7 = D::with("d7", 3);
        let a22 = match (0, d7) {
            (_, d14) => {
                suspend("s16").await;
                (D::with("t21", d14.get()), d14.consume(8)).1
            }
        };
        a22
    }
}

/// Found by coro-fuzz (seed 20261133 program 204, shrunk): a value moved in
/// the then-branch of an `if let` whose scrutinee awaits, used in its
/// `else` branch. The lowering writes such an `if let` as a labelled block
/// that the then-branch breaks out of (`'b: { if let .. { break 'b T; } F }`),
/// so the `else` code followed the move in its block and the value stayed
/// in place (E0507). Code after a branch whose end control never reaches
/// does not follow the code in it.
#[allow(unused, unreachable_code, clippy::all)]
pub mod value_moved_in_if_let_then_used_in_else {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d31 = D::with("d31", 2);
        let later = D::new("later");
        let a = if let Some(k) = value("w37", Some(1)).await {
            d31.consume(k)
        } else {
            d31.get()
        };
        let d32 = D::with("d32", 3);
        let b = if let Some(k) = value("w38", None::<i64>).await {
            d32.consume(k)
        } else {
            suspend("s").await;
            d32.get()
        };
        a + b
    }
}

/// Found by coro-fuzz (seed 20261133 program 204, shrunk again): a value
/// moved in one branch of an `if` or `match` that is not split into
/// states (no await in it, or a statement run as a native `async` block),
/// used in another branch. The branches of such code were one list for
/// the lowering, so the use seemed to follow the move, and the value stayed
/// in place (E0507). Code branches now carry their own place in the paths.
#[allow(unused, unreachable_code, clippy::all)]
pub mod value_moved_in_one_code_branch_used_in_another {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let x = D::with("x", 1);
        let y = D::with("y", 2);
        let z = D::with("z", 3);
        let w = D::with("w", 4);
        suspend("s").await;
        let a = if ev("c", false) { x.consume(0) } else { x.get() };
        let b = match ev("m", 2) {
            1 => y.consume(1),
            k if k > 5 => y.consume(k),
            _ => y.get(),
        };
        let c = if let Some(k) = value("w37", some_if(D::new("t").get() + 1)).await {
            z.consume(k)
        } else {
            z.get()
        };
        let d = if ev("c2", true) { w.consume(7) } else { w.get() };
        a + b + c + d
    }
}

/// Found by coro-fuzz (seed 20261133 program 204, shrunk a third time): a
/// value declared inside a loop, moved in one branch, used in another
/// branch that the next iteration may take. The next iteration's value is a
/// new one (its `let` runs again), but the lowering took the use as
/// following the move round the loop, and kept the value in place (E0507).
#[allow(unused, unreachable_code, clippy::all)]
pub mod value_declared_in_loop_moved_then_new_one_used {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut total = 0;
        let mut i = 0;
        while i < 4
            && ({
                let d = D::with(format!("c{i}"), i);
                if i % 2 == 0 {
                    d.consume(1) + ready_now(0).await
                } else {
                    d.get()
                }
            }) >= 0
        {
            i += 1;
        }
        for k in 0..4 {
            let d = D::with(format!("l{k}"), k);
            if k % 2 == 1 {
                total += d.consume(10);
                suspend("odd").await;
            } else {
                suspend("even").await;
                total += d.get();
            }
        }
        total + i
    }
}

/// Found by coro-fuzz (seed 7 program 54, the CI run, and seed 20261136
/// program 506; shrunk): a value moved in one `match` arm, read in a later
/// arm's guard. A later guard runs only
/// if no earlier arm was taken, but it counted as following the earlier
/// arm's body, so the value stayed in place (E0507).
#[allow(unused, unreachable_code, clippy::all)]
pub mod value_moved_in_arm_read_in_later_guard {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let d1 = D::with("d1", 9);
        let d2 = D::with("d2", 8);
        let k = ev("k", 1);
        let a = match D::new("t").get() + k {
            1 => value("w11", D::with("t12", d1.consume(4))).await.get(),
            a30 if d1.get() > 7 => a30,
            _ => 0,
        };
        let b = match k {
            2 => {
                let r = d2.consume(1);
                value("w", r).await
            }
            a if d2.get() > 7 => a,
            _ => 0,
        };
        // Seed 20261136 program 506: the arms suspend, so the match is
        // split into states, and the guard was coded before the arms' lists.
        let d3 = D::with("d3", 7);
        let c = match ev("k3", 4) {
            4 => d3.consume(0),
            a69 if d3.get() < 9 => ready_now(a69).await,
            _ => 0,
        };
        a + b + c
    }
}

/// A value moved in a branch that leaves the function (`return`, a `let ..
/// else`'s block, a `break` out of a loop that suspends) and used after
/// that branch: the use does not follow the move. The lowering took it as
/// following, and kept the value in place (E0507).
#[allow(unused, unreachable_code, clippy::all)]
pub mod value_moved_in_branch_that_leaves_used_after_it {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let x = D::with("x", 1);
        let y = D::with("y", 2);
        let z = D::with("z", 3);
        suspend("s").await;
        if ev("c", false) {
            return x.consume(10);
        }
        let Some(k) = some_if(ev("k", 4)) else {
            return y.consume(20);
        };
        let mut n = 0;
        let w = D::with("w", 5);
        loop {
            n += value("n", 1).await;
            if n > 2 {
                let r = w.consume(30);
                break;
            }
        }
        match ev("m", 7) {
            0 => return z.consume(40),
            _ => {}
        }
        x.get() + y.get() + z.get() + k + n
    }
}

/// Found by coro-fuzz (seed 20261136 program 535, shrunk): a value moved by
/// a method taking `self`, then assigned again later (in a loop's `break`
/// value that awaits). The assignment counted as a use of the moved value,
/// so the value stayed in place (E0507). Assigning reads nothing, and a
/// use that the assignment comes before sees the new value, also inside a
/// branch of code (program 535 shrunk again). (A use after an assignment
/// in only one branch still counts.)
#[allow(unused, unreachable_code, clippy::all)]
pub mod value_moved_then_assigned_in_later_state {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut a6 = D::with("a6", 1);
        let mut b6 = D::with("b6", 1);
        let z = (b6.consume(1), {
            let mut c = 0;
            'l: loop {
                c += 1;
                if c > 1 {
                    break 'l ({
                        if ev("c", true) {
                            b6 = D::with("b6 in a branch", 6);
                            b6.get();
                        }
                        value("w52", 4).await
                    });
                }
            }
        })
            .1;
        // Shrunk a fourth time: the assignment is a statement of its own
        // (its own scope), whose value suspends.
        let mut c6 = D::with("c6", 1);
        let w = (c6.consume(3), {
            c6 = if let Some(k) = some_if(ev("k", 1)) {
                value("w37", 9).await;
                D::with("c6 again", k)
            } else {
                D::new("c6 else")
            };
            c6.get()
        })
            .1;
        let (x, y) = (a6.consume(2), {
            let mut c34 = 0;
            'l33: loop {
                c34 += 1;
                if c34 > 2 {
                    break 'l33 ({
                        a6 = D::with("a6 again", 5);
                        a6.get();
                        value("w51", 3).await
                    });
                }
            }
        });
        suspend("s").await;
        x + y + z + w
    }
}

/// Found by coro-fuzz (seed 20261143 program 563, shrunk): a `return` that
/// leaves the scope of a value the poll function holds (moved later, before
/// any await, so it needs no home in the frame) and of a value declared
/// after it in the frame. rustc drops the younger first; the lowering
/// dropped the poll function's locals before the frame's values. The guard
/// declared after such a local now drops the younger frame values on an
/// exit too. (Also a `break` out of a loop's body, and a `?`.)
#[allow(unused, unreachable_code, clippy::all)]
pub mod return_drops_frame_value_before_older_local_no_suspend {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<i64, i64> {
        let p5 = Pair { n: 0, d: D::new("z") };
        let d6 = D::with("d7", 0);
        if ev("c", true) {
            return Ok(0)
        } else {
            0
        };
        p5;
        Ok(pending_n("w27", 2, 0).await)
    }
}

/// As [`return_drops_frame_value_before_older_local_no_suspend`], leaving a loop's
/// body by `break` and by `?`.
#[allow(unused, unreachable_code, clippy::all)]
pub mod break_and_question_drop_frame_value_before_older_local {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<i64, i64> {
        let mut n = 0;
        loop {
            n += 1;
            let local = D::new(format!("local{n}"));
            let held = D::with(format!("held{n}"), n);
            if n == 2 {
                break;
            }
            ck(if n == 3 { 3 } else { n })?;
            drop(local);
            suspend(format!("s{n}")).await;
            log(format!("held {}", held.get()));
        }
        let local = D::new("local after");
        let held = D::with("held after", 7);
        ck(ev("three", 3))?;
        drop(local);
        Ok(value("w", held.get()).await)
    }
}

/// Found by coro-fuzz (seed 20261147 program 742, shrunk): a value moved in
/// the first arm of a `match` whose pattern always matches (the arm then
/// returns), and used after the `match`, which only the never-taken later
/// arm reaches. The statement runs as a native block (its scrutinee's
/// temporary lives across the arm's await), where the lowering took the
/// block's `return` for one that leaves only the block, and the later arm
/// for one that may run: the move looked followed by a use (E0507). Arms
/// after an irrefutable one are left out of a `match` split into states
/// too.
#[allow(unused, unreachable_code, unreachable_patterns, clippy::all)]
pub mod value_moved_in_irrefutable_arm_of_native_match {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        match (0, D::new("z")) {
            (1, d15) => {
                match match (5, D::new("z")) {
                    (_, mut d19) => 0,
                } {
                    a29 => {
                        ready_now(d15.consume(0)).await;
                        return 0;
                    }
                    _ => {}
                }
                (d15, 0).1
            }
            (_, d54) => 0,
        };
        let d = D::new("d");
        match ev("n", 3) {
            n => {
                let m = value("m", d.consume(n)).await;
                return m;
            }
            _ => {}
        }
        d.get()
    }
}

/// Found by coro-fuzz (seed 20261148 program 713, shrunk): a value moved
/// by a method at the end of a labelled block, after an `if` whose branch
/// suspends and then breaks out of the block using the value. The
/// suspension's edge out of the block's first state comes before the move,
/// yet the analysis took it as following the move (E0507); edges now know
/// the last mention before them.
pub mod value_moved_after_branch_that_suspends_and_breaks {
    use super::*;

    #[self::coroutine]
    async fn pick(c: bool) -> i64 {
        let d15 = D::with("d15", 3);
        let n = 'b44: {
            if ev("c", c) {
                suspend("s46").await;
                break 'b44 d15.get();
            }
            d15.consume(1)
        };
        suspend("after").await;
        n
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        pick(true).await * 10 + pick(false).await
    }
}

/// Found by coro-fuzz (seed 20261149 program 374, shrunk): a value moved
/// inside a `let .. else` initialiser that awaits, assigned again at the top
/// of a later state, then used after another await. The use is reached
/// only through the assignment, but the analysis looked for an assignment
/// in the use's own state only (E0507). The search of what follows a move
/// now stops at a state's top-level assignment of the value.
pub mod value_moved_assigned_in_later_state_then_used_after_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut d5 = D::with("d5", 1);
        let Some(a) = some_if({
            into_fut("w11", if ev("c", true) {
                d5.consume(0)
            } else {
                0
            })
            .await;
            4
        }) else {
            return 0;
        };
        d5 = D::with("d5 again", a);
        pending_n("w53", 1, Pair { n: 0, d: D::new("z") }).await;
        D::into_inner(d5)
    }
}

/// A value borrowed through a method (`first_mut`, an autoref syntax does
/// not show) by a variable in scope across an await, then dropped before
/// that await, the borrow no longer used: rustc keeps neither. The
/// lowering made the dropped value a local of the poll (moved before any
/// suspension) but kept the borrower in the frame, which held the local
/// borrowed for the whole poll (E0505 at the drop); a value written into
/// the frame from it now keeps it in the frame too.
#[allow(unused, unreachable_code, clippy::all)]
pub mod value_lent_to_frame_variable_dropped_before_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut guard = vec![D::with("g", 1), D::with("h", 2)];
        let first = guard.first_mut().map(|d| d.get());
        let e = guard.last_mut().unwrap();
        let v = e.get();
        drop(guard);
        let later = D::new("later");
        suspend("s").await;
        v + first.unwrap_or(0) + later.get()
    }
}

/// Found by coro-fuzz (seed 20261163 program 818, shrunk): a value moved
/// by a generic method before an await of the same statement, then
/// assigned again and used inside a statement run as an `async` block of
/// the lowering's own. The use follows the assignment in that block, but
/// the analysis took assignments inside such a block for ones that may not
/// run: the move looked followed by a use (E0507).
#[allow(unused, unreachable_code, clippy::all)]
pub mod value_assigned_again_inside_native_statement_after_move {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<i64, i64> {
        let mut d1 = D::new("z");
        vec![d1.consume_into(4), into_fut("w6", 1).await, 0];
        value(
            "w61",
            ck(match (0, D::new("y")) {
                (0, d10) => {
                    d1 = D::new("x");
                    d1;
                    7
                }
                (_, d58) => 0,
            }),
        )
        .await;
        Err(0)
    }
}

/// Found by coro-fuzz (seed 20261167 program 619, reduced): a value moved
/// at its last use before an await, then, in a loop of code after the
/// await, assigned again and moved at the top of the loop's body. The use
/// follows the assignment in every iteration, but the analysis counted no
/// assignment inside a loop as coming before anything: the move looked
/// followed by a use (E0507). The shrunk program leaves the loop first
/// (`if c { break }`), before the assignment: what follows the assignment
/// there still sees it (the second loop).
#[allow(unused, unreachable_code, clippy::all)]
pub mod value_assigned_again_at_top_of_loop_body_after_move {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut d16 = D::new("z");
        d16.map(0, |s| s.len() as i64);
        into_fut("w29", 0).await;
        {
            let mut c49 = 0;
            'l48: loop {
                c49 += 1;
                d16 = D::with("y", c49);
                d16.consume(1);
                if c49 > 1 {
                    break 'l48 0;
                }
            }
        };
        d16 = D::new("w");
        d16.map(1, |s| s.len() as i64);
        into_fut("w30", 0).await;
        let mut c = 0;
        loop {
            c += 1;
            if c > 2 {
                break;
            }
            d16 = D::with("x", c);
            d16.consume(2);
        }
        0
    }
}

/// Found by coro-fuzz (seed 20261168 program 968, shrunk): a receiver
/// spilled before an argument that awaits, `?` on that argument, inside the
/// operand of another await. The spilled receiver (`Spilled::receiver(t)`)
/// counted as a temporary whose method the future might borrow, so the
/// outer await ran in an `async` block of the lowering's own, where the
/// `?` then returned from the poll function (E0308). It is the receiver
/// moved into the call or a pointer into its slot, never such a temporary.
#[allow(unused, unreachable_code, clippy::all)]
pub mod spilled_receiver_with_question_inside_awaited_operand {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> Result<i64, i64> {
        let d50 = D::new("z");
        let a = value("w58", d50.touch(value("w59", ck(0)).await?)).await;
        let e = D::new("e");
        let b = value("w60", e.touch(value("w61", Err::<i64, i64>(3)).await?)).await;
        Ok(a + b)
    }
}

/// Found by writing library code (a `Box<dyn Fn>` argument called in a
/// loop): calls whose receivers syntax guessed are taken by value (a
/// closure called, `send()`) moved the value out of its slot at their last
/// use in the source, inside a loop: each iteration moved it out again
/// (a double drop). A boxed `Fn`, and a `send(&self)` of the value's own
/// (also on a field), are now used in place there; `Mutex::get_mut`, which `Pin` takes by
/// value, is asked of the type, which borrows it (dropped at the end of
/// its scope, after `later`).
#[allow(clippy::all)]
pub mod guessed_by_value_receiver_called_in_a_loop {
    use super::*;
    use std::sync::Mutex;

    pub struct Req(D);

    pub struct Pair {
        req: Req,
        n: i64,
    }

    impl Req {
        fn send(&self) -> i64 {
            self.0.get()
        }
    }

    #[self::coroutine]
    async fn apply(f: Box<dyn Fn(i64) -> i64>) -> i64 {
        suspend("apply").await;
        let mut t = 0;
        for x in 0..3 {
            t += f(x);
        }
        t
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let seen = D::with("seen", 10);
        let f: Box<dyn Fn(i64) -> i64> = Box::new(move |x| x * seen.get());
        let r = Req(D::with("r", 2));
        let mut m = Mutex::new(vec![D::new("m0")]);
        let pair = Pair { req: Req(D::with("pair", 3)), n: 4 };
        suspend("s1").await;
        let mut t = apply(f).await;
        for i in 0..2 {
            t += r.send() * i + pair.req.send() + pair.n;
            m.get_mut().unwrap().push(D::new(format!("m{}", i + 1)));
        }
        let n = m.get_mut().unwrap().len() as i64;
        let _later = D::new("later");
        suspend("s2").await;
        t + n
    }
}

/// Found by writing application code: a `match` as the body's value whose
/// arm suspends and then returns. The arm's block value was given a frame
/// slot that nothing wrote, whose type nothing told (E0282).
#[allow(clippy::needless_return)]
pub mod arm_that_suspends_then_returns_in_tail_match {
    use super::*;

    #[self::coroutine]
    async fn serve(c: u8) -> usize {
        match c {
            0 => {
                suspend("zero").await;
                return 7;
            }
            _ => 5,
        }
    }

    #[self::coroutine]
    pub async fn run() -> usize {
        serve(0).await + serve(1).await
    }
}

/// Found by writing application code: a field of a field read out by value
/// (`let name = p.inner.name;`, `let v = p.head.v;`). rustc moves (or
/// copies) that part only; the lowering read out the whole `p.inner` and
/// `p.head`, dropped the rest at the `;`, and read it after its drop.
pub mod field_of_field_read_out_leaves_the_rest {
    use super::*;

    pub struct Head {
        v: i64,
        d: D,
    }

    pub struct Inner {
        name: String,
        d: D,
    }

    pub struct Outer {
        head: Head,
        inner: Inner,
        tail: D,
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let p = Outer {
            head: Head { v: 3, d: D::with("head.d", 1) },
            inner: Inner { name: String::from("nm"), d: D::with("inner.d", 2) },
            tail: D::with("tail", 4),
        };
        suspend("s1").await;
        let v = p.head.v;
        let name = p.inner.name;
        log(format!("read {v} {name}"));
        suspend("s2").await;
        log(format!("rest {} {} {}", p.head.d.get(), p.inner.d.get(), p.tail.get()));
        suspend("s3").await;
        v + name.len() as i64 + p.head.v
    }
}

/// Found by hunting with RAII-heavy programs: a `move` closure or `async
/// move` block that names fields of a frame value used again after. rustc
/// captures only the places named (edition 2021); the lowering took the
/// whole value, dropped the rest where the closure was made, and read it
/// after its drop.
pub mod move_closure_captures_fields_of_frame_value {
    use super::*;

    pub struct Parts {
        name: D,
        body: D,
        tag: i64,
    }

    impl Parts {
        #[self::coroutine]
        async fn body_len(self) -> i64 {
            suspend("m").await;
            let b = async move { self.body.get() }.await;
            log("block done");
            b + self.name.get()
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let p = Parts { name: D::with("p.name", 1), body: D::with("p.body", 2), tag: 10 };
        suspend("s1").await;
        let c = move || p.name.get() + p.tag;
        log("closure made");
        let b = p.body.get();
        suspend("s2").await;
        let total: i64 = [1, 2].iter().map(move |x| x + p.tag).sum();
        log(format!("body {b} total {total}"));
        let r = c();
        drop(c);
        log("closure dropped");
        suspend("s3").await;
        let q = Parts { name: D::with("q.name", 3), body: D::with("q.body", 4), tag: 20 };
        r + q.body_len().await + p.body.get() + p.tag
    }
}

/// Found by writing collection code: a guard that awaits, after an arm
/// without a guard that the later arms need to be exhaustive (`None`,
/// `[]`). The arms after the guard were matched on their own (E0004).
pub mod awaiting_guard_after_arms_completing_exhaustiveness {
    use super::*;

    #[self::coroutine]
    async fn opt(o: Option<i64>) -> i64 {
        match o {
            None => 0,
            Some(n) if value("g", n > 2).await => n,
            Some(n) => n + 100,
        }
    }

    #[self::coroutine]
    async fn slice(v: &[i64]) -> i64 {
        match v {
            [] => -1,
            [x, _] if value("s", *x > 0).await => *x,
            [x, ..] => *x + 10,
        }
    }

    #[self::coroutine]
    async fn place(v: Vec<i64>) -> i64 {
        match v[..] {
            [] => -2,
            [x] if value("p", x > 0).await => x,
            [x, ..] => x + 20,
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = opt(None).await + opt(Some(3)).await + opt(Some(1)).await;
        let b = slice(&[]).await + slice(&[5, 6]).await + slice(&[-5, 6, 7]).await;
        a + b + place(vec![]).await + place(vec![4]).await + place(vec![-4, 1]).await
    }
}

/// Found by writing collection code: an or-pattern whose guard awaits,
/// where two alternatives match. rustc tries the guard for each matching
/// alternative in turn, with its bindings; the lowering tried the first.
pub mod awaiting_guard_on_or_pattern_tries_each_alternative {
    use super::*;

    #[self::coroutine]
    async fn pick(primary: Option<i64>, fallback: Option<i64>) -> i64 {
        match (primary, fallback) {
            (Some(x), _) | (_, Some(x)) if value(format!("try {x}"), x % 2 == 0).await => x,
            (Some(_), _) | (None, _) => 0,
        }
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        pick(Some(1), Some(2)).await * 100 + pick(Some(4), Some(3)).await * 10 + pick(None, Some(5)).await
    }
}

/// Found by writing control-flow code: the scrutinee of a `match` whose
/// guard awaits was evaluated again for the guard and for the arm: a call
/// inside it ran two or three times (`l[pick(&mut i)]`, past the end), and
/// a temporary it dereferences (`*m.borrow()`) dropped before the guard's
/// await (E0716). rustc evaluates it once and keeps its temporaries to the
/// end of the `match`.
pub mod awaiting_guard_scrutinee_evaluated_once {
    use super::*;
    use std::cell::RefCell;

    fn pick(i: &mut usize) -> usize {
        log(format!("pick {i}"));
        *i += 1;
        *i - 1
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let l = vec![5i64, 6];
        let mut i = 0;
        let a = match l[pick(&mut i)] {
            x if value("g1", x > 100).await => x,
            x => x + 1,
        };
        let m = RefCell::new(Some(7i64));
        let b = match *m.borrow() {
            Some(n) if value("g2", n > 3).await => n,
            Some(n) => n + 10,
            None => 0,
        };
        a + b + i as i64
    }
}

/// Found by writing error-handling code: `let Ok(v) = res else { .. }` on a
/// value held across an await, at its last use, when the pattern fails.
/// rustc moves nothing: `res` stays, and drops at the end of its scope
/// (after the `else` block's log). The lowering took it out whole and
/// dropped it before the `else` block ran.
pub mod let_else_that_fails_leaves_the_value {
    use super::*;

    #[self::coroutine]
    async fn f(res: Result<D, D>) -> i64 {
        suspend("s").await;
        let Ok(v) = res else {
            log("else");
            return 0;
        };
        log("bound");
        v.get()
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        f(Err(D::with("err", 1))).await + f(Ok(D::with("ok", 2))).await
    }
}

/// Found by writing stream code: a `let` whose pattern leaves part of an
/// initialiser that awaits unbound (`let (_, z) = (a.await, b.await);`).
/// rustc drops that part with the temporary, at the end of the `let`; the
/// lowering kept it to the end of the block.
pub mod let_pattern_leaving_part_of_awaited_value {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let (_, z) = (value("a", D::with("a", 1)).await, value("b", D::with("b", 2)).await);
        log("after first let");
        let (mut n, ..) = value("pair", (D::with("c", 3), D::with("d", 4))).await;
        log("after second let");
        n = D::with("n", n.get() + 10);
        suspend("s").await;
        z.get() + n.get()
    }
}

/// Found by writing stream code: `if let` and `while let` on an awaited
/// value whose pattern leaves part of it unbound (`Some((_, x))`), with a
/// body that awaits. rustc keeps the temporary, and so the unbound part,
/// to the end of the body; the lowering dropped it at the pattern.
pub mod if_let_and_while_let_keep_unbound_part_through_body {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut total = 0;
        if let Some((_, x)) = value("a", Some((D::with("a0", 1), 2i64))).await {
            suspend("body").await;
            total += x;
        }
        log("after if");
        let mut items = vec![(D::with("i0", 0), 3i64), (D::with("i1", 0), 4)].into_iter();
        while let Some((_, x)) = value("next", items.next()).await {
            suspend("loop").await;
            total += x;
        }
        total
    }
}

/// An `if let` at its value's last use whose pattern fails, then a later
/// value the analysis may place where the first was (`first` ends at the
/// `if let` for the layout). The shape of a book-style program in which a
/// change that left `first` in its slot when the pattern failed (reverted)
/// freed memory twice.
pub mod if_let_at_last_use_then_slot_reused {
    use super::*;
    use std::task::Poll;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let first: Poll<D> = value("a", Poll::Pending).await;
        if let Poll::Ready(d) = first {
            return d.get();
        }
        let second = value("b", Poll::Ready(D::with("second", 2))).await;
        suspend("s").await;
        match second {
            Poll::Ready(d) => d.get(),
            Poll::Pending => 0,
        }
    }
}

/// Found by a crate of less common Rust: a `let` annotated with a type
/// alias of a tuple declared in the body (`type Pair = (D, i64);`), whose
/// field is read out after an await. The lowering matched the field by the
/// annotation's path as a struct pattern (`Pair { 1: f, .. }`, E0071:
/// expected struct, found `(D, i64)`); a numbered field of an annotated
/// type is now matched without the path.
pub mod tuple_alias_annotation_field_read {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        type Pair = (D, i64);
        let p: Pair = (D::new("p"), value("n", 3).await);
        suspend("s").await;
        p.0.get() + p.1
    }
}

/// Found by a crate of less common Rust: items declared in a nested block
/// (a `use` of a trait, a `fn`, a `struct` with an `impl`), used after an
/// await in that block. Only the items at the top of the body were declared
/// for the whole expansion; the others stayed where the lowering emitted
/// their statement, out of scope of the code after the await (E0599: no
/// method `write_fmt`, the trait not in scope; E0425, E0422). A nested
/// block's items whose names nothing outside the block spells are now
/// declared with the body's.
pub mod items_in_nested_block_used_after_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (String, i64) {
        let d = D::new("d");
        let s = {
            use std::fmt::Write;
            let mut s = String::new();
            suspend("in block").await;
            write!(s, "{}", value("w", 5).await).unwrap();
            s
        };
        let n = if d.get() > 0 {
            fn twice(x: i64) -> i64 {
                x * 2
            }
            struct Acc {
                n: i64,
            }
            impl Acc {
                fn add(&mut self, k: i64) {
                    self.n += k;
                }
            }
            let mut acc = Acc { n: twice(1) };
            suspend("branch").await;
            acc.add(twice(value("k", 3).await));
            acc.n
        } else {
            0
        };
        (s, n)
    }
}

/// As above, the same `use` in two blocks (the branches of an `if`), each
/// used after an await: two items named `Write`, so neither was declared
/// with the body's (E0599, `write!` without the trait in scope). A `use`
/// that every other item of its names repeats token for token, spelled
/// only in blocks that declare it, is now declared once.
pub mod same_use_in_two_blocks_used_after_await {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> String {
        let mut s = String::new();
        if value("c", true).await {
            use std::fmt::Write;
            suspend("then").await;
            write!(s, "t{}", value("w", 1).await).unwrap();
        } else {
            use std::fmt::Write;
            suspend("else").await;
            write!(s, "e{}", value("w", 2).await).unwrap();
        }
        s
    }
}

/// `SinkExt`'s adapters taking the sink by value (`with`, `sink_map_err`,
/// `buffer`, `fanout`) at the last use of a sink held across an await:
/// the probe of the receiver's method met `SinkExt`'s method of the same
/// name (E0034). A sink is now moved out for those names, as rustc moves
/// it, and a type of the user's whose `buffer` borrows stays in place to
/// drop at the end of its scope.
pub mod sink_adapters_at_last_use {
    use super::*;
    use futures::channel::mpsc::{SendError, unbounded};
    use futures::{SinkExt, StreamExt};

    pub struct Pool(pub D);

    impl Pool {
        pub fn buffer(&self, n: i64) -> i64 {
            self.0.get() + n
        }
    }

    #[self::coroutine]
    pub async fn run() -> (Vec<String>, Vec<u32>, Vec<u32>, i64) {
        let (tx, rx) = unbounded::<String>();
        let (t2, r2) = unbounded::<u32>();
        let (t3, r3) = unbounded::<u32>();
        let pool = Pool(D::new("pool"));
        let tag = D::new("tag");
        suspend("a").await;
        let mut sink = tx.with(move |n: u32| {
            let _ = &tag;
            futures::future::ready(Ok::<_, SendError>(format!("#{n}")))
        });
        sink.send(value("n", 1).await).await.unwrap();
        let mut both = t2.sink_map_err(|_| ()).buffer(2).fanout(t3.sink_map_err(|_| ()));
        both.send(value("m", 7).await).await.unwrap();
        let k = pool.buffer(2);
        let after = D::new("after");
        suspend("b").await;
        drop(sink);
        drop(both);
        let got = rx.collect::<Vec<_>>().await;
        drop(after);
        (got, r2.collect().await, r3.collect().await, k)
    }
}

/// Extension methods taking `self` that the lists of names std's and the
/// stream crates' types take by value missed: futures' `flatten_sink` of
/// a `TryFuture` and tokio-stream's `chunks_timeout` (and
/// `timeout_repeating`), at the last use of a value held across an await.
/// The probe's own method of the name met the blanket trait's (E0034).
pub mod stream_adapters_named_since {
    use super::*;
    use futures::channel::mpsc::{SendError, unbounded};
    use futures::{SinkExt, StreamExt, TryFutureExt};
    use tokio_stream::StreamExt as _;

    #[self::coroutine]
    pub async fn run() -> (Vec<u32>, i64) {
        let (tx, rx) = unbounded::<u32>();
        let sink = futures::future::ready(Ok::<_, SendError>(tx));
        let items = futures::stream::iter(vec![D::new("i1"), D::new("i2")]);
        suspend("a").await;
        let mut sink = sink.flatten_sink();
        sink.send(value("n", 3).await).await.unwrap();
        let batches = items.chunks_timeout(2, std::time::Duration::from_secs(1));
        let after = D::new("after");
        suspend("b").await;
        drop(batches);
        drop(sink);
        let got: Vec<u32> = StreamExt::collect(rx).await;
        (got, after.get())
    }
}

/// tokio-stream's `StreamExt::any` and `all` take `&mut self` (futures'
/// take `self`), at the last use of a stream held across an await: the
/// stream was moved out for those names into a temporary that the call's
/// future borrowed across the await (E0716). Method resolution now tells
/// which is in scope: tokio-stream's leaves the stream in place, to drop
/// (with the items it still holds) at the end of its scope.
pub mod tokio_stream_any_all_at_last_use {
    use super::*;
    use tokio_stream::StreamExt;

    #[self::coroutine]
    pub async fn run() -> (bool, bool, i64) {
        let mut s = tokio_stream::iter(vec![D::new("a1"), D::with("a2", 2), D::new("a3")]);
        let mut t = tokio_stream::iter(vec![D::new("b1"), D::new("b2")]);
        let before = D::new("before");
        suspend("a").await;
        let found = s.any(|d| d.get() == 2).await;
        let after = D::new("after");
        let every = t.all(|d| d.get() == 2).await;
        suspend("b").await;
        (found, every, before.get() + after.get())
    }
}

/// As above with futures' `StreamExt`, whose `any` and `all` take the
/// stream: it is moved into the call's future, and drops (with the items
/// it still holds) when that future does, at the end of the statement.
pub mod futures_any_all_at_last_use {
    use super::*;
    use futures::StreamExt;

    #[self::coroutine]
    pub async fn run() -> (bool, bool, i64) {
        let s = futures::stream::iter(vec![D::new("a1"), D::with("a2", 2), D::new("a3")]);
        let t = futures::stream::iter(vec![D::new("b1"), D::new("b2")]);
        let before = D::new("before");
        suspend("a").await;
        let found = s.any(|d| futures::future::ready(d.get() == 2)).await;
        let after = D::new("after");
        let every = t.all(|d| value("all", d.get() == 2)).await;
        suspend("b").await;
        (found, every, before.get() + after.get())
    }
}

/// Found under Miri (Stacked Borrows): a `Pin` from `std::pin::pin!` bound
/// by a `let` and awaited after another await, where its home overlaps, in
/// the frame's union, a part of an earlier statement (the left operand of
/// `x.await + other.await`, beside `other`'s future). The poll's reference
/// to that part, a struct, asserted its padding unchanged (a shared read of
/// bytes the `Pin`'s `&mut` owned), and the `&mut` was no longer usable
/// when `b.await` took it. Parts are now reached by pointers; only slots
/// get references.
pub mod pinned_let_over_an_earlier_statements_part {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> u32 {
        let other = value("other", 1);
        futures::pin_mut!(other);
        let a = value("x", 4).await + other.await;
        let b = std::pin::pin!(value("std", 2));
        suspend("between").await;
        a + b.await
    }
}

/// Found by the fuzzer (seed 20261128, program 649, shrunk): a `let ..
/// else` whose initialiser holds a block with a `let` extending a temporary
/// (`let r = &D::new("z");`) after the block's last await. That temporary
/// lives to the end of its block, but the `let .. else` took it for one of
/// its own and dropped it again first thing in its `else`, where it is out
/// of scope (E0425, `__coro_tmp1`).
#[allow(unused_variables, unreachable_code)]
pub mod let_else_over_block_extending_its_own_temporary {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let Some(a) = some_if('b1: {
            let r4 = &D::new("z");
            break 'b1 4;
            value("w", 7).await
        }) else {
            return 0;
        };
        let Some(b) = some_if({
            let n = value("v", 3).await;
            let r = &D::with("y", 1);
            n + r.get()
        }) else {
            return 1;
        };
        let Some(c) = some_if({
            let n = value("u", 2).await;
            let r = &D::with("x", 1);
            n + r.get()
        }) else {
            return 2;
        };
        suspend("after").await;
        a + b + c
    }
}

/// Found by the fuzzer (seed 20261130, program 518, shrunk): a method
/// call's argument that is a `match` whose guard awaits, on a receiver made
/// before it (`D::new("z").map(match (9, D::with("t10", 8)) { (r, _) if
/// f().await => 3, .. }, ..)`). Cancelled in the guard's await, rustc drops
/// the temporaries of the statement youngest first: the scrutinee's tuple,
/// then the receiver. The lowering dropped the receiver first.
#[allow(unused_variables)]
pub mod awaiting_guard_in_argument_after_receiver_temporary {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let n = {
            D::new("z").map(
                match (9, D::with("t10", 8)) {
                    (r2, _) if into_fut("w12", 8 < 2).await => 3,
                    (_, d13) => 7,
                },
                |s| s.len() as i64,
            )
        };
        suspend("after").await;
        n
    }
}

/// Found by the fuzzer (seed 20261130, program 1973, shrunk): an assignment
/// to a field of a value held across an await, whose new value makes a
/// temporary (`p.d = D::with("t7", (Pair { .. }).sum());`). rustc drops the
/// field's old value when it assigns, then the statement's temporaries; the
/// lowering bound the new value by a `let` first, which dropped the
/// temporaries before the old value. Also after the field was moved out,
/// and for a field that a pattern matched in place.
pub mod field_assignment_drops_old_value_before_temporaries {
    use super::*;

    pub struct Holder {
        pub opt: Option<D>,
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let mut p6 = Pair { n: 0, d: D::new("z") };
        p6.d = D::with("t7", (Pair { n: 0, d: D::new("t8") }).sum());
        let a = pending_n("w9", 2, p6.d).await.get();
        p6.d = D::with("t10", (Pair { n: 1, d: D::new("t11") }).sum());
        let mut o = Holder { opt: Some(D::new("a")) };
        if let Some(x) = o.opt {
            suspend("in").await;
            log(format!("got {}", x.get()));
        }
        o.opt = Some(D::with("b", (Pair { n: 2, d: D::new("t12") }).sum()));
        suspend("after").await;
        a + p6.d.get() + o.opt.map_or(0, |d| d.get())
    }
}

/// Found by the fuzzer (seed 20261130, program 1738, shrunk): an `else if
/// let` whose scrutinee makes a temporary (`some_if((Pair { d: D::new("z"),
/// .. }).sum())`) and whose block awaits. rustc keeps the scrutinee's
/// temporaries to the end of the `if let`'s block, across its await; the
/// lowering dropped them before the block.
#[allow(unused_variables)]
pub mod else_if_let_scrutinee_temporary_lives_through_block {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> i64 {
        let k = value("k", 1).await;
        if k == 0 {
            log("zero");
        } else if let Some(a18) = some_if((Pair { d: D::new("z"), n: 4 }).sum()) {
            pending_n("w19", 2, D::new("y")).await;
        }
        if let Some(a) = some_if((Pair { d: D::new("x"), n: 5 }).sum()) {
            pending_n("w20", 1, D::new("w")).await;
        }
        let r = if k == 0 {
            0
        } else if let Some(b) = some_if((Pair { d: D::new("v"), n: 7 }).sum()) {
            pending_n("w21", 1, b).await
        } else {
            2
        };
        r
    }
}

/// Found by the twelfth hunt's crate (an interval map's `&mut self` method):
/// `for (_, (end, _)) in self.m.range_mut(..)` binds `end` through the
/// item's `&mut (u32, D)`, so rustc's binding is a `&mut u32` (the default
/// binding mode turns `ref mut` at the reference). The pattern, matched
/// through the `&mut` the lowering takes of the item, read every by-value
/// binding out as if the item owned it: `end` was a `u32` (E0614 at
/// `*end`). Each binding is now read out only where matching the value
/// itself binds the part (its type, from a copy of the match never run).
pub mod binding_through_a_mut_reference_inside_a_matched_value {
    use super::*;
    use std::collections::BTreeMap;

    #[self::coroutine]
    pub async fn run() -> (u32, i64, Vec<(u32, i64)>) {
        let mut m: BTreeMap<u32, (u32, D)> = BTreeMap::new();
        m.insert(1, (5, D::new("a")));
        m.insert(10, (12, D::new("b")));
        let mut tot = 0;
        for (_, (end, d)) in m.range_mut(..) {
            *end += value("by", 3).await;
            tot += *end;
            d.touch(1);
        }
        let mut x = 7u32;
        let p = (D::new("owned"), &mut x);
        let (own, n) = p;
        suspend("p").await;
        *n += 1;
        let g = own.get();
        suspend("q").await;
        (tot + x, g, m.iter().map(|(k, (e, d))| (*k + *e, d.get())).collect())
    }
}

/// Found by the twelfth hunt's crate (the deepest node's name of a tree):
/// `best = (d, &cur.name)` with `best: (usize, &str)` coerces the tuple's
/// `&String` to a `&str`, as rustc checks an assignment's value against
/// the place's type. Where a field of `best` is read out later
/// (`best.1`), the lowering assigned the whole value through a `match` on
/// the new value, which had no type to coerce to (E0308). The value is now
/// typed by the slot, as a field's assignment is.
pub mod assignment_coerces_to_a_partly_read_values_type {
    use super::*;

    #[self::coroutine]
    pub async fn run() -> (usize, String) {
        let names = vec![String::from("ab"), String::from("abcd"), String::from("x")];
        let mut best: (usize, &str) = (0, "");
        for s in &names {
            suspend("s").await;
            if s.len() > best.0 {
                best = (s.len(), s);
            }
        }
        let d = D::new("between");
        suspend("t").await;
        let name = best.1;
        (best.0 + d.get() as usize, name.to_string())
    }
}

/// Found by the twelfth hunt's crate: `takes_opt(Some(&name), n().await)`
/// with `name: String` and a parameter `Option<&str>` coerces the
/// `&String` inside `Some(..)`, as rustc checks an argument's parts against
/// the parameter's type. The lowering kept `Some(&name)` in a temporary
/// before the later argument's await, typed on its own: E0308, expected
/// `Option<&str>`, found `Option<&String>` (so for a tuple, a struct
/// literal's field, a typed `let`'s tuple, `vec!`'s elements). A literal
/// that only borrows places (and holds otherwise what evaluates the same
/// anywhere) is now made where it stands, after the await: the same value.
/// Not a struct of one's own (`Noisy(&name)`): its `Drop` runs if the await
/// is cancelled, as rustc made it before.
pub mod borrowing_literal_before_an_awaiting_argument_coerces {
    use super::*;
    use std::collections::BTreeMap;

    fn takes(p: Option<&str>, q: (&str, u8), n: i64) -> i64 {
        log(format!("takes {p:?} {q:?} {n}"));
        p.map_or(0, |s| s.len() as i64) + q.1 as i64 + n
    }

    struct Row<'a> {
        name: (&'a str, u8),
        n: i64,
    }

    struct Rows<'a>(Vec<(&'a str, i64)>);
    impl<'a> Rows<'a> {
        fn add(&mut self, p: (&'a str, u8), n: i64) {
            log(format!("add {p:?}"));
            self.0.push((p.0, p.1 as i64 + n));
        }
    }

    struct Noisy<'a>(&'a String);
    impl Drop for Noisy<'_> {
        fn drop(&mut self) {
            log(format!("drop noisy {}", self.0));
        }
    }

    fn keeps(n: Noisy<'_>, k: i64) -> i64 {
        n.0.len() as i64 + k
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, usize, usize, usize) {
        let name = String::from("ab");
        let d = D::new("d");
        let k = keeps(Noisy(&name), value("noisy", 1).await);
        let a = takes(Some(&name), (&name, 1), value("n", 2).await);
        let row = Row { name: (&name, 3), n: value("row", d.get()).await };
        let pair: ((&str, u8), i64) = ((&name, 4), value("pair", 5).await);
        let mut rows = Rows(Vec::new());
        rows.add((&name, 6), value("add", 7).await);
        let listed: Vec<(&str, u8)> = vec![(&name, 8), ("x", value("vec", 9).await)];
        let mut m: BTreeMap<&str, (Option<&str>, i64)> = BTreeMap::new();
        m.insert("k", (Some(&name), value("insert", 10).await));
        (
            a + row.n + row.name.1 as i64 + pair.1 + k,
            rows.0[0].1,
            listed.len() + pair.0 .0.len(),
            m.len(),
            row.name.0.len(),
        )
    }
}

/// A value lent to a macro of one's own after a use that the lowering
/// took for its last (`value("w", x)` moving a `Copy` argument): the
/// macro's mention counts as a later use, so the value stays in its slot
/// (which the awaited future did not reuse). Printed `x=0`: the
/// lowering's liveness saw no use after the call (found by hunt11's
/// crate, `coro_fn!(gen_b, ..)`).
pub mod value_lent_to_macro_after_a_use_taken_for_its_last {
    use super::*;

    macro_rules! say {
        ($($t:tt)*) => {
            log(format!($($t)*))
        };
    }

    #[self::coroutine]
    async fn logged(x: i64, d: D) -> i64 {
        let w = value("w", x).await;
        say!("w={w} x={x}");
        let e = value("e", d).await;
        say!("{}", e.get());
        w * 2
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        logged(2, D::with("d", 4)).await
    }
}

/// A statement or a match arm beginning with a macro lent a value
/// (`same!(a) + 1;`, `_ => same!(n) - ..`): the lent macro's value is
/// parenthesised, in the lowered and the shadow copy, or rustc read the
/// statement as a block followed by `+ 1` ("leading `+` is not
/// supported", "expected pattern"; found by the fuzzer's macros of one's
/// own).
pub mod statement_beginning_with_a_lent_macro {
    use super::*;

    macro_rules! same {
        ($e:expr) => {
            $e
        };
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        let a = D::with("a", 2);
        let n = value("n", 3).await;
        #[allow(clippy::no_effect, clippy::unnecessary_operation, unused_must_use)]
        {
            same!(a.get()) + 1;
            same!(n) * 2;
        }
        let r = match n {
            0 => 1,
            _ => same!(n) - a.get(),
        };
        suspend("s").await;
        a.get() + n + r
    }
}

/// Macros lent values where the lowering parses their code again (an arm
/// of a `match` whose guard awaits, a block inside `vec![..]`, a block in
/// the operand of `?`): the lend placeholder was left in the output
/// ("cannot find macro `__coro_lend_0`"; found by the fuzzer's macros of
/// one's own).
pub mod lent_macros_in_code_parsed_again {
    use super::*;

    macro_rules! note {
        ($($e:expr),*) => {
            log(format!("note {:?}", ($(&$e,)*)))
        };
    }

    fn ck(n: i64) -> Result<i64, String> {
        if n > 0 { Ok(n) } else { Err(format!("bad {n}")) }
    }

    #[self::coroutine]
    async fn in_guarded_match(a: i64) -> i64 {
        let a = value("w", a).await;
        match (0, D::new("z")) {
            (_, _) if value("g", a > 5).await => {}
            (_, _d) => {
                note!(a);
            }
        }
        a
    }

    #[self::coroutine]
    async fn in_vec() -> i64 {
        let d = D::with("d", 1);
        suspend("s").await;
        let v = vec![if d.get() > 1 { 1 } else {
            note!(d.get());
            2
        }];
        d.get() + v[0]
    }

    #[self::coroutine]
    async fn in_question_operand(a: i64) -> Result<i64, String> {
        let b = ck({
            note!(a);
            2
        })?;
        suspend("s").await;
        Ok(a + b)
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, Result<i64, String>) {
        (in_guarded_match(3).await, in_vec().await, in_question_operand(4).await)
    }
}

/// A by-value method in a `return` that ends a branch without its `;`
/// (`if c { return d.consume(7) } else { f().await };`), the value used
/// after the `if`: a block's tail that leaves ends the branch as the same
/// statement with its `;` does, so the method's use is the value's last
/// on its path and may move it. Was E0507, "cannot move out of a raw
/// pointer" (found by the fuzzer, seed 20261210, program 3492).
pub mod value_moved_in_a_returning_tail_used_after_its_if {
    use super::*;

    #[self::coroutine]
    async fn branch(c: bool) -> i64 {
        let d1 = D::with("d1", 2);
        if c {
            return d1.consume(7)
        } else {
            pending_n("w", 2, 5).await
        };
        let kept = D::with("kept", 3);
        if !c {
            let r = d1.consume(1);
            return r + kept.get()
        }
        0
    }

    #[self::coroutine]
    pub async fn run() -> i64 {
        branch(true).await * 100 + branch(false).await
    }
}

/// Macros lent values as a `match`'s scrutinee (patterns binding by value
/// only read or copy it) and as a `break` value inside `vec![..]` (which
/// the shadow copy's check took for a statement: E0308). Found by the
/// fuzzer's macros of one's own (seed 20261220, programs 304 and 1223).
pub mod lent_macros_as_scrutinee_and_break_value_in_vec {
    use super::*;

    macro_rules! same {
        ($($t:tt)*) => {
            $($t)*
        };
    }

    #[self::coroutine]
    pub async fn run() -> (i64, Vec<i64>) {
        let a = value("a", 4).await;
        let d = D::with("d", 2);
        suspend("s").await;
        let m = match same!(a) {
            k if k > 3 => k + 1,
            _ => 0,
        };
        let v = vec![{
            let mut c = 0;
            'l: loop {
                c += 1;
                if c > 2 {
                    break 'l same!(d.touch(d.get()));
                }
            }
        }];
        suspend("t").await;
        (m + d.get() + a, v)
    }
}

/// A `return` that ends a block without its `;`, whose value keeps a
/// temporary across one of its own awaits (a by-value method called on a
/// temporary whose argument awaits, `return Ok(D::new("z").consume({
/// f().await; 0 }))`): it runs as rustc's own `async` block, as the same
/// statement with its `;` does. A tail that leaves skipped that judgement:
/// E0507, "cannot move out of a raw pointer" (found by the fuzzer, seed
/// 20261282, program 1429).
#[allow(clippy::needless_return)]
pub mod returning_tail_keeping_a_temporary_across_its_await {
    use super::*;

    #[self::coroutine]
    async fn block(early: bool) -> Result<i64, i64> {
        if early {
            return Ok(D::new("z").consume({
                pending_n("w", 1, 0).await;
                2
            }))
        }
        Ok(0)
    }

    #[self::coroutine]
    pub async fn run() -> (Result<i64, i64>, Result<i64, i64>) {
        (block(true).await, block(false).await)
    }
}

/// Found by coro-fuzz (seed 20261291, program 1043, shrunk; a compile
/// error of the lowering): a comparison whose left operand is a field
/// (`p.n`) and whose awaiting right operand calls a method on another field
/// (`p.d.get()`) ran as rustc's own `async` block, in case the method
/// changed what the left reads, and a macro of one's own inside it could
/// not be lent the values it names. A change of another field leaves the
/// compared one as it was; a change of the compared one still runs
/// natively, and reads the value from before it.
#[allow(unused, unreachable_code, clippy::all)]
pub mod comparison_with_a_method_on_another_field {
    use super::*;

    macro_rules! mac_fmt {
        ($f:literal) => {
            log(format!($f))
        };
    }

    #[self::coroutine]
    async fn other_field(k: i64) -> i64 {
        let v = value("v", vec![1, 2]).await;
        let mut p = Pair { n: k, d: D::with("d", 1) };
        if p.n != pending_n("w", 1, p.d.get()).await {
            mac_fmt!("v={v:?}");
            return v.iter().sum::<i64>();
        }
        p.n + v.len() as i64
    }

    #[self::coroutine]
    async fn same_field(k: i64) -> bool {
        let mut p = Pair { n: k, d: D::new("d") };
        p.n < {
            p.n += 5;
            value("w", k + 1).await
        }
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, bool) {
        (other_field(1).await, other_field(2).await, same_field(3).await)
    }
}

/// Found by coro-fuzz (seed 20261294, program 22, shrunk; E0507): a value
/// held in the frame, at its last use the receiver of a method taking it
/// by value (`d.map(..)`), with an argument whose temporary the lowering
/// gives a home (`Pair { .. }.n`, `weigh(&make(), 0)`) before the call.
/// The home's name in the argument read as an operand kept across an
/// await, so the receiver was left in place instead of being moved into
/// the call. Nothing suspends between the receiver and such a call. Also
/// with an operand evaluated before the home for order, a method that
/// borrows, and the same in a scrutinee whose arms await.
#[allow(unused, unreachable_code, clippy::all)]
pub mod receiver_moved_into_a_call_with_a_hoisted_argument {
    use super::*;

    #[self::coroutine]
    async fn operands(k: i64) -> i64 {
        let d1 = D::with("d1", k);
        let d2 = D::with("d2", k);
        let d3 = D::with("d3", k);
        suspend("s").await;
        let a = d1.map(Pair { n: k, d: D::new("t1") }.n, |s| s.len() as i64) + value("a", 1).await;
        let b = d2.consume(weigh(&D::with("t2", k), ev("e", 1))) * value("b", 2).await;
        let c = d3.touch(weigh(&D::with("t3", k), 0)) + value("c", 3).await;
        log("end");
        a + b + c + d3.get()
    }

    #[self::coroutine]
    async fn scrutinee(k: i64) -> i64 {
        let d21 = D::with("d21", k);
        suspend("s").await;
        match (d21.map(Pair { n: 0, d: D::new("z") }.n, |s| s.len() as i64), D::new("y")) {
            (3, d30) => value("w", d30.get()).await,
            (_, d62) => d62.get(),
        }
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64, i64, i64) {
        (operands(1).await, operands(2).await, scrutinee(2).await, scrutinee(5).await)
    }
}

/// Found by coro-fuzz (seed 20261296, program 584, shrunk; evaluation
/// order): `(weigh(&D::new("z"), 0), (Pair { .. d7.get() .. }).d)` as a
/// scrutinee whose arm awaits. Both operands have temporaries the lowering
/// gives homes; it made the first operand's home, then the second's (the
/// `Pair`, reading `d7`), and called `weigh` only after. An operand before
/// the last one with such temporaries is now evaluated whole, in order.
/// Also two borrowed calls in one tuple and in one call's arguments.
#[allow(unused, unreachable_code, clippy::all)]
pub mod operand_with_homes_evaluated_before_a_later_ones_homes {
    use super::*;

    #[self::coroutine]
    async fn scrutinee() -> i64 {
        let d7 = D::new("z");
        match (weigh(&D::new("z"), 0), (Pair { n: 5, d: D::with("t49", d7.get()) }).d) {
            (a57, _) => pending_n("w59", 1, 0).await,
            (_, d60) => 0,
        };
        0
    }

    #[self::coroutine]
    async fn operands(k: i64) -> i64 {
        let t = (weigh(&D::with("a", k), 1), weigh(&D::with("b", k), 2));
        let n = add(weigh(&D::new("c"), 3), weigh(&D::new("d"), 4)) + value("v", 1).await;
        let m = (weigh(&D::new("e"), 5), weigh(&D::new("f"), 6)).1 * value("w", 2).await;
        t.0 + t.1 + n + m
    }

    #[self::coroutine]
    pub async fn run() -> (i64, i64) {
        (scrutinee().await, operands(1).await)
    }
}
