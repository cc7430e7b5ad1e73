using Azure.Data.Tables;
using InfoDisclosure.Workflow.Admin;
using InfoDisclosure.Workflow.Deadlines;
using InfoDisclosure.Workflow.Review;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InfoDisclosure.Workflow.Publishing;

/// <summary>Publication, deadlines and the overview, wired into the workflow (called from WorkflowHosting).</summary>
public static class PublishingHosting
{
    /// <summary>
    /// Options (Portal__*, Publishing__*, Deadlines__*, Admin__*), the stores and services, and the portal publisher in
    /// place of the default Blob-only one.
    /// </summary>
    public static IServiceCollection AddInfoDisclosurePublishing(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PortalOptions>(configuration.GetSection(PortalOptions.Section));
        services.Configure<PublishingOptions>(configuration.GetSection(PublishingOptions.Section));
        services.Configure<DeadlineOptions>(configuration.GetSection(DeadlineOptions.Section));
        services.Configure<AdminOptions>(configuration.GetSection(AdminOptions.Section));
        services.AddHttpClient(PortalClient.HttpClientName);

        services.TryAddSingleton<PublicationStore>();
        services.TryAddSingleton<SentMailLedger>();
        services.TryAddSingleton<PortalClient>();
        services.TryAddSingleton<DeadlineReminderService>();
        services.TryAddSingleton<NextYearDrafts>();
        services.TryAddSingleton<DeadlineJobs>();
        services.TryAddSingleton<AdminOverview>();
        services.TryAddSingleton<AdminSummary>();
        services.Replace(ServiceDescriptor.Singleton<IReportPublisher, PortalReportPublisher>());
        return services;
    }

    /// <summary>The tables of this feature (called from WorkflowHosting.EnsureStorageAsync).</summary>
    public static Task EnsurePublishingStorageAsync(IServiceProvider services, CancellationToken ct)
    {
        var tables = services.GetRequiredService<TableServiceClient>();
        return Task.WhenAll(tables.CreateTableIfNotExistsAsync(PublicationStore.TableName, ct), tables.CreateTableIfNotExistsAsync(SentMailLedger.TableName, ct));
    }
}
