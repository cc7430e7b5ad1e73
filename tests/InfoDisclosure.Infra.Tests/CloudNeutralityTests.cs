using System.Text.Json;
using System.Text.Json.Nodes;

namespace InfoDisclosure.Infra.Tests;

/// <summary>
/// The same templates must deploy to Azure China: no cloud's host names written into them. Endpoints come from the
/// deployed resources' properties (storage primaryEndpoints, vaultUri, defaultHostName, the App Insights connection string).
/// </summary>
public sealed class CloudNeutralityTests
{
    /// <summary>DNS suffixes of the public cloud and of Azure China (hard-coding either breaks the other).</summary>
    public static readonly string[] CloudHostSuffixes =
    [
        ".windows.net", // core (storage), database, servicebus, graph, management.core
        ".azure.com", // management, applicationinsights, monitor, portal
        ".azure.net", // vault, datalake
        "azurewebsites.net",
        "microsoftonline.com",
        "loganalytics.io",
        "azure-api.net",
        "azureedge.net",
        "azurefd.net",
        "azurecr.io",
        "trafficmanager.net",
        ".chinacloudapi.cn",
        ".azure.cn",
        "chinacloudsites.cn",
        "partner.onmschina.cn",
    ];

    public static IReadOnlyList<string> FindCloudHosts(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((text, index) => (file, line: index + 1, text)))
            .SelectMany(l => CloudHostSuffixes
                .Where(suffix => l.text.Contains(suffix, StringComparison.OrdinalIgnoreCase))
                .Select(suffix => $"{Path.GetRelativePath(folder, l.file)}:{l.line} names '{suffix}': {l.text.Trim()}"))
            .ToList();

    [Fact]
    public void No_file_under_infra_names_a_cloud_host()
    {
        Assert.Empty(FindCloudHosts(Repo.Infra));
    }

    [Theory]
    [InlineData("value: 'https://${name}.blob.core.windows.net/'")]
    [InlineData("APPLICATIONINSIGHTS: 'IngestionEndpoint=https://chinanorth3-0.in.applicationinsights.azure.cn/'")]
    [InlineData("uri: 'https://kv-x.vault.azure.net/secrets/Api--Key'")]
    [InlineData("url: 'https://func-api.azurewebsites.net'")]
    public void The_scan_finds_a_planted_host_name(string line)
    {
        using var folder = new ScratchFolder();
        File.WriteAllText(folder.File("planted.bicep"), "param x string\n" + line + "\n");

        var findings = FindCloudHosts(folder.Path);

        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.StartsWith("planted.bicep:2 ", f, StringComparison.Ordinal));
    }

    [Fact]
    public void The_compiled_template_names_no_cloud_host_outside_its_schema_urls()
    {
        var compiled = CompiledMainTemplate.Instance;
        Assert.True(compiled.Build.ExitCode == 0, compiled.Build.Output);

        // "$schema" is the ARM schema URL the compiler writes into every (nested) template; nothing deploys to it.
        var template = JsonNode.Parse(compiled.Json)!;
        RemoveSchemas(template);
        using var folder = new ScratchFolder();
        File.WriteAllText(folder.File("main.json"), template.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        Assert.Empty(FindCloudHosts(folder.Path));
    }

    private static void RemoveSchemas(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                obj.Remove("$schema");
                foreach (var child in obj.Select(p => p.Value).ToList()) RemoveSchemas(child);
                break;
            case JsonArray array:
                foreach (var child in array) RemoveSchemas(child);
                break;
        }
    }
}
