//! The campaign list (`/campaigns`): every campaign with its dates, members, cost and ROI,
//! latest first.

use guanxi_core::analysis::scope::default_currency;
use guanxi_core::marketing::roi::campaign_figures;
use guanxi_core::marketing::Campaign;
use guanxi_core::model::money::format_money;
use leptos::prelude::*;

use crate::features::marketing::campaign::{roi_text, status_key};
use crate::features::marketing::{MarketingTabs, MarketingView};
use crate::i18n::{Labelled, K};
use crate::platform::clock;
use crate::ui::empty::EmptyState;
use crate::ui::link::A;
use crate::ui::save::{use_kit, Kit};

/// One row of the list, computed once per change of the records it reads.
#[derive(Clone, PartialEq)]
struct Row {
    campaign: Campaign,
    members: u64,
    cost: String,
    won: String,
    roi: String,
}

#[component]
pub fn CampaignListPage() -> impl IntoView {
    let Kit { i18n, data, .. } = use_kit();
    let rows = Memo::new(move |_| {
        let settings = data.settings.get();
        let currency = default_currency(&settings);
        let mut list: Vec<Campaign> = data.live_campaigns(|all| all.cloned().collect());
        list.sort_by(|a, b| {
            b.starts
                .cmp(&a.starts)
                .then(b.created_at.cmp(&a.created_at))
        });
        data.customers.with(|customers| {
            data.opportunities.with(|deals| {
                list.into_iter()
                    .map(|c| {
                        let f = campaign_figures(&c, customers, deals, &settings);
                        Row {
                            members: f.members,
                            cost: format_money(f.cost, &currency),
                            won: format_money(f.won_amount, &currency),
                            roi: roi_text(f.roi),
                            campaign: c,
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let today = clock::today();
    view! {
        <div class="page-head">
            <h1>{move || i18n.t(K::CampaignsTitle)}</h1>
            <div class="actions">
                <MarketingTabs current=MarketingView::Campaigns/>
                <A href="/campaigns/new" attr:class="btn btn-primary" attr:data-testid="new-campaign">{move || i18n.t(K::CampaignNew)}</A>
            </div>
        </div>
        {move || {
            let rows = rows.get();
            if rows.is_empty() {
                return view! {
                    <EmptyState
                        title=Signal::derive(move || i18n.t(K::CampaignsTitle).to_string())
                        body=Signal::derive(move || i18n.t(K::CampaignsEmpty).to_string())
                    />
                }.into_any();
            }
            view! {
                <section class="card table-wrap" tabindex="0">
                    <table class="table" data-testid="campaign-table">
                        <thead><tr>
                            <th>{i18n.t(K::CampaignName)}</th>
                            <th>{i18n.t(K::CampaignKindLabel)}</th>
                            <th>{i18n.t(K::CampaignStarts)}</th>
                            <th class="num">{i18n.t(K::MembersTitle)}</th>
                            <th class="num">{i18n.t(K::CostsTitle)}</th>
                            <th class="num">{i18n.t(K::FigureWonAmount)}</th>
                            <th class="num">{i18n.t(K::FigureRoi)}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|r| {
                                let c = r.campaign;
                                let status = i18n.t(status_key(&c, today));
                                view! {
                                    <tr data-testid="campaign-row">
                                        <td>
                                            <A href=format!("/campaigns/{}", c.id)>{c.name.clone()}</A>
                                            " "<span class="badge">{status}</span>
                                        </td>
                                        <td>{i18n.t(c.kind.key())}</td>
                                        <td>{c.starts.map(|d| d.to_string()).unwrap_or_default()}</td>
                                        <td class="num">{r.members}</td>
                                        <td class="num">{r.cost}</td>
                                        <td class="num">{r.won}</td>
                                        <td class="num" data-testid="campaign-roi">{r.roi}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            }.into_any()
        }}
    }
}
