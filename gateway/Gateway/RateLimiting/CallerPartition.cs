using System.Net;
using Platform.BuildingBlocks.Security;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// Whose budget a request spends, and how large it is: an owner's ("owner:&lt;sub&gt;", whichever app or token they
/// use), an organisation client's ("client:&lt;client_id&gt;"), or, without a valid token, the remote address's
/// ("ip:&lt;address&gt;"). The address is the client's as the trusted ingress saw it (<see cref="Proxy.TrustedProxies"/>),
/// else the connection's own: X-Forwarded-For from anyone else is the caller's to invent.
/// </summary>
public sealed record CallerPartition(string Key, int PerMinute)
{
    public static CallerPartition Of(HttpContext context, RateLimitOptions options)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var caller = CallerAccess.For(context.User);
            if (caller.IsOwner && caller.Subject is { Length: > 0 } owner)
            {
                return new CallerPartition($"owner:{owner}", options.OwnerPerMinute);
            }

            if ((caller.ClientId ?? caller.Subject) is { Length: > 0 } client)
            {
                return new CallerPartition($"client:{client}", options.Clients.GetValueOrDefault(client, options.ClientPerMinute));
            }
        }

        return new CallerPartition($"ip:{AddressOf(context)}", options.AnonymousPerMinute);
    }

    /// <summary>The client's address, after the forwarded headers of a trusted proxy were applied.</summary>
    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        IPAddress address => address.ToString(),
    };
}
