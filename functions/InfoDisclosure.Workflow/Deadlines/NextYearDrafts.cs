using System.Text;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Api;
using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InfoDisclosure.Workflow.Deadlines;

public sealed record RollOverRun(int Created, int Existing, int Failed);

/// <summary>
/// On January 1 (Beijing) the report of the year just ended is created for every agency, through the very handler of
/// POST /api/reports (pre-filled from last year's report, orchestration started), and the drafter is told once.
/// Runs on every tick during January, so a host that was down on the 1st catches up; the index row makes it idempotent
/// (an existing report — created by hand in December, or by the other host a moment ago — is left alone). Agencies
/// added later in the year get their report from POST /api/reports, not from here.
/// </summary>
public sealed class NextYearDrafts(
    IServiceScopeFactory scopes,
    AgencyStore agencies,
    ReportIndex index,
    SentMailLedger ledger,
    IEmailSender email,
    TimeProvider time,
    ILogger<NextYearDrafts> logger)
{
    public const string Actor = "system:new-year";
    public const string NoticeKey = "NewYearDraft";

    public async Task<RollOverRun> RunDueAsync(DurableTaskClient durable, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = BeijingCalendar.DateOf(now);
        if (today.Month != 1) return new RollOverRun(0, 0, 0);
        var year = today.Year - 1;
        int created = 0, existing = 0, failed = 0;
        foreach (var agency in await agencies.ListAsync(ct))
        {
            if (await index.GetAsync(agency.Id, year, ct) is not null)
            {
                existing++;
                continue;
            }
            var status = await CreateThroughApiAsync(durable, agency.Id, year, ct);
            if (status == StatusCodes.Status201Created)
            {
                created++;
                await TellDrafterAsync(agency, year, ct);
            }
            else if (status == StatusCodes.Status409Conflict)
            {
                existing++;
            }
            else
            {
                failed++;
                logger.LogWarning("New-year report {Agency}/{Year} was not created: POST /api/reports answered {Status}", agency.Id, year, status);
            }
        }
        return new RollOverRun(created, existing, failed);
    }

    /// <summary>Runs the POST /api/reports handler in-process (no API key: this is the system itself) and returns its status code.</summary>
    private async Task<int> CreateThroughApiAsync(DurableTaskClient durable, string agencyId, int year, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = HttpMethods.Post;
        http.Request.Path = "/api/reports";
        http.Request.ContentType = "application/json";
        http.Request.Headers[HttpInputs.ActorHeader] = Actor;
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(WorkflowJson.Serialize(new { agencyId, year })));
        http.Response.Body = new MemoryStream();
        http.RequestAborted = ct;
        var result = await ReportEndpoints.CreateAsync(http, durable, new Dictionary<string, string>());
        await result.ExecuteAsync(http);
        return http.Response.StatusCode;
    }

    private async Task TellDrafterAsync(Agency agency, int year, CancellationToken ct)
    {
        var key = StorageNames.ReportKey(agency.Id, year);
        var drafter = new EmailAddress(agency.Drafter.Name, agency.Drafter.Email);
        if (await ledger.TryClaimAsync(key, NoticeKey, $"{NoticeKey} → {drafter.Address}", time.GetUtcNow(), ct) != ClaimResult.Claimed) return;
        try
        {
            var prefilled = await index.GetAsync(agency.Id, year - 1, ct) is not null;
            var deadline = InternalDeadline.Deadlines(agency, year).PublishDeadline;
            await email.SendAsync(DeadlineMails.NewYearDraft(agency.Name, year, drafter, deadline, prefilled, time.GetUtcNow()), ct);
            await ledger.MarkSentAsync(key, NoticeKey, time.GetUtcNow(), drafter.Address, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The report exists either way; the notice is not retried (the next run skips existing reports).
            await ledger.MarkFailedAsync(key, NoticeKey, e.Message, CancellationToken.None);
            logger.LogWarning(e, "The drafter of {Report} could not be told of the new report", key);
        }
    }
}
