using InfoDisclosure.Workflow.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Hosting;

/// <summary>
/// The settings a host cannot run without outside Development: the API key, the public address e-mailed links start
/// with, and the storage. Checked when the host starts (ValidateOnStart), so a deployment that forgot one refuses to
/// start with a message naming it instead of sending links to http://localhost:7071 or refusing every call.
/// Development keeps its conveniences (a generated key, Azurite, links to the listening address).
/// </summary>
public sealed class RequiredSettings(IHostEnvironment? environment, IConfiguration configuration) : IValidateOptions<WorkflowOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkflowOptions options)
    {
        // A service collection built without a host (tests of one store or service) has nothing to refuse.
        if (environment is null || environment.IsDevelopment()) return ValidateOptionsResult.Success;

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey))
            failures.Add("Api__Key is not configured: set it (the key every /api call sends in the x-functions-key header).");
        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
            failures.Add("PublicBaseUrl is not configured: set it to the public https address of the app; e-mailed review links start with it.");
        else if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            failures.Add($"PublicBaseUrl '{options.PublicBaseUrl}' is not an absolute http or https address.");
        if (!StorageAccount.IsConfigured(configuration))
            failures.Add($"{StorageAccount.Setting} is not configured: set a connection string, or {StorageAccount.Setting}__blobServiceUri, __queueServiceUri and __tableServiceUri with a managed identity.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Binds <see cref="WorkflowOptions"/> and checks them at start.</summary>
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkflowOptions>()
            .Configure(options =>
            {
                var bound = WorkflowOptions.FromConfiguration(configuration);
                options.ApiKey = bound.ApiKey;
                options.PublicBaseUrl = bound.PublicBaseUrl;
                options.TaskHubName = bound.TaskHubName;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkflowOptions>>(sp => new RequiredSettings(sp.GetService<IHostEnvironment>(), configuration));
    }

    /// <summary>
    /// Runs the start-up checks now, before the host touches storage or the engine (which would fail with a less
    /// helpful error); writes each failure to <paramref name="error"/> and returns false when one fails.
    /// </summary>
    public static bool Check(IServiceProvider services, TextWriter error)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return true;
        }
        catch (OptionsValidationException e)
        {
            error.WriteLine("The host cannot start; fix these settings:");
            foreach (var failure in e.Failures) error.WriteLine("  " + failure);
            return false;
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            error.WriteLine("The host cannot start; fix these settings:");
            foreach (var failure in e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(inner => inner.Failures)) error.WriteLine("  " + failure);
            return false;
        }
    }
}
