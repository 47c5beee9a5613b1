/// A counter and a flag beside the loop's future: the frame's state and
/// drop flags start every member of its union, so the small values share
/// their word (`layout::head`).
fn count_steps(start: Connection) -> impl ::core::future::Future<Output = u32> {
    let mut __coro_shadow = ::coro::__private::PhantomData;
    if false {
        let __coro_body = async move {
            if false {
                return ::coro::__private::value_of_type::<u32>();
            }
            #[allow(clippy::redundant_locals, clippy::used_underscore_binding)]
            let start = start;
            start.ready().await;
            let mut n = 0;
            let mut done = false;
            while !done {
                n += step(n).await;
                done = n >= 4;
            }
            {
                let __coro_ret: u32 = n;
                #[allow(unreachable_code)] { __coro_ret }
            }
        };
        __coro_shadow = ::coro::__private::phantom_of(&__coro_body);
        loop {}
    }
    #[allow(
        unknown_lints,
        dangerous_implicit_autorefs,
        unused,
        non_shorthand_field_patterns,
        irrefutable_let_patterns,
        non_camel_case_types,
        dropping_copy_types,
        forgetting_copy_types,
        deprecated,
        dropping_references,
        forgetting_references,
        unused_comparisons,
        suspicious_double_ref_op,
        noop_method_call,
        static_mut_refs,
        let_underscore_drop,
        unused_results,
        clippy::all,
        clippy::pedantic,
        clippy::nursery
    )]
    let __coroutine = {
        /// The frame of the coroutine `count_steps`: its state and every value that lives across one of its suspension points, each in its own slot. Values that are never alive together share storage (`overlap`).
        struct CountStepsFrame<Start, ReadyFuture, N, Done, StepFuture, Shadow> {
            /// Values that are never alive together, overlapping.
            overlap: CountStepsOverlapReadyFuture<
                Start,
                ReadyFuture,
                N,
                Done,
                StepFuture,
            >,
            /// Carries the type of the shadow copy of the body, so that the
            /// coroutine is `Send`/`Sync` exactly when rustc's would be.
            shadow: ::coro::__private::PhantomData<Shadow>,
        }
        #[repr(C)]
        struct CountStepsAtReadyFuture<Start, ReadyFuture> {
            /// The argument `start`.
            start: ::coro::__private::Slot<Start, 0usize>,
            state: ::coro::__private::StateCell<CountStepsState>,
            /// Drop flags: bit `i` says whether slot `i` holds a value.
            live: ::coro::__private::Flags<1usize>,
            /// The future of `start.ready().await`.
            ready_future: ::coro::__private::Awaitee<ReadyFuture>,
        }
        #[repr(C)]
        struct CountStepsWithN<Start, N, Done, StepFuture> {
            /// The argument `start`.
            start: ::coro::__private::Slot<Start, 0usize>,
            state: ::coro::__private::StateCell<CountStepsState>,
            /// Drop flags: bit `i` says whether slot `i` holds a value.
            live: ::coro::__private::Flags<1usize>,
            /// `let n`
            n: ::coro::__private::Slot<N, 1usize>,
            /// Values that are never alive together, overlapping.
            overlap: CountStepsOverlapDone<Done, StepFuture>,
        }
        union CountStepsOverlapDone<Done, StepFuture> {
            /// `let done`
            done: ::core::mem::ManuallyDrop<::coro::__private::Slot<Done, 2usize>>,
            /// The future of `step(n).await`.
            step_future: ::core::mem::ManuallyDrop<
                ::coro::__private::Awaitee<StepFuture>,
            >,
        }
        #[repr(C)]
        union CountStepsOverlapReadyFuture<Start, ReadyFuture, N, Done, StepFuture> {
            ready_future: ::core::mem::ManuallyDrop<
                CountStepsAtReadyFuture<Start, ReadyFuture>,
            >,
            with_n: ::core::mem::ManuallyDrop<
                CountStepsWithN<Start, N, Done, StepFuture>,
            >,
        }
        /// Where the coroutine is. (Read and written in place, so neither
        /// `Clone` nor `Copy`: deriving them costs rustc a little to check.)
        enum CountStepsState {
            /// Not polled yet: only the arguments are stored.
            Start,
            /// Suspended at `start.ready().await`.
            AwaitReady,
            /// Where control continues: while head (not a suspension point).
            WhileHead,
            /// Where control continues: after while (not a suspension point).
            AfterWhile,
            /// Suspended at `step(n).await`.
            AwaitStep,
            /// Between suspension points: the code of some state is running
            /// (its awaitee, if it had one, is done).
            Running,
            /// Completed: polling again panics.
            Returned,
            /// A poll panicked: polling again panics.
            Panicked,
        }
        unsafe impl<
            Start,
            ReadyFuture,
            N,
            Done,
            StepFuture,
            Shadow,
        > ::coro::__private::Frame
        for CountStepsFrame<Start, ReadyFuture, N, Done, StepFuture, Shadow> {
            #[inline]
            unsafe fn drop_from(&self, first: usize) {
                unsafe {
                    let __coro_part0_ready_future = ::coro::__private::part_ptr(
                        &raw const self.overlap.ready_future,
                    );
                    let __coro_slot_start = &(*__coro_part0_ready_future).start;
                    let __coro_slot_ready_future = &(*__coro_part0_ready_future)
                        .ready_future;
                    let __coro_part1_with_n = ::coro::__private::part_ptr(
                        &raw const self.overlap.with_n,
                    );
                    let __coro_slot_n = &(*__coro_part1_with_n).n;
                    let __coro_slot_done = &*(*__coro_part1_with_n).overlap.done;
                    let __coro_slot_step_future = &*(*__coro_part1_with_n)
                        .overlap
                        .step_future;
                    if first == 0
                        && ::core::matches!(
                            * (* ::coro::__private::part_ptr(& raw const self.overlap
                            .ready_future)).state.ptr(), CountStepsState::Start
                        )
                    {
                        __coro_slot_start
                            .drop_if_init(
                                &(*::coro::__private::part_ptr(
                                    &raw const self.overlap.ready_future,
                                ))
                                    .live,
                            );
                        return;
                    }
                    match *(*::coro::__private::part_ptr(
                        &raw const self.overlap.ready_future,
                    ))
                        .state
                        .ptr()
                    {
                        CountStepsState::AwaitReady => {
                            *(*::coro::__private::part_ptr(
                                &raw const self.overlap.ready_future,
                            ))
                                .state
                                .ptr() = CountStepsState::Panicked;
                            __coro_slot_ready_future.drop_in_place()
                        }
                        CountStepsState::AwaitStep => {
                            *(*::coro::__private::part_ptr(
                                &raw const self.overlap.ready_future,
                            ))
                                .state
                                .ptr() = CountStepsState::Panicked;
                            __coro_slot_step_future.drop_in_place()
                        }
                        _ => {}
                    }
                    if first <= 3usize {
                        __coro_slot_done
                            .drop_if_init(
                                &(*::coro::__private::part_ptr(
                                    &raw const self.overlap.ready_future,
                                ))
                                    .live,
                            );
                    }
                    if first <= 2usize {
                        __coro_slot_n
                            .drop_if_init(
                                &(*::coro::__private::part_ptr(
                                    &raw const self.overlap.ready_future,
                                ))
                                    .live,
                            );
                    }
                    if first == 0 {
                        __coro_slot_start
                            .drop_if_init(
                                &(*::coro::__private::part_ptr(
                                    &raw const self.overlap.ready_future,
                                ))
                                    .live,
                            );
                    }
                }
            }
            #[inline]
            fn poison(&self) {
                unsafe {
                    (*::coro::__private::part_ptr(&raw const self.overlap.ready_future))
                        .state
                        .poison(
                            CountStepsState::Panicked,
                            |s| ::core::matches!(s, CountStepsState::Returned),
                        )
                };
            }
        }
        ::coro::__private::Coroutine::new(
            CountStepsFrame {
                overlap: CountStepsOverlapReadyFuture {
                    ready_future: ::core::mem::ManuallyDrop::new(CountStepsAtReadyFuture {
                        start: ::coro::__private::Slot::new(start),
                        state: ::coro::__private::StateCell::new(CountStepsState::Start),
                        live: ::coro::__private::Flags::new([1u8]),
                        ready_future: ::coro::__private::Awaitee::uninit(),
                    }),
                },
                shadow: __coro_shadow,
            },
            |__frame, __cx| -> ::core::task::Poll<u32> {
                unsafe {
                    let __f = ::coro::__private::unbound(__frame);
                    let __coro_state = (*::coro::__private::part_ptr(
                        &raw const __f.overlap.ready_future,
                    ))
                        .state
                        .ptr();
                    let __coro_live = &(*::coro::__private::part_ptr(
                        &raw const __f.overlap.ready_future,
                    ))
                        .live;
                    let __coro_frame: &dyn ::coro::__private::Frame = __f;
                    let __coro_part0_ready_future = ::coro::__private::part_ptr(
                        &raw const __f.overlap.ready_future,
                    );
                    let __coro_slot_start = &(*__coro_part0_ready_future).start;
                    let __coro_slot_ready_future = &(*__coro_part0_ready_future)
                        .ready_future;
                    let __coro_part1_with_n = ::coro::__private::part_ptr(
                        &raw const __f.overlap.with_n,
                    );
                    let __coro_slot_n = &(*__coro_part1_with_n).n;
                    let __coro_slot_done = &*(*__coro_part1_with_n).overlap.done;
                    let __coro_slot_step_future = &*(*__coro_part1_with_n)
                        .overlap
                        .step_future;
                    '__coro_resume: loop {
                        'AfterWhile: {
                            'AwaitStep: {
                                'WhileHead: {
                                    'AwaitReady: {
                                        'Start: {
                                            match *__coro_state {
                                                CountStepsState::Start => break 'Start,
                                                CountStepsState::AwaitReady => break 'AwaitReady,
                                                CountStepsState::WhileHead => break 'WhileHead,
                                                CountStepsState::AwaitStep => break 'AwaitStep,
                                                CountStepsState::AfterWhile => break 'AfterWhile,
                                                CountStepsState::Returned => {
                                                    ::coro::__private::resumed_after_completion()
                                                }
                                                CountStepsState::Running | CountStepsState::Panicked => {
                                                    ::coro::__private::resumed_after_panicking()
                                                }
                                            }
                                        }
                                        /// State `Start`: Not polled yet: only the arguments are stored.
                                        {
                                            *__coro_state = CountStepsState::Running;
                                            {
                                                {
                                                    __coro_slot_ready_future
                                                        .put(
                                                            ::coro::__private::into_future(
                                                                ({
                                                                    #[allow(unused_imports)]
                                                                    use ::coro::__private::{
                                                                        DecidePlace as _, DecideTake as _, ProbeBoxSelfTarget as _,
                                                                        ProbeBoxTarget as _, ProbeCopyTarget as _,
                                                                        ProbeMutRefTarget as _, ProbeNotBoxTarget as _,
                                                                        ProbeOtherTarget as _,
                                                                    };
                                                                    let __coro_recv = __coro_slot_start.ptr();
                                                                    (&::coro::__private::decide(
                                                                        (&::coro::__private::CopyProbe(__coro_recv)).target(),
                                                                        (&::coro::__private::BoxProbe(__coro_recv)).target(),
                                                                        {
                                                                            trait ReceiverProbe_write_Trait_method_value {
                                                                                fn ready(self) -> ::coro::__private::Borrows;
                                                                            }
                                                                            impl<T> ReceiverProbe_write_Trait_method_value for T {
                                                                                fn ready(self) -> ::coro::__private::Borrows {
                                                                                    ::coro::__private::Borrows
                                                                                }
                                                                            }
                                                                            |__coro_value, __coro_boxed, (), ()| (
                                                                                __coro_value.ready(),
                                                                                __coro_boxed.ready(),
                                                                            )
                                                                        },
                                                                    ))
                                                                        .recv_kind()
                                                                        .recv(__coro_recv, || __coro_slot_start.take(&__coro_live))
                                                                })
                                                                    .ready(),
                                                            ),
                                                        );
                                                    *__coro_state = CountStepsState::AwaitReady;
                                                    break 'AwaitReady;
                                                }
                                            }
                                        }
                                    }
                                    /// State `AwaitReady`: Suspended at `start.ready().await`.
                                    {
                                        {
                                            {
                                                let mut __coro_tmp2 = match __coro_slot_ready_future
                                                    .poll(__cx)
                                                {
                                                    ::core::task::Poll::Ready(__coro_output) => __coro_output,
                                                    ::core::task::Poll::Pending => {
                                                        return ::core::task::Poll::Pending;
                                                    }
                                                };
                                                *__coro_state = CountStepsState::Running;
                                                __coro_slot_ready_future.drop_in_place();
                                                __coro_tmp2;
                                            }
                                            __coro_slot_n.write(&__coro_live, 0);
                                            __coro_slot_done.write(&__coro_live, false);
                                            *__coro_state = CountStepsState::WhileHead;
                                            break 'WhileHead;
                                        }
                                    }
                                }
                                /// State `WhileHead`: Where control continues: while head (not a suspension point).
                                {
                                    let __exit = ::coro::__private::ExitGuard::new(
                                        __coro_frame,
                                    );
                                    {
                                        {
                                            if !(__coro_slot_done.take(&__coro_live)) {
                                                {
                                                    {
                                                        {
                                                            __coro_slot_step_future
                                                                .put(
                                                                    ::coro::__private::into_future(
                                                                        step(__coro_slot_n.take(&__coro_live)),
                                                                    ),
                                                                );
                                                            *__coro_state = CountStepsState::AwaitStep;
                                                            break 'AwaitStep;
                                                        }
                                                    }
                                                }
                                            } else {
                                                {
                                                    __exit.arm(4usize);
                                                    *__coro_state = CountStepsState::AfterWhile;
                                                    break 'AfterWhile;
                                                };
                                            }
                                        }
                                    }
                                }
                            }
                            /// State `AwaitStep`: Suspended at `step(n).await`.
                            {
                                let __exit = ::coro::__private::ExitGuard::new(
                                    __coro_frame,
                                );
                                {
                                    {
                                        {
                                            {
                                                {
                                                    {
                                                        let mut __coro_tmp6 = match __coro_slot_step_future
                                                            .poll(__cx)
                                                        {
                                                            ::core::task::Poll::Ready(__coro_output) => __coro_output,
                                                            ::core::task::Poll::Pending => {
                                                                return ::core::task::Poll::Pending;
                                                            }
                                                        };
                                                        *__coro_state = CountStepsState::Running;
                                                        __coro_slot_step_future.drop_in_place();
                                                        (*__coro_slot_n.ptr()) += __coro_tmp6;
                                                    }
                                                    __coro_slot_done
                                                        .set(&__coro_live, (*__coro_slot_n.ptr()) >= 4);
                                                }
                                                {
                                                    __exit.arm(4usize);
                                                    *__coro_state = CountStepsState::WhileHead;
                                                    continue '__coro_resume;
                                                };
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        /// State `AfterWhile`: Where control continues: after while (not a suspension point).
                        {
                            let __exit = ::coro::__private::ExitGuard::new(__coro_frame);
                            {
                                {
                                    let __coro_ret: u32 = __coro_slot_n.take(&__coro_live);
                                    __exit.arm(0usize);
                                    *__coro_state = CountStepsState::Returned;
                                    return ::core::task::Poll::Ready(__coro_ret);
                                };
                            }
                        }
                    }
                }
            },
        )
    };
    __coroutine
}
