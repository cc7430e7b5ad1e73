namespace InfoDisclosure.Infra.Tests;

/// <summary>CI's offline check of the templates: what `azd up` would send to Azure compiles and lints clean.</summary>
public sealed class BicepValidationTests
{
    /// <summary>
    /// Lint findings accepted on purpose, by rule code, each with its reason. None today: a new warning fails the run
    /// until the template is fixed or the finding is listed here.
    /// </summary>
    private static readonly Dictionary<string, string> AcceptedLintFindings = new(StringComparer.Ordinal);

    [Fact]
    public void Main_template_builds_without_errors_or_warnings()
    {
        var compiled = CompiledMainTemplate.Instance;

        Assert.True(compiled.Build.ExitCode == 0, "bicep build failed:\n" + compiled.Build.Output);
        Assert.Empty(compiled.Build.ErrorsAndWarnings);
        Assert.Equal("subscriptionDeploymentTemplate.json#", compiled.Root.GetProperty("$schema").GetString()!.Split('/')[^1]);
    }

    [Fact]
    public void Main_template_lints_without_errors_or_warnings()
    {
        var lint = Bicep.Lint(Repo.MainTemplate);

        var unaccepted = lint.ErrorsAndWarnings.Where(d => !AcceptedLintFindings.ContainsKey(d.Code)).ToList();
        Assert.True(lint.ExitCode == 0 && unaccepted.Count == 0,
            $"bicep lint exited {lint.ExitCode} with:\n{string.Join('\n', unaccepted)}\n{lint.Output}");
    }

    [Fact]
    public void A_broken_template_fails_the_build()
    {
        using var folder = new ScratchFolder();
        var template = folder.File("broken.bicep");
        File.WriteAllText(template, """
            param instanceCount int = 'many'

            resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
              name: 'st${uniqueString(resourceGroup().id)}'
              location: resourceGroup().location
              kind: 'StorageV2'
              sku: { name: 'Standard_LRS' }
            }

            output count int = instanceCount + missingSymbol
            """);

        var build = Bicep.Build(template, folder.Path);

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(build.Diagnostics, d => d.Level == "Error" && d.Code.StartsWith("BCP", StringComparison.Ordinal));
        Assert.False(File.Exists(folder.File("broken.json")));
    }

    [Fact]
    public void A_lint_warning_is_found_under_the_repository_rules()
    {
        using var folder = new ScratchFolder();
        File.Copy(Path.Combine(Repo.Infra, "bicepconfig.json"), folder.File("bicepconfig.json"));
        var template = folder.File("unused.bicep");
        File.WriteAllText(template, """
            param neverUsed string = 'x'

            output region string = resourceGroup().location
            """);

        var lint = Bicep.Lint(template);

        Assert.Contains(lint.ErrorsAndWarnings, d => d.Code == "no-unused-params");
    }

    [Fact]
    public void A_hard_coded_public_cloud_url_fails_the_lint_under_the_repository_rules()
    {
        using var folder = new ScratchFolder();
        File.Copy(Path.Combine(Repo.Infra, "bicepconfig.json"), folder.File("bicepconfig.json"));
        var template = folder.File("hardcoded.bicep");
        File.WriteAllText(template, """
            param accountName string

            output blobEndpoint string = 'https://${accountName}.blob.core.windows.net/'
            """);

        var lint = Bicep.Lint(template);

        Assert.NotEqual(0, lint.ExitCode);
        Assert.Contains(lint.Diagnostics, d => d.Level == "Error" && d.Code == "no-hardcoded-env-urls");
    }
}
