namespace Platform.Fees.Domain.PublicIncome;

/// <summary>An owners' split of net public income, in force from a business day on.</summary>
public sealed record SplitInForce(Guid ResolutionId, DateOnly From, int OwnersSharePercent);

/// <summary>The company's share of net public income: each day's income and expenses under the split in force that day.</summary>
public static class PublicIncomeShares
{
    /// <summary>The company's share of a net amount, rounded down: the fen in doubt stay with the owners.</summary>
    public static long CompanyShareFen(long netFen, int ownersSharePercent) =>
        netFen <= 0 ? 0 : (long)((Int128)netFen * (100 - ownersSharePercent) / 100);

    /// <summary>The split in force on a day (the latest from that day or before), or null: then all is the owners'.</summary>
    public static SplitInForce? InForceOn(DateOnly day, IEnumerable<SplitInForce> splits) =>
        splits.Where(s => s.From <= day).LastOrDefault();

    /// <summary>
    /// The company's share of signed net flows (income positive, expenses negative), each under the split in force on its day,
    /// rounded down per split period. <paramref name="splits"/> are in the order they were decided.
    /// </summary>
    public static long CompanyShareFen(IEnumerable<(DateOnly On, long NetFen)> flows, IReadOnlyList<SplitInForce> splits)
    {
        // A stable sort: of two splits from one day, the later decided stays last and wins.
        var ordered = splits.OrderBy(s => s.From).ToList();
        return flows.GroupBy(f => InForceOn(f.On, ordered))
            .Where(g => g.Key is not null)
            .Sum(g => CompanyShareFen(g.Sum(f => f.NetFen), g.Key!.OwnersSharePercent));
    }
}
