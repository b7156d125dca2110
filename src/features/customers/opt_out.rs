//! Do-not-contact for marketing: the toggle with its date, channel and note in the customer
//! and contact forms, and the badge the profile and contact rows show.

use guanxi_core::marketing::opt_out::OptOutForm;
use guanxi_core::model::validate::{Field, FieldError};
use guanxi_core::{OptOut, OptOutChannel};
use leptos::prelude::*;

use crate::i18n::{use_i18n, Labelled, K};
use crate::platform::clock;
use crate::ui::form::{error_for, EnumField, TextField};

/// The opt-out part of a form `F`, reached through `get` and `get_mut`; `id` prefixes the
/// controls' ids (a page can hold a customer and a contact form).
#[component]
pub fn OptOutFields<F: Send + Sync + 'static>(
    form: RwSignal<F>,
    errors: RwSignal<Vec<FieldError>>,
    get: fn(&F) -> &OptOutForm,
    get_mut: fn(&mut F) -> &mut OptOutForm,
    id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let active = Memo::new(move |_| form.with(|f| get(f).active));
    // Turning the toggle on starts from today, the day the request is usually recorded.
    let toggle = move |_| {
        form.update(|f| {
            let o = get_mut(f);
            o.active = !o.active;
            if o.active && o.on.trim().is_empty() {
                o.on = clock::today().to_string();
            }
        })
    };
    let text = move |read: fn(&OptOutForm) -> &String, write: fn(&mut OptOutForm, String)| {
        (
            Signal::derive(move || form.with(|f| read(get(f)).clone())),
            Callback::new(move |v: String| form.update(|f| write(get_mut(f), v))),
        )
    };
    let channel = (
        Signal::derive(move || form.with(|f| get(f).channel)),
        Callback::new(move |v: OptOutChannel| form.update(|f| get_mut(f).channel = v)),
    );
    view! {
        <fieldset class="opt-out" data-testid=format!("{id}-opt-out")>
            <legend>{move || i18n.t(K::OptOutLegend)}</legend>
            <label class="check-label">
                <input type="checkbox" data-testid=format!("{id}-opt-out-toggle")
                    prop:checked=move || active.get() on:change=toggle/>
                {move || i18n.t(K::OptOutToggle)}
            </label>
            {move || active.get().then(|| view! {
                <div class="form-grid">
                    <TextField label=K::OptOutDate id=format!("{id}-opt-out-date") kind="date" required=true
                        error=error_for(errors, Field::OptOutDate)
                        bind=text(|o| &o.on, |o, v| o.on = v)/>
                    <EnumField label=K::OptOutChannelField id=format!("{id}-opt-out-channel")
                        options=&OptOutChannel::ALL bind=channel/>
                    <TextField label=K::OptOutNoteField id=format!("{id}-opt-out-note") hint=K::OptOutNoteHint
                        error=error_for(errors, Field::OptOutNote)
                        bind=text(|o| &o.note, |o, v| o.note = v)/>
                </div>
            })}
        </fieldset>
    }
}

/// "Do not contact for marketing since …" when `opt_out` is set; `testid` marks it.
pub fn opt_out_badge(opt_out: Option<OptOut>, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    opt_out.map(|o| {
        let text = move || {
            i18n.fmt(
                K::OptOutBadge,
                &[
                    ("date", &o.on.format("%Y-%m-%d").to_string()),
                    ("channel", i18n.t(o.channel.key())),
                ],
            )
        };
        view! { <span class="badge badge-stop" data-testid=testid>{text}</span> }
    })
}
