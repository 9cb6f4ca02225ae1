using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.BuildingBlocks.Data;
using RabbitMQ.Client;

namespace Platform.TestKit;

/// <summary>
/// A platform host started from its own Program on real Kestrel ports (so the gateway and gRPC clients
/// reach it over the network), against the real servers, with its own fresh database, runtime role and queue that
/// are dropped when it is disposed. As in production, the host runs as a role that owns nothing (granted rows by its
/// migrations, which run as the owner: the servers' administrator here).
/// </summary>
public class ServiceHost<TProgram> : WebApplicationFactory<TProgram>, IServiceHost where TProgram : class
{
    public const string TestIdentityHashKey = "test-identity-hash-key-of-at-least-32-characters";

    /// <summary>The key eldercare encrypts sensitive fields with in tests, made for this run (tests decrypt with it to prove what is stored).</summary>
    public const string TestEncryptionKeyId = "test-key-1";

    public static readonly string TestEncryptionKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static readonly string TestEncryptionIndexKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The key chain links (audit trail, ledgers) are made with in tests, made for this run.</summary>
    public const string TestChainKeyId = "test-chain-1";

    private static readonly string TestChainKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The key test hosts sign their chain checkpoints with, made for this run.</summary>
    public const string TestCheckpointKeyId = "test-checkpoints-1";

    private static readonly string TestCheckpointKey = System.Security.Cryptography.ECDsa.Create(
        System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem();

    /// <summary>The chain the test hosts link with: for rows a test or a benchmark writes itself that must verify.</summary>
    public static HashChain TestChain { get; } = new(Microsoft.Extensions.Options.Options.Create(
        new ChainOptions { CurrentKeyId = TestChainKeyId, Keys = { [TestChainKeyId] = TestChainKey } }));

    private readonly Dictionary<string, string?> _settings;

    public ServiceHost(string serviceName, IDictionary<string, string?>? settings = null)
    {
        ServiceName = serviceName;
        var suffix = Guid.NewGuid().ToString("N")[..10];
        DatabaseName = $"{serviceName}_{suffix}";
        QueueName = $"{serviceName}-{suffix}";
        RuntimeRole = $"{DatabaseName}_runtime";
        var runtimePassword = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        HttpPort = FreePort.Next();
        GrpcPort = FreePort.Next();

        var infrastructure = TestInfrastructure.Settings;
        CreateRuntimeRole(runtimePassword);
        _settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{serviceName}"] = new NpgsqlConnectionStringBuilder(infrastructure.Postgres)
            {
                Database = DatabaseName, Username = RuntimeRole, Password = runtimePassword,
            }.ConnectionString,
            ["PLATFORM_POSTGRES"] = infrastructure.Postgres,
            ["Ports:Http"] = HttpPort.ToString(),
            ["Ports:Grpc"] = GrpcPort.ToString(),
            ["Ports:Bind"] = "127.0.0.1",
            ["Messaging:QueueName"] = QueueName,
            ["Database:MigrateOnStartup"] = "true",
            ["Registry:IdentityHashKey"] = TestIdentityHashKey,
            ["ElderCare:Encryption:CurrentKeyId"] = TestEncryptionKeyId,
            [$"ElderCare:Encryption:Keys:{TestEncryptionKeyId}"] = TestEncryptionKey,
            ["ElderCare:Encryption:IndexKey"] = TestEncryptionIndexKey,
            ["Chains:CurrentKeyId"] = TestChainKeyId,
            [$"Chains:Keys:{TestChainKeyId}"] = TestChainKey,
            ["Checkpoints:KeyId"] = TestCheckpointKeyId,
            ["Checkpoints:SigningKey"] = TestCheckpointKey,
            ["Outbox:PollInterval"] = "00:00:00.250",
            ["Outbox:RetryDelay"] = "00:00:00.500",
            ["Outbox:PublishTimeout"] = "00:00:03",
            ["Voting:ClosePollInterval"] = "00:00:00.250",
            ["Voting:SealPollInterval"] = "00:00:00.100",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Auth:SigningKeys:0"] = TestTokens.PublicKeyPem,
            [Platform.BuildingBlocks.Security.RevokedClients.KeyPrefixSetting] = TestRevocations.KeyPrefix,
        };
        // Each host connects as its own service's broker and Redis user, made for this run.
        foreach (var (key, value) in RunUsers.SettingsFor(serviceName))
        {
            _settings[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel();
    }

    public string ServiceName { get; }

    public string DatabaseName { get; }

    public string QueueName { get; }

    public int HttpPort { get; }

    public int GrpcPort { get; }

    public Uri HttpAddress => new($"http://127.0.0.1:{HttpPort}");

    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");

    /// <summary>The role the host runs as: it reads and writes rows, owns nothing, and may not change an append-only table.</summary>
    public string RuntimeRole { get; }

    /// <summary>The host's database as the host connects to it: its runtime role.</summary>
    public string DatabaseConnectionString => _settings[$"ConnectionStrings:{ServiceName}"]!;

    /// <summary>The host's database as its tables' owner (the migrations' role): what someone holding those credentials could do.</summary>
    public string OwnerConnectionString => new NpgsqlConnectionStringBuilder(TestInfrastructure.Settings.Postgres)
    {
        Database = new NpgsqlConnectionStringBuilder(DatabaseConnectionString).Database,
    }.ConnectionString;

    /// <summary>
    /// Runs the service's own program with one of its operational commands (<c>verify-audit</c>, <c>verify-ledgers</c>)
    /// against this host's database, as an operator would; returns its exit code and everything it printed.
    /// </summary>
    public async Task<(int ExitCode, string Output)> RunCommandAsync(string command, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(TProgram).Assembly.Location, command },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(typeof(TProgram).Assembly.Location)!,
        };
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["Database__MigrateOnStartup"] = "false";
        using var process = Process.Start(start)!;
        using var cancel = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var errors = process.StandardError.ReadToEndAsync(cancel.Token);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>Starts the host (migrating its database) and waits until it reports ready.</summary>
    public async Task StartAsync()
    {
        TestTelemetry.EnsureStarted();
        await TestRevocations.MarkBuiltAsync();
        StartServer();
        using var client = CreateHttpClient();
        await Eventually.Until(async () => (await client.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "host ready");
    }

    /// <summary>A client over the network to the host's REST port.</summary>
    public HttpClient CreateHttpClient() => new() { BaseAddress = HttpAddress, Timeout = TimeSpan.FromSeconds(120) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging => logging
            .AddProvider(TestLogs.Provider)
            .AddFilter<TestLogs>(null, LogLevel.Information));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(TestInfrastructure.Settings.Postgres))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            // After its database: the role's grants went with it.
            await using var dropRole = new NpgsqlCommand($"DROP ROLE IF EXISTS \"{RuntimeRole}\"", connection);
            await dropRole.ExecuteNonQueryAsync();
        }

