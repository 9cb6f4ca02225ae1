using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Proxy;

/// <summary>
/// Who the caller is when the connection comes from the ingress: "Gateway:TrustedProxies" lists the networks (CIDR, e.g.
/// "10.42.0.0/16") or single addresses of the proxies in front of the gateway. From a connection out of one of them the
/// gateway takes the client's address (and scheme) from the last X-Forwarded-For (-Proto) entry, the one that proxy
/// appended; every earlier entry is the caller's to invent and is ignored (ForwardLimit 1). From any other connection the
/// headers are ignored. Empty (the default) trusts nobody: ASP.NET's own default (loopback) is cleared on purpose, so a
/// local run trusts 127.0.0.1 only when told (deploy/local: PLATFORM_TRUST_LOOPBACK_PROXY).
/// </summary>
public static class TrustedProxies
{
    public const string Section = "Gateway:TrustedProxies";

    public static WebApplicationBuilder AddTrustedProxies(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var entry in configuration.GetSection(Section).Get<string[]>() ?? [])
            {
                Add(options, entry.Trim());
            }
        });
        return builder;
    }

    /// <summary>First of all middleware: limits, logs and the forwarded headers the services get all see the real caller.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        // With no known proxy at all ASP.NET's middleware would trust every peer: without one, it is not used.
        var options = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (options.KnownIPNetworks.Count > 0 || options.KnownProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static void Add(ForwardedHeadersOptions options, string entry)
    {
        if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
        {
            options.KnownIPNetworks.Add(network);
        }
        else if (!entry.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(entry, out var address))
        {
            options.KnownProxies.Add(address);
        }
        else if (entry.Length > 0)
        {
            throw new InvalidOperationException(
                $"{Section}: '{entry}' is neither a network in CIDR notation (10.42.0.0/16) nor an address.");
        }
    }
}
