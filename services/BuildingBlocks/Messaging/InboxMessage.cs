namespace Platform.BuildingBlocks.Messaging;

/// <summary>Records that a consumer handled a message, in the same transaction as the handling's effect.</summary>
public sealed class InboxMessage
{
    public required string Consumer { get; init; }

    public required Guid MessageId { get; init; }

    public required DateTimeOffset HandledAt { get; init; }
}
