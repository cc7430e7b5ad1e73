using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace InfoDisclosure.Workflow.Publishing;

/// <summary>
/// Where the app may send requests of its own (the portal push): https only, and never to a loopback, private,
/// link-local or otherwise internal address, checked on the address actually connected to (after DNS resolution, for
/// every connection). Development (and the test environment, with Portal__AllowLocalEndpoints=true) may allow local
/// http endpoints such as the development portal; no other environment can.
/// </summary>
public sealed class OutboundAddresses(bool allowLocal)
{
    public const string AllowLocalSetting = "Portal:AllowLocalEndpoints";

    public bool AllowLocal => allowLocal;

    public static OutboundAddresses FromConfiguration(IConfiguration configuration, IHostEnvironment? environment)
    {
        var development = environment is null || environment.IsDevelopment();
        var testing = environment?.EnvironmentName == "Testing";
        var setting = configuration.GetValue<bool?>(AllowLocalSetting);
        return new OutboundAddresses(development ? setting ?? true : testing && setting == true);
    }

    /// <summary>Why the endpoint may not be used (a short message of ours), or null when it may.</summary>
    public string? Refusal(Uri endpoint)
    {
        if (allowLocal) return endpoint.Scheme is "http" or "https" ? null : "Only http(s) endpoints are supported.";
        if (endpoint.Scheme != "https") return "The endpoint must use https.";
        if (IPAddress.TryParse(endpoint.IdnHost.Trim('[', ']'), out var literal) && IsInternal(literal))
            return "The endpoint is an internal address (loopback, private or link-local).";
        if (endpoint.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase) || endpoint.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return "The endpoint is an internal address (localhost).";
        return null;
    }

    /// <summary>
    /// The handler of the portal's HttpClient: connects only to the addresses DNS gives that are not internal (unless
    /// allowed), and follows no redirect (a redirect is a failed push; its target is never fetched).
    /// </summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (context, ct) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
            var allowed = allowLocal ? addresses : addresses.Where(a => !IsInternal(a)).ToArray();
            if (allowed.Length == 0) throw new HttpRequestException(HttpRequestError.ConnectionError, $"{host} resolves to an internal address; refused.");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>Loopback, private (RFC 1918, unique local), link-local, shared (100.64/10), unspecified, multicast and similar.</summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b6 = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b6[0] & 0xFE) == 0xFC;
        }
        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => true,
            100 => b[1] is >= 64 and <= 127,
            169 => b[1] == 254,
            172 => b[1] is >= 16 and <= 31,
            192 => (b[1] == 168) || (b[1] == 0 && b[2] == 0),
            198 => b[1] is 18 or 19,
            >= 224 => true,
            _ => false,
        };
    }
}
