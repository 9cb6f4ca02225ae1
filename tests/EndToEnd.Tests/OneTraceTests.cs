using System.Diagnostics;
using Platform.BuildingBlocks.Hosting;
using Platform.Contracts.Events;
using Platform.TestKit;

namespace Platform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class OneTraceTests(PlatformFixture platform)
{
    private static readonly ActivitySource Test = new("Platform.Tests");

    [Fact]
    public async Task A_unit_registered_through_the_gateway_reaches_every_read_model_in_one_trace()
    {
        var community = await platform.Registry.Community();
        var building = await platform.Registry.Building(community.Id);
        var owner = await platform.Registry.Person();

        Governance.Api.Registry.UnitResponse unit;
        ActivityTraceId traceId;
        using (var request = Test.StartActivity("client registers a unit", ActivityKind.Client))
        {
            traceId = request!.TraceId;
            unit = await platform.Registry.Unit(community.Id, building.Id, owner.Id, 75.25m);
        }

        await platform.UnitReachesEveryService(unit.Id, TimeSpan.FromSeconds(30));
        foreach (var service in PlatformFixture.Consumers)
        {
            var copy = await platform.UnitIn(service, unit.Id);
            Assert.Equal((community.Id, 75.25m, owner.Id), (copy.CommunityId, copy.ExclusiveArea, copy.OwnerId));
        }

        // Spans end after the response, so give the last ones a moment to be exported.
        await Eventually.Until(() => Task.FromResult(HandledIn(traceId).Count == PlatformFixture.Consumers.Length), TimeSpan.FromSeconds(10), "handler spans");
        var trace = TestTelemetry.InTrace(traceId).ToList();
        Assert.Contains(trace, span => span.Source.Name == "Yarp.ReverseProxy");
        Assert.Contains(trace, span => span.Kind == ActivityKind.Server && span.GetTagItem("server.port") as int? == platform.Governance.HttpPort);
        Assert.Contains(trace, span => span.Source.Name == PlatformTelemetry.SourceName && span.DisplayName == $"outbox publish {nameof(UnitRegistered)}");
        Assert.Contains(trace, span => span.Source.Name == "MassTransit" && span.Kind == ActivityKind.Producer);
        Assert.Contains(trace, span => span.Source.Name == "MassTransit" && span.Kind == ActivityKind.Consumer);
        Assert.Equal(PlatformFixture.Consumers.Order(), HandledIn(traceId).Order());
    }

    /// <summary>Services whose inbox handled the unit's UnitRegistered inside the trace.</summary>
    private static List<string> HandledIn(ActivityTraceId traceId) =>
        TestTelemetry.InTrace(traceId)
            .Where(span => span.DisplayName.EndsWith($"handle {nameof(UnitRegistered)}", StringComparison.Ordinal))
            .Select(span => (string)span.GetTagItem(PlatformTelemetry.ServiceTag)!)
            .Distinct()
            .ToList();
}
