//! The write flows: the four forms, the one confirmation dialog every write goes through (from the forms
//! and from the grid's selection), the run and its report, and the activity log. What is decided
//! (batches, selection rules, thresholds, cost, outcomes) is the core's `copilot_api::plan::write`; the
//! run is driven by `crate::writing`.

pub mod activity;
pub mod confirm;
pub mod forms;
pub mod report;

use copilot_api::format::dollars;
use copilot_api::insight::{effective_plan, SeatPrices};
use copilot_api::plan::write::cost_effect;
use copilot_api::plan::{ActivityEntry, RevokeSelection, TeamGrantedChoice, WriteKind, WritePlan};
use copilot_api::{ApiError, NameList, OrganizationBilling, SeatManagementSetting};
use leptos::prelude::*;

use self::activity::TabActivity;

/// What is known of the organization's billing settings, which decide whether GitHub accepts writes.
#[derive(Debug, Clone, PartialEq)]
pub enum BillingKnowledge {
    Reading,
    Read(OrganizationBilling),
    /// The summary could not be read (Copilot not enabled, a payment problem, no permission…).
    Unreadable(ApiError),
}

/// A write a person asked for, before they confirm it.
#[derive(Debug, Clone, PartialEq)]
pub enum Proposal {
    /// From one of the four forms: the names as the core cleaned them.
    Names { kind: WriteKind, org: String, names: NameList },
    /// From the grid: the selected seats, sorted by how they can be revoked.
    Selection { org: String, selected: usize, selection: RevokeSelection },
}

impl Proposal {
    pub fn org(&self) -> &str {
        match self {
            Self::Names { org, .. } | Self::Selection { org, .. } => org,
        }
    }

    /// The writes to run, given the person's choice about team-granted seats (grid selections only).
    pub fn plans(&self, choice: TeamGrantedChoice) -> Vec<WritePlan> {
        match self {
            Self::Names { kind, org, names } => {
                if names.valid.is_empty() {
                    Vec::new()
                } else {
                    vec![WritePlan::new(*kind, org, names.valid.iter().cloned())]
                }
            }
            Self::Selection { org, selection, .. } => selection.plans(org, choice),
        }
    }

    /// How many seats the write touches, as far as is known here: a user is one seat; a team revoked from
    /// the grid counts its selected members; a team typed in a form counts one (its size is not known).
    pub fn seat_count(&self, choice: TeamGrantedChoice) -> usize {
        match self {
            Self::Names { names, .. } => names.valid.len(),
            Self::Selection { selection, .. } => {
                selection.direct.len()
                    + if choice == TeamGrantedChoice::RevokeTeams { selection.team_granted_count() } else { 0 }
            }
        }
    }
}

/// What the monthly bill does, in words, for one plan. Users: the core's wording for that many seats.
/// Teams: each member is a seat, and how many members the teams have is not known here.
pub fn cost_wording(plan: &WritePlan, known_seats: Option<usize>, price_cents: u32) -> String {
    if !plan.kind().names_teams() {
        return cost_effect(plan.kind(), plan.name_count(), price_cents).wording;
    }
    if let Some(seats) = known_seats {
        return format!(
            "{} At least these seats go; members of the teams who were not selected lose theirs too.",
            cost_effect(plan.kind(), seats, price_cents).wording
        );
    }
    let price = dollars(u64::from(price_cents));
    if plan.kind().is_assign() {
        format!("Every member of these teams gets a seat at {price} a month each, billed from now.")
    } else {
        format!(
            "Every seat granted only through these teams is revoked, lowering the bill by {price} a month each. Access and billing end at the end of the current billing cycle, not now."
        )
    }
}

/// The write flows' shared state, provided by the workspace of an organization.
#[derive(Clone, Copy)]
pub struct WriteDesk {
    /// The write awaiting confirmation, running or reported: the dialog is open while this is set.
    pub proposal: RwSignal<Option<Proposal>>,
    pub billing: RwSignal<BillingKnowledge>,
    /// The tab's activity log, which outlives the desk: a reconnect rebuilds the workspace, not the app.
    pub log: TabActivity,
}

impl WriteDesk {
    pub fn provide() -> Self {
        let desk = Self {
            proposal: RwSignal::new(None),
            billing: RwSignal::new(BillingKnowledge::Reading),
            log: TabActivity::use_or_provide(),
        };
        provide_context(desk);
        desk
    }

    /// Adds lines to the log of this tab.
    pub fn record(&self, entries: Vec<ActivityEntry>) {
        self.log.record(entries);
    }

    /// The seat-management setting, when it makes GitHub refuse every write (tracked).
    pub fn refusing_setting(&self) -> Option<SeatManagementSetting> {
        self.billing.with(|billing| match billing {
            BillingKnowledge::Read(billing) if !billing.seat_management_setting.allows_assignment_through_api() => {
                Some(billing.seat_management_setting)
            }
            _ => None,
        })
    }

    /// The monthly price of one seat on the organization's plan (list prices).
    pub fn seat_price_cents(&self) -> u32 {
        let plan = self.billing.with(|billing| match billing {
            BillingKnowledge::Read(billing) => billing.plan_type,
            _ => None,
        });
        SeatPrices::default().monthly_cents(effective_plan(None, plan))
    }
}

/// The desk, where the workspace provided one (organizations only).
pub fn use_write_desk() -> Option<WriteDesk> {
    use_context::<WriteDesk>()
}

/// Why GitHub will refuse writes under this setting, and what to do: shown instead of failing after a click.
#[component]
pub fn SettingRefusal(setting: SeatManagementSetting) -> impl IntoView {
    view! {
        <div class="notice refusal" role="note" data-testid="write-refusal">
            <strong>"GitHub will refuse to assign or revoke seats here. "</strong>
            "The organization's seat management setting is "
            <code>{setting.as_str()}</code>
            ", and GitHub accepts these changes only when it is "
            <code>"assign_selected"</code>
            " (\"selected members\"). "
            {setting.meaning()}
        </div>
    }
}
