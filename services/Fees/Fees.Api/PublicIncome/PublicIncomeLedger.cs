using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.Contracts.Events;
using Platform.Fees.Api.Infrastructure;

namespace Platform.Fees.Api.PublicIncome;

/// <summary>Appends to a community's public-income ledger: one writer per community, each entry chained to the one before.</summary>
public static class PublicIncomeLedger
{
    /// <summary>One writer per community ledger, to the end of the transaction (taking it twice is harmless).</summary>
    public static Task LockAsync(FeesDbContext db, Guid communityId, CancellationToken ct) =>
        db.Database.AcquireAsync($"public-income:{communityId}", ct);

    /// <summary>The entry, or null when its source reference was booked already (a repeated fact books nothing).</summary>
    public static async Task<PublicIncomeEntry?> AppendAsync(
        FeesDbContext db, Guid communityId, PublicIncomeKind kind, PublicIncomeSource source, long amountFen, string description,
        DateOnly occurredOn, string? sourceReference, string recordedBy, DateTimeOffset now, CancellationToken ct, string? coversPeriod = null,
        Guid? resolutionId = null)
    {
        await LockAsync(db, communityId, ct);
        if (sourceReference is not null && await db.PublicIncomeEntries.IgnoreQueryFilters().AnyAsync(e => e.SourceReference == sourceReference, ct))
        {
            return null;
        }

        var previous = await db.PublicIncomeEntries.IgnoreQueryFilters().Where(e => e.CommunityId == communityId)
            .OrderByDescending(e => e.Position).Select(e => new { e.Position, e.Hash }).FirstOrDefaultAsync(ct);
        var entry = new PublicIncomeEntry
        {
            Id = Guid.CreateVersion7(now), CommunityId = communityId, Kind = kind, Source = source, AmountFen = amountFen, Description = description,
            OccurredOn = occurredOn, SourceReference = sourceReference, CoversPeriod = coversPeriod, ResolutionId = resolutionId,
            RecordedBy = recordedBy, RecordedAt = now,
            Position = (previous?.Position ?? 0) + 1, PreviousHash = previous?.Hash ?? HashChain.Genesis,
        }.Seal(db.Chain);
        db.PublicIncomeEntries.Add(entry);
        db.AddIntegrationEvent(new PublicIncomeRecorded(entry.Id, communityId, kind.ToString(), source.ToString(), amountFen, occurredOn, now), now);
        return entry;
    }
}
