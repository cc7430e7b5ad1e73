using Azure;
using Azure.Data.Tables;
using InfoDisclosure.Workflow.Storage;

namespace InfoDisclosure.Workflow.Agencies;

public sealed record StoredAgency(Agency Agency, string ETag);

public enum AgencyUpdate { Updated, NotFound, PreconditionFailed }

/// <summary>Agencies in Table storage: one entity per agency, the agency's JSON in a property, the ETag for concurrent PUTs.</summary>
public sealed class AgencyStore(TableServiceClient tables)
{
    private const string Partition = "agency";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.AgenciesTable);

    /// <summary>Adds the agency; null when one with the same id exists.</summary>
    public async Task<StoredAgency?> CreateAsync(Agency agency, CancellationToken ct)
    {
        try
        {
            var response = await _table.AddEntityAsync(ToEntity(agency), ct);
            return new StoredAgency(agency, response.Headers.ETag?.ToString() ?? "");
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

    public async Task<IReadOnlyList<Agency>> ListAsync(CancellationToken ct)
    {
        var agencies = new List<Agency>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: ct))
        {
            agencies.Add(FromEntity(entity).Agency);
        }
        return agencies;
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
            var response = await _table.UpdateEntityAsync(ToEntity(agency), new ETag(existing.ETag), TableUpdateMode.Replace, ct);
            return (AgencyUpdate.Updated, response.Headers.ETag?.ToString());
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

    private static TableEntity ToEntity(Agency agency) => new(Partition, agency.Id)
    {
        ["Name"] = agency.Name,
        ["Kind"] = agency.Kind,
        ["Json"] = WorkflowJson.Serialize(agency),
    };

    private static StoredAgency FromEntity(TableEntity entity) =>
        new(WorkflowJson.Deserialize<Agency>(entity.GetString("Json")), entity.ETag.ToString());
}
