using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.TestKit;

namespace Platform.Gateway.Tests;

/// <summary>A request as a backend received it.</summary>
public sealed record SeenRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A stand-in service behind the gateway: answers every request with 200 and the headers it received (as JSON), and
/// remembers each request, so a test can tell what reached "the service" and what the gateway stopped.
/// </summary>
public sealed class EchoBackend : IAsyncDisposable
{
    private readonly ConcurrentQueue<SeenRequest> _seen = new();
    private readonly WebApplication _app;

    private EchoBackend(int port)
    {
        Address = new Uri($"http://127.0.0.1:{port}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        _app = builder.Build();
        _app.Run(async context =>
        {
            var headers = context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            _seen.Enqueue(new SeenRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers));
            await context.Response.WriteAsJsonAsync(headers);
        });
    }

    public Uri Address { get; }

    public IReadOnlyList<SeenRequest> Seen => [.. _seen];

    public static async Task<EchoBackend> StartAsync()
    {
        var backend = new EchoBackend(FreePort.Next());
        await backend._app.StartAsync();
        return backend;
    }

    /// <summary>Requests whose path contains <paramref name="marker"/> (tests put a fresh one in each path).</summary>
    public IReadOnlyList<SeenRequest> SeenWith(string marker) => Seen.Where(request => request.Path.Contains(marker, StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
