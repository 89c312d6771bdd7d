use copilot_api::{FeaturePolicy, OrganizationBilling};
use leptos::prelude::*;

/// The organization's Copilot billing summary: seat breakdown, seat management, policies, plan.
/// Works with the older shape of the answer too: what GitHub did not send shows as "not reported".
#[component]
pub fn BillingSummary(org: String, billing: OrganizationBilling) -> impl IntoView {
    let breakdown = billing.seat_breakdown.clone();
    let count = |value: Option<u64>| value.map_or_else(|| "not reported".to_owned(), copilot_api::format::count);
    let policy = |value: Option<FeaturePolicy>| value.map_or("not reported", FeaturePolicy::as_str);
    let setting = billing.seat_management_setting;
    view! {
        <section class="card billing-summary" aria-labelledby="billing-heading">
            <h2 id="billing-heading">"Copilot billing for " {org}</h2>
            <dl class="breakdown">
                <div><dt>"Total seats"</dt><dd data-testid="seats-total">{count(breakdown.total)}</dd></div>
                <div><dt>"Added this cycle"</dt><dd>{count(breakdown.added_this_cycle)}</dd></div>
                <div><dt>"Pending invitation"</dt><dd>{count(breakdown.pending_invitation)}</dd></div>
                <div><dt>"Pending cancellation"</dt><dd>{count(breakdown.pending_cancellation)}</dd></div>
                <div><dt>"Active this cycle"</dt><dd>{count(breakdown.active_this_cycle)}</dd></div>
                <div><dt>"Inactive this cycle"</dt><dd>{count(breakdown.inactive_this_cycle)}</dd></div>
            </dl>
            <h3>"Seat management"</h3>
            <p>
                <code data-testid="seat-management-setting">{setting.as_str()}</code>
                ": "
                {setting.meaning()}
            </p>
            <h3>"Policies and plan"</h3>
            <dl class="policies">
                <div>
                    <dt>"Public code suggestions"</dt>
                    <dd>{billing.public_code_suggestions.as_str()} " (" {billing.public_code_suggestions.meaning()} ")"</dd>
                </div>
                <div><dt>"IDE chat"</dt><dd>{policy(billing.ide_chat)}</dd></div>
                <div><dt>"Platform chat"</dt><dd>{policy(billing.platform_chat)}</dd></div>
                <div><dt>"CLI"</dt><dd>{policy(billing.cli)}</dd></div>
                <div>
                    <dt>"Plan"</dt>
                    <dd>{billing.plan_type.map_or("not reported", |plan| plan.as_str())}</dd>
                </div>
            </dl>
        </section>
    }
}
