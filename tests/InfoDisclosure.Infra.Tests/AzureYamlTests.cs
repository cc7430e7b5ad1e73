using YamlDotNet.RepresentationModel;

namespace InfoDisclosure.Infra.Tests;

/// <summary>azure.yaml tells azd what to deploy where: the Functions project as service "api" on the Bicep infra.</summary>
public sealed class AzureYamlTests
{
    [Fact]
    public void The_api_service_is_the_Functions_project_deployed_as_a_function_app()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Repo.AzureYaml)) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var api = (YamlMappingNode)((YamlMappingNode)root["services"])["api"];
        var infra = (YamlMappingNode)root["infra"];

        Assert.Equal("dotnet", api["language"].ToString());
        Assert.Equal("function", api["host"].ToString());
        var project = Path.GetFullPath(Path.Combine(Repo.Root, api["project"].ToString()));
        Assert.Equal(Path.GetFullPath(Repo.FunctionsProject), project.TrimEnd(Path.DirectorySeparatorChar));
        Assert.Contains("<AzureFunctionsVersion>v4</AzureFunctionsVersion>", File.ReadAllText(Path.Combine(project, "InfoDisclosure.Functions.csproj")), StringComparison.Ordinal);
        Assert.Equal("bicep", infra["provider"].ToString());
        Assert.True(File.Exists(Path.Combine(Repo.Root, infra["path"].ToString(), infra["module"] + ".bicep")));
    }

    [Fact]
    public void The_template_tags_the_function_app_as_the_api_service_for_azd()
    {
        var compiled = CompiledMainTemplate.Instance;
        Assert.True(compiled.Build.ExitCode == 0, compiled.Build.Output);

        // azd finds the app to deploy to by this tag; the name must match the service in azure.yaml.
        Assert.Matches(@"azd-service-name['""]?(:|,)\s*['""]api['""]", compiled.Json);
        Assert.All(new[] { "AZURE_FUNCTION_APP_NAME", "AZURE_FUNCTION_URL", "AZURE_KEY_VAULT_NAME", "AZURE_STORAGE_TABLE_ENDPOINT", "TASK_HUB_NAME" },
            output => Assert.True(compiled.Root.GetProperty("outputs").TryGetProperty(output, out _), output));
    }
}
