using InfoDisclosure.Workflow.Agencies;

namespace InfoDisclosure.Workflow.Review;

/// <summary>
/// Who must be told what as the report moves. Each notice carries a deterministic <c>NotificationId</c>: an activity
/// may run again after a crash, and an implementation that remembers the ids sends each notice once
/// (<see cref="Notifications.EmailWorkflowNotifier"/>).
/// </summary>
public interface IWorkflowNotifier
{
    /// <summary>A level starts: every reviewer of it is asked to review the bound version.</summary>
    Task ReviewRequestedAsync(ReviewRequest request, CancellationToken ct);

    /// <summary>A level is overdue: a reminder to its undecided reviewers, or (second period) an escalation to the drafter and administrator.</summary>
    Task StageReminderAsync(StageReminder reminder, CancellationToken ct);

    /// <summary>The drafter learns of a rejection, the approval, the 报送 and the publication.</summary>
    Task DrafterNoticeAsync(DrafterNotice notice, CancellationToken ct);
}

public sealed record ReportRef(string AgencyId, string AgencyName, int Year)
{
    public string Title => $"{AgencyName}{Year}年政府信息公开工作年度报告";
}

public sealed record ReviewRequest(
    string NotificationId,
    ReportRef Report,
    int Level,
    string LevelName,
    int Round,
    IReadOnlyList<Person> Reviewers,
    int VersionNumber,
    string VersionSha256,
    DateTimeOffset RequestedAt,
    DateTimeOffset LevelDueAt,
    DateTimeOffset Deadline);

public static class ReminderKinds
{
    /// <summary>The level's due time passed: remind the reviewers who have not decided (with fresh links).</summary>
    public const string Reminder = "reminder";

    /// <summary>A second period passed: tell the drafter and the administrator who is holding the report.</summary>
    public const string Escalation = "escalation";
}

public sealed record StageReminder(
    string NotificationId,
    string Kind,
    ReviewRequest Request,
    IReadOnlyList<Person> Undecided,
    Person Drafter,
    DateTimeOffset At);

public static class DrafterNoticeKinds
{
    public const string Rejected = "rejected";
    public const string Approved = "approved";
    public const string Submitted = "submitted";
    public const string Published = "published";
    public const string PublishFailed = "publishFailed";
}

public sealed record DrafterNotice(
    string NotificationId,
    string Kind,
    ReportRef Report,
    Person Drafter,
    int Round,
    int? Level,
    string? LevelName,
    Person? By,
    string? Comment,
    string? PublishedUrl,
    DateTimeOffset At);
