//! The one translation layer. Every user-visible string is a [`K`] key with its Chinese and
//! English text side by side, so a missing translation is a compile error, not a blank label.

use guanxi_core::model::validate::{Field, Problem};
use guanxi_core::store::StoreError;
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

    // Sales opportunities (issue 6): board, list, form, forecast, pipeline settings.
    NavOpportunities => ("商机", "Opportunities"),
    ViewBoard => ("看板", "Board"),
    ViewList => ("列表", "List"),
    ViewForecast => ("销售预测", "Forecast"),
    NewOpportunity => ("新建商机", "New opportunity"),
    EditOpportunity => ("编辑商机", "Edit opportunity"),
    BackToOpportunities => ("返回商机", "Back to opportunities"),
    OppCount => ("共 {n} 个商机", "{n} opportunities"),
    OppCountFiltered => ("{n} / {total} 个商机", "{n} of {total} opportunities"),
    ColumnCount => ("{n} 个", "{n}"),
    ColumnTotal => ("金额", "Total"),
    ColumnWeighted => ("加权", "Weighted"),
    ProbabilityOverridden => ("手动调整", "overridden"),
    ProbabilityOverriddenTitle => ("成交概率已手动调整，不再随阶段变化（阶段默认 {p}%）", "Probability set by hand; it no longer follows the stage (stage default {p}%)"),
    ProbabilityDefaultHint => ("留空则使用阶段默认值（{p}%）", "Leave blank to use the stage default ({p}%)"),
    UseStageDefault => ("恢复阶段默认", "Use stage default"),
    Stale => ("停滞", "Stale"),
    StaleTitle => ("超过 {n} 天没有进展", "No activity for more than {n} days"),
    MoveTo => ("移动到…", "Move to…"),
    MoveToLabel => ("把“{title}”移动到", "Move “{title}” to"),
    BoardHint => ("拖动卡片到其他列；手机上按住卡片右上角的拖动柄；也可用每张卡片的“移动到…”，或在卡片上按 ← → 键。", "Drag a card to another column (on a phone, use the grip at its top right), pick a stage under “Move to…”, or press ← and → on a focused card."),
    MovedTo => ("已移到“{stage}”", "Moved to “{stage}”"),
    EmptyColumn => ("暂无商机", "Nothing here"),
    CardClose => ("预计 {date}", "Close {date}"),
    CardClosed => ("{date} 结束", "Closed {date}"),
    WinTitle => ("赢单：{title}", "Won: {title}"),
    LoseTitle => ("输单：{title}", "Lost: {title}"),
    ReasonPlaceholder => ("请选择原因", "Pick a reason"),
    ReasonNote => ("补充说明（可选）", "Details (optional)"),
    ClosedToday => ("结束日期记为今天（{date}）。", "The close date is recorded as today ({date})."),
    ConfirmMove => ("确定", "Confirm"),
    WinLifecycleTitle => ("同时更新客户阶段？", "Update the customer's stage too?"),
    WinLifecycleBody => ("“{customer}”目前是{from}。赢单后是否转为{to}？", "“{customer}” is a {from}. Now that the deal is won, move them to {to}?"),
    WinLifecycleYes => ("转为{to}", "Move to {to}"),
    WinLifecycleNo => ("客户保持不变", "Leave the customer as is"),
    CustomerMovedTo => ("客户已转为{to}", "Customer moved to {to}"),
    FilterCloseMonth => ("成交月份", "Close month"),
    OppStatusOpen => ("进行中", "Open"),
    OppStatusWon => ("赢单", "Won"),
    OppStatusLost => ("输单", "Lost"),
    OppStatusClosed => ("已结束", "Closed"),
    NoDate => ("未定日期", "No date"),
    SearchOpportunities => ("搜索商机名称、客户、来源、竞争对手…", "Search title, customer, source, competitors…"),
    NoOpportunitiesTitle => ("还没有商机", "No opportunities yet"),
    NoOpportunitiesBody => ("新建商机，跟踪它的阶段、金额和成交概率。", "Create an opportunity to track its stage, amount and probability."),
    NoMatchingOpportunities => ("没有符合筛选条件的商机", "No opportunities match the filters"),
    NoCustomerOpportunities => ("还没有商机。", "No opportunities yet."),
    PickCustomer => ("请选择客户", "Pick a customer"),
    ForecastTitle => ("销售预测", "Sales forecast"),
    ForecastExplain => ("加权金额 = 金额 × 成交概率。进行中的商机按预计成交月份计入，赢单按实际结束月份计入。不同币种分别合计，不做换算。", "Weighted = amount × probability. Open deals count in their expected close month, won deals in the month they closed. Each currency is totalled on its own, never converted."),
    ForecastByMonth => ("按成交月份", "By close month"),
    ForecastMonth => ("月份", "Month"),
    ForecastOpen => ("进行中", "Open deals"),
    ForecastUnweighted => ("未加权金额", "Unweighted"),
    ForecastWeighted => ("加权金额", "Weighted"),
    ForecastWon => ("赢单金额", "Won"),
    ForecastTotal => ("合计", "Total"),
    WeightedAmount => ("加权金额", "Weighted"),
    PipelineTitle => ("销售阶段", "Sales pipeline"),
    PipelineExplain => ("阶段顺序就是看板的列顺序。改名或调整顺序不会改变任何商机；修改默认概率时，未手动调整概率的商机随之更新。", "The order of the stages is the order of the board's columns. Renaming or reordering changes no opportunity; a new default probability applies to every opportunity that has not been set by hand."),
    DefaultCurrency => ("默认币种", "Default currency"),
    StaleDays => ("停滞天数（0 为不提醒）", "Days before stale (0 = off)"),
    StageNameZh => ("中文名称", "Chinese name"),
    StageNameEn => ("英文名称", "English name"),
    StageProbability => ("默认概率（%）", "Default (%)"),
    StageKind => ("类型", "Kind"),
    MoveUp => ("上移", "Move up"),
    MoveDown => ("下移", "Move down"),
    AddStage => ("添加阶段", "Add stage"),
    RemoveStageTitle => ("删除阶段“{name}”？", "Remove the stage “{name}”?"),
    RemoveStageBody => ("此阶段有 {n} 个商机（含回收站中的）。请选择把它们移到哪个阶段：", "{n} opportunities (trashed ones included) are in this stage. Pick the stage they move to:"),
    CloseReasonsWon => ("赢单原因（每行一个）", "Reasons for winning (one per line)"),
    CloseReasonsLost => ("输单原因（每行一个）", "Reasons for losing (one per line)"),
    StageErrorAt => ("第 {n} 个阶段：{problem}", "Stage {n}: {problem}"),
    StageBadId => ("阶段标识无效", "the stage's id is invalid"),
    StageBlankName => ("请至少填写一个名称", "give it a name in at least one language"),
    StageClosedProbability => ("赢单阶段固定为 100%，输单阶段固定为 0%", "a won stage is always 100% and a lost one 0%"),
    StageNoOpen => ("至少需要一个进行中的阶段", "the pipeline needs an open stage"),
    StageNoWon => ("至少需要一个赢单阶段", "the pipeline needs a won stage"),
    StageNoLost => ("至少需要一个输单阶段", "the pipeline needs a lost stage"),
    StageInUse => ("此阶段有 {n} 个商机，请先把它们移走", "{n} opportunities are in this stage; move them first"),
    StageTargetOutcome => ("只能移到同一类型（进行中、赢单或输单）的阶段", "opportunities can only move to a stage of the same kind (open, won or lost)"),
    StageTargetSelf => ("不能移到正要删除的阶段", "the target is the stage being removed"),
    OppTag => ("商机：{title}", "Deal: {title}"),
    FieldOpportunity => ("相关商机", "Opportunity"),
    ShowMoreCards => ("再显示 {n} 个（还有 {hidden} 个）", "Show {n} more ({hidden} hidden)"),

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
    ErrConflict => ("此记录已在另一个标签页或窗口中被修改，您的修改没有保存。列表已更新为最新版本；表单里仍是您输入的内容，可复制后重新打开此记录再修改。", "This record was changed in another tab or window, so your edit was not saved. The lists now show the latest version; your typing is still in the form, so you can copy it, reopen the record and edit the latest version."),
    ErrVersionChanged => ("另一个标签页打开了更新版本的关系 CRM，此标签页已停止读写。请刷新页面。", "A newer version of Guanxi was opened in another tab, so this tab has stopped reading and writing. Reload the page."),
    ErrReadOnly => ("这些数据由更新版本的关系 CRM 写入，此页面为只读：可以查看和导出，不能修改。请刷新页面以更新。", "This data was written by a newer version of Guanxi, so this page is read-only: you can view and export, not change anything. Reload the page to update."),
    ErrLocked => ("数据已加密，请先输入口令解锁。", "The data is encrypted: unlock it with the passphrase first."),
    ErrTampered => ("有加密记录未通过完整性校验：它在写入后被修改或损坏。没有覆盖任何数据。", "An encrypted record failed its integrity check: it was changed or damaged after it was written. Nothing was overwritten."),
    UnlockTitle => ("数据已加密", "Your data is encrypted"),
    UnlockExplain => ("此浏览器中的客户数据已用口令加密。输入口令后才能查看和修改。", "The customer data in this browser is encrypted with a passphrase. Enter it to view and change your data."),
    Passphrase => ("口令", "Passphrase"),
    NewPassphrase => ("新口令", "New passphrase"),
    RepeatPassphrase => ("再次输入口令", "Repeat the passphrase"),
    Unlock => ("解锁", "Unlock"),
    WrongPassphrase => ("口令不正确。没有读取或更改任何数据。", "That passphrase is not right. Nothing was read or changed."),
    ForgottenPassphrase => ("请牢记口令：忘记口令将无法恢复加密的数据，任何人（包括我们）都无法找回。请同时保留备份。", "Remember the passphrase: if you forget it, the encrypted data cannot be recovered by anyone, including us. Keep backups too."),
    EncryptionTitle => ("加密存储", "Encryption at rest"),
    EncryptionExplain => ("用口令加密保存在此浏览器中的所有客户资料（AES-256-GCM，密钥由 PBKDF2-SHA256 60 万次迭代生成）。记录编号、时间和日期索引仍为明文，以便查询。", "Encrypts everything kept in this browser with a passphrase (AES-256-GCM, key from PBKDF2-SHA256 with 600,000 iterations). Record ids, times and the dates used by indexes stay readable so lookups work."),
    EncryptionStateOn => ("已加密：此标签页已解锁。", "Encrypted: unlocked in this tab."),
    EncryptionStateOff => ("未加密。", "Not encrypted."),
    TurnOnEncryption => ("加密数据", "Encrypt data"),
    ChangePassphrase => ("更换口令", "Change passphrase"),
    TurnOffEncryption => ("取消加密", "Turn off encryption"),
    TurnOffExplain => ("所有数据将以明文重新保存在此浏览器中。", "All data will be saved in this browser unencrypted again."),
    LockNow => ("立即锁定", "Lock now"),
    EncryptionOn => ("数据已加密。", "Your data is now encrypted."),
    EncryptionOff => ("已取消加密。", "Encryption is turned off."),
    PassphraseChanged => ("口令已更换。", "The passphrase was changed."),
    PassphraseTooShort => ("口令至少需要 {min} 个字符", "The passphrase needs at least {min} characters"),
    PassphraseMismatch => ("两次输入的口令不一致", "The two passphrases differ"),
    EncryptBackup => ("用口令加密备份文件", "Encrypt the backup file with a passphrase"),
    BackupPassphraseNeeded => ("此备份已加密。请输入备份口令。", "This backup is encrypted. Enter its passphrase."),
    OpenBackup => ("打开备份", "Open backup"),
    BackupWrongPassphrase => ("口令不正确，或备份文件已损坏。没有更改任何数据。", "Wrong passphrase, or the backup file is damaged. Nothing was changed."),
    ReadOnlyBanner => ("只读模式。", "Read-only."),
    ReloadPage => ("刷新页面", "Reload page"),
    RecoveryTitle => ("无法读取本地数据", "Your local data could not be read"),
    RecoveryExplain => ("数据库可以打开，但其中的记录无法读取。此页面不会自动删除或覆盖任何内容。您可以导出仍可读取的记录，或从备份恢复。", "The database opens, but its records could not be read. Nothing is deleted or overwritten on its own. You can export every record that is still readable, or restore a backup."),
    RecoveryDetail => ("错误：{detail}", "Error: {detail}"),
    RecoveryExport => ("导出可读取的数据", "Export readable data"),
    RecoveryExported => ("已导出 {n} 条可读取的记录；{bad} 条无法读取，已跳过。", "Exported {n} readable records; {bad} could not be read and were skipped."),
    RecoveryRestore => ("从备份恢复（将替换数据库中的内容）", "Restore a backup (replaces what the database holds)"),
    RecoveryRetry => ("重新尝试读取", "Try reading again"),
    ProblemAmount => ("请输入金额，例如 800000、80万 或 ¥800,000.50", "Enter an amount, e.g. 800000, 800,000 or 800000.50"),
    ProblemNegativeAmount => ("金额不能为负数", "The amount cannot be negative"),
    ProblemCurrency => ("币种应为三个字母的代码，例如 CNY、USD", "Use a three-letter currency code, e.g. CNY or USD"),
    ProblemPercent => ("请输入 0 到 100 之间的整数", "Enter a whole number from 0 to 100"),
    ProblemStage => ("请选择一个现有的阶段", "Pick one of the existing stages"),
    FieldOpportunityTitle => ("商机名称", "Opportunity"),
    FieldAmount => ("金额", "Amount"),
    FieldCurrency => ("币种", "Currency"),
    FieldStage => ("阶段", "Stage"),
    FieldProbability => ("成交概率（%）", "Probability (%)"),
    FieldExpectedClose => ("预计成交日期", "Expected close"),
    FieldCompetitors => ("竞争对手", "Competitors"),
    FieldNextStep => ("下一步", "Next step"),
    FieldCloseReason => ("赢单/输单原因", "Won/lost reason"),
    FieldClosedOn => ("关闭日期", "Closed on"),
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

    NavCare => ("客户关怀", "Care"),
    NavVisits => ("拜访计划", "Visit plan"),
    NavReport => ("销售日报", "Daily report"),
    Add => ("添加", "Add"),
    Apply => ("应用", "Apply"),
    Delete => ("删除", "Delete"),
    Deleted => ("已删除", "Deleted"),
    Restore => ("恢复", "Restore"),
    Restored => ("已恢复", "Restored"),
    Archive => ("归档", "Archive"),
    Unarchive => ("取消归档", "Unarchive"),
    Merge => ("合并", "Merge"),
    Merged => ("已合并：联系人、往来记录和跟进已转到此客户。", "Merged: contacts, interactions and follow-ups now belong to this customer."),
    MergeTitle => ("合并重复客户", "Merge a duplicate customer"),
    MergeBody => ("选择要并入当前客户的另一位客户。它的联系人、往来记录、跟进和标签都会转到当前客户，原记录移入回收站。", "Pick the customer to merge into this one. Its contacts, interactions, follow-ups and tags move here; the other record goes to the trash."),
    MovedToTrash => ("已移入回收站", "Moved to the trash"),
    DeleteCustomerTitle => ("删除客户？", "Delete this customer?"),
    DeleteCustomerBody => ("“{name}”将移入回收站，可随时恢复；清空回收站后才会永久删除。", "“{name}” goes to the trash and can be restored until the trash is emptied."),
    Print => ("打印", "Print"),
    Day => ("日期", "Day"),
    Working => ("处理中…", "Working…"),
    NoOne => ("（无）", "(none)"),
    NoOwner => ("未分配", "Unassigned"),
    SelectAll => ("全选本页", "Select all on this page"),

    Filters => ("筛选", "Filters"),
    FilterAny => ("全部", "Any"),
    FilterArchivedOnly => ("仅已归档", "Archived only"),
    FilterArchivedAll => ("包括已归档", "Including archived"),
    ClearFilters => ("清除筛选", "Clear filters"),
    BulkActions => ("批量操作", "Bulk actions"),
    SelectedCount => ("已选 {n} 项", "{n} selected"),
    ClearSelection => ("取消选择", "Clear selection"),
    BulkAddTag => ("添加标签", "Add tag"),
    BulkSetOwner => ("设置负责人", "Set owner"),
    BulkSetStage => ("设置生命周期", "Set lifecycle stage"),
    BulkSetClass => ("设置价值等级", "Set value class"),
    BulkArchive => ("归档", "Archive"),
    BulkUnarchive => ("取消归档", "Unarchive"),
    BulkTrash => ("移入回收站", "Move to trash"),
    BulkNeedsValue => ("请先填写要添加的标签。", "Enter the tag to add first."),
    BulkDone => ("已更新 {n} 位客户", "{n} customers updated"),
    LoadDemo => ("载入演示数据", "Load demo data"),
    PossibleDuplicates => ("可能与已有客户重复：", "This may duplicate an existing customer:"),
    SameAs => ("{what}相同", "same {what}"),

    Completeness => ("资料完整度", "Profile completeness"),
    MissingFields => ("缺少", "Missing"),
    AddContact => ("添加联系人", "Add contact"),
    LogInteraction => ("记录往来", "Log an interaction"),
    Attachments => ("附件", "Attachments"),
    FileTooLarge => ("“{name}”超过 {max} 的大小限制，未保存。", "“{name}” is over the {max} limit, so nothing was saved."),
    PlanFollowUp => ("安排跟进", "Plan a follow-up"),
    FollowUpPlanned => ("已安排跟进", "Follow-up planned"),
    MarkDone => ("完成", "Done"),
    Reschedule => ("改期", "Reschedule"),
    CancelFollowUp => ("取消跟进", "Cancel"),
    ByOwner => ("按负责人", "By owner"),

    VisitPlanTitle => ("拜访计划", "Visit plan"),
    NoVisitsTitle => ("这一天没有安排拜访", "No visits planned for this day"),
    NoVisitsBody => ("在客户页面安排带日期和时间的跟进，就会出现在这里。", "Follow-ups planned with a date and time on a customer's page appear here."),
    DailyReportTitle => ("销售日报", "Daily sales report"),
    Interactions => ("往来记录", "Interactions"),
    FollowUpsDone => ("完成的跟进", "Follow-ups done"),
    NewCustomers => ("新客户", "New customers"),

    CareTitle => ("客户关怀", "Customer care"),
    UpcomingBirthdays => ("未来 30 天的生日", "Birthdays in the next 30 days"),
    NoBirthdays => ("未来 30 天没有生日。", "No birthdays in the next 30 days."),
    BirthdayPurpose => ("祝 {name} 生日快乐", "Wish {name} a happy birthday"),
    InDays => ("{n} 天后", "in {n} days"),
    Turning => ("{n} 岁", "turns {n}"),
    NotContacted => ("久未联系", "Not contacted for a while"),
    CareThresholds => ("A 类超过 {a} 天、B 类超过 {b} 天、C 类超过 {c} 天未联系（可在设置中修改）。", "A customers after {a} days, B after {b}, C after {c} without contact (change in Settings)."),
    NoneNeglected => ("所有客户都在联系周期内。", "Every customer has been contacted recently enough."),
    LastContact => ("上次联系 {date}（{n} 天前）", "last contact {date} ({n} days ago)"),
    NeverContacted => ("从未联系", "never contacted"),
    CarePurpose => ("回访问候", "Check in with the customer"),

    Trash => ("回收站", "Trash"),
    TrashExplain => ("删除的客户连同其记录保留在这里，直到清空回收站。", "Deleted customers stay here with their records until the trash is emptied."),
    TrashEmptyTitle => ("回收站是空的", "The trash is empty"),
    TrashEmptyBody => ("删除的客户会出现在这里。", "Deleted customers appear here."),
    EmptyTrash => ("清空回收站", "Empty trash"),
    EmptyTrashBody => ("将永久删除回收站中的 {n} 项（客户连同其全部联系人、往来记录、跟进、商机和附件）。此操作无法撤销。", "This permanently deletes the {n} items in the trash (customers with all their contacts, interactions, follow-ups, opportunities and files). It cannot be undone."),
    DeleteOpportunityTitle => ("删除商机？", "Delete this opportunity?"),
    TrashEmptied => ("回收站已清空", "Trash emptied"),

    Team => ("团队与负责人", "Team and owners"),
    TeamExplain => ("负责人是团队成员的名字（无需登录），用于分配客户和跟进。", "Owners are your team members' names (no logins), used to assign customers and follow-ups."),
    AddOwner => ("新负责人姓名", "New owner's name"),
    Handover => ("客户移交", "Handover"),
    HandoverExplain => ("把一位负责人的全部客户和未完成跟进一次性转给另一位。", "Reassign every customer and open follow-up of one owner to another in one step."),
    HandoverFrom => ("从", "From"),
    HandoverTo => ("移交给", "To"),
    HandoverRun => ("移交", "Hand over"),
    HandoverPick => ("请选择两位不同的负责人。", "Pick two different owners."),
    HandoverDone => ("已将 {n} 条记录从 {from} 移交给 {to}", "{n} records handed over from {from} to {to}"),
    CareDaysTitle => ("久未联系的天数（按价值等级）", "Days without contact before a reminder (by value class)"),
    DemoTitle => ("演示数据", "Demo data"),
    DemoExplain => ("按当前语言生成一套固定的演示客户（同样的数量得到同样的数据），含联系人、往来记录和跟进。会添加到现有数据中。", "Adds a fixed set of demo customers in the current language (the same size always gives the same data), with contacts, interactions and follow-ups. Existing data is kept."),
    DemoLoad => ("载入 {n} 位客户", "Load {n} customers"),
    DemoLoaded => ("已载入 {n} 位演示客户", "{n} demo customers loaded"),
    EraseTitle => ("清除全部数据", "Erase all data"),
    EraseExplain => ("永久删除本浏览器中的所有客户、联系人、记录、附件和设置。请先导出备份。", "Permanently deletes every customer, contact, record, file and setting in this browser. Export a backup first."),
    EraseTypeToConfirm => ("请输入“{word}”以确认。", "Type “{word}” to confirm."),
    EraseWord => ("全部删除", "ERASE"),
    EraseConfirm => ("永久删除", "Erase everything"),
    Erased => ("所有数据已清除", "All data erased"),

    NavData => ("数据", "Data"),
    PrefNotSaved => ("设置未能保存（{name}）：浏览器的本地存储已满或被禁用。本次使用中仍然有效。", "The preference could not be kept ({name}): the browser's local storage is full or disabled. It still applies until you close the page."),
    DataTitle => ("备份、导入与导出", "Backup, import and export"),
    BackupTitle => ("备份", "Backup"),
    BackupExplain => ("把全部客户、联系人、往来记录、跟进、附件和设置保存为一个 JSON 文件。换浏览器、换电脑或清理数据前请先备份。", "Saves every customer, contact, interaction, follow-up, file and setting into one JSON file. Back up before switching browsers or computers, or clearing data."),
    BackupDownload => ("下载备份", "Download backup"),
    BackupSaved => ("备份已下载", "Backup downloaded"),
    LastBackup => ("上次备份：{date}", "Last backup: {date}"),
    NeverBackedUp => ("还没有备份过。", "No backup yet."),
    DaysAgo => ("（{n} 天前）", "({n} days ago)"),
    BackupReminder => ("已超过 7 天没有备份。数据只保存在本浏览器中，建议现在下载一份备份。", "No backup for more than 7 days. Your data lives only in this browser; download a backup now."),
    BackupReminderAction => ("去备份", "Back up now"),
    Dismiss => ("知道了", "Dismiss"),
    RestoreTitle => ("从备份恢复", "Restore from a backup"),
    RestoreExplain => ("选择一个关系 CRM 备份文件。恢复前会先显示文件内容；写入是一次性的，出错时现有数据保持不变。", "Pick a Guanxi backup file. You see what it holds before anything changes; the write is all-or-nothing, so an error leaves your data as it was."),
    BackupHolds => ("备份时间 {date}，版本 {version}，包含：", "Made {date} by version {version}, holding:"),
    BackupDropped => ("有 {n} 条无法识别的记录将被略过。", "{n} unreadable records will be left out."),
    RestoreMerge => ("合并", "Merge"),
    RestoreMergeExplain => ("逐条比较，较新的记录保留；本机独有的记录不受影响。", "Record by record, the newer version wins; records only on this device stay."),
    RestoreReplace => ("全部替换", "Replace everything"),
    RestoreReplaceExplain => ("删除本机现有数据，换成备份中的内容。", "Deletes the data on this device and puts the backup in its place."),
    RestoreRun => ("恢复", "Restore"),
    RestoreMergeConfirm => ("将备份合并到现有数据中。", "The backup will be merged into your data."),
    RestoreReplaceConfirm => ("本机现有的全部数据将被备份内容替换，且无法撤销。", "All data on this device will be replaced by the backup. This cannot be undone."),
    RestoreDone => ("恢复完成：新增 {added} 条，更新 {updated} 条，保留本机较新的 {kept} 条。", "Restored: {added} added, {updated} updated, {kept} newer local records kept."),
    FileTooBig => ("文件太大（上限 200 MB），未读取。", "The file is too large (200 MB limit) and was not read."),
    BackupEmpty => ("文件是空的。", "The file is empty."),
    BackupNotJson => ("这不是关系 CRM 的备份文件（不是 JSON 文本）。", "This is not a Guanxi backup (not JSON text)."),
    BackupWrongKind => ("这个 JSON 文件不是关系 CRM 的备份。", "This JSON file is not a Guanxi backup."),
    BackupTruncated => ("备份文件不完整（可能下载或复制时被截断）。", "The backup file is incomplete (cut off while downloading or copying)."),
    BackupTooNew => ("备份来自更新版本的关系 CRM（格式 {found}，本版本支持到 {supported}）。请先刷新页面更新应用。", "The backup comes from a newer Guanxi (format {found}; this version reads up to {supported}). Reload the page to update first."),
    BackupChecksum => ("校验失败：备份文件在保存后被改动或已损坏，未做任何更改。", "Checksum mismatch: the backup was changed or damaged after it was saved. Nothing was changed."),
    BackupInvalid => ("备份内容有误：{reason}", "The backup's contents are invalid: {reason}"),

    CsvImportTitle => ("从 CSV 导入客户", "Import customers from CSV"),
    CsvImportExplain => ("支持 Excel（含中文 Windows 的 GBK/GB18030）、WPS 和 Google 表格导出的 CSV。第一行须为表头。", "Reads CSV from Excel (including GBK/GB18030 from Chinese Windows), WPS and Google Sheets. The first row must be the header."),
    CsvEncoding => ("编码", "Encoding"),
    CsvDelimiter => ("分隔符", "Delimiter"),
    CsvRows => ("{n} 行数据", "{n} data rows"),
    CsvRagged => ("有 {n} 行的列数与表头不同，请检查预览。", "{n} rows have a different number of columns than the header; check the preview."),
    CsvMapping => ("列对应", "Column mapping"),
    CsvColumn => ("文件中的列", "Column in the file"),
    CsvSample => ("示例", "Example"),
    CsvField => ("导入为", "Import as"),
    CsvPreview => ("预览（前 {n} 行）", "Preview (first {n} rows)"),
    CsvDuplicates => ("与已有客户重复时", "When a row matches an existing customer"),
    CsvSkip => ("跳过该行", "Skip the row"),
    CsvUpdate => ("更新已有客户", "Update the existing customer"),
    CsvCreate => ("仍然新建", "Create a new customer anyway"),
    CsvRun => ("开始导入", "Import"),
    CsvNeedName => ("请把某一列对应为“名称”。", "Map one column to “Name”."),
    CsvImported => ("导入完成：新建 {created}，更新 {updated}。", "Import finished: {created} created, {updated} updated."),
    CsvCreated => ("新建", "Created"),
    CsvUpdated => ("更新", "Updated"),
    CsvSkippedRejected => ("跳过 {s}，拒绝 {r}", "{s} skipped, {r} rejected"),
    CsvReportDownload => ("下载导入报告", "Download the import report"),
    CsvEmpty => ("文件中没有数据。", "The file has no data."),
    CsvNoHeader => ("找不到表头行。", "No header row found."),
    CsvTooManyColumns => ("列数太多（{n} 列），这可能不是客户表。", "Too many columns ({n}); this may not be a customer list."),
    CsvMalformed => ("第 {line} 行格式错误（引号不配对？）。", "Line {line} is malformed (unbalanced quotes?)."),
    CsvEncodingFailed => ("无法按所选编码读取此文件，请换一种编码。", "The file cannot be read with this encoding; pick another."),
    OutcomeCreate => ("将新建", "will be created"),
    OutcomeCreated => ("已新建", "created"),
    OutcomeUpdated => ("已更新", "updated"),
    OutcomeSkipped => ("与已有客户重复，跳过", "matches an existing customer, skipped"),
    OutcomeRejected => ("拒绝", "rejected"),
    ProblemUnknownValue => ("{field}的值“{value}”无法识别", "unknown {field} “{value}”"),
    ProblemDuplicateInFile => ("与文件中前面的行重复", "repeats an earlier row of the file"),
    ProblemMissingName => ("缺少名称", "no name"),
    ProblemRagged => ("列数与表头不同", "wrong number of columns"),
    ReportLine => ("行号", "Line"),
    ReportOutcome => ("结果", "Outcome"),
    ReportReasons => ("原因", "Reasons"),
    TargetIgnore => ("（不导入）", "(ignore)"),
    TargetMobile => ("手机", "Mobile"),
    TargetContactName => ("联系人姓名", "Contact name"),
    TargetContactTitle => ("联系人职务", "Contact title"),
    TargetContactPhone => ("联系人电话", "Contact phone"),
    TargetContactEmail => ("联系人邮箱", "Contact e-mail"),

    ExportTitle => ("导出", "Export"),
    ExportExplain => ("CSV 文件可用 Excel 或 WPS 打开；默认 UTF-8（带 BOM），旧版 Excel 可选 GB18030。", "CSV files open in Excel or WPS; UTF-8 with BOM by default, GB18030 for older Excel."),
    ExportGb18030 => ("使用 GB18030 编码（旧版中文 Excel）", "Use GB18030 encoding (older Chinese Excel)"),
    NoGb18030 => ("此浏览器不支持 GB18030，请改用 UTF-8。", "This browser cannot do GB18030; use UTF-8."),
    OtherFormats => ("其他格式", "Other formats"),
    ExportVCard => ("联系人（vCard）", "Contacts (vCard)"),
    ExportIcs => ("待办跟进（日历 ICS）", "Open follow-ups (calendar ICS)"),
    VCardImportTitle => ("导入联系人（vCard）", "Import contacts (vCard)"),
    VCardImportExplain => ("从手机、Outlook、Google 或苹果通讯录导出的 .vcf 文件。单位（ORG）相同的联系人归入同一客户；没有单位的作为个人客户。", "A .vcf file from a phone, Outlook, Google or Apple Contacts. Contacts with the same organisation (ORG) go under one customer; those without become person customers."),
    VCardNotVCard => ("文件中没有可读的 vCard 名片。", "The file holds no readable vCard."),
    VCardImported => ("已导入 {contacts} 位联系人，新建 {customers} 位客户，跳过 {skipped} 张。", "{contacts} contacts imported, {customers} customers created, {skipped} cards skipped."),
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
        Problem::InvalidAmount => i18n.t(K::ProblemAmount).into(),
        Problem::NegativeAmount => i18n.t(K::ProblemNegativeAmount).into(),
        Problem::InvalidCurrency => i18n.t(K::ProblemCurrency).into(),
        Problem::InvalidPercent => i18n.t(K::ProblemPercent).into(),
        Problem::UnknownStage => i18n.t(K::ProblemStage).into(),
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
        Field::OpportunityTitle => K::FieldOpportunityTitle,
        Field::Amount => K::FieldAmount,
        Field::Currency => K::FieldCurrency,
        Field::Stage => K::FieldStage,
        Field::Probability => K::FieldProbability,
        Field::ExpectedClose => K::FieldExpectedClose,
        Field::Competitors => K::FieldCompetitors,
        Field::NextStep => K::FieldNextStep,
        Field::CloseReason => K::FieldCloseReason,
        Field::ClosedOn => K::FieldClosedOn,
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
        StoreError::Conflict { .. } => i18n.t(K::ErrConflict).into(),
        StoreError::VersionChanged => i18n.t(K::ErrVersionChanged).into(),
        StoreError::ReadOnly => i18n.t(K::ErrReadOnly).into(),
        StoreError::Locked => i18n.t(K::ErrLocked).into(),
        StoreError::Tampered => i18n.t(K::ErrTampered).into(),
        StoreError::Data(detail) => i18n.fmt(K::ErrData, &[("detail", detail)]),
        StoreError::Aborted { name, message } => {
            i18n.fmt(K::ErrAborted, &[("detail", &format!("{name}: {message}"))])
        }
    }
}
