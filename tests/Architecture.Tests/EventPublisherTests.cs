using Platform.BuildingBlocks.Messaging;
using Platform.Contracts.Events;

namespace Platform.Architecture.Tests;

/// <summary>A new event must name its publisher: without one no broker user may write it and every consumer ignores it.</summary>
public sealed class EventPublisherTests
{
    [Fact]
    public void Every_integration_event_names_the_one_service_that_publishes_it()
    {
        var events = typeof(UnitRegistered).Assembly.GetExportedTypes()
            .Where(type => type.Namespace == typeof(UnitRegistered).Namespace && type.IsClass && type.GetProperty("OccurredAt") is not null);

        Assert.Empty(events.Where(type => EventPublishers.Of(type) is null).Select(type => type.Name));
    }

    [Fact]
    public void An_events_exchange_carries_its_publishers_name_so_one_pattern_grants_a_service_its_own_events()
    {
        Assert.Equal(
            "governance.Platform.Contracts.Events:PropertyCompanyAssigned",
            EventPublishers.ExchangeName(typeof(PropertyCompanyAssigned), "Platform.Contracts.Events:PropertyCompanyAssigned"));
    }
}
