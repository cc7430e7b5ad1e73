using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Workflow.Admin;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Deadlines;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Review.Links;
using InfoDisclosure.Workflow.Review.Page;
using InfoDisclosure.Workflow.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Notifications;

/// <summary>
/// The workflow's notices as e-mail: each reviewer of a level gets a personal single-use link, reminders carry fresh
/// links, escalations go to the drafter and the administrator, the drafter hears of every outcome. Each e-mail is sent
/// at most once per NotificationId and recipient (the SentMail ledger), so a retried activity does not send twice;
/// every notice is also recorded in the <see cref="NoticeLog"/>, so the Notifications table stays the full record.
/// Without Smtp:Host (a host run without mail) notices are only recorded.
/// </summary>
public sealed class EmailWorkflowNotifier(
    NoticeLog notices,
    ReviewLinkStore links,
    ReportIndex index,
    ReportDocuments documents,
    IEmailSender email,
    EmailComposer composer,
    SentMailLedger ledger,
    IOptions<AdminOptions> admin,
    IOptions<SmtpOptions> smtp,
    TimeProvider time,
    ILogger<EmailWorkflowNotifier> logger) : IWorkflowNotifier
{
    public async Task ReviewRequestedAsync(ReviewRequest request, CancellationToken ct)
    {
        await notices.RecordAsync(request, ct);
        var findings = await WarningsAsync(request, ct);
        foreach (var reviewer in request.Reviewers)
        {
            await SendOnceAsync(request.Report, $"{request.NotificationId}:{reviewer.Key}", "review request",
                async () => composer.ReviewRequest(await ReviewMailAsync(request, reviewer, findings, ct)), ct);
        }
    }

    public async Task StageReminderAsync(StageReminder reminder, CancellationToken ct)
    {
        await notices.RecordAsync(reminder, ct);
        var request = reminder.Request;
        if (reminder.Kind == ReminderKinds.Reminder)
        {
            var findings = await WarningsAsync(request, ct);
            foreach (var reviewer in reminder.Undecided)
            {
                await SendOnceAsync(request.Report, $"{reminder.NotificationId}:{reviewer.Key}", "stage reminder",
                    async () => composer.Reminder(new ReviewReminderMail(await ReviewMailAsync(request, reviewer, findings, ct), request.RequestedAt)), ct);
            }
            return;
        }

        var recipients = new List<EmailAddress> { Address(reminder.Drafter) };
        if (admin.Value.Address is { } administrator && !recipients.Any(r => Same(r, administrator))) recipients.Add(administrator);
        await SendOnceAsync(request.Report, reminder.NotificationId, "escalation",
            () => Task.FromResult(composer.Escalation(new EscalationMail(
                Mail(request.Report), new MailLevel(request.Level, request.LevelName, request.Round), recipients,
                reminder.Undecided.Select(Address).ToList(), request.RequestedAt, request.LevelDueAt, request.Deadline))), ct);
    }

    public async Task DrafterNoticeAsync(DrafterNotice notice, CancellationToken ct)
    {
        await notices.RecordAsync(notice, ct);
        DrafterNoticeKind? kind = notice.Kind switch
        {
            DrafterNoticeKinds.Rejected => DrafterNoticeKind.Rejected,
            DrafterNoticeKinds.Approved => DrafterNoticeKind.Approved,
            DrafterNoticeKinds.Submitted => DrafterNoticeKind.Submitted,
            DrafterNoticeKinds.Published => DrafterNoticeKind.Published,
            // Publishing's own activity e-mails a failed publication to the drafter and the administrator.
            _ => null,
        };
        if (kind is not { } k) return;
        var level = notice.Level is { } number ? new MailLevel(number, notice.LevelName ?? "", notice.Round) : null;
        await SendOnceAsync(notice.Report, notice.NotificationId, $"drafter {notice.Kind}",
            () => Task.FromResult(composer.DrafterNotice(new DrafterNoticeMail(
                k, Mail(notice.Report), Address(notice.Drafter), notice.At, null, level,
                notice.By is { } by ? Address(by) : null, notice.Comment, null, notice.PublishedUrl))), ct);
    }

    private async Task<ReviewRequestMail> ReviewMailAsync(ReviewRequest request, Person reviewer, IReadOnlyList<Finding> findings, CancellationToken ct)
    {
        var link = await links.IssueAsync(new ReviewLinkGrant(request.Report.AgencyId, request.Report.Year, request.Level, request.Round,
            reviewer.Key, reviewer.Name, request.VersionNumber, request.VersionSha256), notAfter: null, ct);
        return new ReviewRequestMail(Mail(request.Report), new MailLevel(request.Level, request.LevelName, request.Round), Address(reviewer),
            link.Url, link.ExpiresAt, request.LevelDueAt, request.Deadline, findings);
    }

    /// <summary>The warnings of the version under review, as the reviewer will see them on the page.</summary>
    private async Task<IReadOnlyList<Finding>> WarningsAsync(ReviewRequest request, CancellationToken ct)
    {
        var report = await documents.ReadReportAsync(request.Report.AgencyId, request.Report.Year, request.VersionNumber, ct);
        if (report is null) return [];
        var previous = await PreviousYearReport.ForAsync(index, documents, request.Report.AgencyId, request.Report.Year, ct);
        return ReportValidator.Validate(report, previous).Where(f => f.Severity == Severity.Warning).ToList();
    }

    private async Task SendOnceAsync(ReportRef report, string key, string description, Func<Task<EmailMessage>> compose, CancellationToken ct)
    {
        if (!smtp.Value.IsConfigured)
        {
            // A host without mail (tests of the workflow alone): the notice is recorded above, nothing is sent.
            logger.LogWarning("Smtp:Host is not configured; e-mail {Key} ({Description}) not sent.", key, description);
            return;
        }
        var partition = StorageNames.ReportKey(report.AgencyId, report.Year);
        var rowKey = "wf-" + Uri.EscapeDataString(key);
        var claim = await ledger.TryClaimAsync(partition, rowKey, description, time.GetUtcNow(), ct);
        if (claim != ClaimResult.Claimed)
        {
            logger.LogInformation("E-mail {Key} not sent again ({Claim}).", key, claim);
            return;
        }
        EmailMessage message;
        try
        {
            message = await compose();
            await email.SendAsync(message, ct);
        }
        catch (Exception e)
        {
            await ledger.MarkFailedAsync(partition, rowKey, e.Message, CancellationToken.None);
            throw;
        }
        await ledger.MarkSentAsync(partition, rowKey, time.GetUtcNow(), string.Join(";", message.To.Select(t => t.Address)), CancellationToken.None);
    }

    private static MailReport Mail(ReportRef report) => new(report.AgencyId, report.AgencyName, report.Year);

    private static EmailAddress Address(Person person) => new(person.Name, person.Email);

    private static bool Same(EmailAddress a, EmailAddress b) => string.Equals(a.Address.Trim(), b.Address.Trim(), StringComparison.OrdinalIgnoreCase);
}
