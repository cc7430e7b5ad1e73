using InfoDisclosure.Workflow.Admin;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Deadlines;
using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Publishing;

/// <summary>The retry policy of the portal push as plain data, so it can travel through an activity's recorded result.</summary>
public sealed record PublishingPolicy(int Attempts, TimeSpan FirstInterval, double Backoff, TimeSpan MaxInterval)
{
    public TaskOptions ToTaskOptions() => new PublishingOptions
    {
        RetryAttempts = Attempts, RetryFirstInterval = FirstInterval, RetryBackoff = Backoff, RetryMaxInterval = MaxInterval,
    }.TaskOptions();
}

/// <summary>
/// Reads Publishing__Retry* for the orchestrator. Configuration is outside the orchestration, so it comes through an
/// activity: a replay uses the recorded value, and changing the settings never changes a running instance's history.
/// </summary>
public sealed class ReadPublishingPolicy(IOptions<PublishingOptions> options) : TaskActivity<string?, PublishingPolicy>
{
    public const string Name = nameof(ReadPublishingPolicy);

    public override Task<PublishingPolicy> RunAsync(TaskActivityContext context, string? input)
    {
        var o = options.Value;
        return Task.FromResult(new PublishingPolicy(o.RetryAttempts, o.RetryFirstInterval, o.RetryBackoff, o.RetryMaxInterval));
    }
}

/// <summary>Every attempt of one publish cycle failed (attempt = the cycle, 1 for the first).</summary>
public sealed record PublishFailure(string NotificationId, ReportRef Report, int VersionNumber, int Attempt, string Error, DateTimeOffset At);

/// <summary>
/// After the last retry failed: records the failed cycle (so POST …/publish knows which retry event the orchestration
/// awaits) and e-mails the administrator once, saying what failed and how to retry.
/// </summary>
public sealed class NotifyPublishFailed(
    PublicationStore publications,
    AgencyStore agencies,
    SentMailLedger ledger,
    IEmailSender email,
    IOptions<AdminOptions> admin,
    IOptions<WorkflowOptions> workflow,
    TimeProvider time,
    ILogger<NotifyPublishFailed> logger) : TaskActivity<PublishFailure, string>
{
    public const string Name = nameof(NotifyPublishFailed);

    public override async Task<string> RunAsync(TaskActivityContext context, PublishFailure failure)
    {
        var (agencyId, year) = (failure.Report.AgencyId, failure.Report.Year);
        await publications.GetOrAddAsync(new PublicationRecord
        {
            AgencyId = agencyId, Year = year, Version = failure.VersionNumber, IdempotencyKey = $"{StorageNames.ReportKey(agencyId, year)}:v{failure.VersionNumber}",
            PreparedAt = failure.At, Folder = PortalReportPublisher.FolderOf(agencyId, year, failure.VersionNumber),
        }, CancellationToken.None);
        await publications.UpdateAsync(agencyId, year, failure.VersionNumber,
            r => r.FailedCycles >= failure.Attempt ? null : r with { FailedCycles = failure.Attempt, LastError = failure.Error }, CancellationToken.None);

        var agency = (await agencies.GetAsync(agencyId, CancellationToken.None))?.Agency;
        var to = admin.Value.Address is { } administrator ? [administrator]
            : agency is null ? new List<EmailAddress>() : [new EmailAddress(agency.Drafter.Name, agency.Drafter.Email)];
        if (to.Count == 0)
        {
            logger.LogError("Publication of {Report} failed and nobody can be told: set Admin__Email", failure.Report.Title);
            return failure.NotificationId;
        }
        var partition = StorageNames.ReportKey(agencyId, year);
        var key = $"PublishFailed-v{failure.VersionNumber}-A{failure.Attempt}";
        if (await ledger.TryClaimAsync(partition, key, $"{key} → {string.Join(", ", to.Select(t => t.Address))}", time.GetUtcNow(), CancellationToken.None)
            != ClaimResult.Claimed)
        {
            return failure.NotificationId;
        }
        try
        {
            await email.SendAsync(Compose(failure, agency, to), CancellationToken.None);
            await ledger.MarkSentAsync(partition, key, time.GetUtcNow(), string.Join(";", to.Select(t => t.Address)), CancellationToken.None);
        }
        catch (Exception e)
        {
            // The failed cycle is recorded and the overview shows it; a mail server that is down too must not fail the
            // orchestration, which would then never reach the wait for the retry.
            await ledger.MarkFailedAsync(partition, key, e.Message, CancellationToken.None);
            logger.LogError(e, "The administrator could not be told that publishing {Report} failed", failure.Report.Title);
        }
        return failure.NotificationId;
    }

    private EmailMessage Compose(PublishFailure failure, Agency? agency, IReadOnlyList<EmailAddress> to)
    {
        var r = failure.Report;
        var baseUrl = workflow.Value.PublicBaseUrl?.TrimEnd('/') ?? "";
        var retry = $"POST {baseUrl}/api/reports/{r.AgencyId}/{r.Year}/publish";
        var fields = new List<(string, string)>
        {
            ("报告", r.Title),
            ("失败时间", BeijingTime.FormatDateTime(failure.At)),
            ("发布轮次", $"第{failure.Attempt}轮（本轮已按重试策略多次推送）"),
            ("门户网站", agency?.Portal?.Endpoint is { Length: > 0 } own ? own : "（默认门户 Portal__Endpoint）"),
        };
        if (agency is not null)
        {
            var deadline = InternalDeadline.Deadlines(agency, r.Year).StatutoryDeadline;
            fields.Add(("法定发布截止", $"{BeijingTime.FormatDateTime(deadline)}（{BeijingTime.DescribeDaysLeft(BeijingTime.DaysLeft(deadline, time))}）"));
        }
        var b = new MailBuilder()
            .Heading($"发布失败：{r.Title}")
            .Paragraph("该报告已通过三审三校并已报送，但推送到门户网站的多次尝试均失败，报告尚未发布。")
            .Fields(fields)
            .Quote("最后一次错误", failure.Error)
            .Paragraph($"请检查门户网站后重新发布：在系统中调用 {retry}（需 x-functions-key），重新发布使用相同的幂等键，门户网站不会重复发布。");
        if (baseUrl.Length > 0) b.Link("查看各单位年度报告进度", baseUrl + "/admin");
        return b.Note("本邮件由政府信息公开年度报告系统自动发送。").Build(to, $"【发布失败】{r.Title}");
    }
}
