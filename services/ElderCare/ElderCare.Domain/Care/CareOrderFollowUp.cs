namespace Platform.ElderCare.Domain.Care;

/// <summary>
/// What the community did about an escalated order (转社区跟进): a community worker's or Civil Affairs' note — who was
/// called, what was arranged. Operational, not a care record: it is shown to whoever sees the order.
/// </summary>
public sealed class CareOrderFollowUp
{
    public Guid Id { get; init; }

    public Guid OrderId { get; init; }

    public required string Note { get; init; }

    public required string RecordedBy { get; init; }

    public DateTimeOffset RecordedAt { get; init; }
}
