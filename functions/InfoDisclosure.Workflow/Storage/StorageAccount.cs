using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace InfoDisclosure.Workflow.Storage;

/// <summary>
/// The storage clients from the AzureWebJobsStorage setting, in either of the two forms the Functions host accepts:
/// a connection string (Azurite, development), or the identity-based form Azure uses when shared keys are disabled
/// (AzureWebJobsStorage__blobServiceUri, __tableServiceUri, __credential=managedidentity, __clientId).
/// The service URIs come from configuration, so no cloud's host names are assumed (Azure China works the same).
/// </summary>
public static class StorageAccount
{
    public const string Setting = "AzureWebJobsStorage";

    public static TableServiceClient CreateTableService(IConfiguration configuration) =>
        ConnectionString(configuration) is { } connection
            ? new TableServiceClient(connection)
            : new TableServiceClient(ServiceUri(configuration, "tableServiceUri"), Credential(configuration));

    public static BlobServiceClient CreateBlobService(IConfiguration configuration)
    {
        // Azurite 3.37 rejects the client's newest API version; this one works there and in Azure.
        var options = new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06);
        return ConnectionString(configuration) is { } connection
            ? new BlobServiceClient(connection, options)
            : new BlobServiceClient(ServiceUri(configuration, "blobServiceUri"), Credential(configuration), options);
    }

    /// <summary>A connection string, or the service URIs of the identity-based form (blob, queue and table: the engine uses queues).</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        ConnectionString(configuration) is not null
        || new[] { "blobServiceUri", "queueServiceUri", "tableServiceUri" }.All(key => configuration[$"{Setting}:{key}"] is { Length: > 0 });

    private static string? ConnectionString(IConfiguration configuration) =>
        configuration[Setting] is { Length: > 0 } connection ? connection : null;

    private static Uri ServiceUri(IConfiguration configuration, string key) =>
        configuration[$"{Setting}:{key}"] is { Length: > 0 } uri
            ? new Uri(uri)
            : throw new InvalidOperationException(
                $"Storage is not configured: set {Setting} (a connection string) or {Setting}__{key} with a managed identity.");

    private static TokenCredential Credential(IConfiguration configuration) =>
        configuration[$"{Setting}:clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
}
