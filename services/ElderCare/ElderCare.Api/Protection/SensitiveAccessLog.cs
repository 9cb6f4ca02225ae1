using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.BuildingBlocks.Security;
using Platform.ElderCare.Api.Infrastructure;

namespace Platform.ElderCare.Api.Protection;

/// <summary>Why a sensitive field was read (查阅目的). Each role has a default; a caller may name another.</summary>
public enum AccessPurpose
{
    /// <summary>A provider preparing or making a visit of an active order.</summary>
    CareVisit,

    /// <summary>Civil Affairs assessing or reviewing the person's ability level and needs.</summary>
    Assessment,

    /// <summary>Civil Affairs supervising care (the default for Civil Affairs).</summary>
    Supervision,

    /// <summary>The guardian, or the person, reviewing their own record.</summary>
    PersonalReview,

    /// <summary>An emergency at the person's home.</summary>
    Emergency,
}

/// <summary>
/// One read of a person's sensitive fields (敏感个人信息查阅记录): who (actor and organisation), which person, which
/// fields, why (purpose, and for a provider the active order that allowed it), when, in which trace. Append-only,
/// written in the transaction that returns the data: a read that cannot be logged returns nothing.
/// </summary>
public sealed class SensitiveAccessEntry
{
    public Guid Id { get; init; }

    public Guid ElderId { get; init; }

    public required string Actor { get; init; }

    public string? OrganisationType { get; init; }

    public Guid? OrganisationId { get; init; }

    public string[] Fields { get; init; } = [];

    public AccessPurpose Purpose { get; init; }

    /// <summary>For a provider: the active order that gave it access.</summary>
    public Guid? OrderId { get; init; }

    public DateTimeOffset AccessedAt { get; init; }

    public string? TraceId { get; init; }
}

internal sealed class SensitiveAccessEntryConfiguration : IEntityTypeConfiguration<SensitiveAccessEntry>
{
    public void Configure(EntityTypeBuilder<SensitiveAccessEntry> builder)
    {
        builder.ToTable("sensitive_access_log");
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.OrganisationType).HasMaxLength(40);
        builder.Property(e => e.Purpose).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.TraceId).HasMaxLength(32);
        builder.HasIndex(e => new { e.ElderId, e.AccessedAt });
        builder.HasIndex(e => e.AccessedAt);
    }
}

/// <summary>Writes the access log: every handler that returns a sensitive field calls it before answering.</summary>
public sealed class SensitiveAccessLog(ElderCareDbContext db, CallerAccess access, TimeProvider time)
{
    public async Task RecordAsync(Guid elderId, IReadOnlyList<string> fields, AccessPurpose purpose, Guid? orderId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        db.SensitiveAccessLog.Add(new SensitiveAccessEntry
        {
            Id = Guid.CreateVersion7(now), ElderId = elderId, Actor = access.Actor, OrganisationType = access.OrganisationType,
            OrganisationId = access.OrganisationId, Fields = [.. fields], Purpose = purpose, OrderId = orderId, AccessedAt = now,
            TraceId = Activity.Current?.TraceId.ToString(),
        });
        await db.SaveChangesAsync(ct);
    }
}
