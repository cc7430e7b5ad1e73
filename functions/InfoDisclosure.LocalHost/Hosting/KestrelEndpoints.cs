using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace InfoDisclosure.LocalHost.Hosting;

/// <summary>
/// Kestrel endpoints: the HTTP/1.1 addresses from <c>Urls</c> for the REST API and pages, plus the HTTP/2-only loopback
/// endpoint of the gRPC sidecar. Once any endpoint is configured in code Kestrel ignores <c>Urls</c>, so they are bound here.
/// </summary>
public static class KestrelEndpoints
{
    public const string DefaultUrls = "http://localhost:7071";

    public static IReadOnlyList<string> ApiUrls(IConfiguration configuration) =>
        (configuration["Urls"] is { Length: > 0 } urls ? urls : DefaultUrls)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static void ListenOnApiUrlsAndSidecar(this WebApplicationBuilder builder, int grpcPort)
    {
        var urls = ApiUrls(builder.Configuration);
        // Cleared so the host does not warn that the endpoints configured here override the Urls setting.
        builder.Configuration[WebHostDefaults.ServerUrlsKey] = string.Empty;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var url in urls) Listen(kestrel, url);
            kestrel.Listen(IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
        });
    }

    private static void Listen(KestrelServerOptions kestrel, string url)
    {
        var address = BindingAddress.Parse(url);
        Action<ListenOptions> configure = listen =>
        {
            // HTTP/2 needs TLS (ALPN) to be negotiated; plain http stays HTTP/1.1.
            listen.Protocols = address.Scheme == "https" ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1;
            if (address.Scheme == "https") listen.UseHttps();
        };
        if (address.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"Urls: '{url}' is not an http or https address.");
        switch (address.Host)
        {
            case "localhost": kestrel.ListenLocalhost(address.Port, configure); break;
            case "*" or "+" or "0.0.0.0" or "[::]": kestrel.ListenAnyIP(address.Port, configure); break;
            default:
                var host = address.Host.Trim('[', ']');
                if (!IPAddress.TryParse(host, out var ip))
                    throw new InvalidOperationException($"Urls: '{url}' must name localhost, an IP address or *.");
                kestrel.Listen(ip, address.Port, configure);
                break;
        }
    }
}
