//! The knowledge base (知识库): short articles the service desk searches while handling a case.
//! A case cites the article that solved it, which is how the most useful articles surface.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::customers::query::facet_key;
use crate::model::form::{join_tags, Errors};
use crate::model::ids::{Id, Timestamp};
use crate::model::records::{record, Record};
use crate::model::validate::{Field, FieldError, NAME_MAX, TEXT_MAX};
use crate::service::case::ServiceCase;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: Id,
    #[serde(default)]
    pub created_at: Timestamp,
    #[serde(default)]
    pub updated_at: Timestamp,
    #[serde(default)]
    pub deleted_at: Option<Timestamp>,
    #[serde(default)]
    pub rev: u32,

    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub tags: Vec<String>,
}
// An article belongs to no customer: the nil id, which no customer has, so no customer's
// trash or merge ever takes an article with it.
record!(Article, Article, |_s| Id::from_u128(0));

/// An article as the form edits it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleForm {
    pub title: String,
    pub body: String,
    /// Separated like a customer's tags.
    pub tags: String,
}

impl ArticleForm {
    pub fn from_record(a: &Article) -> Self {
        ArticleForm {
            title: a.title.clone(),
            body: a.body.clone(),
            tags: join_tags(&a.tags),
        }
    }

    fn apply(&self, mut a: Article) -> Result<Article, Vec<FieldError>> {
        let mut e = Errors::default();
        a.title = e.required_text(Field::Subject, &self.title, NAME_MAX);
        a.body = e.required_text(Field::Description, &self.body, TEXT_MAX);
        a.tags = e.tags(&self.tags);
        e.finish(a)
    }
}

/// A new article, or `existing` edited (bumping its revision).
pub fn save_article(
    form: &ArticleForm,
    existing: Option<&Article>,
    id: Id,
    now: Timestamp,
) -> Result<Article, Vec<FieldError>> {
    match existing {
        Some(a) => {
            let mut a = form.apply(a.clone())?;
            a.touch(now);
            Ok(a)
        }
        None => form.apply(Article {
            id,
            created_at: now,
            updated_at: now,
            deleted_at: None,
            rev: 1,
            title: String::new(),
            body: String::new(),
            tags: Vec::new(),
        }),
    }
}

/// Live articles matching every word of `query` (case and width folded) in the title, tags
/// or body; those matching in the title first, then by title. A blank query lists them all.
pub fn search_articles<'a>(articles: &'a [Article], query: &str) -> Vec<&'a Article> {
    let words: Vec<String> = query.split_whitespace().map(facet_key).collect();
    let mut hits: Vec<(bool, &Article)> = articles
        .iter()
        .filter(|a| a.is_live())
        .filter_map(|a| {
            let title = facet_key(&a.title);
            let rest = format!("{} {}", facet_key(&a.tags.join(" ")), facet_key(&a.body));
            let all = words
                .iter()
                .all(|w| title.contains(w.as_str()) || rest.contains(w.as_str()));
            let in_title = words.iter().all(|w| title.contains(w.as_str()));
            all.then_some((in_title, a))
        })
        .collect();
    hits.sort_by(|(t1, a1), (t2, a2)| t2.cmp(t1).then_with(|| a1.title.cmp(&a2.title)));
    hits.into_iter().map(|(_, a)| a).collect()
}

