using System.Text.Json;
using System.Text.RegularExpressions;

namespace InfoDisclosure.Infra.Tests;

/// <summary>
/// One list of settings: the table in docs/deploy-and-monitor.md, local.settings.sample.json and what the Bicep
/// templates set on the function app must agree, so a setting documented for the administrator is really there.
/// </summary>
public sealed partial class SettingsTests
{
    /// <summary>The names both hosts read (issues 3 and 4); the table may list more.</summary>
    private static readonly string[] CoreSettings =
    [
        "AzureWebJobsStorage", "TaskHubName", "Api__Key", "PublicBaseUrl",
        "Smtp__Host", "Smtp__Port", "Smtp__From", "Smtp__User", "Smtp__Password", "Smtp__UseTls",
        "Portal__Endpoint", "Portal__Secret", "ReviewLinks__SigningKey", "ReviewLinks__ValidDays", "Admin__Email", "Urls",
    ];

    private sealed record DocumentedSetting(string Name, string InAzure);

    /// <summary>The rows of the table headed "| Setting | In Azure |" in docs/deploy-and-monitor.md.</summary>
    private static IReadOnlyList<DocumentedSetting> DocumentedSettings()
    {
        var table = File.ReadLines(Repo.DeployDoc)
            .SkipWhile(line => !line.StartsWith("| Setting | In Azure |", StringComparison.Ordinal))
            .Skip(2)
            .TakeWhile(line => line.StartsWith('|'));
        var rows = table.Select(line => SettingRow().Match(line))
            .Select(m => m.Success ? new DocumentedSetting(m.Groups["name"].Value, m.Groups["azure"].Value.Trim()) : null)
            .ToList();
        Assert.DoesNotContain(null, rows);
        return rows!;
    }

    [Fact]
    public void The_documentation_lists_every_core_setting_once_with_how_Azure_gets_it()
    {
        var documented = DocumentedSettings();

        Assert.All(CoreSettings, name => Assert.Contains(documented, d => d.Name == name));
        Assert.Equal(documented.Count, documented.Select(d => d.Name).Distinct().Count());
        Assert.All(documented, d => Assert.Contains(d.InAzure, new[] { "setting", "Key Vault", "identity", "default", "local only" }));
    }

    [Fact]
    public void The_sample_is_plain_json_with_a_string_value_for_every_documented_setting_and_nothing_else()
    {
        using var sample = Repo.ReadStrictJson(Repo.LocalSettingsSample);
        var values = sample.RootElement.GetProperty("Values");
        var names = values.EnumerateObject().Select(p => p.Name).ToList();

        Assert.All(values.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        Assert.Equal(DocumentedSettings().Select(d => d.Name).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.All(CoreSettings, name => Assert.Contains(name, names));
    }

    [Fact]
    public void Every_setting_documented_for_Azure_reaches_the_function_app()
    {
        var compiled = CompiledMainTemplate.Instance;
        Assert.True(compiled.Build.ExitCode == 0, compiled.Build.Output);
        var inTemplate = compiled.AllNamesAndStrings();
        var documented = DocumentedSettings();

        Assert.All(documented.Where(d => d.InAzure is "setting" or "Key Vault"), d => Assert.Contains(d.Name, inTemplate));
        Assert.All(documented.Where(d => d.InAzure == "identity"),
            d => Assert.All(new[] { "blobServiceUri", "queueServiceUri", "tableServiceUri", "credential", "clientId" },
                part => Assert.Contains($"{d.Name}__{part}", inTemplate)));
        Assert.All(documented.Where(d => d.InAzure is "default" or "local only"), d => Assert.DoesNotContain(d.Name, inTemplate));
    }

    [Fact]
    public void Secret_settings_are_Key_Vault_references_and_nothing_else_is()
    {
        var compiled = CompiledMainTemplate.Instance;
        Assert.True(compiled.Build.ExitCode == 0, compiled.Build.Output);
        var variables = compiled.Root.GetProperty("variables");
        var secretNames = variables.GetProperty("secretSettings").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList();
        var plainNames = variables.GetProperty("plainSettings").EnumerateObject().Select(p => p.Name).ToList();
        var documented = DocumentedSettings();

        Assert.Equal(documented.Where(d => d.InAzure == "Key Vault").Select(d => d.Name).Order(StringComparer.Ordinal), secretNames.Order(StringComparer.Ordinal));
        Assert.All(plainNames, name => Assert.Contains(documented, d => d.Name == name && d.InAzure == "setting"));
        Assert.Contains("@Microsoft.KeyVault(SecretUri={0}secrets/{1})", compiled.Json, StringComparison.Ordinal);
        Assert.All(secretNames, name => Assert.Matches("^[A-Za-z][A-Za-z0-9]*(__[A-Za-z0-9]+)+$", name));
    }

    [Fact]
    public void The_parameters_file_covers_every_required_parameter_and_holds_no_literal_secret()
    {
        var compiled = CompiledMainTemplate.Instance;
        Assert.True(compiled.Build.ExitCode == 0, compiled.Build.Output);
        var templateParameters = compiled.Root.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        using var file = Repo.ReadStrictJson(Repo.ParametersFile);
        var given = file.RootElement.GetProperty("parameters").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("value").GetString()!);

        Assert.All(given.Keys, name => Assert.Contains(name, templateParameters.Keys));
        Assert.All(templateParameters.Where(p => !p.Value.TryGetProperty("defaultValue", out _)), p => Assert.Contains(p.Key, given.Keys));
        // A secure parameter's value comes from the azd environment or Key Vault, never from this committed file.
        Assert.All(templateParameters.Where(p => p.Value.GetProperty("type").GetString() == "securestring"),
            p => Assert.Matches(@"^(\$\{[A-Z_]+\}|\$\(secretOrRandomPassword \$\{AZURE_KEY_VAULT_NAME\} [A-Za-z0-9-]+\))$", given[p.Key]));
    }

    [Fact]
    public void The_deployed_dotnet_version_is_the_one_the_Functions_app_targets()
    {
        var compiled = CompiledMainTemplate.Instance;
        Assert.True(compiled.Build.ExitCode == 0, compiled.Build.Output);
        var targetFramework = TargetFramework();

        Assert.Equal(targetFramework["net".Length..], compiled.Root.GetProperty("variables").GetProperty("dotnetVersion").GetString());
    }

    private static string TargetFramework()
    {
        foreach (var file in new[] { Path.Combine(Repo.FunctionsProject, "InfoDisclosure.Functions.csproj"), Path.Combine(Repo.Root, "Directory.Build.props") })
        {
            var match = TargetFrameworkElement().Match(File.ReadAllText(file));
            if (match.Success) return match.Groups[1].Value;
        }
        throw new InvalidOperationException("No TargetFramework found for the Functions app.");
    }

    [GeneratedRegex(@"^\|\s*`(?<name>[A-Za-z][A-Za-z0-9_]*)`\s*\|\s*(?<azure>[^|]+?)\s*\|")]
    private static partial Regex SettingRow();

    [GeneratedRegex(@"<TargetFramework>(net\d+\.\d+)</TargetFramework>")]
    private static partial Regex TargetFrameworkElement();
}
