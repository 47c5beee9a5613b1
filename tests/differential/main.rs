//! Differential tests of `#[coroutine]`: every case in `cases/*.rs` is
//! compiled twice, natively (the attribute is `coro::__private::identity`)
//! and lowered (the attribute is `coro::coroutine`), and `harness::check`
//! asserts that both futures behave identically. See `README.md` here.

// Cases are written in the shape they test (a `while let` over a held
// iterator, a guard held across an await, `let r = ..; r`), not in the
// shape clippy prefers.
#![allow(
    clippy::await_holding_lock,
    clippy::await_holding_refcell_ref,
    clippy::let_and_return,
    clippy::match_single_binding,
    clippy::multiple_bound_locations,
    clippy::needless_lifetimes,
    clippy::redundant_pattern_matching,
    clippy::useless_vec,
    clippy::vec_init_then_push,
    clippy::while_let_loop,
    clippy::while_let_on_iterator
)]

#[macro_use]
#[allow(dead_code)] // helpers for cases: not every one is used
mod harness;

/// Compiles every case file natively and lowered, and generates one test
/// per case (`TOPIC::CASE`), plus the list of cases for the completeness
/// test and the size table.
macro_rules! differential_tests {
    ($($topic:ident: [$($case:ident),* $(,)?]),* $(,)?) => {
        /// Cases compiled by rustc's own async fn lowering. `deny(dead_code)`:
        /// a case module missing from the list has an unused `run`, which
        /// fails the build (and so does an unused helper in a case file).
        #[deny(dead_code)]
        mod native {
            $(
                pub mod $topic {
                    #[allow(unused_imports)]
                    use crate::harness::*;
                    #[allow(unused_imports)]
                    use ::coro::__private::identity as coroutine;
                    include!(concat!("cases/", stringify!($topic), ".rs"));
                }
            )*
        }

        /// The same cases, lowered by `#[coro::coroutine]`.
        mod lowered {
            $(
                pub mod $topic {
                    #[allow(unused_imports)]
                    use crate::harness::*;
                    #[allow(unused_imports)]
                    use ::coro::coroutine;
                    include!(concat!("cases/", stringify!($topic), ".rs"));
                }
            )*
        }

        $(
            mod $topic {
                $(
                    #[test]
                    fn $case() {
                        let name = concat!(stringify!($topic), "::", stringify!($case));
                        $crate::harness::check(
                            name,
                            $crate::native::$topic::$case::run,
                            $crate::lowered::$topic::$case::run,
                            $crate::harness::AutoTraits {
                                send: (
                                    is_send!($crate::native::$topic::$case::run()),
                                    is_send!($crate::lowered::$topic::$case::run()),
                                ),
                                sync: (
                                    is_sync!($crate::native::$topic::$case::run()),
                                    is_sync!($crate::lowered::$topic::$case::run()),
                                ),
                            },
                        );
                    }
                )*
            }
        )*

        /// Every listed case, as `(topic, case)`.
        const CASES: &[(&str, &str)] = &[$($((stringify!($topic), stringify!($case)),)*)*];

        /// `(topic::case, native size, lowered size)` of every case's future.
        fn sizes() -> Vec<(String, usize, usize)> {
            vec![$($(
                (
                    concat!(stringify!($topic), "::", stringify!($case)).to_string(),
                    std::mem::size_of_val(&$crate::native::$topic::$case::run()),
                    std::mem::size_of_val(&$crate::lowered::$topic::$case::run()),
                ),
            )*)*]
        }
    };
}

