using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Workflow.Notifications;

/// <summary>
/// The Chinese e-mails of the review chain. Days left are counted in Beijing time from the injected clock,
/// so an e-mail composed on a test clock says what a person on that day would read.
/// </summary>
public sealed class EmailComposer(TimeProvider time)
{
    private const string Footer = "本邮件由政府信息公开年度报告系统自动发送。审核链接仅供收件人本人使用，请勿转发。";

    /// <summary>【待审核】红寺堡区审批服务管理局2022年政府信息公开工作年度报告（复审·二校）</summary>
    public static string ReviewSubject(MailReport report, MailLevel level) =>
        $"【待审核】{report.Title}（{level.Name}）{RoundSuffix(level)}";

    public EmailMessage ReviewRequest(ReviewRequestMail mail)
    {
        var b = new MailBuilder()
            .Heading($"请审核：{mail.Report.Title}")
            .Paragraph($"{Greeting(mail.Reviewer)}您好！以下报告已提交至“{mail.Level.Name}”环节，请您审核。")
            .Fields(ReviewFields(mail));
        AddWarnings(b, mail.Findings);
        return b.Link("打开审核页面", mail.ReviewUrl)
            .Paragraph($"此链接有效期至 {BeijingTime.FormatDateTime(mail.LinkExpiresAt)}，只能提交一次审核意见；打开页面不会改变任何状态。")
            .Note(Footer)
            .Build([mail.Reviewer], ReviewSubject(mail.Report, mail.Level));
    }

    public EmailMessage Reminder(ReviewReminderMail mail)
    {
        var r = mail.Request;
        var b = new MailBuilder()
            .Heading($"催办：{r.Report.Title}")
            .Paragraph($"{Greeting(r.Reviewer)}您好！该报告于 {BeijingTime.FormatDateTime(mail.LevelSentAt)} 送达“{r.Level.Name}”环节，"
                + "至今尚未审核，已超过本环节的审核时限。请尽快审核；以下是新的审核链接。")
            .Fields(ReviewFields(r));
        AddWarnings(b, r.Findings);
        return b.Link("打开审核页面", r.ReviewUrl)
            .Paragraph($"此链接有效期至 {BeijingTime.FormatDateTime(r.LinkExpiresAt)}，只能提交一次审核意见。")
            .Note(Footer)
            .Build([r.Reviewer], $"【催办】{r.Report.Title}（{r.Level.Name}）{RoundSuffix(r.Level)}");
    }

    public EmailMessage Escalation(EscalationMail mail)
    {
        var holders = mail.Holders.Select(h => h.ToString()).ToList();
        var fields = new List<(string, string)>
        {
            ("报告", mail.Report.Title),
            ("审核环节", LevelText(mail.Level)),
            ("当前持有人", string.Join("；", holders)),
            ("送达时间", BeijingTime.FormatDateTime(mail.LevelSentAt)),
            ("环节审核时限", BeijingTime.FormatDateTime(mail.LevelDueAt)),
        };
        AddDeadline(fields, mail.ReportDeadline);
        return new MailBuilder()
            .Heading($"督办：{mail.Report.Title}")
            .Paragraph($"该报告在“{mail.Level.Name}”环节已超过审核时限仍未处理，已向审核人催办但仍未审核。报告目前由以下人员持有：{string.Join("；", holders)}。")
            .Fields(fields)
            .Paragraph("请联系持有人尽快审核，以免影响报告按期发布。")
            .Note(Footer)
            .Build(mail.Recipients, $"【督办】{mail.Report.Title}（{mail.Level.Name}）超时未审核");
    }

