using InfoDisclosure.Workflow.Admin;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Deadlines;

public sealed record ReminderRun(int Sent, int AlreadySent, int Held, int Failed, int CaughtUp = 0);

/// <summary>
/// Sends every deadline reminder that is due now (time from the injected <see cref="TimeProvider"/>) across all reports
/// in the index, each exactly once through <see cref="SentMailLedger"/>; a reminder whose day passed while no host ran is
/// caught up once (<see cref="ReminderPlanner.MissedAt"/>), under its own day's ledger key. Called by the Functions timer trigger and the
/// local host's ticker; any number of runs, restarts and hosts may overlap.
/// </summary>
public sealed class DeadlineReminderService(
    ReportIndex index,
    AgencyStore agencies,
    SentMailLedger ledger,
    IEmailSender email,
    IOptions<DeadlineOptions> options,
    IOptions<AdminOptions> admin,
    IOptions<WorkflowOptions> workflow,
    TimeProvider time,
    HolidayDataWarnings holidayData,
    ILogger<DeadlineReminderService> logger)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Report, string Key), bool> _settled = new();

    public async Task<ReminderRun> RunDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = BeijingCalendar.DateOf(now);
        var planner = new ReminderPlanner(options.Value);
        var byId = (await agencies.ListAsync(ct)).ToDictionary(a => a.Id);
        int sent = 0, already = 0, held = 0, failed = 0, caughtUp = 0;

        // A report of year Y counts down from December of Y; overdue notices go on into later years until it is published.
        for (var year = today.Year - 2; year <= today.Year; year++)
        {
            foreach (var entry in await index.ListAsync(year, ct))
            {
                if (ReminderPlanner.IsClosed(entry.Stage) || !byId.TryGetValue(entry.AgencyId, out var agency)) continue;
                var deadlines = InternalDeadline.Deadlines(agency, year);
                holidayData.Check(today, deadlines.PublishTarget);
                var due = planner.DueAt(deadlines, entry.Stage, now).Select(s => (Key: s.Key, Slot: s, CatchUp: false)).ToList();
                foreach (var (missed, asOfNow) in planner.MissedAt(deadlines, entry.Stage, now, BeijingCalendar.DateOf(entry.CreatedAt)))
                {
                    // Nearly always sent on its day: this process remembers that, so a tick costs no storage call per report.
                    if (_settled.ContainsKey((entry.Key, missed.Key))) continue;
                    if (await ledger.IsSettledAsync(entry.Key, missed.Key, ct))
                    {
                        _settled.TryAdd((entry.Key, missed.Key), true);
                        continue;
                    }
                    due.Add((missed.Key, asOfNow, true));
                }
                foreach (var (key, slot, catchUp) in due)
                {
                    var mail = Compose(entry, agency, slot, deadlines);
                    var description = $"{key}{(catchUp ? $" (caught up on {slot.Date:yyyy-MM-dd})" : "")} → {string.Join(", ", mail.To.Select(t => t.Address))}";
                    switch (await ledger.TryClaimAsync(entry.Key, key, description, now, ct))
                    {
                        case ClaimResult.AlreadySent: already++; continue;
                        case ClaimResult.Held: held++; continue;
                    }
                    try
                    {
                        await email.SendAsync(mail, ct);
                        await ledger.MarkSentAsync(entry.Key, key, time.GetUtcNow(), string.Join(";", mail.To.Select(t => t.Address)), CancellationToken.None);
                        sent++;
                        if (catchUp) caughtUp++;
                        logger.LogInformation("Deadline reminder for {Report} sent: {Reminder}", entry.Key, description);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Not delivered: released for the next run of the same day.
                        await ledger.MarkFailedAsync(entry.Key, key, e.Message, CancellationToken.None);
                        failed++;
                        logger.LogWarning(e, "Deadline reminder {Key} for {Report} failed; a later run retries it", key, entry.Key);
                    }
                }
            }
        }
        return new ReminderRun(sent, already, held, failed, caughtUp);
    }

    /// <summary>
    /// To whoever holds the report (the drafter in draft, the reviewers of the current level in review, else the drafter);
    /// the administrator is copied from <see cref="DeadlineOptions.CopyAdministratorFromDaysBefore"/> days on; overdue
    /// notices also go to the supervising office. (EmailMessage has no Cc: the copied addresses are further recipients.)
    /// </summary>
    private EmailMessage Compose(ReportIndexEntry entry, Agency agency, ReminderSlot slot, ReportDeadlines deadlines)
    {
        var drafter = Address(agency.Drafter);
        var holders = entry.Stage == ReportStages.Draft ? [drafter] : entry.Holder.Select(Address).ToList();
        var to = new List<EmailAddress>(holders.Count > 0 ? holders : [drafter]);
        if (slot.Kind == ReminderKind.Overdue)
        {
            to.Add(drafter);
            if (!string.IsNullOrWhiteSpace(agency.SupervisingOfficeEmail)) to.Add(new EmailAddress("政府信息公开工作主管部门", agency.SupervisingOfficeEmail));
        }
        if (slot.CopyAdministrator && admin.Value.Address is { } administrator) to.Add(administrator);
        var distinct = to.Where(a => !string.IsNullOrWhiteSpace(a.Address))
            .DistinctBy(a => a.Address.Trim().ToLowerInvariant()).ToList();
        var overview = workflow.Value.PublicBaseUrl is { Length: > 0 } baseUrl ? baseUrl.TrimEnd('/') + "/admin" : null;
        return DeadlineMails.Reminder(new DeadlineReminderMail(entry.AgencyName, entry.Year, entry.Stage, entry.LevelName,
            holders, slot, deadlines.StatutoryDeadline, distinct, overview));
    }

    private static EmailAddress Address(Person p) => new(p.Name, p.Email);
}
