using System.Text.Json;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Storage;

namespace InfoDisclosure.Workflow.Api;

public sealed record CreateReportRequest(string? AgencyId, int? Year);

public sealed record DecisionRequest(
    int? Level,
    int? Round,
    string? Reviewer,
    string? Decision,
    string? Comment,
    bool ReviewConfirmed,
    bool ProofreadConfirmed,
    string? VersionSha256,
    int? Version);

public sealed record FindingView(string Rule, string Severity, string Where, string Message)
{
    public static FindingView From(Finding f) => new(f.Rule, f.Severity == Reports.Validation.Severity.Error ? "error" : "warning", f.Where, f.Message);

    public static IReadOnlyList<FindingView> From(IEnumerable<Finding> findings) => findings.Select(From).ToList();
}

public sealed record SavedDraftView(
    string AgencyId,
    int Year,
    int Version,
    string Sha256,
    bool Unchanged,
    string Source,
    IReadOnlyList<FindingView> Findings);

/// <summary>The deadline in Beijing time and whole days left from today (Beijing); negative when overdue.</summary>
public sealed record DeadlineView(string Statutory, int DaysLeft, string? SubmitBy, string? PublishBy);

public sealed record ReportSummaryView(
    string AgencyId,
    string AgencyName,
    int Year,
    string Stage,
    int? Level,
    string? LevelName,
    int Round,
    IReadOnlyList<Person> Holder,
    string Deadline,
    int DaysLeft,
    int CurrentVersion,
    string? CurrentSha256,
    string? LevelDueAt,
    string? PublishedUrl,
    string? PublishedAt,
    string UpdatedAt,
    bool NotificationFailed = false,
    string? NotificationError = null);

/// <summary>One level's 审 and 校 in one round: who confirmed each, and when.</summary>
public sealed record ReviewTrailView(
    int Round,
    int Level,
    string LevelName,
    string Review,
    string Proofread,
    IReadOnlyList<ReviewSignOff> ReviewedBy,
    IReadOnlyList<ReviewSignOff> ProofreadBy,
    IReadOnlyList<DecisionView> Decisions);

public sealed record ReviewSignOff(string Name, string Email, string At);

public sealed record DecisionView(
    string Reviewer,
    string ReviewerEmail,
    string Decision,
    bool ReviewConfirmed,
    bool ProofreadConfirmed,
    string? Comment,
    int VersionNumber,
    string VersionSha256,
    string DecidedAt);

public sealed record AuditView(string At, string Actor, string Action, string? Detail, string? ClientIp, int? Round, int? Level, int? VersionNumber);

public sealed record VersionView(int Number, string Sha256, string SavedAt, string SavedBy, string Source, int ErrorCount, int WarningCount);

public sealed record ReportView(
    ReportSummaryView Status,
    DeadlineView Deadlines,
    string? LastComment,
    int? SubmittedVersion,
    string? SubmittedSha256,
    IReadOnlyList<ReviewLevel> Chain,
    IReadOnlyList<VersionView> Versions,
    IReadOnlyList<ReviewTrailView> ReviewTrail,
    IReadOnlyList<AuditView> Audit,
    WorkflowView? Workflow);

/// <summary>The orchestration as the engine sees it: runtime status and the custom status.</summary>
public sealed record WorkflowView(string InstanceId, string Name, string RuntimeStatus, JsonElement? CustomStatus);
