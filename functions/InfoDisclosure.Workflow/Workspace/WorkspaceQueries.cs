using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.Admin;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Api;
using InfoDisclosure.Workflow.Deadlines;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Review.Page;
using InfoDisclosure.Workflow.Storage;

namespace InfoDisclosure.Workflow.Workspace;

/// <summary>One report in a person's list: where it stands, who holds it, how long until its deadline.</summary>
public sealed record ReportRow(
    string AgencyId,
    string AgencyName,
    int Year,
    string Stage,
    string StageText,
    IReadOnlyList<Person> Holder,
    DateTimeOffset Deadline,
    int? DaysLeft,
    int? WorkingDaysLeft,
    bool Late)
{
    public bool Overdue => DaysLeft < 0;
    public string Title => $"{AgencyName}{Year}年政府信息公开工作年度报告";
}

/// <summary>A level waiting for the signed-in reviewer (待我审核).</summary>
public sealed record ReviewTask(string AgencyId, string AgencyName, int Year, int Level, string LevelName, int Round, DateTimeOffset? LevelDueAt);

/// <summary>我的年报: the reports a person may see and, for reviewers, what waits for them.</summary>
public sealed record MyReports(IReadOnlyList<ReportRow> Reports, IReadOnlyList<ReviewTask> AwaitingMe, bool SeesEveryAgency, int Year);

/// <summary>One step in a report's history, for its timeline.</summary>
public sealed record TimelineStep(DateTimeOffset At, string What, string Who, string? Comment, int? Round, int? Level, int? Version);

/// <summary>A version of the draft as the timeline and the comparison list it.</summary>
public sealed record VersionRow(int Number, DateTimeOffset SavedAt, string SavedBy, string Source, int Errors, int Warnings);

/// <summary>The findings of one section of the report, each with the editor anchor of the cell or paragraph it names.</summary>
public sealed record FindingGroup(string Section, IReadOnlyList<LocatedFinding> Findings);

public sealed record LocatedFinding(Finding Finding, string Anchor)
{
    public bool IsError => Finding.Severity == Severity.Error;
}

/// <summary>The report's page: status, timeline, review trail, current findings.</summary>
public sealed record ReportPageData(
    ReportIndexEntry Entry,
    ReportRow Row,
    IReadOnlyList<VersionRow> Versions,
    IReadOnlyList<TimelineStep> Timeline,
    IReadOnlyList<ReviewTrailView> ReviewTrail,
    IReadOnlyList<FindingGroup> Findings,
    int ErrorCount);

/// <summary>Two versions side by side.</summary>
public sealed record VersionComparison(ReportIndexEntry Entry, int From, int To, ReportChanges Changes, IReadOnlyList<VersionRow> Versions);

