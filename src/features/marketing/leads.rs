//! Importing a lead list into a campaign: trade-fair business cards as CSV or vCard, matched
//! against the stored customers, previewed, then written with the campaign in one transaction.

use guanxi_core::customers::duplicates::MatchReason;
use guanxi_core::io::csv_import::{detect_delimiter, detect_encoding, parse_table, Target};
use guanxi_core::io::vcard::parse_vcards;
use guanxi_core::marketing::campaign::{add_members, MemberSource};
use guanxi_core::marketing::leads::{
    lead_mapping, leads_from_table, leads_from_vcards, plan_leads, Lead, LeadContext, LeadOutcome,
    LeadPlan,
};
use guanxi_core::marketing::Campaign;
use guanxi_core::Id;
use leptos::prelude::*;

use crate::features::data::csv_import::{csv_error_text, decode};
use crate::features::marketing::campaign::latest;
use crate::i18n::{field_error_text, target_key, I18n, K};
use crate::platform::clock;
use crate::state::Change;
use crate::ui::file_pick::{chosen_file, file_card_head, file_error, read_file};
use crate::ui::save::{use_kit, Kit};

/// Outcomes listed in the preview; the counts cover the whole list.
const PREVIEW: usize = 20;

/// The leads in a file, and the columns a CSV was read from (none for vCards).
fn read_leads(i18n: I18n, bytes: &[u8]) -> Result<(Vec<Lead>, Vec<Target>), String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_uppercase();
    if head.contains("BEGIN:VCARD") {
        let text = String::from_utf8_lossy(bytes);
        let cards = parse_vcards(&text).map_err(|_| i18n.t(K::VCardNotVCard).to_string())?;
        return Ok((leads_from_vcards(&cards), Vec::new()));
    }
    let text = decode(bytes, detect_encoding(bytes))
        .ok_or_else(|| i18n.t(K::CsvEncodingFailed).to_string())?;
    let table =
        parse_table(&text, detect_delimiter(&text)).map_err(|e| csv_error_text(i18n, &e))?;
    let mapping = lead_mapping(&table.headers);
    let read: Vec<Target> = mapping
        .iter()
        .copied()
        .filter(|t| !matches!(t, Target::Ignore))
        .collect();
    let names = [
        Target::Name,
        Target::GivenName,
        Target::FamilyName,
        Target::ContactName,
        Target::Company,
    ];
    if !read.iter().any(|t| names.contains(t)) {
        return Err(i18n.t(K::LeadsNoColumns).to_string());
    }
    Ok((leads_from_table(&table, &mapping), read))
}

fn plan(data: crate::state::Data, c: &Campaign, leads: &[Lead]) -> LeadPlan {
    let ctx = LeadContext {
        source: &c.name,
        owner: &c.owner,
        now: clock::now(),
        today: clock::today(),
    };
    data.customers.with_untracked(|all| {
        data.contacts
            .with_untracked(|contacts| plan_leads(leads, all, contacts, &ctx, &mut Id::random))
    })
}

fn outcome_text(i18n: I18n, outcome: &LeadOutcome) -> String {
    match outcome {
        LeadOutcome::Existing { reasons, .. } => {
            let why: Vec<&str> = reasons
                .iter()
                .map(|r| {
                    i18n.t(match r {
                        MatchReason::Name => K::MatchByName,
                        MatchReason::Phone => K::MatchByPhone,
                        MatchReason::Email => K::MatchByEmail,
                    })
                })
                .collect();
            i18n.fmt(K::LeadExistingWhy, &[("why", &i18n.join(why))])
        }
        LeadOutcome::New { .. } => i18n.t(K::LeadNew).to_string(),
        LeadOutcome::NoName => i18n.t(K::LeadNoName).to_string(),
        LeadOutcome::Invalid(errors) => i18n.fmt(
            K::LeadInvalid,
            &[(
                "problem",
                &errors
                    .first()
                    .map(|e| field_error_text(i18n, e))
                    .unwrap_or_default(),
            )],
        ),
    }
}

#[component]
pub fn LeadImport(id: Id, campaign: Memo<Option<Campaign>>) -> impl IntoView {
    let Kit {
        i18n,
        data,
        toasts,
        saver,
    } = use_kit();
    let input = NodeRef::<leptos::html::Input>::new();
    let error = RwSignal::new(None::<String>);
    let leads = RwSignal::new(None::<(Vec<Lead>, Vec<Target>)>);
    let on_file = move |_| {
        let Some(file) = chosen_file(input) else {
            return;
        };
        error.set(None);
        leads.set(None);
        leptos::task::spawn_local(async move {
            let read = match read_file(i18n, file).await {
                Ok(bytes) => read_leads(i18n, &bytes),
                Err(message) => Err(message),
            };
            match read {
                Ok((l, _)) if l.is_empty() => error.set(Some(i18n.t(K::LeadsEmpty).into())),
                Ok(found) => leads.set(Some(found)),
                Err(message) => error.set(Some(message)),
            }
        });
    };
    // The preview is planned against the records as they are; the import plans again.
    let preview = Memo::new(move |_| {
        data.customers.track();
        data.contacts.track();
        let c = campaign.get()?;
        leads.with(|l| {
            l.as_ref()
                .map(|(l, cols)| (plan(data, &c, l), l.len(), cols.clone()))
        })
    });
    let confirm = move |_| {
        let (Some(c), Some((found, _))) = (latest(data, id), leads.get_untracked()) else {
            return;
        };
        if saver.busy() {
            return;
        }
        let p = plan(data, &c, &found);
        let added = add_members(
            &c,
            &p.members,
            MemberSource::LeadList,
            clock::today(),
            clock::now(),
        );
        let (created, existing, members) = (p.created, p.existing, added.added);
        let batch = p.batch.put(added.campaign);
        saver.commit(Change::Edit(batch), move |_| {
            leads.set(None);
            if let Some(el) = input.get_untracked() {
                el.set_value("");
            }
            toasts.success(i18n.fmt(
                K::LeadsImported,
                &[
                    ("created", &created.to_string()),
                    ("existing", &existing.to_string()),
                    ("members", &members.to_string()),
                ],
            ));
        });
    };
    view! {
        <section class="card" data-testid="leads-card">
            {file_card_head(K::LeadsImport, K::LeadsImportHint, ".csv,.txt,.vcf,text/csv,text/vcard", input, "leads-file", on_file)}
            {file_error(error, "leads-error")}
            {move || preview.get().map(|(p, n, cols)| view! {
                <p data-testid="leads-preview">{i18n.fmt(K::LeadsPreview, &[
                    ("leads", &n.to_string()), ("existing", &p.existing.to_string()),
                    ("created", &p.created.to_string()), ("refused", &p.refused.to_string()),
                ])}</p>
                {(!cols.is_empty()).then(|| view! {
                    <p class="muted small">{i18n.fmt(K::LeadsColumns, &[("columns", &i18n.join(cols.iter().map(|t| i18n.t(target_key(*t)))))])}</p>
                })}
                <ul class="list small" data-testid="leads-outcomes">
                    {p.outcomes.iter().take(PREVIEW).map(|(line, o)| view! {
                        <li><span class="muted">{format!("#{line}")}</span>" "{outcome_text(i18n, o)}</li>
                    }).collect_view()}
                </ul>
                <div class="form-actions">
                    <button type="button" class="btn btn-primary" data-testid="leads-confirm" disabled=move || saver.pending()
                        on:click=confirm>{i18n.t(K::LeadsConfirm)}</button>
                </div>
            })}
        </section>
    }
}
