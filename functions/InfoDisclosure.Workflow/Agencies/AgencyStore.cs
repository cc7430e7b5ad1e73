using Azure;
using Azure.Data.Tables;
using InfoDisclosure.Workflow.Storage;

namespace InfoDisclosure.Workflow.Agencies;

public sealed record StoredAgency(Agency Agency, string ETag);

public enum AgencyUpdate { Updated, NotFound, PreconditionFailed }

/// <summary>
/// Agencies in Table storage: one entity per agency, the agency's JSON in a property, the ETag for concurrent PUTs.
/// Every write also replaces a change marker in the same partition, in the same transaction, so the list can be kept
/// in memory and checked with one small read: a signed-in request derives the caller's roles from every agency
/// (PeopleDirectory), and listing hundreds of agencies per request made each decision cost more as agencies were added.
/// </summary>
public sealed class AgencyStore(TableServiceClient tables)
{
    private const string Partition = "agency";

    /// <summary>The change marker's RowKey: "~" is never in an agency id, and sorts after every id.</summary>
    private const string ChangeMarker = "~changed";

    private readonly TableClient _table = tables.GetTableClient(StorageNames.AgenciesTable);
    private volatile CachedList? _cached;

    private sealed record CachedList(string MarkerETag, IReadOnlyList<Agency> Agencies);

    /// <summary>Adds the agency; null when one with the same id exists.</summary>
    public async Task<StoredAgency?> CreateAsync(Agency agency, CancellationToken ct)
    {
        try
        {
            var response = await _table.SubmitTransactionAsync([new(TableTransactionActionType.Add, ToEntity(agency)), MarkChange()], ct);
            return new StoredAgency(agency, response.Value[0].Headers.ETag?.ToString() ?? "");
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    public async Task<StoredAgency?> GetAsync(string id, CancellationToken ct)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: ct);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>
    /// Every agency, as stored now: the list kept from an earlier call when the change marker is still the one it was
    /// read under, else read again. The marker is read first, so a list kept under it has every write up to it.
    /// </summary>
    public async Task<IReadOnlyList<Agency>> ListAsync(CancellationToken ct)
    {
        var marker = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, ChangeMarker, cancellationToken: ct);
        var markerETag = marker.HasValue ? marker.Value!.ETag.ToString() : null;
        if (markerETag is not null && _cached is { } cached && cached.MarkerETag == markerETag) return cached.Agencies;

        var agencies = new List<Agency>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: ct))
        {
            if (entity.RowKey != ChangeMarker) agencies.Add(FromEntity(entity).Agency);
        }
        // Every caller shares the kept list, so none may change it.
        var list = agencies.AsReadOnly();
        if (markerETag is not null) _cached = new CachedList(markerETag, list);
        return list;
    }

    /// <summary>Writes the change marker when there is none yet (agencies stored before it existed): at start-up.</summary>
    public async Task EnsureChangeMarkerAsync(CancellationToken ct)
    {
        try
        {
            await _table.AddEntityAsync(MarkChange().Entity, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // There is one: nothing to do.
        }
    }

    /// <summary>
    /// Replaces an existing agency; with <paramref name="ifMatch"/> (an If-Match header's value) only if one of its
    /// ETags is the stored one. The header is compared here and never handed to storage, which answers a malformed
    /// ETag with an error of its own rather than a failed precondition.
    /// </summary>
    public async Task<(AgencyUpdate Result, string? ETag)> UpdateAsync(Agency agency, string? ifMatch, CancellationToken ct)
    {
        var existing = await GetAsync(agency.Id, ct);
        if (existing is null) return (AgencyUpdate.NotFound, null);
        if (ifMatch is not null && !ifMatch.Split(',').Any(tag => tag.Trim() == existing.ETag)) return (AgencyUpdate.PreconditionFailed, null);
        try
        {
            var response = await _table.SubmitTransactionAsync(
                [new(TableTransactionActionType.UpdateReplace, ToEntity(agency), new ETag(existing.ETag)), MarkChange()], ct);
            return (AgencyUpdate.Updated, response.Value[0].Headers.ETag?.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return (AgencyUpdate.PreconditionFailed, null);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (AgencyUpdate.NotFound, null);
        }
    }

    private static TableTransactionAction MarkChange() =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, ChangeMarker) { ["Changed"] = Guid.NewGuid().ToString("N") });

    private static TableEntity ToEntity(Agency agency) => new(Partition, agency.Id)
    {
        ["Name"] = agency.Name,
        ["Kind"] = agency.Kind,
        ["Json"] = WorkflowJson.Serialize(agency),
    };

    private static StoredAgency FromEntity(TableEntity entity) =>
        new(WorkflowJson.Deserialize<Agency>(entity.GetString("Json")), entity.ETag.ToString());
}
