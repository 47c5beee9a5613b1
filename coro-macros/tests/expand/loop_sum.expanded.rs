fn sum_readings(
    sensor: &mut Sensor,
    count: usize,
) -> impl ::core::future::Future<Output = u64> {
    let mut __coro_shadow = ::coro::__private::PhantomData;
    if false {
        let __coro_body = async move {
            if false {
                return ::coro::__private::value_of_type::<u64>();
            }
            #[allow(clippy::redundant_locals, clippy::used_underscore_binding)]
            let sensor = sensor;
            #[allow(clippy::redundant_locals, clippy::used_underscore_binding)]
            let count = count;
            let mut total = 0;
            for _ in 0..count {
                let reading = sensor.read().await;
                if reading == 0 {
                    break;
                }
                total += reading;
            }
            {
                let __coro_ret: u64 = total;
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
        /// The frame of the coroutine `sum_readings`: its state and every value that lives across one of its suspension points, each in its own slot. Values that are never alive together share storage (`overlap`).
        struct SumReadingsFrame<Sensor, Count, Total, Iter, ReadFuture, Shadow> {
            state: ::coro::__private::StateCell<SumReadingsState>,
            /// Drop flags: bit `i` says whether slot `i` holds a value.
            live: ::coro::__private::Flags<1usize>,
            /// The argument `sensor`.
            sensor: ::coro::__private::Slot<Sensor, 0usize>,
            /// `let total`
            total: ::coro::__private::Slot<Total, 2usize>,
            /// Values that are never alive together, overlapping.
            overlap: SumReadingsOverlapCount<Count, Iter, ReadFuture>,
            /// Carries the type of the shadow copy of the body, so that the
            /// coroutine is `Send`/`Sync` exactly when rustc's would be.
            shadow: ::coro::__private::PhantomData<Shadow>,
        }
        struct SumReadingsWithIter<Iter, ReadFuture> {
            /// The iterator of a `for` loop.
            iter: ::coro::__private::Slot<Iter, 3usize>,
            /// The future of `sensor.read().await`.
            read_future: ::coro::__private::Awaitee<ReadFuture>,
        }
        union SumReadingsOverlapCount<Count, Iter, ReadFuture> {
            /// The argument `count`.
            count: ::core::mem::ManuallyDrop<::coro::__private::Slot<Count, 1usize>>,
            with_iter: ::core::mem::ManuallyDrop<SumReadingsWithIter<Iter, ReadFuture>>,
        }
        /// Where the coroutine is. (Read and written in place, so neither
        /// `Clone` nor `Copy`: deriving them costs rustc a little to check.)
        enum SumReadingsState {
            /// Not polled yet: only the arguments are stored.
            Start,
            /// Where control continues: for head (not a suspension point).
            ForHead,
            /// Where control continues: after for (not a suspension point).
            AfterFor,
            /// Suspended at `sensor.read().await`.
            AwaitRead,
            /// Between suspension points: the code of some state is running
            /// (its awaitee, if it had one, is done).
            Running,
            /// Completed: polling again panics.
            Returned,
            /// A poll panicked: polling again panics.
            Panicked,
        }
        unsafe impl<
            Sensor,
            Count,
            Total,
            Iter,
            ReadFuture,
            Shadow,
        > ::coro::__private::Frame
        for SumReadingsFrame<Sensor, Count, Total, Iter, ReadFuture, Shadow> {
            #[inline]
            unsafe fn drop_from(&self, first: usize) {
                unsafe {
                    let __coro_slot_sensor = &self.sensor;
                    let __coro_slot_total = &self.total;
                    let __coro_slot_count = &*self.overlap.count;
                    let __coro_part0_with_iter = ::coro::__private::part_ptr(
                        &raw const self.overlap.with_iter,
                    );
                    let __coro_slot_iter = &(*__coro_part0_with_iter).iter;
                    let __coro_slot_read_future = &(*__coro_part0_with_iter).read_future;
                    if first == 0
                        && ::core::matches!(* self.state.ptr(), SumReadingsState::Start)
                    {
                        __coro_slot_sensor.drop_if_init(&self.live);
                        __coro_slot_count.drop_if_init(&self.live);
                        return;
                    }
                    match *self.state.ptr() {
                        SumReadingsState::AwaitRead => {
                            *self.state.ptr() = SumReadingsState::Panicked;
                            __coro_slot_read_future.drop_in_place()
                        }
                        _ => {}
                    }
                    if first <= 3usize {
                        __coro_slot_iter.drop_if_init(&self.live);
                    }
                    if first <= 2usize {
                        __coro_slot_total.drop_if_init(&self.live);
                    }
                    if first <= 1usize {
                        __coro_slot_count.drop_if_init(&self.live);
                    }
                    if first == 0 {
                        __coro_slot_sensor.drop_if_init(&self.live);
                    }
                }
            }
            #[inline]
            fn poison(&self) {
                self.state
                    .poison(
                        SumReadingsState::Panicked,
                        |s| ::core::matches!(s, SumReadingsState::Returned),
                    );
            }
        }
        ::coro::__private::Coroutine::new(
            SumReadingsFrame {
                state: ::coro::__private::StateCell::new(SumReadingsState::Start),
                live: ::coro::__private::Flags::new([3u8]),
                sensor: ::coro::__private::Slot::new(sensor),
                total: ::coro::__private::Slot::uninit(),
                overlap: SumReadingsOverlapCount {
                    count: ::core::mem::ManuallyDrop::new(
                        ::coro::__private::Slot::new(count),
                    ),
                },
                shadow: __coro_shadow,
            },
            |__frame, __cx| -> ::core::task::Poll<u64> {
                unsafe {
                    let __f = ::coro::__private::unbound(__frame);
                    let __coro_state = __f.state.ptr();
                    let __coro_live = &__f.live;
                    let __coro_frame: &dyn ::coro::__private::Frame = __f;
                    let __coro_slot_sensor = &__f.sensor;
                    let __coro_slot_total = &__f.total;
                    let __coro_slot_count = &*__f.overlap.count;
                    let __coro_part0_with_iter = ::coro::__private::part_ptr(
                        &raw const __f.overlap.with_iter,
                    );
                    let __coro_slot_iter = &(*__coro_part0_with_iter).iter;
                    let __coro_slot_read_future = &(*__coro_part0_with_iter).read_future;
                    '__coro_resume: loop {
                        'AfterFor: {
                            'AwaitRead: {
                                'ForHead: {
                                    'Start: {
                                        match *__coro_state {
                                            SumReadingsState::Start => break 'Start,
                                            SumReadingsState::ForHead => break 'ForHead,
                                            SumReadingsState::AwaitRead => break 'AwaitRead,
                                            SumReadingsState::AfterFor => break 'AfterFor,
                                            SumReadingsState::Returned => {
                                                ::coro::__private::resumed_after_completion()
                                            }
                                            SumReadingsState::Running | SumReadingsState::Panicked => {
                                                ::coro::__private::resumed_after_panicking()
                                            }
                                        }
                                    }
                                    /// State `Start`: Not polled yet: only the arguments are stored.
                                    {
                                        *__coro_state = SumReadingsState::Running;
                                        {
                                            __coro_slot_total.write(&__coro_live, 0);
                                            {
                                                __coro_slot_iter
                                                    .write(
                                                        &__coro_live,
                                                        ::core::iter::IntoIterator::into_iter(
                                                            0..__coro_slot_count.take(&__coro_live),
                                                        ),
                                                    );
                                                *__coro_state = SumReadingsState::ForHead;
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
                                                ::core::option::Option::Some(_) => {
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
                                                                    let __coro_recv = __coro_slot_sensor.ptr();
                                                                    (&::coro::__private::decide(
                                                                        (&::coro::__private::CopyProbe(__coro_recv)).target(),
                                                                        (&::coro::__private::BoxProbe(__coro_recv)).target(),
                                                                        {
                                                                            trait ReceiverProbe_write_Trait_method_value {
                                                                                fn read(self) -> ::coro::__private::Borrows;
                                                                            }
                                                                            impl<T> ReceiverProbe_write_Trait_method_value for T {
                                                                                fn read(self) -> ::coro::__private::Borrows {
                                                                                    ::coro::__private::Borrows
                                                                                }
                                                                            }
                                                                            |__coro_value, __coro_boxed, (), ()| (
                                                                                __coro_value.read(),
                                                                                __coro_boxed.read(),
                                                                            )
                                                                        },
                                                                    ))
                                                                        .recv_kind()
                                                                        .recv(__coro_recv, || __coro_slot_sensor.take(&__coro_live))
                                                                })
                                                                    .read(),
                                                            ),
                                                        );
                                                    *__coro_state = SumReadingsState::AwaitRead;
                                                    break 'AwaitRead;
                                                }
                                                ::core::option::Option::None => {
                                                    *__coro_state = SumReadingsState::AfterFor;
                                                    break 'AfterFor;
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                            /// State `AwaitRead`: Suspended at `sensor.read().await`.
                            {
                                let __exit = ::coro::__private::ExitGuard::new(
                                    __coro_frame,
                                );
                                {
                                    {
                                        {
                                            {
                                                {
                                                    let reading;
                                                    {
                                                        let mut __coro_tmp5 = match __coro_slot_read_future
                                                            .poll(__cx)
                                                        {
                                                            ::core::task::Poll::Ready(__coro_output) => __coro_output,
                                                            ::core::task::Poll::Pending => {
                                                                return ::core::task::Poll::Pending;
                                                            }
                                                        };
                                                        *__coro_state = SumReadingsState::Running;
                                                        __coro_slot_read_future.drop_in_place();
                                                        reading = __coro_tmp5;
                                                    }
                                                    if reading == 0 {
                                                        {
                                                            __exit.arm(4usize);
                                                            *__coro_state = SumReadingsState::AfterFor;
                                                            break 'AfterFor;
                                                        };
                                                    }
                                                    (*__coro_slot_total.ptr()) += reading;
                                                }
                                            }
                                            *__coro_state = SumReadingsState::ForHead;
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
                                    let __coro_ret: u64 = __coro_slot_total.take(&__coro_live);
                                    __exit.arm(0usize);
                                    *__coro_state = SumReadingsState::Returned;
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
