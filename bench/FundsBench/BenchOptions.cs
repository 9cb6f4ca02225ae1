using System.Globalization;
using Platform.Funds.Api.Repairs;

namespace Platform.Bench.Funds;

/// <summary>What one run does: the community's size, how many measured settlements, how big the naive sample is.</summary>
public sealed record BenchOptions
{
    /// <summary>Units in the measured community, each with a funded ledger; every settlement is apportioned over all of them.</summary>
    public int Units { get; init; } = 20_000;

    /// <summary>Measured settlements, each a fresh repair project paid once; the median is reported.</summary>
    public int Repeats { get; init; } = 5;

    /// <summary>Units the naive per-line EF Core loop charges; its entries/s is compared, not its total time.</summary>
    public int NaiveUnits { get; init; } = 2_000;

    /// <summary>After the checks, probe EF Core's change tracking and a set-based posting of the same amount (rolled back).</summary>
    public bool Explain { get; init; }

    /// <summary>The ledgers seeded near the top-up threshold hold enough for this many settlements and the naive sample's.</summary>
    public const int MostRepeats = 12;

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/FundsBench -- [options]
          --units N         units in the community, each with a funded ledger; each settlement is shared by all (default 20000)
          --repeats N       measured settlements, each a fresh emergency repair project paid once; the median is reported (default 5)
          --naive-units N   units charged by the naive per-line EF Core loop, for its entries/s (default 2000; 0 skips it)
          --explain         then probe EF Core's change tracking and a set-based posting of the same amount (rolled back)
        Needs PLATFORM_POSTGRES, PLATFORM_RABBITMQ, PLATFORM_REDIS (eval "$(deploy/local/infra.sh env)").
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                throw new ArgumentException(Usage);
            }

            if (name == "--explain")
            {
                options = options with { Explain = true };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{name} needs a value.\n{Usage}");
            }

            var value = args[++i];
            options = name switch
            {
                "--units" => options with { Units = Count(name, value, minimum: 10, maximum: ProposeRepairRequest.MaxScopeUnits) },
                "--repeats" => options with { Repeats = Count(name, value, minimum: 1, maximum: MostRepeats) },
                "--naive-units" => options with { NaiveUnits = Count(name, value, minimum: 0) },
                _ => throw new ArgumentException($"Unknown option {name}.\n{Usage}"),
            };
        }

        return options.NaiveUnits <= options.Units
            ? options
            : throw new ArgumentException($"--naive-units ({options.NaiveUnits}) cannot exceed --units ({options.Units}).");
    }

    private static int Count(string name, string value, int minimum, int maximum = int.MaxValue) =>
        int.TryParse(value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number) && number >= minimum && number <= maximum
            ? number
            : throw new ArgumentException($"{name} must be a whole number from {minimum} to {maximum}, not {value}.");
}
