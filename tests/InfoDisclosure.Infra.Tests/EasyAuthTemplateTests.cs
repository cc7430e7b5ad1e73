using System.Text.Json;

namespace InfoDisclosure.Infra.Tests;

/// <summary>
/// The optional identity provider: with <c>identityProvider</c> set, the templates configure App Service Authentication
/// (authsettingsV2) on the function app, letting anonymous requests through to the app's own access checks, and turn
/// on Auth__EasyAuth; without it, neither.
/// </summary>
public sealed class EasyAuthTemplateTests
{
    [Fact]
    public void An_identity_provider_configures_authsettingsV2_and_turns_easyauth_on()
    {
        var compiled = CompiledMainTemplate.Instance;
        Assert.True(compiled.Build.ExitCode == 0, compiled.Build.Output);

        var parameters = compiled.Root.GetProperty("parameters");
        Assert.Equal("", parameters.GetProperty("identityProvider").GetProperty("defaultValue").GetString());
        Assert.Equal(["", "azureActiveDirectory", "openIdConnect"],
            parameters.GetProperty("identityProvider").GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()!));

        var auth = Deployments(compiled.Root).Single(d => d.GetProperty("name").GetString() == "auth");
        Assert.Contains("identityProvider", auth.GetProperty("condition").GetString(), StringComparison.Ordinal);
        var config = Resources(auth.GetProperty("properties").GetProperty("template"))
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/config");
        Assert.Contains("authsettingsV2", config.GetProperty("name").GetString(), StringComparison.Ordinal);
        var properties = config.GetProperty("properties");
        Assert.True(properties.GetProperty("platform").GetProperty("enabled").GetBoolean());
        Assert.Equal("AllowAnonymous", properties.GetProperty("globalValidation").GetProperty("unauthenticatedClientAction").GetString());
        // Both kinds of provider are in the module; the parameter picks one.
        var module = auth.GetProperty("properties").GetProperty("template").GetRawText();
        Assert.Contains("customOpenIdConnectProviders", module, StringComparison.Ordinal);
        Assert.Contains("wellKnownOpenIdConfiguration", module, StringComparison.Ordinal);
        Assert.Contains("\"azureActiveDirectory\"", module, StringComparison.Ordinal);

        var plain = compiled.Root.GetProperty("variables").GetProperty("plainSettings");
        Assert.Contains("identityProvider", plain.GetProperty("Auth__EasyAuth").GetString(), StringComparison.Ordinal);
    }

    private static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Array
            ? resources.EnumerateArray()
            : resources.EnumerateObject().Select(p => p.Value);
    }

    /// <summary>Every nested deployment (module), at any depth.</summary>
    private static IEnumerable<JsonElement> Deployments(JsonElement template)
    {
        foreach (var resource in Resources(template).Where(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments"))
        {
            yield return resource;
            foreach (var inner in Deployments(resource.GetProperty("properties").GetProperty("template"))) yield return inner;
        }
    }
}
