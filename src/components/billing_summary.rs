use copilot_api::insight::billing::{breakdown_lines, policy_lines, BillingLine};
use copilot_api::OrganizationBilling;
use leptos::prelude::*;

/// The organization's Copilot billing summary: seat breakdown, seat management, policies, plan.
/// Works with the older shape of the answer too: what GitHub did not send shows as "not reported".
#[component]
pub fn BillingSummary(org: String, billing: OrganizationBilling) -> impl IntoView {
    let setting = billing.seat_management_setting;
    let lines = |lines: Vec<BillingLine>| {
        lines
            .into_iter()
            .map(|line| view! { <div><dt>{line.label}</dt><dd data-testid=line.key>{line.value}</dd></div> })
            .collect_view()
    };
    view! {
        <section class="card billing-summary" aria-labelledby="billing-heading">
            <h2 id="billing-heading">"Copilot billing for " {org}</h2>
            <dl class="breakdown">{lines(breakdown_lines(&billing))}</dl>
            <h3>"Seat management"</h3>
            <p>
                <code data-testid="seat-management-setting">{setting.as_str()}</code>
                ": "
                {setting.meaning()}
            </p>
            <h3>"Policies and plan"</h3>
            <dl class="policies">{lines(policy_lines(&billing))}</dl>
        </section>
    }
}