        await DeleteQueuesAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A login role with no rights of its own, made when the host is (its migrations grant it rows).</summary>
    private void CreateRuntimeRole(string password)
    {
        using var connection = new NpgsqlConnection(TestInfrastructure.Settings.Postgres);
        connection.Open();
        using var create = new NpgsqlCommand(
            $"CREATE ROLE \"{RuntimeRole}\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD '{password}'", connection);
        create.ExecuteNonQuery();
    }

    private async Task DeleteQueuesAsync()
    {
        var factory = new ConnectionFactory { Uri = new Uri(TestInfrastructure.Settings.RabbitMq) };
        try
        {
            await using var connection = await factory.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            string[] names = [QueueName, $"{QueueName}_error", $"{QueueName}_skipped"];

            // Unroute first, then delete. Every host's queue is bound to every event exchange on the shared broker, and
            // RabbitMQ 3.10 kills the whole connection of a publisher whose message is routed to a quorum queue in the
            // instant it is deleted (rabbit_channel case_clause on register_enqueuer), leaving another test class's
            // publish waiting for a confirm that never comes. Deleting the queue's exchange stops new routing to it.
            foreach (var name in names)
            {
                await channel.ExchangeDeleteAsync(name);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
            foreach (var name in names)
            {
                await channel.QueueDeleteAsync(name);
            }
        }
        catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException)
        {
            // A test that stopped the broker and failed before restarting it: nothing to clean here.
        }
    }
}
