using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Notifications;

namespace InfoDisclosure.Workflow.Review;

/// <summary>The report enters a stage (or a new level): what the index, the audit log and the custom status say about it.</summary>
public sealed record StageChange(
    string AgencyId,
    int Year,
    string Stage,
    int Round,
    int? Level,
    string? LevelName,
    IReadOnlyList<Person> Holder,
    DateTimeOffset Deadline,
    int? VersionNumber,
    string? VersionSha256,
    DateTimeOffset? LevelDueAt,
    string? Comment,
    string? PublishedUrl,
    DateTimeOffset At,
    string Action,
    bool NotificationFailed = false)
{
    public ReportStatus ToStatus() => new(
        Stage, Level, LevelName, Round, Holder, BeijingTime.Iso(Deadline), VersionNumber, VersionSha256,
        LevelDueAt is { } due ? BeijingTime.Iso(due) : null, Comment, NotificationFailed);
}
