using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Commands;

namespace Platform.Architecture.Tests;

/// <summary>
/// Every write to an API (POST, PUT, PATCH, DELETE under /api/) is an audited command (<c>AsAuditedCommand()</c>): one
/// transaction with its audit entry, idempotent under an Idempotency-Key. The few writes that cannot be are named here.
/// </summary>
public sealed class AuditedCommandTests
{
    /// <summary>Writes that are not audited commands, each with the reason (the key is the failure line it silences).</summary>
    private static readonly Dictionary<string, string> NotAuditedCommands = new()
    {
        ["identity: POST /api/identity/v1/owner-sign-in/codes"] =
            "anonymous, so no actor to audit; it only queues a row that the dispatcher handles off the request path (ADR-012)",
        ["parking: POST /api/parking/v1/lots/{lotId:guid}/gate-events"] =
            "a gate's stream of decisions: the gate_events table is its record, a repeat gets the first decision (docs/parking.md)",
        ["parking: POST /api/parking/v1/lots/{lotId:guid}/occupancy/recount"] =
            "writes no record: resets the live count in Redis from PostgreSQL, as a read finding no count does",
    };

    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    [Fact]
    public void Every_write_endpoint_of_every_service_is_an_audited_command_or_a_named_exception()
    {
        var endpoints = MappedEndpoints.OfEveryService;
        Assert.True(endpoints.Count(IsApiWrite) >= 50, $"only {endpoints.Count(IsApiWrite)} write endpoints found");

        var unaudited = Unaudited(endpoints).Select(e => e.ToString()).ToList();

        Assert.True(unaudited.Count == 0, "Add .AsAuditedCommand() (or name the exception and why):\n" + string.Join("\n", unaudited));
    }

    [Fact]
    public void Every_named_exception_is_still_a_mapped_write()
    {
        var writes = MappedEndpoints.OfEveryService.Where(IsApiWrite).Select(e => e.ToString()).ToHashSet();

        var stale = NotAuditedCommands.Keys.Where(name => !writes.Contains(name)).ToList();

        Assert.True(stale.Count == 0, "Not a mapped write any more, drop it from the list:\n" + string.Join("\n", stale));
    }

    [Fact]
    public void A_write_mapped_without_AsAuditedCommand_is_caught()
    {
        var app = WebApplication.CreateBuilder().Build();
        var api = app.MapGroup("/api/demo/v1");
        api.MapPost("/things", () => TypedResults.Created()).AsAuditedCommand();
        api.MapDelete("/things/{id}", (Guid id) => TypedResults.NoContent());
        api.MapGet("/things", () => TypedResults.Ok());
        app.MapPost("/connect/demo", () => TypedResults.Ok());

        var endpoints = MappedEndpoint.From("demo", new CompositeEndpointDataSource(((IEndpointRouteBuilder)app).DataSources)).ToList();

        Assert.Equal(["demo: DELETE /api/demo/v1/things/{id}"], Unaudited(endpoints).Select(e => e.ToString()));
    }

    private static IEnumerable<MappedEndpoint> Unaudited(IEnumerable<MappedEndpoint> endpoints) =>
        endpoints.Where(IsApiWrite)
            .Where(endpoint => endpoint.Metadata.GetMetadata<AuditedCommandMetadata>() is null)
            .Where(endpoint => !NotAuditedCommands.ContainsKey(endpoint.ToString()));

    private static bool IsApiWrite(MappedEndpoint endpoint) =>
        WriteMethods.Contains(endpoint.Method) && endpoint.Route.StartsWith("/api/", StringComparison.Ordinal);
}
