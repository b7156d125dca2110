//! What the list pages share: search, sort, direction and page read from and written to the
//! URL, sortable column headers, the pager and the "n of total" line.

use guanxi_core::customers::query::{SortDir, SortKey};
use guanxi_core::model::url_enum::UrlValue;
use guanxi_core::pipeline::list::OpportunitySortKey;
use leptos::prelude::*;

use crate::i18n::{use_i18n, I18n, K};
use crate::ui::url::{query_param, use_query_setter};

/// A column a list can be sorted by, named in the URL.
pub trait SortColumn: UrlValue + Copy + PartialEq + Send + Sync + 'static {
    /// The direction a first click on the column sorts.
    fn first_dir(&self) -> SortDir;
}

impl SortColumn for SortKey {
    fn first_dir(&self) -> SortDir {
        self.default_dir()
    }
}

impl SortColumn for OpportunitySortKey {
    fn first_dir(&self) -> SortDir {
        self.default_dir()
    }
}

/// What a click on another column does: start ascending and keep the page (customers), or
/// start in the column's own direction and go back to page one (opportunities).
#[derive(Clone, Copy, PartialEq)]
pub enum NewColumn {
    AscendingSamePage,
    OwnDirectionFirstPage,
}

/// A list page's URL state: `q`, `sort`, `dir` and `page`, and a setter for any parameter.
#[derive(Clone, Copy)]
pub struct ListQuery<S: SortColumn> {
    path: &'static str,
    pub search: Memo<String>,
    pub sort: Memo<S>,
    pub dir: Memo<SortDir>,
    page_param: Memo<String>,
    new_column: NewColumn,
}

/// The URL state of the list at `path`, sorted by `default_sort` when the URL names no column.
pub fn use_list_query<S: SortColumn>(
    path: &'static str,
    default_sort: S,
    new_column: NewColumn,
) -> ListQuery<S> {
    let (sort_param, dir_param) = (query_param("sort"), query_param("dir"));
    let sort = Memo::new(move |_| S::parse(&sort_param.get()).unwrap_or(default_sort));
    let dir = Memo::new(move |_| {
        SortDir::parse(&dir_param.get()).unwrap_or_else(|| sort.get().first_dir())
    });
    ListQuery {
        path,
        search: query_param("q"),
        sort,
        dir,
        page_param: query_param("page"),
        new_column,
    }
}

impl<S: SortColumn> ListQuery<S> {
    /// Changes some parameters of this list's URL (see [`use_query_setter`]).
    pub fn setter(&self) -> impl Fn(&[(&'static str, Option<String>)]) + Clone {
        use_query_setter(self.path)
    }

    /// The number of pages for `count` rows, and the page in the URL clamped to them.
    pub fn paging(
        &self,
        count: impl Fn() -> usize + Send + Sync + 'static,
        page_size: usize,
    ) -> (Memo<usize>, Memo<usize>) {
        let page_param = self.page_param;
        let pages = Memo::new(move |_| count().div_ceil(page_size).max(1));
        let page = Memo::new(move |_| {
            page_param
                .get()
                .parse::<usize>()
                .unwrap_or(1)
                .clamp(1, pages.get())
        });
        (pages, page)
    }

    /// The search box: typing writes `q` and goes back to page one.
    pub fn search_box(&self, testid: &'static str, placeholder: K) -> impl IntoView {
        let (i18n, set, search) = (use_i18n(), self.setter(), self.search);
        view! {
            <input class="input search" type="search" data-testid=testid
                aria-label=move || i18n.t(placeholder)
                placeholder=move || i18n.t(placeholder)
                prop:value=move || search.get()
                on:input=move |ev| set(&[("q", Some(event_target_value(&ev))), ("page", None)])/>
        }
    }

    /// A sortable column header; its button's test id is `{prefix}{column}`.
    pub fn header(&self, key: S, label: K, prefix: &'static str) -> impl IntoView {
        let (i18n, set, sort, dir) = (use_i18n(), self.setter(), self.sort, self.dir);
        let new_column = self.new_column;
        let state = move || (sort.get() == key).then(|| dir.get());
        let aria = move || match state() {
            Some(SortDir::Asc) => "ascending",
            Some(SortDir::Desc) => "descending",
            None => "none",
        };
        let click = move |_| {
            let same = sort.get_untracked() == key;
            let next = match (same, dir.get_untracked(), new_column) {
                (true, SortDir::Asc, _) => SortDir::Desc,
                (true, SortDir::Desc, _) | (false, _, NewColumn::AscendingSamePage) => SortDir::Asc,
                (false, _, NewColumn::OwnDirectionFirstPage) => key.first_dir(),
            };
            let mut changes = vec![
                ("sort", Some(key.as_str().to_string())),
                ("dir", Some(next.as_str().to_string())),
            ];
            if new_column == NewColumn::OwnDirectionFirstPage {
                changes.push(("page", None));
            }
            set(&changes);
        };
        view! {
            <th aria-sort=aria>
                <button class="sort" data-testid=format!("{prefix}{}", key.as_str()) on:click=click>
                    {move || i18n.t(label)}
                    <span class="sort-mark" aria-hidden="true">
                        {move || match state() {
                            Some(SortDir::Asc) => "↑",
                            Some(SortDir::Desc) => "↓",
                            None => "",
                        }}
                    </span>
                </button>
            </th>
        }
    }

    /// The sortable headers of `columns`, in order (see [`ListQuery::header`]).
    pub fn headers(&self, columns: &[(S, K)], prefix: &'static str) -> impl IntoView {
        let row: Vec<_> = columns
            .iter()
            .map(|&(key, label)| self.header(key, label, prefix))
            .collect();
        row.collect_view()
    }

    /// The pager, shown when there is more than one page. `test_ids` marks its parts.
    pub fn pager(&self, page: Memo<usize>, pages: Memo<usize>, test_ids: bool) -> impl IntoView {
        let (i18n, set) = (use_i18n(), self.setter());
        let id = move |name: &'static str| test_ids.then_some(name);
        move || {
            (pages.get() > 1).then(|| {
                let (current, set, set2) = (page.get(), set.clone(), set.clone());
                view! {
                    <nav class="pager" aria-label=move || i18n.t(K::Pages)>
                        <button class="btn btn-ghost" data-testid=id("page-prev") disabled={current <= 1}
                            aria-label=move || i18n.t(K::PreviousPage)
                            on:click=move |_| set(&[("page", Some((current - 1).to_string()))])>"‹"</button>
                        <span class="muted" data-testid=id("page-of")>{format!("{current} / {}", pages.get())}</span>
                        <button class="btn btn-ghost" data-testid=id("page-next") disabled={current >= pages.get()}
                            aria-label=move || i18n.t(K::NextPage)
                            on:click=move |_| set2(&[("page", Some((current + 1).to_string()))])>"›"</button>
                    </nav>
                }
            })
        }
    }
}

/// "n items" when nothing is filtered out, else "n of total".
pub fn count_text(i18n: I18n, shown: usize, total: usize, all: K, filtered: K) -> String {
    if shown == total {
        i18n.fmt(all, &[("n", &total.to_string())])
    } else {
        i18n.fmt(
            filtered,
            &[("n", &shown.to_string()), ("total", &total.to_string())],
        )
    }
}
