//! The tokens the sandbox accepts: every kind a person may paste, held by people with different roles.
//!
//! They are fixed strings, the same for every seed, so a test, the README and the in-page demo can name them.

use serde::Serialize;

/// The login of the person who owns every organization and the enterprise.
pub const OWNER_LOGIN: &str = "acme-admin";
/// The login of a plain member of every organization.
pub const MEMBER_LOGIN: &str = "acme-dev";
/// The login of the billing manager of every organization and of the enterprise.
pub const BILLING_MANAGER_LOGIN: &str = "acme-billing";

/// An owner's classic token: `manage_billing:copilot read:org read:enterprise`. The in-page demo uses it.
pub const OWNER_CLASSIC: &str = "ghp_SandboxOwnerClassic00000000000000000";
/// An owner's fine-grained token with "GitHub Copilot Business" (write) on every organization.
pub const OWNER_FINE_GRAINED: &str =
    "github_pat_11SANDBOX0_OwnerFineGrainedCopilotBusinessWrite00000000000000000000000000000000000";
/// An owner's fine-grained token with "GitHub Copilot Business" (read) on every organization.
pub const READONLY_FINE_GRAINED: &str =
    "github_pat_11SANDBOX0_ReadonlyFineGrainedCopilotBusinessRead000000000000000000000000000000000";
/// An owner's fine-grained token with no Copilot or Administration permission.
pub const NO_PERMISSION_FINE_GRAINED: &str =
    "github_pat_11SANDBOX0_FineGrainedWithoutCopilotPermission000000000000000000000000000000000000";
/// A plain member's classic token, with the same scopes as the owner's: the role is what it lacks.
pub const MEMBER_CLASSIC: &str = "ghp_SandboxMemberClassic0000000000000000";
/// An owner's classic token with no scopes at all.
pub const NO_SCOPE_CLASSIC: &str = "ghp_SandboxNoScopeClassic000000000000000";
/// An owner's classic token with `read:org` only: it may read, not change.
pub const READ_ORG_CLASSIC: &str = "ghp_SandboxReadOrgClassic000000000000000";
/// A billing manager's classic token (`manage_billing:copilot read:org read:enterprise`).
pub const BILLING_MANAGER_CLASSIC: &str = "ghp_SandboxBillingManager000000000000000";
/// An owner's classic token with every scope, not authorized for SAML single sign-on.
pub const SSO_UNAUTHORIZED_CLASSIC: &str = "ghp_SandboxSsoUnauthorized00000000000000";

/// Read or write, as fine-grained permissions are granted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    Read,
    Write,
}

/// What a token carries: OAuth scopes, or fine-grained organization permissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Credential {
    Classic { scopes: Vec<&'static str> },
    FineGrained { copilot_business: Option<Access>, administration: Option<Access> },
}

impl Credential {
    /// Whether any held scope grants `needed` (`admin:org` includes `read:org`, and so on).
    pub fn has_scope(&self, needed: &str) -> bool {
        match self {
            Self::Classic { scopes } => scopes.iter().any(|held| scope_includes(held, needed)),
            Self::FineGrained { .. } => false,
        }
    }

    /// The fine-grained access to an organization's Copilot seats ("GitHub Copilot Business" or
    /// "Administration", whichever is higher).
    pub fn organization_access(&self) -> Option<Access> {
        match self {
            Self::Classic { .. } => None,
            Self::FineGrained { copilot_business, administration } => (*copilot_business).max(*administration),
        }
    }

    pub fn is_classic(&self) -> bool {
        matches!(self, Self::Classic { .. })
    }
}

/// GitHub's scope hierarchy, for the scopes these operations accept.
fn scope_includes(held: &str, needed: &str) -> bool {
    let implied: &[&str] = match held {
        "admin:org" => &["admin:org", "write:org", "read:org"],
        "write:org" => &["write:org", "read:org"],
        "admin:enterprise" => &["admin:enterprise", "manage_billing:enterprise", "read:enterprise"],
        "manage_billing:enterprise" => &["manage_billing:enterprise", "read:enterprise"],
        other => return other == needed,
    };
    implied.contains(&needed)
}

