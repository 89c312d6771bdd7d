//! The one dialog every write goes through: what will happen (how many seats, the names, the cost, that
//! it cannot be undone from here), the typed confirmation above 20 seats, the dry run, then the run with
//! its progress and Stop, then the report.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use copilot_api::plan::write::{
    confirm_button, dry_run_count, left_out_heading, merged_duplicates, pacing_hint, plan_heading, result_heading,
    stop_button, typed_confirmation_prompt, ConfirmDialog, DialogStep, Proposal, DRY_RUN_HEADING, DRY_RUN_SWITCH,
    NOTHING_TO_DO, READING_TO_SETTLE, REVOKE_TEAMS_INSTEAD, SKIP_TEAM_GRANTED, WRITING,
};
use copilot_api::plan::{needs_typed_confirmation, JobPace, TeamGrantedChoice, WriteBudget, WritePlan};
use copilot_api::ApiError;
use leptos::prelude::*;

use super::billing_effect::BillingEffectView;
use super::report::RunReport;
use super::{use_write_desk, WriteDesk};
use crate::session::{use_session, Connection};
use crate::writing::run_writes;

const HEADING_ID: &str = "confirm-write-heading";

#[component]
pub fn ConfirmWrite(connection: Connection) -> impl IntoView {
    let Some(desk) = use_write_desk() else { return ().into_any() };
    let session = use_session();
    let dialog_ref = NodeRef::<leptos::html::Dialog>::new();
    // The dialog's whole state, one value: opening it on a new proposal resets it to its default.
    let state = RwSignal::new(ConfirmDialog::default());
    // The step shown, with its data: the view is rebuilt only when the step changes.
    let step = Memo::new(move |_| state.with(|state| state.step.clone()));
    let running = move || state.with_untracked(ConfirmDialog::is_running);
    // `abandoned` when the workspace goes away mid-run (no batch starts after that).
    let abandoned = Arc::new(AtomicBool::new(false));
    on_cleanup({
        let abandoned = abandoned.clone();
        move || abandoned.store(true, Ordering::Relaxed)
    });

    // The modal follows the proposal: opened fresh on a new one, closed when it is cleared.
    Effect::new(move |_| {
        let open = desk.proposal.with(Option::is_some);
        let Some(dialog) = dialog_ref.get() else { return };
        if open && !dialog.open() {
            state.set(ConfirmDialog::default());
            // Only fails when the element is not in the document; the dialog then simply does not show.
            let _ = dialog.show_modal();
        } else if !open && dialog.open() {
            dialog.close();
        }
    });
    let close = move || {
        if !running() {
            desk.proposal.set(None);
        }
    };

    let confirm_connection = connection.clone();
    let confirm = move || {
        let Some(proposal) = desk.proposal.get_untracked() else { return };
        let (choice, dry_run) = state.with_untracked(|state| (state.choice, state.dry_run));
        let plans = proposal.plans(choice);
        if plans.is_empty() {
            return;
        }
        let client = confirm_connection.client.clone();
        if dry_run {
            let listing = plans
                .iter()
                .map(|plan| plan.dry_run_requests(&client.base, client.options))
                .collect::<Result<Vec<_>, ApiError>>()
                .map(|lists| lists.iter().flatten().map(|request| request.describe()).collect())
                .map_err(|error| error.to_string());
            state.update(|state| state.step = DialogStep::DryRun(listing));
            return;
        }
        state.update(ConfirmDialog::start_running);
        let scope = confirm_connection.scope.clone();
        let abandoned = abandoned.clone();
        leptos::task::spawn_local(async move {
            let should_stop = move || {
                abandoned.load(Ordering::Relaxed)
                    || state.try_with_untracked(|state| state.stop_requested).unwrap_or(true)
            };
            let on_progress = move |progress| state.update(|state| state.progress = progress);
            let outcome = run_writes(client, scope, plans, should_stop, on_progress).await;
            desk.record(outcome.activity.clone());
            state.update(|state| state.step = DialogStep::Done(outcome));
            // Every view re-reads: the billing summary, the grid (all seats, when all were loaded).
            session.refresh.update(|n| *n += 1);
        });
    };
    let confirm = StoredValue::new(confirm);

    view! {
        <dialog node_ref=dialog_ref class="confirm-write" aria-labelledby=HEADING_ID aria-modal="true"
            on:cancel=move |ev: leptos::ev::Event| {
                // Escape closes the dialog, except while a run is going: Stop is the way out then.
                if running() {
                    ev.prevent_default();
                }
            }
            on:close=move |_| {
                if running() {
                    // Chrome lets a second Escape close a dialog whatever `cancel` said: the run and its
                    // report stay on screen.
                    if let Some(dialog) = dialog_ref.get_untracked() {
                        let _ = dialog.show_modal();
                    }
                } else {
                    close();
                }
            }>
            {move || {
                let proposal = desk.proposal.get()?;
                Some(match step.get() {
                    DialogStep::Confirm => view! {
                        <ConfirmStep proposal desk state budget=connection.client.write_budget()
                            on_confirm=move || confirm.with_value(|confirm| confirm())
                            on_cancel=close />
                    }.into_any(),
                    DialogStep::DryRun(listing) => view! {
                        <DryRunStep listing on_back=move || state.update(|state| state.step = DialogStep::Confirm)
                            on_close=close />
                    }.into_any(),
                    DialogStep::Running => view! { <RunningStep state /> }.into_any(),
                    DialogStep::Done(outcome) => view! {
                        <h2 id=HEADING_ID>{result_heading(&proposal.title())}</h2>
                        <RunReport outcome />
                        <div class="dialog-actions">
                            <button type="button" on:click=move |_| close()>"Close"</button>
                        </div>
                    }.into_any(),
                })
            }}
        </dialog>
    }
    .into_any()
}

