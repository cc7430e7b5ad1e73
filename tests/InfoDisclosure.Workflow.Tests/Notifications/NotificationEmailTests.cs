using System.Text.RegularExpressions;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Workflow.Dev.Notifications;
using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.Web;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InfoDisclosure.Workflow.Tests.Notifications;

/// <summary>The review e-mails as a reviewer's mail server receives them: sent over real SMTP to the embedded server.</summary>
public sealed class NotificationEmailTests : IAsyncLifetime
{
    // Monday 9 January 2023, 10:00 Beijing.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2023, 1, 9, 10, 0, 0, TimeSpan.FromHours(8)));
    private EmbeddedSmtpServer smtp = null!;
    private SmtpEmailSender sender = null!;

    private static readonly MailReport Report = new("hsb-approval", "红寺堡区审批服务管理局", 2022);

    public async Task InitializeAsync()
    {
        smtp = await EmbeddedSmtpServer.StartAsync(new DevMailbox(clock));
        sender = new SmtpEmailSender(Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = smtp.Port,
            From = "公开系统 <noreply@example.gov.cn>",
        }), clock);
    }

    public async Task DisposeAsync() => await smtp.DisposeAsync();

    private ReviewRequestMail Request(string url = "https://disclosure.example.gov.cn/review/abcDEF123") => new(
        Report,
        new MailLevel(2, "复审·二校", 1),
        new EmailAddress("李科长", "li@example.gov.cn"),
        url,
        LinkExpiresAt: clock.GetUtcNow().AddDays(7),
        LevelDueAt: Workflow.Deadlines.BeijingCalendar.AddWorkingDays(clock.GetUtcNow(), 2),
        ReportDeadline: new DateTimeOffset(2023, 1, 31, 23, 59, 59, TimeSpan.FromHours(8)),
        Findings:
        [
            new Finding(Rules.TextFigureMismatch, Severity.Warning, "一.（二）", "正文所述申请数与表三不一致"),
            new Finding(Rules.T3Balance, Severity.Error, "三.总计", "这是错误级别，不应出现在邮件中"),
        ]);

    [Fact]
    public async Task Review_request_arrives_with_the_agreed_subject_both_bodies_and_one_link()
    {
        var composer = new EmailComposer(clock);
        await sender.SendAsync(composer.ReviewRequest(Request()), CancellationToken.None);

        var mail = await smtp.Mailbox.WaitForAsync(m => m.To.Contains("li@example.gov.cn"), TimeSpan.FromSeconds(10));
        Assert.Equal("【待审核】红寺堡区审批服务管理局2022年政府信息公开工作年度报告（复审·二校）", mail.Subject);
        Assert.NotNull(mail.HtmlBody);
        Assert.NotNull(mail.TextBody);
        foreach (var body in new[] { System.Net.WebUtility.HtmlDecode(mail.HtmlBody!), mail.TextBody! })
        {
            Assert.Contains("红寺堡区审批服务管理局", body);
            Assert.Contains("2022年", body);
            Assert.Contains("第2级 复审·二校", body);
            Assert.Contains("第1轮", body);
            // Level due two working days later (Wednesday), report due 31 January: 22 days from 9 January.
            Assert.Contains("2023年1月11日 10:00（北京时间）（还剩 2 天）", body);
            Assert.Contains("2023年1月31日（还剩 22 天）", body);
            Assert.Contains("正文所述申请数与表三不一致", body);
            Assert.DoesNotContain("这是错误级别", body);
        }
        var links = Regex.Matches(mail.HtmlBody!, "href=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(["https://disclosure.example.gov.cn/review/abcDEF123"], links);
        Assert.Contains("https://disclosure.example.gov.cn/review/abcDEF123", mail.TextBody);
        Assert.Contains("公开系统", mail.From);
    }

    [Fact]
    public async Task Text_from_people_is_escaped_in_every_e_mail()
    {
        var composer = new EmailComposer(clock);
        const string payload = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        var hostile = Report with { AgencyName = "审批局" + payload };
        await sender.SendAsync(composer.ReviewRequest(Request() with
        {
            Report = hostile,
            Findings = [new Finding(Rules.TextFigureMismatch, Severity.Warning, "一", payload)],
        }), CancellationToken.None);
        await sender.SendAsync(composer.DrafterNotice(new DrafterNoticeMail(
            DrafterNoticeKind.Rejected, hostile, new EmailAddress("王起草", "wang@example.gov.cn"), clock.GetUtcNow(), null,
            new MailLevel(1, "初审·一校", 1), new EmailAddress("张" + payload, "zhang@example.gov.cn"), "数据有误" + payload)), CancellationToken.None);

        var review = await smtp.Mailbox.WaitForAsync(m => m.To.Contains("li@example.gov.cn"), TimeSpan.FromSeconds(10));
        var rejection = await smtp.Mailbox.WaitForAsync(m => m.To.Contains("wang@example.gov.cn"), TimeSpan.FromSeconds(10));
        foreach (var html in new[] { review.HtmlBody!, rejection.HtmlBody! })
        {
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;", html);
        }
        // The plain-text part keeps what was written, as text.
        Assert.Contains("数据有误<script>", rejection.TextBody);
    }

    [Fact]
    public async Task Drafter_learns_who_rejected_and_why_then_of_approval_submission_and_publication()
    {
        var composer = new EmailComposer(clock);
        var drafter = new EmailAddress("王起草", "wang@example.gov.cn");
        await sender.SendAsync(composer.DrafterNotice(new DrafterNoticeMail(
            DrafterNoticeKind.Rejected, Report, drafter, clock.GetUtcNow(), null,
            new MailLevel(2, "复审·二校", 1), new EmailAddress("李科长", "li@example.gov.cn"), "表三第（七）项合计有误，请核对。")), CancellationToken.None);
        await sender.SendAsync(composer.DrafterNotice(new DrafterNoticeMail(DrafterNoticeKind.Approved, Report, drafter, clock.GetUtcNow(), null)), CancellationToken.None);
        await sender.SendAsync(composer.DrafterNotice(new DrafterNoticeMail(DrafterNoticeKind.Submitted, Report, drafter, clock.GetUtcNow(), null,
            SubmittedTo: "区政府办公室 <gk@hongsibu.gov.cn>")), CancellationToken.None);
        await sender.SendAsync(composer.DrafterNotice(new DrafterNoticeMail(DrafterNoticeKind.Published, Report, drafter, clock.GetUtcNow(), null,
            PublishedUrl: "http://www.hongsibu.gov.cn/xxgk/2022.html")), CancellationToken.None);

        await smtp.Mailbox.WaitForAsync(m => m.Subject.StartsWith("【已发布】", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var subjects = smtp.Mailbox.Messages.Where(m => m.To.Contains("wang@example.gov.cn")).Select(m => m.Subject).ToList();
        Assert.Equal(
        [
            "【退回修改】红寺堡区审批服务管理局2022年政府信息公开工作年度报告（复审·二校）",
            "【审核通过】红寺堡区审批服务管理局2022年政府信息公开工作年度报告",
            "【已报送】红寺堡区审批服务管理局2022年政府信息公开工作年度报告",
            "【已发布】红寺堡区审批服务管理局2022年政府信息公开工作年度报告",
        ], subjects);
        var rejected = smtp.Mailbox.Messages.First(m => m.Subject.StartsWith("【退回修改】", StringComparison.Ordinal));
        Assert.Contains("表三第（七）项合计有误，请核对。", rejected.HtmlBody);
        Assert.Contains("李科长 <li@example.gov.cn>", rejected.TextBody);
        Assert.Contains("gk@hongsibu.gov.cn", smtp.Mailbox.Messages.First(m => m.Subject.StartsWith("【已报送】", StringComparison.Ordinal)).TextBody);
        Assert.Contains("http://www.hongsibu.gov.cn/xxgk/2022.html", smtp.Mailbox.Messages.First(m => m.Subject.StartsWith("【已发布】", StringComparison.Ordinal)).TextBody);
    }

    [Fact]
    public async Task Reminder_carries_a_fresh_link_and_escalation_names_who_holds_the_report()
    {
        var composer = new EmailComposer(clock);
        var sent = clock.GetUtcNow().AddDays(-3);
        await sender.SendAsync(composer.Reminder(new ReviewReminderMail(Request("https://x.example/review/fresh"), sent)), CancellationToken.None);
        await sender.SendAsync(composer.Escalation(new EscalationMail(
            Report, new MailLevel(2, "复审·二校", 1),
            [new EmailAddress("王起草", "wang@example.gov.cn"), new EmailAddress("管理员", "admin@example.gov.cn")],
            [new EmailAddress("李科长", "li@example.gov.cn")],
            sent, Workflow.Deadlines.BeijingCalendar.AddWorkingDays(sent, 2), null)), CancellationToken.None);

        var reminder = await smtp.Mailbox.WaitForAsync(m => m.Subject.StartsWith("【催办】", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Equal(["li@example.gov.cn"], reminder.To);
        Assert.Contains("href=\"https://x.example/review/fresh\"", reminder.HtmlBody);
        var escalation = await smtp.Mailbox.WaitForAsync(m => m.Subject.StartsWith("【督办】", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Equal(["wang@example.gov.cn", "admin@example.gov.cn"], escalation.To);
        Assert.Contains("李科长 <li@example.gov.cn>", escalation.TextBody);
        Assert.Contains("李科长 &lt;li@example.gov.cn&gt;", escalation.HtmlBody);
    }

    [Fact]
    public async Task Dev_mailbox_page_lists_newest_first_with_escaped_subjects_and_clickable_links()
    {
        var composer = new EmailComposer(clock);
        await sender.SendAsync(composer.ReviewRequest(Request("https://x.example/review/first")), CancellationToken.None);
        await smtp.Mailbox.WaitForAsync(m => m.HtmlBody!.Contains("/review/first"), TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromMinutes(5));
        await sender.SendAsync(composer.ReviewRequest(Request("https://x.example/review/second") with
        {
            Report = Report with { AgencyName = "<b>局</b>" },
        }), CancellationToken.None);
        await smtp.Mailbox.WaitForAsync(m => m.HtmlBody!.Contains("/review/second"), TimeSpan.FromSeconds(10));

        var page = await PageRenderer.Standalone.RenderAsync<DevMailboxPage>(
            new Dictionary<string, object?> { [nameof(DevMailboxPage.Messages)] = smtp.Mailbox.Messages });
        Assert.True(page.IndexOf("review/second", StringComparison.Ordinal) < page.IndexOf("review/first", StringComparison.Ordinal), "newest first");
        Assert.Contains("&lt;b&gt;局&lt;/b&gt;2022年", page);
        Assert.DoesNotContain("<b>局", page);
        Assert.Contains("li@example.gov.cn", page);
        Assert.Contains("2023年1月9日 10:05（北京时间）", page);
        // The body is in a sandboxed frame whose links open in the top window.
        Assert.Contains("sandbox=\"allow-top-navigation-by-user-activation allow-popups\"", page);
        Assert.Contains("href=&quot;https://x.example/review/first&quot;", page);
    }
}
