using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Drafts;
using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace InfoDisclosure.Workflow.Deadlines;

public sealed record RollOverRun(int Created, int Existing, int Failed);

/// <summary>
/// On January 1 (Beijing) the report of the year just ended is created for every agency, through
/// <see cref="ReportCreationService"/> as POST /api/reports does (pre-filled from last year's report, orchestration
/// started), and the drafter is told once.
/// Runs on every tick during January, so a host that was down on the 1st catches up; the index row makes it idempotent
/// (an existing report — created by hand in December, or by the other host a moment ago — is left alone). Agencies
/// added later in the year get their report from POST /api/reports, not from here.
/// </summary>
public sealed class NextYearDrafts(
    ReportCreationService creation,
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
            var outcome = await creation.CreateAsync(durable, new CreationInput(agency.Id, year, Actor, null), ct);
            switch (outcome.Status)
            {
                case CreationStatus.Created:
                    created++;
                    await TellDrafterAsync(agency, year, ct);
                    break;
                case CreationStatus.AlreadyExists:
                    existing++;
                    break;
                default:
                    failed++;
                    logger.LogWarning("New-year report {Agency}/{Year} was not created: {Status}, {Detail}", agency.Id, year, outcome.Status, outcome.Detail);
                    break;
            }
        }
        return new RollOverRun(created, existing, failed);
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
