using Platform.Contracts.Events;
using Platform.Fees.Api.Billing;
using Platform.Fees.Domain.Billing;
using Platform.Fees.Domain.Money;
using Platform.Fees.Domain.Standards;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Bench.Fees;

/// <summary>
/// What a unit must be billed for a month: the area fee recomputed in C# from the seed, and its share of the month's
/// common-area charge as the charge was recorded (0 without one). The run's answer key.
/// </summary>
public sealed record ExpectedBill(Guid UnitId, Guid PayerOwnerId, decimal ExclusiveArea, long RateFen, long FeeFen, BillItemKind Kind, long UtilityFen)
{
    /// <summary>The item that carries the area fee.</summary>
    public static BillItemKind KindFor(FeeUse use) => use == FeeUse.ParkingSpace ? BillItemKind.ParkingSpaceManagementFee : BillItemKind.PropertyFee;
}

/// <summary>
/// One community of the registry copy with its fee standards, generated the same way every run (fixed seed): homes,
/// parking spaces, shops and offices with awkward two-decimal areas; owners of several units (a flat and a space,
/// two flats); unsold units owned by the developer; and units that must not be billed (storage rooms, which no
/// standard prices, and units whose ownership the copy does not know).
/// </summary>
public sealed class SeededCommunity
{
    private SeededCommunity(Guid id, string name, int starLevel, IReadOnlyList<SeededUnit> units, IReadOnlyList<SeededStandard> standards)
    {
        Id = id;
        Name = name;
        StarLevel = starLevel;
        Units = units;
        Standards = standards;
    }

    public Guid Id { get; }

    public string Name { get; }

    public Guid TownshipId { get; } = Guid.CreateVersion7();

    public Guid PropertyCompanyId { get; } = Guid.CreateVersion7();

    public int StarLevel { get; }

    public IReadOnlyList<SeededUnit> Units { get; }

    public IReadOnlyList<SeededStandard> Standards { get; }

    public Guid DeveloperId { get; private init; }

    /// <summary>
    /// <paramref name="billable"/> units with an owner and a priced use, plus 1% storage rooms and 0.5% units without
    /// a known owner. Standards: an old and a current one per use, a same-day correction, and one that starts in 2030.
    /// </summary>
    public static SeededCommunity Generate(string name, int billable, int seed)
    {
        var random = new Random(seed);
        var developer = Guid.CreateVersion7();
        var owners = new List<Guid>();
        var plans = new List<(UnitUse Use, decimal Area, Guid? Owner, bool Developer)>(billable + billable / 50);
        for (var i = 0; i < billable; i++)
        {
            var draw = random.NextDouble();
            var use = draw < 0.70 ? UnitUse.Residential : draw < 0.92 ? UnitUse.ParkingSpace : draw < 0.97 ? UnitUse.Commercial : UnitUse.Office;
            var area = use switch
            {
                UnitUse.Residential => 45m + (random.Next(0, 13_500) / 100m),
                UnitUse.ParkingSpace => 11.5m + (random.Next(0, 500) / 100m),
                _ => 25m + (random.Next(0, 37_500) / 100m),
            };
            if (random.NextDouble() < 0.03)
            {
                plans.Add((use, area, developer, true));
                continue;
            }

            // Most spaces are bought by someone who owns a flat; a few people own two flats or a flat and a shop.
            var shares = owners.Count > 0 && random.NextDouble() < (use == UnitUse.ParkingSpace ? 0.6 : 0.08);
            var owner = shares ? owners[random.Next(owners.Count)] : Guid.CreateVersion7();
            if (!shares)
            {
                owners.Add(owner);
            }

            plans.Add((use, area, owner, false));
        }

        for (var i = 0; i < Math.Max(1, billable / 100); i++)
        {
            plans.Add((UnitUse.Storage, 3m + (random.Next(0, 700) / 100m), owners.Count > 0 ? owners[random.Next(owners.Count)] : developer, false));
        }

        for (var i = 0; i < Math.Max(1, billable / 200); i++)
        {
            plans.Add((UnitUse.Residential, 45m + (random.Next(0, 13_500) / 100m), null, false));
        }

        // Shuffled, so units that are not billed sit among the others as they would in a register.
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(plans));
        var buildings = new Dictionary<string, Guid>();
        var counts = new Dictionary<bool, int> { [true] = 0, [false] = 0 };
        var units = new List<SeededUnit>(plans.Count);
        foreach (var (use, area, owner, ownedByDeveloper) in plans)
        {
            var garage = use == UnitUse.ParkingSpace;
            var index = counts[garage]++;
            var building = garage ? $"P{1 + (index / 500)}" : $"{1 + (index / 120)}";
            if (!buildings.TryGetValue(building, out var buildingId))
            {
                buildings[building] = buildingId = Guid.CreateVersion7();
            }

            var source = random.NextDouble() switch { < 0.9 => AreaSource.Register, < 0.97 => AreaSource.Survey, _ => AreaSource.Contract };
            units.Add(new SeededUnit(Guid.CreateVersion7(), buildingId, building, $"{building}-{(index % (garage ? 500 : 120)) + 1:0000}",
                area, use, source, owner, ownedByDeveloper));
        }

