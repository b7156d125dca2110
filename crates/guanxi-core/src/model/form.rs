//! What every form shares. A form is a record as the UI edits it.
//!
//! Dates and times are kept as the strings the user typed, so that a bad value can be shown
//! back with its error instead of being lost or silently replaced. Validation collects every
//! error at once (at most one per field, in the order the fields appear in the form struct) so
//! the user can fix a whole form in one pass instead of meeting errors one save at a time.
//!
//! Each form's `apply` validates and writes the cleaned values into a record in one step, so
//! what is stored is exactly what was checked; the commands next to each form (such as
//! [`crate::customers::commands`]) add the bookkeeping (ids, revisions, timestamps).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::model::ids::Id;
use crate::model::records::Labeled;
use crate::model::validate::{self, fold_width, Field, FieldError, Problem, SHORT_MAX};

/// The separators a tag list may use: ASCII and full-width commas and semicolons, and the
/// enumeration comma `、` that Chinese writers use for lists.
pub const TAG_SEPARATORS: [char; 5] = [',', '，', '、', ';', '；'];

/// Splits a tag list as typed: trimmed, blanks dropped, duplicates (ignoring case and
/// full-width) dropped keeping the first spelling, so `VIP, vip，ＶＩＰ` stays one tag as the
/// user first wrote it.
pub fn split_tags(s: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for tag in s.split(TAG_SEPARATORS).map(str::trim) {
        let key = fold_width(tag).to_lowercase();
        if !tag.is_empty() && !seen.contains(&key) {
            seen.push(key);
            tags.push(tag.to_string());
        }
    }
    tags
}

/// Joins tags for editing. `, ` because it reads naturally in both languages and splits back
/// to the same list.
pub fn join_tags(tags: &[String]) -> String {
    tags.join(", ")
}

/// A date as `<input type=date>` expects it.
pub(crate) fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// A time as `<input type=time>` expects it. Seconds only when present, so that re-saving a
/// form does not silently change a stored time, and a plain `HH:MM` stays plain.
pub(crate) fn time_text(t: NaiveTime) -> String {
    if t.second() == 0 && t.nanosecond() == 0 {
        t.format("%H:%M").to_string()
    } else if t.nanosecond() == 0 {
        t.format("%H:%M:%S").to_string()
    } else {
        t.format("%H:%M:%S%.3f").to_string()
    }
}

/// A moment as `<input type=datetime-local>` expects it.
pub(crate) fn datetime_text(at: NaiveDateTime) -> String {
    format!("{}T{}", at.date().format("%Y-%m-%d"), time_text(at.time()))
}

/// Collects errors while the form's values are cleaned. Failed values come back as their
/// default so that every check still runs; they are never stored, since any error makes the
/// whole form fail.
#[derive(Default)]
pub(crate) struct Errors(Vec<FieldError>);

impl Errors {
    pub(crate) fn check<T: Default>(&mut self, field: Field, result: Result<T, Problem>) -> T {
        result.unwrap_or_else(|problem| {
            self.0.push(FieldError::new(field, problem));
            T::default()
        })
    }

    pub(crate) fn text(&mut self, field: Field, s: &str, max: usize) -> String {
        self.check(field, validate::text(s, max).map(str::to_string))
    }

    pub(crate) fn required_text(&mut self, field: Field, s: &str, max: usize) -> String {
        self.check(field, validate::required_text(s, max).map(str::to_string))
    }

    /// A required link to another record. The placeholder id returned on error is never
    /// stored (see the type's note).
    pub(crate) fn required_id(&mut self, field: Field, id: Option<Id>) -> Id {
        id.unwrap_or_else(|| {
            self.0.push(FieldError::new(field, Problem::Required));
            Id::from_u128(0)
        })
    }

    pub(crate) fn tags(&mut self, s: &str) -> Vec<String> {
        self.list(Field::Tags, s)
    }

