//! Dragging cards between the board's columns: the shared drag state, and the touch drag.
//!
//! HTML5 drag and drop does not work with touch screens, so a finger drags a card by its grip
//! with pointer events: the grip captures the pointer, the card follows the finger, and the
//! column under it is found with `document.elementsFromPoint`.

use guanxi_core::Id;
use leptos::ev::PointerEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::features::pipeline::moves::Mover;

/// The board's drag state, shared by its columns and cards.
#[derive(Clone, Copy)]
pub struct BoardDrag {
    /// The card being dragged, by mouse or pointer.
    pub dragging: RwSignal<Option<Id>>,
    /// The column under the dragged card.
    pub over: RwSignal<Option<String>>,
    /// How far a pointer-dragged card has moved, so it follows the finger.
    pub offset: RwSignal<(f64, f64)>,
}

impl BoardDrag {
    pub fn new() -> Self {
        BoardDrag {
            dragging: RwSignal::new(None),
            over: RwSignal::new(None),
            offset: RwSignal::new((0.0, 0.0)),
        }
    }

    pub fn clear(&self) {
        self.dragging.set(None);
        self.over.set(None);
        self.offset.set((0.0, 0.0));
    }
}

impl Default for BoardDrag {
    fn default() -> Self {
        BoardDrag::new()
    }
}

/// The stage of the column at a point of the viewport, looking through the dragged card.
fn column_at(x: f64, y: f64, dragged: Id) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let own = format!("[data-card-id=\"{dragged}\"]");
    document
        .elements_from_point(x as f32, y as f32)
        .iter()
        .filter_map(|e| e.dyn_into::<web_sys::Element>().ok())
        .filter(|e| e.closest(&own).ok().flatten().is_none())
        .find_map(|e| e.closest("[data-stage-id]").ok().flatten())
        .and_then(|column| column.get_attribute("data-stage-id"))
}

/// Scrolls the board sideways while a finger drags a card near its edge.
fn scroll_board_near_edge(x: f64) {
    let Some(board) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".board").ok().flatten())
    else {
        return;
    };
    let rect = board.get_bounding_client_rect();
    const EDGE: f64 = 40.0;
    if x > rect.right() - EDGE {
        board.set_scroll_left(board.scroll_left() + 24);
    } else if x < rect.left() + EDGE {
        board.set_scroll_left(board.scroll_left() - 24);
    }
}

/// A finger dragging one card by its grip.
#[derive(Clone, Copy)]
pub struct TouchDrag {
    drag: BoardDrag,
    card: Id,
    stage: StoredValue<String>,
    mover: Mover,
    /// (pointer id, start x, start y) while a finger is down on the grip.
    start: StoredValue<Option<(i32, f64, f64)>>,
}

impl TouchDrag {
    pub fn new(drag: BoardDrag, card: Id, stage: StoredValue<String>, mover: Mover) -> Self {
        TouchDrag {
            drag,
            card,
            stage,
            mover,
            start: StoredValue::new(None),
        }
    }

    /// A finger (or pen) touches the grip: remember where, and capture the pointer.
    pub fn down(self, ev: &PointerEvent) {
        // A mouse drags the whole card with HTML5 drag and drop.
        if ev.pointer_type() == "mouse" {
            return;
        }
        ev.prevent_default();
        if let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            // Fails for a pointer the browser does not know (a synthetic one): then the events
            // simply keep arriving at the grip, as a touch's do anyway.
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        self.start.set_value(Some((
            ev.pointer_id(),
            f64::from(ev.client_x()),
            f64::from(ev.client_y()),
        )));
    }

    /// Past a few pixels the card follows the finger and the column under it lights up.
    pub fn moved(self, ev: &PointerEvent) {
        let Some((pointer, x0, y0)) = self.start.get_value() else {
            return;
        };
        if ev.pointer_id() != pointer {
            return;
        }
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        if self.drag.dragging.get_untracked() != Some(self.card) {
            if (x - x0).hypot(y - y0) < 6.0 {
                return;
            }
            self.drag.dragging.set(Some(self.card));
        }
        ev.prevent_default();
        self.drag.offset.set((x - x0, y - y0));
        let over = column_at(x, y, self.card);
        if self.drag.over.get_untracked() != over {
            self.drag.over.set(over);
        }
        scroll_board_near_edge(x);
    }

    /// Lifting the finger over another column moves the card there.
    pub fn up(self, ev: &PointerEvent) {
        let Some((pointer, _, _)) = self.start.get_value() else {
            return;
        };
        if ev.pointer_id() != pointer {
            return;
        }
        self.start.set_value(None);
        let was_dragging = self.drag.dragging.get_untracked() == Some(self.card);
        let target = column_at(
            f64::from(ev.client_x()),
            f64::from(ev.client_y()),
            self.card,
        );
        self.drag.clear();
        if let (true, Some(target)) = (was_dragging, target) {
            if target != self.stage.get_value() {
                self.mover.request(self.card, &target, false);
            }
        }
    }

    /// The browser took the touch over (a scroll, say): nothing moves.
    pub fn cancel(self) {
        self.start.set_value(None);
        self.drag.clear();
    }
}
