fn fetch_page(
    client: &Client,
    url: String,
) -> impl ::core::future::Future<Output = usize> {
    let mut __coro_shadow = ::coro::__private::PhantomData;
    if false {
        let __coro_body = async move {
            if false {
                return ::coro::__private::value_of_type::<usize>();
            }
            #[allow(clippy::redundant_locals, clippy::used_underscore_binding)]
            let client = client;
            #[allow(clippy::redundant_locals, clippy::used_underscore_binding)]
            let url = url;
            let request = client.get(&url);
            let response = request.send().await;
            let body = response.text().await;
            {
                let __coro_ret: usize = body.len();
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
        /// The frame of the coroutine `fetch_page`: its state and every value that lives across one of its suspension points, each in its own slot. Values that are never alive together share storage (`overlap`).
        struct FetchPageFrame<
            Client,
            Url,
            Request,
            SendFuture,
            Response,
            TextFuture,
            Shadow,
        > {
            state: ::coro::__private::StateCell<FetchPageState>,
            /// Drop flags: bit `i` says whether slot `i` holds a value.
            live: ::coro::__private::Flags<1usize>,
            /// The argument `client`.
            client: ::coro::__private::Slot<Client, 0usize>,
            /// The argument `url`.
            url: ::coro::__private::Slot<Url, 1usize>,
            /// Values that are never alive together, overlapping.
            overlap: FetchPageOverlapRequest<Request, SendFuture, Response, TextFuture>,
            /// Carries the type of the shadow copy of the body, so that the
            /// coroutine is `Send`/`Sync` exactly when rustc's would be.
            shadow: ::coro::__private::PhantomData<Shadow>,
        }
        union FetchPageOverlapRequest<Request, SendFuture, Response, TextFuture> {
            /// `let request`
            request: ::core::mem::ManuallyDrop<::coro::__private::Slot<Request, 2usize>>,
            /// The future of `request.send().await`.
            send_future: ::core::mem::ManuallyDrop<
                ::coro::__private::Awaitee<SendFuture>,
            >,
            /// `let response`
            response: ::core::mem::ManuallyDrop<
                ::coro::__private::Slot<Response, 3usize>,
            >,
            /// The future of `response.text().await`.
            text_future: ::core::mem::ManuallyDrop<
                ::coro::__private::Awaitee<TextFuture>,
            >,
        }
        /// Where the coroutine is. (Read and written in place, so neither
        /// `Clone` nor `Copy`: deriving them costs rustc a little to check.)
        enum FetchPageState {
            /// Not polled yet: only the arguments are stored.
            Start,
            /// Suspended at `request.send().await`.
            AwaitSend,
            /// Suspended at `response.text().await`.
            AwaitText,
            /// Between suspension points: the code of some state is running
            /// (its awaitee, if it had one, is done).
            Running,
            /// Completed: polling again panics.
            Returned,
            /// A poll panicked: polling again panics.
            Panicked,
        }
        unsafe impl<
            Client,
            Url,
            Request,
            SendFuture,
            Response,
            TextFuture,
            Shadow,
        > ::coro::__private::Frame
        for FetchPageFrame<
            Client,
            Url,
            Request,
            SendFuture,
            Response,
            TextFuture,
            Shadow,
        > {
            #[inline]
            unsafe fn drop_from(&self, first: usize) {
                unsafe {
                    let __coro_slot_client = &self.client;
                    let __coro_slot_url = &self.url;
                    let __coro_slot_request = &*self.overlap.request;
                    let __coro_slot_send_future = &*self.overlap.send_future;
                    let __coro_slot_response = &*self.overlap.response;
                    let __coro_slot_text_future = &*self.overlap.text_future;
                    if first == 0
                        && ::core::matches!(* self.state.ptr(), FetchPageState::Start)
                    {
                        __coro_slot_client.drop_if_init(&self.live);
                        __coro_slot_url.drop_if_init(&self.live);
                        return;
                    }
                    match *self.state.ptr() {
                        FetchPageState::AwaitSend => {
                            *self.state.ptr() = FetchPageState::Panicked;
                            __coro_slot_send_future.drop_in_place()
                        }
                        FetchPageState::AwaitText => {
                            *self.state.ptr() = FetchPageState::Panicked;
                            __coro_slot_text_future.drop_in_place()
                        }
                        _ => {}
                    }
                    if first <= 4usize {
                        __coro_slot_response.drop_if_init(&self.live);
                    }
                    if first <= 2usize {
                        __coro_slot_request.drop_if_init(&self.live);
                    }
                    if first <= 1usize {
                        __coro_slot_url.drop_if_init(&self.live);
                    }
                    if first == 0 {
                        __coro_slot_client.drop_if_init(&self.live);
                    }
                }
            }
            #[inline]
            fn poison(&self) {
                self.state
                    .poison(
                        FetchPageState::Panicked,
                        |s| ::core::matches!(s, FetchPageState::Returned),
                    );
            }
        }
        ::coro::__private::Coroutine::new(
            FetchPageFrame {
                state: ::coro::__private::StateCell::new(FetchPageState::Start),
                live: ::coro::__private::Flags::new([3u8]),
                client: ::coro::__private::Slot::new(client),
                url: ::coro::__private::Slot::new(url),
                overlap: FetchPageOverlapRequest {
                    request: ::core::mem::ManuallyDrop::new(
                        ::coro::__private::Slot::uninit(),
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
                    let __coro_slot_client = &__f.client;
                    let __coro_slot_url = &__f.url;
                    let __coro_slot_request = &*__f.overlap.request;
                    let __coro_slot_send_future = &*__f.overlap.send_future;
                    let __coro_slot_response = &*__f.overlap.response;
                    let __coro_slot_text_future = &*__f.overlap.text_future;
                    '__coro_resume: loop {
                        'AwaitText: {
                            'AwaitSend: {
                                'Start: {
                                    match *__coro_state {
                                        FetchPageState::Start => break 'Start,
                                        FetchPageState::AwaitSend => break 'AwaitSend,
                                        FetchPageState::AwaitText => break 'AwaitText,
                                        FetchPageState::Returned => {
                                            ::coro::__private::resumed_after_completion()
                                        }
                                        FetchPageState::Running | FetchPageState::Panicked => {
                                            ::coro::__private::resumed_after_panicking()
                                        }
                                    }
                                }
                                /// State `Start`: Not polled yet: only the arguments are stored.
                                {
                                    *__coro_state = FetchPageState::Running;
                                    {
                                        __coro_slot_request
                                            .write(
                                                &__coro_live,
                                                (*__coro_slot_client.ptr()).get(&(*__coro_slot_url.ptr())),
                                            );
                                        {
                                            __coro_slot_send_future
                                                .put(
                                                    ::coro::__private::into_future(
                                                        __coro_slot_request.take(&__coro_live).send(),
                                                    ),
                                                );
                                            *__coro_state = FetchPageState::AwaitSend;
                                            break 'AwaitSend;
                                        }
                                    }
                                }
                            }
                            /// State `AwaitSend`: Suspended at `request.send().await`.
                            {
                                {
                                    {
                                        let mut __coro_tmp4 = match __coro_slot_send_future
                                            .poll(__cx)
                                        {
                                            ::core::task::Poll::Ready(__coro_output) => __coro_output,
                                            ::core::task::Poll::Pending => {
                                                return ::core::task::Poll::Pending;
                                            }
                                        };
                                        *__coro_state = FetchPageState::Running;
                                        __coro_slot_send_future.drop_in_place();
                                        __coro_slot_response.write(&__coro_live, __coro_tmp4);
                                    }
                                    {
                                        __coro_slot_text_future
                                            .put(
                                                ::coro::__private::into_future(
                                                    __coro_slot_response.take(&__coro_live).text(),
                                                ),
                                            );
                                        *__coro_state = FetchPageState::AwaitText;
                                        break 'AwaitText;
                                    }
                                }
                            }
                        }
                        /// State `AwaitText`: Suspended at `response.text().await`.
                        {
                            let __exit = ::coro::__private::ExitGuard::new(__coro_frame);
                            {
                                let body;
                                {
                                    let mut __coro_tmp7 = match __coro_slot_text_future
                                        .poll(__cx)
                                    {
                                        ::core::task::Poll::Ready(__coro_output) => __coro_output,
                                        ::core::task::Poll::Pending => {
                                            return ::core::task::Poll::Pending;
                                        }
                                    };
                                    *__coro_state = FetchPageState::Running;
                                    __coro_slot_text_future.drop_in_place();
                                    body = __coro_tmp7;
                                }
                                {
                                    let __coro_ret: usize = body.len();
                                    __exit.arm(0usize);
                                    *__coro_state = FetchPageState::Returned;
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
