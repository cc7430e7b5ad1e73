using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace InfoDisclosure.Reports.Tests.Rendering;

/// <summary>A loopback HTTP server that serves one page with the headers the production server sets, and records every request.</summary>
public sealed class PageServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _html;
    private readonly string _contentSecurityPolicy;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _serving;

    public PageServer(string html, string contentSecurityPolicy)
    {
        _html = html;
        _contentSecurityPolicy = contentSecurityPolicy;
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/report");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(Serve);
    }

    public Uri Url { get; }

    /// <summary>Paths requested so far.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            _requests.Enqueue(context.Request.Url!.AbsolutePath);
            var response = context.Response;
            if (context.Request.Url.AbsolutePath == Url.AbsolutePath)
            {
                var body = Encoding.UTF8.GetBytes(_html);
                response.ContentType = "text/html; charset=utf-8";
                response.Headers["Content-Security-Policy"] = _contentSecurityPolicy;
                response.ContentLength64 = body.Length;
                await response.OutputStream.WriteAsync(body);
            }
            else
            {
                response.StatusCode = 404;
            }
            response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
