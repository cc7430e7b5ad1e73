using System.Text.Json.Serialization;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Deadlines;
using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.Publishing;
using InfoDisclosure.Workflow.Storage;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Workflow.Admin;

/// <summary>One agency's report of the year as the supervising office sees it.</summary>
public sealed record OverviewRow(
    string AgencyId,
    string AgencyName,
    string Kind,
    string Stage,
    string StageText,
    int? Level,
    string? LevelName,
    IReadOnlyList<Person> Holder,
    string Deadline,
    string StatutoryDeadline,
    int? DaysLeft,
    bool Overdue,
    bool Late,
    string? PublishedUrl,
    string? PublishedAt,
    string? LastError,
    int? WorkingDaysLeft = null,
    bool NotificationFailed = false,
    bool WorkflowFailed = false)
{
    /// <summary>Risk order: overdue first (most days over first), then unpublished by fewest days left, published last.</summary>
    [JsonIgnore]
    public (int Group, int Days) RiskKey => Stage == ReportStages.Published
        ? (2, 0)
        : Overdue ? (0, DaysLeft ?? 0) : (1, DaysLeft ?? int.MaxValue);
}

public sealed record StageCount(string Stage, string StageText, int Count);

public sealed record Overview(int Year, string GeneratedAt, IReadOnlyList<StageCount> Counts, IReadOnlyList<OverviewRow> Reports)
{
    public int Total => Reports.Count;
    public int OverdueCount => Reports.Count(r => r.Overdue);
    public int LateCount => Reports.Count(r => r.Late);
    public int PublishedCount => Reports.Count(r => r.Stage == ReportStages.Published);
}

/// <summary>Reads the index, the agencies and the publications into the overview. Changes nothing.</summary>
public sealed class AdminOverview(AgencyStore agencies, ReportIndex index, PublicationStore publications, TimeProvider time)
{
    /// <summary>An agency without a report for the year (not yet created).</summary>
    public const string NotCreated = "NotCreated";

    public static readonly IReadOnlyList<string> StageOrder =
    [
        NotCreated, ReportStages.Draft, ReportStages.InReview, ReportStages.Approved, ReportStages.Submitted,
        ReportStages.Publishing, ReportStages.PublishFailed, ReportStages.Published,
    ];

    public static string StageText(string stage, string? levelName = null) =>
        stage == NotCreated ? "未创建" : DeadlineMails.StageText(stage, levelName);

    /// <summary>The report year whose deadlines are current: last year's reports until the end of March, then this year's.</summary>
    public static int DefaultYear(DateTimeOffset now)
    {
        var today = BeijingCalendar.DateOf(now);
        return today.Month <= 3 ? today.Year - 1 : today.Year;
    }

    public Task<Overview> BuildAsync(int year, CancellationToken ct) => BuildAsync(year, null, ct);

    /// <summary>With the engine: reports whose orchestration failed (a bug; POST …/recover) are marked <see cref="OverviewRow.WorkflowFailed"/>.</summary>
    public async Task<Overview> BuildAsync(int year, DurableTaskClient? durable, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var failed = durable is null ? [] : await FailedInstancesAsync(durable, ct);
        var agencyList = await agencies.ListAsync(ct);
        var entries = (await index.ListAsync(year, ct)).ToDictionary(e => e.AgencyId);
        var published = await publications.LatestOfYearAsync(year, ct);
        var rows = new List<OverviewRow>();
        foreach (var agency in agencyList)
        {
            entries.TryGetValue(agency.Id, out var entry);
            published.TryGetValue(agency.Id, out var publication);
            rows.Add(Row(agency, year, entry, publication, now, failed));
        }
        // Reports whose agency was since removed still show, so nothing silently disappears from the overview.
        foreach (var orphan in entries.Values.Where(e => agencyList.All(a => a.Id != e.AgencyId)))
        {
            published.TryGetValue(orphan.AgencyId, out var publication);
            rows.Add(Row(new Agency { Id = orphan.AgencyId, Name = orphan.AgencyName }, year, orphan, publication, now, failed));
        }
        rows.Sort((a, b) => a.RiskKey.CompareTo(b.RiskKey) is var c && c != 0 ? c : string.CompareOrdinal(a.AgencyId, b.AgencyId));
        var counts = StageOrder.Select(s => new StageCount(s, StageText(s), rows.Count(r => r.Stage == s))).ToList();
        return new Overview(year, BeijingTime.Iso(now), counts, rows);
    }

    /// <summary>One query for the failed report instances (few, whatever the hub's size), not one per report.</summary>
    private static async Task<HashSet<string>> FailedInstancesAsync(DurableTaskClient durable, CancellationToken ct)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Failed], InstanceIdPrefix = "report-" };
        await foreach (var instance in durable.GetAllInstancesAsync(query).WithCancellation(ct)) ids.Add(instance.InstanceId);
        return ids;
    }

    private static OverviewRow Row(Agency agency, int year, ReportIndexEntry? entry, PublicationRecord? publication, DateTimeOffset now, HashSet<string> failed)
    {
        var deadlines = InternalDeadline.Deadlines(agency, year);
        var stage = entry?.Stage ?? NotCreated;
        var isPublished = stage == ReportStages.Published;
        var publishedAt = publication is { Status: PublicationStatus.Published } p ? p.PublishedAt : entry?.PublishedAt;
        var late = isPublished && publishedAt is { } at && (publication?.Late ?? deadlines.IsLate(at));
        int? daysLeft = isPublished ? null : deadlines.DaysLeft(now);
        int? workingDaysLeft = isPublished ? null : deadlines.WorkingDaysLeft(now);
        return new OverviewRow(
            agency.Id,
            agency.Name,
            agency.Kind,
            stage,
            StageText(stage, entry?.LevelName),
            entry is { Level: > 0 } ? entry.Level : null,
            entry?.LevelName,
            entry?.Holder ?? [],
            BeijingTime.Iso(deadlines.PublishDeadline),
            BeijingTime.Iso(deadlines.StatutoryDeadline),
            daysLeft,
            Overdue: daysLeft < 0,
            Late: late,
            isPublished ? publication?.Url ?? entry?.PublishedUrl : null,
            isPublished && publishedAt is { } when ? BeijingTime.Iso(when) : null,
            stage == ReportStages.PublishFailed ? publication?.LastError ?? entry?.LastComment : entry?.NotificationError,
            workingDaysLeft,
            entry?.NotificationFailed ?? false,
            entry is not null && failed.Contains(entry.Key));
    }
}