        static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 9, 0, 0, TimeSpan.Zero);
        SeededStandard[] standards =
        [
            new(FeeUse.Residential, 120, new DateOnly(2020, 1, 1), At(2019, 12, 1)),
            new(FeeUse.Residential, 160, new DateOnly(2025, 1, 1), At(2024, 11, 20)),
            new(FeeUse.Residential, 165, new DateOnly(2025, 1, 1), At(2024, 12, 5)), // corrected the same start: the later one holds
            new(FeeUse.Residential, 190, new DateOnly(2030, 1, 1), At(2026, 11, 1)), // not in force for any month billed here
            new(FeeUse.Commercial, 240, new DateOnly(2022, 7, 1), At(2022, 6, 1)),
            new(FeeUse.Commercial, 265, new DateOnly(2024, 7, 1), At(2024, 6, 3)),
            new(FeeUse.ParkingSpace, 55, new DateOnly(2025, 1, 1), At(2024, 11, 20)),
        ];
        return new SeededCommunity(Guid.CreateVersion7(), name, 3, units, standards) { DeveloperId = developer };
    }

    /// <summary>The standard in force for a use in a month: the latest started by its first day, the latest set of equals.</summary>
    public SeededStandard? InForce(FeeUse use, BillingPeriod period) =>
        Standards.Where(s => s.Use == use && s.EffectiveFrom <= period.FirstDay)
            .OrderByDescending(s => s.EffectiveFrom).ThenByDescending(s => s.SetAt).FirstOrDefault();

    /// <summary>
    /// Each unit (of <paramref name="only"/>, else all) that the month's run must bill, with its fee by <see cref="Fen.MonthlyFee"/>
    /// and its share of the month's utility charge. Only homes, shops and offices share one, and all of them have a fee too.
    /// </summary>
    public IReadOnlyDictionary<Guid, ExpectedBill> ExpectedBills(BillingPeriod period, IEnumerable<SeededUnit>? only = null, IReadOnlyDictionary<Guid, long>? shares = null)
    {
        var expected = new Dictionary<Guid, ExpectedBill>();
        foreach (var unit in only ?? Units)
        {
            if (unit.OwnerId is { } owner && FeeUses.For(unit.Use) is { } use && InForce(use, period) is { } standard)
            {
                expected[unit.Id] = new ExpectedBill(unit.Id, owner, unit.ExclusiveArea, standard.RateFen,
                    Fen.MonthlyFee(unit.ExclusiveArea, standard.RateFen), ExpectedBill.KindFor(use), shares?.GetValueOrDefault(unit.Id) ?? 0);
            }
        }

        return expected;
    }
}

/// <summary>The months each part of a run bills, so no two parts touch the same unit and month.</summary>
public static class BillingPeriods
{
    public const int MostRepeats = 36;

    /// <summary>The warm-up run, on the small neighbouring community.</summary>
    public static readonly BillingPeriod WarmUp = new(2025, 12);

    /// <summary>The naive per-row loop's month.</summary>
    public static readonly BillingPeriod Naive = new(2029, 6);

    /// <summary>The month EXPLAIN ANALYZE bills and rolls back.</summary>
    public static readonly BillingPeriod Explain = new(2029, 12);

    /// <summary>Measured runs bill 2026-01, 2026-02, ... (at most 36 months, so before the naive month).</summary>
    public static BillingPeriod Measured(int repeat) => new(2026 + (repeat / 12), 1 + (repeat % 12));
}
