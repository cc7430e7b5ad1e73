using InfoDisclosure.Workflow.Admin;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Deadlines;

public sealed record ReminderRun(int Sent, int AlreadySent, int Held, int Failed);

/// <summary>
/// Sends every deadline reminder that is due now (time from the injected <see cref="TimeProvider"/>) across all reports
/// in the index, each exactly once through <see cref="SentMailLedger"/>. Called by the Functions timer trigger and the
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
    public async Task<ReminderRun> RunDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = BeijingCalendar.DateOf(now);
        var planner = new ReminderPlanner(options.Value);
        var byId = (await agencies.ListAsync(ct)).ToDictionary(a => a.Id);
        int sent = 0, already = 0, held = 0, failed = 0;

        // A report of year Y counts down from December of Y; overdue notices go on into later years until it is published.
        for (var year = today.Year - 2; year <= today.Year; year++)
        {
            foreach (var entry in await index.ListAsync(year, ct))
            {
                if (ReminderPlanner.IsClosed(entry.Stage) || !byId.TryGetValue(entry.AgencyId, out var agency)) continue;
                var deadlines = InternalDeadline.Deadlines(agency, year);
                holidayData.Check(today, deadlines.PublishTarget);
                foreach (var slot in planner.DueAt(deadlines, entry.Stage, now))
                {
                    var mail = Compose(entry, agency, slot, deadlines);
                    var description = $"{slot.Key} → {string.Join(", ", mail.To.Select(t => t.Address))}";
                    switch (await ledger.TryClaimAsync(entry.Key, slot.Key, description, now, ct))
                    {
                        case ClaimResult.AlreadySent: already++; continue;
                        case ClaimResult.Held: held++; continue;
                    }
                    try
                    {
                        await email.SendAsync(mail, ct);
                        await ledger.MarkSentAsync(entry.Key, slot.Key, time.GetUtcNow(), string.Join(";", mail.To.Select(t => t.Address)), CancellationToken.None);
                        sent++;
                        logger.LogInformation("Deadline reminder for {Report} sent: {Reminder}", entry.Key, description);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Not delivered: released for the next run of the same day.
                        await ledger.MarkFailedAsync(entry.Key, slot.Key, e.Message, CancellationToken.None);
                        failed++;
                        logger.LogWarning(e, "Deadline reminder {Key} for {Report} failed; a later run retries it", slot.Key, entry.Key);
                    }
                }
            }
        }
        return new ReminderRun(sent, already, held, failed);
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
