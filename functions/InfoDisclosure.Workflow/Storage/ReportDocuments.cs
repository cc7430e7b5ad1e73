using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Workflow.Storage;

/// <summary>One saved draft: immutable once written, identified by its number and the SHA-256 of its JSON.</summary>
public sealed record DraftVersion(
    int Number,
    string Sha256,
    DateTimeOffset SavedAt,
    string SavedBy,
    string Source,
    int ErrorCount,
    int WarningCount);

/// <summary>
/// Draft versions: the report JSON and its rendered HTML in Blob storage under {agencyId}/{year}/v{n}/, written with
/// If-None-Match: * so no version is ever overwritten, and a row per version in the versions table.
/// </summary>
public sealed class ReportDocuments(BlobServiceClient blobs, TableServiceClient tables)
{
    private readonly BlobContainerClient _drafts = blobs.GetBlobContainerClient(StorageNames.DraftsContainer);
    private readonly TableClient _versions = tables.GetTableClient(StorageNames.VersionsTable);

    public static string Json(AnnualReport report) => ReportJson.Serialize(report, indented: true);

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// Writes a new version, numbered <paramref name="firstCandidate"/> or the next number not taken in Blob storage
    /// (a save that crashed half-way leaves its number used, never half-reused). A number already taken by the very
    /// same content (a concurrent save of it, or one that crashed half-way) is completed and returned with
    /// Created = false instead of writing a copy: the same content saved twice at once makes one version. Both rest
    /// on storage conditions (If-None-Match: * on the blob, insert-if-absent on the row), so they hold across hosts.
    /// </summary>
    public async Task<(DraftVersion Version, bool Created)> SaveVersionAsync(
        string agencyId, int year, int firstCandidate, AnnualReport report, string savedBy, string source,
        DateTimeOffset at, IReadOnlyList<Finding> findings, CancellationToken ct)
    {
        var json = Json(report);
        var sha = Sha256(json);
        var html = HtmlRenderer.RenderPage(report);
        var number = firstCandidate;
        var created = true;
        while (!await TryUploadNewAsync(BlobPath(agencyId, year, number, "json"), json, "application/json; charset=utf-8", sha, ct))
        {
            if (await StoredSha256Async(BlobPath(agencyId, year, number, "json"), ct) == sha)
            {
                created = false;
                break;
            }
            number++;
        }
        await TryUploadNewAsync(BlobPath(agencyId, year, number, "html"), html, "text/html; charset=utf-8", sha, ct);

        var version = new DraftVersion(number, sha, at, savedBy, source,
            findings.Count(f => f.Severity == Severity.Error), findings.Count(f => f.Severity == Severity.Warning));
        try
        {
            await _versions.AddEntityAsync(new TableEntity(StorageNames.ReportKey(agencyId, year), RowKey(number))
            {
                ["Number"] = version.Number,
                ["Sha256"] = version.Sha256,
                ["SavedAt"] = version.SavedAt,
                ["SavedBy"] = version.SavedBy,
                ["Source"] = version.Source,
                ["ErrorCount"] = version.ErrorCount,
                ["WarningCount"] = version.WarningCount,
            }, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // The concurrent saver of the same content wrote the row first: it describes this very version.
        }
        return (version, created);
    }

    /// <summary><see cref="SaveVersionAsync"/> when it does not matter whether the version was written now or adopted.</summary>
    public async Task<DraftVersion> AddVersionAsync(
        string agencyId, int year, int firstCandidate, AnnualReport report, string savedBy, string source,
        DateTimeOffset at, IReadOnlyList<Finding> findings, CancellationToken ct) =>
        (await SaveVersionAsync(agencyId, year, firstCandidate, report, savedBy, source, at, findings, ct)).Version;

    public async Task<IReadOnlyList<DraftVersion>> ListVersionsAsync(string agencyId, int year, CancellationToken ct)
    {
        var partition = StorageNames.ReportKey(agencyId, year);
        var versions = new List<DraftVersion>();
        await foreach (var e in _versions.QueryAsync<TableEntity>(x => x.PartitionKey == partition, cancellationToken: ct))
        {
            versions.Add(new DraftVersion(
                e.GetInt32("Number") ?? 0,
                e.GetString("Sha256") ?? "",
                e.GetDateTimeOffset("SavedAt") ?? default,
                e.GetString("SavedBy") ?? "",
                e.GetString("Source") ?? "",
                e.GetInt32("ErrorCount") ?? 0,
                e.GetInt32("WarningCount") ?? 0));
        }
        return versions;
    }

    public async Task<AnnualReport?> ReadReportAsync(string agencyId, int year, int number, CancellationToken ct)
    {
        var text = await ReadTextAsync(BlobPath(agencyId, year, number, "json"), ct);
        return text is null ? null : ReportJson.Deserialize(text);
    }

    public Task<string?> ReadHtmlAsync(string agencyId, int year, int number, CancellationToken ct) =>
        ReadTextAsync(BlobPath(agencyId, year, number, "html"), ct);

    public static string BlobPath(string agencyId, int year, int number, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"{agencyId}/{year}/v{number:D4}/report.{extension}");

    private static string RowKey(int number) => number.ToString("D6", CultureInfo.InvariantCulture);

    private async Task<bool> TryUploadNewAsync(string path, string content, string contentType, string sha, CancellationToken ct)
    {
        try
        {
            await _drafts.GetBlobClient(path).UploadAsync(BinaryData.FromString(content), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Metadata = new Dictionary<string, string> { ["sha256"] = sha },
            }, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409 || e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            return false;
        }
    }

    private async Task<string?> StoredSha256Async(string path, CancellationToken ct)
    {
        try
        {
            var properties = await _drafts.GetBlobClient(path).GetPropertiesAsync(cancellationToken: ct);
            return properties.Value.Metadata.TryGetValue("sha256", out var sha) ? sha : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task<string?> ReadTextAsync(string path, CancellationToken ct)
    {
        try
        {
            var result = await _drafts.GetBlobClient(path).DownloadContentAsync(ct);
            return result.Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