/// Live articles cited by live cases, most cited first (ties by title), with the citing cases.
pub fn most_cited<'a>(
    articles: &'a [Article],
    cases: &[ServiceCase],
) -> Vec<(&'a Article, Vec<Id>)> {
    let mut citing: HashMap<Id, Vec<Id>> = HashMap::new();
    for c in cases.iter().filter(|c| c.is_live()) {
        if let Some(a) = c.article_id {
            citing.entry(a).or_default().push(c.id);
        }
    }
    let mut out: Vec<(&Article, Vec<Id>)> = articles
        .iter()
        .filter(|a| a.is_live())
        .filter_map(|a| citing.remove(&a.id).map(|ids| (a, ids)))
        .collect();
    out.sort_by(|(a1, c1), (a2, c2)| {
        c2.len()
            .cmp(&c1.len())
            .then_with(|| a1.title.cmp(&a2.title))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::Problem;

    const NOW: Timestamp = Timestamp(1_000);

    fn article(n: u128, title: &str, body: &str, tags: &str) -> Article {
        let form = ArticleForm {
            title: title.into(),
            body: body.into(),
            tags: tags.into(),
        };
        save_article(&form, None, Id::from_u128(n), NOW).unwrap()
    }

    #[test]
    fn articles_are_found_by_every_word_title_first() {
        let a = article(
            1,
            "冰箱不制冷的排查",
            "先检查温控器，再检查压缩机。",
            "冰箱, 制冷",
        );
        let b = article(2, "压缩机更换流程", "断电后拆下旧压缩机。", "维修");
        let c = article(
            3,
            "Warranty terms",
            "Two years on parts; FULL refund within 7 days.",
            "policy",
        );
        let mut gone = article(4, "旧的压缩机说明", "已作废", "");
        gone.deleted_at = Some(NOW);
        let all = vec![a, b, c, gone];
        let titles = |q: &str| -> Vec<String> {
            search_articles(&all, q)
                .iter()
                .map(|a| a.title.clone())
                .collect()
        };
        // In the title first ("压缩机更换流程"), then in the body; the trashed one never.
        assert_eq!(titles("压缩机"), vec!["压缩机更换流程", "冰箱不制冷的排查"]);
        assert_eq!(titles("冰箱 温控器"), vec!["冰箱不制冷的排查"]);
        assert_eq!(titles("ｆｕｌｌ REFUND"), vec!["Warranty terms"]);
        assert_eq!(titles("维修"), vec!["压缩机更换流程"]);
        assert_eq!(titles("  ").len(), 3);
        assert!(titles("洗衣机").is_empty());
    }

    #[test]
    fn the_form_needs_a_title_and_a_body_and_edits_bump_the_revision() {
        let empty = ArticleForm::default();
        let errs = save_article(&empty, None, Id::from_u128(1), NOW).unwrap_err();
        let got: Vec<(Field, Problem)> = errs.iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            got,
            vec![
                (Field::Subject, Problem::Required),
                (Field::Description, Problem::Required)
            ]
        );
        let a = article(1, "标题", "正文", "甲、乙");
        assert_eq!(a.tags, vec!["甲", "乙"]);
        let mut form = ArticleForm::from_record(&a);
        form.title = "新标题".into();
        let edited = save_article(&form, Some(&a), Id::from_u128(9), Timestamp(2_000)).unwrap();
        assert_eq!(
            (edited.id, edited.rev, edited.title.as_str()),
            (a.id, 2, "新标题")
        );
    }

    #[test]
    fn most_cited_counts_live_cases() {
        use crate::service::commands::blank_case;
        let a = article(1, "A", "a", "");
        let b = article(2, "B", "b", "");
        let unused = article(3, "C", "c", "");
        let case = |n: u128, cite: u128, trashed: bool| {
            let mut k = blank_case(Id::from_u128(n), Id::from_u128(99), Default::default(), NOW);
            k.article_id = Some(Id::from_u128(cite));
            k.deleted_at = trashed.then_some(NOW);
            k
        };
        let cases = vec![
            case(10, 2, false),
            case(11, 1, false),
            case(12, 2, false),
            case(13, 1, true),
            case(14, 7, false),
        ];
        let articles = vec![a, b, unused];
        let top: Vec<(u128, Vec<Id>)> = most_cited(&articles, &cases)
            .into_iter()
            .map(|(a, ids)| (a.id.0.as_u128(), ids))
            .collect();
        assert_eq!(
            top,
            vec![
                (2, vec![Id::from_u128(10), Id::from_u128(12)]),
                (1, vec![Id::from_u128(11)])
            ]
        );
    }
}