differential_tests! {
    straight_line: [
        counts_and_flags_end_at_their_last_use,
        one_await,
        two_awaits,
        ready_awaits_no_suspend,
        mixed_ready_and_pending,
        pending_many_polls,
        locals_drop_in_reverse,
        await_statement_drops_result,
        let_underscore_vs_named,
        return_owned_value,
        unit_result,
        nested_coroutine_calls,
        three_levels_deep,
        no_await_at_all_no_suspend,
        raw_identifier_reserved_in_edition_2024,
    ],
    operands: [
        field_assigned_a_value_its_type_coerces,
        box_contents_moved_out_by_deref,
        struct_update_reading_fields_of_its_base,
        destructuring_assignment,
        call_arg_first,
        call_arg_middle,
        call_arg_last,
        call_args_all_awaited,
        method_receiver,
        method_chain,
        method_argument,
        binary_both_sides,
        binary_lhs_held_across_await,
        comparison,
        lazy_and_short_circuit,
        lazy_or_short_circuit,
        unary_ops,
        compound_assign_local,
        compound_assign_index_primitive,
        compound_assign_index_overloaded,
        index_awaited,
        field_of_awaited_struct,
        struct_literal,
        tuple_and_array_literals,
        array_repeat,
        casts,
        reference_to_awaited,
        nested_awaits,
        ranges,
        block_expression,
        unsafe_block,
        await_stored_future,
        await_into_future,
        await_by_reference,
        await_boxed_dyn,
        return_await,
        let_else,
        closure_creation_between_awaits,
        receiver_and_argument_both_await,
        double_dereference_compared_with_an_await,
    ],
    temporaries: [
        borrowed_call_temporaries_in_every_construct,
        projected_temporaries_in_every_construct,
        match_scrutinee_temporaries_through_awaiting_arms,
        typed_destructuring_let_of_extended_temporaries,
        guard_in_a_place_scrutinee_held_through_the_body,
        lazy_operator_left_operand_temporary_drops_before_right,
        pattern_reads_through_awaited_temporary,
        let_extends_temporaries_through_places_and_constructors,
        let_extends_temporaries_in_branch_tails,
        let_extends_temporaries_inside_constructors_in_branch_tails,
        temporaries_used_mutably,
        receiver_temporary_across_await,
        receiver_temporary_in_spilled_operand,
        two_temporaries_in_call,
        temporary_borrowed_by_awaited_call,
        let_initializer_temporary,
        let_reference_lifetime_extension,
        extension_through_struct_literal,
        match_scrutinee_temporary_across_arm,
        match_on_field_of_temporary,
        if_condition_temporary,
        if_let_temporary_dropped_before_else,
        if_let_temporary_lives_through_then,
        while_condition_temporary,
        tail_expression_temporary,
        tail_expression_temporary_across_await,
        block_tail_temporary,
        match_arm_temporary,
        awaited_operand_temporary,
        typed_let_keeps_coercions_of_constant_elements,
        let_else_ref_binding_extends_temporary,
        let_else_failing_drops_extended_temporaries_before_else,
        let_else_drops_unbound_part_at_end_of_let,
    ],
    control_flow: [
        allowed_unreachable_tail_after_a_return,
        cfg_on_statements_arms_and_fields,
        cfg_on_arguments,
        cfg_on_elements_and_arguments,
        cfg_on_vec_element_only,
        break_values_coerce_to_the_expected_type,
        let_else_on_place_whose_else_awaits,
        if_else_awaited_condition,
        else_if_chain,
        if_without_else,
        if_let_awaited_scrutinee,
        let_chain,
        labeled_block_break,
        early_return_drops_in_order,
        diverging_branch,
        return_from_nested_expression,
        if_as_call_argument,
        branches_coerce_to_the_expected_type,
        native_statement_values_coerce_to_the_expected_type,
        native_break_values_coerce_to_the_expected_type,
    ],
    loops: [
        while_let_on_places,
        list_walked_by_moving_payload_in_place,
        field_moved_in_loop_given_anew,
        for_over_mut_ref_of_owning_iterator,
        value_reassigned_from_its_own_by_value_method_in_loops,
        element_type_given_in_loop_body_after_await,
        states_in_several_nests,
        loop_break_value,
        while_awaited_condition,
        while_let_pop,
        while_let_awaited_scrutinee,
        while_let_scrutinee_temporary_drops_each_iteration,
        for_range,
        for_vec_by_value,
        for_vec_by_ref,
        for_iterator_adapters,
        for_logging_iterator,
        for_over_awaited_iterable,
        labeled_break_continue,
        break_value_from_nested_loop,
        return_from_loop,
        continue_drops_iteration_locals,
        while_with_manual_next,
        value_moved_before_await_in_loop_body,
        values_without_drop_glue_used_before_await_only,
        list_walk_moves_next_out_and_reassigns,
        field_moved_out_and_assigned_anew_in_loop,
        field_moved_out_and_assigned_in_each_branch_in_loop,
        field_moved_out_and_assigned_in_branches_that_await_in_loop,
        field_moved_out_and_assigned_before_continue_in_loop,
        move_closure_called_in_while_let_that_awaits,
        fn_once_called_in_an_arm_that_breaks,
        for_pattern_leaving_part_of_the_item,
    ],
    matching: [
        tuple_scrutinee_leaving_only_literals,
        slice_pattern_on_method_result_with_awaiting_guard,
        at_binding_of_a_mut_reference_in_a_tuple_scrutinee,
        guarded_arm_on_a_field_matched_in_place,
        patterns_through_unseen_mut_references,
        guarded_pattern_through_unseen_reference,
        if_let_moving_out_then_value_used_where_it_failed,
        destructured_reference_bindings_matched_across_await,
        parts_of_values_holding_references,
        option_box_field_freed_before_the_rest_drops,
        arm_binding_of_a_reference_matched_again,
        awaiting_guard_on_self_reference,
        at_bindings_beside_ref_arms,
        at_binding_arm_beside_partial_move_that_awaits,
        struct_updates_of_one_base_in_exclusive_branches,
        slice_pattern_on_local_lent_by_a_conversion,
        array_pattern_leaving_elements,
        references_nested_in_some_and_for_tuples,
        awaiting_guard_on_string_literal_arm,
        awaiting_guard_on_tuple_with_reference_parts,
        tuple_scrutinee_tests_variant_through_reference,
        slice_pattern_on_as_slice_with_awaiting_arm,
        if_let_chain_on_one_enum_moving_its_parts,
        awaited_scrutinee_and_arms,
        awaited_guards,
        binding_moved_out_of_scrutinee,
        binding_by_reference,
        borrowed_scrutinee_bindings_across_await,
        ref_mut_binding,
        ref_bindings_held_across_awaits,
        awaited_enum_scrutinee,
        guard_fails_scrutinee_kept,
        nested_match,
        return_from_match_arm,
        or_patterns_and_at_bindings,
        match_as_operand,
        partial_move_then_field_use,
        partial_move_then_reassign,
        partial_move_in_plain_match,
        guarded_partial_moves,
        field_of_reference_matched_across_await,
        reference_copied_into_local_matched_across_await,
        awaiting_guard_on_loop_variable_over_references,
        string_literal_arms_of_a_value_matched_in_place,
        tuple_scrutinee_holding_a_reference,
        tuple_scrutinee_with_reference_patterns,
        option_of_reference_destructured,
        at_binding_of_constant_in_awaiting_arm,
    ],
    errors: [
        question_ok_path,
        question_err_returns_early,
        question_from_conversion,
        question_option,
        question_poll,
        question_in_loop,
        question_in_call_arguments,
        question_through_levels,
        question_in_match_arm,
        question_in_expression,
    ],
    shadowing: [
        capitalised_let_binding,
        shadowed_value_still_alive,
        shadow_using_previous,
        shadow_in_loop,
        shadow_in_nested_block,
        shadow_by_move,
        shadow_in_match_arm,
        shadow_borrowing_previous,
    ],
    closures_async_blocks: [
        closure_arguments_called_through_a_reference,
        boxed_closure_local_called_through_a_reference,
        reference_to_closure_called_with_awaiting_argument,
        fn_once_argument_called_in_a_closure,
        nested_closure_operand_outliving_the_outer_call,
        closure_mutating_frame_values_dropped_by_hand,
        async_closure_using_copy_values_by_value,
        move_block_inside_closure_that_is_not_move,
        closure_consuming_a_value_inside_closure_that_is_not_move,
        closures_inside_closure_that_is_not_move_consuming_and_borrowing,
        non_move_block_using_fields_by_value,
        borrowing_move_closure_called_at_last_use,
        fn_once_fields_called_at_last_use,
        move_closure_at_last_use_before_namesakes,
        async_block_borrowing_local,
        async_move_block_owns_capture,
        async_block_never_awaited,
        move_capture_in_branch_and_loop,
        async_block_polled_then_dropped,
        tracked_async_block,
        nested_async_blocks,
        return_inside_async_block,
        question_inside_async_block,
        collected_async_blocks,
        closure_called_across_awaits,
        move_closure_held_across_await,
        closure_returning_future,
        async_closure,
        async_closure_borrowing_local,
        async_move_closure_once,
        closure_building_borrowing_block,
        recursion_through_box_pin,
        closure_returning_async_move_block,
        boxed_closure_before_awaiting_operand,
        non_move_closure_takes_value_it_moves,
        non_move_async_block_in_join_owns_sender,
        non_move_closure_copies_and_borrows,
        non_move_async_block_moves_one_value,
        mutual_recursion_through_box_pin,
        non_move_closure_calls_method_taking_self,
        non_move_closure_touches_then_takes,
        non_move_blocks_in_join_send_on_oneshot,
    ],
    macros: [
        own_macro_as_a_format_argument,
        format_value_arguments_before_an_await,
        anyhow_ensure_without_message_awaiting_in_condition,
        macro_generated_coroutine_hygiene,
        macro_generated_coroutine_hygiene_of_bindings,
        anyhow_ensure_without_message_comparing_awaited,
        keyword_named_format_arguments,
        user_macro_naming_a_type_like_the_frame,
        own_statement_macro_declaring_a_guard,
        own_macro_temporary_lives_to_the_end_of_its_statement,
        own_macro_spelling_frame_names_that_name_no_value,
        format_width_and_precision_captures,
        matches_guard_binding_shadows_frame_variable,
        anyhow_bail_and_ensure,
        anyhow_bail_with_question_mark,
        anyhow_bail_in_let_else,
        anyhow_bail_and_ensure_awaiting_in_arguments,
        anyhow_bail_and_ensure_in_select_handler,
        anyhow_macros_given_a_value_held_across_an_await,
        vec_repeat_with_an_exit,
        ready_on_frame_values_and_awaited_polls,
        matches_with_awaiting_guard,
        opaque_macro_names_arguments,
        json_from_frame_values,
        json_with_awaits_inside,
        format_positional,
        format_named_arguments,
        write_and_writeln,
        print_and_println,
        asserts_passing,
        vec_list,
        vec_repeat,
        matches_with_guard,
        dbg_passthrough,
        local_macro_duplicates_argument,
        await_inside_macro_expansion,
        builtin_macros_mixed,
        format_argument_drops_at_its_block_end,
        format_args_given_to_an_awaited_call,
        own_macro_keys_spelled_like_frame_values,
        own_macros_lent_frame_values,
        own_macro_lent_a_value_after_a_copy_field_read,
        own_macros_lent_in_loops_blocks_and_references,
    ],
    select_join: [
        pinning_where_unsafe_code_is_forbidden,
        std_pin_extended_by_let_and_awaited_at_once,
        fields_moved_inside_select,
        pin_macros_move_the_value_where_they_stand,
        question_mark_in_bare_select_and_inside_macro_arguments,
        suspending_macro_inside_a_formatting_macro,
        question_mark_in_join_arguments,
        exits_in_select_and_join_futures,
        tokio_select_first_wins,
        tokio_select_return_in_arm,
        tokio_select_question_in_arm,
        tokio_select_break_continue,
        tokio_select_else_and_precondition,
        tokio_join,
        tokio_try_join_error,
        tokio_pin,
        futures_join,
        futures_try_join_error,
        futures_select_biased,
        futures_bare_select_borrows_named_future,
        move_blocks_inside_select_capture_frame_values,
        select_block_handler_then_tuple_pattern,
        futures_select_return_and_question,
        futures_select_loop_complete,
        futures_pin_mut,
        std_pin_and_poll,
        tokio_select_borrowing_branches,
        std_pin_in_awaited_call,
        select_returning_inside_a_native_statement,
        select_blocks_taking_values_by_method,
    ],
    methods_traits: [
        async_method_named_like_a_std_trait_method,
        lowered_code_lints_nothing_of_its_own,
        closure_result_typed_through_an_awaited_probed_call,
        by_value_self_assigned_after_its_last_read,
        async_read_extension_methods_at_last_use,
        lines_of_readers_at_last_use,
        copy_option_field_read_at_last_use_of_guard,
        std_method_on_field_through_shared_deref,
        reader_methods_taking_self_at_last_use,
        moved_while_an_element_cloned_out_of_it_is_in_use,
        moved_while_an_owned_copy_made_from_it_is_in_use,
        moved_while_a_value_read_out_of_it_is_in_use,
        iterator_cloned_kept_across_an_await,
        moved_while_a_number_parsed_from_it_is_in_use,
        moved_while_its_sum_is_in_use,
        arguments_typed_by_the_parameters_at_last_use,
        arguments_typed_by_the_parameters_with_effects_at_last_use,
        by_value_method_generic_in_its_return_at_last_use,
        closure_argument_named_by_the_calls_output,
        closure_result_types_the_methods_parameter,
        try_fold_on_an_iterator_held_across_an_await,
        closure_result_typing_a_method_beside_an_awaiting_argument,
        by_value_method_generic_in_a_closures_result_at_last_use,
        shared_borrow_alive_across_probed_call_at_last_use,
        shared_slice_read_future_at_last_use,
        slice_method_named_as_bufread_at_last_use,
        by_value_method_through_a_box,
        box_contents_taken_apart_by_a_let,
        box_self_method_at_last_use,
        moved_while_its_length_is_in_use,
        anyhow_context_on_values_held_across_awaits,
        http_method_names_decided_by_type,
        copy_field_read_through_user_deref,
        by_value_method_with_turbofish_at_last_use,
        std_by_value_method_on_a_field,
        self_captured_by_move_closure_and_async_block_in_ref_method,
        async_trait_methods,
        async_trait_not_send,
        self_by_value,
        self_partially_moved,
        last_use_receiver_by_value_or_in_place,
        generic_methods_at_last_use,
        probed_call_arguments_coerce,
        closures_passed_to_methods_at_last_use,
        closures_before_other_arguments_at_last_use,
        std_named_methods_of_other_types_at_last_use,
        stream_extension_methods_at_last_use,
        any_and_all_of_a_stream_or_an_iterator_at_last_use,
        option_take_and_replace_on_a_local_typed_later,
        generic_methods_with_awaiting_arguments,
        generic_method_argument_borrows_awaited_value,
        entry_api_across_awaits,
        generic_by_value_method_argument_returns_early,
        receiver_before_awaiting_arguments,
        ref_and_mut_self,
        pin_and_box_self,
        method_chain_of_awaits,
        trait_async_fn_impl,
        trait_default_body,
        trait_impl_future_method,
        generic_impl_method,
    ],
    generics_lifetimes: [
        pub_borrowing_method_with_generic_arguments_borrowed_across_an_await,
        pub_by_value_method_with_other_references_borrowing_self,
        pub_by_value_methods_of_generic_types_borrowing_self,
        reference_arguments_chosen_by_a_flag,
        generic_caller_of_generic_lender,
        turbofish_naming_constants,
        pinned_generic_future_awaited_by_value,
        value_borrowing_from_two_arguments,
        reference_to_impl_trait_argument_with_frame_lifetime,
        generic_type_parameter,
        where_clause,
        const_generic,
        elided_lifetime,
        named_lifetimes,
        reference_into_slice,
        impl_trait_argument,
        generic_values_borrowed_across_awaits,
        future_arguments,
        mut_reference_argument,
        dyn_and_higher_ranked_arguments,
        turbofish_and_outlives_bound,
        impl_trait_return_and_struct_lifetime,
        leaving_operands_of_a_call_awaited_under_two_lifetimes,
        earlier_variable_borrowing_a_later_one,
    ],
    signatures: [
        impl_iterator_output_bound_types_the_body,
        ref_mut_bindings_in_argument_patterns,
        unused_arguments_without_await,
        tuple_pattern_parameter,
        struct_pattern_parameter,
        struct_pattern_all_fields,
        output_with_impl_trait_inside,
        mut_parameter,
        arguments_dropped_at_completion,
        unpolled_future_drops_arguments,
        partially_polled_future_drops_arguments,
        wildcard_parameter_kept_alive,
        reference_patterns,
        nested_pattern_with_hole,
        call_site_argument_order,
        argument_dropped_early,
        unsafe_async_fn,
        impl_trait_arguments_with_elided_lifetimes,
        generic_fns_with_lifetimes_borrowing_across_awaits,
        pattern_arguments_drop_in_turn,
    ],
    self_borrows: [
        raw_pointer_to_local_by_addr_of,
        reference_to_local_vec,
        mut_reference_borrowed_by_its_own_types_awaited_method,
        iterator_over_local,
        slice_of_local_buffer,
        mutable_borrow_across_await,
        str_slice_of_local_string,
        struct_borrowing_local,
        nested_future_borrowing_local,
        refcell_guard_across_await,
        mutex_guard_across_await,
        large_array_across_await,
        iter_mut_across_await,
    ],
    drops_cancellation: [
        field_parts_moved_by_reads_patterns_and_assignments,
        part_of_a_field_moved_by_a_pattern,
        field_of_local_annotated_with_a_pointer_type,
        copy_part_of_field_read_then_field_moved,
        ref_bound_field_moved_out_after_copy_fields_bound,
        ref_bound_field_assigned_after_await,
        field_assigned_then_moved_out_by_pattern,
        struct_update_base_lives_across_awaits,
        field_moved_out_by_into_method,
        nested_scopes,
        moved_out_local_not_dropped,
        conditionally_moved_local,
        conditionally_moved_in_loop,
        partially_moved_struct,
        struct_with_drop_impl,
        reassignment_drops_old_value,
        value_moved_into_awaited_future,
        nested_coroutine_cancelled,
        suspended_statement_temporaries,
        take_and_replace,
        containers_drop_order,
        explicit_drop_then_rebind,
        deferred_initialization,
        moved_field_assigned_again,
        field_assigned_from_copy_parts_read_out_of_it,
        field_moved_at_last_use,
        moved_in_one_branch_before_await,
        same_field_moved_in_two_arms,
        wildcard_arm_after_failed_guard_keeps_value,
        drop_type_bound_by_copy_fields_stays,
        drop_type_nested_in_moved_struct_stays,
        drop_type_field_matched_with_awaiting_arm_stays,
        failed_guard_quiet_arm_keeps_local,
        unmatched_if_let_keeps_local,
        unmatched_while_let_keeps_local,
        while_let_matches_then_keeps_local,
        unmatched_while_let_some_keeps_local,
        unmatched_awaiting_while_let_keeps_local,
    ],
    panics: [
        panic_inside_own_macro_lent_frame_value,
        failing_assert_condition_temporary_drops_before_message,
        arm_ending_in_panic_statement,
        async_fn_returning_never,
        body_ending_in_panic_statement,
        body_ending_in_diverging_call,
        failing_assert_names_frame_values,
        failing_assert_with_braces_names_frame_values,
        failing_assert_with_generic_arguments,
        failing_assert_inside_vec_names_frame_value,
        panic_after_awaits,
        panic_inside_awaited_poll,
        panic_in_nested_coroutine,
        panic_with_live_temporaries,
        panic_in_argument_of_generic_by_value_method,
        failing_assert_after_await,
        panic_in_loop,
        panic_in_closure,
        panic_in_select_arm,
        panic_in_async_block,
    ],
    send_sync: [
        rc_across_await,
        rc_scoped_before_await,
        rc_dropped_before_await,
        rc_moved_unborrowed_before_await,
        rc_temporary_across_await,
        shadowed_rc_still_alive,
        mutex_guard_across_await,
        mutex_guard_dropped_before_await,
        cell_reference_across_await,
        owned_cell_across_await,
        raw_pointer_across_await,
        plain_send_and_sync,
        rc_inside_awaited_block,
    ],
    large: [
        many_sequential_awaits,
        recursive_boxed,
        recursive_dyn,
        large_arrays_in_disjoint_scopes,
        many_branches,
        nested_loops_many_locals,
        counter_and_flag_beside_a_future,
    ],
    regressions: [
        operand_with_homes_evaluated_before_a_later_ones_homes,
        receiver_moved_into_a_call_with_a_hoisted_argument,
        comparison_with_a_method_on_another_field,
        lent_macros_as_scrutinee_and_break_value_in_vec,
        value_moved_in_a_returning_tail_used_after_its_if,
        returning_tail_keeping_a_temporary_across_its_await,
        lent_macros_in_code_parsed_again,
        statement_beginning_with_a_lent_macro,
        value_lent_to_macro_after_a_use_taken_for_its_last,
        pinned_let_over_an_earlier_statements_part,
        let_else_over_block_extending_its_own_temporary,
        awaiting_guard_in_argument_after_receiver_temporary,
        field_assignment_drops_old_value_before_temporaries,
        else_if_let_scrutinee_temporary_lives_through_block,
        binding_through_a_mut_reference_inside_a_matched_value,
        assignment_coerces_to_a_partly_read_values_type,
        borrowing_literal_before_an_awaiting_argument_coerces,
        value_moved_assigned_in_later_state_then_used_after_await,
        value_moved_after_branch_that_suspends_and_breaks,
        value_moved_in_irrefutable_arm_of_native_match,
        value_lent_to_frame_variable_dropped_before_await,
        value_assigned_again_inside_native_statement_after_move,
        value_assigned_again_at_top_of_loop_body_after_move,
        spilled_receiver_with_question_inside_awaited_operand,
        guessed_by_value_receiver_called_in_a_loop,
        arm_that_suspends_then_returns_in_tail_match,
        field_of_field_read_out_leaves_the_rest,
        move_closure_captures_fields_of_frame_value,
        awaiting_guard_after_arms_completing_exhaustiveness,
        awaiting_guard_on_or_pattern_tries_each_alternative,
        awaiting_guard_scrutinee_evaluated_once,
        let_else_that_fails_leaves_the_value,
        let_pattern_leaving_part_of_awaited_value,
        if_let_and_while_let_keep_unbound_part_through_body,
        if_let_at_last_use_then_slot_reused,
        return_drops_frame_value_before_older_local_no_suspend,
        break_and_question_drop_frame_value_before_older_local,
        break_value_that_returns_from_native_statement,
        let_chain_binding_hides_frame_var,
        let_chain_one_awaited_let,
        awaiting_guard_on_tuple_temporary,
        guarded_arm_keeps_scrutinee_temporary,
        statement_value_drops_before_its_temporaries,
        question_then_binary_operator_statement_no_suspend,
        question_inside_vec_macro,
        awaiting_guard_binding_inside_vec_macro,
        partial_move_in_match_scrutinee_no_suspend,
        awaiting_block_integer_tail_inferred_i32,
        awaiting_guard_shadowed_binding_no_suspend,
        reference_to_temporary_statement,
        partial_move_field_inside_vec_macro,
        labeled_break_value_names_if_let_binding_no_suspend,
        partial_move_same_field_in_two_arms,
        awaiting_guard_split_match_moves_same_part,
        inner_match_scrutinee_lives_through_outer_guard,
        operand_temporary_dropped_before_later_await,
        match_with_awaiting_arms_result_garbage,
        reassigned_local_moved_in_tuple_reads_wrong_value,
        extended_borrow_drops_statement_scrutinee_first_no_suspend,
        extended_borrow_across_await_drops_statement_scrutinee_first,
        temporary_inside_vec_macro_lives_across_await,
        format_argument_temporary_lives_across_await,
        temporary_lives_across_await_in_later_block_operand_no_suspend,
        borrowing_method_named_like_iterator_sum_keeps_receiver,
        last_use_receiver_moved_only_by_std_by_value_methods,
        awaiting_if_condition_temporary_dropped_before_branch_no_suspend,
        std_receiver_moved_before_awaiting_argument,
        move_after_break_out_of_labelled_block_does_not_run,
        move_after_question_mark_may_not_run,
        awaiting_while_and_if_condition_temporaries_dropped_before_body,
        field_moved_out_of_untyped_value_used_again,
        field_moved_out_of_awaited_value_rest_dropped_at_scope_end,
        let_chain_test_sees_binding_shadowing_frame_variable,
        else_if_let_condition_temporary_lives_across_await,
        match_arm_expression_temporary_lives_across_await,
        field_moved_out_of_untyped_value_inside_native_statement,
        question_in_break_value_inside_native_statement,
        borrowed_copy_local_keeps_its_storage,
        operand_held_across_await_in_later_branch_that_returns,
        let_underscore_if_let_scrutinee_temporary_lives_through_then,
        guard_block_let_mut_keeps_its_mut,
        unlabelled_break_value_inside_labelled_break_value,
        statement_beginning_with_field_of_saved_value,
        assignment_in_awaiting_argument_drops_partly_moved_value,
        extended_borrow_of_value_whose_temporary_spans_await,
        scrutinee_taken_whole_not_kept_through_arms,
        shadowing_binding_with_extended_temporary_reads_old_value,
        operand_drops_before_later_scrutinee_of_its_statement,
        assignment_drops_old_value_before_statement_temporaries,
        field_moved_inside_macro_value_used_again,
        awaiting_guard_let_chain_shadows_arm_binding,
        nested_awaiting_conditions_get_distinct_names,
        scrutinee_in_arm_expression_drops_before_arm_binding,
        lazy_operand_and_guard_are_temporary_scopes,
        local_read_only_in_guard_keeps_its_storage,
        break_values_to_two_labels_from_native_statement,
        let_chain_condition_temporaries_drop_before_else,
        panic_drops_frame_value_before_older_poll_local,
        panic_drops_interleaved_poll_locals_and_frame_values,
        let_chain_failed_suspending_test_drops_earlier_bindings,
        local_moved_inside_native_statement_drops_in_order_on_cancel,
        for_iterable_temporaries_live_through_the_loop,
        comparison_reads_left_place_before_right_operand_changes_it,
        parenthesised_receiver_moved_by_value_method,
        value_used_after_await_in_other_branch_only,
        receiver_taken_before_question_mark_in_argument,
        value_read_then_moved_in_one_tuple,
        value_moved_in_if_let_then_used_in_else,
        value_moved_in_one_code_branch_used_in_another,
        value_declared_in_loop_moved_then_new_one_used,
        value_moved_in_arm_read_in_later_guard,
        value_moved_in_branch_that_leaves_used_after_it,
        value_moved_then_assigned_in_later_state,
        tuple_alias_annotation_field_read,
        items_in_nested_block_used_after_await,
        same_use_in_two_blocks_used_after_await,
        sink_adapters_at_last_use,
        stream_adapters_named_since,
        tokio_stream_any_all_at_last_use,
        futures_any_all_at_last_use,
    ],
}

