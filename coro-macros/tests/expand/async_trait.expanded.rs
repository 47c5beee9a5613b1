fn fetch<'life0, 'async_trait>(
    &'life0 self,
    key: String,
) -> ::core::pin::Pin<
    Box<dyn ::core::future::Future<Output = usize> + ::core::marker::Send + 'async_trait>,
>
where
    'life0: 'async_trait,
    Self: 'async_trait,
{
    Box::pin({
        let mut __coro_shadow = ::coro::__private::PhantomData;
        if false {
            let __coro_body = async move {
                if false {
                    return ::coro::__private::value_of_type::<usize>();
                }
                #[allow(clippy::redundant_locals, clippy::used_underscore_binding)]
                let key = key;
                let __self = self;
                let key = key;
                let __ret: usize = {
                    let page = __self.client.get(&key).await;
                    page.len()
                };
                #[allow(unreachable_code)]
                {
                    let __coro_ret: usize = __ret;
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
            /// The frame of the coroutine `fetch`: its state and every value that lives across one of its suspension points, each in its own slot. Values that are never alive together share storage (`overlap`).
            struct FetchFrame<Self_2, Key, Self_3, Key2, BlockValue, GetFuture, Shadow> {
                state: ::coro::__private::StateCell<FetchState>,
                /// Drop flags: bit `i` says whether slot `i` holds a value.
                live: ::coro::__private::Flags<1usize>,
                /// `let __self`
                __self: ::coro::__private::Slot<Self_3, 2usize>,
                /// Values that are never alive together, overlapping.
                overlap: FetchOverlapSelf<Self_2, Key, Key2, BlockValue, GetFuture>,
                /// Carries the type of the shadow copy of the body, so that the
                /// coroutine is `Send`/`Sync` exactly when rustc's would be.
                shadow: ::coro::__private::PhantomData<Shadow>,
            }
            struct FetchWithSelf<Self_2, Key> {
                /// `self`
                self_: ::coro::__private::Slot<Self_2, 0usize>,
                /// The argument `key`.
                key: ::coro::__private::Slot<Key, 1usize>,
            }
            struct FetchWithKey2<Key2, BlockValue, GetFuture> {
                /// `let key`
                key_2: ::coro::__private::Slot<Key2, 3usize>,
                /// Values that are never alive together, overlapping.
                overlap: FetchOverlapBlockValue<BlockValue, GetFuture>,
            }
            union FetchOverlapBlockValue<BlockValue, GetFuture> {
                /// A temporary: block value.
                block_value: ::core::mem::ManuallyDrop<
                    ::coro::__private::Slot<BlockValue, 4usize>,
                >,
                /// The future of `__self.client.get(&key).await`.
                get_future: ::core::mem::ManuallyDrop<
                    ::coro::__private::Awaitee<GetFuture>,
                >,
            }
            union FetchOverlapSelf<Self_2, Key, Key2, BlockValue, GetFuture> {
                with_self_: ::core::mem::ManuallyDrop<FetchWithSelf<Self_2, Key>>,
                with_key_2: ::core::mem::ManuallyDrop<
                    FetchWithKey2<Key2, BlockValue, GetFuture>,
                >,
            }
            /// Where the coroutine is. (Read and written in place, so neither
            /// `Clone` nor `Copy`: deriving them costs rustc a little to check.)
            enum FetchState {
                /// Not polled yet: only the arguments are stored.
                Start,
                /// Suspended at `__self.client.get(&key).await`.
                AwaitGet,
                /// Between suspension points: the code of some state is running
                /// (its awaitee, if it had one, is done).
                Running,
                /// Completed: polling again panics.
                Returned,
                /// A poll panicked: polling again panics.
                Panicked,
            }
            unsafe impl<
                Self_2,
                Key,
                Self_3,
                Key2,
                BlockValue,
                GetFuture,
                Shadow,
            > ::coro::__private::Frame
            for FetchFrame<Self_2, Key, Self_3, Key2, BlockValue, GetFuture, Shadow> {
                #[inline]
                unsafe fn drop_from(&self, first: usize) {
                    unsafe {
                        let __coro_slot___self = &self.__self;
                        let __coro_part0_with_self_ = ::coro::__private::part_ptr(
                            &raw const self.overlap.with_self_,
                        );
                        let __coro_slot_self_ = &(*__coro_part0_with_self_).self_;
                        let __coro_slot_key = &(*__coro_part0_with_self_).key;
                        let __coro_part1_with_key_2 = ::coro::__private::part_ptr(
                            &raw const self.overlap.with_key_2,
                        );
                        let __coro_slot_key_2 = &(*__coro_part1_with_key_2).key_2;
                        let __coro_slot_block_value = &*(*__coro_part1_with_key_2)
                            .overlap
                            .block_value;
                        let __coro_slot_get_future = &*(*__coro_part1_with_key_2)
                            .overlap
                            .get_future;
                        if first == 0
                            && ::core::matches!(* self.state.ptr(), FetchState::Start)
                        {
                            __coro_slot_self_.drop_if_init(&self.live);
                            __coro_slot_key.drop_if_init(&self.live);
                            return;
                        }
                        match *self.state.ptr() {
                            FetchState::AwaitGet => {
                                *self.state.ptr() = FetchState::Panicked;
                                __coro_slot_get_future.drop_in_place()
                            }
                            _ => {}
                        }
                        if first <= 4usize {
                            __coro_slot_block_value.drop_if_init(&self.live);
                        }
                        if first <= 3usize {
                            __coro_slot_key_2.drop_if_init(&self.live);
                        }
                        if first <= 2usize {
                            __coro_slot___self.drop_if_init(&self.live);
                        }
                        if first <= 1usize {
                            __coro_slot_key.drop_if_init(&self.live);
                        }
                        if first == 0 {
                            __coro_slot_self_.drop_if_init(&self.live);
                        }
                    }
                }
                #[inline]
                fn poison(&self) {
                    self.state
                        .poison(
                            FetchState::Panicked,
                            |s| ::core::matches!(s, FetchState::Returned),
                        );
                }
            }
            ::coro::__private::Coroutine::new(
                FetchFrame {
                    state: ::coro::__private::StateCell::new(FetchState::Start),
                    live: ::coro::__private::Flags::new([3u8]),
                    __self: ::coro::__private::Slot::uninit(),
                    overlap: FetchOverlapSelf {
                        with_self_: ::core::mem::ManuallyDrop::new(FetchWithSelf {
                            self_: ::coro::__private::Slot::new(self),
                            key: ::coro::__private::Slot::new(key),
                        }),
                    },
                    shadow: __coro_shadow,
                },
                |__frame, __cx| -> ::core::task::Poll<usize> {
                    unsafe {
                        let __f = ::coro::__private::unbound(__frame);
                        let __coro_state = __f.state.ptr();
                        let __coro_live = &__f.live;
                        let __coro_frame: &dyn ::coro::__private::Frame = __f;
                        let __coro_slot___self = &__f.__self;
                        let __coro_part0_with_self_ = ::coro::__private::part_ptr(
                            &raw const __f.overlap.with_self_,
                        );
                        let __coro_slot_self_ = &(*__coro_part0_with_self_).self_;
                        let __coro_slot_key = &(*__coro_part0_with_self_).key;
                        let __coro_part1_with_key_2 = ::coro::__private::part_ptr(
                            &raw const __f.overlap.with_key_2,
                        );
                        let __coro_slot_key_2 = &(*__coro_part1_with_key_2).key_2;
                        let __coro_slot_block_value = &*(*__coro_part1_with_key_2)
                            .overlap
                            .block_value;
                        let __coro_slot_get_future = &*(*__coro_part1_with_key_2)
                            .overlap
                            .get_future;
                        '__coro_resume: loop {
                            'AwaitGet: {
                                'Start: {
                                    match *__coro_state {
                                        FetchState::Start => break 'Start,
                                        FetchState::AwaitGet => break 'AwaitGet,
                                        FetchState::Returned => {
                                            ::coro::__private::resumed_after_completion()
                                        }
                                        FetchState::Running | FetchState::Panicked => {
                                            ::coro::__private::resumed_after_panicking()
                                        }
                                    }
                                }
                                /// State `Start`: Not polled yet: only the arguments are stored.
                                {
                                    *__coro_state = FetchState::Running;
                                    {
                                        __coro_slot___self
                                            .write(&__coro_live, __coro_slot_self_.take(&__coro_live));
                                        __coro_slot_key_2
                                            .write(&__coro_live, __coro_slot_key.take(&__coro_live));
                                        {
                                            {
                                                {
                                                    __coro_slot_get_future
                                                        .put(
                                                            ::coro::__private::into_future(
                                                                (*__coro_slot___self.ptr())
                                                                    .client
                                                                    .get(&(*__coro_slot_key_2.ptr())),
                                                            ),
                                                        );
                                                    *__coro_state = FetchState::AwaitGet;
                                                    break 'AwaitGet;
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                            /// State `AwaitGet`: Suspended at `__self.client.get(&key).await`.
                            {
                                let __exit = ::coro::__private::ExitGuard::new(
                                    __coro_frame,
                                );
                                {
                                    let __ret: usize;
                                    {
                                        {
                                            let page;
                                            {
                                                let mut __coro_tmp6 = match __coro_slot_get_future
                                                    .poll(__cx)
                                                {
                                                    ::core::task::Poll::Ready(__coro_output) => __coro_output,
                                                    ::core::task::Poll::Pending => {
                                                        return ::core::task::Poll::Pending;
                                                    }
                                                };
                                                *__coro_state = FetchState::Running;
                                                __coro_slot_get_future.drop_in_place();
                                                page = __coro_tmp6;
                                            }
                                            let __coro_tmp4: usize = page.len();
                                            __coro_slot_block_value.write(&__coro_live, __coro_tmp4);
                                        }
                                        __ret = __coro_slot_block_value.take(&__coro_live);
                                    }
                                    __coro_slot_block_value.drop_if_init(&__coro_live);
                                    {
                                        let __coro_ret: usize = __ret;
                                        __exit.arm(0usize);
                                        *__coro_state = FetchState::Returned;
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
    })
}
