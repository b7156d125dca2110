//! The trash, the same for every kind of record: a tombstone rather than a deletion, so other
//! devices' copies see it and it can be undone.

use crate::model::ids::Timestamp;
use crate::model::records::Record;

/// Moves a record to the trash (a tombstone, so other devices' copies and indexes see the
/// deletion and it can be undone). Trashing a record already in the trash returns it
/// unchanged, so its deletion time — which decides when the trash is emptied — stays the
/// first one.
pub fn trash<R: Record>(r: &R, now: Timestamp) -> R {
    let mut r = r.clone();
    if r.deleted_at().is_none() {
        r.set_deleted(Some(now), now);
    }
    r
}

/// Takes a record out of the trash. A record not in the trash is returned unchanged, so a
/// repeated click does not create a new revision.
pub fn restore<R: Record>(r: &R, now: Timestamp) -> R {
    let mut r = r.clone();
    if r.deleted_at().is_some() {
        r.set_deleted(None, now);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::commands::tests::follow_up;
    use crate::customers::commands::create_customer;
    use crate::customers::commands::tests::{customer_form, today, T0, T1};
    use crate::model::ids::Id;

    #[test]
    fn trash_and_restore_set_and_clear_the_tombstone() {
        let f = follow_up();
        let t = trash(&f, T1);
        assert_eq!((t.deleted_at, t.rev, t.updated_at), (Some(T1), 2, T1));
        // Trashing again keeps the first deletion time and makes no new revision.
        let later = Timestamp(T1.0 + 60_000);
        assert_eq!(trash(&t, later), t);
        let r = restore(&t, later);
        assert_eq!((r.deleted_at, r.rev, r.updated_at), (None, 3, later));
        assert_eq!(restore(&r, Timestamp(later.0 + 1)), r);
        // Generic over every kind of record.
        let c = create_customer(&customer_form(), Id::from_u128(1), T0, today()).unwrap();
        assert_eq!(trash(&c, T1).deleted_at, Some(T1));
        // A clock set back does not move updated_at backwards.
        let back = trash(&c, Timestamp(T0.0 - 1));
        assert_eq!(
            (back.deleted_at, back.updated_at),
            (Some(Timestamp(T0.0 - 1)), T0)
        );
    }
}
