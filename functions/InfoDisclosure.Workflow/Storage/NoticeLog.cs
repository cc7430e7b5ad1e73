using Azure;
using Azure.Data.Tables;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Review;

namespace InfoDisclosure.Workflow.Storage;

/// <summary>
/// The Notifications table: every workflow notice once (keyed by its NotificationId), whether or not e-mail is
/// configured, so what the workflow told whom can be read back.
/// </summary>
public sealed class NoticeLog(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.NotificationsTable);

    public Task RecordAsync(ReviewRequest request, CancellationToken ct) =>
        RecordAsync(request.Report, request.NotificationId, "reviewRequested", request.Reviewers, WorkflowJson.Serialize(request), ct);

    public Task RecordAsync(StageReminder reminder, CancellationToken ct) =>
        RecordAsync(reminder.Request.Report, reminder.NotificationId, reminder.Kind,
            reminder.Kind == ReminderKinds.Escalation ? [reminder.Drafter] : reminder.Undecided, WorkflowJson.Serialize(reminder), ct);

    public Task RecordAsync(DrafterNotice notice, CancellationToken ct) =>
        RecordAsync(notice.Report, notice.NotificationId, notice.Kind, [notice.Drafter], WorkflowJson.Serialize(notice), ct);

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
