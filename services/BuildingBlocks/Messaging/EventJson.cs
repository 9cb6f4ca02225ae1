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

    /// <summary>An outbox row's event as the relay publishes it: the stored type resolved, the payload read with <see cref="Options"/>.</summary>
    public static object Deserialize(string typeName, string payload) =>
        JsonSerializer.Deserialize(payload, ResolveType(typeName), Options)
        ?? throw new InvalidOperationException($"Outbox row of type '{typeName}' has a null payload.");

    public static Type ResolveType(string fullName) =>
        typeof(UnitRegistered).Assembly.GetType(fullName)
        ?? throw new InvalidOperationException($"Outbox row names an unknown contract type '{fullName}'.");
}
