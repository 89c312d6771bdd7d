//! Read-side analytics of a seat list: status, editors, costs, the grid view, exports and URL view state.