/// The expected native `Send`/`Sync` of the `send_sync` cases (each case's
/// own test already asserts that lowered agrees with native; this pins down
/// that native is what the case means to show). Every `send_sync` case must
/// be listed here.
#[test]
fn send_sync_expectations() {
    let mut checked = Vec::new();
    macro_rules! expect {
        ($($case:ident: $send:literal, $sync:literal;)*) => {$(
            let name = stringify!($case);
            let native = (
                is_send!(native::send_sync::$case::run()),
                is_sync!(native::send_sync::$case::run()),
            );
            let lowered = (
                is_send!(lowered::send_sync::$case::run()),
                is_sync!(lowered::send_sync::$case::run()),
            );
            assert_eq!(native, ($send, $sync), "send_sync::{name}: native (Send, Sync)");
            assert_eq!(lowered, ($send, $sync), "send_sync::{name}: lowered (Send, Sync)");
            checked.push(name);
        )*};
    }
    expect! {
        //                                 Send   Sync
        rc_across_await:                   false, false;
        rc_scoped_before_await:            true,  true;
        rc_dropped_before_await:           false, false;
        rc_moved_unborrowed_before_await:  true,  true;
        rc_temporary_across_await:         false, false;
        shadowed_rc_still_alive:           false, false;
        mutex_guard_across_await:          false, true;
        mutex_guard_dropped_before_await:  true,  true;
        cell_reference_across_await:       false, false;
        owned_cell_across_await:           true,  false;
        raw_pointer_across_await:          false, false;
        plain_send_and_sync:               true,  true;
        rc_inside_awaited_block:           false, false;
    }
    let mut listed: Vec<&str> = CASES
        .iter()
        .filter(|(topic, _)| *topic == "send_sync")
        .map(|(_, case)| *case)
        .collect();
    listed.sort_unstable();
    checked.sort_unstable();
    assert_eq!(listed, checked, "every send_sync case needs an expectation");
}

