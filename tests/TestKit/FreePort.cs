using System.Net;
using System.Net.Sockets;

namespace Platform.TestKit;

/// <summary>
/// A port for a test host to listen on. Picked below the kernel's ephemeral range (Linux: 32768–60999), so no outgoing
/// connection (to PostgreSQL, RabbitMQ, Redis, another host) can take it in the seconds between the pick and the host's
/// bind; a port taken by (or just handed to) a listener is skipped.
/// </summary>
public static class FreePort
{
    private const int First = 20000;

    private const int Count = 12000;

    private static int _next = Random.Shared.Next(Count);

    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _next) % Count);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try the next one.
            }
        }

        throw new InvalidOperationException($"No free port between {First} and {First + Count - 1}.");
    }
}
