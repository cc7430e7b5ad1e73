using System.Text;
using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.People;
using InfoDisclosure.Workflow.SignIn;
using InfoDisclosure.Workflow.Tests.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Tests.Access;

/// <summary>
/// X-MS-CLIENT-PRINCIPAL maps to a person only with Auth__EasyAuth=true, through the caller resolution the access gate
/// uses, on Azurite. (That a running host without the setting ignores the header is in SignInTests.)
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class EasyAuthTests(StorageFixture storage)
{
    [Theory]
    [InlineData("preferred_username")]
    [InlineData("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress")]
    public async Task With_easyauth_on_the_principals_email_claim_is_the_person(string claimType)
    {
        await using var services = Services(easyAuth: true);
        var email = $"easy-{Guid.NewGuid():N}@example.gov.cn";
        await services.GetRequiredService<PeopleService>().SaveAsync(email,
            new PersonRequest { Name = "易登录", Roles = [new RoleRequest { Role = Roles.Office }] }, "test", null, CancellationToken.None);

        var resolution = await services.GetRequiredService<CallerResolver>().ResolveAsync(Request(services, Principal(claimType, email.ToUpperInvariant())));

        Assert.Equal(CallerSource.EasyAuth, resolution.Source);
        Assert.Equal(email, resolution.Caller?.Email);
        Assert.True(resolution.Caller!.Has(Roles.Office));
    }

    [Fact]
    public async Task With_easyauth_on_an_unknown_or_malformed_principal_is_nobody()
    {
        await using var services = Services(easyAuth: true);
        var resolver = services.GetRequiredService<CallerResolver>();

        var stranger = await resolver.ResolveAsync(Request(services, Principal("email", "stranger@example.gov.cn")));
        var garbage = await resolver.ResolveAsync(Request(services, "not base64 {"));

        Assert.Null(stranger.Caller);
        Assert.Contains("not a person", stranger.Refused);
        Assert.Null(garbage.Caller);
    }

    [Fact]
    public async Task With_easyauth_off_the_header_is_ignored()
    {
        await using var services = Services(easyAuth: false);
        var email = $"ignored-{Guid.NewGuid():N}@example.gov.cn";
        await services.GetRequiredService<PeopleService>().SaveAsync(email,
            new PersonRequest { Name = "管理员", Roles = [new RoleRequest { Role = Roles.Admin }] }, "test", null, CancellationToken.None);

        var resolution = await services.GetRequiredService<CallerResolver>().ResolveAsync(Request(services, Principal("email", email)));

        Assert.Equal(CallerSource.None, resolution.Source);
        Assert.Null(resolution.Caller);
    }

    private ServiceProvider Services(bool easyAuth)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["Api:Key"] = "easyauth-tests",
            ["Auth:EasyAuth"] = easyAuth ? "true" : "false",
        }).Build();
        return new ServiceCollection().AddLogging().AddInfoDisclosureWorkflow(configuration).BuildServiceProvider();
    }

    private static HttpContext Request(IServiceProvider services, string principal)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Headers[EasyAuthPrincipal.HeaderName] = principal;
        return http;
    }

    private static string Principal(string claimType, string email) => Convert.ToBase64String(Encoding.UTF8.GetBytes(
        $$"""{"auth_typ":"aad","name_typ":"name","claims":[{"typ":"name","val":"某人"},{"typ":"{{claimType}}","val":"{{email}}"}]}"""));
}