/// Every `pub mod` at the top level of every file in `cases/` must be in the
/// list above, and every file must be listed: no case is silently skipped.
#[test]
#[cfg_attr(
    miri,
    ignore = "reads the case directory, which Miri's isolation forbids"
)]
fn every_case_is_listed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/differential/cases");
    let mut on_disk = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("read cases/") {
        let path = entry.expect("dir entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let topic = path.file_stem().unwrap().to_str().unwrap().to_string();
        let text = std::fs::read_to_string(&path).expect("read case file");
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("pub mod ") {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                on_disk.push((topic.clone(), name));
            }
        }
    }
    on_disk.sort();
    let mut listed: Vec<(String, String)> = CASES
        .iter()
        .map(|(t, c)| (t.to_string(), c.to_string()))
        .collect();
    listed.sort();
    let missing: Vec<_> = on_disk.iter().filter(|c| !listed.contains(c)).collect();
    let extra: Vec<_> = listed.iter().filter(|c| !on_disk.contains(c)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "cases on disk but not listed in main.rs: {missing:?}; listed but not on disk: {extra:?}"
    );
}

/// `(native, lowered)`: the sizes of a listed case's two futures.
fn sizes_of(case: &str) -> (usize, usize) {
    let (_, native, lowered) = sizes()
        .into_iter()
        .find(|(name, ..)| name == case)
        .expect("a listed case");
    (native, lowered)
}

