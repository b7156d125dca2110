//! The kanban board: one column per stage with its cards, and the column header figures, each
//! total kept per currency (see [`forecast`](mod@crate::pipeline::forecast) for why).

use crate::customers::query::fold;
use crate::model::money::{currency_of, Sums};
use crate::model::records::{Opportunity, Settings, Stage};
use crate::pipeline::opportunity::{close_date, pipeline_stages, stage_of, weighted_value};

/// A board column's header figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnTotals {
    pub stage_id: String,
    pub count: usize,
    /// Amounts per currency.
    pub total: Sums,
    /// Probability-weighted amounts per currency.
    pub weighted: Sums,
}

/// One column of the board: its stage, its cards and its totals.
#[derive(Clone, Debug, PartialEq)]
pub struct BoardColumn<'a> {
    pub stage: Stage,
    /// Open stages: soonest expected close first. Won and lost: most recently closed first,
    /// so the deals just closed are on top rather than after years of history. Undated last,
    /// then by title.
    pub cards: Vec<&'a Opportunity>,
    pub totals: ColumnTotals,
}

/// The kanban board: one column per stage, in pipeline order, empty ones included. An
/// opportunity whose stage the settings do not know appears where [`stage_of`] puts it.
pub fn board<'a>(
    opportunities: impl IntoIterator<Item = &'a Opportunity>,
    settings: &Settings,
) -> Vec<BoardColumn<'a>> {
    let mut columns: Vec<BoardColumn<'a>> = pipeline_stages(settings)
        .iter()
        .map(|s| BoardColumn {
            stage: s.clone(),
            cards: Vec::new(),
            totals: ColumnTotals {
                stage_id: s.id.clone(),
                ..Default::default()
            },
        })
        .collect();
    for o in opportunities.into_iter().filter(|o| o.deleted_at.is_none()) {
        let stage = &stage_of(o, settings).id;
        // Only a stage missing from an otherwise non-empty but open-less list has no column;
        // the first column then takes it rather than losing it.
        let i = columns
            .iter()
            .position(|c| &c.stage.id == stage)
            .unwrap_or(0);
        let Some(column) = columns.get_mut(i) else {
            continue;
        };
        let currency = currency_of(o, settings);
        column.totals.count += 1;
        column.totals.total.add(&currency, o.amount);
        column
            .totals
            .weighted
            .add(&currency, weighted_value(o, settings));
        column.cards.push(o);
    }
    for c in &mut columns {
        let newest_first = c.stage.outcome.is_closed();
        c.cards.sort_by(|a, b| {
            use std::cmp::Ordering::*;
            let by_date = match (close_date(a, settings), close_date(b, settings)) {
                (Some(x), Some(y)) if newest_first => y.cmp(&x),
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Less,
                (None, Some(_)) => Greater,
                (None, None) => Equal,
            };
            by_date
                .then_with(|| fold(&a.title).cmp(&fold(&b.title)))
                .then(a.id.cmp(&b.id))
        });
    }
    columns
}

/// The column totals of [`board`] without the cards.
pub fn column_totals<'a>(
    opportunities: impl IntoIterator<Item = &'a Opportunity>,
    settings: &Settings,
) -> Vec<ColumnTotals> {
    board(opportunities, settings)
        .into_iter()
        .map(|c| c.totals)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::opportunity::tests::{d, opp, T1};

    fn yuan(n: i64) -> i64 {
        n * 100
    }

    #[test]
    fn board_columns_count_total_and_weigh_per_stage() {
        let s = Settings::default();
        let mut a = opp(1, 1, "proposal", 100_000);
        a.expected_close = Some(d(2026, 5, 1));
        let mut b = opp(2, 1, "proposal", 50_000);
        b.expected_close = Some(d(2026, 4, 1));
        let mut usd = opp(3, 1, "proposal", 10_000);
        usd.currency = "USD".into();
        let mut won = opp(4, 1, "won", 30_000);
        won.closed_on = Some(d(2026, 1, 10));
        let mut won_later = opp(7, 1, "won", 0);
        won_later.closed_on = Some(d(2026, 3, 1));
        let mut stray = opp(5, 1, "proposal", 1_000);
        stray.stage = "gone".into();
        let mut trashed = opp(6, 1, "proposal", 999);
        trashed.deleted_at = Some(T1);
        let all = [a, b, usd, won, stray, trashed, won_later];
        let columns = board(&all, &s);
        let ids: Vec<&str> = columns.iter().map(|c| c.stage.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "qualification",
                "needs_analysis",
                "proposal",
                "negotiation",
                "won",
                "lost"
            ]
        );
        let proposal = &columns[2];
        assert_eq!(proposal.totals.count, 3);
        assert_eq!(proposal.totals.total.get("CNY"), yuan(150_000));
        assert_eq!(proposal.totals.weighted.get("CNY"), yuan(75_000));
        // Dollars are never added to yuan.
        assert_eq!(proposal.totals.total.get("USD"), yuan(10_000));
        assert_eq!(proposal.totals.weighted.get("USD"), yuan(5_000));
        let cards: Vec<u128> = proposal.cards.iter().map(|o| o.id.0.as_u128()).collect();
        assert_eq!(cards, vec![2, 1, 3], "soonest close first, undated last");
        // The stray lands in the first open stage; the won deal weighs its full amount.
        assert_eq!(columns[0].totals.count, 1);
        assert_eq!(columns[0].totals.weighted.get("CNY"), yuan(100));
        assert_eq!(columns[4].totals.weighted.get("CNY"), yuan(30_000));
        // Closed columns put the latest close on top.
        let won_ids: Vec<u128> = columns[4].cards.iter().map(|o| o.id.0.as_u128()).collect();
        assert_eq!(won_ids, vec![7, 4], "most recently won first");
        assert_eq!(
            columns[5].totals,
            ColumnTotals {
                stage_id: "lost".into(),
                ..Default::default()
            }
        );
    }
}
