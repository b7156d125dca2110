//! The one translation layer. Every user-visible string is a [`K`] key with its Chinese and
//! English text side by side, so a missing translation is a compile error, not a blank label.

use guanxi_core::store::StoreError;
use guanxi_core::validate::{Field, Problem};
use guanxi_core::{
    CustomerKind, FollowUpStatus, InteractionKind, Label, Lifecycle, SizeBand, ValueClass,
};
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    ZhCn,
    En,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>` and the stored preference.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.to_ascii_lowercase();
        if tag.starts_with("zh") {
            Some(Lang::ZhCn)
        } else if tag.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

macro_rules! keys {
    ($($key:ident => ($zh:expr, $en:expr),)*) => {
        /// A translatable text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum K { $($key,)* }

        impl K {
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((K::$key, Lang::ZhCn) => $zh, (K::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

keys! {
    AppName => ("关系 CRM", "Guanxi CRM"),
    NavCustomers => ("客户", "Customers"),
    NavFollowUps => ("跟进", "Follow-ups"),
    NavSettings => ("设置", "Settings"),
    SkipToContent => ("跳到主要内容", "Skip to content"),
    Language => ("语言", "Language"),
    Theme => ("外观", "Theme"),
    ThemeSystem => ("跟随系统", "System"),
    ThemeLight => ("浅色", "Light"),
    ThemeDark => ("深色", "Dark"),
    Loading => ("加载中…", "Loading…"),

    CustomersTitle => ("客户", "Customers"),
    NewCustomer => ("新建客户", "New customer"),
    SearchPlaceholder => ("搜索名称、公司、电话、邮箱、标签…", "Search name, company, phone, email, tags…"),
    CustomerCount => ("共 {n} 位客户", "{n} customers"),
    CustomerCountFiltered => ("{n} / {total} 位客户", "{n} of {total} customers"),
    EmptyCustomersTitle => ("还没有客户", "No customers yet"),
    EmptyCustomersBody => ("新建第一位客户，开始记录你的客户关系。", "Create your first customer to start keeping track of your relationships."),
    NoMatchTitle => ("没有匹配的客户", "No matching customers"),
    NoMatchBody => ("换个关键词试试。", "Try another search."),

    FieldName => ("名称", "Name"),
    FieldKind => ("类型", "Type"),
    FieldCompany => ("公司", "Company"),
    FieldIndustry => ("行业", "Industry"),
    FieldSize => ("规模", "Size"),
    FieldRegion => ("地区", "Region"),
    FieldSource => ("来源", "Source"),
    FieldTags => ("标签", "Tags"),
    FieldTagsHint => ("用逗号分隔", "Separate with commas"),
    FieldLifecycle => ("生命周期", "Lifecycle stage"),
    FieldValueClass => ("价值等级", "Value class"),
    FieldOwner => ("负责人", "Owner"),
    FieldPhones => ("电话", "Phones"),
    FieldEmails => ("邮箱", "E-mails"),
    FieldAddress => ("地址", "Address"),
    FieldBirthday => ("生日", "Birthday"),
    FieldNotes => ("备注", "Notes"),
    FieldTitle => ("职务", "Title"),
    FieldDepartment => ("部门", "Department"),
    FieldReportsTo => ("上级", "Reports to"),
    FieldCustomer => ("客户", "Customer"),
    FieldContact => ("联系人", "Contact"),
    FieldWhen => ("时间", "When"),
    FieldSummary => ("内容", "Summary"),
    FieldOutcome => ("结果", "Outcome"),
    FieldDue => ("日期", "Due"),
    FieldTime => ("时间", "Time"),
    FieldPurpose => ("目的", "Purpose"),
    FieldPlace => ("地点", "Place"),
    FieldResult => ("结果", "Result"),
    FieldStatus => ("状态", "Status"),
    FieldUpdated => ("更新于", "Updated"),
    FieldArchived => ("已归档", "Archived"),

    AddPhone => ("添加电话", "Add phone"),
    AddEmail => ("添加邮箱", "Add e-mail"),
    Remove => ("移除", "Remove"),
    Save => ("保存", "Save"),
    Saving => ("保存中…", "Saving…"),
    Cancel => ("取消", "Cancel"),
    Edit => ("编辑", "Edit"),
    Close => ("关闭", "Close"),
    Saved => ("已保存", "Saved"),
    FixErrors => ("请修正标出的字段后再保存。", "Please fix the marked fields, then save."),
    NewCustomerTitle => ("新建客户", "New customer"),
    EditCustomerTitle => ("编辑客户", "Edit customer"),
    BackToList => ("返回客户列表", "Back to customers"),
    NotFoundTitle => ("找不到该页面或记录", "Page or record not found"),
    NotFoundBody => ("它可能已被删除，或链接有误。", "It may have been deleted, or the link is wrong."),

    Profile => ("基本资料", "Profile"),
    Contacts => ("联系人", "Contacts"),
    Timeline => ("往来记录", "Timeline"),
    NoContacts => ("还没有联系人。", "No contacts yet."),
    NoTimeline => ("还没有往来记录或跟进。", "No interactions or follow-ups yet."),
    Created => ("创建于", "Created"),
    NotSet => ("未填写", "Not set"),

    FollowUpsTitle => ("跟进计划", "Follow-ups"),
    Overdue => ("已逾期", "Overdue"),
    DueToday => ("今天", "Today"),
    Next7Days => ("未来 7 天", "Next 7 days"),
    NoFollowUpsTitle => ("没有待办跟进", "Nothing to follow up"),
    NoFollowUpsBody => ("在客户详情页安排下一次联系。", "Plan the next contact from a customer's page."),

    SettingsTitle => ("设置", "Settings"),
    Preferences => ("偏好", "Preferences"),
    StorageTitle => ("本地存储", "Storage on this device"),
    StorageExplain => ("所有数据只保存在本浏览器中。请定期导出备份。", "All data is kept in this browser only. Export a backup regularly."),
    StorageUsage => ("已用 {used} / 可用 {quota}", "{used} used of {quota} available"),
    StorageUnknown => ("此浏览器不提供用量信息。", "This browser does not report usage."),
    PersistGranted => ("已获准持久保存：浏览器不会自动清除这些数据。", "Persistent storage granted: the browser will not clear this data on its own."),
    PersistNotGranted => ("未获准持久保存：空间不足时浏览器可能清除数据。", "Persistent storage not granted: the browser may clear this data when space runs low."),
    RequestPersist => ("申请持久保存", "Ask for persistent storage"),
    DatabaseVersion => ("数据库版本", "Database version"),

    ErrQuota => ("存储空间已满，未能保存。请导出备份并清理数据或释放磁盘空间。", "Storage is full, so this was not saved. Export a backup and free some space."),
    ErrUnavailable => ("无法打开本地数据库：{detail}", "The local database could not be opened: {detail}"),
    ErrVersionTooNew => ("数据由更新版本的关系 CRM 写入。请刷新页面以更新。", "This data was written by a newer version of Guanxi. Reload the page to update."),
    ErrBlocked => ("另一个标签页正在使用旧版本数据库。请关闭其他标签页后刷新。", "Another tab holds an older version of the database open. Close other tabs, then reload."),
    ErrClosed => ("数据库连接已断开，未能保存。请刷新页面。", "The database connection was lost, so this was not saved. Reload the page."),
    ErrData => ("数据无法读写：{detail}", "Data could not be read or written: {detail}"),
    ErrAborted => ("保存失败，未写入任何内容（{detail}）。", "Saving failed and nothing was written ({detail})."),
    NothingSavedBanner => ("本地存储不可用：此页面上的任何修改都不会被保存。", "Local storage is unavailable: nothing you change on this page will be saved."),

    ProblemRequired => ("必填", "Required"),
    ProblemTooLong => ("太长（最多 {max} 个字符）", "Too long (at most {max} characters)"),
    ProblemEmail => ("邮箱格式不正确", "Not a valid e-mail address"),
    ProblemPhone => ("电话号码格式不正确", "Not a valid phone number"),
    ProblemDate => ("日期无效（例如 2026-05-01）", "Not a valid date (e.g. 2026-05-01)"),
    ProblemTime => ("时间无效（例如 09:30）", "Not a valid time (e.g. 09:30)"),
    ProblemFuture => ("不能是将来的日期", "Cannot be in the future"),
    ProblemSelf => ("不能选择自己", "Cannot refer to itself"),

    KindCompany => ("企业客户", "Company"),
    KindPerson => ("个人客户", "Person"),
    SizeUnknown => ("未知", "Unknown"),
    SizeMicro => ("微型（1–9 人）", "Micro (1–9)"),
    SizeSmall => ("小型（10–49 人）", "Small (10–49)"),
    SizeMedium => ("中型（50–249 人）", "Medium (50–249)"),
    SizeLarge => ("大型（250–999 人）", "Large (250–999)"),
    SizeEnterprise => ("特大型（1000 人以上）", "Enterprise (1000+)"),
    StageProspect => ("潜在客户", "Prospect"),
    StageDevelopment => ("考察期", "Development"),
    StageGrowth => ("形成期", "Growth"),
    StageMaturity => ("稳定期", "Maturity"),
    StageDecline => ("退化期", "Decline"),
    StageTermination => ("终止", "Terminated"),
    ClassA => ("A 类（重要）", "A (key)"),
    ClassB => ("B 类（主要）", "B (major)"),
    ClassC => ("C 类（普通）", "C (regular)"),
    LabelWork => ("工作", "Work"),
    LabelMobile => ("手机", "Mobile"),
    LabelHome => ("家庭", "Home"),
    LabelFax => ("传真", "Fax"),
    LabelOther => ("其他", "Other"),
    InterCall => ("电话", "Call"),
    InterVisit => ("拜访", "Visit"),
    InterMeeting => ("会议", "Meeting"),
    InterEmail => ("邮件", "E-mail"),
    InterMessage => ("消息", "Message"),
    InterOther => ("其他", "Other"),
    StatusOpen => ("待办", "Open"),
    StatusDone => ("已完成", "Done"),
    StatusCancelled => ("已取消", "Cancelled"),
}

/// The current language, provided as context at the root.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    pub fn lang(&self) -> Lang {
        self.0.get()
    }

    /// The text for `key` in the current language; reactive when called inside a view closure.
    pub fn t(&self, key: K) -> &'static str {
        key.text(self.0.get())
    }

    /// Like [`I18n::t`], replacing `{name}` placeholders.
    pub fn fmt(&self, key: K, args: &[(&str, &str)]) -> String {
        args.iter()
            .fold(self.t(key).to_string(), |s, (name, value)| {
                s.replace(&format!("{{{name}}}"), value)
            })
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Enumerations the UI shows by name.
pub trait Labelled {
    fn key(&self) -> K;
}

macro_rules! labelled {
    ($ty:ty { $($variant:ident => $key:ident),* $(,)? }) => {
        impl Labelled for $ty {
            fn key(&self) -> K {
                match self { $(<$ty>::$variant => K::$key,)* }
            }
        }
    };
}

labelled!(CustomerKind { Company => KindCompany, Person => KindPerson });
labelled!(SizeBand {
    Unknown => SizeUnknown, Micro => SizeMicro, Small => SizeSmall,
    Medium => SizeMedium, Large => SizeLarge, Enterprise => SizeEnterprise,
});
labelled!(Lifecycle {
    Prospect => StageProspect, Development => StageDevelopment, Growth => StageGrowth,
    Maturity => StageMaturity, Decline => StageDecline, Termination => StageTermination,
});
labelled!(ValueClass { A => ClassA, B => ClassB, C => ClassC });
labelled!(Label { Work => LabelWork, Mobile => LabelMobile, Home => LabelHome, Fax => LabelFax, Other => LabelOther });
labelled!(InteractionKind {
    Call => InterCall, Visit => InterVisit, Meeting => InterMeeting,
    Email => InterEmail, Message => InterMessage, Other => InterOther,
});
labelled!(FollowUpStatus { Open => StatusOpen, Done => StatusDone, Cancelled => StatusCancelled });

/// A validation problem as a sentence in the current language.
pub fn problem_text(i18n: I18n, problem: &Problem) -> String {
    match problem {
        Problem::Required => i18n.t(K::ProblemRequired).into(),
        Problem::TooLong { max } => i18n.fmt(K::ProblemTooLong, &[("max", &max.to_string())]),
        Problem::InvalidEmail => i18n.t(K::ProblemEmail).into(),
        Problem::InvalidPhone => i18n.t(K::ProblemPhone).into(),
        Problem::InvalidDate => i18n.t(K::ProblemDate).into(),
        Problem::InvalidTime => i18n.t(K::ProblemTime).into(),
        Problem::DateInFuture => i18n.t(K::ProblemFuture).into(),
        Problem::SelfReference => i18n.t(K::ProblemSelf).into(),
    }
}

/// The label of the form field a validation error points at.
pub fn field_key(field: &Field) -> K {
    match field {
        Field::Name => K::FieldName,
        Field::Company => K::FieldCompany,
        Field::Industry => K::FieldIndustry,
        Field::Region => K::FieldRegion,
        Field::Source => K::FieldSource,
        Field::Owner => K::FieldOwner,
        Field::Tags => K::FieldTags,
        Field::Phone(_) => K::FieldPhones,
        Field::Email(_) => K::FieldEmails,
        Field::Address => K::FieldAddress,
        Field::Birthday => K::FieldBirthday,
        Field::Notes => K::FieldNotes,
        Field::Title => K::FieldTitle,
        Field::Department => K::FieldDepartment,
        Field::ReportsTo => K::FieldReportsTo,
        Field::Customer => K::FieldCustomer,
        Field::Contact => K::FieldContact,
        Field::At => K::FieldWhen,
        Field::Summary => K::FieldSummary,
        Field::Outcome => K::FieldOutcome,
        Field::Due => K::FieldDue,
        Field::Time => K::FieldTime,
        Field::Purpose => K::FieldPurpose,
        Field::Place => K::FieldPlace,
        Field::Result => K::FieldResult,
    }
}

/// A storage failure as a sentence the user can act on.
pub fn store_error_text(i18n: I18n, error: &StoreError) -> String {
    match error {
        StoreError::QuotaExceeded => i18n.t(K::ErrQuota).into(),
        StoreError::Unavailable(detail) => i18n.fmt(K::ErrUnavailable, &[("detail", detail)]),
        StoreError::VersionTooNew { .. } => i18n.t(K::ErrVersionTooNew).into(),
        StoreError::Blocked => i18n.t(K::ErrBlocked).into(),
        StoreError::Closed => i18n.t(K::ErrClosed).into(),
        StoreError::Data(detail) => i18n.fmt(K::ErrData, &[("detail", detail)]),
        StoreError::Aborted { name, message } => {
            i18n.fmt(K::ErrAborted, &[("detail", &format!("{name}: {message}"))])
        }
    }
}
