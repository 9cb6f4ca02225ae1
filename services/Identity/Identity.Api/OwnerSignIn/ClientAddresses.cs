using System.Net;
using Microsoft.Extensions.Options;

namespace Platform.Identity.Api.OwnerSignIn;

/// <summary>"Identity:OwnerSignIn": where the proxies in front of the service (the gateway) are.</summary>
public sealed class OwnerSignInOptions
{
    /// <summary>Networks (CIDR) whose X-Forwarded-For is believed; anyone else's address is the connection's own.</summary>
    public List<string> TrustedProxies { get; set; } = [];
}

/// <summary>
/// The address a sign-in guess comes from, for the limit per address: the caller's connection, or, when that is a
/// trusted proxy, the last address in X-Forwarded-For (the one the proxy itself wrote; earlier ones are the caller's to invent).
/// </summary>
public sealed class ClientAddresses(IOptions<OwnerSignInOptions> options)
{
    private readonly IPNetwork[] _trusted = [.. options.Value.TrustedProxies.Select(IPNetwork.Parse)];

    public string Of(HttpContext http)
    {
        if (http.Connection.RemoteIpAddress is not { } peer)
        {
            return "unknown";
        }

        peer = peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer;
        if (!_trusted.Any(network => network.Contains(peer)))
        {
            return peer.ToString();
        }

        var forwarded = http.Request.Headers["X-Forwarded-For"].ToString()
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return forwarded.Length > 0 && IPAddress.TryParse(forwarded[^1], out var client) ? client.ToString() : peer.ToString();
    }
}