/// What will happen, and the confirmation.
#[component]
fn ConfirmStep(
    proposal: Proposal,
    desk: WriteDesk,
    state: RwSignal<ConfirmDialog>,
    /// The connection's budget of content-creating requests, as earlier jobs left it.
    budget: WriteBudget,
    on_confirm: impl Fn() + Send + Sync + 'static,
    on_cancel: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let org = proposal.org().to_owned();
    let title = proposal.title();
    let price = desk.seat_price_cents();
    let choice = Memo::new(move |_| state.with(|state| state.choice));
    let dry_run = Memo::new(move |_| state.with(|state| state.dry_run));
    let plans_proposal = proposal.clone();
    let plans: Memo<Vec<WritePlan>> = Memo::new(move |_| plans_proposal.plans(choice.get()));
    let count_proposal = proposal.clone();
    let seat_count = Memo::new(move |_| count_proposal.seat_count(choice.get()));
    let typed_needed = Memo::new(move |_| needs_typed_confirmation(seat_count.get()));
    let pace = Memo::new(move |_| plans.with(|plans| JobPace::of(plans, &budget, crate::clock::now_ms()).notice()));
    let confirm_org = org.clone();
    let ready = Memo::new(move |_| {
        let typed_needed = typed_needed.get();
        plans.with(|plans| state.with(|state| state.may_confirm(plans, typed_needed, &confirm_org)))
    });
    let button_text = move || plans.with(|plans| confirm_button(plans, dry_run.get()));
    let cost_proposal = proposal.clone();

    view! {
        <h2 id=HEADING_ID>{title}</h2>
        {match &proposal {
            Proposal::Selection { selected, selection, .. } => {
                let skipped = selection.skipped_notices();
                view! {
                    <div class="selection-breakdown">
                        <p data-testid="selection-summary">{selection.summary(*selected)}</p>
                        {selection.team_granted_notice().map(|notice| view! {
                            <fieldset class="team-choice">
                                <legend data-testid="team-granted">{notice}</legend>
                                <label>
                                    <input type="radio" name="team-granted" prop:checked=move || choice.get() == TeamGrantedChoice::Skip
                                        on:change=move |_| state.update(|state| state.choice = TeamGrantedChoice::Skip) />
                                    {SKIP_TEAM_GRANTED}
                                </label>
                                <label>
                                    <input type="radio" name="team-granted" prop:checked=move || choice.get() == TeamGrantedChoice::RevokeTeams
                                        on:change=move |_| state.update(|state| state.choice = TeamGrantedChoice::RevokeTeams) />
                                    {REVOKE_TEAMS_INSTEAD}
                                </label>
                            </fieldset>
                        })}
                        {skipped.already_pending.map(|text| view! { <p data-testid="already-pending">{text}</p> })}
                        {skipped.enterprise_team.map(|text| view! { <p>{text}</p> })}
                        {skipped.exempt.map(|text| view! { <p data-testid="exempt-skipped">{text}</p> })}
                        {skipped.protected_team.map(|text| view! { <p data-testid="protected-team">{text}</p> })}
                        {skipped.no_assignee.map(|text| view! { <p>{text}</p> })}
                        <BillingEffectView selection=selection.clone() choice />
                    </div>
                }.into_any()
            }
            Proposal::Restore(restoration) => {
                restoration.not_restorable().map(|text| view! { <p data-testid="not-restorable">{text}</p> }).into_any()
            }
            Proposal::Names { names, .. } => {
                let rejected = names.rejected.clone();
                let duplicates = names.duplicates.clone();
                view! {
                    {(!duplicates.is_empty()).then(|| view! {
                        <p class="hint">{merged_duplicates(&duplicates)}</p>
                    })}
                    {(!rejected.is_empty()).then(|| view! {
                        <div class="rejected">
                            <p>{left_out_heading(rejected.len())}</p>
                            <ul>{rejected.into_iter().map(|r| view! { <li><code>{r.entry}</code> ": " {r.reason}</li> }).collect_view()}</ul>
                        </div>
                    })}
                }.into_any()
            }
        }}
        {move || plans.get().into_iter().map(|plan| {
            let names: Vec<String> = plan.names().map(str::to_owned).collect();
            let cost = cost_proposal.cost_wording(&plan, price);
            view! {
                <section class="plan" aria-label=plan.kind().title()>
                    <h3>{plan_heading(&plan)}</h3>
                    <p class="hint">{pacing_hint(&plan)}</p>
                    <ul class="name-list" tabindex="0" aria-label=format!("Names: {}", plan.kind().title())>
                        {names.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}
                    </ul>
                    <p class="cost" data-testid="cost-effect">{cost}</p>
                </section>
            }
        }).collect_view()}
        {move || pace.get().map(|notice| view! { <p class="notice" data-testid="job-pace">{notice}</p> })}
        <Show when=move || plans.with(Vec::is_empty)>
            <p class="notice" data-testid="nothing-to-do">{NOTHING_TO_DO}</p>
        </Show>
        <p class="undo"><strong>{proposal.undo_note()}</strong></p>
        <Show when=move || typed_needed.get()>
            <label class="typed-confirmation">
                {typed_confirmation_prompt(&org)}
                <input type="text" spellcheck="false" autocomplete="off" prop:value=move || state.with(|state| state.typed.clone())
                    on:input=move |ev| state.update(|state| state.typed = event_target_value(&ev)) />
            </label>
        </Show>
        <label class="switch">
            <input type="checkbox" role="switch" prop:checked=move || dry_run.get()
                on:change=move |ev| state.update(|state| state.dry_run = event_target_checked(&ev)) />
            {DRY_RUN_SWITCH}
        </label>
        <div class="dialog-actions">
            <button type="button" class="secondary" on:click=move |_| on_cancel()>"Cancel"</button>
            <button type="button" class=move || if dry_run.get() { "" } else { "danger" }
                disabled=move || !ready.get() on:click=move |_| on_confirm()>{button_text}</button>
        </div>
    }
}