/// One token the sandbox accepts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenGrant {
    /// The name in `--tokens-out` and in the README (`owner_classic`).
    pub name: &'static str,
    #[serde(skip)]
    pub value: &'static str,
    /// The login of the person who holds it; their roles are those of that user in the state.
    pub holder: &'static str,
    pub credential: Credential,
    /// Authorized for SAML single sign-on (only matters in an organization that enforces it).
    pub sso_authorized: bool,
    /// A fine-grained token's lifetime in days; `None` never expires (what an organization's lifetime
    /// policy refuses). Classic tokens have none: the lifetime policy is about fine-grained ones.
    pub lifetime_days: Option<u32>,
}

const FULL_SCOPES: &[&str] = &["manage_billing:copilot", "read:org", "read:enterprise"];

/// Every token, in the order they are printed.
pub fn all_tokens() -> Vec<TokenGrant> {
    let classic = |name, value, holder, scopes: &[&'static str], sso_authorized| TokenGrant {
        name,
        value,
        holder,
        credential: Credential::Classic { scopes: scopes.to_vec() },
        sso_authorized,
        lifetime_days: None,
    };
    let fine = |name, value, copilot_business| TokenGrant {
        name,
        value,
        holder: OWNER_LOGIN,
        credential: Credential::FineGrained { copilot_business, administration: None },
        sso_authorized: true,
        // The sandbox's fine-grained tokens never expire, so any lifetime policy refuses them.
        lifetime_days: None,
    };
    vec![
        classic("owner_classic", OWNER_CLASSIC, OWNER_LOGIN, FULL_SCOPES, true),
        fine("owner_fine_grained", OWNER_FINE_GRAINED, Some(Access::Write)),
        fine("readonly_fine_grained", READONLY_FINE_GRAINED, Some(Access::Read)),
        fine("no_permission_fine_grained", NO_PERMISSION_FINE_GRAINED, None),
        classic("member_classic", MEMBER_CLASSIC, MEMBER_LOGIN, FULL_SCOPES, true),
        classic("no_scope_classic", NO_SCOPE_CLASSIC, OWNER_LOGIN, &[], true),
        classic("read_org_classic", READ_ORG_CLASSIC, OWNER_LOGIN, &["read:org"], true),
        classic("billing_manager_classic", BILLING_MANAGER_CLASSIC, BILLING_MANAGER_LOGIN, FULL_SCOPES, true),
        classic("sso_unauthorized_classic", SSO_UNAUTHORIZED_CLASSIC, OWNER_LOGIN, FULL_SCOPES, false),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use copilot_api::{Token, TokenKind};

    #[test]
    fn every_token_is_a_plausible_paste_of_its_kind() {
        for grant in all_tokens() {
            let token = Token::new(grant.value).unwrap_or_else(|| panic!("{} is not a plausible token", grant.name));
            let expected = if grant.credential.is_classic() { TokenKind::Classic } else { TokenKind::FineGrained };
            assert_eq!(token.kind(), expected, "{}", grant.name);
        }
    }

    #[test]
    fn names_and_values_are_unique() {
        let tokens = all_tokens();
        for (i, a) in tokens.iter().enumerate() {
            for b in &tokens[i + 1..] {
                assert_ne!(a.name, b.name);
                assert_ne!(a.value, b.value);
            }
        }
    }

    #[test]
    fn broader_scopes_include_narrower_ones() {
        let admin = Credential::Classic { scopes: vec!["admin:org", "admin:enterprise"] };
        assert!(admin.has_scope("read:org"));
        assert!(admin.has_scope("read:enterprise"));
        assert!(!admin.has_scope("manage_billing:copilot"));
        let read = Credential::Classic { scopes: vec!["read:org"] };
        assert!(!read.has_scope("admin:org"));
        let fine =
            Credential::FineGrained { copilot_business: Some(Access::Read), administration: Some(Access::Write) };
        assert!(!fine.has_scope("read:org"));
        assert_eq!(fine.organization_access(), Some(Access::Write));
    }
}
