using System.Diagnostics;
using System.Text.Json;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// An integration event waiting to be published. Its id becomes the message's MessageId, so a
/// consumer's inbox recognises a re-publish; the trace context makes the publish part of the trace
/// of the request that caused it.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; private set; }

    /// <summary>Commit order; the relay publishes in this order (UUID v7 is not monotonic within one millisecond).</summary>
    public long Sequence { get; private set; }

    /// <summary>Full name of the contract type, e.g. Platform.Contracts.Events.UnitRegistered.</summary>
    public string Type { get; private set; } = "";

    public string Payload { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }

    public string? TraceParent { get; private set; }

    public string? TraceState { get; private set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>A row named by the event's own (runtime) type, so events an entity recorded as objects need no mapping.</summary>
    public static OutboxMessage Create(object integrationEvent, DateTimeOffset now)
    {
        var (traceParent, traceState) = CurrentTrace();
        var type = integrationEvent.GetType();
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Type = type.FullName!,
            Payload = JsonSerializer.Serialize(integrationEvent, type, EventJson.Options),
            OccurredAt = now,
            TraceParent = traceParent,
            TraceState = traceState,
        };
    }

    /// <summary>The W3C trace context a row stores: the current activity's id (traceparent) and trace state.</summary>
    internal static (string? Parent, string? State) CurrentTrace() => (Activity.Current?.Id, Activity.Current?.TraceStateString);
}
