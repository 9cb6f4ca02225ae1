using System.Globalization;

namespace Platform.Bench.Voting;

/// <summary>What one run does: the ballot rate and length, the community's size and how many proposals share the load.</summary>
public sealed record BenchOptions
{
    public double Rate { get; init; } = 500;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    public int Owners { get; init; } = 3_000;

    public int Proposals { get; init; } = 1;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The cheap authenticated read at the same rate: what this machine gives any request through the gateway.</summary>
    public TimeSpan BaselineDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A response slower than this is counted as a timeout (status 0), not waited for.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests waiting for an answer at most; beyond it a request is shed (counted, not sent). 20,000 descriptors per process here.</summary>
    public int MaxInFlight { get; init; } = 3_000;

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/VotingBench -- [options]
          --rate N            ballots per second, open loop (default 500)
          --duration S        seconds of measured ballots (default 60)
          --owners N          owners in the community, one unit each, imported as CSV (default 3000)
          --proposals N       open proposals the ballots are spread over, round robin (default 1: the worst case)
          --warmup S          seconds of uncounted ballots and reads first (default 20: the JIT tiers up meanwhile)
          --baseline S        seconds of the baseline read at the same rate (default 15; 0 skips it)
          --timeout S         a request unanswered after S seconds counts as a timeout (default 10)
          --max-in-flight N   requests waiting at most; more are shed and counted (default 3000)
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

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{name} needs a value.\n{Usage}");
            }

            var value = args[++i];
            options = name switch
            {
                "--rate" => options with { Rate = Positive(name, value) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Positive(name, value)) },
                "--owners" => options with { Owners = (int)Positive(name, value) },
                "--proposals" => options with { Proposals = (int)Positive(name, value) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(NonNegative(name, value)) },
                "--baseline" => options with { BaselineDuration = TimeSpan.FromSeconds(NonNegative(name, value)) },
                "--timeout" => options with { RequestTimeout = TimeSpan.FromSeconds(Positive(name, value)) },
                "--max-in-flight" => options with { MaxInFlight = (int)Positive(name, value) },
                _ => throw new ArgumentException($"Unknown option {name}.\n{Usage}"),
            };
        }

        return options;
    }

    private static double Positive(string name, string value) =>
        NonNegative(name, value) is > 0 and var number ? number : throw new ArgumentException($"{name} must be above 0, not {value}.");

    private static double NonNegative(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0
            ? number
            : throw new ArgumentException($"{name} must be a number ≥ 0, not {value}.");
}
