using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Workflow.Storage;
using Microsoft.DurableTask;

namespace InfoDisclosure.Workflow.Review;

/// <summary>Where a stage change is written: the report index and the audit log (<see cref="StageRecorder"/>).</summary>
public interface IStageRecorder
{
    /// <summary>Writes the change once, even when called again with it (the audit entry is keyed by the step).</summary>
    Task RecordAsync(StageChange change, CancellationToken ct);
}

public sealed class StageRecorder(ReportIndex index, AuditLog audit) : IStageRecorder
{
    public async Task RecordAsync(StageChange change, CancellationToken ct)
    {
        await index.UpdateAsync(change.AgencyId, change.Year, entry => entry with
        {
            Stage = change.Stage,
            Round = change.Round,
            Level = change.Level ?? 0,
            LevelName = change.LevelName,
            Holder = change.Holder,
            LevelDueAt = change.LevelDueAt,
            LastComment = change.Comment ?? entry.LastComment,
            PublishedUrl = change.PublishedUrl ?? entry.PublishedUrl,
            // The publication itself records when the portal confirmed it (and the late flag); keep that time.
            PublishedAt = change.Stage == ReportStages.Published ? entry.PublishedAt ?? change.At : entry.PublishedAt,
            UpdatedAt = change.At,
        }, ct);
        await audit.AppendOnceAsync(
            StorageNames.ReportKey(change.AgencyId, change.Year),
            new AuditEntry(change.At, "workflow", change.Action, change.Comment ?? change.PublishedUrl, null, change.Round, change.Level, change.VersionNumber),
            $"wf-{change.Action}-R{change.Round}-L{change.Level ?? 0}",
            ct);
    }
}

/// <summary>Writes a stage change to the report index and the audit log (once, even when retried).</summary>
public sealed class RecordStage(IStageRecorder stages) : TaskActivity<StageChange, string>
{
    public const string Name = nameof(RecordStage);

    public override async Task<string> RunAsync(TaskActivityContext context, StageChange change)
    {
        await stages.RecordAsync(change, CancellationToken.None);
        return change.Stage;
    }
}

/// <summary>Asks the reviewers of a level to review.</summary>
public sealed class RequestReview(IWorkflowNotifier notifier, Deadlines.HolidayDataWarnings holidayData) : TaskActivity<ReviewRequest, string>
{
    public const string Name = nameof(RequestReview);

    public override async Task<string> RunAsync(TaskActivityContext context, ReviewRequest request)
    {
        await SendAsync(notifier, holidayData, request);
        return request.NotificationId;
    }

    /// <summary>The request itself, also the first attempt of ReportWorkflow_v3's <see cref="EnterStage"/>.</summary>
    public static Task SendAsync(IWorkflowNotifier notifier, Deadlines.HolidayDataWarnings holidayData, ReviewRequest request)
    {
        // The level's due date was counted in the orchestrator, which may not log; a year without holiday data is said here.
        holidayData.Check(Deadlines.BeijingCalendar.DateOf(request.RequestedAt), Deadlines.BeijingCalendar.DateOf(request.LevelDueAt));
        return notifier.ReviewRequestedAsync(request, CancellationToken.None);
    }
}

/// <summary>Reminds the undecided reviewers of an overdue level, or escalates to the drafter and administrator.</summary>
public sealed class SendStageReminder(IWorkflowNotifier notifier) : TaskActivity<StageReminder, string>
{
    public const string Name = nameof(SendStageReminder);

    public override async Task<string> RunAsync(TaskActivityContext context, StageReminder reminder)
    {
        await notifier.StageReminderAsync(reminder, CancellationToken.None);
        return reminder.NotificationId;
    }
}

/// <summary>Tells the drafter what happened to the report.</summary>
public sealed class NotifyDrafter(IWorkflowNotifier notifier) : TaskActivity<DrafterNotice, string>
{
    public const string Name = nameof(NotifyDrafter);

    public override async Task<string> RunAsync(TaskActivityContext context, DrafterNotice notice)
    {
        await notifier.DrafterNoticeAsync(notice, CancellationToken.None);
        return notice.NotificationId;
    }
}

public sealed record FinalArtifactsRequest(string AgencyId, int Year, int Round, int VersionNumber, string VersionSha256);

/// <summary>Renders the approved version as HTML and DOCX and stores them, with its JSON, as the final artifacts.</summary>
public sealed class StoreFinalArtifacts(ReportDocuments documents, ArtifactStore artifacts) : TaskActivity<FinalArtifactsRequest, FinalArtifacts>
{
    public const string Name = nameof(StoreFinalArtifacts);

    public override async Task<FinalArtifacts> RunAsync(TaskActivityContext context, FinalArtifactsRequest request)
    {
        var report = await documents.ReadReportAsync(request.AgencyId, request.Year, request.VersionNumber, CancellationToken.None)
            ?? throw new InvalidOperationException($"Version {request.VersionNumber} of {request.AgencyId}/{request.Year} is missing.");
        var json = ReportDocuments.Json(report);
        if (ReportDocuments.Sha256(json) != request.VersionSha256)
        {
            throw new InvalidOperationException($"Version {request.VersionNumber} of {request.AgencyId}/{request.Year} does not match the approved SHA-256.");
        }
        var folder = $"{request.AgencyId}/{request.Year}/r{request.Round:D3}-v{request.VersionNumber:D4}";
        const string container = StorageNames.SubmissionsContainer;
        // The three writes at once: the step waits one storage round trip instead of three.
        var htmlSha = artifacts.WriteOnceAsync(container, $"{folder}/report.html",
            System.Text.Encoding.UTF8.GetBytes(HtmlRenderer.RenderPage(report)), "text/html; charset=utf-8", CancellationToken.None);
        var docxSha = artifacts.WriteOnceAsync(container, $"{folder}/report.docx",
            DocxRenderer.Render(report), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", CancellationToken.None);
        var jsonSha = artifacts.WriteOnceAsync(container, $"{folder}/report.json",
            System.Text.Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8", CancellationToken.None);
        await Task.WhenAll(htmlSha, docxSha, jsonSha);
        return new FinalArtifacts(request.VersionNumber, request.VersionSha256,
            $"{folder}/report.html", await htmlSha, $"{folder}/report.docx", await docxSha, $"{folder}/report.json");
    }
}

/// <summary>报送: delivers the final artifacts to the supervising office.</summary>
public sealed class DeliverReport(IReportDelivery delivery) : TaskActivity<DeliveryRequest, DeliveryReceipt>
{
    public const string Name = nameof(DeliverReport);

    public override Task<DeliveryReceipt> RunAsync(TaskActivityContext context, DeliveryRequest request) =>
        delivery.DeliverAsync(request, CancellationToken.None);
}

/// <summary>Publishes the report and returns where it can be read.</summary>
public sealed class PublishReport(IReportPublisher publisher) : TaskActivity<PublicationRequest, Publication>
{
    public const string Name = nameof(PublishReport);

    public override Task<Publication> RunAsync(TaskActivityContext context, PublicationRequest request) =>
        publisher.PublishAsync(request, CancellationToken.None);
}
