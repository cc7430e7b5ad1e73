using Azure;
using Azure.Data.Tables;
using InfoDisclosure.Workflow.Access;

namespace InfoDisclosure.Workflow.People;

/// <summary>People in Table storage ("People", PK "person", RK the normalised e-mail, the roles as JSON).</summary>
public sealed class PeopleStore(TableServiceClient tables)
{
    public const string TableName = "People";
    private const string Partition = "person";
    private readonly TableClient _table = tables.GetTableClient(TableName);

    public async Task<StoredPerson?> GetAsync(string email, CancellationToken ct)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(email), cancellationToken: ct);
        return found.HasValue && found.Value is { } e ? FromEntity(e) : null;
    }

    public async Task<IReadOnlyList<StoredPerson>> ListAsync(CancellationToken ct)
    {
        var people = new List<StoredPerson>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: ct)) people.Add(FromEntity(e));
        return people.OrderBy(p => p.Email, StringComparer.Ordinal).ToList();
    }

    /// <summary>Creates or replaces; true when the person is new.</summary>
    public async Task<bool> UpsertAsync(StoredPerson person, CancellationToken ct)
    {
        var existed = await GetAsync(person.Email, ct) is not null;
        await _table.UpsertEntityAsync(new TableEntity(Partition, RowKey(person.Email))
        {
            ["Email"] = PersonEmail.Normalize(person.Email),
            ["Name"] = person.Name,
            ["Roles"] = WorkflowJson.Serialize(person.Roles),
        }, TableUpdateMode.Replace, ct);
        return !existed;
    }

    /// <summary>Adds the person only when absent (the first admin from Admin__Email never overwrites an edited record).</summary>
    public async Task<bool> AddIfAbsentAsync(StoredPerson person, CancellationToken ct)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(Partition, RowKey(person.Email))
            {
                ["Email"] = PersonEmail.Normalize(person.Email),
                ["Name"] = person.Name,
                ["Roles"] = WorkflowJson.Serialize(person.Roles),
            }, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> RemoveAsync(string email, CancellationToken ct)
    {
        try
        {
            await _table.DeleteEntityAsync(Partition, RowKey(email), ETag.All, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Table keys may not hold '/', '\', '#', '?'; an e-mail address has none of them once validated.</summary>
    private static string RowKey(string email) => PersonEmail.Normalize(email);

    private static StoredPerson FromEntity(TableEntity e) => new(
        e.GetString("Email") ?? e.RowKey,
        e.GetString("Name") ?? "",
        WorkflowJson.Deserialize<List<RoleGrant>>(e.GetString("Roles") ?? "[]"));
}
