using Microsoft.Extensions.Configuration;

namespace Platform.AppHost;

/// <summary>
/// The PostgreSQL, RabbitMQ and Redis that deploy/local/infra.sh started, as its `env` command exports them: PostgreSQL as the
/// tables' owner (migrations) and as the runtime role the services connect as.
/// </summary>
public sealed record PlatformInfrastructure(string Postgres, string PostgresRuntime, string RabbitMq, string Redis)
{
    public const string PostgresVariable = "PLATFORM_POSTGRES";
    public const string PostgresRuntimeVariable = "PLATFORM_POSTGRES_RUNTIME";
    public const string RabbitMqVariable = "PLATFORM_RABBITMQ";
    public const string RedisVariable = "PLATFORM_REDIS";

    public static PlatformInfrastructure FromConfiguration(IConfiguration configuration) =>
        new(Required(configuration, PostgresVariable), Required(configuration, PostgresRuntimeVariable),
            Required(configuration, RabbitMqVariable), Required(configuration, RedisVariable));

    /// <summary>The broker as the service's own user: infra.sh names it after the service, with its name as password (local only).</summary>
    public string RabbitMqAs(string service) =>
        new UriBuilder(RabbitMq) { UserName = service, Password = service }.Uri.ToString();

    /// <summary>Redis as the service's own ACL user (infra.sh: named after the service, keys "&lt;service&gt;:*").</summary>
    public string RedisAs(string service) => $"{Redis},user={service},password={service}";

    private static string Required(IConfiguration configuration, string variable) =>
        configuration[variable] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Start the app host with ./run.sh, or run `deploy/local/infra.sh up` and " +
                "`eval \"$(deploy/local/infra.sh env)\"` first.");
}
