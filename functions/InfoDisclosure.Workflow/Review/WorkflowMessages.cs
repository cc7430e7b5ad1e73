using System.Text.Json.Serialization;
using InfoDisclosure.Workflow.Agencies;

namespace InfoDisclosure.Workflow.Review;

/// <summary>
/// Event names, distinct per round and level: a wait that ended (a timer, a decided level) can never swallow an
/// event meant for a later one.
/// </summary>
public static class WorkflowEvents
{
    public static string Submit(int round) => $"Submit-R{round}";
    public static string Decision(int level, int round) => $"Decision-L{level}-R{round}";
    public static string RetryPublish(int attempt) => $"Publish-A{attempt}";

    /// <summary>
    /// An administrator asks a failing send to be tried now (ReportWorkflow_v2). One name for the instance's life: the
    /// orchestrator keeps one wait for it across failures and creates the next only after one was taken.
    /// </summary>
    public const string Resend = "Resend";
}

/// <summary>
/// A report's orchestration input. <paramref name="Resume"/> (ReportWorkflow_v2 only) restarts a report whose instance
/// failed from its last good point; null for a new report.
/// </summary>
public sealed record ReportWorkflowInput(
    string AgencyId, int Year, string AgencyName, Person Drafter, DateTimeOffset Deadline, ResumePoint? Resume = null);

public static class ResumeStages
{
    /// <summary>A draft (after <see cref="ResumePoint.Round"/> rounds): wait for the next submission.</summary>
    public const string Draft = "Draft";

    /// <summary>In review: the round of <see cref="ResumePoint.Submission"/>, from level <see cref="ResumePoint.Level"/>.</summary>
    public const string Review = "Review";

    /// <summary>Approved: 报送 and publication of <see cref="ResumePoint.Submission"/> (each done at most once by its key).</summary>
    public const string Approved = "Approved";
}

/// <summary>
/// Where a recovered orchestration starts (built by <see cref="ReportRecoveryService"/> from the report index and the
/// stored versions). <paramref name="PublishCycle"/>: the publication cycle to start with (one more than the cycles that
/// already failed), so POST …/publish raises the event the new instance waits for.
/// </summary>
public sealed record ResumePoint(string From, int Round, int Level, Submission? Submission, int PublishCycle = 1);

/// <summary>Who asked for an immediate resend (the payload of <see cref="WorkflowEvents.Resend"/>).</summary>
public sealed record ResendRequest(string RequestedBy);

public sealed record ReportOutcome(string Stage, int Rounds, string? PublishedUrl);

/// <summary>
/// The drafter submitted version <paramref name="VersionNumber"/> for review round <paramref name="Round"/>. The chain,
/// drafter and reminder settings are the agency's at that moment, so a round is not changed by later edits of the agency.
/// </summary>
public sealed record Submission(
    int Round,
    int VersionNumber,
    string Sha256,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<ReviewLevel> Chain,
    Person Drafter,
    string SupervisingOfficeEmail,
    StageReminderSettings Reminders);

public static class Decisions
{
    public const string Approve = "approve";
    public const string Reject = "reject";
}

/// <summary>One reviewer's decision on one level of one round, bound to the version the reviewer saw.</summary>
public sealed record ReviewDecision(
    int Round,
    int Level,
    string LevelName,
    Person Reviewer,
    string Decision,
    string? Comment,
    bool ReviewConfirmed,
    bool ProofreadConfirmed,
    int VersionNumber,
    string VersionSha256,
    DateTimeOffset DecidedAt,
    string? ClientIp)
{
    [JsonIgnore]
    public bool Approved => Decision == Decisions.Approve;
}

/// <summary>
/// The orchestration's custom status: stage, level, round, who holds the report and the deadline (Beijing time).
/// Property names are fixed (camelCase) because hosts, tests and the overview read them. <c>notificationFailed</c>: a send
/// to the outside (e-mail, 报送, portal push) keeps failing and is being retried (ReportWorkflow_v2).
/// </summary>
public sealed record ReportStatus(
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("level")] int? Level,
    [property: JsonPropertyName("levelName")] string? LevelName,
    [property: JsonPropertyName("round")] int Round,
    [property: JsonPropertyName("holder")] IReadOnlyList<Person> Holder,
    [property: JsonPropertyName("deadline")] string Deadline,
    [property: JsonPropertyName("versionNumber")] int? VersionNumber,
    [property: JsonPropertyName("versionSha256")] string? VersionSha256,
    [property: JsonPropertyName("levelDueAt")] string? LevelDueAt,
    [property: JsonPropertyName("comment")] string? Comment,
    [property: JsonPropertyName("notificationFailed")] bool NotificationFailed = false);
