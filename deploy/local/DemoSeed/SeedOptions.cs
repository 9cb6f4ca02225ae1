using System.Globalization;

namespace Platform.DemoSeed;

/// <summary>
/// Command line: <c>--gateway URL</c> (default http://127.0.0.1:5000), <c>--wait SECONDS</c> for readiness (default 240),
/// the administrator's <c>--client-id</c> and <c>--client-secret</c> (defaults: PLATFORM_DEMO_ADMIN_CLIENT_ID or
/// county-housing-admin, and PLATFORM_DEMO_ADMIN_SECRET, which ./run.sh sets), and <c>--clients-file PATH</c>, where the
/// demo clients and their fresh secrets are written as JSON (none by default).
/// </summary>
public sealed record SeedOptions(
    Uri Gateway, TimeSpan Wait, IReadOnlyList<string> RequiredServices, string ClientId, string? ClientSecret, string? ClientsFile)
{
    public const string ClientIdVariable = "PLATFORM_DEMO_ADMIN_CLIENT_ID";
    public const string ClientSecretVariable = "PLATFORM_DEMO_ADMIN_SECRET";
    public const string DefaultClientId = "county-housing-admin";

    public const string Usage =
        "usage: Platform.DemoSeed [--gateway http://127.0.0.1:5000] [--wait 240] [--client-id county-housing-admin] " +
        $"[--client-secret SECRET (default: ${ClientSecretVariable})] [--clients-file demo-clients.json]";

    /// <summary>The services the local app host runs; all must be ready before seeding.</summary>
    public static readonly string[] LocalServices = ["governance", "fees", "funds", "parking", "eldercare", "identity"];

    public static SeedOptions? Parse(string[] args)
    {
        var options = new SeedOptions(
            new Uri("http://127.0.0.1:5000/"), TimeSpan.FromSeconds(240), LocalServices,
            Environment.GetEnvironmentVariable(ClientIdVariable) is { Length: > 0 } clientId ? clientId : DefaultClientId,
            Environment.GetEnvironmentVariable(ClientSecretVariable) is { Length: > 0 } secret ? secret : null,
            ClientsFile: null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--gateway" when Uri.TryCreate(value, UriKind.Absolute, out var gateway):
                    options = options with { Gateway = gateway };
                    break;
                case "--wait" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds):
                    options = options with { Wait = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--client-id" when !string.IsNullOrEmpty(value):
                    options = options with { ClientId = value };
                    break;
                case "--client-secret" when !string.IsNullOrEmpty(value):
                    options = options with { ClientSecret = value };
                    break;
                case "--clients-file" when !string.IsNullOrEmpty(value):
                    options = options with { ClientsFile = value };
                    break;
                default:
                    return null;
            }

            i++;
        }

        return options;
    }
}
