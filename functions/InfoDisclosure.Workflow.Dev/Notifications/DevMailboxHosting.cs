using InfoDisclosure.Workflow.Dev.Hosting;
using InfoDisclosure.Workflow.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InfoDisclosure.Workflow.Dev.Notifications;

public static class DevMailboxHosting
{
    /// <summary>
    /// For the local host when no Smtp__Host is configured: an embedded SMTP server on a free loopback port, the
    /// sender pointed at it, and the DevMailbox that /dev/mailbox shows (in Development).
    /// </summary>
    public static IServiceCollection AddInfoDisclosureDevMailbox(this IServiceCollection services)
    {
        var port = LoopbackPorts.Free();
        services.AddSingleton<DevMailbox>();
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