/// A value smaller than a word held beside a future in one part of the
/// frame shares a word with the state, as in rustc's layout, where each
/// suspension point's values are laid out after its tag (in a struct of
/// their own, such values paid its padding: 88 bytes against rustc's 80).
#[test]
fn small_values_share_a_word_with_the_state() {
    for case in [
        "large::counter_and_flag_beside_a_future",
        "regressions::reassigned_local_moved_in_tuple_reads_wrong_value",
    ] {
        let (native, lowered) = sizes_of(case);
        assert!(
            lowered <= native,
            "{case}: {lowered} bytes, rustc's {native}"
        );
    }
}

/// A reference that nothing uses after an await (the binding of `for d in
/// &v`, `let r = &x;`) is not held across it, as in rustc's layout: a
/// reference has no drop glue, and what is made of it borrows what it
/// points to, not the reference (both 8 bytes larger before).
#[test]
fn references_end_at_their_last_use() {
    for case in [
        "loops::for_vec_by_ref",
        "shadowing::shadow_borrowing_previous",
    ] {
        let (native, lowered) = sizes_of(case);
        assert!(
            lowered <= native,
            "{case}: {lowered} bytes, rustc's {native}"
        );
    }
}

/// A count or a flag (`let n = v.len();`, `v.is_empty()`) not used after
/// an await is not held across it, as in rustc's layout (120 bytes, as
/// rustc's, before; 112 now: rustc keeps the count `m` in its own slot).
#[test]
fn counts_and_flags_end_at_their_last_use() {
    let (native, lowered) = sizes_of("straight_line::counts_and_flags_end_at_their_last_use");
    assert!(lowered < native, "{lowered} bytes, rustc's {native}");
}

/// `cargo test --test differential -- --ignored --nocapture print_sizes`
/// prints the size of every case's future, native and lowered.
#[test]
#[ignore]
fn print_sizes() {
    println!("{:<56} {:>8} {:>8}", "case", "native", "lowered");
    for (name, n, l) in sizes() {
        println!("{name:<56} {n:>8} {l:>8}");
    }
}
