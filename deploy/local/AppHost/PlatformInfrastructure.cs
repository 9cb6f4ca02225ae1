using Microsoft.Extensions.Configuration;

namespace Platform.AppHost;

/// <summary>The PostgreSQL, RabbitMQ and Redis that deploy/local/infra.sh started, as its `env` command exports them.</summary>
public sealed record PlatformInfrastructure(string Postgres, string RabbitMq, string Redis)
{
    public const string PostgresVariable = "PLATFORM_POSTGRES";
    public const string RabbitMqVariable = "PLATFORM_RABBITMQ";
    public const string RedisVariable = "PLATFORM_REDIS";

    public static PlatformInfrastructure FromConfiguration(IConfiguration configuration) =>
        new(Required(configuration, PostgresVariable), Required(configuration, RabbitMqVariable), Required(configuration, RedisVariable));

    private static string Required(IConfiguration configuration, string variable) =>
        configuration[variable] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Start the app host with ./run.sh, or run `deploy/local/infra.sh up` and " +
                "`eval \"$(deploy/local/infra.sh env)\"` first.");
}
