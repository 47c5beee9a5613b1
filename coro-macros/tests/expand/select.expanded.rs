fn serve_until_shutdown(
    listener: TcpListener,
    shutdown: Receiver<()>,
) -> impl ::core::future::Future<Output = io::Result<u32>> {
    let mut __coro_shadow = ::coro::__private::PhantomData;
    if false {
        let __coro_body = async move {
            if false {
                return ::coro::__private::value_of_type::<io::Result<u32>>();
            }
            #[allow(clippy::redundant_locals, clippy::used_underscore_binding)]
            let listener = listener;
            #[allow(clippy::redundant_locals, clippy::used_underscore_binding)]
            let mut shutdown = shutdown;
            let mut served = 0;
            loop {
                tokio::select! {
                    accepted = listener.accept() => { let (stream, _) = accepted ?;
                    handle(stream). await; served += 1; } _ = shutdown.recv() => return
                    Ok(served),
                }
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
        /// The frame of the coroutine `serve_until_shutdown`: its state and every value that lives across one of its suspension points, each in its own slot. Values that are never alive together share storage (`overlap`).
        struct ServeUntilShutdownFrame<
            Listener,
            Shutdown,
            Served,
            SelectFuture,
            Shadow,
        > {
            state: ::coro::__private::StateCell<ServeUntilShutdownState>,
            /// Drop flags: bit `i` says whether slot `i` holds a value.
            live: ::coro::__private::Flags<1usize>,
            /// The argument `listener`.
            listener: ::coro::__private::Slot<Listener, 0usize>,
            /// The argument `shutdown`.
            shutdown: ::coro::__private::Slot<Shutdown, 1usize>,
            /// `let served`
            served: ::coro::__private::Slot<Served, 2usize>,
            /// The future of `tokio::select! { accepted = listener.accept() => { let(stream, _) = accepted?; handle(stream).await ; served += 1 ; } _ = shutdown.recv() => return Ok(served), }`, run as an `async` block of its own.
            select_future: ::coro::__private::Awaitee<SelectFuture>,
            /// Carries the type of the shadow copy of the body, so that the
            /// coroutine is `Send`/`Sync` exactly when rustc's would be.
            shadow: ::coro::__private::PhantomData<Shadow>,
        }
        /// Where the coroutine is. (Read and written in place, so neither
        /// `Clone` nor `Copy`: deriving them costs rustc a little to check.)
        enum ServeUntilShutdownState {
            /// Not polled yet: only the arguments are stored.
            Start,
            /// Where control continues: loop head (not a suspension point).
            LoopHead,
            /// Where control continues: after loop (not a suspension point).
            AfterLoop,
            /// Suspended at `tokio::select! { accepted = listener.accept() => { let(stream, _) = accepted?; handle(stream).await ; served += 1 ; } _ = shutdown.recv() => return Ok(served), }`, run as an `async` block of its own.
            AwaitSelect,
            /// Between suspension points: the code of some state is running
            /// (its awaitee, if it had one, is done).
            Running,
            /// Completed: polling again panics.
            Returned,
            /// A poll panicked: polling again panics.
            Panicked,
        }
        unsafe impl<
            Listener,
            Shutdown,
            Served,
            SelectFuture,
            Shadow,
        > ::coro::__private::Frame
        for ServeUntilShutdownFrame<Listener, Shutdown, Served, SelectFuture, Shadow> {
            #[inline]
            unsafe fn drop_from(&self, first: usize) {
                unsafe {
                    let __coro_slot_listener = &self.listener;
                    let __coro_slot_shutdown = &self.shutdown;
                    let __coro_slot_served = &self.served;
                    let __coro_slot_select_future = &self.select_future;
                    if first == 0
                        && ::core::matches!(
                            * self.state.ptr(), ServeUntilShutdownState::Start
                        )
                    {
                        __coro_slot_listener.drop_if_init(&self.live);
                        __coro_slot_shutdown.drop_if_init(&self.live);
                        return;
                    }
                    match *self.state.ptr() {
                        ServeUntilShutdownState::AwaitSelect => {
                            *self.state.ptr() = ServeUntilShutdownState::Panicked;
                            __coro_slot_select_future.drop_in_place()
                        }
                        _ => {}
                    }
                    if first <= 2usize {
                        __coro_slot_served.drop_if_init(&self.live);
                    }
                    if first <= 1usize {
                        __coro_slot_shutdown.drop_if_init(&self.live);
                    }
                    if first == 0 {
                        __coro_slot_listener.drop_if_init(&self.live);
                    }
                }
            }
            #[inline]
            fn poison(&self) {
                self.state
                    .poison(
                        ServeUntilShutdownState::Panicked,
                        |s| ::core::matches!(s, ServeUntilShutdownState::Returned),
                    );
            }
        }
        ::coro::__private::Coroutine::new(
            ServeUntilShutdownFrame {
                state: ::coro::__private::StateCell::new(ServeUntilShutdownState::Start),
                live: ::coro::__private::Flags::new([3u8]),
                listener: ::coro::__private::Slot::new(listener),
                shutdown: ::coro::__private::Slot::new(shutdown),
                served: ::coro::__private::Slot::uninit(),
                select_future: ::coro::__private::Awaitee::uninit(),
                shadow: __coro_shadow,
            },
            |__frame, __cx| -> ::core::task::Poll<io::Result<u32>> {
                unsafe {
                    let __f = ::coro::__private::unbound(__frame);
                    let __coro_state = __f.state.ptr();
                    let __coro_live = &__f.live;
                    let __coro_frame: &dyn ::coro::__private::Frame = __f;
                    let __coro_slot_listener = &__f.listener;
                    let __coro_slot_shutdown = &__f.shutdown;
                    let __coro_slot_served = &__f.served;
                    let __coro_slot_select_future = &__f.select_future;
                    '__coro_resume: loop {
                        'AfterLoop: {
                            'AwaitSelect: {
                                'LoopHead: {
                                    'Start: {
                                        match *__coro_state {
                                            ServeUntilShutdownState::Start => break 'Start,
                                            ServeUntilShutdownState::LoopHead => break 'LoopHead,
                                            ServeUntilShutdownState::AwaitSelect => break 'AwaitSelect,
                                            ServeUntilShutdownState::AfterLoop => break 'AfterLoop,
                                            ServeUntilShutdownState::Returned => {
                                                ::coro::__private::resumed_after_completion()
                                            }
                                            ServeUntilShutdownState::Running
                                            | ServeUntilShutdownState::Panicked => {
                                                ::coro::__private::resumed_after_panicking()
                                            }
                                        }
                                    }
                                    /// State `Start`: Not polled yet: only the arguments are stored.
                                    {
                                        *__coro_state = ServeUntilShutdownState::Running;
                                        {
                                            __coro_slot_served.write(&__coro_live, 0);
                                            *__coro_state = ServeUntilShutdownState::LoopHead;
                                            break 'LoopHead;
                                        }
                                    }
                                }
                                /// State `LoopHead`: Where control continues: loop head (not a suspension point).
                                {
                                    {
                                        {
                                            __coro_slot_select_future
                                                .put(
                                                    ::coro::__private::into_future(
                                                        ({
                                                            let __coro_slot_listener = ::coro::__private::Unbound::new(
                                                                __coro_slot_listener,
                                                            );
                                                            let __coro_slot_served = ::coro::__private::Unbound::new(
                                                                __coro_slot_served,
                                                            );
                                                            let __coro_slot_shutdown = ::coro::__private::Unbound::new(
                                                                __coro_slot_shutdown,
                                                            );
                                                            let __coro_live = ::coro::__private::Unbound::new(
                                                                __coro_live,
                                                            );
                                                            async move {
                                                                tokio::select! {
                                                                    accepted = ({ #[allow(unused_imports)] use
                                                                    ::coro::__private:: { DecidePlace as _, DecideTake as _,
                                                                    ProbeBoxSelfTarget as _, ProbeBoxTarget as _,
                                                                    ProbeCopyTarget as _, ProbeMutRefTarget as _,
                                                                    ProbeNotBoxTarget as _, ProbeOtherTarget as _, }; let
                                                                    __coro_recv = __coro_slot_listener.ptr(); (&
                                                                    ::coro::__private::decide((&
                                                                    ::coro::__private::CopyProbe(__coro_recv)).target(), (&
                                                                    ::coro::__private::BoxProbe(__coro_recv)).target(), { trait
                                                                    ReceiverProbe_write_Trait_method_value { fn accept(self,) ->
                                                                    ::coro::__private::Borrows; } impl < T >
                                                                    ReceiverProbe_write_Trait_method_value for T { fn
                                                                    accept(self,) -> ::coro::__private::Borrows {
                                                                    ::coro::__private::Borrows } } | __coro_value, __coro_boxed,
                                                                    (), () | (__coro_value.accept(), __coro_boxed.accept(),) }))
                                                                    .recv_kind().recv(__coro_recv, || __coro_slot_listener
                                                                    .take(& __coro_live)) }).accept() =>
                                                                    ::coro::__private::Flow::Value({ let (stream, _) = (match
                                                                    ::coro::__private::Branch::branch(accepted) {
                                                                    ::coro::__private::ControlFlow::Continue(__coro_ok) =>
                                                                    __coro_ok,
                                                                    ::coro::__private::ControlFlow::Break(__coro_residual) =>
                                                                    return ::coro::__private::Flow::Return((| __coro_residual |
                                                                    -> io::Result < u32 > { match __coro_residual ? {} })
                                                                    (__coro_residual)), }); handle(stream). await; (*
                                                                    __coro_slot_served.place().0) += 1; }), _ = ({
                                                                    #[allow(unused_imports)] use ::coro::__private:: {
                                                                    DecidePlace as _, DecideTake as _, ProbeBoxSelfTarget as _,
                                                                    ProbeBoxTarget as _, ProbeCopyTarget as _, ProbeMutRefTarget
                                                                    as _, ProbeNotBoxTarget as _, ProbeOtherTarget as _, }; let
                                                                    __coro_recv = __coro_slot_shutdown.ptr(); (&
                                                                    ::coro::__private::decide((&
                                                                    ::coro::__private::CopyProbe(__coro_recv)).target(), (&
                                                                    ::coro::__private::BoxProbe(__coro_recv)).target(), { trait
                                                                    ReceiverProbe_write_Trait_method_value { fn recv(self,) ->
                                                                    ::coro::__private::Borrows; } impl < T >
                                                                    ReceiverProbe_write_Trait_method_value for T { fn
                                                                    recv(self,) -> ::coro::__private::Borrows {
                                                                    ::coro::__private::Borrows } } | __coro_value, __coro_boxed,
                                                                    (), () | (__coro_value.recv(), __coro_boxed.recv(),) }))
                                                                    .recv_kind().recv(__coro_recv, || __coro_slot_shutdown
                                                                    .take(& __coro_live)) }).recv() =>
                                                                    ::coro::__private::Flow::Value(return
                                                                    ::coro::__private::Flow::Return(::coro::__private::typed:: <
                                                                    io::Result < u32 > > (Ok(__coro_slot_served.take(&
                                                                    __coro_live))))),
                                                                }
                                                            }
                                                        }),
                                                    ),
                                                );
                                            *__coro_state = ServeUntilShutdownState::AwaitSelect;
                                            break 'AwaitSelect;
                                        }
                                    }
                                }
                            }
                            /// State `AwaitSelect`: Suspended at `tokio::select! { accepted = listener.accept() => { let(stream, _) = accepted?; handle(stream).await ; served += 1 ; } _ = shutdown.recv() => return Ok(served), }`, run as an `async` block of its own.
                            {
                                let __exit = ::coro::__private::ExitGuard::new(
                                    __coro_frame,
                                );
                                {
                                    {
                                        let mut __coro_tmp5 = match __coro_slot_select_future
                                            .poll(__cx)
                                        {
                                            ::core::task::Poll::Ready(__coro_output) => __coro_output,
                                            ::core::task::Poll::Pending => {
                                                return ::core::task::Poll::Pending;
                                            }
                                        };
                                        *__coro_state = ServeUntilShutdownState::Running;
                                        __coro_slot_select_future.drop_in_place();
                                        match __coro_tmp5 {
                                            ::coro::__private::Flow::Value(__coro_value) => __coro_value,
                                            ::coro::__private::Flow::Return(__coro_ret) => {
                                                let __coro_ret: io::Result<u32> = __coro_ret;
                                                __exit.arm(0usize);
                                                *__coro_state = ServeUntilShutdownState::Returned;
                                                return ::core::task::Poll::Ready(__coro_ret);
                                            }
                                            ::coro::__private::Flow::Jump(_) => ::core::unreachable!(),
                                            ::coro::__private::Flow::<_, _, ()>::JumpWith(..) => {
                                                ::core::unreachable!()
                                            }
                                        };
                                    }
                                    *__coro_state = ServeUntilShutdownState::LoopHead;
                                    continue '__coro_resume;
                                }
                            }
                        }
                        /// State `AfterLoop`: Where control continues: after loop (not a suspension point).
                        {}
                    }
                }
            },
        )
    };
    __coroutine
}
