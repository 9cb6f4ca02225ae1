using System.Diagnostics;
using System.Security.Cryptography;
using Platform.BuildingBlocks.Messaging;

namespace Platform.TestKit;

/// <summary>
/// One broker user and one Redis user per service for this test run, with the rights production gives the service
/// (<c>deploy/local/infra.sh test-users</c> makes them from the same rules and drops them when the run ends): each host
/// connects as its service's user, so tests see the broker and Redis refuse what a real host would be refused.
/// </summary>
public static class RunUsers
{
    /// <summary>Every service with a user; the gateway has a Redis user only.</summary>
    public static readonly string[] Services = ["governance", "fees", "funds", "parking", "eldercare", "identity", "gateway"];

    private static readonly Lazy<string?> Run = new(Create);

    private static readonly string Password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    /// <summary>False when the servers are containers (no infra.sh): every host then shares the administrator.</summary>
    public static bool Available => Run.Value is not null;

    public static string UserOf(string service) => Run.Value is { } run ? $"t{run}-{service}" : AdministratorUser;

    /// <summary>The amqp URI of the service's user on the tests' virtual host.</summary>
    public static string BrokerUri(string service) => Run.Value is null
        ? TestInfrastructure.Settings.RabbitMq
        : new UriBuilder(TestInfrastructure.Settings.RabbitMq) { UserName = UserOf(service), Password = Password }.Uri.ToString();

    public static string Redis(string service) => Run.Value is null
        ? TestInfrastructure.Settings.Redis
        : $"{TestInfrastructure.Settings.Redis},user={UserOf(service)},password={Password}";

    /// <summary>A host's broker and Redis settings: its own users, and which user publishes each service's events.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> SettingsFor(string service)
    {
        yield return new("PLATFORM_RABBITMQ", BrokerUri(service));
        yield return new("PLATFORM_REDIS", Redis(service));
        foreach (var publisher in EventPublishers.All.Values.Distinct())
        {
            yield return new($"Messaging:Publishers:{publisher}", UserOf(publisher));
        }
    }

    private static string AdministratorUser => Uri.UnescapeDataString(new Uri(TestInfrastructure.Settings.RabbitMq).UserInfo.Split(':')[0]);

    private static string? Create()
    {
        if (Environment.GetEnvironmentVariable("PLATFORM_INFRA_SCRIPT") is not { Length: > 0 } script)
        {
            return null;
        }

        var run = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}x{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";
        Script(script, "create", run, Password);
        // Dropping takes seconds, more than a test host is given to exit: a detached process does it (infra.sh drops day-old leftovers).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Process.Start(
            "setsid", ["sh", "-c", "exec \"$0\" test-users delete \"$1\" >/dev/null 2>&1 </dev/null", script, run])?.Dispose();
        return run;
    }

    private static void Script(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("test-users");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} test-users {arguments[0]} failed: {errors}");
        }
    }
}
