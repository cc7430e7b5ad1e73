using System.Globalization;
using Azure;
using Azure.Data.Tables;
using InfoDisclosure.Workflow.Agencies;

namespace InfoDisclosure.Workflow.Storage;

/// <summary>
/// A report's stages. Each move of the index row's stage has one writer:
/// <code>
/// stage move                                         writer
/// (none) → Draft                                     ReportCreationService (inserts the row)
/// Draft → InReview (new round, level 1)              SubmissionService (replace on the row's ETag; put back to
///                                                    Draft only when the orchestration did not take the event)
/// InReview → InReview (level started, level due)     orchestrator (RecordStage activity)
/// InReview → Draft (rejected)                        orchestrator
/// InReview → Approved                                orchestrator
/// Approved/PublishFailed → Submitted → Publishing    orchestrator
/// Publishing → Published                             orchestrator
/// Approved/Submitted/Publishing → PublishFailed      orchestrator
/// PublishFailed → Submitted/Publishing (retry)       orchestrator, once PublicationRetryService raised the retry
/// </code>
/// Saving a draft (DraftService) changes the current version, never the stage: it commits only while the stage is Draft.
/// </summary>
public static class ReportStages
{
    public const string Draft = "Draft";
    public const string InReview = "InReview";
    public const string Approved = "Approved";
    public const string Submitted = "Submitted";
    public const string Publishing = "Publishing";
    public const string Published = "Published";
    public const string PublishFailed = "PublishFailed";
}

/// <summary>
/// A report's row in the index: where it stands and which version is current. Partition = year, row = agency id,
/// so the reports of a year are one partition query.
/// </summary>
public sealed record ReportIndexEntry
{
    public required string AgencyId { get; init; }
    public required int Year { get; init; }
    public required string AgencyName { get; init; }
    public string Stage { get; init; } = ReportStages.Draft;

    /// <summary>The review level (1-based) while in review; 0 otherwise.</summary>
    public int Level { get; init; }

    public string? LevelName { get; init; }

    /// <summary>The last review round started (0 before the first submission).</summary>
    public int Round { get; init; }

    public IReadOnlyList<Person> Holder { get; init; } = [];
    public int VersionCount { get; init; }
    public int CurrentVersion { get; init; }
    public string? CurrentSha256 { get; init; }

    /// <summary>The version under review (or approved) and its hash: decisions are bound to it.</summary>
    public int? SubmittedVersion { get; init; }
    public string? SubmittedSha256 { get; init; }

    /// <summary>The review chain as it was when the current round was submitted.</summary>
    public IReadOnlyList<ReviewLevel> Chain { get; init; } = [];

