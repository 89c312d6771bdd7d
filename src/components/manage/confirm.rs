//! The one dialog every write goes through: what will happen (how many seats, the names, the cost, that
//! it cannot be undone from here), the typed confirmation above 20 seats, the dry run, then the run with
//! its progress and Stop, then the report.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use copilot_api::format::{count, plural};
use copilot_api::plan::write::{JobProgress, CANNOT_BE_UNDONE};
use copilot_api::plan::{
    confirmation_matches, needs_typed_confirmation, JobPace, TeamGrantedChoice, WriteBudget, WriteOutcome, WritePlan,
};
use copilot_api::ApiError;
use leptos::prelude::*;

use super::report::RunReport;
use super::{cost_wording, use_write_desk, Proposal, WriteDesk};
use crate::session::{use_session, Connection};
use crate::writing::run_writes;

const HEADING_ID: &str = "confirm-write-heading";

/// Where the dialog is.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Confirm,
    /// The requests that would be sent, as text (or why they could not be built).
    DryRun(Result<Vec<String>, String>),
    Running,
    Done(WriteOutcome),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Confirm,
    DryRun,
    Running,
    Done,
}

impl Phase {
    fn stage(&self) -> Stage {
        match self {
            Self::Confirm => Stage::Confirm,
            Self::DryRun(_) => Stage::DryRun,
            Self::Running => Stage::Running,
            Self::Done(_) => Stage::Done,
        }
    }
}

#[component]
pub fn ConfirmWrite(connection: Connection) -> impl IntoView {
    let Some(desk) = use_write_desk() else { return ().into_any() };
    let session = use_session();
    let dialog_ref = NodeRef::<leptos::html::Dialog>::new();
    let phase = RwSignal::new(Phase::Confirm);
    let stage = Memo::new(move |_| phase.with(Phase::stage));
    let dry_run = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let choice = RwSignal::new(TeamGrantedChoice::Skip);
    let progress = RwSignal::new(JobProgress::default());
    // Stop for this run; `abandoned` when the workspace goes away mid-run (no batch starts after that).
    let stop_requested = RwSignal::new(false);
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
            phase.set(Phase::Confirm);
            dry_run.set(false);
            typed.set(String::new());
            choice.set(TeamGrantedChoice::Skip);
            stop_requested.set(false);
            // Only fails when the element is not in the document; the dialog then simply does not show.
            let _ = dialog.show_modal();
        } else if !open && dialog.open() {
            dialog.close();
        }
    });
    let close = move || {
        if stage.get_untracked() != Stage::Running {
            desk.proposal.set(None);
        }
    };

    let confirm_connection = connection.clone();
    let confirm = move || {
        let Some(proposal) = desk.proposal.get_untracked() else { return };
        let plans = proposal.plans(choice.get_untracked());
        if plans.is_empty() {
            return;
        }
        let client = confirm_connection.client.clone();
        if dry_run.get_untracked() {
            let listing = plans
                .iter()
                .map(|plan| plan.dry_run_requests(&client.base, client.options))
                .collect::<Result<Vec<_>, ApiError>>()
                .map(|lists| lists.iter().flatten().map(|request| request.describe()).collect())
                .map_err(|error| error.to_string());
            phase.set(Phase::DryRun(listing));
            return;
        }
        stop_requested.set(false);
        progress.set(JobProgress::default());
        phase.set(Phase::Running);
        let scope = confirm_connection.scope.clone();
        let abandoned = abandoned.clone();
        leptos::task::spawn_local(async move {
            let should_stop =
                move || abandoned.load(Ordering::Relaxed) || stop_requested.try_get_untracked().unwrap_or(true);
            let outcome = run_writes(client, scope, plans, should_stop, move |p| progress.set(p)).await;
            desk.record(outcome.activity.clone());
            phase.set(Phase::Done(outcome));
            // Every view re-reads: the billing summary, the grid (all seats, when all were loaded).
            session.refresh.update(|n| *n += 1);
        });
    };
    let confirm = StoredValue::new(confirm);

    view! {
        <dialog node_ref=dialog_ref class="confirm-write" aria-labelledby=HEADING_ID aria-modal="true"
            on:cancel=move |ev: leptos::ev::Event| {
                // Escape closes the dialog, except while a run is going: Stop is the way out then.
                if stage.get_untracked() == Stage::Running {
                    ev.prevent_default();
                }
            }
            on:close=move |_| {
                if stage.get_untracked() == Stage::Running {
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
                Some(match stage.get() {
                    Stage::Confirm => view! {
                        <ConfirmStep proposal desk choice typed dry_run budget=connection.client.write_budget()
                            on_confirm=move || confirm.with_value(|confirm| confirm())
                            on_cancel=close />
                    }.into_any(),
                    Stage::DryRun => {
                        let listing = phase.with_untracked(|phase| match phase {
                            Phase::DryRun(listing) => listing.clone(),
                            _ => Ok(Vec::new()),
                        });
                        view! {
                            <DryRunStep listing on_back=move || phase.set(Phase::Confirm) on_close=close />
                        }.into_any()
                    }
                    Stage::Running => view! {
                        <RunningStep progress stop_requested />
                    }.into_any(),
                    Stage::Done => {
                        let outcome = phase.with_untracked(|phase| match phase {
                            Phase::Done(outcome) => Some(outcome.clone()),
                            _ => None,
                        });
                        view! {
                            <h2 id=HEADING_ID>"Result: " {title_of(&proposal)}</h2>
                            {outcome.map(|outcome| view! { <RunReport outcome /> })}
                            <div class="dialog-actions">
                                <button type="button" on:click=move |_| close()>"Close"</button>
                            </div>
                        }.into_any()
                    }
                })
            }}
        </dialog>
    }
    .into_any()
}

