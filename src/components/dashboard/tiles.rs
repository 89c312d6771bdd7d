//! The tiles: six figures of the seats the grid shows, each with what it counts.

use std::sync::Arc;

use copilot_api::insight::charts::Dashboard;
use leptos::prelude::*;

#[component]
pub(super) fn Tiles(data: Memo<Arc<Dashboard>>) -> impl IntoView {
    let keys: Vec<&'static str> = data.with_untracked(|d| d.tiles.iter().map(|tile| tile.key).collect());
    let tile = move |key: &'static str| {
        let read = move |pick: fn(&copilot_api::insight::charts::Tile) -> String| {
            move || data.with(|d| d.tiles.iter().find(|tile| tile.key == key).map(pick).unwrap_or_default())
        };
        view! {
            <div class="tile">
                <dt>{read(|tile| tile.label.to_owned())}</dt>
                <dd class="value" data-testid=format!("tile-{key}")>{read(|tile| tile.value.clone())}</dd>
                <dd class="detail">{read(|tile| tile.detail.clone())}</dd>
            </div>
        }
    };
    view! { <dl class="tiles" aria-live="polite">{keys.into_iter().map(tile).collect_view()}</dl> }
}