    public DateTimeOffset Deadline { get; init; }
    public DateTimeOffset? LevelDueAt { get; init; }
    public string? LastComment { get; init; }
    public string? PublishedUrl { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>Published after the statutory deadline (Beijing); set with PublishedAt by the publication, never cleared.</summary>
    public bool Late { get; init; }

    /// <summary>A send to the outside (e-mail, 报送, portal push) keeps failing and is retried; written by RecordSendingState.</summary>
    public bool NotificationFailed { get; init; }

    /// <summary>What is failing and the last error, while <see cref="NotificationFailed"/>.</summary>
    public string? NotificationError { get; init; }

    public DateTimeOffset? NotificationFailingSince { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public string ETag { get; init; } = "";

    public string Key => StorageNames.ReportKey(AgencyId, Year);
}

/// <summary>The report index table. Writers that must not overwrite a concurrent change pass the ETag they read.</summary>
public sealed class ReportIndex(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.ReportsTable);

    /// <summary>Inserts the row; false when the report already exists.</summary>
    public async Task<bool> TryCreateAsync(ReportIndexEntry entry, CancellationToken ct)
    {
        try
        {
            await _table.AddEntityAsync(ToEntity(entry), ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<ReportIndexEntry?> GetAsync(string agencyId, int year, CancellationToken ct)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(year), agencyId, cancellationToken: ct);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task<IReadOnlyList<ReportIndexEntry>> ListAsync(int year, CancellationToken ct)
    {
        var entries = new List<ReportIndexEntry>();
        var partition = Partition(year);
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == partition, cancellationToken: ct))
        {
            entries.Add(FromEntity(e));
        }
        return entries;
    }

    /// <summary>Every year's reports that are in one of <paramref name="stages"/> (filtered by the table service).</summary>
    public async Task<IReadOnlyList<ReportIndexEntry>> ListInStagesAsync(IReadOnlyCollection<string> stages, CancellationToken ct)
    {
        var entries = new List<ReportIndexEntry>();
        var filter = string.Join(" or ", stages.Select(stage => TableClient.CreateQueryFilter($"Stage eq {stage}")));
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: ct)) entries.Add(FromEntity(e));
        return entries;
    }

    /// <summary>Every year's report of one agency, newest year first (the drafters' and reviewers' list).</summary>
    public async Task<IReadOnlyList<ReportIndexEntry>> ListForAgencyAsync(string agencyId, CancellationToken ct)
    {
        var entries = new List<ReportIndexEntry>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.RowKey == agencyId, cancellationToken: ct))
        {
            entries.Add(FromEntity(e));
        }
        return entries.OrderByDescending(e => e.Year).ToList();
    }

    /// <summary>Replaces the row if it still has the ETag of <paramref name="entry"/>; false when someone changed it meanwhile.</summary>
    public async Task<bool> TryReplaceAsync(ReportIndexEntry entry, CancellationToken ct)
    {
        try
        {
            await _table.UpdateEntityAsync(ToEntity(entry), new ETag(entry.ETag), TableUpdateMode.Replace, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Reads, changes and writes back the row, retrying when a concurrent writer got there first.</summary>
    public async Task<ReportIndexEntry?> UpdateAsync(string agencyId, int year, Func<ReportIndexEntry, ReportIndexEntry?> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var current = await GetAsync(agencyId, year, ct);
            if (current is null) return null;
            var changed = change(current);
            if (changed is null) return current;
            if (await TryReplaceAsync(changed, ct)) return changed;
        }
        throw new InvalidOperationException($"The index row of {agencyId}/{year} kept changing; giving up after 20 attempts.");
    }

    private static string Partition(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(ReportIndexEntry e) => new(Partition(e.Year), e.AgencyId)
    {
        ["AgencyName"] = e.AgencyName,
        ["Stage"] = e.Stage,
        ["Level"] = e.Level,
        ["LevelName"] = e.LevelName,
        ["Round"] = e.Round,
        ["Holder"] = WorkflowJson.Serialize(e.Holder),
        ["VersionCount"] = e.VersionCount,
        ["CurrentVersion"] = e.CurrentVersion,
        ["CurrentSha256"] = e.CurrentSha256,
        ["SubmittedVersion"] = e.SubmittedVersion,
        ["SubmittedSha256"] = e.SubmittedSha256,
        ["Chain"] = WorkflowJson.Serialize(e.Chain),
        ["Deadline"] = e.Deadline,
        ["LevelDueAt"] = e.LevelDueAt,
        ["LastComment"] = e.LastComment,
        ["PublishedUrl"] = e.PublishedUrl,
        ["PublishedAt"] = e.PublishedAt,
        ["Late"] = e.Late,
        ["NotificationFailed"] = e.NotificationFailed,
        ["NotificationError"] = e.NotificationError,
        ["NotificationFailingSince"] = e.NotificationFailingSince,
        ["CreatedAt"] = e.CreatedAt,
        ["UpdatedAt"] = e.UpdatedAt,
    };

    private static ReportIndexEntry FromEntity(TableEntity e) => new()
    {
        AgencyId = e.RowKey,
        Year = int.Parse(e.PartitionKey, CultureInfo.InvariantCulture),
        AgencyName = e.GetString("AgencyName") ?? "",
        Stage = e.GetString("Stage") ?? ReportStages.Draft,
        Level = e.GetInt32("Level") ?? 0,
        LevelName = e.GetString("LevelName"),
        Round = e.GetInt32("Round") ?? 0,
        Holder = WorkflowJson.Deserialize<List<Person>>(e.GetString("Holder") ?? "[]"),
        VersionCount = e.GetInt32("VersionCount") ?? 0,
        CurrentVersion = e.GetInt32("CurrentVersion") ?? 0,
        CurrentSha256 = e.GetString("CurrentSha256"),
        SubmittedVersion = e.GetInt32("SubmittedVersion"),
        SubmittedSha256 = e.GetString("SubmittedSha256"),
        Chain = WorkflowJson.Deserialize<List<ReviewLevel>>(e.GetString("Chain") ?? "[]"),
        Deadline = e.GetDateTimeOffset("Deadline") ?? default,
        LevelDueAt = e.GetDateTimeOffset("LevelDueAt"),
        LastComment = e.GetString("LastComment"),
        PublishedUrl = e.GetString("PublishedUrl"),
        PublishedAt = e.GetDateTimeOffset("PublishedAt"),
        Late = e.GetBoolean("Late") ?? false,
        NotificationFailed = e.GetBoolean("NotificationFailed") ?? false,
        NotificationError = e.GetString("NotificationError"),
        NotificationFailingSince = e.GetDateTimeOffset("NotificationFailingSince"),
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
        ETag = e.ETag.ToString(),
    };
}
