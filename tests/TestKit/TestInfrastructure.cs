using System.Diagnostics;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using Testcontainers.Redis;

namespace Platform.TestKit;

/// <summary>Where the real servers are: PostgreSQL (no database named), RabbitMQ (amqp URI), Redis.</summary>
public sealed record InfrastructureSettings(string Postgres, string RabbitMq, string Redis);

/// <summary>
/// The PostgreSQL, RabbitMQ and Redis the tests use: those ./test.sh started (PLATFORM_* variables),
/// else containers when a Docker engine is reachable, else the run stops saying how to start them.
/// </summary>
public static class TestInfrastructure
{
    private static readonly Lazy<InfrastructureSettings> Current = new(Resolve);
    private static RabbitMqContainer? _rabbitContainer;

    public static InfrastructureSettings Settings => Current.Value;

    private static InfrastructureSettings Resolve()
    {
        var postgres = Environment.GetEnvironmentVariable("PLATFORM_POSTGRES");
        var rabbit = Environment.GetEnvironmentVariable("PLATFORM_RABBITMQ");
        var redis = Environment.GetEnvironmentVariable("PLATFORM_REDIS");
        if (!string.IsNullOrEmpty(postgres) && !string.IsNullOrEmpty(rabbit) && !string.IsNullOrEmpty(redis))
        {
            return new InfrastructureSettings(postgres, rabbit, redis);
        }

        if (DockerIsReachable())
        {
            return StartContainers();
        }

        throw new InvalidOperationException(
            "No PostgreSQL, RabbitMQ and Redis for the tests. Run ./test.sh (it starts them), or start them yourself: " +
            "`deploy/local/infra.sh up && eval \"$(deploy/local/infra.sh env)\"`, then run `dotnet test` in that shell. " +
            "With a Docker engine reachable the tests would start containers instead.");
    }

    /// <summary>Stops the broker application (connections drop, the port refuses) until <see cref="StartBrokerAsync"/>.</summary>
    public static Task StopBrokerAsync() => BrokerAsync("stop");

    public static Task StartBrokerAsync() => BrokerAsync("start");

    private static async Task BrokerAsync(string verb)
    {
        if (_rabbitContainer is not null)
        {
            await _rabbitContainer.ExecAsync(["rabbitmqctl", $"{verb}_app"]);
            return;
        }

        var script = Environment.GetEnvironmentVariable("PLATFORM_INFRA_SCRIPT")
            ?? throw new InvalidOperationException("PLATFORM_INFRA_SCRIPT is not set; run the tests through ./test.sh.");
        using var process = Process.Start(new ProcessStartInfo(script, $"broker-{verb}") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} broker-{verb} failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }

    private static bool DockerIsReachable() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")) || File.Exists("/var/run/docker.sock");

    private static InfrastructureSettings StartContainers()
    {
        var postgres = new PostgreSqlBuilder("postgres:15").Build();
        _rabbitContainer = new RabbitMqBuilder("rabbitmq:3.13").Build();
        var redis = new RedisBuilder("redis:7").Build();
        Task.WaitAll(postgres.StartAsync(), _rabbitContainer.StartAsync(), redis.StartAsync());
        var server = new Npgsql.NpgsqlConnectionStringBuilder(postgres.GetConnectionString()) { Database = null }.ConnectionString;
        return new InfrastructureSettings(server, _rabbitContainer.GetConnectionString(), redis.GetConnectionString());
    }
}
