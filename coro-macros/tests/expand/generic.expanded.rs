fn first_ready<'__coro, T: '__coro, F>(
    futures: Vec<F>,
    fallback: T,
) -> impl ::core::future::Future<Output = T>
where
    F: Future<Output = Option<T>> + '__coro,
{
    let mut __coro_shadow = ::coro::__private::PhantomData;
    if false {
        let __coro_body = async move {
            if false {
                return ::coro::__private::value_of_type::<T>();
            }
            #[allow(clippy::redundant_locals, clippy::used_underscore_binding)]
            let futures = futures;
            #[allow(clippy::redundant_locals, clippy::used_underscore_binding)]
            let fallback = fallback;
            for future in futures {
                if let Some(value) = future.await {
                    return {
                        let __coro_ret: T = value;
                        #[allow(unreachable_code)] { __coro_ret }
                    };
                }
            }
            {
                let __coro_ret: T = fallback;
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
        /// The frame of the coroutine `first_ready`: its state and every value that lives across one of its suspension points, each in its own slot. Values that are never alive together share storage (`overlap`).
        struct FirstReadyFrame<Futures, Fallback, Iter, FutureFuture, Shadow> {
            state: ::coro::__private::StateCell<FirstReadyState>,
            /// Drop flags: bit `i` says whether slot `i` holds a value.
            live: ::coro::__private::Flags<1usize>,
            /// The argument `fallback`.
            fallback: ::coro::__private::Slot<Fallback, 1usize>,
            /// Values that are never alive together, overlapping.
            overlap: FirstReadyOverlapFutures<Futures, Iter, FutureFuture>,
            /// Carries the type of the shadow copy of the body, so that the
            /// coroutine is `Send`/`Sync` exactly when rustc's would be.
            shadow: ::coro::__private::PhantomData<Shadow>,
        }
        struct FirstReadyWithIter<Iter, FutureFuture> {
            /// The iterator of a `for` loop.
            iter: ::coro::__private::Slot<Iter, 2usize>,
            /// The future of `future.await`.
            future_future: ::coro::__private::Awaitee<FutureFuture>,
        }
        union FirstReadyOverlapFutures<Futures, Iter, FutureFuture> {
            /// The argument `futures`.
            futures: ::core::mem::ManuallyDrop<::coro::__private::Slot<Futures, 0usize>>,
            with_iter: ::core::mem::ManuallyDrop<FirstReadyWithIter<Iter, FutureFuture>>,
        }
        /// Where the coroutine is. (Read and written in place, so neither
        /// `Clone` nor `Copy`: deriving them costs rustc a little to check.)
        enum FirstReadyState {
            /// Not polled yet: only the arguments are stored.
            Start,
            /// Where control continues: for head (not a suspension point).
            ForHead,
            /// Where control continues: after for (not a suspension point).
            AfterFor,
            /// Suspended at `future.await`.
            AwaitFuture,
            /// Between suspension points: the code of some state is running
            /// (its awaitee, if it had one, is done).
            Running,
            /// Completed: polling again panics.
            Returned,
            /// A poll panicked: polling again panics.
            Panicked,
        }
        unsafe impl<
            Futures,
            Fallback,
            Iter,
            FutureFuture,
            Shadow,
        > ::coro::__private::Frame
        for FirstReadyFrame<Futures, Fallback, Iter, FutureFuture, Shadow> {
            #[inline]
            unsafe fn drop_from(&self, first: usize) {
                unsafe {
                    let __coro_slot_fallback = &self.fallback;
                    let __coro_slot_futures = &*self.overlap.futures;
                    let __coro_part0_with_iter = ::coro::__private::part_ptr(
                        &raw const self.overlap.with_iter,
                    );
                    let __coro_slot_iter = &(*__coro_part0_with_iter).iter;
                    let __coro_slot_future_future = &(*__coro_part0_with_iter)
                        .future_future;
                    if first == 0
                        && ::core::matches!(* self.state.ptr(), FirstReadyState::Start)
                    {
                        __coro_slot_futures.drop_if_init(&self.live);
                        __coro_slot_fallback.drop_if_init(&self.live);
                        return;
                    }
                    match *self.state.ptr() {
                        FirstReadyState::AwaitFuture => {
                            *self.state.ptr() = FirstReadyState::Panicked;
                            __coro_slot_future_future.drop_in_place()
                        }
                        _ => {}
                    }
                    if first <= 2usize {
                        __coro_slot_iter.drop_if_init(&self.live);
                    }
                    if first <= 1usize {
                        __coro_slot_fallback.drop_if_init(&self.live);
                    }
                    if first == 0 {
                        __coro_slot_futures.drop_if_init(&self.live);
                    }
                }
            }
            #[inline]
            fn poison(&self) {
                self.state
                    .poison(
                        FirstReadyState::Panicked,
                        |s| ::core::matches!(s, FirstReadyState::Returned),
                    );
            }
        }
        ::coro::__private::Coroutine::new(
            FirstReadyFrame {
                state: ::coro::__private::StateCell::new(FirstReadyState::Start),
                live: ::coro::__private::Flags::new([3u8]),
                fallback: ::coro::__private::Slot::new(fallback),
                overlap: FirstReadyOverlapFutures {
                    futures: ::core::mem::ManuallyDrop::new(
                        ::coro::__private::Slot::new(futures),
                    ),
                },
                shadow: __coro_shadow,
            },
            |__frame, __cx| -> ::core::task::Poll<T> {
                unsafe {
                    let __f = ::coro::__private::unbound(__frame);
                    let __coro_state = __f.state.ptr();
                    let __coro_live = &__f.live;
                    let __coro_frame: &dyn ::coro::__private::Frame = __f;
                    let __coro_slot_fallback = &__f.fallback;
                    let __coro_slot_futures = &*__f.overlap.futures;
                    let __coro_part0_with_iter = ::coro::__private::part_ptr(
                        &raw const __f.overlap.with_iter,
                    );
                    let __coro_slot_iter = &(*__coro_part0_with_iter).iter;
                    let __coro_slot_future_future = &(*__coro_part0_with_iter)
                        .future_future;
                    '__coro_resume: loop {
                        'AfterFor: {
                            'AwaitFuture: {
                                'ForHead: {
                                    'Start: {
                                        match *__coro_state {
                                            FirstReadyState::Start => break 'Start,
                                            FirstReadyState::ForHead => break 'ForHead,
                                            FirstReadyState::AwaitFuture => break 'AwaitFuture,
                                            FirstReadyState::AfterFor => break 'AfterFor,
                                            FirstReadyState::Returned => {
                                                ::coro::__private::resumed_after_completion()
                                            }
                                            FirstReadyState::Running | FirstReadyState::Panicked => {
                                                ::coro::__private::resumed_after_panicking()
                                            }
                                        }
                                    }
                                    /// State `Start`: Not polled yet: only the arguments are stored.
                                    {
                                        *__coro_state = FirstReadyState::Running;
                                        {
                                            {
                                                __coro_slot_iter
                                                    .write(
                                                        &__coro_live,
                                                        ::core::iter::IntoIterator::into_iter(
                                                            __coro_slot_futures.take(&__coro_live),
                                                        ),
                                                    );
                                                *__coro_state = FirstReadyState::ForHead;
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
                                                ::core::option::Option::Some(future) => {
                                                    __coro_slot_future_future
                                                        .put(::coro::__private::into_future(future));
                                                    *__coro_state = FirstReadyState::AwaitFuture;
                                                    break 'AwaitFuture;
                                                }
                                                ::core::option::Option::None => {
                                                    *__coro_state = FirstReadyState::AfterFor;
                                                    break 'AfterFor;
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                            /// State `AwaitFuture`: Suspended at `future.await`.
                            {
                                let __exit = ::coro::__private::ExitGuard::new(
                                    __coro_frame,
                                );
                                {
                                    {
                                        {
                                            {
                                                {
                                                    let mut __coro_tmp5 = match __coro_slot_future_future
                                                        .poll(__cx)
                                                    {
                                                        ::core::task::Poll::Ready(__coro_output) => __coro_output,
                                                        ::core::task::Poll::Pending => {
                                                            return ::core::task::Poll::Pending;
                                                        }
                                                    };
                                                    *__coro_state = FirstReadyState::Running;
                                                    __coro_slot_future_future.drop_in_place();
                                                    if let Some(value) = __coro_tmp5 {
                                                        {
                                                            {
                                                                {
                                                                    let __coro_ret: T = value;
                                                                    __exit.arm(0usize);
                                                                    *__coro_state = FirstReadyState::Returned;
                                                                    return ::core::task::Poll::Ready(__coro_ret);
                                                                };
                                                            }
                                                        }
                                                    }
                                                    ();
                                                }
                                            }
                                            *__coro_state = FirstReadyState::ForHead;
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
                                    let __coro_ret: T = __coro_slot_fallback.take(&__coro_live);
                                    __exit.arm(0usize);
                                    *__coro_state = FirstReadyState::Returned;
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
