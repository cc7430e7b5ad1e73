using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace InfoDisclosure.Workflow.Storage;

/// <summary>Write-once blobs for final and published artifacts: an existing blob is kept, never overwritten.</summary>
public sealed class ArtifactStore(BlobServiceClient blobs)
{
    /// <summary>
    /// Writes the blob unless it exists, and returns the SHA-256 recorded with the blob that is there now
    /// (a retried activity gets the first attempt's blob and hash).
    /// </summary>
    public async Task<string> WriteOnceAsync(string container, string path, byte[] content, string contentType, CancellationToken ct)
    {
        var blob = blobs.GetBlobContainerClient(container).GetBlobClient(path);
        var sha = ReportDocuments.Sha256(content);
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Metadata = new Dictionary<string, string> { ["sha256"] = sha },
            }, ct);
            return sha;
        }
        catch (RequestFailedException e) when (e.Status == 409 || e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: ct);
            return properties.Value.Metadata.TryGetValue("sha256", out var existing) ? existing : sha;
        }
    }

    public async Task<byte[]> ReadAsync(string container, string path, CancellationToken ct)
    {
        var result = await blobs.GetBlobContainerClient(container).GetBlobClient(path).DownloadContentAsync(ct);
        return result.Value.Content.ToArray();
    }

    public Uri UriOf(string container, string path) => blobs.GetBlobContainerClient(container).GetBlobClient(path).Uri;
}
