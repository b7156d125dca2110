//! A birthday without a year (imported from Google or vCard), shown under the birthday field
//! of the customer and contact forms: a date input cannot hold one, so it is named here and
//! can be cleared; typing a full date replaces it.

use guanxi_core::MonthDay;
use leptos::prelude::*;

use crate::i18n::{use_i18n, K};

/// Goes inside the birthday `TextField`; `get` reads the form's yearless birthday and `clear`
/// removes it.
pub fn yearless_note<F: Send + Sync + 'static>(
    form: RwSignal<F>,
    get: fn(&F) -> Option<MonthDay>,
    clear: fn(&mut F),
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        form.with(get).map(|md| {
            let text = md.to_string();
            view! {
                <p class="muted small" data-testid="birthday-yearless">
                    {i18n.fmt(K::BirthdayYearless, &[("date", &text)])}" "
                    <button type="button" class="link" data-testid="birthday-yearless-clear"
                        aria-label=i18n.fmt(K::ClearBirthdayYearless, &[("date", &text)])
                        on:click=move |_| form.update(clear)>
                        {i18n.t(K::ClearBirthday)}
                    </button>
                </p>
            }
        })
    }
}
