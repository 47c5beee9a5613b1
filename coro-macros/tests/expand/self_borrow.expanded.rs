fn checksum(reader: &mut Reader) -> impl ::core::future::Future<Output = u32> {
    let mut __coro_shadow = ::coro::__private::PhantomData;
    if false {
        let __coro_body = async move {
            if false {
                return ::coro::__private::value_of_type::<u32>();
            }
            #[allow(clippy::redundant_locals, clippy::used_underscore_binding)]
            let reader = reader;
            let mut buf = [0u8; 64];
            let n = reader.read(&mut buf).await;
            let data = &buf[..n];
            let mut sum = 0u32;
            for byte in data {
                sum = sum.wrapping_add(u32::from(*byte));
                yield_now().await;
            }
            {
                let __coro_ret: u32 = sum;
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
        /// The frame of the coroutine `checksum`: its state and every value that lives across one of its suspension points, each in its own slot. Values that are never alive together share storage (`overlap`).
        struct ChecksumFrame<
            Reader,
            Buf,
            ReadFuture,
            Sum,
            Iter,
            YieldNowFuture,
            Shadow,
        > {
            state: ::coro::__private::StateCell<ChecksumState>,
            /// Drop flags: bit `i` says whether slot `i` holds a value.
            live: ::coro::__private::Flags<1usize>,
            /// The argument `reader`.
            reader: ::coro::__private::Slot<Reader, 0usize>,
            /// `let buf`
            buf: ::coro::__private::Slot<Buf, 1usize>,
            /// `let sum`
            sum: ::coro::__private::Slot<Sum, 2usize>,
            /// Values that are never alive together, overlapping.
            overlap: ChecksumOverlapReadFuture<ReadFuture, Iter, YieldNowFuture>,
            /// Carries the type of the shadow copy of the body, so that the
            /// coroutine is `Send`/`Sync` exactly when rustc's would be.
            shadow: ::coro::__private::PhantomData<Shadow>,
        }
        struct ChecksumWithIter<Iter, YieldNowFuture> {
            /// The iterator of a `for` loop.
            iter: ::coro::__private::Slot<Iter, 3usize>,
            /// The future of `yield_now().await`.
            yield_now_future: ::coro::__private::Awaitee<YieldNowFuture>,
        }
        union ChecksumOverlapReadFuture<ReadFuture, Iter, YieldNowFuture> {
            /// The future of `reader.read(&mut buf).await`.
            read_future: ::core::mem::ManuallyDrop<
                ::coro::__private::Awaitee<ReadFuture>,
            >,
            with_iter: ::core::mem::ManuallyDrop<ChecksumWithIter<Iter, YieldNowFuture>>,
        }
        /// Where the coroutine is. (Read and written in place, so neither
        /// `Clone` nor `Copy`: deriving them costs rustc a little to check.)
        enum ChecksumState {
            /// Not polled yet: only the arguments are stored.
            Start,
            /// Suspended at `reader.read(&mut buf).await`.
            AwaitRead,
            /// Where control continues: for head (not a suspension point).
            ForHead,
            /// Where control continues: after for (not a suspension point).
            AfterFor,
            /// Suspended at `yield_now().await`.
            AwaitYieldNow,
            /// Between suspension points: the code of some state is running
            /// (its awaitee, if it had one, is done).
            Running,
            /// Completed: polling again panics.
            Returned,
            /// A poll panicked: polling again panics.
            Panicked,
        }
        unsafe impl<
            Reader,
            Buf,
            ReadFuture,
            Sum,
            Iter,
            YieldNowFuture,
            Shadow,
        > ::coro::__private::Frame
        for ChecksumFrame<Reader, Buf, ReadFuture, Sum, Iter, YieldNowFuture, Shadow> {
            #[inline]
            unsafe fn drop_from(&self, first: usize) {
                unsafe {
                    let __coro_slot_reader = &self.reader;
                    let __coro_slot_buf = &self.buf;
                    let __coro_slot_sum = &self.sum;
                    let __coro_slot_read_future = &*self.overlap.read_future;
                    let __coro_part0_with_iter = ::coro::__private::part_ptr(
                        &raw const self.overlap.with_iter,
                    );
                    let __coro_slot_iter = &(*__coro_part0_with_iter).iter;
                    let __coro_slot_yield_now_future = &(*__coro_part0_with_iter)
                        .yield_now_future;
                    if first == 0
                        && ::core::matches!(* self.state.ptr(), ChecksumState::Start)
                    {
                        __coro_slot_reader.drop_if_init(&self.live);
                        return;
                    }
                    match *self.state.ptr() {
                        ChecksumState::AwaitRead => {
                            *self.state.ptr() = ChecksumState::Panicked;
                            __coro_slot_read_future.drop_in_place()
                        }
                        ChecksumState::AwaitYieldNow => {
                            *self.state.ptr() = ChecksumState::Panicked;
                            __coro_slot_yield_now_future.drop_in_place()
                        }
                        _ => {}
                    }
                    if first <= 4usize {
                        __coro_slot_iter.drop_if_init(&self.live);
                    }
                    if first <= 3usize {
                        __coro_slot_sum.drop_if_init(&self.live);
                    }
                    if first <= 1usize {
                        __coro_slot_buf.drop_if_init(&self.live);
                    }
                    if first == 0 {
                        __coro_slot_reader.drop_if_init(&self.live);
                    }
                }
            }
            #[inline]
            fn poison(&self) {
                self.state
                    .poison(
                        ChecksumState::Panicked,
                        |s| ::core::matches!(s, ChecksumState::Returned),
                    );
            }
        }
        ::coro::__private::Coroutine::new(
            ChecksumFrame {
                state: ::coro::__private::StateCell::new(ChecksumState::Start),
                live: ::coro::__private::Flags::new([1u8]),
                reader: ::coro::__private::Slot::new(reader),
                buf: ::coro::__private::Slot::uninit(),
                sum: ::coro::__private::Slot::uninit(),
                overlap: ChecksumOverlapReadFuture {
                    read_future: ::core::mem::ManuallyDrop::new(
                        ::coro::__private::Awaitee::uninit(),
                    ),
                },
                shadow: __coro_shadow,
            },
            |__frame, __cx| -> ::core::task::Poll<u32> {
                unsafe {
                    let __f = ::coro::__private::unbound(__frame);
                    let __coro_state = __f.state.ptr();
                    let __coro_live = &__f.live;
                    let __coro_frame: &dyn ::coro::__private::Frame = __f;
                    let __coro_slot_reader = &__f.reader;
                    let __coro_slot_buf = &__f.buf;
                    let __coro_slot_sum = &__f.sum;
                    let __coro_slot_read_future = &*__f.overlap.read_future;
                    let __coro_part0_with_iter = ::coro::__private::part_ptr(
                        &raw const __f.overlap.with_iter,
                    );
                    let __coro_slot_iter = &(*__coro_part0_with_iter).iter;
                    let __coro_slot_yield_now_future = &(*__coro_part0_with_iter)
                        .yield_now_future;
                    '__coro_resume: loop {
                        'AfterFor: {
                            'AwaitYieldNow: {
                                'ForHead: {
                                    'AwaitRead: {
                                        'Start: {
                                            match *__coro_state {
                                                ChecksumState::Start => break 'Start,
                                                ChecksumState::AwaitRead => break 'AwaitRead,
                                                ChecksumState::ForHead => break 'ForHead,
                                                ChecksumState::AwaitYieldNow => break 'AwaitYieldNow,
                                                ChecksumState::AfterFor => break 'AfterFor,
                                                ChecksumState::Returned => {
                                                    ::coro::__private::resumed_after_completion()
                                                }
                                                ChecksumState::Running | ChecksumState::Panicked => {
                                                    ::coro::__private::resumed_after_panicking()
                                                }
                                            }
                                        }
                                        /// State `Start`: Not polled yet: only the arguments are stored.
                                        {
                                            *__coro_state = ChecksumState::Running;
                                            {
                                                __coro_slot_buf.write(&__coro_live, [0u8; 64]);
                                                {
                                                    __coro_slot_read_future
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
                                                                    let __coro_recv = __coro_slot_reader.ptr();
                                                                    let __coro_probe = ::coro::__private::decide_typed(
                                                                        (&::coro::__private::CopyProbe(__coro_recv)).target(),
                                                                        (&::coro::__private::BoxProbe(__coro_recv)).target(),
                                                                        (&::coro::__private::TypingProbe(__coro_recv)).typing(),
                                                                        |__coro_typed, (__coro_arg0,), __coro_output| {
                                                                            loop {}
                                                                            #[allow(unreachable_code)]
                                                                            ::coro::__private::typed_as(
                                                                                __coro_output,
                                                                                __coro_typed.read(__coro_arg0),
                                                                            );
                                                                        },
                                                                        {
                                                                            trait ReceiverProbe_write_Trait_method_value {
                                                                                fn read<__CoroArg0>(
                                                                                    self,
                                                                                    _: __CoroArg0,
                                                                                ) -> ::coro::__private::Borrows;
                                                                            }
                                                                            impl<T> ReceiverProbe_write_Trait_method_value for T {
                                                                                fn read<__CoroArg0>(
                                                                                    self,
                                                                                    _: __CoroArg0,
                                                                                ) -> ::coro::__private::Borrows {
                                                                                    ::coro::__private::Borrows
                                                                                }
                                                                            }
                                                                            |
                                                                                __coro_value,
                                                                                __coro_boxed,
                                                                                (__coro_arg0,),
                                                                                (__coro_box_arg0,)|
                                                                            (
                                                                                __coro_value.read(__coro_arg0),
                                                                                __coro_boxed.read(__coro_box_arg0),
                                                                            )
                                                                        },
                                                                    );
                                                                    __coro_probe
                                                                        .receiver(
                                                                            __coro_recv,
                                                                            || __coro_slot_reader.take(&__coro_live),
                                                                        )
                                                                })
                                                                    .call(
                                                                        (&mut (*__coro_slot_buf.ptr()),),
                                                                        |__coro_decided, __coro_recv| {
                                                                            #[allow(unused_imports)]
                                                                            use ::coro::__private::{
                                                                                DecidePlace as _, DecideTake as _, ProbeBoxSelfTarget as _,
                                                                                ProbeBoxTarget as _, ProbeCopyTarget as _,
                                                                                ProbeMutRefTarget as _, ProbeNotBoxTarget as _,
                                                                                ProbeOtherTarget as _,
                                                                            };
                                                                            __coro_decided.recv_kind()
                                                                        },
                                                                        |__coro_value, (__coro_arg0,)| {
                                                                            __coro_value.read(__coro_arg0)
                                                                        },
                                                                    ),
                                                            ),
                                                        );
                                                    *__coro_state = ChecksumState::AwaitRead;
                                                    break 'AwaitRead;
                                                }
                                            }
                                        }
                                    }
                                    /// State `AwaitRead`: Suspended at `reader.read(&mut buf).await`.
                                    {
                                        {
                                            let n;
                                            {
                                                let mut __coro_tmp3 = match __coro_slot_read_future
                                                    .poll(__cx)
                                                {
                                                    ::core::task::Poll::Ready(__coro_output) => __coro_output,
                                                    ::core::task::Poll::Pending => {
                                                        return ::core::task::Poll::Pending;
                                                    }
                                                };
                                                *__coro_state = ChecksumState::Running;
                                                __coro_slot_read_future.drop_in_place();
                                                n = __coro_tmp3;
                                            }
                                            let data = &(*__coro_slot_buf.ptr())[..n];
                                            __coro_slot_sum.write(&__coro_live, 0u32);
                                            {
                                                __coro_slot_iter
                                                    .write(
                                                        &__coro_live,
                                                        ::core::iter::IntoIterator::into_iter(data),
                                                    );
                                                *__coro_state = ChecksumState::ForHead;
                                                break 'ForHead;
                                            }
                                        }
                                    }
                                }
                                /// State `ForHead`: Where control continues: for head (not a suspension point).
                                {
                                    {
                                        {
                                            match ::core::iter::Iterator::next(
                                                &mut (*__coro_slot_iter.ptr()),
                                            ) {
                                                ::core::option::Option::Some(byte) => {
                                                    __coro_slot_sum
                                                        .set(
                                                            &__coro_live,
                                                            ({
                                                                #[allow(unused_imports)]
                                                                use ::coro::__private::{
                                                                    DecidePlace as _, DecideTake as _, ProbeBoxSelfTarget as _,
                                                                    ProbeBoxTarget as _, ProbeCopyTarget as _,
                                                                    ProbeMutRefTarget as _, ProbeNotBoxTarget as _,
                                                                    ProbeOtherTarget as _,
                                                                };
                                                                let __coro_recv = __coro_slot_sum.ptr();
                                                                let __coro_probe = ::coro::__private::decide_typed(
                                                                    (&::coro::__private::CopyProbe(__coro_recv)).target(),
                                                                    (&::coro::__private::BoxProbe(__coro_recv)).target(),
                                                                    (&::coro::__private::TypingProbe(__coro_recv)).typing(),
                                                                    |__coro_typed, (__coro_arg0,), __coro_output| {
                                                                        loop {}
                                                                        #[allow(unreachable_code)]
                                                                        ::coro::__private::typed_as(
                                                                            __coro_output,
                                                                            __coro_typed.wrapping_add(__coro_arg0),
                                                                        );
                                                                    },
                                                                    {
                                                                        trait ReceiverProbe_write_Trait_method_value {
                                                                            fn wrapping_add<__CoroArg0>(
                                                                                self,
                                                                                _: __CoroArg0,
                                                                            ) -> ::coro::__private::Borrows;
                                                                        }
                                                                        impl<T> ReceiverProbe_write_Trait_method_value for T {
                                                                            fn wrapping_add<__CoroArg0>(
                                                                                self,
                                                                                _: __CoroArg0,
                                                                            ) -> ::coro::__private::Borrows {
                                                                                ::coro::__private::Borrows
                                                                            }
                                                                        }
                                                                        |
                                                                            __coro_value,
                                                                            __coro_boxed,
                                                                            (__coro_arg0,),
                                                                            (__coro_box_arg0,)|
                                                                        (
                                                                            __coro_value.wrapping_add(__coro_arg0),
                                                                            __coro_boxed.wrapping_add(__coro_box_arg0),
                                                                        )
                                                                    },
                                                                );
                                                                __coro_probe
                                                                    .receiver(
                                                                        __coro_recv,
                                                                        || __coro_slot_sum.take(&__coro_live),
                                                                    )
                                                            })
                                                                .call(
                                                                    (u32::from(*byte),),
                                                                    |__coro_decided, __coro_recv| {
                                                                        #[allow(unused_imports)]
                                                                        use ::coro::__private::{
                                                                            DecidePlace as _, DecideTake as _, ProbeBoxSelfTarget as _,
                                                                            ProbeBoxTarget as _, ProbeCopyTarget as _,
                                                                            ProbeMutRefTarget as _, ProbeNotBoxTarget as _,
                                                                            ProbeOtherTarget as _,
                                                                        };
                                                                        __coro_decided.recv_kind()
                                                                    },
                                                                    |__coro_value, (__coro_arg0,)| {
                                                                        __coro_value.wrapping_add(__coro_arg0)
                                                                    },
                                                                ),
                                                        );
                                                    {
                                                        __coro_slot_yield_now_future
                                                            .put(::coro::__private::into_future(yield_now()));
                                                        *__coro_state = ChecksumState::AwaitYieldNow;
                                                        break 'AwaitYieldNow;
                                                    }
                                                }
                                                ::core::option::Option::None => {
                                                    *__coro_state = ChecksumState::AfterFor;
                                                    break 'AfterFor;
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                            /// State `AwaitYieldNow`: Suspended at `yield_now().await`.
                            {
                                {
                                    {
                                        {
                                            {
                                                {
                                                    {
                                                        let mut __coro_tmp10 = match __coro_slot_yield_now_future
                                                            .poll(__cx)
                                                        {
                                                            ::core::task::Poll::Ready(__coro_output) => __coro_output,
                                                            ::core::task::Poll::Pending => {
                                                                return ::core::task::Poll::Pending;
                                                            }
                                                        };
                                                        *__coro_state = ChecksumState::Running;
                                                        __coro_slot_yield_now_future.drop_in_place();
                                                        __coro_tmp10;
                                                    }
                                                }
                                            }
                                            *__coro_state = ChecksumState::ForHead;
                                            continue '__coro_resume;
                                        }
                                    }
                                }
                            }
                        }
                        /// State `AfterFor`: Where control continues: after for (not a suspension point).
                        {
                            let __exit = ::coro::__private::ExitGuard::new(__coro_frame);
                            {
                                __coro_slot_iter.drop_if_init(&__coro_live);
                                {
                                    let __coro_ret: u32 = __coro_slot_sum.take(&__coro_live);
                                    __exit.arm(0usize);
                                    *__coro_state = ChecksumState::Returned;
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
