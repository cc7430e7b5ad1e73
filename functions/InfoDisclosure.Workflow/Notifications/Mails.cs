using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Workflow.Notifications;

/// <summary>The report an e-mail is about.</summary>
public sealed record MailReport(string AgencyId, string AgencyName, int Year)
{
    public string Title => $"{AgencyName}{Year}年政府信息公开工作年度报告";
}

/// <summary>Where a report stands in the review: level number and name (e.g. 2, "复审·二校") and the round.</summary>
public sealed record MailLevel(int Number, string Name, int Round);

/// <summary>Asks one reviewer of the current level to review, with that reviewer's own link.</summary>
public sealed record ReviewRequestMail(
    MailReport Report,
    MailLevel Level,
    EmailAddress Reviewer,
    string ReviewUrl,
    DateTimeOffset LinkExpiresAt,
    DateTimeOffset? LevelDueAt,
    DateTimeOffset? ReportDeadline,
    IReadOnlyList<Finding> Findings);

/// <summary>The level was not decided in time: the reviewer gets a fresh link.</summary>
public sealed record ReviewReminderMail(ReviewRequestMail Request, DateTimeOffset LevelSentAt);

/// <summary>Still undecided after the second period: the drafter and the administrator learn who holds the report.</summary>
public sealed record EscalationMail(
    MailReport Report,
    MailLevel Level,
    IReadOnlyList<EmailAddress> Recipients,
    IReadOnlyList<EmailAddress> Holders,
    DateTimeOffset LevelSentAt,
    DateTimeOffset LevelDueAt,
    DateTimeOffset? ReportDeadline);

public enum DrafterNoticeKind
{
    /// <summary>A reviewer sent the report back (退回修改).</summary>
    Rejected,
    /// <summary>Every level approved (三审三校 complete).</summary>
    Approved,
    /// <summary>报送: delivered to the supervising office.</summary>
    Submitted,
    /// <summary>Published on the portal.</summary>
    Published,
}

/// <summary>
/// What the drafter is told. For <see cref="DrafterNoticeKind.Rejected"/>: Level, By and Comment;
/// for Submitted: SubmittedTo; for Published: PublishedUrl.
/// </summary>
public sealed record DrafterNoticeMail(
    DrafterNoticeKind Kind,
    MailReport Report,
    EmailAddress Drafter,
    DateTimeOffset At,
    DateTimeOffset? ReportDeadline,
    MailLevel? Level = null,
    EmailAddress? By = null,
    string? Comment = null,
    string? SubmittedTo = null,
    string? PublishedUrl = null);
