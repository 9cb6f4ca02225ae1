using System.Globalization;

namespace Platform.DemoSeed;

/// <summary>Command line: <c>--gateway URL</c> (default http://127.0.0.1:5000), <c>--wait SECONDS</c> for readiness (default 240).</summary>
public sealed record SeedOptions(Uri Gateway, TimeSpan Wait, IReadOnlyList<string> RequiredServices)
{
    public const string Usage = "usage: Platform.DemoSeed [--gateway http://127.0.0.1:5000] [--wait 240]";

    /// <summary>The services the local app host runs; all must be ready before seeding.</summary>
    public static readonly string[] LocalServices = ["governance", "fees", "funds", "parking", "eldercare"];

    public static SeedOptions? Parse(string[] args)
    {
        var options = new SeedOptions(new Uri("http://127.0.0.1:5000/"), TimeSpan.FromSeconds(240), LocalServices);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--gateway" when Uri.TryCreate(value, UriKind.Absolute, out var gateway):
                    options = options with { Gateway = gateway };
                    i++;
                    break;
                case "--wait" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds):
                    options = options with { Wait = TimeSpan.FromSeconds(seconds) };
                    i++;
                    break;
                default:
                    return null;
            }
        }

        return options;
    }
}
