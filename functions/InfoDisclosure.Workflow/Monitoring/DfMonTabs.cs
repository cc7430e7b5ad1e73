using System.Text;
using Azure.Storage.Blobs;

namespace InfoDisclosure.Workflow.Monitoring;

/// <summary>
/// The custom tab Durable Functions Monitor (DfMon) shows on a report orchestration's page. DfMon reads tab templates
/// from the task hub's storage account (AzureWebJobsStorage): container "durable-functions-monitor", blobs
/// "tab-templates/{tab name}.{orchestrator name}.liquid", loaded once when DfMon starts. Both hosts upload them at start.
/// </summary>
public static class DfMonTabs
{
    public const string Container = "durable-functions-monitor";
    public const string Folder = "tab-templates";
    public const string TabName = "审核";

    /// <summary>The template's stand-in for the system's public address, replaced on upload.</summary>
    public const string BaseUrlPlaceholder = "APP_BASE_URL";

    /// <summary>Every registered ReportWorkflow version (v1, v2 and v3 while instances run them): DfMon matches the orchestrator name exactly.</summary>
    public static IReadOnlyList<string> Orchestrators { get; } = WorkflowTasks.All
        .Where(task => task.IsOrchestrator && task.Name.StartsWith("ReportWorkflow_", StringComparison.Ordinal))
        .Select(task => task.Name)
        .ToList();

    public static string BlobName(string orchestrator) => $"{Folder}/{TabName}.{orchestrator}.liquid";

    /// <summary>The template with the links pointing at <paramref name="publicBaseUrl"/> (relative when none is set).</summary>
    public static string Template(string? publicBaseUrl)
    {
        using var stream = typeof(DfMonTabs).Assembly.GetManifestResourceStream("InfoDisclosure.Workflow.Monitoring.ReviewTab.liquid")
            ?? throw new InvalidOperationException("The DfMon tab template is not embedded in the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace(BaseUrlPlaceholder, (publicBaseUrl ?? "").TrimEnd('/'), StringComparison.Ordinal);
    }

    /// <summary>Writes the tab for every orchestrator name; the same content each start, so repeating it changes nothing.</summary>
    public static async Task UploadAsync(BlobServiceClient blobs, string? publicBaseUrl, CancellationToken ct)
    {
        var container = blobs.GetBlobContainerClient(Container);
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        var content = BinaryData.FromString(Template(publicBaseUrl));
        await Task.WhenAll(Orchestrators.Select(name =>
            container.GetBlobClient(BlobName(name)).UploadAsync(content, overwrite: true, ct)));
    }
}