    public EmailMessage DrafterNotice(DrafterNoticeMail mail)
    {
        var fields = new List<(string, string)> { ("报告", mail.Report.Title) };
        var b = new MailBuilder();
        string subject;
        switch (mail.Kind)
        {
            case DrafterNoticeKind.Rejected:
                var level = mail.Level ?? throw new ArgumentException("A rejection names its level.", nameof(mail));
                subject = $"【退回修改】{mail.Report.Title}（{level.Name}）{RoundSuffix(level)}";
                fields.Add(("退回环节", LevelText(level)));
                fields.Add(("退回人", mail.By?.ToString() ?? "（未知）"));
                fields.Add(("退回时间", BeijingTime.FormatDateTime(mail.At)));
                AddDeadline(fields, mail.ReportDeadline);
                b.Heading($"报告被退回修改：{mail.Report.Title}")
                    .Paragraph($"{Greeting(mail.Drafter)}您好！您起草的报告在“{level.Name}”环节被退回，请按审核意见修改后重新提交，重新提交后将从初审开始新一轮审核。")
                    .Fields(fields)
                    .Quote("审核意见", string.IsNullOrWhiteSpace(mail.Comment) ? "（无）" : mail.Comment);
                break;
            case DrafterNoticeKind.Approved:
                subject = $"【审核通过】{mail.Report.Title}";
                fields.Add(("通过时间", BeijingTime.FormatDateTime(mail.At)));
                AddDeadline(fields, mail.ReportDeadline);
                b.Heading($"报告已通过三审三校：{mail.Report.Title}")
                    .Paragraph($"{Greeting(mail.Drafter)}您好！您起草的报告已通过全部审核环节，将报送本级政府信息公开工作主管部门并发布。")
                    .Fields(fields);
                break;
            case DrafterNoticeKind.Submitted:
                subject = $"【已报送】{mail.Report.Title}";
                fields.Add(("报送至", mail.SubmittedTo ?? "本级政府信息公开工作主管部门"));
                fields.Add(("报送时间", BeijingTime.FormatDateTime(mail.At)));
                AddDeadline(fields, mail.ReportDeadline);
                b.Heading($"报告已报送：{mail.Report.Title}")
                    .Paragraph($"{Greeting(mail.Drafter)}您好！报告定稿已报送本级政府信息公开工作主管部门。")
                    .Fields(fields);
                break;
            case DrafterNoticeKind.Published:
                subject = $"【已发布】{mail.Report.Title}";
                fields.Add(("发布时间", BeijingTime.FormatDateTime(mail.At)));
                if (mail.PublishedUrl is { Length: > 0 } url) fields.Add(("发布地址", url));
                b.Heading($"报告已发布：{mail.Report.Title}")
                    .Paragraph($"{Greeting(mail.Drafter)}您好！报告已在政府网站发布。")
                    .Fields(fields);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mail), mail.Kind, "Unknown notice kind.");
        }
        return b.Note(Footer).Build([mail.Drafter], subject);
    }

    private List<(string, string)> ReviewFields(ReviewRequestMail mail)
    {
        var fields = new List<(string, string)>
        {
            ("单位", mail.Report.AgencyName),
            ("年度", $"{mail.Report.Year}年"),
            ("审核环节", LevelText(mail.Level)),
            ("审核轮次", $"第{mail.Level.Round}轮"),
        };
        if (mail.LevelDueAt is { } due)
        {
            fields.Add(("本环节审核时限", $"{BeijingTime.FormatDateTime(due)}（{BeijingTime.DescribeDaysLeft(BeijingTime.DaysLeft(due, time))}）"));
        }
        AddDeadline(fields, mail.ReportDeadline);
        return fields;
    }

    private void AddDeadline(List<(string, string)> fields, DateTimeOffset? deadline)
    {
        if (deadline is not { } d) return;
        fields.Add(("报告发布截止日期", $"{BeijingTime.FormatDate(d)}（{BeijingTime.DescribeDaysLeft(BeijingTime.DaysLeft(d, time))}）"));
    }

    private static void AddWarnings(MailBuilder b, IReadOnlyList<Finding> findings)
    {
        var warnings = findings.Where(f => f.Severity == Severity.Warning).Select(f => $"{f.Where}：{f.Message}").ToList();
        if (warnings.Count == 0)
        {
            b.Paragraph("校验提示：无。");
            return;
        }
        b.List($"校验提示（{warnings.Count} 条，请审核时留意）", warnings);
    }

    private static string LevelText(MailLevel level) => $"第{level.Number}级 {level.Name}";

    private static string RoundSuffix(MailLevel level) => level.Round > 1 ? $"第{level.Round}轮" : "";

    private static string Greeting(EmailAddress who) => string.IsNullOrWhiteSpace(who.Name) ? "" : who.Name;
}
