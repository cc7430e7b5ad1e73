using InfoDisclosure.Workflow.Dev.Hosting;
using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Storage;

namespace InfoDisclosure.Workflow.Dev.Notifications;

/// <summary>
/// A real SMTP server on a loopback port that keeps what it receives in a <see cref="DevMailbox"/>.
/// The local host runs it when no Smtp:Host is configured; the tests run it as the mail server the system sends to.
/// </summary>
public sealed class EmbeddedSmtpServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer server;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task running;

    private EmbeddedSmtpServer(int port, DevMailbox mailbox)
    {
        Port = port;
        Mailbox = mailbox;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new MailboxStore(mailbox));
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stopping.Token);
    }

    public int Port { get; }
    public DevMailbox Mailbox { get; }

    /// <summary>Starts on <paramref name="port"/>, or on a free loopback port when it is 0.</summary>
    public static async Task<EmbeddedSmtpServer> StartAsync(DevMailbox mailbox, int port = 0)
    {
        var server = new EmbeddedSmtpServer(port == 0 ? LoopbackPorts.Free() : port, mailbox);
        await server.WaitUntilListeningAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        server.Shutdown();
        await stopping.CancelAsync();
        try
        {
            await running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
            // Cancellation is how the server is told to stop.
        }
        catch (TimeoutException)
        {
            // A client that never said QUIT; the process is going away anyway.
        }
        stopping.Dispose();
    }

    private async Task WaitUntilListeningAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (running.IsFaulted) await running;
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException($"The embedded SMTP server did not start listening on port {Port}.");
    }

    private sealed class MailboxStore(DevMailbox mailbox) : MessageStore
    {
        public override async Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            mailbox.Add(message);
            return SmtpServer.Protocol.SmtpResponse.Ok;
        }
    }
}
