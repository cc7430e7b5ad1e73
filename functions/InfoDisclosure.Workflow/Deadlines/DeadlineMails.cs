using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.Storage;

namespace InfoDisclosure.Workflow.Deadlines;

/// <summary>What a deadline reminder is about: the report, where it stands, and the slot of the schedule.</summary>
public sealed record DeadlineReminderMail(
    string AgencyName,
    int Year,
    string Stage,
    string? LevelName,
    IReadOnlyList<EmailAddress> Holders,
    ReminderSlot Slot,
    DateTimeOffset StatutoryDeadline,
    IReadOnlyList<EmailAddress> To,
    string? OverviewUrl);

/// <summary>The Chinese texts of deadline reminders, overdue notices and the new-year draft notice.</summary>
public static class DeadlineMails
{
    private const string Footer = "本邮件由政府信息公开年度报告系统按截止日期自动发送，每个提醒只发送一次。";

    /// <summary>The stage as a person reads it.</summary>
    public static string StageText(string stage, string? levelName = null) => stage switch
    {
        ReportStages.Draft => "起草中",
        ReportStages.InReview => levelName is { Length: > 0 } ? $"审核中（{levelName}）" : "审核中",
        ReportStages.Approved => "已通过审核，待报送",
        ReportStages.Submitted => "已报送，待发布",
        ReportStages.Publishing => "发布中",
        ReportStages.PublishFailed => "发布失败",
        ReportStages.Published => "已发布",
        _ => stage,
    };

    public static string Title(string agencyName, int year) => $"{agencyName}{year}年政府信息公开工作年度报告";

    public static EmailMessage Reminder(DeadlineReminderMail mail)
    {
        var title = Title(mail.AgencyName, mail.Year);
        var slot = mail.Slot;
        var what = slot.Milestone == Milestone.Submit ? "报送" : "发布";
        var target = BeijingCalendar.EndOfDay(slot.Target);
        var (subject, lead) = slot.Kind switch
        {
            ReminderKind.Overdue => ($"【已逾期】{title}：发布截止日期已过 {-slot.DaysLeft} 天",
                $"该报告的发布截止日期（{BeijingTime.FormatDate(target)}）已过 {-slot.DaysLeft} 天，报告仍未发布。"
                + "依照《政府信息公开条例》第四十九、五十条，逾期未公开年度报告可能被通报。请立即完成审核、报送和发布。"),
            ReminderKind.DueToday => ($"【今日截止】{title}：今天是{what}截止日",
                $"今天（{BeijingTime.FormatDate(target)}）是该报告的{what}截止日，请在今天 24 时前完成{what}。"),
            _ => ($"【截止提醒】{title}：距{what}截止还有 {slot.DaysLeft} 天",
                $"该报告的{what}截止日期为 {BeijingTime.FormatDate(target)}，距今还有 {slot.DaysLeft} 天（其中工作日 {slot.WorkingDaysLeft} 天）。"),
        };
        var fields = new List<(string, string)>
        {
            ("单位", mail.AgencyName),
            ("年度", $"{mail.Year}年"),
            ("当前状态", StageText(mail.Stage, mail.LevelName)),
            ("当前持有人", mail.Holders.Count == 0 ? "（系统处理中）" : string.Join("；", mail.Holders.Select(h => h.ToString()))),
            ($"{what}截止", $"{BeijingTime.FormatDateTime(target)}（{BeijingTime.DescribeDaysLeft(slot.DaysLeft)}）"),
        };
        if (slot.Milestone == Milestone.Submit || slot.Target != BeijingCalendar.DateOf(mail.StatutoryDeadline))
        {
            fields.Add(("法定发布截止", BeijingTime.FormatDateTime(mail.StatutoryDeadline)));
        }
        var b = new MailBuilder()
            .Heading(slot.Kind == ReminderKind.Overdue ? $"逾期未发布：{title}" : $"截止提醒：{title}")
            .Paragraph(lead)
            .Fields(fields)
            .Paragraph(NextStep(mail.Stage));
        if (mail.OverviewUrl is { Length: > 0 } url) b.Link("查看各单位年度报告进度", url);
        return b.Note(Footer).Build(mail.To, subject);
    }

    /// <summary>On January 1 the new year's report exists, pre-filled from last year's.</summary>
    public static EmailMessage NewYearDraft(string agencyName, int year, EmailAddress drafter, DateTimeOffset deadline, bool prefilled, DateTimeOffset now)
    {
        var title = Title(agencyName, year);
        var b = new MailBuilder()
            .Heading($"新年度报告已创建：{title}")
            .Paragraph($"{(string.IsNullOrWhiteSpace(drafter.Name) ? "" : drafter.Name)}您好！系统已为贵单位创建{year}年政府信息公开工作年度报告的草稿。")
            .Fields(
            [
                ("报告", title),
                ("发布截止", $"{BeijingTime.FormatDateTime(deadline)}（{BeijingTime.DescribeDaysLeft(BeijingCalendar.DaysLeft(BeijingCalendar.DateOf(deadline), now))}）"),
            ]);
        b.Paragraph(prefilled
            ? "草稿已按上年度已发布的报告预填：“上年结转政府信息公开申请数量”取自上年“结转下年度继续办理”，规章和行政规范性文件的“现行有效件数”沿用上年数字，上年的文字仅作为起点，已标注为待修改，请逐段更新为本年度情况。"
            : "未找到上年度已发布的报告，草稿为空白，请按本年度情况填写。");
        return b.Paragraph("请完成起草后提交审核（三审三校）。").Note(Footer).Build([drafter], $"【新年度报告】{title}已创建，请开始起草");
    }

    private static string NextStep(string stage) => stage switch
    {
        ReportStages.Draft => "报告仍在起草中：请尽快完成起草并提交审核。",
        ReportStages.InReview => "报告正在审核中：请审核人尽快审核（审核链接见此前的审核邮件）。",
        ReportStages.PublishFailed => "报告推送至门户网站失败：请管理员检查门户网站后重新发布。",
        _ => "报告正由系统报送和发布，如长时间未完成，请联系系统管理员。",
    };
}
