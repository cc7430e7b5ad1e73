using System.Net;
using System.Net.Sockets;

namespace InfoDisclosure.Workflow.Dev.Hosting;

/// <summary>
/// Loopback ports for development servers that are started later by another process (a host, Azurite).
/// They are taken below the OS's ephemeral range: a port the OS hands out for port 0 or for an outgoing
/// connection can be taken again between the check and the other process's bind (CI saw "address already in use").
/// </summary>
public static class LoopbackPorts
{
    private const int First = 20000;
    private const int Last = 32000;
    private static int _next = First + Random.Shared.Next(Last - First);

    /// <summary>A loopback port nobody listens on now, different from <paramref name="taken"/>.</summary>
    public static int Free(params int[] taken)
    {
        for (var attempt = 0; attempt < Last - First; attempt++)
        {
            var port = First + (Interlocked.Increment(ref _next) - First) % (Last - First);
            if (taken.Contains(port)) continue;
            if (CanListen(port)) return port;
        }
        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }

    private static bool CanListen(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
