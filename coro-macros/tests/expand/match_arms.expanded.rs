fn handle(
    command: Command,
    store: &Store,
) -> impl ::core::future::Future<Output = Reply> {
    let mut __coro_shadow = ::coro::__private::PhantomData;
    if false {
        let __coro_body = async move {
            if false {
                return ::coro::__private::value_of_type::<Reply>();
            }
            #[allow(clippy::redundant_locals, clippy::used_underscore_binding)]
            let command = command;
            #[allow(clippy::redundant_locals, clippy::used_underscore_binding)]
            let store = store;
            {
                let __coro_ret: Reply = match command {
                    Command::Get(key) => {
                        let value = store.get(&key).await;
                        Reply::Value(value)
                    }
                    Command::Set(key, value) => {
                        store.set(key, value).await;
                        Reply::Ok
                    }
                    Command::Ping => Reply::Pong,
                };
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
        /// The frame of the coroutine `handle`: its state and every value that lives across one of its suspension points, each in its own slot. Values that are never alive together share storage (`overlap`).
        struct HandleFrame<
            Command,
            Store,
            MatchValue,
            Key,
            BlockValue,
            GetFuture,
            BlockValue2,
            SetFuture,
            Shadow,
        > {
            state: ::coro::__private::StateCell<HandleState>,
            /// Drop flags: bit `i` says whether slot `i` holds a value.
            live: ::coro::__private::Flags<1usize>,
            /// The argument `store`.
            store: ::coro::__private::Slot<Store, 1usize>,
            /// Values that are never alive together, overlapping.
            overlap: HandleOverlapCommand<
                Command,
                MatchValue,
                Key,
                BlockValue,
                GetFuture,
                BlockValue2,
                SetFuture,
            >,
            /// Carries the type of the shadow copy of the body, so that the
            /// coroutine is `Send`/`Sync` exactly when rustc's would be.
            shadow: ::coro::__private::PhantomData<Shadow>,
        }
        struct HandleWithMatchValue<MatchValue, Key, BlockValue, GetFuture> {
            /// `let key`
            key: ::coro::__private::Slot<Key, 3usize>,
            /// Values that are never alive together, overlapping.
            overlap: HandleOverlapMatchValue<MatchValue, BlockValue, GetFuture>,
        }
        union HandleOverlapMatchValue<MatchValue, BlockValue, GetFuture> {
            /// A temporary: `match` value.
            match_value: ::core::mem::ManuallyDrop<
                ::coro::__private::Slot<MatchValue, 2usize>,
            >,
            /// A temporary: block value.
            block_value: ::core::mem::ManuallyDrop<
                ::coro::__private::Slot<BlockValue, 4usize>,
            >,
            /// The future of `store.get(&key).await`.
            get_future: ::core::mem::ManuallyDrop<::coro::__private::Awaitee<GetFuture>>,
        }
        union HandleOverlapCommand<
            Command,
            MatchValue,
            Key,
            BlockValue,
            GetFuture,
            BlockValue2,
            SetFuture,
        > {
            /// The argument `command`.
            command: ::core::mem::ManuallyDrop<::coro::__private::Slot<Command, 0usize>>,
            with_match_value: ::core::mem::ManuallyDrop<
                HandleWithMatchValue<MatchValue, Key, BlockValue, GetFuture>,
            >,
            /// A temporary: block value.
            block_value_2: ::core::mem::ManuallyDrop<
                ::coro::__private::Slot<BlockValue2, 5usize>,
            >,
            /// The future of `store.set(key, value).await`.
            set_future: ::core::mem::ManuallyDrop<::coro::__private::Awaitee<SetFuture>>,
        }
        /// Where the coroutine is. (Read and written in place, so neither
        /// `Clone` nor `Copy`: deriving them costs rustc a little to check.)
        enum HandleState {
            /// Not polled yet: only the arguments are stored.
            Start,
            /// Suspended at `store.get(&key).await`.
            AwaitGet,
            /// Suspended at `store.set(key, value).await`.
            AwaitSet,
            /// Where control continues: after match (not a suspension point).
            AfterMatch,
            /// Between suspension points: the code of some state is running
            /// (its awaitee, if it had one, is done).
            Running,
            /// Completed: polling again panics.
            Returned,
            /// A poll panicked: polling again panics.
            Panicked,
        }
        unsafe impl<
            Command,
            Store,
            MatchValue,
            Key,
            BlockValue,
            GetFuture,
            BlockValue2,
            SetFuture,
            Shadow,
        > ::coro::__private::Frame
        for HandleFrame<
            Command,
            Store,
            MatchValue,
            Key,
            BlockValue,
            GetFuture,
            BlockValue2,
            SetFuture,
            Shadow,
        > {
            #[inline]
            unsafe fn drop_from(&self, first: usize) {
                unsafe {
                    let __coro_slot_store = &self.store;
                    let __coro_slot_command = &*self.overlap.command;
                    let __coro_part0_with_match_value = ::coro::__private::part_ptr(
                        &raw const self.overlap.with_match_value,
                    );
                    let __coro_slot_key = &(*__coro_part0_with_match_value).key;
                    let __coro_slot_match_value = &*(*__coro_part0_with_match_value)
                        .overlap
                        .match_value;
                    let __coro_slot_block_value = &*(*__coro_part0_with_match_value)
                        .overlap
                        .block_value;
                    let __coro_slot_get_future = &*(*__coro_part0_with_match_value)
                        .overlap
                        .get_future;
                    let __coro_slot_block_value_2 = &*self.overlap.block_value_2;
                    let __coro_slot_set_future = &*self.overlap.set_future;
                    if first == 0
                        && ::core::matches!(* self.state.ptr(), HandleState::Start)
                    {
                        __coro_slot_command.drop_if_init(&self.live);
                        __coro_slot_store.drop_if_init(&self.live);
                        return;
                    }
                    match *self.state.ptr() {
                        HandleState::AwaitGet => {
                            *self.state.ptr() = HandleState::Panicked;
                            __coro_slot_get_future.drop_in_place()
                        }
                        HandleState::AwaitSet => {
                            *self.state.ptr() = HandleState::Panicked;
                            __coro_slot_set_future.drop_in_place()
                        }
                        _ => {}
                    }
                    if first <= 6usize {
                        __coro_slot_block_value_2.drop_if_init(&self.live);
                    }
                    if first <= 4usize {
                        __coro_slot_block_value.drop_if_init(&self.live);
                    }
                    if first <= 3usize {
                        __coro_slot_key.drop_if_init(&self.live);
                    }
                    if first <= 2usize {
                        __coro_slot_match_value.drop_if_init(&self.live);
                    }
                    if first <= 1usize {
                        __coro_slot_store.drop_if_init(&self.live);
                    }
                    if first == 0 {
                        __coro_slot_command.drop_if_init(&self.live);
                    }
                }
            }
            #[inline]
            fn poison(&self) {
                self.state
                    .poison(
                        HandleState::Panicked,
                        |s| ::core::matches!(s, HandleState::Returned),
                    );
            }
        }
        ::coro::__private::Coroutine::new(
            HandleFrame {
                state: ::coro::__private::StateCell::new(HandleState::Start),
                live: ::coro::__private::Flags::new([3u8]),
                store: ::coro::__private::Slot::new(store),
                overlap: HandleOverlapCommand {
                    command: ::core::mem::ManuallyDrop::new(
                        ::coro::__private::Slot::new(command),
                    ),
                },
                shadow: __coro_shadow,
            },
            |__frame, __cx| -> ::core::task::Poll<Reply> {
                unsafe {
                    let __f = ::coro::__private::unbound(__frame);
                    let __coro_state = __f.state.ptr();
                    let __coro_live = &__f.live;
                    let __coro_frame: &dyn ::coro::__private::Frame = __f;
                    let __coro_slot_store = &__f.store;
                    let __coro_slot_command = &*__f.overlap.command;
                    let __coro_part0_with_match_value = ::coro::__private::part_ptr(
                        &raw const __f.overlap.with_match_value,
                    );
                    let __coro_slot_key = &(*__coro_part0_with_match_value).key;
                    let __coro_slot_match_value = &*(*__coro_part0_with_match_value)
                        .overlap
                        .match_value;
                    let __coro_slot_block_value = &*(*__coro_part0_with_match_value)
                        .overlap
                        .block_value;
                    let __coro_slot_get_future = &*(*__coro_part0_with_match_value)
                        .overlap
                        .get_future;
                    let __coro_slot_block_value_2 = &*__f.overlap.block_value_2;
                    let __coro_slot_set_future = &*__f.overlap.set_future;
                    '__coro_resume: loop {
                        'AfterMatch: {
                            'AwaitSet: {
                                'AwaitGet: {
                                    'Start: {
                                        match *__coro_state {
                                            HandleState::Start => break 'Start,
                                            HandleState::AwaitGet => break 'AwaitGet,
                                            HandleState::AwaitSet => break 'AwaitSet,
                                            HandleState::AfterMatch => break 'AfterMatch,
                                            HandleState::Returned => {
                                                ::coro::__private::resumed_after_completion()
                                            }
                                            HandleState::Running | HandleState::Panicked => {
                                                ::coro::__private::resumed_after_panicking()
                                            }
                                        }
                                    }
                                    /// State `Start`: Not polled yet: only the arguments are stored.
                                    {
                                        *__coro_state = HandleState::Running;
                                        {
                                            match {
                                                ::coro::__private::check_patterns(
                                                    __coro_slot_command.ptr(),
                                                    |__coro_v| {
                                                        #[allow(unused_imports)]
                                                        use ::coro::__private::{
                                                            ProbeDropImpl as _, ProbeNoDropImpl as _,
                                                        };
                                                        if let __coro_drop_impl @ Command::Get(_) = __coro_v {
                                                            ::coro::__private::pattern_moves_out(
                                                                (&::coro::__private::DropImplProbe(__coro_drop_impl))
                                                                    .drop_impl(),
                                                            );
                                                        }
                                                    },
                                                );
                                                __coro_slot_command.take(&__coro_live)
                                            } {
                                                Command::Get(key) => {
                                                    __coro_slot_key.write(&__coro_live, key);
                                                    {
                                                        {
                                                            __coro_slot_get_future
                                                                .put(
                                                                    ::coro::__private::into_future(
                                                                        (*__coro_slot_store.ptr()).get(&(*__coro_slot_key.ptr())),
                                                                    ),
                                                                );
                                                            *__coro_state = HandleState::AwaitGet;
                                                            break 'AwaitGet;
                                                        }
                                                    }
                                                }
                                                Command::Set(key, value) => {
                                                    __coro_slot_set_future
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
                                                                    let __coro_recv = __coro_slot_store.ptr();
                                                                    let __coro_probe = ::coro::__private::decide_typed(
                                                                        (&::coro::__private::CopyProbe(__coro_recv)).target(),
                                                                        (&::coro::__private::BoxProbe(__coro_recv)).target(),
                                                                        (&::coro::__private::TypingProbe(__coro_recv)).typing(),
                                                                        |__coro_typed, (__coro_arg0, __coro_arg1), __coro_output| {
                                                                            loop {}
                                                                            #[allow(unreachable_code)]
                                                                            ::coro::__private::typed_as(
                                                                                __coro_output,
                                                                                __coro_typed.set(__coro_arg0, __coro_arg1),
                                                                            );
                                                                        },
                                                                        {
                                                                            trait ReceiverProbe_write_Trait_method_value {
                                                                                fn set<__CoroArg0, __CoroArg1>(
                                                                                    self,
                                                                                    _: __CoroArg0,
                                                                                    _: __CoroArg1,
                                                                                ) -> ::coro::__private::Borrows;
                                                                            }
                                                                            impl<T> ReceiverProbe_write_Trait_method_value for T {
                                                                                fn set<__CoroArg0, __CoroArg1>(
                                                                                    self,
                                                                                    _: __CoroArg0,
                                                                                    _: __CoroArg1,
                                                                                ) -> ::coro::__private::Borrows {
                                                                                    ::coro::__private::Borrows
                                                                                }
                                                                            }
                                                                            |
                                                                                __coro_value,
                                                                                __coro_boxed,
                                                                                (__coro_arg0, __coro_arg1),
                                                                                (__coro_box_arg0, __coro_box_arg1)|
                                                                            (
                                                                                __coro_value.set(__coro_arg0, __coro_arg1),
                                                                                __coro_boxed.set(__coro_box_arg0, __coro_box_arg1),
                                                                            )
                                                                        },
                                                                    );
                                                                    __coro_probe
                                                                        .receiver(
                                                                            __coro_recv,
                                                                            || __coro_slot_store.take(&__coro_live),
                                                                        )
                                                                })
                                                                    .call(
                                                                        (key, value),
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
                                                                        |__coro_value, (__coro_arg0, __coro_arg1)| {
                                                                            __coro_value.set(__coro_arg0, __coro_arg1)
                                                                        },
                                                                    ),
                                                            ),
                                                        );
                                                    *__coro_state = HandleState::AwaitSet;
                                                    break 'AwaitSet;
                                                }
                                                Command::Ping => {
                                                    let __coro_tmp2: Reply = Reply::Pong;
                                                    __coro_slot_match_value.write(&__coro_live, __coro_tmp2);
                                                }
                                            }
                                            *__coro_state = HandleState::AfterMatch;
                                            break 'AfterMatch;
                                        }
                                    }
                                }
                                /// State `AwaitGet`: Suspended at `store.get(&key).await`.
                                {
                                    {
                                        {
                                            {
                                                {
                                                    let value;
                                                    {
                                                        let mut __coro_tmp6 = match __coro_slot_get_future
                                                            .poll(__cx)
                                                        {
                                                            ::core::task::Poll::Ready(__coro_output) => __coro_output,
                                                            ::core::task::Poll::Pending => {
                                                                return ::core::task::Poll::Pending;
                                                            }
                                                        };
                                                        *__coro_state = HandleState::Running;
                                                        __coro_slot_get_future.drop_in_place();
                                                        value = __coro_tmp6;
                                                    }
                                                    let __coro_tmp4: Reply = Reply::Value(value);
                                                    __coro_slot_block_value.write(&__coro_live, __coro_tmp4);
                                                }
                                                let __coro_tmp2: Reply = __coro_slot_block_value
                                                    .take(&__coro_live);
                                                __coro_slot_match_value.write(&__coro_live, __coro_tmp2);
                                            }
                                            __coro_slot_block_value.drop_if_init(&__coro_live);
                                            __coro_slot_key.drop_if_init(&__coro_live);
                                        }
                                        *__coro_state = HandleState::AfterMatch;
                                        break 'AfterMatch;
                                    }
                                }
                            }
                            /// State `AwaitSet`: Suspended at `store.set(key, value).await`.
                            {
                                {
                                    {
                                        {
                                            {
                                                {
                                                    let mut __coro_tmp12 = match __coro_slot_set_future
                                                        .poll(__cx)
                                                    {
                                                        ::core::task::Poll::Ready(__coro_output) => __coro_output,
                                                        ::core::task::Poll::Pending => {
                                                            return ::core::task::Poll::Pending;
                                                        }
                                                    };
                                                    *__coro_state = HandleState::Running;
                                                    __coro_slot_set_future.drop_in_place();
                                                    __coro_tmp12;
                                                }
                                                let __coro_tmp10: Reply = Reply::Ok;
                                                __coro_slot_block_value_2.write(&__coro_live, __coro_tmp10);
                                            }
                                            let __coro_tmp2: Reply = __coro_slot_block_value_2
                                                .take(&__coro_live);
                                            __coro_slot_match_value.write(&__coro_live, __coro_tmp2);
                                        }
                                        __coro_slot_block_value_2.drop_if_init(&__coro_live);
                                    }
                                    *__coro_state = HandleState::AfterMatch;
                                    break 'AfterMatch;
                                }
                            }
                        }
                        /// State `AfterMatch`: Where control continues: after match (not a suspension point).
                        {
                            let __exit = ::coro::__private::ExitGuard::new(__coro_frame);
                            {
                                {
                                    let __coro_ret: Reply = __coro_slot_match_value
                                        .take(&__coro_live);
                                    __exit.arm(0usize);
                                    *__coro_state = HandleState::Returned;
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
