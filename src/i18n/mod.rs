//! The one translation layer. The words themselves live in the `guanxi-i18n` crate, one file
//! per namespace; this module gives views the current language as a signal ([`I18n`]), names
//! for the domain's enumerations ([`Labelled`]) and sentences for errors.

use guanxi_core::activity::recurrence::Recurrence;
use guanxi_core::io::csv_import::Outcome;
use guanxi_core::model::validate::Problem;
use guanxi_core::store::StoreError;
use guanxi_i18n::words;
use leptos::prelude::*;

pub use guanxi_i18n::{Lang, K};

/// The current language, provided as context at the root.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    pub fn lang(&self) -> Lang {
        self.0.get()
    }

    /// The text for `key` in the current language; reactive when called inside a view closure.
    pub fn t(&self, key: K) -> &'static str {
        self.lang().t(key)
    }

    /// A short enumeration in the current language's style ("尺寸、地区" / "size, region").
    pub fn join<S: AsRef<str>>(&self, items: impl IntoIterator<Item = S>) -> String {
        let sep = self.t(K::EnumSeparator);
        let mut out = String::new();
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(item.as_ref());
        }
        out
    }

    /// Like [`I18n::t`], replacing `{name}` placeholders.
    pub fn fmt(&self, key: K, args: &[(&str, &str)]) -> String {
        self.lang().fmt(key, args)
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

// The domain's values in words live beside the texts, where they are tested natively; these
// wrappers read the language from the signal, so a view that calls them re-renders on a switch.
pub use guanxi_i18n::words::{field_key, target_key, Labelled};

/// A validation problem as a sentence in the current language.
pub fn problem_text(i18n: I18n, problem: &Problem) -> String {
    words::problem_text(i18n.lang(), problem)
}

/// A form error with the field it is about ("主题：必填"), for a toast far from the field.
pub fn field_error_text(i18n: I18n, error: &guanxi_core::model::validate::FieldError) -> String {
    format!(
        "{}{} {}",
        i18n.t(field_key(&error.field)),
        if i18n.lang() == Lang::ZhCn {
            "："
        } else {
            ":"
        },
        problem_text(i18n, &error.problem)
    )
}

/// A storage failure as a sentence the user can act on.
pub fn store_error_text(i18n: I18n, error: &StoreError) -> String {
    words::store_error_text(i18n.lang(), error)
}

/// An import row's outcome, with its reasons when it was rejected.
pub fn outcome_text(i18n: I18n, outcome: &Outcome) -> String {
    words::outcome_text(i18n.lang(), outcome)
}

/// A repeat rule in words ("Monthly", "每 2 周的周一").
pub fn recurrence_text(i18n: I18n, rule: &Recurrence) -> String {
    words::recurrence_text(i18n.lang(), rule)
}
