using System.Globalization;
using Azure;
using Azure.Data.Tables;
using InfoDisclosure.Workflow.Storage;

namespace InfoDisclosure.Workflow.Publishing;

public static class PublicationStatus
{
    /// <summary>Artifacts written, portal not (yet) confirmed.</summary>
    public const string Pending = "Pending";
    public const string Published = "Published";
}

/// <summary>
/// One publication of one version of a report: prepared once (artifacts, body, key), pushed one or more times,
/// published at most once. Partition = report key, row = "v0003".
/// </summary>
public sealed record PublicationRecord
{
    public required string AgencyId { get; init; }
    public required int Year { get; init; }
    public required int Version { get; init; }
    public required string IdempotencyKey { get; init; }
    public string Status { get; init; } = PublicationStatus.Pending;

    /// <summary>When the system released the report (the first attempt); the publishedAt of the portal body.</summary>
    public DateTimeOffset PreparedAt { get; init; }

    /// <summary>The blob folder of the artifacts, e.g. "hongsibu/2026/v3".</summary>
    public string Folder { get; init; } = "";

    /// <summary>SHA-256 of the portal HTML (the payload's sha256).</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>"portal" (pushed to an endpoint) or "blob" (no portal: the public Blob page is the publication).</summary>
    public string? Channel { get; init; }
    public string? Endpoint { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset? LastAttemptAt { get; init; }
    public string? LastError { get; init; }

    /// <summary>Times the whole retry policy was used up (PublishFailed); a manual retry is attempt FailedCycles + 1.</summary>
    public int FailedCycles { get; init; }

    /// <summary>When the portal confirmed (2xx), or the blob page was written: when the public could read it.</summary>
    public DateTimeOffset? PublishedAt { get; init; }
    public string? Url { get; init; }

    /// <summary>Published after the statutory deadline (Beijing). Set once with PublishedAt and never changed.</summary>
    public bool Late { get; init; }
    public bool LateInternally { get; init; }
    public DateTimeOffset? StatutoryDeadline { get; init; }

    public string ETag { get; init; } = "";
}

public sealed class PublicationStore(TableServiceClient tables)
{
    public const string TableName = "Publications";
    private readonly TableClient _table = tables.GetTableClient(TableName);

    public static string RowKey(int version) => string.Create(CultureInfo.InvariantCulture, $"v{version:D4}");

    public async Task<PublicationRecord?> GetAsync(string agencyId, int year, int version, CancellationToken ct)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(StorageNames.ReportKey(agencyId, year), RowKey(version), cancellationToken: ct);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>The publications of a report, newest version first.</summary>
    public async Task<IReadOnlyList<PublicationRecord>> ListAsync(string agencyId, int year, CancellationToken ct)
    {
        var key = StorageNames.ReportKey(agencyId, year);
        var list = new List<PublicationRecord>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == key, cancellationToken: ct)) list.Add(FromEntity(e));
        return list.OrderByDescending(p => p.Version).ToList();
    }

    /// <summary>The latest publication of every report of a year, by agency id.</summary>
    public async Task<IReadOnlyDictionary<string, PublicationRecord>> LatestOfYearAsync(int year, CancellationToken ct)
    {
        var latest = new Dictionary<string, PublicationRecord>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Year eq {year}"), cancellationToken: ct))
        {
            var p = FromEntity(e);
            if (!latest.TryGetValue(p.AgencyId, out var seen) || Rank(p) > Rank(seen)) latest[p.AgencyId] = p;
        }
        return latest;

        // A published version outranks a pending one; among equals the newer version wins.
        static int Rank(PublicationRecord p) => (p.Status == PublicationStatus.Published ? 1_000_000 : 0) + p.Version;
    }

    /// <summary>Inserts the record unless one exists; returns the one that is stored now (the first writer's).</summary>
    public async Task<PublicationRecord> GetOrAddAsync(PublicationRecord record, CancellationToken ct)
    {
        try
        {
            await _table.AddEntityAsync(ToEntity(record), ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }
        return await GetAsync(record.AgencyId, record.Year, record.Version, ct)
            ?? throw new InvalidOperationException($"Publication {record.IdempotencyKey} vanished after it was written.");
    }

    /// <summary>Reads, changes and writes back with the ETag; <paramref name="change"/> returning null leaves it as it is.</summary>
    public async Task<PublicationRecord> UpdateAsync(string agencyId, int year, int version, Func<PublicationRecord, PublicationRecord?> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var current = await GetAsync(agencyId, year, version, ct)
                ?? throw new InvalidOperationException($"No publication v{version} of {agencyId}/{year}.");
            var changed = change(current);
            if (changed is null) return current;
            try
            {
                var response = await _table.UpdateEntityAsync(ToEntity(changed), new ETag(current.ETag), TableUpdateMode.Replace, ct);
                return changed with { ETag = response.Headers.ETag?.ToString() ?? "" };
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
            }
        }
        throw new InvalidOperationException($"Publication v{version} of {agencyId}/{year} kept changing; giving up after 20 attempts.");
    }

    private static TableEntity ToEntity(PublicationRecord r) => new(StorageNames.ReportKey(r.AgencyId, r.Year), RowKey(r.Version))
    {
        ["AgencyId"] = r.AgencyId,
        ["Year"] = r.Year,
        ["Version"] = r.Version,
        ["IdempotencyKey"] = r.IdempotencyKey,
        ["Status"] = r.Status,
        ["PreparedAt"] = r.PreparedAt,
        ["Folder"] = r.Folder,
        ["Sha256"] = r.Sha256,
        ["Channel"] = r.Channel,
        ["Endpoint"] = r.Endpoint,
        ["Attempts"] = r.Attempts,
        ["LastAttemptAt"] = r.LastAttemptAt,
        ["LastError"] = r.LastError,
        ["FailedCycles"] = r.FailedCycles,
        ["PublishedAt"] = r.PublishedAt,
        ["Url"] = r.Url,
        ["Late"] = r.Late,
        ["LateInternally"] = r.LateInternally,
        ["StatutoryDeadline"] = r.StatutoryDeadline,
    };

    private static PublicationRecord FromEntity(TableEntity e) => new()
    {
        AgencyId = e.GetString("AgencyId") ?? "",
        Year = e.GetInt32("Year") ?? 0,
        Version = e.GetInt32("Version") ?? 0,
        IdempotencyKey = e.GetString("IdempotencyKey") ?? "",
        Status = e.GetString("Status") ?? PublicationStatus.Pending,
        PreparedAt = e.GetDateTimeOffset("PreparedAt") ?? default,
        Folder = e.GetString("Folder") ?? "",
        Sha256 = e.GetString("Sha256") ?? "",
        Channel = e.GetString("Channel"),
        Endpoint = e.GetString("Endpoint"),
        Attempts = e.GetInt32("Attempts") ?? 0,
        LastAttemptAt = e.GetDateTimeOffset("LastAttemptAt"),
        LastError = e.GetString("LastError"),
        FailedCycles = e.GetInt32("FailedCycles") ?? 0,
        PublishedAt = e.GetDateTimeOffset("PublishedAt"),
        Url = e.GetString("Url"),
        Late = e.GetBoolean("Late") ?? false,
        LateInternally = e.GetBoolean("LateInternally") ?? false,
        StatutoryDeadline = e.GetDateTimeOffset("StatutoryDeadline"),
        ETag = e.ETag.ToString(),
    };
}
