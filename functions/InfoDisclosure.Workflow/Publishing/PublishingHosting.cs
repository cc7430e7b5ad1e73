using Azure.Data.Tables;
using InfoDisclosure.Workflow.Admin;
using InfoDisclosure.Workflow.Deadlines;
using InfoDisclosure.Workflow.Review;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InfoDisclosure.Workflow.Publishing;

/// <summary>Publication, deadlines and the overview, wired into the workflow (called from WorkflowHosting).</summary>
public static class PublishingHosting
{
    /// <summary>
    /// Options (Portal__*, Publishing__*, Deadlines__*, Admin__*), the stores and services, and the portal publisher of
    /// the workflow.
    /// </summary>
    public static IServiceCollection AddInfoDisclosurePublishing(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PortalOptions>(configuration.GetSection(PortalOptions.Section));
        services.Configure<PublishingOptions>(configuration.GetSection(PublishingOptions.Section));
        services.Configure<DeadlineOptions>(configuration.GetSection(DeadlineOptions.Section));
        services.Configure<AdminOptions>(configuration.GetSection(AdminOptions.Section));
        services.AddSingleton(sp => OutboundAddresses.FromConfiguration(configuration, sp.GetService<IHostEnvironment>()));
        services.AddHttpClient(PortalClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<OutboundAddresses>().CreateHandler());

        services.AddSingleton<PublicationStore>();
        services.AddSingleton<PortalClient>();
        services.AddSingleton<DeadlineReminderService>();
        services.AddSingleton<NextYearDrafts>();
        services.AddSingleton<DeadlineJobs>();
        services.AddSingleton<AdminOverview>();
        services.AddSingleton<AdminSummary>();
        services.AddSingleton<IReportPublisher, PortalReportPublisher>();
        return services;
    }

    /// <summary>The tables of this feature (called from WorkflowHosting.EnsureStorageAsync).</summary>
    public static Task EnsurePublishingStorageAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<TableServiceClient>().CreateTableIfNotExistsAsync(PublicationStore.TableName, ct);
}
