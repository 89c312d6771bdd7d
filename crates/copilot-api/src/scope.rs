//! Whose seats the app looks at: one organization's or a whole enterprise's. One type for the connection
//! (which endpoint lists the seats) and for the URL (`org=` or `enterprise=`), so the two cannot drift.

/// Whose seats: one organization's or a whole enterprise's, by its name (login or slug).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    Organization(String),
    Enterprise(String),
}

impl Scope {
    /// The organization's login or the enterprise's slug.
    pub fn name(&self) -> &str {
        match self {
            Self::Organization(name) | Self::Enterprise(name) => name,
        }
    }

    pub fn is_enterprise(&self) -> bool {
        matches!(self, Self::Enterprise(_))
    }

    /// The workspace's heading: "Organization acme", "Enterprise acme-corp".
    pub fn heading(&self) -> String {
        match self {
            Self::Organization(org) => format!("Organization {org}"),
            Self::Enterprise(enterprise) => format!("Enterprise {enterprise}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scope_names_its_organization_or_enterprise_and_says_which_it_is() {
        let organization = Scope::Organization("acme".into());
        let enterprise = Scope::Enterprise("acme-corp".into());
        assert_eq!((organization.name(), organization.is_enterprise()), ("acme", false));
        assert_eq!((enterprise.name(), enterprise.is_enterprise()), ("acme-corp", true));
        assert_eq!(
            (organization.heading(), enterprise.heading()),
            ("Organization acme".into(), "Enterprise acme-corp".into())
        );
    }
}