/// <summary>
/// What the drafters' workspace shows, read from the stores; nothing here writes. Pages only translate these records
/// into HTML, so the same questions have the same answers as the API.
/// </summary>
public sealed class WorkspaceQueries(
    AgencyStore agencies, ReportIndex index, ReportDocuments documents, DecisionLog decisions, AuditLog audit, TimeProvider time)
{
    /// <summary>
    /// The office and the administrator see every agency's report of <paramref name="year"/> (default: the year whose
    /// deadlines are current); drafters and reviewers see every year of their own agencies.
    /// </summary>
    public async Task<MyReports> MyReportsAsync(Caller caller, int? year, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var shownYear = year ?? AdminOverview.DefaultYear(now);
        var agencyById = (await agencies.ListAsync(ct)).ToDictionary(a => a.Id);
        var seesAll = caller.Has(Roles.Office) || caller.Has(Roles.Admin);
        List<ReportIndexEntry> entries;
        if (seesAll)
        {
            entries = [.. await index.ListAsync(shownYear, ct)];
        }
        else
        {
            entries = [];
            foreach (var agencyId in caller.AgenciesAs(Roles.Drafter).Union(caller.AgenciesAs(Roles.Reviewer)))
            {
                entries.AddRange(await index.ListForAgencyAsync(agencyId, ct));
            }
        }
        var rows = entries
            .Select(e => Row(e, agencyById.GetValueOrDefault(e.AgencyId), now))
            .OrderByDescending(r => r.Year).ThenBy(r => r.Overdue ? 0 : 1).ThenBy(r => r.DaysLeft ?? int.MaxValue).ThenBy(r => r.AgencyId, StringComparer.Ordinal)
            .ToList();

        var awaiting = new List<ReviewTask>();
        foreach (var agencyId in caller.AgenciesAs(Roles.Reviewer).Distinct())
        {
            foreach (var e in await index.ListForAgencyAsync(agencyId, ct))
            {
                if (await WaitsForAsync(e, caller.Email, ct))
                {
                    awaiting.Add(new ReviewTask(e.AgencyId, e.AgencyName, e.Year, e.Level, e.LevelName ?? "", e.Round, e.LevelDueAt));
                }
            }
        }
        return new MyReports(rows, awaiting, seesAll, shownYear);
    }

    /// <summary>Whether the report's current level waits for this reviewer: held by them and not yet decided by them.</summary>
    public async Task<bool> WaitsForAsync(ReportIndexEntry entry, string email, CancellationToken ct)
    {
        if (entry.Stage != ReportStages.InReview) return false;
        if (!entry.Holder.Any(p => string.Equals(p.Email.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase))) return false;
        var key = email.Trim().ToLowerInvariant();
        return !(await decisions.ReadAsync(entry.Key, ct)).Any(d => d.Round == entry.Round && d.Level == entry.Level && d.Reviewer.Key == key);
    }

    public async Task<ReportPageData?> ReportAsync(string agencyId, int year, CancellationToken ct)
    {
        var entry = await index.GetAsync(agencyId, year, ct);
        if (entry is null) return null;
        var agency = (await agencies.GetAsync(agencyId, ct))?.Agency;
        var versions = (await documents.ListVersionsAsync(agencyId, year, ct)).Select(VersionRow).ToList();
        var recorded = await decisions.ReadAsync(entry.Key, ct);
        var history = await audit.ReadAsync(entry.Key, ct);
        var timeline = history.Select(a => new TimelineStep(a.At, ActionText(a.Action), ActorText(a.Actor), ShowsDetail(a.Action) ? a.Detail : null,
                a.Round is > 0 ? a.Round : null, a.Level, a.VersionNumber))
            .OrderBy(s => s.At).ToList();

        var report = await documents.ReadReportAsync(agencyId, year, entry.CurrentVersion, ct);
        var findings = report is null ? [] : await ValidateAsync(report, agencyId, year, ct);
        return new ReportPageData(entry, Row(entry, agency, time.GetUtcNow()), versions, timeline, ReportEndpoints.ReviewTrail(recorded),
            report is null ? [] : Group(report, findings), findings.Count(f => f.Severity == Severity.Error));
    }

    /// <summary>The findings of a report as submission would judge it: against last year's report.</summary>
    public async Task<IReadOnlyList<Finding>> ValidateAsync(AnnualReport report, string agencyId, int year, CancellationToken ct) =>
        ReportValidator.Validate(report, await PreviousYearReport.ForAsync(index, documents, agencyId, year, ct));

    public async Task<VersionComparison?> CompareAsync(string agencyId, int year, int? from, int? to, CancellationToken ct)
    {
        var entry = await index.GetAsync(agencyId, year, ct);
        if (entry is null || entry.CurrentVersion < 1) return null;
        var newer = to ?? entry.CurrentVersion;
        var older = from ?? Math.Max(1, newer - 1);
        var before = await documents.ReadReportAsync(agencyId, year, older, ct);
        var after = await documents.ReadReportAsync(agencyId, year, newer, ct);
        if (before is null || after is null) return null;
        var versions = (await documents.ListVersionsAsync(agencyId, year, ct)).Select(VersionRow).ToList();
        return new VersionComparison(entry, older, newer, ReportChanges.Compare($"第{older}版", before, after), versions);
    }

    /// <summary>Findings by section, in the report's order, errors first, each with its place in the editor.</summary>
    public static IReadOnlyList<FindingGroup> Group(AnnualReport report, IEnumerable<Finding> findings)
    {
        var anchors = new EditorAnchors(report);
        return findings.Select(f => new LocatedFinding(f, anchors.For(f.Where)))
            .GroupBy(f => EditorAnchors.SectionOf(f.Finding.Where))
            .OrderBy(g => EditorAnchors.SectionOrder(g.Key))
            .Select(g => new FindingGroup(g.Key, g.OrderBy(f => f.IsError ? 0 : 1).ToList()))
            .ToList();
    }

    private static ReportRow Row(ReportIndexEntry e, Agency? agency, DateTimeOffset now)
    {
        var deadlines = agency is null ? null : InternalDeadline.Deadlines(agency, e.Year);
        var published = e.Stage == ReportStages.Published;
        return new ReportRow(e.AgencyId, e.AgencyName, e.Year, e.Stage, AdminOverview.StageText(e.Stage, e.LevelName), e.Holder,
            deadlines?.PublishDeadline ?? e.Deadline,
            published ? null : deadlines?.DaysLeft(now) ?? BeijingCalendar.DaysLeft(BeijingCalendar.DateOf(e.Deadline), now),
            published ? null : deadlines?.WorkingDaysLeft(now) ?? BeijingCalendar.WorkingDaysLeft(BeijingCalendar.DateOf(e.Deadline), now),
            e.Late);
    }

    private static VersionRow VersionRow(DraftVersion v) => new(v.Number, v.SavedAt, v.SavedBy, v.Source, v.ErrorCount, v.WarningCount);

    /// <summary>Details worth reading on the timeline: the 审/校 confirmations and comments, the rejection, the published address.</summary>
    private static bool ShowsDetail(string action) =>
        action is "rejected" or "published" || action.StartsWith("decision-", StringComparison.Ordinal) || action.StartsWith("publish-failed", StringComparison.Ordinal);

    /// <summary>The audit log's actions in the drafters' words.</summary>
    public static string ActionText(string action) => action switch
    {
        "report-created" => "创建报告",
        "draft-saved" => "保存草稿",
        "submitted-for-review" => "提交审核",
        "level-started" => "送达审核环节",
        "decision-approve" => "审核通过",
        "decision-reject" => "退回修改",
        "rejected" => "退回起草人",
        "approved" => "通过三审三校",
        "submitted" => "报送主管部门",
        "published" => "已发布",
        "publish-retry-requested" => "请求重新发布",
        "resend-requested" => "请求重发邮件",
        "notification-failing" => "邮件发送失败",
        "notification-recovered" => "邮件恢复发送",
        "recovered" => "恢复审核流程",
        _ when action.StartsWith("publish-failed", StringComparison.Ordinal) => "发布失败",
        _ when action.StartsWith("publishing-", StringComparison.Ordinal) => "发布到门户网站",
        _ => action,
    };

    private static string ActorText(string actor) => actor == "workflow" ? "系统" : actor;
}
