using Azure.Data.Tables;
using InfoDisclosure.Workflow.Deadlines;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Review.Links;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Notifications;

/// <summary>E-mail, review links and the review page, wired into the workflow (called from WorkflowHosting).</summary>
public static class NotificationsHosting
{
    /// <summary>
    /// Smtp__* and ReviewLinks__* options, the SMTP sender, the composer, the sent-mail ledger, the link store, and the
    /// e-mail notifier of the workflow.
    /// </summary>
    public static IServiceCollection AddInfoDisclosureNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.Configure<SendingOptions>(configuration.GetSection(SendingOptions.Section));
        services.AddSingleton(Options.Create(ReviewLinkOptions.FromConfiguration(configuration)));
        services.AddSingleton<SentMailLedger>();
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<EmailComposer>();
        services.AddSingleton<ReviewLinkStore>();
        services.AddSingleton<IWorkflowNotifier, EmailWorkflowNotifier>();
        return services;
    }

    /// <summary>The tables of review links and of sent e-mails (called from WorkflowHosting.EnsureStorageAsync).</summary>
    public static Task EnsureStorageAsync(IServiceProvider services, CancellationToken ct)
    {
        var tables = services.GetRequiredService<TableServiceClient>();
        return Task.WhenAll(
            tables.CreateTableIfNotExistsAsync(ReviewLinkStore.TableName, ct),
            tables.CreateTableIfNotExistsAsync(SentMailLedger.TableName, ct));
    }
}
