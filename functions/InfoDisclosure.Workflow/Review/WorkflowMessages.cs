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
}

public sealed record ReportWorkflowInput(string AgencyId, int Year, string AgencyName, Person Drafter, DateTimeOffset Deadline);

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
/// Property names are fixed (camelCase) because hosts, tests and the overview read them.
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
    [property: JsonPropertyName("comment")] string? Comment);
