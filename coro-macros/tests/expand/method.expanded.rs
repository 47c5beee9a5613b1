fn send_all(
    &mut self,
    messages: Vec<Message>,
) -> impl ::core::future::Future<Output = io::Result<usize>> {
    let mut __coro_shadow = ::coro::__private::PhantomData;
    if false {
        let __coro_body = async move {
            if false {
                return ::coro::__private::value_of_type::<io::Result<usize>>();
            }
            #[allow(clippy::redundant_locals, clippy::used_underscore_binding)]
            let messages = messages;
            let mut sent = 0;
            for message in messages {
                self.stream.write_all(message.as_bytes()).await?;
                sent += 1;
            }
            self.stream.flush().await?;
            {
                let __coro_ret: io::Result<usize> = Ok(sent);
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
        /// The frame of the coroutine `send_all`: its state and every value that lives across one of its suspension points, each in its own slot. Values that are never alive together share storage (`overlap`).
        struct SendAllFrame<
            Self_2,
            Messages,
            Sent,
            Iter,
            Message,
            WriteAllFuture,
            FlushFuture,
            Shadow,
        > {
            state: ::coro::__private::StateCell<SendAllState>,
            /// Drop flags: bit `i` says whether slot `i` holds a value.
            live: ::coro::__private::Flags<1usize>,
            /// `self`
            self_: ::coro::__private::Slot<Self_2, 0usize>,
            /// `let sent`
            sent: ::coro::__private::Slot<Sent, 2usize>,
            /// Values that are never alive together, overlapping.
            overlap: SendAllOverlapMessages<
                Messages,
                Iter,
                Message,
                WriteAllFuture,
                FlushFuture,
            >,
            /// Carries the type of the shadow copy of the body, so that the
            /// coroutine is `Send`/`Sync` exactly when rustc's would be.
            shadow: ::coro::__private::PhantomData<Shadow>,
        }
        struct SendAllWithIter<Iter, Message, WriteAllFuture> {
            /// The iterator of a `for` loop.
            iter: ::coro::__private::Slot<Iter, 3usize>,
            /// `let message`
            message: ::coro::__private::Slot<Message, 4usize>,
            /// The future of `self.stream.write_all(message.as_bytes()).await`.
            write_all_future: ::coro::__private::Awaitee<WriteAllFuture>,
        }
        union SendAllOverlapMessages<
            Messages,
            Iter,
            Message,
            WriteAllFuture,
            FlushFuture,
        > {
            /// The argument `messages`.
            messages: ::core::mem::ManuallyDrop<
                ::coro::__private::Slot<Messages, 1usize>,
            >,
            with_iter: ::core::mem::ManuallyDrop<
                SendAllWithIter<Iter, Message, WriteAllFuture>,
            >,
            /// The future of `self.stream.flush().await`.
            flush_future: ::core::mem::ManuallyDrop<
                ::coro::__private::Awaitee<FlushFuture>,
            >,
        }
        /// Where the coroutine is. (Read and written in place, so neither
        /// `Clone` nor `Copy`: deriving them costs rustc a little to check.)
        enum SendAllState {
            /// Not polled yet: only the arguments are stored.
            Start,
            /// Where control continues: for head (not a suspension point).
            ForHead,
            /// Where control continues: after for (not a suspension point).
            AfterFor,
            /// Suspended at `self.stream.write_all(message.as_bytes()).await`.
            AwaitWriteAll,
            /// Suspended at `self.stream.flush().await`.
            AwaitFlush,
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
            Messages,
            Sent,
            Iter,
            Message,
            WriteAllFuture,
            FlushFuture,
            Shadow,
        > ::coro::__private::Frame
        for SendAllFrame<
            Self_2,
            Messages,
            Sent,
            Iter,
            Message,
            WriteAllFuture,
            FlushFuture,
            Shadow,
        > {
            #[inline]
            unsafe fn drop_from(&self, first: usize) {
                unsafe {
                    let __coro_slot_self_ = &self.self_;
                    let __coro_slot_sent = &self.sent;
                    let __coro_slot_messages = &*self.overlap.messages;
                    let __coro_part0_with_iter = ::coro::__private::part_ptr(
                        &raw const self.overlap.with_iter,
                    );
                    let __coro_slot_iter = &(*__coro_part0_with_iter).iter;
                    let __coro_slot_message = &(*__coro_part0_with_iter).message;
                    let __coro_slot_write_all_future = &(*__coro_part0_with_iter)
                        .write_all_future;
                    let __coro_slot_flush_future = &*self.overlap.flush_future;
                    if first == 0
                        && ::core::matches!(* self.state.ptr(), SendAllState::Start)
                    {
                        __coro_slot_self_.drop_if_init(&self.live);
                        __coro_slot_messages.drop_if_init(&self.live);
                        return;
                    }
                    match *self.state.ptr() {
                        SendAllState::AwaitWriteAll => {
                            *self.state.ptr() = SendAllState::Panicked;
                            __coro_slot_write_all_future.drop_in_place()
                        }
                        SendAllState::AwaitFlush => {
                            *self.state.ptr() = SendAllState::Panicked;
                            __coro_slot_flush_future.drop_in_place()
                        }
                        _ => {}
                    }
                    if first <= 4usize {
                        __coro_slot_message.drop_if_init(&self.live);
                    }
                    if first <= 3usize {
                        __coro_slot_iter.drop_if_init(&self.live);
                    }
                    if first <= 2usize {
                        __coro_slot_sent.drop_if_init(&self.live);
                    }
                    if first <= 1usize {
                        __coro_slot_messages.drop_if_init(&self.live);
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
                        SendAllState::Panicked,
                        |s| ::core::matches!(s, SendAllState::Returned),
                    );
            }
        }
        ::coro::__private::Coroutine::new(
            SendAllFrame {
                state: ::coro::__private::StateCell::new(SendAllState::Start),
                live: ::coro::__private::Flags::new([3u8]),
                self_: ::coro::__private::Slot::new(self),
                sent: ::coro::__private::Slot::uninit(),
                overlap: SendAllOverlapMessages {
                    messages: ::core::mem::ManuallyDrop::new(
                        ::coro::__private::Slot::new(messages),
                    ),
                },
                shadow: __coro_shadow,
            },
            |__frame, __cx| -> ::core::task::Poll<io::Result<usize>> {
                unsafe {
                    let __f = ::coro::__private::unbound(__frame);
                    let __coro_state = __f.state.ptr();
                    let __coro_live = &__f.live;
                    let __coro_frame: &dyn ::coro::__private::Frame = __f;
                    let __coro_slot_self_ = &__f.self_;
                    let __coro_slot_sent = &__f.sent;
                    let __coro_slot_messages = &*__f.overlap.messages;
                    let __coro_part0_with_iter = ::coro::__private::part_ptr(
                        &raw const __f.overlap.with_iter,
                    );
                    let __coro_slot_iter = &(*__coro_part0_with_iter).iter;
                    let __coro_slot_message = &(*__coro_part0_with_iter).message;
                    let __coro_slot_write_all_future = &(*__coro_part0_with_iter)
                        .write_all_future;
                    let __coro_slot_flush_future = &*__f.overlap.flush_future;
                    '__coro_resume: loop {
                        'AwaitFlush: {
                            'AfterFor: {
                                'AwaitWriteAll: {
                                    'ForHead: {
                                        'Start: {
                                            match *__coro_state {
                                                SendAllState::Start => break 'Start,
                                                SendAllState::ForHead => break 'ForHead,
                                                SendAllState::AwaitWriteAll => break 'AwaitWriteAll,
                                                SendAllState::AfterFor => break 'AfterFor,
                                                SendAllState::AwaitFlush => break 'AwaitFlush,
                                                SendAllState::Returned => {
                                                    ::coro::__private::resumed_after_completion()
                                                }
                                                SendAllState::Running | SendAllState::Panicked => {
                                                    ::coro::__private::resumed_after_panicking()
                                                }
                                            }
                                        }
                                        /// State `Start`: Not polled yet: only the arguments are stored.
                                        {
                                            *__coro_state = SendAllState::Running;
                                            {
                                                __coro_slot_sent.write(&__coro_live, 0);
                                                {
                                                    __coro_slot_iter
                                                        .write(
                                                            &__coro_live,
                                                            ::core::iter::IntoIterator::into_iter(
                                                                __coro_slot_messages.take(&__coro_live),
                                                            ),
                                                        );
                                                    *__coro_state = SendAllState::ForHead;
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
                                                    ::core::option::Option::Some(message) => {
                                                        __coro_slot_message.write(&__coro_live, message);
                                                        {
                                                            {
                                                                __coro_slot_write_all_future
                                                                    .put(
                                                                        ::coro::__private::into_future(
                                                                            (*__coro_slot_self_.ptr())
                                                                                .stream
                                                                                .write_all((*__coro_slot_message.ptr()).as_bytes()),
                                                                        ),
                                                                    );
                                                                *__coro_state = SendAllState::AwaitWriteAll;
                                                                break 'AwaitWriteAll;
                                                            }
                                                        }
                                                    }
                                                    ::core::option::Option::None => {
                                                        *__coro_state = SendAllState::AfterFor;
                                                        break 'AfterFor;
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                                /// State `AwaitWriteAll`: Suspended at `self.stream.write_all(message.as_bytes()).await`.
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
                                                            let mut __coro_tmp6 = match __coro_slot_write_all_future
                                                                .poll(__cx)
                                                            {
                                                                ::core::task::Poll::Ready(__coro_output) => __coro_output,
                                                                ::core::task::Poll::Pending => {
                                                                    return ::core::task::Poll::Pending;
                                                                }
                                                            };
                                                            *__coro_state = SendAllState::Running;
                                                            __coro_slot_write_all_future.drop_in_place();
                                                            (match ::coro::__private::Branch::branch(__coro_tmp6) {
                                                                ::coro::__private::ControlFlow::Continue(__coro_ok) => {
                                                                    __coro_ok
                                                                }
                                                                ::coro::__private::ControlFlow::Break(__coro_residual) => {
                                                                    let __coro_ret: io::Result<usize> = ::coro::__private::residual_into(async move {
                                                                        if false {
                                                                            return ::coro::__private::value_of_type::<
                                                                                io::Result<usize>,
                                                                            >();
                                                                        }
                                                                        match __coro_residual? {}
                                                                    });
                                                                    __exit.arm(0usize);
                                                                    *__coro_state = SendAllState::Returned;
                                                                    return ::core::task::Poll::Ready(__coro_ret);
                                                                }
                                                            });
                                                        }
                                                        (*__coro_slot_sent.ptr()) += 1;
                                                    }
                                                }
                                                __coro_slot_message.drop_if_init(&__coro_live);
                                                *__coro_state = SendAllState::ForHead;
                                                continue '__coro_resume;
                                            }
                                        }
                                    }
                                }
                            }
                            /// State `AfterFor`: Where control continues: after for (not a suspension point).
                            {
                                {
                                    __coro_slot_iter.drop_if_init(&__coro_live);
                                    {
                                        __coro_slot_flush_future
                                            .put(
                                                ::coro::__private::into_future(
                                                    (*__coro_slot_self_.ptr()).stream.flush(),
                                                ),
                                            );
                                        *__coro_state = SendAllState::AwaitFlush;
                                        break 'AwaitFlush;
                                    }
                                }
                            }
                        }
                        /// State `AwaitFlush`: Suspended at `self.stream.flush().await`.
                        {
                            let __exit = ::coro::__private::ExitGuard::new(__coro_frame);
                            {
                                {
                                    let mut __coro_tmp8 = match __coro_slot_flush_future
                                        .poll(__cx)
                                    {
                                        ::core::task::Poll::Ready(__coro_output) => __coro_output,
                                        ::core::task::Poll::Pending => {
                                            return ::core::task::Poll::Pending;
                                        }
                                    };
                                    *__coro_state = SendAllState::Running;
                                    __coro_slot_flush_future.drop_in_place();
                                    (match ::coro::__private::Branch::branch(__coro_tmp8) {
                                        ::coro::__private::ControlFlow::Continue(__coro_ok) => {
                                            __coro_ok
                                        }
                                        ::coro::__private::ControlFlow::Break(__coro_residual) => {
                                            let __coro_ret: io::Result<usize> = ::coro::__private::residual_into(async move {
                                                if false {
                                                    return ::coro::__private::value_of_type::<
                                                        io::Result<usize>,
                                                    >();
                                                }
                                                match __coro_residual? {}
                                            });
                                            __exit.arm(0usize);
                                            *__coro_state = SendAllState::Returned;
                                            return ::core::task::Poll::Ready(__coro_ret);
                                        }
                                    });
                                }
                                {
                                    let __coro_ret: io::Result<usize> = Ok(
                                        __coro_slot_sent.take(&__coro_live),
                                    );
                                    __exit.arm(0usize);
                                    *__coro_state = SendAllState::Returned;
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
