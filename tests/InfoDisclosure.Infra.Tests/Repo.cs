using System.Text.Json;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Infra.Tests;

/// <summary>Paths of the files under test, and a scratch folder per test.</summary>
public static class Repo
{
    public static string Root => TestPaths.RepoRoot;
    public static string Infra => Path.Combine(Root, "infra");
    public static string MainTemplate => Path.Combine(Infra, "main.bicep");
    public static string ParametersFile => Path.Combine(Infra, "main.parameters.json");
    public static string FunctionsProject => Path.Combine(Root, "functions", "InfoDisclosure.Functions");
    public static string HostJson => Path.Combine(FunctionsProject, "host.json");
    public static string LocalSettingsSample => Path.Combine(Root, "local.settings.sample.json");
    public static string DeployDoc => Path.Combine(Root, "docs", "deploy-and-monitor.md");
    public static string AzureYaml => Path.Combine(Root, "azure.yaml");

    /// <summary>Strict JSON: comments and trailing commas are errors, as they are for tools that read these files.</summary>
    public static JsonDocument ReadStrictJson(string path) =>
        JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });

}

/// <summary>A temporary folder, deleted on dispose.</summary>
public sealed class ScratchFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "infodisclosure-infra-tests", Guid.NewGuid().ToString("N"));

    public ScratchFolder() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>infra/main.bicep compiled once (to ARM JSON) for all tests that inspect what it deploys.</summary>
public sealed partial class CompiledMainTemplate
{
    private static readonly Lazy<CompiledMainTemplate> Shared = new(() => new CompiledMainTemplate());

    public static CompiledMainTemplate Instance => Shared.Value;

    public BicepRun Build { get; }
    public string Json { get; }
    public JsonElement Root { get; }

    private CompiledMainTemplate()
    {
        using var output = new ScratchFolder();
        Build = Bicep.Build(Repo.MainTemplate, output.Path);
        var file = output.File("main.json");
        Json = File.Exists(file) ? File.ReadAllText(file) : "";
        Root = Json.Length > 0 ? JsonDocument.Parse(Json).RootElement.Clone() : default;
    }

    /// <summary>Every property name and string value anywhere in the compiled template, nested deployments included.</summary>
    public HashSet<string> AllNamesAndStrings()
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        Collect(Root, found);
        return found;
    }

    private static void Collect(JsonElement element, HashSet<string> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    found.Add(property.Name);
                    Collect(property.Value, found);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Collect(item, found);
                break;
            case JsonValueKind.String:
                var text = element.GetString()!;
                found.Add(text);
                // An ARM expression ("[createObject('PublicBaseUrl', ...)]"): its string literals count too.
                if (text.StartsWith('[')) found.UnionWith(ExpressionLiteral().Matches(text).Select(m => m.Groups[1].Value));
                break;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("'([^']*)'")]
    private static partial System.Text.RegularExpressions.Regex ExpressionLiteral();
}
