//! The eight operations: each route authorized, then read or changed. One file a part: who may call
//! (`auth`), how lists are paged (`paging`), the reads (`reads`) and the four changes (`writes`).

mod auth;
mod paging;
mod reads;
mod writes;

use crate::handler::Route;
use crate::http::{Request, Response};
use crate::state::State;
use crate::tokens::TokenGrant;
use auth::{authorize_enterprise, authorize_org};
use chrono::{DateTime, Utc};
use reads::{billing, enterprise_seats, member_seat, org_seats};
use writes::{apply, Target};

pub(super) fn run(
    state: &mut State,
    grant: &TokenGrant,
    route: &Route,
    request: &Request,
    now: DateTime<Utc>,
) -> Response {
    let operation = route.operation();
    let docs = docs_url(operation);
    match route {
        Route::EnterpriseSeats { enterprise } => match authorize_enterprise(state, grant, enterprise, docs) {
            Ok(()) => enterprise_seats(state, grant, request),
            Err(refusal) => refusal,
        },
        Route::Billing { org }
        | Route::OrgSeats { org }
        | Route::Teams { org, .. }
        | Route::Users { org, .. }
        | Route::MemberSeat { org, .. } => {
            let index = match authorize_org(state, grant, org, operation, docs) {
                Ok(index) => index,
                Err(refusal) => return refusal,
            };
            let result = match route {
                Route::Billing { .. } => billing(state, index, now, docs),
                Route::OrgSeats { .. } => org_seats(state, index, request, docs),
                Route::MemberSeat { username, .. } => member_seat(state, index, username, docs),
                Route::Users { remove, .. } => apply(state, index, request, Target::Users, *remove, now, docs),
                Route::Teams { remove, .. } => apply(state, index, request, Target::Teams, *remove, now, docs),
                Route::EnterpriseSeats { .. } => Err(crate::errors::not_found()),
            };
            result.unwrap_or_else(|refusal| refusal)
        }
    }
}

fn docs_url(operation: copilot_api::Operation) -> &'static str {
    use copilot_api::Operation::*;
    match operation {
        GetOrganizationBilling => "https://docs.github.com/rest/copilot/copilot-user-management#get-copilot-seat-information-and-settings-for-an-organization",
        ListOrganizationSeats => "https://docs.github.com/rest/copilot/copilot-user-management#list-all-copilot-seat-assignments-for-an-organization",
        ListEnterpriseSeats => "https://docs.github.com/enterprise-cloud@latest/rest/copilot/copilot-user-management#list-all-copilot-seat-assignments-for-an-enterprise",
        AddTeams => "https://docs.github.com/rest/copilot/copilot-user-management#add-teams-to-the-copilot-subscription-for-an-organization",
        RemoveTeams => "https://docs.github.com/rest/copilot/copilot-user-management#remove-teams-from-the-copilot-subscription-for-an-organization",
        AddUsers => "https://docs.github.com/rest/copilot/copilot-user-management#add-users-to-the-copilot-subscription-for-an-organization",
        RemoveUsers => "https://docs.github.com/rest/copilot/copilot-user-management#remove-users-from-the-copilot-subscription-for-an-organization",
        GetMemberSeat => "https://docs.github.com/rest/copilot/copilot-user-management#get-copilot-seat-assignment-details-for-a-user",
    }
}
