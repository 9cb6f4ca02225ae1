using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Data;
using Platform.ElderCare.Api.Infrastructure;
using Platform.ElderCare.Domain.Access;

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
/// One attempt to read a person's sensitive fields (敏感个人信息查阅记录), granted or refused: who (the actor, its client and
/// organisation, and the person where the token names one), which person (the id asked for, even one no one has), which
/// endpoint, which fields and why (purpose, and for a provider the active order that allowed it), or why it was refused,
/// when, in which trace. Append-only, and chained per actor under a key the database does not hold.
/// </summary>
public sealed class SensitiveAccessEntry : IChainLink
{
    public Guid Id { get; init; }

    /// <summary>Insertion order across all actors: the order the log is listed in.</summary>
    public long Sequence { get; private set; }

    public Guid ElderId { get; init; }

    /// <summary>The client id, or "owner:&lt;id&gt;": whose chain the entry joins.</summary>
    public required string Actor { get; init; }

    public string? ClientId { get; init; }

    /// <summary>The person the token names besides its client (an owner, a staff member at the console); null for a bare client.</summary>
    public string? Person { get; init; }

    public string? OrganisationType { get; init; }

    public Guid? OrganisationId { get; init; }

    /// <summary>The endpoint asked (its name, e.g. GetCareRecord).</summary>
    public string? Endpoint { get; init; }

    public AccessOutcome Outcome { get; init; }

    /// <summary>For a refusal: a stable code from <see cref="AccessRefusals"/>.</summary>
    public string? RefusalReason { get; init; }

    /// <summary>The fields returned: none for a refusal.</summary>
    public string[] Fields { get; init; } = [];

    /// <summary>Why the fields were read; null for a refusal.</summary>
    public AccessPurpose? Purpose { get; init; }

    /// <summary>For a provider: the active order that gave it access.</summary>
    public Guid? OrderId { get; init; }

    public DateTimeOffset AccessedAt { get; init; }

    public string? TraceId { get; init; }

    /// <summary>The entry's place in its actor's chain, from 1; null only on entries written before the chain existed.</summary>
    public long? Position { get; init; }

    public string? PreviousHash { get; init; }

    public string? Hash { get; private set; }

    public string? ChainKeyId { get; private set; }

    public SensitiveAccessEntry Seal(HashChain chain)
    {
        (ChainKeyId, Hash) = chain.Link(PreviousHash ?? "", LinkedFields());
        return this;
    }

    // Microseconds: what PostgreSQL keeps of a timestamp.
    public object?[] LinkedFields() =>
    [
        Position, Id, ElderId, Actor, ClientId, Person, OrganisationType, OrganisationId, Endpoint, Outcome, RefusalReason,
        string.Join(',', Fields), Purpose, OrderId, AccessedAt.UtcTicks / 10, TraceId,
    ];
}

internal sealed class SensitiveAccessEntryConfiguration : IEntityTypeConfiguration<SensitiveAccessEntry>
{
    public void Configure(EntityTypeBuilder<SensitiveAccessEntry> builder)
    {
        builder.ToTable("sensitive_access_log");
        builder.Property(e => e.Sequence).UseIdentityAlwaysColumn();
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.ClientId).HasMaxLength(200);
        builder.Property(e => e.Person).HasMaxLength(200);
        builder.Property(e => e.OrganisationType).HasMaxLength(40);
        builder.Property(e => e.Endpoint).HasMaxLength(100);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.RefusalReason).HasMaxLength(40);
        builder.Property(e => e.Purpose).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.TraceId).HasMaxLength(32);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.Property(e => e.ChainKeyId).HasMaxLength(40);
        builder.HasIndex(e => new { e.ElderId, e.AccessedAt });
        builder.HasIndex(e => e.AccessedAt);
        // Two writers can never give one actor two entries at one place: a fork is refused by the database, not only avoided by the lock.
        builder.HasIndex(e => new { e.Actor, e.Position }).IsUnique();
        builder.HasIndex(e => new { e.Outcome, e.Sequence });
    }
}

/// <summary>
/// Writes the access log: every handler that returns a sensitive field records the read before answering, and every
/// refusal of one is recorded before the 404 or 403 goes out. Each entry commits in a transaction of its own, under the
/// actor's advisory lock, chained to the actor's last entry (one chain per actor, as the audit trail, ADR-006).
/// </summary>
public sealed class SensitiveAccessLog(
    ElderCareDbContext db, CallerAccess access, IHttpContextAccessor http, TimeProvider time)
{
    public Task RecordReadAsync(Guid elderId, IReadOnlyList<string> fields, AccessPurpose purpose, Guid? orderId, CancellationToken ct) =>
        AppendAsync(elderId, AccessOutcome.Granted, null, fields, purpose, orderId, ct);

    /// <summary>A refused read of <paramref name="elderId"/> (the id asked for) with a reason from <see cref="AccessRefusals"/>.</summary>
    public Task RecordRefusalAsync(Guid elderId, string reason, CancellationToken ct) =>
        AccessRefusals.All.Contains(reason)
            ? AppendAsync(elderId, AccessOutcome.Refused, reason, [], null, null, ct)
            : throw new ArgumentException($"{reason} is not a refusal reason.", nameof(reason));

    private async Task AppendAsync(
        Guid elderId, AccessOutcome outcome, string? reason, IReadOnlyList<string> fields, AccessPurpose? purpose, Guid? orderId,
        CancellationToken ct)
    {
        var actor = access.Actor;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.AcquireAsync($"access-log:{actor}", ct);
        var previous = await db.SensitiveAccessLog.IgnoreQueryFilters().Where(e => e.Actor == actor && e.Position != null)
            .OrderByDescending(e => e.Position).Select(e => new { e.Position, e.Hash }).FirstOrDefaultAsync(ct);
        var now = time.GetUtcNow();
        db.SensitiveAccessLog.Add(new SensitiveAccessEntry
        {
            Id = Guid.CreateVersion7(now), ElderId = elderId, Actor = actor, ClientId = access.ClientId,
            Person = access.Subject is { } subject && subject != access.ClientId ? subject : null,
            OrganisationType = access.OrganisationType, OrganisationId = access.OrganisationId, Endpoint = EndpointName(),
            Outcome = outcome, RefusalReason = reason, Fields = [.. fields], Purpose = purpose, OrderId = orderId, AccessedAt = now,
            TraceId = Activity.Current?.TraceId.ToString(),
            Position = (previous?.Position ?? 0) + 1, PreviousHash = previous?.Hash ?? HashChain.Genesis,
        }.Seal(db.Chain));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private string? EndpointName() =>
        http.HttpContext is { } context
            ? context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName
              ?? $"{context.Request.Method} {context.Request.Path}"
            : null;
}
