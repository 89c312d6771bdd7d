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

    /// The scope as an export writes it on every row: `organization:acme`, `enterprise:acme-corp`.
    pub fn key(&self) -> String {
        match self {
            Self::Organization(org) => format!("organization:{org}"),
            Self::Enterprise(enterprise) => format!("enterprise:{enterprise}"),
        }
    }

    /// A scope as [`Scope::key`] writes it; `None` for anything else.
    pub fn from_key(key: &str) -> Option<Self> {
        let (kind, name) = key.trim().split_once(':')?;
        match kind {
            "organization" => Some(Self::Organization(name.to_owned())),
            "enterprise" => Some(Self::Enterprise(name.to_owned())),
            _ => None,
        }
        .filter(|scope| !scope.name().is_empty())
    }

    /// The same organization or enterprise: GitHub's names ignore case, so `Acme` and `acme` are one.
    pub fn is_same(&self, other: &Scope) -> bool {
        self.is_enterprise() == other.is_enterprise() && self.name().eq_ignore_ascii_case(other.name())
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
    fn a_scope_is_the_same_whatever_the_case_of_its_name_but_not_across_kinds() {
        let acme = Scope::Organization("acme".into());
        assert!(acme.is_same(&Scope::Organization("ACME".into())));
        assert!(!acme.is_same(&Scope::Enterprise("acme".into())));
        assert!(!acme.is_same(&Scope::Organization("acme-2".into())));
    }

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

    #[test]
    fn a_scope_is_written_as_its_kind_and_name_and_read_back() {
        for scope in [Scope::Organization("acme".into()), Scope::Enterprise("acme-corp".into())] {
            assert_eq!(Scope::from_key(&scope.key()), Some(scope));
        }
        assert_eq!(Scope::Organization("acme".into()).key(), "organization:acme");
        assert_eq!(Scope::from_key("team:acme"), None);
        assert_eq!(Scope::from_key("organization:"), None);
        assert_eq!(Scope::from_key("acme"), None);
    }
}
