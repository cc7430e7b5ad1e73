using Azure;
using Azure.Data.Tables;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Storage;

namespace InfoDisclosure.Workflow.Review;

/// <summary>A notice as recorded by <see cref="RecordingWorkflowNotifier"/>.</summary>
public sealed record RecordedNotice(string NotificationId, string Kind, IReadOnlyList<string> To, string Json);

/// <summary>
/// The default notifier: records each notice once (keyed by its NotificationId) in the Notifications table, so the
/// workflow's notices can be seen and checked before e-mail is configured.
/// </summary>
public sealed class RecordingWorkflowNotifier(TableServiceClient tables) : IWorkflowNotifier
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.NotificationsTable);

    public Task ReviewRequestedAsync(ReviewRequest request, CancellationToken ct) =>
        RecordAsync(request.Report, request.NotificationId, "reviewRequested", request.Reviewers, WorkflowJson.Serialize(request), ct);

    public Task StageReminderAsync(StageReminder reminder, CancellationToken ct) =>
        RecordAsync(reminder.Request.Report, reminder.NotificationId, reminder.Kind,
            reminder.Kind == ReminderKinds.Escalation ? [reminder.Drafter] : reminder.Undecided, WorkflowJson.Serialize(reminder), ct);

    public Task DrafterNoticeAsync(DrafterNotice notice, CancellationToken ct) =>
        RecordAsync(notice.Report, notice.NotificationId, notice.Kind, [notice.Drafter], WorkflowJson.Serialize(notice), ct);

    public async Task<IReadOnlyList<RecordedNotice>> ReadAsync(string agencyId, int year, CancellationToken ct)
    {
        var partition = StorageNames.ReportKey(agencyId, year);
        var notices = new List<RecordedNotice>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == partition, cancellationToken: ct))
        {
            notices.Add(new RecordedNotice(e.RowKey, e.GetString("Kind") ?? "",
                (e.GetString("To") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries), e.GetString("Json") ?? ""));
        }
        return notices;
    }

    private async Task RecordAsync(ReportRef report, string id, string kind, IReadOnlyList<Person> to, string json, CancellationToken ct)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(StorageNames.ReportKey(report.AgencyId, report.Year), Uri.EscapeDataString(id))
            {
                ["Kind"] = kind,
                ["To"] = string.Join(';', to.Select(p => p.Key)),
                ["Json"] = json,
            }, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Recorded by an earlier attempt of the same activity.
        }
    }
}
