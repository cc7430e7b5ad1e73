using Azure.Data.Tables;
using Azure.Storage.Blobs;
using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.People;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.SignIn;

/// <summary>People, sign-in, sessions, Data Protection, anti-forgery and the access gate's services (called from WorkflowHosting).</summary>
public static class SignInHosting
{
    public static IServiceCollection AddInfoDisclosureSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        services.Configure<AttemptLimits>(configuration.GetSection($"{AuthOptions.Section}:Limits"));
        // One key ring for every instance and restart: session cookies and form tokens stay valid across both.
        services.AddDataProtection().SetApplicationName("InfoDisclosure");
        services.AddOptions<KeyManagementOptions>().Configure<BlobServiceClient>((options, blobs) =>
            options.XmlRepository = new BlobXmlRepository(blobs.GetBlobContainerClient(BlobXmlRepository.ContainerName)));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "infodisclosure-form";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The security headers say DENY for every response; the default SAMEORIGIN would be weaker.
            options.SuppressXFrameOptionsHeader = true;
        });
        services.AddSingleton<PeopleStore>();
        services.AddSingleton<PeopleDirectory>();
        services.AddSingleton<PeopleService>();
        services.AddSingleton<SignInLinkStore>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SessionCookie>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<AttemptLimiter>();
        services.AddSingleton<AccessAudit>();
        services.AddSingleton<CallerResolver>();
        return services;
    }

    /// <summary>The tables of people, links and sessions; the first admin from Admin__Email.</summary>
    public static async Task EnsureStorageAsync(IServiceProvider services, CancellationToken ct)
    {
        var tables = services.GetRequiredService<TableServiceClient>();
        await Task.WhenAll(
            tables.CreateTableIfNotExistsAsync(PeopleStore.TableName, ct),
            tables.CreateTableIfNotExistsAsync(SignInLinkStore.TableName, ct),
            tables.CreateTableIfNotExistsAsync(SessionStore.TableName, ct));
        await services.GetRequiredService<PeopleService>().EnsureFirstAdminAsync(ct);
    }
}
