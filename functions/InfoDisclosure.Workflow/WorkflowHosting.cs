using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Drafts;
using InfoDisclosure.Workflow.Hosting;
using InfoDisclosure.Workflow.Monitoring;
using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.Publishing;
using InfoDisclosure.Workflow.Retention;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.SignIn;
using InfoDisclosure.Workflow.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow;

/// <summary>What both hosts call to run the workflow: services, durable tasks, storage.</summary>
public static class WorkflowHosting
{
    /// <summary>
    /// Options, the Table/Blob clients, stores and services, each once with its implementation. TimeProvider.System is
    /// added only when no TimeProvider is registered yet (tests and the development clock register theirs first).
    /// </summary>
    public static IServiceCollection AddInfoDisclosureWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        RequiredSettings.Register(services, configuration);
        services.TryAddSingleton<EngineReadiness>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => StorageAccount.CreateTableService(configuration));
        services.AddSingleton(_ => StorageAccount.CreateBlobService(configuration));

        services.AddSingleton<AgencyStore>();
        services.AddSingleton<ReportIndex>();
        services.AddSingleton<ReportDocuments>();
        services.AddSingleton<DecisionLog>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<IStageRecorder, StageRecorder>();
        services.AddSingleton<NoticeLog>();
        services.AddSingleton<ArtifactStore>();
        services.AddSingleton<ReportCreationService>();
        services.AddSingleton<DraftService>();
        services.AddSingleton<SubmissionService>();
        services.AddSingleton<Workspace.WorkspaceQueries>();
        services.AddSingleton<ReviewDecisionService>();
        services.AddSingleton<PublicationRetryService>();
        services.AddSingleton<NotificationResendService>();
        services.AddSingleton<ReportRecoveryService>();
        services.AddSingleton<Deadlines.HolidayDataWarnings>();
        // Pages keep Chinese as text (the default encoder writes every non-ASCII character as an entity).
        services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        services.AddSingleton<Web.PageRenderer>();
        services.AddSingleton<IReportDelivery, SupervisingOfficeDelivery>();
        services.Configure<AlertOptions>(configuration.GetSection(AlertOptions.Section));
        services.Configure<RetentionOptions>(configuration.GetSection(RetentionOptions.Section));
        services.AddSingleton<WorkflowHealthProbe>();
        services.AddSingleton<InstanceRetention>();
        services.AddInfoDisclosureNotifications(configuration);
        services.AddInfoDisclosurePublishing(configuration);
        services.AddInfoDisclosureSignIn(configuration);
        return services;
    }

    /// <summary>Every orchestrator and activity, class-based, under its registered name.</summary>
    public static DurableTaskRegistry AddInfoDisclosureTasks(this DurableTaskRegistry registry)
    {
        foreach (var (name, type, isOrchestrator) in WorkflowTasks.All)
        {
            if (isOrchestrator) registry.AddOrchestrator(name, type);
            else registry.AddActivity(name, type);
        }
        return registry;
    }

    /// <summary>Creates the tables and blob containers that do not exist yet, and writes DfMon's tab templates (<see cref="DfMonTabs"/>).</summary>
    public static async Task EnsureStorageAsync(IServiceProvider services, CancellationToken ct)
    {
        var tables = services.GetRequiredService<TableServiceClient>();
        var blobs = services.GetRequiredService<BlobServiceClient>();
        await Task.WhenAll(StorageNames.Tables.Select(name => tables.CreateTableIfNotExistsAsync(name, ct)));
        await services.GetRequiredService<AgencyStore>().EnsureChangeMarkerAsync(ct);
        await NotificationsHosting.EnsureStorageAsync(services, ct);
        await PublishingHosting.EnsurePublishingStorageAsync(services, ct);
        await SignInHosting.EnsureStorageAsync(services, ct);
        await blobs.GetBlobContainerClient(StorageNames.DraftsContainer).CreateIfNotExistsAsync(cancellationToken: ct);
        await blobs.GetBlobContainerClient(StorageNames.SubmissionsContainer).CreateIfNotExistsAsync(cancellationToken: ct);
        // Published reports are public documents: anyone may read a blob by its URL (listing stays private).
        // Accounts that forbid public access (the Azure default for new accounts) get a private container; the
        // portal push of the publisher is then the public copy.
        var published = blobs.GetBlobContainerClient(StorageNames.PublishedContainer);
        try
        {
            await published.CreateIfNotExistsAsync(PublicAccessType.Blob, cancellationToken: ct);
        }
        catch (RequestFailedException e) when (e.ErrorCode == "PublicAccessNotPermitted")
        {
            await published.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: ct);
        }
        await DfMonTabs.UploadAsync(blobs, services.GetRequiredService<IOptions<WorkflowOptions>>().Value.PublicBaseUrl, ct);
    }
}