fn title_of(proposal: &Proposal) -> String {
    match proposal {
        Proposal::Names { kind, org, .. } => format!("{} in {org}", kind.title()),
        Proposal::Selection { org, .. } => format!("Revoke the selected seats in {org}"),
    }
}

/// What will happen, and the confirmation.
#[component]
fn ConfirmStep(
    proposal: Proposal,
    desk: WriteDesk,
    choice: RwSignal<TeamGrantedChoice>,
    typed: RwSignal<String>,
    dry_run: RwSignal<bool>,
    /// The connection's budget of content-creating requests, as earlier jobs left it.
    budget: WriteBudget,
    on_confirm: impl Fn() + Send + Sync + 'static,
    on_cancel: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let org = proposal.org().to_owned();
    let title = title_of(&proposal);
    let price = desk.seat_price_cents();
    let plans_proposal = proposal.clone();
    let plans: Memo<Vec<WritePlan>> = Memo::new(move |_| plans_proposal.plans(choice.get()));
    let count_proposal = proposal.clone();
    let seat_count = Memo::new(move |_| count_proposal.seat_count(choice.get()));
    let team_seats = match &proposal {
        Proposal::Selection { selection, .. } => Some(selection.team_granted_count()),
        Proposal::Names { .. } => None,
    };
    let typed_needed = Memo::new(move |_| needs_typed_confirmation(seat_count.get()));
    let pace = Memo::new(move |_| plans.with(|plans| JobPace::of(plans, &budget, crate::clock::now_ms()).notice()));
    let confirm_org = org.clone();
    let ready = Memo::new(move |_| {
        !plans.with(Vec::is_empty)
            && (dry_run.get() || !typed_needed.get() || typed.with(|typed| confirmation_matches(typed, &confirm_org)))
    });
    let button_text = move || {
        if dry_run.get() {
            return "Show the requests (send nothing)".to_owned();
        }
        let plans = plans.get();
        let assign = plans.first().is_some_and(|plan| plan.kind().is_assign());
        let verb = if assign { "Assign" } else { "Revoke" };
        let users: usize = plans.iter().filter(|p| !p.kind().names_teams()).map(WritePlan::name_count).sum();
        let teams: usize = plans.iter().filter(|p| p.kind().names_teams()).map(WritePlan::name_count).sum();
        match (users, teams) {
            (users, 0) => format!("{verb} {}", plural(users, "seat", "seats")),
            (0, teams) => format!("{verb} the seats of {}", plural(teams, "team", "teams")),
            (users, teams) => {
                format!("{verb} {} and the seats of {}", plural(users, "seat", "seats"), plural(teams, "team", "teams"))
            }
        }
    };

    view! {
        <h2 id=HEADING_ID>{title}</h2>
        {match &proposal {
            Proposal::Selection { selected, selection, .. } => {
                let team_count = selection.team_granted_count();
                let teams: Vec<String> = selection.team_granted.iter()
                    .map(|(slug, logins)| format!("{slug} ({})", count(logins.len()))).collect();
                let enterprise: usize = selection.enterprise_team_granted.values().map(Vec::len).sum();
                let pending = selection.already_pending.len();
                let no_assignee = selection.no_assignee;
                let direct = selection.direct.len();
                view! {
                    <div class="selection-breakdown">
                        <p data-testid="selection-summary">
                            {format!("{} selected: {} can be revoked by name.", plural(*selected, "seat", "seats"), count(direct))}
                        </p>
                        {(team_count > 0).then(|| view! {
                            <fieldset class="team-choice">
                                <legend data-testid="team-granted">
                                    {format!(
                                        "{} of the selection {} granted through a team ({}). GitHub refuses to revoke those user by user (422).",
                                        count(team_count), if team_count == 1 { "is" } else { "are" }, teams.join(", "),
                                    )}
                                </legend>
                                <label>
                                    <input type="radio" name="team-granted" prop:checked=move || choice.get() == TeamGrantedChoice::Skip
                                        on:change=move |_| choice.set(TeamGrantedChoice::Skip) />
                                    "Skip them"
                                </label>
                                <label>
                                    <input type="radio" name="team-granted" prop:checked=move || choice.get() == TeamGrantedChoice::RevokeTeams
                                        on:change=move |_| choice.set(TeamGrantedChoice::RevokeTeams) />
                                    "Revoke the teams instead: every seat granted through them goes, selected or not"
                                </label>
                            </fieldset>
                        })}
                        {(pending > 0).then(|| view! {
                            <p data-testid="already-pending">{format!("{} already pending cancellation: skipped.", plural(pending, "seat is", "seats are"))}</p>
                        })}
                        {(enterprise > 0).then(|| view! {
                            <p>{format!("{} granted through an enterprise team: managed by the enterprise, skipped.", plural(enterprise, "seat is", "seats are"))}</p>
                        })}
                        {(no_assignee > 0).then(|| view! {
                            <p>{format!("{} of deleted accounts: no name to revoke by, skipped.", plural(no_assignee, "seat", "seats"))}</p>
                        })}
                    </div>
                }.into_any()
            }
            Proposal::Names { names, .. } => {
                let rejected = names.rejected.clone();
                let duplicates = names.duplicates.clone();
                view! {
                    {(!duplicates.is_empty()).then(|| view! {
                        <p class="hint">{format!("Merged duplicates: {}", duplicates.join(", "))}</p>
                    })}
                    {(!rejected.is_empty()).then(|| view! {
                        <div class="rejected">
                            <p>{format!("Left out, never sent ({}):", count(rejected.len()))}</p>
                            <ul>{rejected.into_iter().map(|r| view! { <li><code>{r.entry}</code> ": " {r.reason}</li> }).collect_view()}</ul>
                        </div>
                    })}
                }.into_any()
            }
        }}
        {move || plans.get().into_iter().map(|plan| {
            let names: Vec<String> = plan.names().map(str::to_owned).collect();
            let known = if plan.kind().names_teams() { team_seats } else { None };
            let noun = if plan.kind().names_teams() { ("team", "teams") } else { ("user", "users") };
            view! {
                <section class="plan" aria-label=plan.kind().title()>
                    <h3>{format!("{}: {}", plan.kind().title(), plural(plan.name_count(), noun.0, noun.1))}</h3>
                    <p class="hint">{plan.pacing_hint()}</p>
                    <ul class="name-list" tabindex="0" aria-label=format!("Names: {}", plan.kind().title())>
                        {names.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}
                    </ul>
                    <p class="cost" data-testid="cost-effect">{cost_wording(&plan, known, price)}</p>
                </section>
            }
        }).collect_view()}
        {move || pace.get().map(|notice| view! { <p class="notice" data-testid="job-pace">{notice}</p> })}
        <Show when=move || plans.with(Vec::is_empty)>
            <p class="notice" data-testid="nothing-to-do">"Nothing in this selection can be revoked by name."</p>
        </Show>
        <p class="undo"><strong>{CANNOT_BE_UNDONE}</strong></p>
        <Show when=move || typed_needed.get()>
            <label class="typed-confirmation">
                {format!("This changes more than 20 seats. Type the organization's name, {org}, to confirm")}
                <input type="text" spellcheck="false" autocomplete="off" prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev)) />
            </label>
        </Show>
        <label class="switch">
            <input type="checkbox" role="switch" prop:checked=move || dry_run.get()
                on:change=move |ev| dry_run.set(event_target_checked(&ev)) />
            "Dry run: show exactly the requests that would be sent, without sending them"
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
        <h2 id=HEADING_ID>"Dry run: nothing was sent"</h2>
        {match listing {
            Ok(requests) => view! {
                <p data-testid="dry-run-count">{format!(
                    "{} would be sent, one at a time, at least a second apart. The token is added only when sending, so it is not shown.",
                    plural(requests.len(), "request", "requests"),
                )}</p>
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
fn RunningStep(progress: RwSignal<JobProgress>, stop_requested: RwSignal<bool>) -> impl IntoView {
    let text = move || progress.get().writes.status(crate::clock::now_ms());
    view! {
        <h2 id=HEADING_ID>"Writing…"</h2>
        <div class="progress">
            <progress aria-label="Batches written" max=move || progress.get().writes.batches_total.max(1)
                value=move || progress.get().writes.batches_done></progress>
            <span role="status" data-testid="write-progress">{text}</span>
        </div>
        <Show when=move || progress.get().verifying>
            <p role="status" data-testid="verifying">"Reading the seats again to confirm the outcome…"</p>
        </Show>
        <div class="dialog-actions">
            <button type="button" class="secondary" disabled=move || stop_requested.get() || progress.get().verifying
                on:click=move |_| stop_requested.set(true)>
                {move || if stop_requested.get() { "Stopping after this batch…" } else { "Stop" }}
            </button>
        </div>
    }
}