/// The requests a run would send, exactly, and nothing sent.
#[component]
fn DryRunStep(
    listing: Result<Vec<String>, String>,
    on_back: impl Fn() + Send + Sync + 'static,
    on_close: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <h2 id=HEADING_ID>{DRY_RUN_HEADING}</h2>
        {match listing {
            Ok(requests) => view! {
                <p data-testid="dry-run-count">{dry_run_count(requests.len())}</p>
                <ol class="dry-run" aria-label="Requests that would be sent">
                    {requests.into_iter().map(|request| view! { <li><pre>{request}</pre></li> }).collect_view()}
                </ol>
            }.into_any(),
            Err(problem) => view! { <div class="error" role="alert">{problem}</div> }.into_any(),
        }}
        <div class="dialog-actions">
            <button type="button" class="secondary" on:click=move |_| on_back()>"Back"</button>
            <button type="button" on:click=move |_| on_close()>"Close"</button>
        </div>
    }
}

/// Batches and names written so far, any wait, and Stop.
#[component]
fn RunningStep(state: RwSignal<ConfirmDialog>) -> impl IntoView {
    // Read at every step (not through a memo): the status line's countdown is worked out at each one.
    let progress = move || state.with(|state| state.progress);
    let stop_requested = move || state.with(|state| state.stop_requested);
    let text = move || progress().writes.status(crate::clock::now_ms());
    view! {
        <h2 id=HEADING_ID>{WRITING}</h2>
        <div class="progress">
            <progress aria-label="Batches written" max=move || progress().writes.batches_total.max(1)
                value=move || progress().writes.batches_done></progress>
            <span role="status" data-testid="write-progress">{text}</span>
        </div>
        <Show when=move || progress().verifying>
            <p role="status" data-testid="verifying">{READING_TO_SETTLE}</p>
        </Show>
        <div class="dialog-actions">
            <button type="button" class="secondary" disabled=move || stop_requested() || progress().verifying
                on:click=move |_| state.update(|state| state.stop_requested = true)>
                {move || stop_button(stop_requested())}
            </button>
        </div>
    }
}
