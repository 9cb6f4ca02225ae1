using Platform.Contracts.Events;
using Platform.Funds.Domain.Ledgers;

namespace Platform.Bench.Funds;

/// <summary>
/// A unit of the registry copy with its maintenance-fund ledger as seeded: assessed at its building class's rate, its
/// initial deposit paid in full, and for a few ledgers drawn down by an earlier repair to just above the top-up threshold.
/// </summary>
public sealed record SeededUnit(
    Guid Id, Guid BuildingId, string BuildingNumber, string UnitNumber, decimal ExclusiveArea, UnitUse Use, BuildingType RatedAs, long RateFenPerSquareMetre,
    Guid OwnerId, long InitialDepositFen, long BalanceFen)
{
    /// <summary>The weight a cost is apportioned by: exclusive area in hundredths of a m², as the endpoint reads it from the ledger.</summary>
    public long AreaHundredths => (long)(ExclusiveArea * 100);

    /// <summary>What the earlier repair took from this ledger (0 for most).</summary>
    public long DrawnFen => InitialDepositFen - BalanceFen;
}

/// <summary>
/// One community of the funds database, generated the same way every run (fixed seed, fresh ids): 70% homes
/// (45.00–179.99 m²) in buildings of 120, a third of them multi-storey and the rest high-rise; 22% parking spaces
/// (11.50–15.99 m²) and 8% shops and offices (25.00–399.99 m²), non-residential. Each ledger was assessed at its class's
/// rate (8,000 / 10,000 / 12,000 fen per m²) and paid in full; 1% of them were then drawn down by an earlier repair to 31%
/// of their initial deposit, so the first settlement leaves them below the 30% threshold and each is asked to top up.
/// </summary>
public sealed class SeededCommunity
{
    public const int LowLedgerPercentOfDeposit = 31;

    private SeededCommunity(Guid id, string name, IReadOnlyList<SeededUnit> units)
    {
        Id = id;
        Name = name;
        Units = units;
    }

    public Guid Id { get; }

    public string Name { get; }

    public Guid TownshipId { get; } = Guid.CreateVersion7();

    public Guid PropertyCompanyId { get; } = Guid.CreateVersion7();

    public IReadOnlyList<SeededUnit> Units { get; }

    public IEnumerable<SeededUnit> DrawnDown => Units.Where(u => u.DrawnFen > 0);

    public static long RateFor(BuildingType type) => type switch
    {
        BuildingType.MultiStorey => 8_000,
        BuildingType.HighRise => 10_000,
        _ => 12_000,
    };

    public static SeededCommunity Generate(string name, int units, int seed)
    {
        var random = new Random(seed);
        var buildings = new Dictionary<string, Guid>();
        var counts = new Dictionary<UnitUse, int>();
        var list = new List<SeededUnit>(units);
        for (var i = 0; i < units; i++)
        {
            var draw = random.NextDouble();
            var use = draw < 0.70 ? UnitUse.Residential : draw < 0.92 ? UnitUse.ParkingSpace : draw < 0.97 ? UnitUse.Commercial : UnitUse.Office;
            var area = use switch
            {
                UnitUse.Residential => 45m + (random.Next(0, 13_500) / 100m),
                UnitUse.ParkingSpace => 11.5m + (random.Next(0, 500) / 100m),
                _ => 25m + (random.Next(0, 37_500) / 100m),
            };
            var perBuilding = use == UnitUse.ParkingSpace ? 500 : use == UnitUse.Residential ? 120 : 40;
            var prefix = use switch { UnitUse.ParkingSpace => "P", UnitUse.Residential => "", _ => "S" };
            var index = counts[use] = counts.GetValueOrDefault(use) + 1;
            var buildingNo = 1 + ((index - 1) / perBuilding);
            var building = $"{prefix}{buildingNo}";
            if (!buildings.TryGetValue(building, out var buildingId))
            {
                buildings[building] = buildingId = Guid.CreateVersion7();
            }

            var ratedAs = use != UnitUse.Residential ? BuildingType.NonResidential : buildingNo % 3 == 0 ? BuildingType.MultiStorey : BuildingType.HighRise;
            var rate = RateFor(ratedAs);
            var initial = DepositRule.InitialDeposit(area, rate);
            var balance = random.NextDouble() < 0.01 ? (long)Math.Ceiling(initial * LowLedgerPercentOfDeposit / 100m) : initial;
            list.Add(new SeededUnit(Guid.CreateVersion7(), buildingId, building, $"{building}-{((index - 1) % perBuilding) + 1:0000}", area, use, ratedAs, rate,
                Guid.CreateVersion7(), initial, balance));
        }

        return new SeededCommunity(Guid.CreateVersion7(), name, list);
    }

    /// <summary>Every k-th unit of the register, so a sample has the community's mix of uses, areas and drawn-down ledgers.</summary>
    public IReadOnlyList<SeededUnit> Sample(int count)
    {
        var step = (double)Units.Count / count;
        return Enumerable.Range(0, count).Select(i => Units[(int)(i * step)]).ToList();
    }

    /// <summary>A settlement's amount: 150 yuan per unit of the scope (about 1.5 yuan per m²), plus odd fen so the largest remainders have work.</summary>
    public static long SettlementFen(int units, int repeat) => (units * 15_000L) + 37 + (repeat * 11L);
}
