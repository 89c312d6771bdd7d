//! The eight operations, with what GitHub's documents say each one needs and what its 422 means.
//! Error messages and the README's permission table are built from this one place.

/// One of GitHub's Copilot seat operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    GetOrganizationBilling,
    ListOrganizationSeats,
    ListEnterpriseSeats,
    AddTeams,
    RemoveTeams,
    AddUsers,
    RemoveUsers,
    GetMemberSeat,
}

impl Operation {
    pub const ALL: [Operation; 8] = [
        Self::GetOrganizationBilling,
        Self::ListOrganizationSeats,
        Self::ListEnterpriseSeats,
        Self::AddTeams,
        Self::RemoveTeams,
        Self::AddUsers,
        Self::RemoveUsers,
        Self::GetMemberSeat,
    ];

    /// GitHub's `operationId`.
    pub fn operation_id(self) -> &'static str {
        match self {
            Self::GetOrganizationBilling => "copilot/get-copilot-organization-details",
            Self::ListOrganizationSeats => "copilot/list-copilot-seats",
            Self::ListEnterpriseSeats => "copilot/list-copilot-seats-for-enterprise",
            Self::AddTeams => "copilot/add-copilot-seats-for-teams",
            Self::RemoveTeams => "copilot/cancel-copilot-seat-assignment-for-teams",
            Self::AddUsers => "copilot/add-copilot-seats-for-users",
            Self::RemoveUsers => "copilot/cancel-copilot-seat-assignment-for-users",
            Self::GetMemberSeat => "copilot/get-copilot-seat-details-for-user",
        }
    }

    /// What a person would call it.
    pub fn title(self) -> &'static str {
        match self {
            Self::GetOrganizationBilling => "Read the organization's Copilot billing summary",
            Self::ListOrganizationSeats => "List the organization's Copilot seats",
            Self::ListEnterpriseSeats => "List the enterprise's Copilot seats",
            Self::AddTeams => "Assign seats to teams",
            Self::RemoveTeams => "Revoke teams' seats",
            Self::AddUsers => "Assign seats to users",
            Self::RemoveUsers => "Revoke users' seats",
            Self::GetMemberSeat => "Look up a member's seat",
        }
    }

    /// `METHOD path-template`, as in GitHub's documents.
    pub fn endpoint(self) -> &'static str {
        match self {
            Self::GetOrganizationBilling => "GET /orgs/{org}/copilot/billing",
            Self::ListOrganizationSeats => "GET /orgs/{org}/copilot/billing/seats",
            Self::ListEnterpriseSeats => "GET /enterprises/{enterprise}/copilot/billing/seats",
            Self::AddTeams => "POST /orgs/{org}/copilot/billing/selected_teams",
            Self::RemoveTeams => "DELETE /orgs/{org}/copilot/billing/selected_teams",
            Self::AddUsers => "POST /orgs/{org}/copilot/billing/selected_users",
            Self::RemoveUsers => "DELETE /orgs/{org}/copilot/billing/selected_users",
            Self::GetMemberSeat => "GET /orgs/{org}/members/{username}/copilot",
        }
    }

    pub fn is_write(self) -> bool {
        matches!(self, Self::AddTeams | Self::RemoveTeams | Self::AddUsers | Self::RemoveUsers)
    }

    /// Who may call it at all, whatever the token.
    pub fn required_role(self) -> &'static str {
        match self {
            Self::ListEnterpriseSeats => "an enterprise owner or billing manager",
            _ => "an organization owner",
        }
    }

    /// Classic-token (and OAuth app) scopes, any one of which is enough (newer documents).
    pub fn classic_scopes(self) -> &'static [&'static str] {
        match self {
            Self::ListEnterpriseSeats => &["manage_billing:copilot", "read:enterprise"],
            Self::GetOrganizationBilling | Self::ListOrganizationSeats | Self::GetMemberSeat => {
                &["manage_billing:copilot", "read:org"]
            }
            Self::AddTeams | Self::RemoveTeams | Self::AddUsers | Self::RemoveUsers => {
                &["manage_billing:copilot", "admin:org"]
            }
        }
    }

    /// Fine-grained token permissions, any one of which is enough; `None` where fine-grained tokens
    /// are refused outright (the enterprise list).
    pub fn fine_grained_permissions(self) -> Option<&'static str> {
        match self {
            Self::ListEnterpriseSeats => None,
            Self::GetOrganizationBilling | Self::ListOrganizationSeats | Self::GetMemberSeat => Some(
                "\"GitHub Copilot Business\" organization permission (read), or \"Administration\" organization permission (read)",
            ),
            Self::AddTeams | Self::RemoveTeams | Self::AddUsers | Self::RemoveUsers => Some(
                "\"GitHub Copilot Business\" organization permission (write), or \"Administration\" organization permission (write)",
            ),
        }
    }

    /// What GitHub's documents say a 422 from this operation means.
    pub fn unprocessable_meaning(self) -> &'static str {
        match self {
            Self::GetOrganizationBilling => {
                "There is a problem with the payment method associated with this account. Check the billing settings on GitHub."
            }
            Self::GetMemberSeat => {
                "Copilot Business or Enterprise is not enabled for this organization, or the user has a pending organization invitation and has not joined yet."
            }
            Self::AddTeams | Self::RemoveTeams | Self::AddUsers => {
                "GitHub refused the change: Copilot Business or Enterprise is not enabled for this organization, billing has not been set up, no public code suggestions policy has been set, or the organization's seat management is set to give Copilot to all members (assign_all) or is unconfigured. Check Settings → Copilot → Access and Policies on GitHub."
            }
            Self::RemoveUsers => {
                "GitHub refused the change: a seat among these was assigned through a team (revoke the team instead, or remove the user from the team), or Copilot Business or Enterprise is not enabled, billing is not set up, no public code suggestions policy is set, or seat management is set to assign_all or is unconfigured."
            }
            Self::ListOrganizationSeats | Self::ListEnterpriseSeats => {
                "GitHub could not process this request."
            }
        }
    }
}

impl Operation {
    /// What a token of this kind needs for this operation, in one line a person can act on.
    pub fn requirement_for(self, kind: crate::token::TokenKind) -> String {
        use crate::token::TokenKind;
        match kind {
            TokenKind::FineGrained | TokenKind::GitHubAppUser | TokenKind::GitHubAppInstallation => {
                match self.fine_grained_permissions() {
                    Some(permission) => permission.to_owned(),
                    None => "not possible with this kind of token: use a personal access token (classic)".to_owned(),
                }
            }
            TokenKind::Classic | TokenKind::OAuthApp | TokenKind::Unrecognised => {
                format!("scope {}", self.classic_scopes().join(" or "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::TokenKind;

    #[test]
    fn requirements_follow_the_token_kind() {
        assert_eq!(
            Operation::AddUsers.requirement_for(TokenKind::Classic),
            "scope manage_billing:copilot or admin:org"
        );
        assert!(Operation::ListEnterpriseSeats.requirement_for(TokenKind::FineGrained).contains("not possible"));
        assert!(Operation::GetMemberSeat.requirement_for(TokenKind::FineGrained).contains("(read)"));
    }
}
