using System.Globalization;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Bench.Fees;

/// <summary>What one run does: the community's size, how many measured bill runs, how big the naive sample is.</summary>
public sealed record BenchOptions
{
    /// <summary>Billable units in the measured community (each with an owner and a standard in force).</summary>
    public int Units { get; init; } = 100_000;

    /// <summary>Units the naive per-row EF Core loop bills; its bills/s is compared, not its total time.</summary>
    public int NaiveUnits { get; init; } = 5_000;

    /// <summary>Measured bill runs, each for a month not billed yet; the median is reported.</summary>
    public int Repeats { get; init; } = 5;

    /// <summary>Each measured month carries a community-wide common-area electricity charge, shared onto its bills.</summary>
    public bool UtilityCharges { get; init; } = true;

    /// <summary>After the runs, EXPLAIN ANALYZE of the endpoint's statement for one more fresh month, rolled back.</summary>
    public bool Explain { get; init; }

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/FeesBench -- [options]
          --units N         billable units in the community, each with an owner (default 100000)
          --naive-units N   units billed by the naive per-row EF Core loop, for its bills/s (default 5000; 0 skips it)
          --repeats N       measured bill runs, each for a month not billed yet; the median is reported (default 5)
          --no-utility      no common-area utility charge on the measured months (default: one community-wide charge each)
          --explain         then EXPLAIN (ANALYZE, BUFFERS) the endpoint's statement for one more month, rolled back
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

            if (name is "--explain" or "--no-utility")
            {
                options = name == "--explain" ? options with { Explain = true } : options with { UtilityCharges = false };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{name} needs a value.\n{Usage}");
            }

            var value = args[++i];
            options = name switch
            {
                "--units" => options with { Units = Count(name, value, minimum: 1) },
                "--naive-units" => options with { NaiveUnits = Count(name, value, minimum: 0) },
                "--repeats" => options with { Repeats = Count(name, value, minimum: 1, maximum: BillingPeriods.MostRepeats) },
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
