using Azure.Data.Tables;
using InfoDisclosure.Workflow.Admin;
using InfoDisclosure.Workflow.Deadlines;
using InfoDisclosure.Workflow.Notifications.Dev;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Review.Links;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Notifications;

/// <summary>E-mail, review links and the review page, wired into the workflow (called from WorkflowHosting).</summary>
public static class NotificationsHosting
{
    /// <summary>
    /// Smtp__* and ReviewLinks__* options, the SMTP sender, the composer, the link store, and the e-mail notifier in
    /// place of the recording one (which it still uses to record each notice).
    /// </summary>
    public static IServiceCollection AddInfoDisclosureNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.Configure<AdminOptions>(configuration.GetSection(AdminOptions.Section));
        services.TryAddSingleton<SentMailLedger>();
        services.TryAddSingleton(Options.Create(ReviewLinkOptions.FromConfiguration(configuration)));
        services.TryAddSingleton<IEmailSender, SmtpEmailSender>();
        services.TryAddSingleton<EmailComposer>();
        services.TryAddSingleton<ReviewLinkStore>();
        services.TryAddSingleton<RecordingWorkflowNotifier>();
        services.Replace(ServiceDescriptor.Singleton<IWorkflowNotifier, EmailWorkflowNotifier>());
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

    /// <summary>
    /// For the local host when no Smtp__Host is configured: an embedded SMTP server on a free loopback port, the
    /// sender pointed at it, and the DevMailbox that /dev/mailbox shows. Never called by the Functions app.
    /// </summary>
    public static IServiceCollection AddInfoDisclosureDevMailbox(this IServiceCollection services)
    {
        var port = EmbeddedSmtpServer.FreePort();
        services.TryAddSingleton<DevMailbox>();
        services.PostConfigure<SmtpOptions>(smtp =>
        {
            smtp.Host = "127.0.0.1";
            smtp.Port = port;
            smtp.UseTls = false;
            smtp.User = null;
        });
        services.AddHostedService(sp => new DevMailServerService(sp.GetRequiredService<DevMailbox>(), port,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("InfoDisclosure.DevMailbox")));
        return services;
    }

    private sealed class DevMailServerService(DevMailbox mailbox, int port, ILogger logger) : IHostedService, IAsyncDisposable
    {
        private EmbeddedSmtpServer? server;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            server = await EmbeddedSmtpServer.StartAsync(mailbox, port);
            logger.LogWarning("No Smtp__Host configured: e-mail goes to the embedded SMTP server on 127.0.0.1:{Port}; read it at /dev/mailbox.", port);
        }

        public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref server, null) is { } running) await running.DisposeAsync();
        }
    }
}
