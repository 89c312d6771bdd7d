//! Who may call an operation: the token's kind, scopes and permissions, the organization's token policy,
//! SAML single sign-on and membership, answered with GitHub's own refusals.

use crate::errors::{error_response, DOCS_SAML};
use crate::http::Response;
use crate::state::State;
use crate::tokens::{Access, Credential, TokenGrant};

pub(super) const DOCS_TOKEN_POLICY: &str = "https://docs.github.com/organizations/managing-programmatic-access-to-your-organization/setting-a-personal-access-token-policy-for-your-organization";

/// GitHub's words when an organization's personal access token policy refuses the token.
pub(super) fn token_policy_refusal(
    settings: &crate::state::OrgSettings,
    org: &str,
    grant: &TokenGrant,
) -> Option<String> {
    if grant.credential.is_classic() {
        return settings.forbid_classic_tokens.then(|| {
            format!("`{org}` forbids access via a personal access token (classic). Please use a GitHub App, OAuth App, or a personal access token with fine-grained permissions.")
        });
    }
    let max = settings.fine_grained_max_lifetime_days?;
    let too_long = grant.lifetime_days.is_none_or(|days| days > max);
    too_long.then(|| {
        format!("`{org}` forbids access via a fine-grained personal access tokens if the token's lifetime is greater than {max} days. Please adjust your token's lifetime at the following URL: https://github.com/settings/personal-access-tokens")
    })
}

pub(super) const NOT_ACCESSIBLE: &str = "Resource not accessible by personal access token";

/// 404 for an organization the holder cannot see; 403 for SAML, scope or permission, role.
pub(super) fn authorize_org(
    state: &State,
    grant: &TokenGrant,
    org: &str,
    operation: copilot_api::Operation,
    docs: &str,
) -> Result<usize, Response> {
    let index = state.org_index(org).ok_or_else(|| error_response(404, "Not Found", docs))?;
    let holder = state.user_named(grant.holder);
    let org = &state.orgs[index];
    let Some(holder) = holder.filter(|&holder| org.is_member(holder)) else {
        return Err(error_response(404, "Not Found", docs));
    };
    if org.settings.saml_enforced && !grant.sso_authorized {
        let url = format!(
            "https://github.com/orgs/{}/sso?authorization_request=SANDBOX{:X}",
            org.login,
            org.id.wrapping_mul(31).wrapping_add(holder as u64)
        );
        return Err(error_response(
            403,
            "Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.",
            DOCS_SAML,
        )
        .with_header("X-GitHub-SSO", &format!("required; url={url}")));
    }
    if let Some(refusal) = token_policy_refusal(&org.settings, &org.login, grant) {
        return Err(error_response(403, &refusal, DOCS_TOKEN_POLICY));
    }
    match &grant.credential {
        Credential::Classic { .. } => {
            let accepted = operation.classic_scopes();
            if !accepted.iter().any(|scope| grant.credential.has_scope(scope)) {
                let message = format!(
                    "This token is missing a required scope: this endpoint needs one of {}.",
                    accepted.join(", ")
                );
                return Err(error_response(403, &message, docs));
            }
        }
        Credential::FineGrained { .. } => {
            let needed = if operation.is_write() { Access::Write } else { Access::Read };
            if grant.credential.organization_access().is_none_or(|access| access < needed) {
                return Err(error_response(403, NOT_ACCESSIBLE, docs));
            }
        }
    }
    if !org.owners.contains(&holder) {
        return Err(error_response(
            403,
            "You must be an organization owner to view or manage this organization's Copilot seats.",
            docs,
        ));
    }
    Ok(index)
}

/// The enterprise list refuses fine-grained tokens outright, then wants an enterprise owner or billing
/// manager with `manage_billing:copilot` or `read:enterprise`.
pub(super) fn authorize_enterprise(
    state: &State,
    grant: &TokenGrant,
    enterprise: &str,
    docs: &str,
) -> Result<(), Response> {
    if !grant.credential.is_classic() {
        return Err(error_response(403, NOT_ACCESSIBLE, docs));
    }
    let known = &state.enterprise;
    if !(known.slug.eq_ignore_ascii_case(enterprise) || known.id.to_string() == enterprise) {
        return Err(error_response(404, "Not Found", docs));
    }
    let accepted = copilot_api::Operation::ListEnterpriseSeats.classic_scopes();
    if !accepted.iter().any(|scope| grant.credential.has_scope(scope)) {
        let message =
            format!("This token is missing a required scope: this endpoint needs one of {}.", accepted.join(", "));
        return Err(error_response(403, &message, docs));
    }
    let holder = state.user_named(grant.holder);
    let allowed =
        holder.is_some_and(|holder| known.owners.contains(&holder) || known.billing_managers.contains(&holder));
    if !allowed {
        return Err(error_response(
            403,
            "Only enterprise owners and billing managers can view Copilot seats across the enterprise.",
            docs,
        ));
    }
    Ok(())
}

pub(super) fn not_enabled(docs: &str, status: u16) -> Response {
    error_response(status, "Copilot Business or Enterprise is not enabled for this organization.", docs)
}
