fn load_config(
    path: &str,
) -> impl ::core::future::Future<Output = Result<Config, Error>> {
    let mut __coro_shadow = ::coro::__private::PhantomData;
    if false {
        let __coro_body = async move {
            if false {
                return ::coro::__private::value_of_type::<Result<Config, Error>>();
            }
            #[allow(clippy::redundant_locals, clippy::used_underscore_binding)]
            let path = path;
            let text = read_to_string(path).await?;
            let config = parse(&text)?;
            validate(&config).await?;
            {
                let __coro_ret: Result<Config, Error> = Ok(config);
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
        /// The frame of the coroutine `load_config`: its state and every value that lives across one of its suspension points, each in its own slot. Values that are never alive together share storage (`overlap`).
        struct LoadConfigFrame<
            Path,
            ReadToStringFuture,
            Text,
            Config,
            ValidateFuture,
            Shadow,
        > {
            state: ::coro::__private::StateCell<LoadConfigState>,
            /// Drop flags: bit `i` says whether slot `i` holds a value.
            live: ::coro::__private::Flags<1usize>,
            /// Values that are never alive together, overlapping.
            overlap: LoadConfigOverlapPath<
                Path,
                ReadToStringFuture,
                Text,
                Config,
                ValidateFuture,
            >,
            /// Carries the type of the shadow copy of the body, so that the
            /// coroutine is `Send`/`Sync` exactly when rustc's would be.
            shadow: ::coro::__private::PhantomData<Shadow>,
        }
        struct LoadConfigWithText<Text, Config, ValidateFuture> {
            /// `let text`
            text: ::coro::__private::Slot<Text, 1usize>,
            /// `let config`
            config: ::coro::__private::Slot<Config, 2usize>,
            /// The future of `validate(&config).await`.
            validate_future: ::coro::__private::Awaitee<ValidateFuture>,
        }
        union LoadConfigOverlapPath<
            Path,
            ReadToStringFuture,
            Text,
            Config,
            ValidateFuture,
        > {
            /// The argument `path`.
            path: ::core::mem::ManuallyDrop<::coro::__private::Slot<Path, 0usize>>,
            /// The future of `read_to_string(path).await`.
            read_to_string_future: ::core::mem::ManuallyDrop<
                ::coro::__private::Awaitee<ReadToStringFuture>,
            >,
            with_text: ::core::mem::ManuallyDrop<
                LoadConfigWithText<Text, Config, ValidateFuture>,
            >,
        }
        /// Where the coroutine is. (Read and written in place, so neither
        /// `Clone` nor `Copy`: deriving them costs rustc a little to check.)
        enum LoadConfigState {
            /// Not polled yet: only the arguments are stored.
            Start,
            /// Suspended at `read_to_string(path).await`.
            AwaitReadToString,
            /// Suspended at `validate(&config).await`.
            AwaitValidate,
            /// Between suspension points: the code of some state is running
            /// (its awaitee, if it had one, is done).
            Running,
            /// Completed: polling again panics.
            Returned,
            /// A poll panicked: polling again panics.
            Panicked,
        }
        unsafe impl<
            Path,
            ReadToStringFuture,
            Text,
            Config,
            ValidateFuture,
            Shadow,
        > ::coro::__private::Frame
        for LoadConfigFrame<
            Path,
            ReadToStringFuture,
            Text,
            Config,
            ValidateFuture,
            Shadow,
        > {
            #[inline]
            unsafe fn drop_from(&self, first: usize) {
                unsafe {
                    let __coro_slot_path = &*self.overlap.path;
                    let __coro_slot_read_to_string_future = &*self
                        .overlap
                        .read_to_string_future;
                    let __coro_part0_with_text = ::coro::__private::part_ptr(
                        &raw const self.overlap.with_text,
                    );
                    let __coro_slot_text = &(*__coro_part0_with_text).text;
                    let __coro_slot_config = &(*__coro_part0_with_text).config;
                    let __coro_slot_validate_future = &(*__coro_part0_with_text)
                        .validate_future;
                    if first == 0
                        && ::core::matches!(* self.state.ptr(), LoadConfigState::Start)
                    {
                        __coro_slot_path.drop_if_init(&self.live);
                        return;
                    }
                    match *self.state.ptr() {
                        LoadConfigState::AwaitReadToString => {
                            *self.state.ptr() = LoadConfigState::Panicked;
                            __coro_slot_read_to_string_future.drop_in_place()
                        }
                        LoadConfigState::AwaitValidate => {
                            *self.state.ptr() = LoadConfigState::Panicked;
                            __coro_slot_validate_future.drop_in_place()
                        }
                        _ => {}
                    }
                    if first <= 3usize {
                        __coro_slot_config.drop_if_init(&self.live);
                    }
                    if first <= 2usize {
                        __coro_slot_text.drop_if_init(&self.live);
                    }
                    if first == 0 {
                        __coro_slot_path.drop_if_init(&self.live);
                    }
                }
            }
            #[inline]
            fn poison(&self) {
                self.state
                    .poison(
                        LoadConfigState::Panicked,
                        |s| ::core::matches!(s, LoadConfigState::Returned),
                    );
            }
        }
        ::coro::__private::Coroutine::new(
            LoadConfigFrame {
                state: ::coro::__private::StateCell::new(LoadConfigState::Start),
                live: ::coro::__private::Flags::new([1u8]),
                overlap: LoadConfigOverlapPath {
                    path: ::core::mem::ManuallyDrop::new(
                        ::coro::__private::Slot::new(path),
                    ),
                },
                shadow: __coro_shadow,
            },
            |__frame, __cx| -> ::core::task::Poll<Result<Config, Error>> {
                unsafe {
                    let __f = ::coro::__private::unbound(__frame);
                    let __coro_state = __f.state.ptr();
                    let __coro_live = &__f.live;
                    let __coro_frame: &dyn ::coro::__private::Frame = __f;
                    let __coro_slot_path = &*__f.overlap.path;
                    let __coro_slot_read_to_string_future = &*__f
                        .overlap
                        .read_to_string_future;
                    let __coro_part0_with_text = ::coro::__private::part_ptr(
                        &raw const __f.overlap.with_text,
                    );
                    let __coro_slot_text = &(*__coro_part0_with_text).text;
                    let __coro_slot_config = &(*__coro_part0_with_text).config;
                    let __coro_slot_validate_future = &(*__coro_part0_with_text)
                        .validate_future;
                    '__coro_resume: loop {
                        'AwaitValidate: {
                            'AwaitReadToString: {
                                'Start: {
                                    match *__coro_state {
                                        LoadConfigState::Start => break 'Start,
                                        LoadConfigState::AwaitReadToString => {
                                            break 'AwaitReadToString;
                                        }
                                        LoadConfigState::AwaitValidate => break 'AwaitValidate,
                                        LoadConfigState::Returned => {
                                            ::coro::__private::resumed_after_completion()
                                        }
                                        LoadConfigState::Running | LoadConfigState::Panicked => {
                                            ::coro::__private::resumed_after_panicking()
                                        }
                                    }
                                }
                                /// State `Start`: Not polled yet: only the arguments are stored.
                                {
                                    *__coro_state = LoadConfigState::Running;
                                    {
                                        {
                                            __coro_slot_read_to_string_future
                                                .put(
                                                    ::coro::__private::into_future(
                                                        read_to_string(__coro_slot_path.take(&__coro_live)),
                                                    ),
                                                );
                                            *__coro_state = LoadConfigState::AwaitReadToString;
                                            break 'AwaitReadToString;
                                        }
                                    }
                                }
                            }
                            /// State `AwaitReadToString`: Suspended at `read_to_string(path).await`.
                            {
                                let __exit = ::coro::__private::ExitGuard::new(
                                    __coro_frame,
                                );
                                {
                                    {
                                        let mut __coro_tmp2 = match __coro_slot_read_to_string_future
                                            .poll(__cx)
                                        {
                                            ::core::task::Poll::Ready(__coro_output) => __coro_output,
                                            ::core::task::Poll::Pending => {
                                                return ::core::task::Poll::Pending;
                                            }
                                        };
                                        *__coro_state = LoadConfigState::Running;
                                        __coro_slot_read_to_string_future.drop_in_place();
                                        __coro_slot_text
                                            .write(
                                                &__coro_live,
                                                (match ::coro::__private::Branch::branch(__coro_tmp2) {
                                                    ::coro::__private::ControlFlow::Continue(__coro_ok) => {
                                                        __coro_ok
                                                    }
                                                    ::coro::__private::ControlFlow::Break(__coro_residual) => {
                                                        let __coro_ret: Result<Config, Error> = ::coro::__private::residual_into(async move {
                                                            if false {
                                                                return ::coro::__private::value_of_type::<
                                                                    Result<Config, Error>,
                                                                >();
                                                            }
                                                            match __coro_residual? {}
                                                        });
                                                        __exit.arm(0usize);
                                                        *__coro_state = LoadConfigState::Returned;
                                                        return ::core::task::Poll::Ready(__coro_ret);
                                                    }
                                                }),
                                            );
                                    }
                                    __coro_slot_config
                                        .write(
                                            &__coro_live,
                                            (match ::coro::__private::Branch::branch(
                                                parse(&(*__coro_slot_text.ptr())),
                                            ) {
                                                ::coro::__private::ControlFlow::Continue(__coro_ok) => {
                                                    __coro_ok
                                                }
                                                ::coro::__private::ControlFlow::Break(__coro_residual) => {
                                                    let __coro_ret: Result<Config, Error> = ::coro::__private::residual_into(async move {
                                                        if false {
                                                            return ::coro::__private::value_of_type::<
                                                                Result<Config, Error>,
                                                            >();
                                                        }
                                                        match __coro_residual? {}
                                                    });
                                                    __exit.arm(0usize);
                                                    *__coro_state = LoadConfigState::Returned;
                                                    return ::core::task::Poll::Ready(__coro_ret);
                                                }
                                            }),
                                        );
                                    {
                                        __coro_slot_validate_future
                                            .put(
                                                ::coro::__private::into_future(
                                                    validate(&(*__coro_slot_config.ptr())),
                                                ),
                                            );
                                        *__coro_state = LoadConfigState::AwaitValidate;
                                        break 'AwaitValidate;
                                    }
                                }
                            }
                        }
                        /// State `AwaitValidate`: Suspended at `validate(&config).await`.
                        {
                            let __exit = ::coro::__private::ExitGuard::new(__coro_frame);
                            {
                                {
                                    let mut __coro_tmp6 = match __coro_slot_validate_future
                                        .poll(__cx)
                                    {
                                        ::core::task::Poll::Ready(__coro_output) => __coro_output,
                                        ::core::task::Poll::Pending => {
                                            return ::core::task::Poll::Pending;
                                        }
                                    };
                                    *__coro_state = LoadConfigState::Running;
                                    __coro_slot_validate_future.drop_in_place();
                                    (match ::coro::__private::Branch::branch(__coro_tmp6) {
                                        ::coro::__private::ControlFlow::Continue(__coro_ok) => {
                                            __coro_ok
                                        }
                                        ::coro::__private::ControlFlow::Break(__coro_residual) => {
                                            let __coro_ret: Result<Config, Error> = ::coro::__private::residual_into(async move {
                                                if false {
                                                    return ::coro::__private::value_of_type::<
                                                        Result<Config, Error>,
                                                    >();
                                                }
                                                match __coro_residual? {}
                                            });
                                            __exit.arm(0usize);
                                            *__coro_state = LoadConfigState::Returned;
                                            return ::core::task::Poll::Ready(__coro_ret);
                                        }
                                    });
                                }
                                {
                                    let __coro_ret: Result<Config, Error> = Ok(
                                        __coro_slot_config.take(&__coro_live),
                                    );
                                    __exit.arm(0usize);
                                    *__coro_state = LoadConfigState::Returned;
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