    /// A list typed like tags (see [`split_tags`]), each item at most [`SHORT_MAX`].
    pub(crate) fn list(&mut self, field: Field, s: &str) -> Vec<String> {
        let tags = split_tags(s);
        let too_long = tags.iter().any(|t| t.chars().count() > SHORT_MAX);
        self.check(
            field,
            if too_long {
                Err(Problem::TooLong { max: SHORT_MAX })
            } else {
                Ok(tags)
            },
        )
    }

    /// Phone or e-mail rows. Blank rows are the UI's empty "add another" rows, not mistakes,
    /// so they are dropped rather than reported. Values are stored trimmed and width-folded.
    pub(crate) fn rows(
        &mut self,
        rows: &[Labeled],
        field: fn(usize) -> Field,
        check: fn(&str) -> Result<(), Problem>,
    ) -> Vec<Labeled> {
        let mut kept = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let value = fold_width(&row.value).trim().to_string();
            if value.is_empty() {
                continue;
            }
            if self.check(field(i), check(&value).map(|()| true)) {
                kept.push(Labeled::new(row.label, value));
            }
        }
        kept
    }

    /// The do-not-contact part of a customer or contact form.
    pub(crate) fn opt_out(
        &mut self,
        form: &crate::marketing::opt_out::OptOutForm,
        today: NaiveDate,
    ) -> Option<crate::marketing::OptOut> {
        form.parse(today).unwrap_or_else(|(field, problem)| {
            self.0.push(FieldError::new(field, problem));
            None
        })
    }

    pub(crate) fn finish<T>(self, value: T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.0)
        }
    }
}

/// A form that creates one kind of record and edits it: the screens call [`RecordForm::save`]
/// with the record they edit (or none), and the capability's `create_*` / `update_*` commands
/// do the work, so a new kind of record gets both paths by implementing two functions.
pub trait RecordForm {
    type Record: crate::model::records::Record;
    /// What validation needs beyond the form (the pipeline's stages for an opportunity).
    type Context: ?Sized;

    fn create(
        &self,
        context: &Self::Context,
        id: Id,
        now: crate::model::ids::Timestamp,
        today: NaiveDate,
    ) -> Result<Self::Record, Vec<FieldError>>;

    fn update(
        &self,
        existing: &Self::Record,
        context: &Self::Context,
        now: crate::model::ids::Timestamp,
        today: NaiveDate,
    ) -> Result<Self::Record, Vec<FieldError>>;

    /// A new record with `new_id` when `existing` is `None`, else the edit of `existing`.
    fn save(
        &self,
        existing: Option<&Self::Record>,
        context: &Self::Context,
        new_id: Id,
        now: crate::model::ids::Timestamp,
        today: NaiveDate,
    ) -> Result<Self::Record, Vec<FieldError>> {
        match existing {
            Some(r) => self.update(r, context, now, today),
            None => self.create(context, new_id, now, today),
        }
    }
}

/// Implements [`RecordForm`] for a form whose commands need no context.
macro_rules! record_form {
    ($form:ty => $record:ty, $create:path, $update:path) => {
        impl $crate::model::form::RecordForm for $form {
            type Record = $record;
            type Context = ();

            fn create(
                &self,
                _: &(),
                id: Id,
                now: Timestamp,
                today: NaiveDate,
            ) -> Result<$record, Vec<FieldError>> {
                $create(self, id, now, today)
            }

            fn update(
                &self,
                existing: &$record,
                _: &(),
                now: Timestamp,
                today: NaiveDate,
            ) -> Result<$record, Vec<FieldError>> {
                $update(existing, self, now, today)
            }
        }
    };
}

pub(crate) use record_form;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_split_on_every_separator_trim_and_dedupe() {
        assert_eq!(
            split_tags(" VIP, 重要客户，老客户、vip; 北京；;  , Vip ,ＶＩＰ,华东 "),
            vec!["VIP", "重要客户", "老客户", "北京", "华东"]
        );
        assert_eq!(split_tags(""), Vec::<String>::new());
        assert_eq!(split_tags(" ,，、;； "), Vec::<String>::new());
        assert_eq!(split_tags("New York, new york"), vec!["New York"]);
        assert_eq!(
            split_tags(&join_tags(&split_tags("a、b，c"))),
            vec!["a", "b", "c"]
        );
    }
}
