using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Contracts.Events;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>How integration events are stored in the outbox, and how a stored type name finds its contract type.</summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static Type ResolveType(string fullName) =>
        typeof(UnitRegistered).Assembly.GetType(fullName)
        ?? throw new InvalidOperationException($"Outbox row names an unknown contract type '{fullName}'.");
}
