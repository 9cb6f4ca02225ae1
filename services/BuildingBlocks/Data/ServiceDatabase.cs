using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// A service's own PostgreSQL database and the two roles it is used as (design.md rule 9): the <b>runtime</b> role the service
/// runs as, which owns nothing and may only read and write rows where the migrations granted it, and the <b>owner</b> role
/// migrations run as. Configuration is read when first asked, not when the host is built, so test hosts can override it.
/// <list type="bullet">
/// <item>runtime: "ConnectionStrings:&lt;service&gt;" (Kubernetes Secret, tests); else the server in PLATFORM_POSTGRES_RUNTIME,
/// else in PLATFORM_POSTGRES, with the database named after the service;</item>
/// <item>owner: "Database:OwnerConnectionString" (the migration Job's Secret); else the server in PLATFORM_POSTGRES with the
/// runtime connection's database; else the runtime connection itself (one role: nothing to grant).</item>
/// </list>
/// </summary>
public sealed class ServiceDatabase(string name, IConfiguration configuration)
{
    private string? _runtime;
    private string? _owner;

    public string Name => name;

    public string RuntimeConnectionString => _runtime ??= Runtime();

    public string OwnerConnectionString => _owner ??= Owner();

    /// <summary>The role the service runs as; null when it is the owner too (a single-role deployment).</summary>
    public string? RuntimeRole =>
        new NpgsqlConnectionStringBuilder(RuntimeConnectionString).Username is { Length: > 0 } runtime
        && runtime != new NpgsqlConnectionStringBuilder(OwnerConnectionString).Username
            ? runtime
            : null;

    private string Runtime()
    {
        if (configuration.GetConnectionString(name) is { Length: > 0 } explicitConnection)
        {
            return WithPlatformDefaults(new NpgsqlConnectionStringBuilder(explicitConnection));
        }

        var server = configuration["PLATFORM_POSTGRES_RUNTIME"] is { Length: > 0 } runtime ? runtime
            : configuration["PLATFORM_POSTGRES"]
              ?? throw new InvalidOperationException(
                  $"No database configured for '{name}': set ConnectionStrings__{name} or PLATFORM_POSTGRES " +
                  "(run `eval \"$(deploy/local/infra.sh env)\"` after `deploy/local/infra.sh up`).");
        return WithPlatformDefaults(new NpgsqlConnectionStringBuilder(server) { Database = name });
    }

    private string Owner()
    {
        if (configuration["Database:OwnerConnectionString"] is { Length: > 0 } explicitConnection)
        {
            return new NpgsqlConnectionStringBuilder(explicitConnection).ConnectionString;
        }

        if (configuration["PLATFORM_POSTGRES"] is { Length: > 0 } server)
        {
            var database = new NpgsqlConnectionStringBuilder(RuntimeConnectionString).Database ?? name;
            return new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        }

        return RuntimeConnectionString;
    }

    /// <summary>
    /// A service sends the same few statements all day: each is prepared on a connection once it repeats (parsing and
    /// planning cost PostgreSQL more than most of them take to run), unless the connection string sets its own
    /// "Max Auto Prepare". A pooled connection is not reset when it returns: the platform keeps no state in a session
    /// (locks are transaction-scoped, nothing is SET), so the reset would only cost a statement per use. A connection on
    /// which a command failed is reset all the same, prepared statements included (<see cref="FailedCommandInterceptor"/>).
    /// </summary>
    private static string WithPlatformDefaults(NpgsqlConnectionStringBuilder connection)
    {
        if (connection.MaxAutoPrepare == 0)
        {
            connection.MaxAutoPrepare = 64;
        }

        connection.NoResetOnClose = true;
        return connection.ConnectionString;
    }
}
