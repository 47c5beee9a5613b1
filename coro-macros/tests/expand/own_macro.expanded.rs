fn report(name: String) -> impl ::core::future::Future<Output = usize> {
    let mut __coro_shadow = ::coro::__private::PhantomData;
    if false {
        let __coro_body = async move {
            if false {
                return ::coro::__private::value_of_type::<usize>();
            }
            #[allow(clippy::redundant_locals, clippy::used_underscore_binding)]
            #[allow(unused_mut)]
            let mut name = name;
            #[allow(unused_mut)]
            let mut count = lookup(&name).await;
            {
                ::coro::__private::lent(&mut name);
                ::coro::__private::lent(&mut count);
                log_line!(name, count);
            }
            save(count).await;
            {
                let __coro_ret: usize = count + name.len();
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
        /// The frame of the coroutine `report`: its state and every value that lives across one of its suspension points, each in its own slot. Values that are never alive together share storage (`overlap`).
        struct ReportCoroFrame<Name, Name2, LookupFuture, Count, SaveFuture, Shadow> {
            state: ::coro::__private::StateCell<ReportCoroState>,
            /// Drop flags: bit `i` says whether slot `i` holds a value.
            live: ::coro::__private::Flags<1usize>,
            /// Values that are never alive together, overlapping.
            overlap: ReportCoroOverlapName<Name, Name2, LookupFuture, Count, SaveFuture>,
            /// Carries the type of the shadow copy of the body, so that the
            /// coroutine is `Send`/`Sync` exactly when rustc's would be.
            shadow: ::coro::__private::PhantomData<Shadow>,
        }
        struct ReportCoroWithName2<Name2, LookupFuture, Count, SaveFuture> {
            /// `let name`
            name_2: ::coro::__private::Slot<Name2, 1usize>,
            /// Values that are never alive together, overlapping.
            overlap: ReportCoroOverlapLookupFuture<LookupFuture, Count, SaveFuture>,
        }
        struct ReportCoroWithCount<Count, SaveFuture> {
            /// `let count`
            count: ::coro::__private::Slot<Count, 2usize>,
            /// The future of `save(count).await`.
            save_future: ::coro::__private::Awaitee<SaveFuture>,
        }
        union ReportCoroOverlapLookupFuture<LookupFuture, Count, SaveFuture> {
            /// The future of `lookup(&name).await`.
            lookup_future: ::core::mem::ManuallyDrop<
                ::coro::__private::Awaitee<LookupFuture>,
            >,
            with_count: ::core::mem::ManuallyDrop<
                ReportCoroWithCount<Count, SaveFuture>,
            >,
        }
        union ReportCoroOverlapName<Name, Name2, LookupFuture, Count, SaveFuture> {
            /// The argument `name`.
            name: ::core::mem::ManuallyDrop<::coro::__private::Slot<Name, 0usize>>,
            with_name_2: ::core::mem::ManuallyDrop<
                ReportCoroWithName2<Name2, LookupFuture, Count, SaveFuture>,
            >,
        }
        /// Where the coroutine is. (Read and written in place, so neither
        /// `Clone` nor `Copy`: deriving them costs rustc a little to check.)
        enum ReportCoroState {
            /// Not polled yet: only the arguments are stored.
            Start,
            /// Suspended at `lookup(&name).await`.
            AwaitLookup,
            /// Suspended at `save(count).await`.
            AwaitSave,
            /// Between suspension points: the code of some state is running
            /// (its awaitee, if it had one, is done).
            Running,
            /// Completed: polling again panics.
            Returned,
            /// A poll panicked: polling again panics.
            Panicked,
        }
        unsafe impl<
            Name,
            Name2,
            LookupFuture,
            Count,
            SaveFuture,
            Shadow,
        > ::coro::__private::Frame
        for ReportCoroFrame<Name, Name2, LookupFuture, Count, SaveFuture, Shadow> {
            #[inline]
            unsafe fn drop_from(&self, first: usize) {
                unsafe {
                    let __coro_slot_name = &*self.overlap.name;
                    let __coro_part0_with_name_2 = ::coro::__private::part_ptr(
                        &raw const self.overlap.with_name_2,
                    );
                    let __coro_slot_name_2 = &(*__coro_part0_with_name_2).name_2;
                    let __coro_slot_lookup_future = &*(*__coro_part0_with_name_2)
                        .overlap
                        .lookup_future;
                    let __coro_part1_with_count = ::coro::__private::part_ptr(
                        &raw const (*__coro_part0_with_name_2).overlap.with_count,
                    );
                    let __coro_slot_count = &(*__coro_part1_with_count).count;
                    let __coro_slot_save_future = &(*__coro_part1_with_count)
                        .save_future;
                    if first == 0
                        && ::core::matches!(* self.state.ptr(), ReportCoroState::Start)
                    {
                        __coro_slot_name.drop_if_init(&self.live);
                        return;
                    }
                    match *self.state.ptr() {
                        ReportCoroState::AwaitLookup => {
                            *self.state.ptr() = ReportCoroState::Panicked;
                            __coro_slot_lookup_future.drop_in_place()
                        }
                        ReportCoroState::AwaitSave => {
                            *self.state.ptr() = ReportCoroState::Panicked;
                            __coro_slot_save_future.drop_in_place()
                        }
                        _ => {}
                    }
                    if first <= 3usize {
                        __coro_slot_count.drop_if_init(&self.live);
                    }
                    if first <= 1usize {
                        __coro_slot_name_2.drop_if_init(&self.live);
                    }
                    if first == 0 {
                        __coro_slot_name.drop_if_init(&self.live);
                    }
                }
            }
            #[inline]
            fn poison(&self) {
                self.state
                    .poison(
                        ReportCoroState::Panicked,
                        |s| ::core::matches!(s, ReportCoroState::Returned),
                    );
            }
        }
        ::coro::__private::Coroutine::new(
            ReportCoroFrame {
                state: ::coro::__private::StateCell::new(ReportCoroState::Start),
                live: ::coro::__private::Flags::new([1u8]),
                overlap: ReportCoroOverlapName {
                    name: ::core::mem::ManuallyDrop::new(
                        ::coro::__private::Slot::new(name),
                    ),
                },
                shadow: __coro_shadow,
            },
            |__frame, __cx| -> ::core::task::Poll<usize> {
                unsafe {
                    let __f = ::coro::__private::unbound(__frame);
                    let __coro_state = __f.state.ptr();
                    let __coro_live = &__f.live;
                    let __coro_frame: &dyn ::coro::__private::Frame = __f;
                    let __coro_slot_name = &*__f.overlap.name;
                    let __coro_part0_with_name_2 = ::coro::__private::part_ptr(
                        &raw const __f.overlap.with_name_2,
                    );
                    let __coro_slot_name_2 = &(*__coro_part0_with_name_2).name_2;
                    let __coro_slot_lookup_future = &*(*__coro_part0_with_name_2)
                        .overlap
                        .lookup_future;
                    let __coro_part1_with_count = ::coro::__private::part_ptr(
                        &raw const (*__coro_part0_with_name_2).overlap.with_count,
                    );
                    let __coro_slot_count = &(*__coro_part1_with_count).count;
                    let __coro_slot_save_future = &(*__coro_part1_with_count)
                        .save_future;
                    '__coro_resume: loop {
                        'AwaitSave: {
                            'AwaitLookup: {
                                'Start: {
                                    match *__coro_state {
                                        ReportCoroState::Start => break 'Start,
                                        ReportCoroState::AwaitLookup => break 'AwaitLookup,
                                        ReportCoroState::AwaitSave => break 'AwaitSave,
                                        ReportCoroState::Returned => {
                                            ::coro::__private::resumed_after_completion()
                                        }
                                        ReportCoroState::Running | ReportCoroState::Panicked => {
                                            ::coro::__private::resumed_after_panicking()
                                        }
                                    }
                                }
                                /// State `Start`: Not polled yet: only the arguments are stored.
                                {
                                    *__coro_state = ReportCoroState::Running;
                                    __coro_slot_name_2
                                        .write(&__coro_live, __coro_slot_name.take(&__coro_live));
                                    {
                                        {
                                            __coro_slot_lookup_future
                                                .put(
                                                    ::coro::__private::into_future(
                                                        lookup(&(*__coro_slot_name_2.ptr())),
                                                    ),
                                                );
                                            *__coro_state = ReportCoroState::AwaitLookup;
                                            break 'AwaitLookup;
                                        }
                                    }
                                }
                            }
                            /// State `AwaitLookup`: Suspended at `lookup(&name).await`.
                            {
                                {
                                    {
                                        let mut __coro_tmp3 = match __coro_slot_lookup_future
                                            .poll(__cx)
                                        {
                                            ::core::task::Poll::Ready(__coro_output) => __coro_output,
                                            ::core::task::Poll::Pending => {
                                                return ::core::task::Poll::Pending;
                                            }
                                        };
                                        *__coro_state = ReportCoroState::Running;
                                        __coro_slot_lookup_future.drop_in_place();
                                        __coro_slot_count.write(&__coro_live, __coro_tmp3);
                                    }
                                    {
                                        let mut name = __coro_slot_name_2.take(&__coro_live);
                                        let __coro_unwind = ::coro::__private::UnwindGuard::new(
                                            __coro_frame,
                                            2usize,
                                        );
                                        let mut count = __coro_slot_count.take(&__coro_live);
                                        log_line!(name, count);
                                        __coro_slot_count.write(&__coro_live, count);
                                        __coro_slot_name_2.write(&__coro_live, name);
                                    };
                                    {
                                        __coro_slot_save_future
                                            .put(
                                                ::coro::__private::into_future(
                                                    save(__coro_slot_count.take(&__coro_live)),
                                                ),
                                            );
                                        *__coro_state = ReportCoroState::AwaitSave;
                                        break 'AwaitSave;
                                    }
                                }
                            }
                        }
                        /// State `AwaitSave`: Suspended at `save(count).await`.
                        {
                            let __exit = ::coro::__private::ExitGuard::new(__coro_frame);
                            {
                                {
                                    let mut __coro_tmp6 = match __coro_slot_save_future
                                        .poll(__cx)
                                    {
                                        ::core::task::Poll::Ready(__coro_output) => __coro_output,
                                        ::core::task::Poll::Pending => {
                                            return ::core::task::Poll::Pending;
                                        }
                                    };
                                    *__coro_state = ReportCoroState::Running;
                                    __coro_slot_save_future.drop_in_place();
                                    __coro_tmp6;
                                }
                                {
                                    let __coro_ret: usize = (__coro_slot_count
                                        .take(&__coro_live)) + (*__coro_slot_name_2.ptr()).len();
                                    __exit.arm(0usize);
                                    *__coro_state = ReportCoroState::Returned;
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
