//! Seats and times for the tests: a builder over GitHub's seat shape, shared by every module.

use chrono::{DateTime, NaiveDate, Utc};

use crate::models::{AssigningTeam, PlanType, Seat, SimpleUser, Team, Timestamp};

pub fn at(text: &str) -> DateTime<Utc> {
    timestamp(text).with_timezone(&Utc)
}

pub fn timestamp(text: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(text).expect("a valid test timestamp")
}

pub fn seat(login: &str) -> SeatBuilder {
    let id = login.bytes().fold(7_u64, |hash, byte| hash.wrapping_mul(31).wrapping_add(u64::from(byte)));
    SeatBuilder(Seat {
        assignee: Some(user(login, id)),
        organization: None,
        assigning_team: None,
        pending_cancellation_date: None,
        last_activity_at: None,
        last_activity_editor: None,
        last_authenticated_at: None,
        created_at: timestamp("2023-01-01T00:00:00Z"),
        updated_at: None,
        plan_type: None,
    })
}

fn user(login: &str, id: u64) -> SimpleUser {
    serde_json::from_value(serde_json::json!({ "login": login, "id": id })).expect("a valid test user")
}

pub struct SeatBuilder(Seat);

impl SeatBuilder {
    pub fn build(self) -> Seat {
        self.0
    }

    pub fn id(mut self, id: u64) -> Self {
        if let Some(user) = self.0.assignee.as_mut() {
            user.id = id;
        }
        self
    }

    pub fn ghost(mut self) -> Self {
        self.0.assignee = None;
        self
    }

    pub fn org(mut self, login: &str) -> Self {
        self.0.organization = Some(
            serde_json::from_value(serde_json::json!({ "login": login, "id": 1, "description": null }))
                .expect("a valid test organization"),
        );
        self
    }

    pub fn team(mut self, slug: &str) -> Self {
        self.0.assigning_team = Some(AssigningTeam::Organization(Team {
            id: 1,
            name: format!("Team {slug}"),
            slug: slug.to_owned(),
            node_id: None,
            description: None,
            privacy: None,
            notification_setting: None,
            permission: None,
            url: None,
            html_url: None,
            members_url: None,
            repositories_url: None,
            parent: None,
            team_type: None,
            organization_id: None,
            enterprise_id: None,
        }));
        self
    }

    /// Granted through an enterprise team (`assigning_team.type == "enterprise"`).
    pub fn enterprise_team(mut self, slug: &str) -> Self {
        self = self.team(slug);
        if let Some(AssigningTeam::Organization(team)) = self.0.assigning_team.as_mut() {
            team.team_type = Some(crate::models::TeamType::Enterprise);
        }
        self
    }

    pub fn team_named(mut self, slug: &str, name: &str) -> Self {
        self = self.team(slug);
        if let Some(AssigningTeam::Organization(team)) = self.0.assigning_team.as_mut() {
            team.name = name.to_owned();
        }
        self
    }

    pub fn created(mut self, time: &str) -> Self {
        self.0.created_at = timestamp(time);
        self
    }

    pub fn last_activity(mut self, time: &str) -> Self {
        self.0.last_activity_at = Some(timestamp(time));
        self
    }

    pub fn last_authenticated(mut self, time: &str) -> Self {
        self.0.last_authenticated_at = Some(timestamp(time));
        self
    }

    pub fn editor(mut self, editor: &str) -> Self {
        self.0.last_activity_editor = Some(editor.to_owned());
        self
    }

    pub fn pending(mut self, date: &str) -> Self {
        self.0.pending_cancellation_date = Some(date.parse::<NaiveDate>().expect("a valid test date"));
        self
    }

    pub fn plan(mut self, plan: PlanType) -> Self {
        self.0.plan_type = Some(plan);
        self
    }
}
